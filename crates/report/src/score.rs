//! Streaming writers for scale scores: one output row per input row, written as it comes.

use std::io::{self, Write};

use psym_data::Problem;
use serde::Serialize;
use serde_json::{Map, Value};

/// The columns of a score table: id column, pass-through columns, one per scale.
#[derive(Debug, Clone)]
pub struct ScoreColumns {
    /// Name of the id column in the output.
    pub id: String,
    /// Pass-through columns, after the id.
    pub kept: Vec<String>,
    /// Scale ids, one column each.
    pub scales: Vec<String>,
}

/// One respondent's output row.
#[derive(Debug, Clone, Copy)]
pub struct ScoreRow<'a> {
    /// Respondent id.
    pub id: &'a str,
    /// Pass-through values.
    pub kept: &'a [String],
    /// One score per scale; `None` = too few items answered.
    pub scores: &'a [Option<f64>],
    /// Problems found in the row (the row is still written).
    pub problems: &'a [Problem],
}

/// Writes scores in one format, row by row.
pub trait ScoreWriter {
    /// Writes one row.
    ///
    /// # Errors
    /// I/O errors of the destination.
    fn row(&mut self, row: ScoreRow<'_>) -> io::Result<()>;
    /// Ends the output; `problems` are every problem found (JSON lists them).
    ///
    /// # Errors
    /// I/O errors of the destination.
    fn finish(self: Box<Self>, problems: &[Problem]) -> io::Result<()>;
}

/// CSV: the id column, pass-through columns, one column per scale (blank = no score), and a
/// `problems` column summarising what was wrong with the row (blank when nothing).
pub struct CsvScores<W: Write> {
    out: csv::Writer<W>,
    numbers: NumberCache,
    summary: String,
}

impl<W: Write> CsvScores<W> {
    /// Starts the table and writes its header.
    ///
    /// # Errors
    /// I/O errors of `out`.
    pub fn new(out: W, columns: &ScoreColumns) -> io::Result<Self> {
        let mut out = csv::Writer::from_writer(out);
        let header = std::iter::once(&columns.id)
            .chain(&columns.kept)
            .chain(&columns.scales)
            .map(String::as_str)
            .chain(std::iter::once("problems"));
        out.write_record(header).map_err(io::Error::other)?;
        Ok(CsvScores {
            out,
            numbers: NumberCache::default(),
            summary: String::new(),
        })
    }
}

impl<W: Write> ScoreWriter for CsvScores<W> {
    fn row(&mut self, row: ScoreRow<'_>) -> io::Result<()> {
        self.out.write_field(row.id).map_err(into_io)?;
        for v in row.kept {
            self.out.write_field(v).map_err(into_io)?;
        }
        for s in row.scores {
            let text = match s {
                Some(v) => self.numbers.format(*v),
                None => "",
            };
            self.out.write_field(text).map_err(into_io)?;
        }
        summarise(row.problems, &mut self.summary);
        self.out.write_field(&self.summary).map_err(into_io)?;
        self.out.write_record(None::<&[u8]>).map_err(into_io)
    }

    fn finish(mut self: Box<Self>, _problems: &[Problem]) -> io::Result<()> {
        self.out.flush()
    }
}

/// JSON: `{"scores": [{"id", <kept>…, <scale>: number|null, "valid"}], "problems": […]}`.
pub struct JsonScores<W: Write> {
    out: W,
    columns: ScoreColumns,
    first: bool,
}

impl<W: Write> JsonScores<W> {
    /// Starts the document.
    ///
    /// # Errors
    /// I/O errors of `out`.
    pub fn new(mut out: W, columns: ScoreColumns) -> io::Result<Self> {
        out.write_all(b"{\"scores\":[")?;
        Ok(JsonScores {
            out,
            columns,
            first: true,
        })
    }
}

impl<W: Write> ScoreWriter for JsonScores<W> {
    fn row(&mut self, row: ScoreRow<'_>) -> io::Result<()> {
        let mut obj = Map::new();
        obj.insert("id".into(), Value::from(row.id));
        for (name, v) in self.columns.kept.iter().zip(row.kept) {
            obj.insert(name.clone(), Value::from(v.as_str()));
        }
        for (name, s) in self.columns.scales.iter().zip(row.scores) {
            obj.insert(name.clone(), s.map_or(Value::Null, Value::from));
        }
        obj.insert("valid".into(), Value::from(row.problems.is_empty()));
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        self.out.write_all(b"\n")?;
        serde_json::to_writer(&mut self.out, &obj).map_err(io::Error::other)
    }

    fn finish(mut self: Box<Self>, problems: &[Problem]) -> io::Result<()> {
        #[derive(Serialize)]
        struct Tail<'a> {
            id_column: &'a str,
            scales: &'a [String],
            problems: &'a [Problem],
        }
        self.out.write_all(b"\n],")?;
        let tail = serde_json::to_string(&Tail {
            id_column: &self.columns.id,
            scales: &self.columns.scales,
            problems,
        })
        .map_err(io::Error::other)?;
        // splice the tail object's fields into the open document
        self.out.write_all(&tail.as_bytes()[1..])?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}

/// Slots of the [`NumberCache`]: a power of two, larger than the number of distinct scores a
/// typical scale takes (means of a few integers).
const CACHE_SLOTS: usize = 1024;

/// Formats scores as the shortest text that reads back to the same `f64` (`4`, `4.25`,
/// `4.333333333333333`, no trailing `.0`), remembering recent results: scale scores are means of
/// a few small integers and repeat constantly, so most rows are formatted from the cache.
struct NumberCache {
    slots: Vec<Option<(u64, String)>>,
    ryu: ryu::Buffer,
}

impl Default for NumberCache {
    fn default() -> Self {
        NumberCache {
            slots: vec![None; CACHE_SLOTS],
            ryu: ryu::Buffer::new(),
        }
    }
}

impl NumberCache {
    fn format(&mut self, v: f64) -> &str {
        let bits = v.to_bits();
        // Fibonacci hashing of the bit pattern picks the slot
        let slot = (bits.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize % CACHE_SLOTS;
        let hit = matches!(&self.slots[slot], Some((b, _)) if *b == bits);
        if !hit {
            let text = self.ryu.format(v);
            let text = text.strip_suffix(".0").unwrap_or(text).to_owned();
            self.slots[slot] = Some((bits, text));
        }
        self.slots[slot]
            .as_ref()
            .map_or("", |(_, text)| text.as_str())
    }
}

/// `i3 out_of_range; i5 not_a_number`: the kinds of a row's problems, with their columns.
fn summarise(problems: &[Problem], out: &mut String) {
    out.clear();
    for (k, p) in problems.iter().enumerate() {
        if k > 0 {
            out.push_str("; ");
        }
        if let Some(c) = &p.column {
            out.push_str(c);
            out.push(' ');
        }
        out.push_str(p.kind.as_str());
    }
}

fn into_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_shortest_round_trip_text() {
        let mut cache = NumberCache::default();
        for _ in 0..2 {
            assert_eq!(cache.format(6.0), "6");
            assert_eq!(cache.format(6.25), "6.25");
            assert_eq!(cache.format(19.0 / 3.0), "6.333333333333333");
            assert_eq!(cache.format(-0.5), "-0.5");
        }
        for k in 0..5000 {
            let v = f64::from(k) / 7.0;
            assert_eq!(cache.format(v).parse::<f64>().unwrap(), v);
        }
    }
}
