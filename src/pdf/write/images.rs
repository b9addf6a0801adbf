//! Image XObjects, lossless and at full resolution: a JPEG is passed
//! through as it is (DCTDecode), and so is an opaque PNG's compressed data
//! (Flate with PNG predictors); a PNG with transparency is decoded and its
//! exact pixels deflated, with the alpha channel as a soft mask.

use super::file::PdfFile;
use crate::assets::{ImageFormat, LoadedImage};
use crate::error::Error;
use image::DynamicImage;
use pdf_writer::writers::ImageXObject;
use pdf_writer::{Filter, Name, Ref};

/// The resource name of image `index` of [`crate::pdf::frame::LaidOut::images`].
pub(super) fn resource_name(index: usize) -> String {
    format!("Im{}", index + 1)
}

/// Writes one image; returns its XObject's id.
pub(super) fn embed(file: &mut PdfFile, image: &LoadedImage, index: usize) -> Result<Ref, Error> {
    let fail = |reason: String| Error::Image {
        path: format!("image {}", index + 1),
        src: String::new(),
        reason,
    };
    let size = |v: u32| i32::try_from(v).map_err(|_| fail(format!("{v} pixels is too large")));
    let (width, height) = (size(image.width_px)?, size(image.height_px)?);
    let start = |x: &mut ImageXObject<'_>, space: Name<'_>, bits: i32| {
        x.width(width)
            .height(height)
            .color_space_name(space)
            .bits_per_component(bits);
    };
    if image.format == ImageFormat::Jpeg {
        if let Some(components) = jpeg_components(&image.bytes).filter(|c| *c == 1 || *c == 3) {
            let space = if components == 1 {
                Name(b"DeviceGray")
            } else {
                Name(b"DeviceRGB")
            };
            let id = file.reserve();
            let mut x = file.stream_obj(id).image_xobject(id, &image.bytes);
            start(&mut x, space, 8);
            x.filter(Filter::DctDecode);
            return Ok(id);
        }
        // CMYK and other JPEGs: decode (losslessly from here on) like a PNG.
    }
    if image.format == ImageFormat::Png {
        if let Some(png) = png_passthrough(&image.bytes) {
            let id = file.reserve();
            let mut x = file.stream_obj(id).image_xobject(id, &png.data);
            x.width(width).height(height);
            match png.palette {
                Some(palette) => {
                    x.color_space().indexed(
                        Name(b"DeviceRGB"),
                        (palette.len() / 3 - 1) as i32,
                        palette,
                    );
                }
                None if png.colors == 1 => {
                    x.color_space_name(Name(b"DeviceGray"));
                }
                None => {
                    x.color_space_name(Name(b"DeviceRGB"));
                }
            }
            x.bits_per_component(i32::from(png.depth));
            x.filter(Filter::FlateDecode);
            x.decode_parms()
                .predictor(pdf_writer::types::Predictor::PngOptimum)
                .colors(i32::from(png.colors))
                .bits_per_component(i32::from(png.depth))
                .columns(width);
            return Ok(id);
        }
    }
    let decoded = image.decode().map_err(|e| fail(e.to_string()))?;
    let (colour, alpha, bits, space) = split(&decoded);
    let smask = match alpha {
        // A fully opaque alpha channel is dropped: it changes nothing.
        Some(alpha) if alpha.iter().any(|&a| a != 0xFF) => {
            let id = file.reserve();
            let packed = file.deflate(&alpha)?;
            let mut x = file.stream_obj(id).image_xobject(id, &packed);
            start(&mut x, Name(b"DeviceGray"), bits);
            x.filter(Filter::FlateDecode);
            Some(id)
        }
        _ => None,
    };
    let id = file.reserve();
    let packed = file.deflate(&colour)?;
    let mut x = file.stream_obj(id).image_xobject(id, &packed);
    start(&mut x, Name(space.as_bytes()), bits);
    if let Some(mask) = smask {
        x.s_mask(mask);
    }
    x.filter(Filter::FlateDecode);
    Ok(id)
}

/// Colour samples, alpha samples (if any), bits per component, colour space.
fn split(img: &DynamicImage) -> (Vec<u8>, Option<Vec<u8>>, i32, &'static str) {
    let sixteen = matches!(
        img,
        DynamicImage::ImageLuma16(_)
            | DynamicImage::ImageLumaA16(_)
            | DynamicImage::ImageRgb16(_)
            | DynamicImage::ImageRgba16(_)
    );
    let gray = matches!(
        img,
        DynamicImage::ImageLuma8(_)
            | DynamicImage::ImageLumaA8(_)
            | DynamicImage::ImageLuma16(_)
            | DynamicImage::ImageLumaA16(_)
    );
    let has_alpha = img.color().has_alpha();
    let space = if gray { "DeviceGray" } else { "DeviceRGB" };
    let channels = if gray { 1 } else { 3 };
    if sixteen {
        let samples: Vec<u16> = match (gray, has_alpha) {
            (true, false) => img.to_luma16().into_raw(),
            (true, true) => img.to_luma_alpha16().into_raw(),
            (false, false) => img.to_rgb16().into_raw(),
            (false, true) => img.to_rgba16().into_raw(),
        };
        let stride = channels + usize::from(has_alpha);
        let mut colour = Vec::with_capacity(samples.len() * 2);
        let mut alpha = Vec::new();
        for px in samples.chunks_exact(stride) {
            for &s in &px[..channels] {
                colour.extend_from_slice(&s.to_be_bytes());
            }
            if has_alpha {
                alpha.extend_from_slice(&px[channels].to_be_bytes());
            }
        }
        (colour, has_alpha.then_some(alpha), 16, space)
    } else {
        let samples: Vec<u8> = match (gray, has_alpha) {
            (true, false) => img.to_luma8().into_raw(),
            (true, true) => img.to_luma_alpha8().into_raw(),
            (false, false) => img.to_rgb8().into_raw(),
            (false, true) => img.to_rgba8().into_raw(),
        };
        if !has_alpha {
            return (samples, None, 8, space);
        }
        let stride = channels + 1;
        let mut colour = Vec::with_capacity(samples.len() / stride * channels);
        let mut alpha = Vec::with_capacity(samples.len() / stride);
        for px in samples.chunks_exact(stride) {
            colour.extend_from_slice(&px[..channels]);
            alpha.push(px[channels]);
        }
        (colour, Some(alpha), 8, space)
    }
}

/// A PNG whose compressed data PDF can read as it is.
struct PngParts<'a> {
    /// An indexed image's palette (RGB triples); else the colour space is
    /// grey for one colour, RGB for three.
    palette: Option<&'a [u8]>,
    colors: u8,
    depth: u8,
    data: Vec<u8>,
}

/// A PNG without transparency and not interlaced is already a PDF Flate
/// stream with the PNG predictors: its IDAT data is embedded unchanged (no
/// decoding, no re-compression). Anything else returns `None` and is decoded.
fn png_passthrough(bytes: &[u8]) -> Option<PngParts<'_>> {
    let mut at = 8;
    let (mut depth, mut colour_type, mut interlace) = (0, 0, 1);
    let mut palette: Option<&[u8]> = None;
    let mut data = Vec::new();
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().ok()?) as usize;
        let kind = &bytes[at + 4..at + 8];
        let body = bytes.get(at + 8..at + 8 + len)?;
        match kind {
            b"IHDR" if len >= 13 => {
                depth = body[8];
                colour_type = body[9];
                interlace = body[12];
            }
            b"PLTE" => palette = Some(body),
            b"tRNS" => return None,
            b"IDAT" => data.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
        at += 12 + len;
    }
    if interlace != 0 || data.is_empty() {
        return None;
    }
    let (palette, colors) = match colour_type {
        0 => (None, 1),
        2 if depth >= 8 => (None, 3),
        3 => {
            let palette = palette.filter(|p| !p.is_empty() && p.len() % 3 == 0)?;
            (Some(palette), 1)
        }
        _ => return None, // grey or colour with alpha: the alpha becomes a soft mask
    };
    Some(PngParts {
        palette,
        colors,
        depth,
        data,
    })
}

/// The number of colour components in a JPEG's frame header.
fn jpeg_components(bytes: &[u8]) -> Option<u8> {
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            return bytes.get(i + 9).copied();
        }
        i += 2 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::png_passthrough;

    fn png(img: image::DynamicImage) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn opaque_pngs_pass_through_and_transparent_ones_do_not() {
        let rgb = png(image::DynamicImage::ImageRgb8(image::RgbImage::new(3, 2)));
        let parts = png_passthrough(&rgb).expect("RGB passes through");
        assert_eq!((parts.colors, parts.depth), (3, 8));
        let grey16 = png(image::DynamicImage::ImageLuma16(image::ImageBuffer::new(
            3, 2,
        )));
        let parts = png_passthrough(&grey16).expect("16-bit grey passes through");
        assert_eq!((parts.colors, parts.depth), (1, 16));
        let rgba = png(image::DynamicImage::ImageRgba8(image::RgbaImage::new(3, 2)));
        assert!(png_passthrough(&rgba).is_none());
        // A file cut inside its image data is not read past its end.
        assert!(png_passthrough(&rgb[..rgb.len() - 20]).is_none());
    }
}
