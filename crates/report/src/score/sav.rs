//! Scores as an SPSS system file.

use std::io::{self, Read, Seek, Write};

use psym_data::sav::{SavCell, SavColumn, SavWriter};

use super::{Cell, ScoreColumns, ScoreRow, ScoreWriter, summarise};

/// What SPSS shows about one score variable: its variable label and its value labels.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScoreVariable {
    /// The variable label (the scale's name and how it is scored).
    pub label: String,
    /// Value labels (value, label): for a score band, its codes and names; empty otherwise.
    pub value_labels: Vec<(f64, String)>,
}

/// SPSS `.sav`: the columns of the CSV table as variables: the id and pass-through columns as
/// strings (an id `007` keeps its zeros), one numeric variable per scale with its variable
/// label (system-missing = no score), one numeric variable per derived column (a score band
/// as its code `1 …` with the band names as value labels; a percentile, T-score or stanine as
/// its number), and the `problems` string. UTF-8,
/// bytecode-compressed. Rows wait in `spool` (an empty temporary file) until the end, when the
/// string widths and the number of cases are known (`psym_data::sav::SavWriter`).
pub struct SavScores<W: Write, S: Read + Write + Seek> {
    writer: SavWriter<W, S>,
    summary: String,
}

impl<W: Write, S: Read + Write + Seek> SavScores<W, S> {
    /// Starts the file; `variables` describes the score variables and then the derived ones,
    /// in the order of `columns.scales` and `columns.derived`, and `made_at` (seconds since
    /// 1970, UTC) goes into the header.
    pub fn new(
        out: W,
        spool: S,
        columns: &ScoreColumns,
        variables: &[ScoreVariable],
        made_at: i64,
    ) -> Self {
        let text = |name: &str, label: Option<String>| SavColumn {
            name: name.to_owned(),
            label,
            numeric: false,
            value_labels: Vec::new(),
        };
        let mut vars = vec![text(&columns.id, Some("Respondent id".into()))];
        vars.extend(columns.kept.iter().map(|k| text(k, None)));
        let numeric = columns.scales.iter().chain(&columns.derived);
        for (k, id) in numeric.enumerate() {
            let about = variables.get(k).cloned().unwrap_or_default();
            vars.push(SavColumn {
                name: id.clone(),
                label: Some(about.label).filter(|l| !l.is_empty()),
                numeric: true,
                value_labels: about.value_labels,
            });
        }
        vars.push(text("problems", Some("Problems found in the row".into())));
        let product = concat!("psym ", env!("CARGO_PKG_VERSION"));
        SavScores {
            writer: SavWriter::new(out, spool, vars).made_by(made_at, product),
            summary: String::new(),
        }
    }
}

impl<W: Write, S: Read + Write + Seek> ScoreWriter for SavScores<W, S> {
    fn row(&mut self, row: ScoreRow<'_>) -> io::Result<()> {
        summarise(row.problems, &mut self.summary);
        let cells: Vec<SavCell<'_>> = std::iter::once(SavCell::Text(row.id))
            .chain(row.kept.iter().map(|k| SavCell::Text(k)))
            .chain(row.scores.iter().map(|s| SavCell::Number(*s)))
            .chain(row.derived.iter().map(|d| match d {
                Cell::Blank => SavCell::Number(None),
                Cell::Label { code, .. } => SavCell::Number(Some(*code as f64)),
                Cell::Number(v) => SavCell::Number(Some(*v)),
            }))
            .chain(std::iter::once(SavCell::Text(&self.summary)))
            .collect();
        self.writer.row(&cells)
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        let mut out = self.writer.finish()?;
        out.flush()
    }
}
