//! Where images, logos, fonts and template files come from.
//!
//! Everything the library reads besides the report itself goes through one
//! interface, [`Resources`], so a service can hold the files in memory
//! ([`MemoryResources`]) and a command-line tool can read them from a folder
//! ([`Folder`]). Either way each read is bounded by its [`ResourceKind`]'s
//! limit, and a name can never reach outside the store it is looked up in.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// The largest font file accepted. Big CJK families are about 20 MB; a
/// limit well above that still stops a huge (or sparse) file filling memory.
pub const MAX_FONT_BYTES: usize = 32 * 1024 * 1024;

/// What a file is for: it decides the size limit and how messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResourceKind {
    /// An image in the report (`Image::src`).
    Image,
    /// The brand's logo (`Brand::logo`).
    Logo,
    /// One of the brand's font files (`Brand::fonts`).
    Font,
    /// A template file named by a report (`Report::template`).
    Template,
    /// A report named by a meeting file's agenda item (`Item::report`).
    Report,
}

impl ResourceKind {
    /// The most bytes a file of this kind may hold.
    pub fn max_bytes(self) -> usize {
        match self {
            ResourceKind::Image | ResourceKind::Logo => crate::assets::MAX_IMAGE_BYTES,
            ResourceKind::Font => MAX_FONT_BYTES,
            ResourceKind::Template | ResourceKind::Report => crate::model::MAX_INPUT_BYTES,
        }
    }

    /// The folder a file of this kind belongs in, as messages call it.
    fn folder(self) -> &'static str {
        match self {
            ResourceKind::Image => "the report's folder",
            ResourceKind::Template => "the report's folder or its templates folder",
            ResourceKind::Logo | ResourceKind::Font => "the template's folder",
            ResourceKind::Report => "the meeting file's folder",
        }
    }
}

/// Why a file could not be read. The messages say what to do, as a clerk
/// reads them; the caller adds which image, font or template it was.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ResourceError {
    /// The name is absolute, has `..`, or is empty.
    #[error("{}", outside(*kind))]
    Outside {
        /// What the file was for.
        kind: ResourceKind,
    },
    /// The name leads, through a symbolic link, to a file outside the folder.
    #[error(
        "{} is a link to a file outside {}, which is not allowed: copy the file itself into the folder",
        path.display(),
        kind.folder()
    )]
    LinkOutside {
        /// The path as named.
        path: PathBuf,
        /// What the file was for.
        kind: ResourceKind,
    },
    /// A file with more than one name (a hard link): another of its names
    /// may be outside the folder, and nothing tells where.
    #[error(
        "{} is a hard link: the same file has another name, which may be outside {}, so it \
         is not read; copy the file itself into the folder (a copy is a file of its own)",
        path.display(),
        kind.folder()
    )]
    HardLink {
        /// The path as named.
        path: PathBuf,
        /// What the file was for.
        kind: ResourceKind,
    },
    /// A folder, device or pipe: reading one could block or never end.
    #[error("{} is a folder, device or pipe, not a file", path.display())]
    NotAFile {
        /// The path as named.
        path: PathBuf,
    },
    /// In-memory resources hold nothing by that name.
    #[error("there is no file called `{name}` among the files given")]
    NotFound {
        /// The name looked up.
        name: String,
    },
    /// More bytes than a file of its kind may hold.
    #[error(
        "the file is {size} bytes or more; at most {} MB is allowed: save it smaller",
        limit >> 20
    )]
    TooLarge {
        /// The file's size, or the bytes read before giving up on it.
        size: u64,
        /// The limit for its kind.
        limit: usize,
    },
    /// Neither a folder nor resources were given, so there is nowhere to read from.
    #[error("{}", nowhere(*kind))]
    NoSource {
        /// What the file was for.
        kind: ResourceKind,
    },
    /// The operating system could not open or read it.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path as named.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

fn outside(kind: ResourceKind) -> String {
    match kind {
        ResourceKind::Template => "a template file must be in the report's folder (or a folder \
             inside it), or in a folder called \"templates\" in the report's folder or a folder \
             above it, named by a relative path such as \"../templates/council.json\" (no \
             absolute path): copy it there and name it that way"
            .into(),
        _ => format!(
            "the file must be inside {}, given by a relative path such as \"images/chart.png\" \
             (no \"..\", no absolute path): copy it there and name it that way",
            kind.folder()
        ),
    }
}

fn nowhere(kind: ResourceKind) -> &'static str {
    match kind {
        ResourceKind::Image => {
            "images need a folder or resources to be read from: give the report's folder \
             (RenderOptions::report_dir) or the files (RenderOptions::resources); files are \
             never read from the current directory"
        }
        ResourceKind::Template => {
            "a template file needs a folder or resources to be read from: give the report's \
             folder (RenderOptions::report_dir) or the file (RenderOptions::resources)"
        }
        ResourceKind::Report => {
            "a meeting's reports need a folder or resources to be read from: give the meeting \
             file's folder (RenderOptions::report_dir) or the files (RenderOptions::resources)"
        }
        ResourceKind::Logo | ResourceKind::Font => {
            "the brand's logo and fonts need a folder or resources to be read from: load the \
             template from its file, or give the files with Renderer::with_resources"
        }
    }
}

/// A store of named files: images, logos, fonts and templates.
///
/// Implement it to serve files from anywhere (a database, object storage);
/// [`MemoryResources`] and [`Folder`] cover the common cases. Names are
/// relative paths with `/` between parts, as written in reports and templates.
/// An implementation must refuse a file bigger than [`ResourceKind::max_bytes`]
/// without reading it all, and never block for long: one render may read
/// several files, from several threads at once.
pub trait Resources: Send + Sync {
    /// The bytes of the file `name`, read for `kind`.
    fn read(&self, name: &str, kind: ResourceKind) -> Result<Vec<u8>, ResourceError>;

    /// Which file `name` leads to, without reading it: names with the same
    /// identity are read, checked and embedded once, however many ways a
    /// report spells them. `None` if it cannot be found (reading it then
    /// says why). By default the name itself, with `.` parts and doubled
    /// `/` taken out, so `images/x.png` and `./images//x.png` are one file.
    fn identify(&self, name: &str, kind: ResourceKind) -> Option<FileId> {
        let _ = kind;
        normalise(name).map(FileId::named)
    }
}

/// Which file a name leads to, as [`Resources::identify`] says.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileId(Id);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Id {
    Name(String),
    #[cfg(not(unix))]
    Path(PathBuf),
    #[cfg(unix)]
    Inode(u64, u64),
}

impl FileId {
    /// An identity by name: for a store where each file has one name.
    pub fn named(name: impl Into<String>) -> FileId {
        FileId(Id::Name(name.into()))
    }
}

/// Files held in memory by name: what a service that receives the logo,
/// images and fonts with a request gives the renderer.
///
/// ```
/// use cabinet_report::resources::{MemoryResources, ResourceKind, Resources};
/// let mut files = MemoryResources::new();
/// files.insert("images/chart.png", vec![0x89, b'P', b'N', b'G']);
/// assert!(files.read("./images/chart.png", ResourceKind::Image).is_ok());
/// ```
#[derive(Debug, Clone, Default)]
pub struct MemoryResources {
    files: BTreeMap<String, Vec<u8>>,
}

impl MemoryResources {
    /// An empty store.
    pub fn new() -> MemoryResources {
        MemoryResources::default()
    }

    /// Adds (or replaces) the file `name`. `images/chart.png` and
    /// `./images/chart.png` are the same name.
    pub fn insert(&mut self, name: impl AsRef<str>, bytes: impl Into<Vec<u8>>) -> &mut Self {
        let name = name.as_ref();
        self.files.insert(
            normalise(name).unwrap_or_else(|| name.to_string()),
            bytes.into(),
        );
        self
    }
}

impl Resources for MemoryResources {
    fn read(&self, name: &str, kind: ResourceKind) -> Result<Vec<u8>, ResourceError> {
        // The same names a folder refuses, so a report that renders from
        // memory also renders from its folder, and the other way round.
        let key = normalise(name).ok_or(ResourceError::Outside { kind })?;
        let bytes = self
            .files
            .get(&key)
            .ok_or_else(|| ResourceError::NotFound { name: name.into() })?;
        if bytes.len() > kind.max_bytes() {
            return Err(ResourceError::TooLarge {
                size: bytes.len() as u64,
                limit: kind.max_bytes(),
            });
        }
        Ok(bytes.clone())
    }
}

/// `a/./b` as `a/b`; `None` for a name that could leave its folder.
fn normalise(name: &str) -> Option<String> {
    let mut parts = Vec::new();
    for c in Path::new(name).components() {
        match c {
            Component::Normal(part) => parts.push(part.to_str()?),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty() && !name.trim().is_empty()).then(|| parts.join("/"))
}

/// Files in a folder on disk, which no name may leave.
///
/// Reports arrive from other services and templates name their own files;
/// neither may make us read whatever else the process can (the password
/// file, another council's secrets). So absolute paths and `..` are refused,
/// and so is a symbolic link that leads out of the folder; only regular
/// files are read (a pipe could block for ever), never more than the limit.
#[derive(Debug, Clone)]
pub struct Folder {
    dir: PathBuf,
}

impl Folder {
    /// The folder `dir`; it is looked at only when a file is read.
    pub fn new(dir: impl Into<PathBuf>) -> Folder {
        Folder { dir: dir.into() }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Folder {
    /// The folder's real path and the real path `name` leads to, inside it.
    fn locate(&self, name: &str, kind: ResourceKind) -> Result<Located, ResourceError> {
        normalise(name).ok_or(ResourceError::Outside { kind })?;
        let joined = self.dir.join(name);
        let base = std::fs::canonicalize(&self.dir).map_err(|source| ResourceError::Io {
            path: self.dir.clone(),
            source,
        })?;
        let real = std::fs::canonicalize(&joined).map_err(|source| ResourceError::Io {
            path: joined.clone(),
            source,
        })?;
        if !real.starts_with(&base) {
            return Err(ResourceError::LinkOutside { path: joined, kind });
        }
        Ok(Located { joined, base, real })
    }
}

struct Located {
    /// The path as named.
    joined: PathBuf,
    base: PathBuf,
    real: PathBuf,
}

impl Resources for Folder {
    fn read(&self, name: &str, kind: ResourceKind) -> Result<Vec<u8>, ResourceError> {
        let Located { joined, base, real } = self.locate(name, kind)?;
        let outside = || ResourceError::LinkOutside {
            path: joined.clone(),
            kind,
        };
        let (file, len) = open_file(&real)?;
        // The check above read the path; the open read it again. A folder
        // swapped for a link in between would have led the open outside, so
        // ask where the open handle really is.
        if opened_path(&file).is_some_and(|at| !at.starts_with(&base)) {
            return Err(outside());
        }
        // A hard link is the file itself under a second name, which may be
        // anywhere on the same disk: a link to a file outside the folder
        // looks like a file inside it. A clerk's images, logos, fonts and
        // templates are files of their own, so a file with other names is
        // refused rather than guessed about.
        if names(&file) > 1 {
            return Err(ResourceError::HardLink {
                path: joined.clone(),
                kind,
            });
        }
        read_to_limit(file, len, kind, &joined)
    }

    /// The file itself, not its path: hard links to one file are one file.
    /// A file swapped between this look and the read is still read, and
    /// checked, as any other; at worst it is shown where its twin was.
    fn identify(&self, name: &str, kind: ResourceKind) -> Option<FileId> {
        let real = self.locate(name, kind).ok()?.real;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(&real).ok()?;
            Some(FileId(Id::Inode(meta.dev(), meta.ino())))
        }
        #[cfg(not(unix))]
        Some(FileId(Id::Path(real)))
    }
}

/// The folder a template file named by a report is read from, and its name
/// in that folder: the report's folder, or a folder called `templates` in
/// the report's folder or in a folder above it (`../templates/x.json`,
/// `../../templates/x.json`), the nearest first. A report may come from
/// anyone, and a template path able to name any file would read the
/// machine's files and, through its error messages, show which exist: so
/// this is decided from the names alone, before any file is looked at, and
/// the file is then read as a [`Folder`] reads (no link out of it).
pub(crate) fn template_place(report_dir: &Path, name: &str) -> Option<(PathBuf, String)> {
    if name.trim().is_empty() || Path::new(name).has_root() {
        return None;
    }
    let dir = lexical(&std::path::absolute(report_dir).ok()?);
    let target = lexical(&dir.join(name));
    let parts = |p: &Path| p.components().count();
    let rest_after = |root: &Path| -> Option<String> {
        let rest = target.strip_prefix(root).ok()?;
        let rest = rest.to_str()?;
        (!rest.is_empty()).then(|| rest.replace(std::path::MAIN_SEPARATOR, "/"))
    };
    if let Some(rest) = rest_after(&dir) {
        return Some((dir, rest));
    }
    dir.ancestors()
        .map(|above| above.join("templates"))
        .filter(|root| parts(root) < parts(&target))
        .find_map(|root| Some((root.clone(), rest_after(&root)?)))
}

/// `a/b/../c` as `a/c`, from the names alone (links are not followed: the
/// path is then opened exactly as checked).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Opens a regular file, checking the open handle (what is read), not only
/// the path (which can change between a look and the open).
fn open_file(path: &Path) -> Result<(File, u64), ResourceError> {
    let io = |source| ResourceError::Io {
        path: path.to_path_buf(),
        source,
    };
    let not_a_file = || ResourceError::NotAFile {
        path: path.to_path_buf(),
    };
    // Looked at before opening: opening a pipe waits for a writer, for ever.
    let before = std::fs::metadata(path).map_err(io)?;
    if !before.is_file() {
        return Err(not_a_file());
    }
    let file = File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() || !same_file(&before, &meta) {
        return Err(not_a_file());
    }
    Ok((file, meta.len()))
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    true
}

/// How many names (hard links) the open file has.
#[cfg(unix)]
fn names(file: &File) -> u64 {
    use std::os::unix::fs::MetadataExt;
    file.metadata().map_or(1, |m| m.nlink())
}

#[cfg(not(unix))]
fn names(_: &File) -> u64 {
    1
}

/// Where an open file is, from the kernel's record of the handle.
#[cfg(target_os = "linux")]
fn opened_path(file: &File) -> Option<PathBuf> {
    use std::os::fd::AsRawFd;
    std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()
}

#[cfg(not(target_os = "linux"))]
fn opened_path(_: &File) -> Option<PathBuf> {
    None
}

fn read_to_limit(
    file: File,
    len: u64,
    kind: ResourceKind,
    path: &Path,
) -> Result<Vec<u8>, ResourceError> {
    let limit = kind.max_bytes();
    let too_big = |size| ResourceError::TooLarge { size, limit };
    if len > limit as u64 {
        return Err(too_big(len));
    }
    // The file can grow after the size was read: reading one byte past the
    // limit tells a growing file from one that fits, without slurping it.
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| ResourceError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if bytes.len() > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Refuses every read: what the library reads from when given no folder or
/// resources, instead of the process's current directory.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Nowhere;

impl Resources for Nowhere {
    fn read(&self, _: &str, kind: ResourceKind) -> Result<Vec<u8>, ResourceError> {
        Err(ResourceError::NoSource { kind })
    }
}

/// A folder if one is given, or nowhere.
pub(crate) fn folder_or_nowhere(dir: Option<&Path>) -> Arc<dyn Resources> {
    match dir {
        Some(dir) => Arc::new(Folder::new(dir)),
        None => Arc::new(Nowhere),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_stay_inside_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("images")).unwrap();
        std::fs::write(dir.path().join("images/chart.png"), b"x").unwrap();
        let folder = Folder::new(dir.path());
        let memory = {
            let mut m = MemoryResources::new();
            m.insert("images/chart.png", *b"x");
            m
        };
        for files in [&folder as &dyn Resources, &memory] {
            for good in [
                "images/chart.png",
                "./images/chart.png",
                "images//chart.png",
            ] {
                assert_eq!(files.read(good, ResourceKind::Image).unwrap(), b"x");
            }
            for bad in [
                "../secret.png",
                "/etc/logo.png",
                "images/../../x.png",
                "images/../images/chart.png",
                "",
                " ",
            ] {
                let e = files.read(bad, ResourceKind::Image).unwrap_err();
                assert!(
                    e.to_string().contains("inside the report's folder"),
                    "{bad}: {e}"
                );
            }
        }
    }

    #[test]
    fn a_file_over_its_kinds_limit_is_refused_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        // Sparse: 40 MB on paper, nothing on disk, as the red team's 3 GB font was.
        let f = File::create(dir.path().join("huge.ttf")).unwrap();
        f.set_len(40 << 20).unwrap();
        let e = Folder::new(dir.path())
            .read("huge.ttf", ResourceKind::Font)
            .unwrap_err();
        assert!(
            matches!(e, ResourceError::TooLarge { size, limit } if size == 40 << 20 && limit == MAX_FONT_BYTES),
            "{e}"
        );
        let mut m = MemoryResources::new();
        m.insert("big.json", vec![b' '; crate::model::MAX_INPUT_BYTES + 1]);
        assert!(matches!(
            m.read("big.json", ResourceKind::Template),
            Err(ResourceError::TooLarge { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_or_folder_is_refused_without_waiting_on_it() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("font.ttf");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo is needed");
        std::fs::create_dir(dir.path().join("logo.png")).unwrap();
        let folder = Folder::new(dir.path());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send([
                folder.read("font.ttf", ResourceKind::Font).map(drop),
                folder.read("logo.png", ResourceKind::Logo).map(drop),
            ]);
        });
        let results = rx
            .recv_timeout(std::time::Duration::from_secs(5))
            .expect("reading a pipe blocked");
        for r in results {
            assert!(matches!(r, Err(ResourceError::NotAFile { .. })), "{r:?}");
        }
    }

    #[test]
    fn with_nowhere_to_read_from_nothing_is_read() {
        let e = Nowhere
            .read("Cargo.toml", ResourceKind::Image)
            .unwrap_err()
            .to_string();
        assert!(e.contains("images need a folder or resources"), "{e}");
    }
}
