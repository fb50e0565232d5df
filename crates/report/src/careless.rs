//! Careless-responding indices: streaming writers for every respondent (CSV, JSON) and the
//! document of the flagged ones (text, Markdown), with the thresholds, the synonym pairs and
//! the diagnostics of the sample.

use std::io::{self, Write};

use psym_careless::{Advice, Index, Indices, Sample, Summary};
use serde_json::{Map, Value, json};

use crate::doc::{Block, Column, Document, KeyValue, Role, Table};
use crate::score::{into_io, json_io};
use crate::subject::{Advise, Names, diagnostics_json, line};
use crate::{Format, fmt_num};

/// What the output says about the run as a whole.
#[derive(Debug, Clone, Copy)]
pub struct Head<'a> {
    /// The response file, as named on the command line.
    pub file: &'a str,
    /// Item ids, by column.
    pub items: &'a [String],
    /// The first pass's result: thresholds, synonym pairs, diagnostics.
    pub sample: &'a Sample,
    /// Name of the duration column, when completion time is checked.
    pub duration: Option<&'a str>,
    /// How advice is worded (the program's flags).
    pub advise: Advise<Advice>,
}

/// One respondent's output row.
#[derive(Debug, Clone, Copy)]
pub struct Respondent<'a> {
    /// Line of the row in the file.
    pub line: u64,
    /// Respondent id.
    pub id: &'a str,
    /// The indices and flags.
    pub indices: &'a Indices,
}

/// Writes the indices in one format as the second pass produces them.
pub trait CarelessWriter {
    /// Takes one respondent.
    ///
    /// # Errors
    /// I/O errors of the destination.
    fn row(&mut self, row: Respondent<'_>) -> io::Result<()>;
    /// Ends the output with the summary.
    ///
    /// # Errors
    /// I/O errors of the destination.
    fn finish(self: Box<Self>, summary: &Summary) -> io::Result<()>;
}

/// The output columns after `id` and `line`, in order (`duration` only when checked).
fn value_columns(duration: bool) -> Vec<&'static str> {
    let mut columns = vec![
        "answered",
        "longstring",
        "longstring_avg",
        "irv",
        "mahalanobis_d2",
        "mahalanobis_df",
        "mahalanobis_p",
        "even_odd",
        "synonyms",
        "antonyms",
        "person_total",
    ];
    if duration {
        columns.push("duration");
    }
    columns
}

/// The values of [`value_columns`] for one respondent.
fn values(i: &Indices, duration: bool) -> Vec<Option<f64>> {
    let count = |n: Option<usize>| n.map(|n| n as f64);
    let mut v = vec![
        Some(i.answered as f64),
        count(i.longstring),
        i.longstring_avg,
        i.irv,
        i.mahalanobis_d2,
        count(i.mahalanobis_df),
        i.mahalanobis_p,
        i.even_odd,
        i.synonyms,
        i.antonyms,
        i.person_total,
    ];
    if duration {
        v.push(i.duration);
    }
    v
}

/// The flags of a row as `longstring;mahalanobis` (empty when none).
fn flag_list(i: &Indices) -> String {
    i.flags
        .iter()
        .map(|f| f.name())
        .collect::<Vec<_>>()
        .join(";")
}

/// CSV, one row per respondent in input order (for merging with the data by id): `id`,
/// `line`, the indices (blank where not computed) and `flags` (`;`-separated index names).
pub struct CsvCareless<W: Write> {
    out: csv::Writer<W>,
    duration: bool,
    number: ryu::Buffer,
}

impl<W: Write> CsvCareless<W> {
    /// Starts the table and writes its header, naming the id column `id_column`.
    ///
    /// # Errors
    /// I/O errors of `out`.
    pub fn new(out: W, id_column: &str, duration: bool) -> io::Result<Self> {
        let mut out = csv::Writer::from_writer(out);
        let mut header = vec![id_column, "line"];
        header.extend(value_columns(duration));
        header.push("flags");
        out.write_record(&header).map_err(into_io)?;
        Ok(CsvCareless {
            out,
            duration,
            number: ryu::Buffer::new(),
        })
    }
}

impl<W: Write> CarelessWriter for CsvCareless<W> {
    fn row(&mut self, row: Respondent<'_>) -> io::Result<()> {
        self.out.write_field(row.id).map_err(into_io)?;
        self.out
            .write_field(row.line.to_string())
            .map_err(into_io)?;
        for v in values(row.indices, self.duration) {
            match v {
                Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => self
                    .out
                    .write_field(format!("{}", x as i64))
                    .map_err(into_io)?,
                Some(x) if x.is_finite() => self
                    .out
                    .write_field(self.number.format(x))
                    .map_err(into_io)?,
                _ => self.out.write_field("").map_err(into_io)?,
            }
        }
        self.out
            .write_field(flag_list(row.indices))
            .map_err(into_io)?;
        self.out.write_record(None::<&[u8]>).map_err(into_io)?;
        Ok(())
    }

    fn finish(mut self: Box<Self>, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

/// The JSON of the run as a whole (docs/json.md): `file`, `items`, `thresholds`,
/// `synonym_pairs` and `antonym_pairs` (item ids), `diagnostics`.
fn head_json(head: &Head<'_>) -> Map<String, Value> {
    let pairs = |list: &[(usize, usize)]| -> Value {
        list.iter()
            .map(|&(j, k)| json!([head.items[j], head.items[k]]))
            .collect()
    };
    let thresholds: Vec<Value> = head
        .sample
        .thresholds()
        .iter()
        .filter(|t| t.index != Index::Duration || head.duration.is_some())
        .map(|t| json!({"index": t.index, "comparison": t.comparison, "threshold": t.threshold}))
        .collect();
    let mut m = Map::new();
    m.insert("file".into(), json!(head.file));
    m.insert("items".into(), json!(head.items));
    m.insert("duration_column".into(), json!(head.duration));
    m.insert("thresholds".into(), Value::Array(thresholds));
    m.insert("synonym_pairs".into(), pairs(head.sample.synonym_pairs()));
    m.insert("antonym_pairs".into(), pairs(head.sample.antonym_pairs()));
    m.insert(
        "diagnostics".into(),
        diagnostics_json(
            head.sample.diagnostics(),
            &Names::items(head.items),
            head.advise,
        ),
    );
    m
}

/// One respondent as JSON: `line`, `id`, the indices (`null` where not computed), `flags`.
#[derive(serde::Serialize)]
struct RespondentJson<'a> {
    line: u64,
    id: &'a str,
    #[serde(flatten)]
    indices: &'a Indices,
}

fn respondent_json<'a>(row: &Respondent<'a>) -> RespondentJson<'a> {
    RespondentJson {
        line: row.line,
        id: row.id,
        indices: row.indices,
    }
}

/// The careless section of `psym validate --careless` in JSON: the head, the `summary` and
/// the `flagged` respondents.
pub fn json(head: &Head<'_>, summary: &Summary, flagged: &[(u64, String, Indices)]) -> Value {
    let mut m = head_json(head);
    m.insert("summary".into(), json!(summary));
    let rows: Vec<RespondentJson<'_>> = flagged
        .iter()
        .map(|(line, id, indices)| RespondentJson {
            line: *line,
            id,
            indices,
        })
        .collect();
    m.insert("flagged".into(), json!(rows));
    Value::Object(m)
}

/// JSON streamed in constant memory: the head, then `respondents` (every row, one per line,
/// as they come), then the `summary`.
pub struct JsonCareless<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> JsonCareless<W> {
    /// Writes the head and opens the `respondents` array.
    ///
    /// # Errors
    /// I/O errors of `out`.
    pub fn new(mut out: W, head: &Head<'_>) -> io::Result<Self> {
        let text = serde_json::to_string_pretty(&Value::Object(head_json(head)))?;
        // the head object without its closing brace, then the array of respondents
        let open = text.trim_end().trim_end_matches('}').trim_end();
        write!(out, "{open},\n  \"respondents\": [")?;
        Ok(JsonCareless { out, first: true })
    }
}

impl<W: Write> CarelessWriter for JsonCareless<W> {
    fn row(&mut self, row: Respondent<'_>) -> io::Result<()> {
        let sep = if self.first { "" } else { "," };
        self.first = false;
        write!(self.out, "{sep}\n    ")?;
        serde_json::to_writer(&mut self.out, &respondent_json(&row)).map_err(json_io)?;
        Ok(())
    }

    fn finish(mut self: Box<Self>, summary: &Summary) -> io::Result<()> {
        let summary = serde_json::to_string_pretty(summary)?.replace('\n', "\n  ");
        writeln!(self.out, "\n  ],\n  \"summary\": {summary}\n}}")?;
        self.out.flush()
    }
}

/// Text or Markdown: the rows are kept only when flagged, and the document is written at the
/// end ([`blocks`]).
pub struct DocumentCareless<'a, W: Write> {
    out: W,
    head: Head<'a>,
    format: Format,
    flagged: Vec<(u64, String, Indices)>,
}

impl<'a, W: Write> DocumentCareless<'a, W> {
    /// A writer of `format` (text or Markdown).
    pub fn new(out: W, head: Head<'a>, format: Format) -> Self {
        DocumentCareless {
            out,
            head,
            format,
            flagged: Vec::new(),
        }
    }
}

impl<W: Write> CarelessWriter for DocumentCareless<'_, W> {
    fn row(&mut self, row: Respondent<'_>) -> io::Result<()> {
        if !row.indices.flags.is_empty() {
            self.flagged
                .push((row.line, row.id.to_owned(), row.indices.clone()));
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, summary: &Summary) -> io::Result<()> {
        let doc = Document {
            blocks: blocks(&self.head, summary, &self.flagged, self.format),
        };
        crate::doc::write(&mut self.out, &doc, self.format)?;
        self.out.flush()
    }
}

/// The flagged respondents as rows of validate's CSV problem table (`line, id, column, value,
/// kind, message`): kind `careless`, the flags in `value`, and each flag's index value beside
/// its rule in `message`.
pub fn problem_rows(head: &Head<'_>, flagged: &[(u64, String, Indices)]) -> Vec<Vec<String>> {
    flagged
        .iter()
        .map(|(line, id, indices)| {
            let reasons: Vec<String> = head
                .sample
                .thresholds()
                .iter()
                .filter(|t| indices.flags.contains(&t.index))
                .map(|t| {
                    format!(
                        "{} = {} ({})",
                        t.index.name(),
                        fmt_num(indices.value(t.index), 4),
                        t.rule()
                    )
                })
                .collect();
            vec![
                line.to_string(),
                id.clone(),
                String::new(),
                flag_list(indices),
                "careless".to_owned(),
                format!("possibly careless responding: {}", reasons.join("; ")),
            ]
        })
        .collect()
}

/// The warning for duration cells that are not a number of seconds, if there were any.
pub fn unreadable_durations(summary: &Summary) -> Option<String> {
    let (line, value) = summary.first_unreadable_duration.as_ref()?;
    Some(format!(
        "{} row(s) have a duration that is not a number of seconds (first: line {line}, \"{value}\"); \
         their completion time is left blank. The duration column takes seconds (95, 95.5 or 95,5) \
         or a clock time (1:35, 0:01:35).",
        summary.unreadable_durations
    ))
}

/// The blocks of the careless document: a heading (Markdown), the counts, the thresholds
/// with the respondents each flags, the synonym pairs, the diagnostics, and the flagged
/// respondents (line, id, flags, the indices).
pub fn blocks(
    head: &Head<'_>,
    summary: &Summary,
    flagged: &[(u64, String, Indices)],
    format: Format,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    if format == Format::Md {
        blocks.push(Block::heading(
            1,
            format!("Careless responding in `{}`", head.file),
        ));
    }
    blocks.push(Block::Paragraph(format!(
        "{}: {} respondent(s); {} flagged on at least one index (flagged rows are reported, never dropped)",
        head.file, summary.respondents, summary.flagged
    )));
    let mut rules = Table::new(Column::all(&[
        ("index", Role::Label),
        ("flagged when", Role::Text),
        ("computed", Role::Number),
        ("flagged", Role::Number),
    ]));
    for t in head.sample.thresholds() {
        if t.index == Index::Duration && head.duration.is_none() {
            continue;
        }
        let count = summary.indices.iter().find(|c| c.index == t.index);
        rules.rows.push(vec![
            t.index.name().to_owned(),
            t.rule(),
            count.map_or(0, |c| c.computed).to_string(),
            count.map_or(0, |c| c.flagged).to_string(),
        ]);
    }
    blocks.push(Block::Table(rules));
    let pairs = |list: &[(usize, usize)]| {
        list.iter()
            .map(|&(j, k)| format!("{}–{}", head.items[j], head.items[k]))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let pairs = |list: &[(usize, usize)]| match pairs(list) {
        p if p.is_empty() => "none".to_owned(),
        p => p,
    };
    blocks.push(Block::KeyValues(vec![
        KeyValue::new("Synonym pairs", [pairs(head.sample.synonym_pairs())]),
        KeyValue::new("Antonym pairs", [pairs(head.sample.antonym_pairs())]),
    ]));
    if let Some(note) = unreadable_durations(summary) {
        blocks.push(Block::Warning(note));
    }
    for d in head.sample.diagnostics() {
        blocks.push(Block::Warning(line(
            d,
            &Names::items(head.items),
            head.advise,
        )));
    }
    if !flagged.is_empty() {
        let duration = head.duration.is_some();
        let mut spec = vec![
            ("line", Role::Number),
            ("id", Role::Text),
            ("flags", Role::Text),
        ];
        let columns = value_columns(duration);
        spec.extend(columns.iter().map(|c| (*c, Role::Number)));
        let mut t = Table::new(Column::all(&spec));
        for (line, id, indices) in flagged {
            let mut row = vec![line.to_string(), id.clone(), flag_list(indices)];
            row.extend(
                columns
                    .iter()
                    .zip(values(indices, duration))
                    .map(|(c, v)| match *c {
                        "answered" | "longstring" | "mahalanobis_df" => fmt_num(v, 0),
                        "mahalanobis_p" => fmt_num(v, 4),
                        "mahalanobis_d2" | "duration" => fmt_num(v, 1),
                        _ => fmt_num(v, 2),
                    }),
            );
            t.rows.push(row);
        }
        blocks.push(Block::Table(t));
    }
    blocks
}
