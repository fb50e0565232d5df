//! The `--format` values, which of them a command writes, and what a file name's extension says
//! about its content.

use std::ffi::OsStr;
use std::path::Path;

use anyhow::bail;
use clap::Arg;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use psym_closed_set::ClosedSet;
pub use psym_report::Format;

/// Extensions of files whose content is known to be something other than the formats a
/// command writes: naming an output after one of them is a mistake (`--out scores.xlsx` with
/// CSV content would not open in Excel).
const OTHER_KNOWN: &[&str] = &[
    "xlsx", "xlsm", "xls", "ods", "tsv", "tab", "html", "htm", "xml", "xlf", "xliff", "zsav",
    "dta", "sas7bdat", "rds", "rdata", "pdf", "doc", "docx", "odt", "rtf", "yaml", "yml", "toml",
    "zip", "gz",
];

/// The lower-case extension of a file name.
fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(OsStr::to_str)
        .map(str::to_ascii_lowercase)
}

/// Refuses an output name whose extension announces other content than `what` (whose files
/// end in one of `accepted`). Names without an extension, or with one psym does not know
/// (`.out`, `.log`), are accepted.
pub fn check_extension(path: &Path, what: &str, accepted: &[&str]) -> anyhow::Result<()> {
    let Some(ext) = extension(path) else {
        return Ok(());
    };
    if accepted.contains(&ext.as_str()) {
        return Ok(());
    }
    let known = OTHER_KNOWN.contains(&ext.as_str()) || Format::of_path(path).is_some();
    if known {
        bail!(
            "--out {} names a .{ext} file, but the output is {what}; name it .{} or choose the format that fits the name",
            path.display(),
            accepted.first().copied().unwrap_or("txt")
        );
    }
    Ok(())
}

/// The formats one command writes; the first is its default.
///
/// It is both the value parser of the command's `--format` (so `--help` lists exactly these
/// and anything else is refused by the argument parser) and the rule applied when the format
/// comes from the `--out` extension.
#[derive(Debug, Clone, Copy)]
pub struct Formats {
    /// What writes them, for messages (`psym score`, `psym efa --group`).
    pub what: &'static str,
    /// The formats, default first.
    pub accepted: &'static [Format],
}

impl Formats {
    /// The default format.
    pub fn default_format(&self) -> Format {
        self.accepted.first().copied().unwrap_or(Format::Text)
    }

    /// Restricts a `--format` argument to these formats (for clap's `mut_arg`).
    pub fn restrict(self, arg: Arg) -> Arg {
        let help = format!(
            "Output format [default: {}, or the one the --out extension names]",
            self.default_format()
        );
        arg.value_parser(self).help(help)
    }

    /// `text, json or md`.
    fn list(&self) -> String {
        let names: Vec<&str> = self.accepted.iter().map(|f| f.name()).collect();
        match names.split_last() {
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }

    /// The error for a format these are not: `psym score writes csv or json, not md`.
    pub fn refuse(&self, format: Format) -> anyhow::Error {
        anyhow::anyhow!("{} writes {}, not {format}", self.what, self.list())
    }

    /// The format to write: the one asked for, else the one the `--out` extension names, else
    /// the default; refused when this command does not write it or the name announces other
    /// content.
    pub fn choose(&self, asked: Option<Format>, out: Option<&Path>) -> anyhow::Result<Format> {
        let from_name = out.and_then(Format::of_path);
        let format = asked.or(from_name).unwrap_or(self.default_format());
        if !self.accepted.contains(&format) {
            let err = self.refuse(format);
            return Err(match (asked, out) {
                (None, Some(path)) => {
                    err.context(format!("the name {} asks for {format}", path.display()))
                }
                _ => err,
            });
        }
        if let Some(path) = out {
            check_extension(path, format.name(), format.extensions())?;
        }
        Ok(format)
    }
}

/// A format as a value of `--format`, with its description for `--help`.
fn possible_value(f: Format) -> PossibleValue {
    PossibleValue::new(f.name()).help(f.help())
}

impl TypedValueParser for Formats {
    type Value = Format;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&Arg>,
        value: &OsStr,
    ) -> Result<Format, clap::Error> {
        let values = self.accepted.iter().map(|&f| possible_value(f));
        let name = PossibleValuesParser::new(values).parse_ref(cmd, arg, value)?;
        Ok(self
            .accepted
            .iter()
            .copied()
            .find(|f| f.name() == name)
            .unwrap_or(self.default_format()))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.accepted.iter().map(|&f| possible_value(f))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCORE: Formats = Formats {
        what: "psym score",
        accepted: &[Format::Csv, Format::Json],
    };

    #[test]
    fn format_comes_from_the_flag_then_the_name_then_the_default() {
        let out = Path::new("scores.json");
        assert_eq!(SCORE.choose(None, None).unwrap(), Format::Csv);
        assert_eq!(SCORE.choose(None, Some(out)).unwrap(), Format::Json);
        assert_eq!(
            SCORE
                .choose(Some(Format::Csv), Some(Path::new("s.out")))
                .unwrap(),
            Format::Csv
        );
    }

    #[test]
    fn names_announcing_other_content_are_refused() {
        let err = SCORE
            .choose(Some(Format::Csv), Some(Path::new("scores.xlsx")))
            .unwrap_err();
        assert!(err.to_string().contains(".xlsx"), "{err}");
        assert!(
            SCORE
                .choose(Some(Format::Json), Some(Path::new("scores.csv")))
                .is_err()
        );
        let err = SCORE.choose(None, Some(Path::new("s.md"))).unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            "the name s.md asks for md: psym score writes csv or json, not md"
        );
    }
}
