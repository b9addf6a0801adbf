//! Images and logos, loaded and checked once for both renderers.
//!
//! Both renderers embed the same bytes, made here: the file with its
//! metadata taken out ([`clean`]), its compressed picture data unchanged (no
//! lossy re-encoding), unless the file asks to be shown turned (EXIF
//! orientation), when the upright picture is encoded again so both formats
//! show it upright. Decoding the whole file here checks it is a real,
//! complete PNG or JPEG and gives its pixel size, so a bad file is an error
//! naming it, never a half-drawn picture or a panic inside a renderer.

use crate::compose::{Document, NodeKind};
use crate::error::Error;
use crate::resources::{folder_or_nowhere, ResourceError, ResourceKind, Resources};
use image::metadata::Orientation;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

mod clean;

/// The largest image file accepted (an A4 page at 300 dpi is well under this).
pub const MAX_IMAGE_BYTES: usize = 20 * 1024 * 1024;

/// The widest or tallest image accepted, in pixels: 85 cm at 300 dpi, far
/// beyond any page, yet a limit a decompression bomb (a small file declaring
/// an enormous picture) cannot get past.
pub const MAX_IMAGE_SIDE: u32 = 10_000;

/// The most memory decoding one image may take (a 24-megapixel photo needs
/// 72 MB); the renderers hold a few copies while converting.
pub const MAX_DECODED_BYTES: u64 = 128 * 1024 * 1024;

const DEFAULT_LOGO: &[u8] = include_bytes!("../assets/logo.png");

/// The built-in mark as [`LoadedImage::from_bytes`] loads it, without
/// decoding its pixels: it is this crate's own file, and a test
/// (`the_built_in_logo_is_what_loading_it_gives`) checks it decodes and
/// that this is what loading it gives. The decode only confirmed that, and
/// was 4% of `clerk --check` (measured with perf). Its size is read
/// from the PNG header (width, then height, after the signature and the
/// header's length and type).
fn default_logo() -> LoadedImage {
    let be = |at: usize| {
        u32::from_be_bytes([
            DEFAULT_LOGO[at],
            DEFAULT_LOGO[at + 1],
            DEFAULT_LOGO[at + 2],
            DEFAULT_LOGO[at + 3],
        ])
    };
    LoadedImage {
        bytes: DEFAULT_LOGO.to_vec(),
        format: ImageFormat::Png,
        width_px: be(16),
        height_px: be(20),
        file: 0,
    }
}

/// A PNG or JPEG.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
}

impl ImageFormat {
    fn name(self) -> &'static str {
        match self {
            ImageFormat::Png => "PNG",
            ImageFormat::Jpeg => "JPEG",
        }
    }
}

/// A checked image.
#[derive(Debug, Clone)]
pub struct LoadedImage {
    /// The file without its metadata, turned upright: what both formats embed.
    pub bytes: Vec<u8>,
    /// Its format.
    pub format: ImageFormat,
    /// Width in pixels.
    pub width_px: u32,
    /// Height in pixels.
    pub height_px: u32,
    /// Which file this is among a document's images: names that lead to one
    /// file (`images/x.png`, `./images/x.png`, a link to it) share the
    /// number, and the renderers embed each number once.
    pub file: usize,
}

impl LoadedImage {
    /// Checks bytes are a decodable PNG or JPEG within the size limits;
    /// `path` (the JSON path) and `src` (the file name) name it in errors.
    pub fn from_bytes(bytes: Vec<u8>, path: &str, src: &str) -> Result<LoadedImage, Error> {
        let fail = |reason: String| Error::Image {
            path: path.to_string(),
            src: src.to_string(),
            reason,
        };
        if bytes.len() > MAX_IMAGE_BYTES {
            return Err(fail(too_big(bytes.len() as u64)));
        }
        let format = match image::guess_format(&bytes) {
            Ok(image::ImageFormat::Png) => ImageFormat::Png,
            Ok(image::ImageFormat::Jpeg) => ImageFormat::Jpeg,
            _ => {
                return Err(fail(
                    "the file is not a PNG or JPEG image (whatever its name says): \
                     export or save it as PNG or JPEG and try again"
                        .into(),
                ))
            }
        };
        // A name that says one format over a file of the other is a sign the
        // wrong file was picked, or one renamed by hand: the clerk should
        // hear of it before publication, not find an unexpected picture.
        let named = Path::new(src)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let claimed = match named.as_deref() {
            Some("png") => Some(ImageFormat::Png),
            Some("jpg" | "jpeg") => Some(ImageFormat::Jpeg),
            _ => None,
        };
        if claimed.is_some_and(|c| c != format) {
            return Err(fail(format!(
                "the file is a {} image but its name ends in .{}: rename it to match \
                 (.png for PNG, .jpg for JPEG) or export it again",
                format.name(),
                named.unwrap_or_default()
            )));
        }
        // Decode fully, and strictly: a truncated or damaged file must fail
        // here, not print as half a picture. The cleaned bytes are the ones
        // decoded, as they are the ones embedded.
        let clean = match format {
            ImageFormat::Png => clean::png(&bytes),
            ImageFormat::Jpeg => clean::jpeg(&bytes),
        }
        .map_err(fail)?;
        let mut decoded = decode(&clean, format).map_err(fail)?;
        let turn = clean::exif(&bytes, format)
            .and_then(Orientation::from_exif_chunk)
            .unwrap_or(Orientation::NoTransforms);
        drop(bytes);
        let clean = if turn == Orientation::NoTransforms {
            clean
        } else {
            // Word and the PDF both show the stored pixels (the orientation
            // went with the rest of the EXIF), so the picture is turned here
            // and encoded again: losslessly for a PNG, at a quality no one can
            // tell from the original for a JPEG (see `reencode`).
            decoded.apply_orientation(turn);
            reencode(&decoded, format).map_err(fail)?
        };
        Ok(LoadedImage {
            format,
            width_px: decoded.width(),
            height_px: decoded.height(),
            bytes: clean,
            file: 0,
        })
    }

    /// Decoded pixels, within the same limits as loading.
    pub fn decode(&self) -> Result<image::DynamicImage, Error> {
        decode(&self.bytes, self.format).map_err(|reason| Error::Image {
            path: String::new(),
            src: String::new(),
            reason,
        })
    }

    /// Natural width at 96 dpi, in millimetres.
    pub fn natural_width_mm(&self) -> f32 {
        self.width_px as f32 * 25.4 / 96.0
    }
}

fn too_big(bytes: u64) -> String {
    format!(
        "the file is {bytes} bytes; images may be at most {MAX_IMAGE_BYTES}: \
         save it smaller (a chart or photo for a report needs no more than about 2,500 pixels across)"
    )
}

/// JPEG quality for a turned photo. Measured on a 1,600 × 1,200 photo:
/// 95 gives a file about 1.6 times the camera's (quality ~90) and no visible
/// change; PNG, the lossless choice, was 6 times the size, which in a report
/// with a dozen photos is tens of megabytes more to email.
const TURNED_JPEG_QUALITY: u8 = 95;

/// The picture encoded again in its own format (no metadata is written).
fn reencode(img: &image::DynamicImage, format: ImageFormat) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let written = match format {
        ImageFormat::Png => img.write_with_encoder(image::codecs::png::PngEncoder::new(&mut out)),
        ImageFormat::Jpeg => img.write_with_encoder(
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, TURNED_JPEG_QUALITY),
        ),
    };
    written.map_err(|e| format!("the image could not be turned upright ({e}): save it upright and try again"))?;
    Ok(out)
}

/// Reads the size from the header first and refuses an image too big to
/// decode, so a decompression bomb costs a few bytes of reading, not the
/// memory it asks for; the decoder itself is capped too, as a header can lie.
fn decode(bytes: &[u8], format: ImageFormat) -> Result<image::DynamicImage, String> {
    if format == ImageFormat::Jpeg {
        return decode_jpeg(bytes);
    }
    use image::ImageDecoder;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes));
    reader.set_format(match format {
        ImageFormat::Png => image::ImageFormat::Png,
        ImageFormat::Jpeg => image::ImageFormat::Jpeg,
    });
    reader.limits(limits.clone());
    let unreadable = |e: image::ImageError| {
        format!(
            "the file cannot be read as a {} image ({e}); it may be damaged or cut short: \
             export or save it again",
            format.name()
        )
    };
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    let (w, h) = decoder.dimensions();
    let needed = decoder.total_bytes();
    check_size(w, h, needed)?;
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    decoder.set_limits(limits).map_err(unreadable)?;
    image::DynamicImage::from_decoder(decoder).map_err(unreadable)
}

fn check_size(w: u32, h: u32, needed: u64) -> Result<(), String> {
    if w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE || needed > MAX_DECODED_BYTES {
        return Err(format!(
            "the image is {w} × {h} pixels, too big to print (at most {MAX_IMAGE_SIDE} pixels \
             wide or high, and {} in all): save it smaller, about 2,500 pixels across is plenty",
            megapixels(needed, u64::from(w) * u64::from(h))
        ));
    }
    if w == 0 || h == 0 {
        return Err(format!(
            "the image is {w} × {h} pixels, so there is nothing to show: export it again"
        ));
    }
    Ok(())
}

/// A JPEG decoded in strict mode: through `image` the decoder forgives a
/// file cut short, a scan of garbage or a header claiming more pixels than
/// the data holds, filling the rest with grey; strict, each is an error.
fn decode_jpeg(bytes: &[u8]) -> Result<image::DynamicImage, String> {
    use image::DynamicImage as D;
    use zune_core::colorspace::ColorSpace;
    let unreadable = |e: &dyn std::fmt::Display| {
        format!(
            "the file cannot be read as a JPEG image ({e}); it may be damaged or cut short: \
             export or save it again"
        )
    };
    let options = zune_core::options::DecoderOptions::default()
        .set_strict_mode(true)
        .set_max_width(usize::MAX)
        .set_max_height(usize::MAX);
    let mut decoder =
        zune_jpeg::JpegDecoder::new_with_options(zune_core::bytestream::ZCursor::new(bytes), options);
    decoder.decode_headers().map_err(|e| unreadable(&e))?;
    let (w, h) = decoder.dimensions().unwrap_or((0, 0));
    // A JPEG's sides are 16-bit, so these fit.
    let (w, h) = (w as u32, h as u32);
    // The same colours `image` gives: CMYK and YCCK become RGB.
    let colours = match decoder.input_colorspace() {
        Some(c @ (ColorSpace::Luma | ColorSpace::LumaA | ColorSpace::RGB | ColorSpace::RGBA)) => c,
        _ => ColorSpace::RGB,
    };
    check_size(w, h, u64::from(w) * u64::from(h) * colours.num_components() as u64)?;
    decoder.set_options(decoder.options().jpeg_set_out_colorspace(colours));
    let pixels = decoder.decode().map_err(|e| unreadable(&e))?;
    let short = || unreadable(&"fewer pixels than its header says");
    Ok(match colours {
        ColorSpace::Luma => D::ImageLuma8(image::ImageBuffer::from_raw(w, h, pixels).ok_or_else(short)?),
        ColorSpace::LumaA => D::ImageLumaA8(image::ImageBuffer::from_raw(w, h, pixels).ok_or_else(short)?),
        ColorSpace::RGBA => D::ImageRgba8(image::ImageBuffer::from_raw(w, h, pixels).ok_or_else(short)?),
        _ => D::ImageRgb8(image::ImageBuffer::from_raw(w, h, pixels).ok_or_else(short)?),
    })
}

/// The most pixels accepted for an image stored as this one is (the memory
/// limit over its bytes per pixel: 8-bit colour with transparency takes 4,
/// 16-bit 8, greys 1), in megapixels rounded down, so the figure a clerk is
/// told is always accepted.
fn megapixels(needed: u64, pixels: u64) -> String {
    let per_pixel = needed.div_ceil(pixels.max(1)).max(1);
    let most = (MAX_DECODED_BYTES / per_pixel).min(u64::from(MAX_IMAGE_SIDE).pow(2));
    format!("at most {:.1} megapixels", (most / 100_000) as f64 / 10.0)
}

/// Every image a composed document needs, keyed by `src`, plus the logo.
#[derive(Debug, Clone)]
pub struct Assets {
    /// The brand's logo.
    pub logo: LoadedImage,
    /// Body images by `src`; every `src` naming one file shares one image
    /// (and one [`LoadedImage::file`]).
    pub images: BTreeMap<String, Arc<LoadedImage>>,
}

impl Assets {
    /// Loads the logo (relative to the template's folder) and each image
    /// (relative to `report_dir`); neither may reach outside its folder.
    /// With no `report_dir`, a report with images is refused.
    pub fn load(
        doc: &Document,
        template: &crate::template::Template,
        report_dir: Option<&Path>,
    ) -> Result<Assets, Error> {
        let images = folder_or_nowhere(report_dir);
        Assets::with_logo(doc, &*images, Assets::logo(template)?)
    }

    /// The brand's logo (relative to the template's folder), checked.
    pub fn logo(template: &crate::template::Template) -> Result<LoadedImage, Error> {
        Assets::logo_from(template, &*folder_or_nowhere(template.base_dir.as_deref()))
    }

    /// The brand's logo read from `files`, checked; the built-in mark when
    /// the brand names none.
    pub fn logo_from(
        template: &crate::template::Template,
        files: &dyn Resources,
    ) -> Result<LoadedImage, Error> {
        let at = "$.brand.logo";
        match &template.brand.logo {
            None => Ok(default_logo()),
            Some(src) => {
                let bytes = files
                    .read(src, ResourceKind::Logo)
                    .map_err(|e| image_error(at, src, e))?;
                LoadedImage::from_bytes(bytes, at, src)
            }
        }
    }

    /// Like [`Assets::load`], with the images read from `images` and a logo
    /// already loaded (a renderer loads its brand's logo once, not for every
    /// report).
    ///
    /// Each file is read and decoded once, however many names lead to it
    /// (`images/x.png`, `./images/x.png`, a link): what a name leads to is
    /// asked first ([`Resources::identify`]), without reading. Linear: two
    /// map lookups per image, and one read and decode per distinct file.
    pub fn with_logo(
        doc: &Document,
        images: &dyn Resources,
        logo: LoadedImage,
    ) -> Result<Assets, Error> {
        let mut loaded: BTreeMap<String, Arc<LoadedImage>> = BTreeMap::new();
        let mut by_file: HashMap<crate::resources::FileId, Arc<LoadedImage>> = HashMap::new();
        let mut files = 0;
        for node in doc.nodes() {
            let NodeKind::Image(img) = &node.kind else {
                continue;
            };
            if loaded.contains_key(&img.src) {
                continue;
            }
            let id = images.identify(&img.src, ResourceKind::Image);
            if let Some(same) = id.as_ref().and_then(|id| by_file.get(id)) {
                loaded.insert(img.src.clone(), same.clone());
                continue;
            }
            let bytes = images
                .read(&img.src, ResourceKind::Image)
                .map_err(|e| image_error(&node.path, &img.src, e))?;
            let mut image = LoadedImage::from_bytes(bytes, &node.path, &img.src)?;
            image.file = files;
            files += 1;
            let image = Arc::new(image);
            if let Some(id) = id {
                by_file.insert(id, image.clone());
            }
            loaded.insert(img.src.clone(), image);
        }
        Ok(Assets {
            logo,
            images: loaded,
        })
    }
}

fn image_error(path: &str, src: &str, e: ResourceError) -> Error {
    let reason = match e {
        // The image limit's own wording, the same as for bytes given in memory.
        ResourceError::TooLarge { size, .. } => too_big(size),
        other => other.to_string(),
    };
    Error::Image {
        path: path.to_string(),
        src: src.to_string(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_logo_is_what_loading_it_gives() {
        let loaded = LoadedImage::from_bytes(DEFAULT_LOGO.to_vec(), "$.brand.logo", "logo.png")
            .expect("the built-in logo decodes");
        let quick = default_logo();
        assert_eq!(quick.bytes, loaded.bytes);
        assert_eq!(quick.format, loaded.format);
        assert_eq!(
            (quick.width_px, quick.height_px),
            (loaded.width_px, loaded.height_px)
        );
        assert_eq!(quick.file, loaded.file);
    }
}
