//! The output formats psym writes, and the file-name extensions that announce each.

use std::ffi::OsStr;
use std::path::Path;

use psym_closed_set::{ClosedSet, closed_set};

closed_set! {
    /// Output formats; each command writes the ones that make sense for it.
    pub enum Format: "format" {
        /// Readable text tables
        Text => "text",
        /// The machine contract documented in docs/json.md
        Json => "json",
        /// Comma-separated values
        Csv => "csv",
        /// Markdown (APA-style tables)
        Md => "md",
        /// Excel workbook: a header row, frozen panes, numbers as numbers
        Xlsx => "xlsx",
        /// SPSS data file: variables with labels and value labels
        Sav => "sav",
    }
}

impl Format {
    /// File-name extensions that announce this format.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Text => &["txt", "text"],
            Format::Json => &["json"],
            Format::Csv => &["csv"],
            Format::Md => &["md", "markdown"],
            Format::Xlsx => &["xlsx"],
            Format::Sav => &["sav"],
        }
    }

    /// The format a file name announces by its extension (in any case), if it names one.
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path
            .extension()
            .and_then(OsStr::to_str)?
            .to_ascii_lowercase();
        Format::all()
            .iter()
            .copied()
            .find(|f| f.extensions().contains(&ext.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_name_formats_in_any_case() {
        assert_eq!(Format::of_path(Path::new("r.MD")), Some(Format::Md));
        assert_eq!(Format::of_path(Path::new("r.json")), Some(Format::Json));
        assert_eq!(Format::of_path(Path::new("r.XLSX")), Some(Format::Xlsx));
        assert_eq!(Format::of_path(Path::new("r.ods")), None);
        assert_eq!(Format::of_path(Path::new("r")), None);
    }
}
