//! Progress bars on standard error, drawn only when it is a terminal (never when piped).

use std::fs::File;
use std::io::{IsTerminal, Read};
use std::path::Path;

use indicatif::{ProgressBar, ProgressFinish, ProgressStyle};
use psym_stats::Progress;

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

/// A bar a library's long computation moves through [`Progress`], drawn on standard error
/// when it is a terminal and the computation is worth one; nothing otherwise.
pub struct Bar(Option<ProgressBar>);

impl Bar {
    /// A bar drawn with `template` when `wanted` and standard error is a terminal.
    pub fn new(wanted: bool, template: &str) -> Self {
        Bar(wanted.then(|| on_terminal(0, template)).flatten())
    }

    /// Shows `message` (the template's `{msg}`) beside the bar.
    pub fn label(&self, message: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(message.to_owned());
        }
    }
}

impl Progress for Bar {
    fn start(&self, total: u64) {
        if let Some(bar) = &self.0 {
            bar.reset();
            bar.set_length(total);
        }
    }

    fn step(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// Opens a response file for streaming; a large file read on a terminal shows how far the
/// reading has come, and the bar is cleared when the file is done.
pub fn open_counted(path: &Path) -> std::io::Result<Box<dyn Read + Send>> {
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
