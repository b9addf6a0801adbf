//! Images and logos, loaded and checked once for both renderers.
//!
//! Both renderers embed the original file bytes where they can (no lossy
//! re-encoding); decoding here checks the file is a real PNG or JPEG and
//! gives its pixel size, so a bad file is an error naming it, never a panic
//! inside a renderer.

use crate::compose::{Document, NodeKind};
use crate::error::Error;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The largest image file accepted (an A4 page at 300 dpi is well under this).
pub const MAX_IMAGE_BYTES: usize = 20 * 1024 * 1024;

const DEFAULT_LOGO: &[u8] = include_bytes!("../assets/logo.png");

/// A PNG or JPEG.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
}

/// A checked image.
#[derive(Debug, Clone)]
pub struct LoadedImage {
    /// The file as given.
    pub bytes: Vec<u8>,
    /// Its format.
    pub format: ImageFormat,
    /// Width in pixels.
    pub width_px: u32,
    /// Height in pixels.
    pub height_px: u32,
}

impl LoadedImage {
    /// Checks bytes are a decodable PNG or JPEG; `what` names it in errors.
    pub fn from_bytes(bytes: Vec<u8>, path: &str, src: &str) -> Result<LoadedImage, Error> {
        let fail = |reason: String| Error::Image {
            path: path.to_string(),
            src: src.to_string(),
            reason,
        };
        if bytes.len() > MAX_IMAGE_BYTES {
            return Err(fail(format!(
                "the file is {} bytes; images may be at most {MAX_IMAGE_BYTES}",
                bytes.len()
            )));
        }
        let format = match image::guess_format(&bytes) {
            Ok(image::ImageFormat::Png) => ImageFormat::Png,
            Ok(image::ImageFormat::Jpeg) => ImageFormat::Jpeg,
            _ => return Err(fail("not a PNG or JPEG file".into())),
        };
        // Decode fully: a truncated file must fail here, not in a renderer.
        let decoded = image::load_from_memory(&bytes).map_err(|e| fail(e.to_string()))?;
        Ok(LoadedImage {
            format,
            width_px: decoded.width(),
            height_px: decoded.height(),
            bytes,
        })
    }

    /// Decoded pixels.
    pub fn decode(&self) -> Result<image::DynamicImage, Error> {
        image::load_from_memory(&self.bytes).map_err(|e| Error::Image {
            path: String::new(),
            src: String::new(),
            reason: e.to_string(),
        })
    }

    /// Natural width at 96 dpi, in millimetres.
    pub fn natural_width_mm(&self) -> f32 {
        self.width_px as f32 * 25.4 / 96.0
    }
}

/// Every image a composed document needs, keyed by `src`, plus the logo.
#[derive(Debug, Clone)]
pub struct Assets {
    /// The brand's logo.
    pub logo: LoadedImage,
    /// Body images by `src`.
    pub images: BTreeMap<String, LoadedImage>,
}

impl Assets {
    /// Loads the logo (relative to the template) and each image (relative to `report_dir`).
    pub fn load(doc: &Document<'_>, report_dir: Option<&Path>) -> Result<Assets, Error> {
        let brand = &doc.template.brand;
        let logo = match &brand.logo {
            None => LoadedImage::from_bytes(DEFAULT_LOGO.to_vec(), "$.brand.logo", "default logo")?,
            Some(src) => {
                let file = resolve(doc.template.base_dir.as_deref(), src);
                LoadedImage::from_bytes(read(&file, "$.brand.logo", src)?, "$.brand.logo", src)?
            }
        };
        let mut images = BTreeMap::new();
        for node in doc.nodes() {
            if let NodeKind::Image(img) = &node.kind {
                if images.contains_key(&img.src) {
                    continue;
                }
                confined(&img.src, &node.path)?;
                let file = resolve(report_dir, &img.src);
                let bytes = read(&file, &node.path, &img.src)?;
                images.insert(
                    img.src.clone(),
                    LoadedImage::from_bytes(bytes, &node.path, &img.src)?,
                );
            }
        }
        Ok(Assets { logo, images })
    }
}

/// A report names its images relative to its own folder, and may not reach
/// outside it: a service rendering reports it did not write must not embed
/// whatever image the process happens to be able to read.
fn confined(src: &str, path: &str) -> Result<(), Error> {
    use std::path::Component;
    let escapes = Path::new(src)
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if escapes || src.trim().is_empty() {
        return Err(Error::Image {
            path: path.to_string(),
            src: src.to_string(),
            reason: "an image must be a file inside the report's folder, given by a relative \
                     path such as \"images/chart.png\" (no \"..\", no absolute path)"
                .into(),
        });
    }
    Ok(())
}

fn resolve(base: Option<&Path>, src: &str) -> PathBuf {
    match base {
        Some(dir) => dir.join(src),
        None => PathBuf::from(src),
    }
}

fn read(file: &Path, path: &str, src: &str) -> Result<Vec<u8>, Error> {
    let meta = std::fs::metadata(file).map_err(|e| Error::Image {
        path: path.into(),
        src: src.into(),
        reason: format!("{}: {e}", file.display()),
    })?;
    if meta.len() > MAX_IMAGE_BYTES as u64 {
        return Err(Error::Image {
            path: path.into(),
            src: src.into(),
            reason: format!(
                "the file is {} bytes; images may be at most {MAX_IMAGE_BYTES}",
                meta.len()
            ),
        });
    }
    std::fs::read(file).map_err(|e| Error::Image {
        path: path.into(),
        src: src.into(),
        reason: format!("{}: {e}", file.display()),
    })
}

#[cfg(test)]
mod tests {
    use super::confined;

    #[test]
    fn images_stay_inside_the_report_folder() {
        assert!(confined("images/chart.png", "$").is_ok());
        assert!(confined("./chart.png", "$").is_ok());
        for bad in ["../secret.png", "/etc/logo.png", "images/../../x.png", ""] {
            assert!(confined(bad, "$").is_err(), "{bad}");
        }
    }
}
