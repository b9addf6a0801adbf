//! Image XObjects, lossless and at full resolution: a JPEG is passed
//! through as it is (DCTDecode); anything else is decoded and its exact
//! pixels deflated, with the alpha channel as a soft mask.

use super::file::PdfFile;
use crate::assets::{ImageFormat, LoadedImage};
use crate::error::Error;
use image::DynamicImage;
use lopdf::{dictionary, Dictionary, ObjectId};

/// The resource name of image `index` of [`crate::pdf::frame::LaidOut::images`].
pub(super) fn resource_name(index: usize) -> String {
    format!("Im{}", index + 1)
}

/// Writes one image; returns its XObject's id.
pub(super) fn embed(
    file: &mut PdfFile,
    image: &LoadedImage,
    index: usize,
) -> Result<ObjectId, Error> {
    let fail = |reason: String| Error::Image {
        path: format!("image {}", index + 1),
        src: String::new(),
        reason,
    };
    let base = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Image",
        "Width" => i64::from(image.width_px),
        "Height" => i64::from(image.height_px),
    };
    if image.format == ImageFormat::Jpeg {
        if let Some(components) = jpeg_components(&image.bytes).filter(|c| *c == 1 || *c == 3) {
            let mut dict = base;
            dict.set(
                "ColorSpace",
                if components == 1 {
                    "DeviceGray"
                } else {
                    "DeviceRGB"
                },
            );
            dict.set("BitsPerComponent", 8);
            dict.set("Filter", "DCTDecode");
            return Ok(file.add_raw(dict, image.bytes.clone()));
        }
        // CMYK and other JPEGs: decode (losslessly from here on) like a PNG.
    }
    let decoded = image.decode().map_err(|e| fail(e.to_string()))?;
    let (colour, alpha, bits, space) = split(&decoded);
    let smask = match alpha {
        // A fully opaque alpha channel is dropped: it changes nothing.
        Some(alpha) if alpha.iter().any(|&a| a != 0xFF) => {
            let mut dict = base.clone();
            dict.set("ColorSpace", "DeviceGray");
            dict.set("BitsPerComponent", bits);
            Some(file.add_deflated(dict, &alpha)?)
        }
        _ => None,
    };
    let mut dict: Dictionary = base;
    dict.set("ColorSpace", space);
    dict.set("BitsPerComponent", bits);
    if let Some(mask) = smask {
        dict.set("SMask", mask);
    }
    file.add_deflated(dict, &colour)
}

/// Colour samples, alpha samples (if any), bits per component, colour space.
fn split(img: &DynamicImage) -> (Vec<u8>, Option<Vec<u8>>, i64, &'static str) {
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
