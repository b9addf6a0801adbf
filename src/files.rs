//! Reading the files a command line or a service is given, and writing
//! outputs so no reader ever sees half of one.
//!
//! Every read is bounded: a huge file, an endless device or a pipe that
//! never ends is refused without being read into memory.

use crate::error::Error;
use crate::model::MAX_INPUT_BYTES;
use std::io::Read;
use std::path::Path;

/// The bytes of a report or meeting file at `path`, at most
/// [`MAX_INPUT_BYTES`](crate::model::MAX_INPUT_BYTES). A pipe or socket is
/// refused before it is opened (opening one waits for a writer, for ever),
/// a folder when it is found to be one, and a file or device holding more
/// than the limit after reading one byte past it.
///
/// ```
/// let e = cabinet_report::files::read_input(std::path::Path::new("src")).unwrap_err();
/// assert!(e.to_string().contains("this is a folder"));
/// ```
pub fn read_input(path: &Path) -> Result<Vec<u8>, Error> {
    let limit = MAX_INPUT_BYTES;
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    // Looked at before opening: a FIFO named `*.json` in a batch folder
    // would otherwise hang the whole batch.
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = std::fs::metadata(path).map_err(io)?.file_type();
        if kind.is_fifo() || kind.is_socket() {
            return Err(io(std::io::Error::other(
                "this is a pipe, not a report file; save the report as a file",
            )));
        }
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::Error::other(
            "this is a folder; give the report's JSON file",
        )));
    }
    if meta.is_file() && meta.len() > limit as u64 {
        return Err(Error::TooLarge {
            size: usize::try_from(meta.len()).unwrap_or(usize::MAX),
            limit,
        });
    }
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > limit {
        // A device or pipe: its size is unknown, only that it is too big.
        return Err(io(std::io::Error::other(format!(
            "it holds more than {} MB; a report may be at most that",
            limit >> 20
        ))));
    }
    Ok(bytes)
}

/// The bytes of a Word file at `path` for [`Report::from_docx`](crate::Report::from_docx)
/// (feature `import`): a regular file of at most [`MAX_DOCX_BYTES`](crate::MAX_DOCX_BYTES).
#[cfg(feature = "import")]
pub fn read_docx(path: &Path) -> std::io::Result<Vec<u8>> {
    let limit = crate::MAX_DOCX_BYTES as u64;
    let file = std::fs::File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::other(format!("larger than {limit} bytes")));
    }
    Ok(bytes)
}

#[cfg(feature = "batch")]
/// Why an output could not be written; the message names the file or folder.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct WriteError(pub(crate) String);

#[cfg(feature = "batch")]
/// Writes `bytes` to `path` (its folder created if needed) through a
/// temporary file beside it, renamed into place once complete and on disk:
/// a reader sees the old file or the new one, never half of one. The file
/// is readable by others (0644 on Unix), as a published document is.
/// Feature `batch`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let tmp = temp_with(folder_of(path)?, bytes)?;
    persist(tmp, path)
}

#[cfg(feature = "batch")]
/// The folder `path` goes in, created if needed.
pub(crate) fn folder_of(path: &Path) -> Result<&Path, WriteError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| WriteError(format!("cannot create {}: {e}", dir.display())))?;
    Ok(dir)
}

#[cfg(feature = "batch")]
/// A temporary file in `dir` holding `bytes`, synced, with a published
/// file's permissions; it deletes itself if dropped unplaced.
pub(crate) fn temp_with(dir: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, WriteError> {
    let fail = |e: std::io::Error| WriteError(format!("cannot write in {}: {e}", dir.display()));
    use std::io::Write;
    let mut tmp = tempfile::Builder::new()
        .prefix(".clerk-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    // Temporary files are private (0600); a published report is not.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(fail)?;
    }
    Ok(tmp)
}

#[cfg(feature = "batch")]
/// Renames a temporary file onto `path`.
pub(crate) fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> Result<(), WriteError> {
    tmp.persist(path)
        .map(drop)
        .map_err(|e| WriteError(format!("cannot write {}: {}", path.display(), e.error)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_bounded_and_refuse_what_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let ok = dir.path().join("r.json");
        std::fs::write(&ok, b"{}").unwrap();
        assert_eq!(read_input(&ok).unwrap(), b"{}");

        let big = dir.path().join("big.json");
        std::fs::write(&big, vec![b' '; MAX_INPUT_BYTES + 1]).unwrap();
        assert!(matches!(read_input(&big), Err(Error::TooLarge { .. })));

        let e = read_input(dir.path()).unwrap_err().to_string();
        assert!(e.contains("this is a folder"), "{e}");
        #[cfg(target_os = "linux")]
        {
            let e = read_input(Path::new("/dev/zero")).unwrap_err().to_string();
            assert!(e.contains("holds more than 4 MB"), "{e}");
        }
        #[cfg(unix)]
        {
            let fifo = dir.path().join("pipe.json");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                let e = read_input(&fifo).unwrap_err().to_string();
                assert!(e.contains("this is a pipe"), "{e}");
            }
        }
    }

    #[test]
    #[cfg(feature = "batch")]
    fn an_atomic_write_replaces_the_file_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/out.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.json"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }
}
