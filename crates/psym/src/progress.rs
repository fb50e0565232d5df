//! Progress bars on standard error, drawn only when it is a terminal (never when piped).

use std::fs::File;
use std::io::{IsTerminal, Read};
use std::path::Path;

use indicatif::{ProgressBar, ProgressFinish, ProgressStyle};

/// Files at least this large get a progress bar while they are read.
const LARGE_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A bar of `total` steps drawn with `template` (indicatif's template syntax), or `None`
/// when standard error is not a terminal.
pub fn on_terminal(total: u64, template: &str) -> Option<ProgressBar> {
    std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(total);
        bar.set_style(
            ProgressStyle::with_template(template)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar
    })
}

/// Opens a response file for streaming; a large file read on a terminal shows how far the
/// reading has come, and the bar is cleared when the file is done.
pub fn open_counted(path: &Path) -> std::io::Result<Box<dyn Read>> {
    let file = File::open(path)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = (size >= LARGE_FILE_BYTES)
        .then(|| on_terminal(size, "reading [{bar:40}] {bytes}/{total_bytes} {eta}"))
        .flatten();
    Ok(match bar {
        Some(bar) => Box::new(bar.with_finish(ProgressFinish::AndClear).wrap_read(file)),
        None => Box::new(file),
    })
}
