//! Writing an output file safely: never over an input of the run, never half-written.
//!
//! An output file is written to a temporary file beside its target and renamed over it at the
//! end, so an interrupted or failed run leaves the old file as it was. The new file keeps the
//! existing target's permissions (a 0600 file stays 0600), and a target reached through a
//! symbolic link is replaced where the link points, so the link stays a link.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use tempfile::NamedTempFile;

/// Symbolic links followed at most, as the operating systems' own limit.
const MAX_LINKS: usize = 40;

/// An output file being written; [`commit`](Self::commit) puts it in place, dropping it
/// without a commit leaves the target untouched.
pub struct OutputFile {
    target: PathBuf,
    inner: Inner,
}

enum Inner {
    /// A regular file (or a new one): a temporary file beside it.
    Replace(NamedTempFile),
    /// A device or pipe such as `/dev/stdout`: written directly, never replaced.
    Direct(File),
}

impl OutputFile {
    /// Starts writing `path`.
    ///
    /// # Errors
    /// The folder cannot take a new file, or a link cannot be followed.
    pub fn create(path: &Path) -> anyhow::Result<Self> {
        let existing = fs::metadata(path).ok();
        let target = match &existing {
            Some(meta) if meta.is_dir() => {
                bail!("--out {} is a folder; name a file", path.display())
            }
            Some(meta) if !meta.is_file() => {
                let file = File::create(path)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                return Ok(OutputFile {
                    target: path.to_path_buf(),
                    inner: Inner::Direct(file),
                });
            }
            Some(_) => fs::canonicalize(path),
            // a new file, perhaps named by a link to a file not yet there
            None => follow_links(path),
        }
        .with_context(|| format!("cannot follow the link {}", path.display()))?;
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // a new file gets the usual mode (0666 less the umask), not the 0600 of a temporary
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let temp = builder
            .tempfile_in(&dir)
            .with_context(|| format!("cannot create a file in {}", dir.display()))?;
        if let Some(meta) = existing {
            fs::set_permissions(temp.path(), meta.permissions()).with_context(|| {
                format!("cannot give the new {} its permissions", path.display())
            })?;
        }
        Ok(OutputFile {
            target,
            inner: Inner::Replace(temp),
        })
    }

    /// Finishes the file: flushes it to disk and renames it over the target.
    ///
    /// # Errors
    /// Writing or renaming fails; the target is then unchanged.
    pub fn commit(self) -> anyhow::Result<()> {
        let target = self.target;
        match self.inner {
            Inner::Direct(mut file) => file.flush()?,
            Inner::Replace(mut temp) => {
                temp.flush()?;
                temp.as_file()
                    .sync_all()
                    .with_context(|| format!("cannot write {}", target.display()))?;
                temp.persist(&target)
                    .map_err(|e| e.error)
                    .with_context(|| format!("cannot replace {}", target.display()))?;
            }
        }
        Ok(())
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.inner {
            Inner::Replace(t) => t.write(buf),
            Inner::Direct(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.inner {
            Inner::Replace(t) => t.flush(),
            Inner::Direct(f) => f.flush(),
        }
    }
}

/// Writes `bytes` to `path` as one [`OutputFile`].
///
/// # Errors
/// As [`OutputFile::create`] and [`OutputFile::commit`].
pub fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut file = OutputFile::create(path)?;
    file.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.commit()
}

/// The file a path names, following symbolic links that may end at a file not yet there.
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Refuses an output that is one of the run's input files: the same file (device and inode),
/// or the same path once links are resolved.
///
/// # Errors
/// `out` is one of `inputs`.
pub fn refuse_inputs(out: &Path, inputs: &[PathBuf]) -> anyhow::Result<()> {
    if let Some(input) = inputs.iter().find(|input| same_file(out, input)) {
        bail!(
            "--out {} would overwrite the input file {}; psym never writes over its input, choose another output name",
            out.display(),
            input.display()
        );
    }
    Ok(())
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if (ma.dev(), ma.ino()) == (mb.dev(), mb.ino()) {
            return true;
        }
    }
    #[cfg(not(unix))]
    let _ = (ma, mb);
    matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_run_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("scores.csv");
        fs::write(&target, "old\n").unwrap();
        {
            let mut f = OutputFile::create(&target).unwrap();
            f.write_all(b"half").unwrap();
        }
        assert_eq!(fs::read_to_string(&target).unwrap(), "old\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        write_file(&target, b"new\n").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_written_not_replaced_and_links_to_new_files_are_followed() {
        use std::os::unix::fs::FileTypeExt;
        write_file(Path::new("/dev/null"), b"gone").unwrap();
        assert!(
            fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("scores.csv");
        std::os::unix::fs::symlink("new.csv", &link).unwrap();
        write_file(&link, b"id\n").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("new.csv")).unwrap(),
            "id\n"
        );
    }

    #[test]
    fn hard_links_and_other_spellings_of_an_input_are_the_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("data.csv");
        fs::write(&input, "id\n").unwrap();
        let hard = dir.path().join("hard.csv");
        fs::hard_link(&input, &hard).unwrap();
        let dotted = dir.path().join(".").join("data.csv");
        for out in [&hard, &dotted, &input] {
            assert!(refuse_inputs(out, std::slice::from_ref(&input)).is_err());
        }
        let other = dir.path().join("other.csv");
        assert!(refuse_inputs(&other, &[input]).is_ok());
    }
}
