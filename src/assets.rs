//! Images and logos, loaded and checked once for both renderers.
//!
//! Both renderers embed the original file bytes where they can (no lossy
//! re-encoding); decoding here checks the file is a real PNG or JPEG and
//! gives its pixel size, so a bad file is an error naming it, never a panic
//! inside a renderer.

use crate::compose::{Document, NodeKind};
use crate::error::Error;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

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
        // Decode fully: a truncated file must fail here, not in a renderer.
        let decoded = decode(&bytes, format).map_err(fail)?;
        Ok(LoadedImage {
            format,
            width_px: decoded.width(),
            height_px: decoded.height(),
            bytes,
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

/// Reads the size from the header first and refuses an image too big to
/// decode, so a decompression bomb costs a few bytes of reading, not the
/// memory it asks for; the decoder itself is capped too, as a header can lie.
fn decode(bytes: &[u8], format: ImageFormat) -> Result<image::DynamicImage, String> {
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
    if w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE || needed > MAX_DECODED_BYTES {
        return Err(format!(
            "the image is {w} × {h} pixels, too big to print (at most {MAX_IMAGE_SIDE} pixels \
             wide or high, and about 30 megapixels in all): save it smaller, about 2,500 pixels \
             across is plenty"
        ));
    }
    if w == 0 || h == 0 {
        return Err(format!(
            "the image is {w} × {h} pixels, so there is nothing to show: export it again"
        ));
    }
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    decoder.set_limits(limits).map_err(unreadable)?;
    image::DynamicImage::from_decoder(decoder).map_err(unreadable)
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
    /// Loads the logo (relative to the template's folder) and each image
    /// (relative to `report_dir`); neither may reach outside its folder.
    pub fn load(
        doc: &Document,
        template: &crate::template::Template,
        report_dir: Option<&Path>,
    ) -> Result<Assets, Error> {
        Assets::with_logo(doc, report_dir, Assets::logo(template)?)
    }

    /// The brand's logo (relative to the template's folder), checked.
    pub fn logo(template: &crate::template::Template) -> Result<LoadedImage, Error> {
        match &template.brand.logo {
            None => LoadedImage::from_bytes(DEFAULT_LOGO.to_vec(), "$.brand.logo", "default logo"),
            Some(src) => {
                let at = "$.brand.logo";
                let file = locate(template.base_dir.as_deref(), src, Folder::Template)
                    .map_err(|reason| image_error(at, src, reason))?;
                LoadedImage::from_bytes(read(&file).map_err(|r| image_error(at, src, r))?, at, src)
            }
        }
    }

    /// Like [`Assets::load`], with a logo already loaded (a renderer loads
    /// its brand's logo once, not for every report).
    pub fn with_logo(
        doc: &Document,
        report_dir: Option<&Path>,
        logo: LoadedImage,
    ) -> Result<Assets, Error> {
        let mut images = BTreeMap::new();
        for node in doc.nodes() {
            if let NodeKind::Image(img) = &node.kind {
                if images.contains_key(&img.src) {
                    continue;
                }
                let fail = |reason| image_error(&node.path, &img.src, reason);
                let file = locate(report_dir, &img.src, Folder::Report).map_err(fail)?;
                let bytes = read(&file).map_err(fail)?;
                images.insert(
                    img.src.clone(),
                    LoadedImage::from_bytes(bytes, &node.path, &img.src)?,
                );
            }
        }
        Ok(Assets { logo, images })
    }
}

fn image_error(path: &str, src: &str, reason: String) -> Error {
    Error::Image {
        path: path.to_string(),
        src: src.to_string(),
        reason,
    }
}

/// Whose folder a file must be in.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Folder {
    /// A report's images: the report's folder.
    Report,
    /// A brand's logo and fonts: the template's folder.
    Template,
}

impl Folder {
    fn name(self) -> &'static str {
        match self {
            Folder::Report => "the report's folder",
            Folder::Template => "the template's folder",
        }
    }
}

/// The real location of `src` inside `base` (the working directory when
/// `None`). Reports arrive from other services and templates name their own
/// files; neither may make us read whatever else the process can (the
/// password file, another council's secrets), so absolute paths and `..` are
/// refused, and so is a symbolic link inside the folder that leads out of it.
pub(crate) fn locate(base: Option<&Path>, src: &str, folder: Folder) -> Result<PathBuf, String> {
    use std::path::Component;
    let escapes = Path::new(src)
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if escapes || src.trim().is_empty() {
        return Err(format!(
            "the file must be inside {}, given by a relative path such as \"images/chart.png\" \
             (no \"..\", no absolute path): copy it there and name it that way",
            folder.name()
        ));
    }
    let base = base.unwrap_or(Path::new("."));
    let joined = base.join(src);
    let real_base = std::fs::canonicalize(base)
        .map_err(|e| format!("cannot open {} ({}): {e}", folder.name(), base.display()))?;
    let real = std::fs::canonicalize(&joined).map_err(|e| format!("{}: {e}", joined.display()))?;
    if !real.starts_with(&real_base) {
        return Err(format!(
            "{} is a link to a file outside {}, which is not allowed: copy the file itself \
             into the folder",
            joined.display(),
            folder.name()
        ));
    }
    Ok(real)
}

fn read(file: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(file).map_err(|e| format!("{}: {e}", file.display()))?;
    if !meta.is_file() {
        return Err(format!("{} is not a file", file.display()));
    }
    if meta.len() > MAX_IMAGE_BYTES as u64 {
        return Err(too_big(meta.len()));
    }
    // The size can change between the check and the read: read at most one
    // byte over the limit so a growing file is still refused, not slurped.
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(MAX_IMAGE_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::{locate, Folder};

    #[test]
    fn files_stay_inside_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("images")).unwrap();
        std::fs::write(dir.path().join("images/chart.png"), b"x").unwrap();
        let base = Some(dir.path());
        assert!(locate(base, "images/chart.png", Folder::Report).is_ok());
        assert!(locate(base, "./images/chart.png", Folder::Report).is_ok());
        for bad in [
            "../secret.png",
            "/etc/logo.png",
            "images/../../x.png",
            "",
            " ",
        ] {
            let e = locate(base, bad, Folder::Report).unwrap_err();
            assert!(e.contains("inside the report's folder"), "{bad}: {e}");
        }
    }
}
