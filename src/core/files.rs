//! Files the user names: read with a cap that holds for any kind of file (a device or a pipe
//! reports no size), and written without following a link at the destination: a new file
//! made in the target folder with its final permissions, then renamed over the name.

use super::error::{Error, Result};
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

/// Reads at most `limit` bytes of `path`; a file with more is refused without reading more
/// than one byte past the limit, whatever kind of file it is (`/dev/zero`, a FIFO). `what`
/// names the file in messages ("key file", "secret file").
pub fn read_capped(path: &Path, limit: usize, what: &'static str) -> Result<Vec<u8>> {
    let shown = path.display();
    let file = std::fs::File::open(path)
        .map_err(|e| Error::Io(format!("cannot read {what} {shown}: {e}")))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(Error::Io(format!("{shown} is a folder, not a {what}")));
    }
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::Io(format!("cannot read {what} {shown}: {e}")))?;
    if bytes.len() > limit {
        return Err(Error::FileTooLarge {
            what,
            path: shown.to_string(),
            limit: limit_text(limit),
        });
    }
    Ok(bytes)
}

/// "1 MiB", "16 MiB", "512 bytes".
fn limit_text(limit: usize) -> String {
    if limit >= 1 << 20 && limit.is_multiple_of(1 << 20) {
        format!("{} MiB", limit >> 20)
    } else {
        format!("{limit} bytes")
    }
}

/// Who may read a written file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The owner only (0600): private keys, secrets, decrypted plaintexts, settings.
    Owner,
    /// Everyone may read (0644, less the umask): public keys.
    Public,
}

/// Writes `bytes` to `path` as a new file: made beside it under a temporary name with its final
/// permissions, synced, then renamed over `path` (which replaces a symbolic link there instead
/// of writing through it); the folder is synced so the rename survives a crash. Without
/// `overwrite`, an existing `path` (a link included) is left alone and is an error.
pub fn write_new(
    path: &Path,
    bytes: &[u8],
    access: Access,
    overwrite: bool,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !overwrite && std::fs::symlink_metadata(path).is_ok() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "the file exists",
        ));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let (tmp, mut file) = create_temp(&dir, &name, access)?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            if overwrite {
                std::fs::rename(&tmp, path)
            } else {
                // A hard link fails if the name was taken meanwhile: never clobbers.
                std::fs::hard_link(&tmp, path).and_then(|()| std::fs::remove_file(&tmp))
            }
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A new, exclusively created file in `dir` with a name no one else holds.
fn create_temp(
    dir: &Path,
    name: &str,
    access: Access,
) -> std::io::Result<(PathBuf, std::fs::File)> {
    let mut last = None;
    for attempt in 0..16u32 {
        let tmp = dir.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(match access {
                Access::Owner => 0o600,
                Access::Public => 0o644,
            });
        }
        #[cfg(not(unix))]
        let _ = access;
        match opts.open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no temporary name was free")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("jwtwb-files-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn reads_are_capped_for_any_kind_of_file() {
        let d = temp_dir("read");
        let p = d.join("k");
        std::fs::write(&p, vec![b'a'; 10]).unwrap();
        assert_eq!(read_capped(&p, 10, "key file").unwrap().len(), 10);
        let e = read_capped(&p, 9, "key file").unwrap_err().to_string();
        assert!(e.contains("over 9 bytes"), "{e}");
        #[cfg(unix)]
        {
            let e = read_capped(Path::new("/dev/zero"), 1 << 20, "key file")
                .unwrap_err()
                .to_string();
            assert_eq!(
                e,
                "key file /dev/zero is over 1 MiB, the limit for a key file; nothing was used"
            );
        }
        let e = read_capped(&d, 10, "key file").unwrap_err().to_string();
        assert!(e.contains("is a folder"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn writes_replace_links_and_set_the_mode() {
        use std::os::unix::fs::PermissionsExt;
        let d = temp_dir("write");
        let outside = d.join("outside");
        std::fs::write(&outside, b"keep").unwrap();
        std::fs::set_permissions(&outside, std::fs::Permissions::from_mode(0o644)).unwrap();
        let link = d.join("private.pem");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        // Without overwrite: refused, the link and its target untouched.
        assert!(write_new(&link, b"secret", Access::Owner, false).is_err());
        assert_eq!(std::fs::read(&outside).unwrap(), b"keep");
        // With overwrite: the link itself is replaced by a new 0600 file.
        write_new(&link, b"secret", Access::Owner, true).unwrap();
        assert_eq!(std::fs::read(&outside).unwrap(), b"keep");
        let meta = std::fs::symlink_metadata(&link).unwrap();
        assert!(meta.file_type().is_file());
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        // An existing 0644 file overwritten stays private.
        let f = d.join("existing.pem");
        std::fs::write(&f, b"old").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_new(&f, b"new", Access::Owner, true).unwrap();
        assert_eq!(
            std::fs::metadata(&f).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert!(
            std::fs::read_dir(&d)
                .unwrap()
                .all(|e| { !e.unwrap().file_name().to_string_lossy().ends_with(".tmp") })
        );
    }
}
