//! One small document model for every readable output: a [`Document`] is a list of
//! [`Block`]s (headings, paragraphs, key–value blocks, tables whose columns carry a [`Role`],
//! table notes, warnings, lists), and [`render_text`], [`render_markdown`] and [`render_csv`] turn it
//! into text. A result module builds the document of its result (`cfa::summary`,
//! `cfa::tables`, …); the renderers know nothing about psychometrics. JSON is not a document:
//! it is the serialisation of the result types (docs/json.md).
//!
//! ```
//! use psym_report::doc::{Block, Column, Document, Role, Table, render_markdown};
//!
//! let mut table = Table::new(vec![Column::new("item", Role::Label), Column::new("r", Role::Number)]);
//! table.rows.push(vec!["i1".into(), "0.52".into()]);
//! let doc = Document { blocks: vec![Block::heading(1, "Items"), Block::Table(table)] };
//! let md = render_markdown(&doc);
//! assert_eq!(md, "## Items\n\n| item | r |\n|---|---:|\n| i1 | 0.52 |\n");
//! ```

use std::io;

use crate::{Format, new_table, render};

/// A readable result: blocks in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The blocks, in order.
    pub blocks: Vec<Block>,
}

impl Document {
    /// The texts of the document's warnings, in order (for a format without a place for
    /// them, such as CSV, whose caller shows them elsewhere).
    pub fn warnings(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Warning(w) => Some(w.as_str()),
            _ => None,
        })
    }
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading: level 1 titles a result, level 2 opens a part (a group, a comparison) and
    /// stands out in text with an extra blank line, level 3 and deeper title sections.
    Heading {
        /// 1 = title, 2 = part, 3 and more = section.
        level: u8,
        /// The heading as written.
        text: String,
    },
    /// Running text, written as given (it may hold line breaks).
    Paragraph(String),
    /// Labelled values, one line each (lavaan's summary layout in text).
    KeyValues(Vec<KeyValue>),
    /// A table.
    Table(Table),
    /// A warning about the data or the result.
    Warning(String),
    /// A bulleted list.
    List(Vec<String>),
    /// A figure: an SVG drawing with its text alternative (see [`Figure`]).
    Figure(Figure),
}

/// A figure of a report: a complete SVG document (with its own `<title>` and `<desc>`), the
/// name it is written under (`{id}.svg`), and the caption and description that stand in for
/// it where pictures cannot be shown. Every figure's numbers are also in a table beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// File stem, unique within a report (`scree`, `items-goal`).
    pub id: String,
    /// Caption, shown under the figure.
    pub title: String,
    /// What the figure shows, in words (its text alternative).
    pub description: String,
    /// The SVG document.
    pub svg: String,
}

impl Block {
    /// A heading of `level` (see [`Block::Heading`]).
    pub fn heading(level: u8, text: impl Into<String>) -> Block {
        Block::Heading {
            level,
            text: text.into(),
        }
    }
}

/// A label with its values (none, one, or several side by side, such as standard and scaled).
#[derive(Debug, Clone, PartialEq)]
pub struct KeyValue {
    /// The label (may be empty, for a line of column headers or a continuation).
    pub key: String,
    /// The values, already formatted.
    pub values: Vec<String>,
}

impl KeyValue {
    /// A label with its values.
    pub fn new<I, S>(key: impl Into<String>, values: I) -> KeyValue
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        KeyValue {
            key: key.into(),
            values: values.into_iter().map(Into::into).collect(),
        }
    }
}

/// What a column holds, which decides how it is aligned and read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Names a row (an item, a parameter, a model): left-aligned.
    Label,
    /// Free text: left-aligned.
    Text,
    /// A number (an estimate, a count, a statistic): right-aligned.
    Number,
    /// A p-value: right-aligned.
    PValue,
    /// A value with its interval, `0.040 [0.031, 0.050]`: left-aligned.
    Interval,
    /// A loading or correlation in [−1, 1]: right-aligned; HTML shades the cell by the
    /// value's magnitude (a trailing `*` marks a salient value).
    Loading,
}

impl Role {
    /// Whether values of this role align to the right.
    pub fn right_aligned(self) -> bool {
        matches!(self, Role::Number | Role::PValue | Role::Loading)
    }
}

/// How a column's cells line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Flush right.
    Right,
}

/// A table column: its header, role, alignment (from the role unless set) and, for text
/// layouts that follow a reference program (lavaan's summary), a fixed width.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header.
    pub header: String,
    /// What the column holds.
    pub role: Role,
    /// How its cells line up.
    pub align: Align,
    /// Width in characters in text; `None` fits the content.
    pub width: Option<usize>,
}

impl Column {
    /// A column that fits its content, aligned as its role says.
    pub fn new(header: impl Into<String>, role: Role) -> Column {
        Column {
            header: header.into(),
            role,
            align: if role.right_aligned() {
                Align::Right
            } else {
                Align::Left
            },
            width: None,
        }
    }

    /// Columns that fit their content, from their headers and roles.
    pub fn all(spec: &[(&str, Role)]) -> Vec<Column> {
        spec.iter().map(|&(h, role)| Column::new(h, role)).collect()
    }

    /// A column of fixed width in text.
    pub fn fixed(header: impl Into<String>, role: Role, width: usize) -> Column {
        Column {
            width: Some(width),
            ..Column::new(header, role)
        }
    }

    /// The same column aligned to the right (an operator column in lavaan's layout).
    pub fn right(self) -> Column {
        Column {
            align: Align::Right,
            ..self
        }
    }
}

/// A table: columns and rows of formatted cells, with an optional caption.
///
/// In text, a table whose columns all have a fixed width is laid out at those widths (with a
/// space where a right-aligned column meets a left-aligned one); any other is laid out by
/// content, each cell padded by a space. Trailing blanks are removed, so a row with only a
/// label reads as a sub-heading (`  goal =~`).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Shown above the table (`Latent Variables:` in text, bold in Markdown).
    pub caption: Option<String>,
    /// Shown under the table (as written in text, after `*Note.*` in Markdown, as APA tables).
    pub note: Option<String>,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows; a row may be shorter than the columns (missing cells are empty).
    pub rows: Vec<Vec<String>>,
    /// Spaces before each line in text, for a table nested under the lines above it.
    pub indent: usize,
}

impl Table {
    /// An empty table with these columns and no caption.
    pub fn new(columns: Vec<Column>) -> Table {
        Table {
            caption: None,
            note: None,
            columns,
            rows: Vec::new(),
            indent: 0,
        }
    }

    /// The same table with a caption.
    pub fn with_caption(self, caption: impl Into<String>) -> Table {
        Table {
            caption: Some(caption.into()),
            ..self
        }
    }

    /// The same table with a note under it.
    pub fn with_note(self, note: impl Into<String>) -> Table {
        Table {
            note: Some(note.into()),
            ..self
        }
    }

    fn cell(&self, row: &[String], c: usize) -> String {
        row.get(c).cloned().unwrap_or_default()
    }
}

/// Width of a key–value label in text, as lavaan's summary.
const KEY_WIDTH: usize = 44;
/// Width of each value in a key–value line in text.
const VALUE_WIDTH: usize = 12;

/// Renders a document as readable text: blocks separated by a blank line (two before a
/// level-2 heading), key–value lines in lavaan's layout, tables without borders.
pub fn render_text(doc: &Document) -> String {
    let mut out = String::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
            if matches!(block, Block::Heading { level: 2, .. }) {
                out.push('\n');
            }
        }
        match block {
            Block::Heading { text, .. } | Block::Paragraph(text) => push_line(&mut out, text),
            Block::Warning(w) => push_line(&mut out, &format!("warning: {w}")),
            Block::List(items) => items
                .iter()
                .for_each(|t| push_line(&mut out, &format!("- {t}"))),
            Block::KeyValues(kvs) => kvs.iter().for_each(|kv| out.push_str(&key_value_text(kv))),
            Block::Figure(f) => push_line(&mut out, &format!("[figure: {}]", f.title)),
            Block::Table(t) => {
                if let Some(c) = &t.caption {
                    push_line(&mut out, c);
                }
                for line in table_text(t).lines() {
                    push_line(&mut out, &format!("{:1$}{line}", "", t.indent));
                }
                if let Some(n) = &t.note {
                    push_line(&mut out, n);
                }
            }
        }
    }
    out
}

fn push_line(out: &mut String, text: &str) {
    out.push_str(text);
    out.push('\n');
}

fn key_value_text(kv: &KeyValue) -> String {
    if kv.values.is_empty() {
        return format!("  {}\n", kv.key);
    }
    let mut line = format!("  {:<KEY_WIDTH$}", kv.key);
    for v in &kv.values {
        line.push_str(&format!("{v:>VALUE_WIDTH$}"));
    }
    line.push('\n');
    line
}

fn table_text(t: &Table) -> String {
    let widths: Option<Vec<usize>> = t.columns.iter().map(|c| c.width).collect();
    let Some(widths) = widths else {
        let mut ct = new_table(t.columns.iter().map(|c| c.header.clone()));
        for row in &t.rows {
            ct.add_row((0..t.columns.len()).map(|c| t.cell(row, c)));
        }
        return render(&ct);
    };
    let line = |cells: &mut dyn Iterator<Item = String>| {
        let mut s = String::new();
        for (c, cell) in cells.enumerate() {
            let col = &t.columns[c];
            let w = widths[c];
            if c > 0 && col.align == Align::Left && t.columns[c - 1].align == Align::Right {
                s.push(' ');
            }
            if col.align == Align::Right {
                s.push_str(&format!("{cell:>w$}"));
            } else {
                s.push_str(&format!("{cell:<w$}"));
            }
        }
        format!("{}\n", s.trim_end())
    };
    let mut out = line(&mut t.columns.iter().map(|c| c.header.clone()));
    for row in &t.rows {
        out.push_str(&line(&mut (0..t.columns.len()).map(|c| t.cell(row, c))));
    }
    out
}

/// Renders a document as Markdown: blocks separated by one blank line, headings one level
/// below the page title (`##` for a result), pipe tables aligned by column role; a figure is
/// an image link to `{id}.svg` beside the Markdown file, followed by its description.
pub fn render_markdown(doc: &Document) -> String {
    render_markdown_labelled(doc, "Note.", "Warning:")
}

/// [`render_markdown`] with the words that open a table note and a warning given (a report
/// in another language: `Merknad.`, `Advarsel:`).
pub fn render_markdown_labelled(doc: &Document, note: &str, warning: &str) -> String {
    let mut out = String::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match block {
            Block::Heading { level, text } => {
                let hashes = "#".repeat(usize::from(*level) + 1);
                push_line(&mut out, &format!("{hashes} {text}"));
            }
            Block::Paragraph(text) => push_line(&mut out, text),
            Block::Warning(w) => push_line(&mut out, &format!("**{warning}** {w}")),
            Block::List(items) => items
                .iter()
                .for_each(|t| push_line(&mut out, &format!("- {t}"))),
            Block::KeyValues(kvs) => {
                for kv in kvs {
                    push_line(&mut out, &format!("- {}: {}", kv.key, kv.values.join(", ")));
                }
            }
            Block::Figure(f) => {
                push_line(&mut out, &format!("![{}]({}.svg)", md_cell(&f.title), f.id));
                out.push('\n');
                push_line(&mut out, &format!("*{}*", md_cell(&f.description)));
            }
            Block::Table(t) => {
                if let Some(c) = &t.caption {
                    push_line(&mut out, &format!("**{c}**"));
                    out.push('\n');
                }
                out.push_str(&table_markdown(t));
                if let Some(n) = &t.note {
                    out.push('\n');
                    push_line(&mut out, &format!("*{note}* {n}"));
                }
            }
        }
    }
    out
}

/// A Markdown table cell: `|` and `~` escaped (a `~` would otherwise start strikethrough),
/// line breaks (a quoted value of a response file may hold one) as spaces.
fn md_cell(s: &str) -> String {
    s.replace('|', "\\|")
        .replace('~', "\\~")
        .replace("\r\n", " ")
        .replace(['\n', '\r'], " ")
}

fn table_markdown(t: &Table) -> String {
    let row = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let mut out = row(t.columns.iter().map(|c| md_cell(&c.header)).collect());
    let rule: String = t
        .columns
        .iter()
        .map(|c| match c.align {
            Align::Right => "---:|",
            Align::Left => "---|",
        })
        .collect();
    out.push_str(&format!("|{rule}\n"));
    for r in &t.rows {
        out.push_str(&row((0..t.columns.len())
            .map(|c| md_cell(&t.cell(r, c)))
            .collect()));
    }
    out
}

/// Writes the tables of a document as CSV (header, then rows), separated by a blank line;
/// other blocks have no place in CSV and are left out.
///
/// # Errors
/// Only I/O errors of `out`.
pub fn render_csv(out: &mut dyn io::Write, doc: &Document) -> io::Result<()> {
    let tables = doc.blocks.iter().filter_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    });
    for (i, t) in tables.enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let mut w = csv::Writer::from_writer(&mut *out);
        w.write_record(t.columns.iter().map(|c| c.header.as_str()))?;
        for r in &t.rows {
            w.write_record((0..t.columns.len()).map(|c| t.cell(r, c)))?;
        }
        w.flush()?;
    }
    Ok(())
}

/// Writes a document in `format`: text, Markdown or CSV.
///
/// # Errors
/// I/O errors of `out`; `InvalidInput` for JSON, which is the serialisation of a result, not
/// of its document, and for XLSX and SAV, which only score tables are written as.
pub fn write(out: &mut dyn io::Write, doc: &Document, format: Format) -> io::Result<()> {
    match format {
        Format::Text => out.write_all(render_text(doc).as_bytes()),
        Format::Md => out.write_all(render_markdown(doc).as_bytes()),
        Format::Csv => render_csv(out, doc),
        Format::Json => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "JSON is written from the result, not from its document",
        )),
        Format::Xlsx | Format::Sav => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "documents are not written as workbooks or SPSS files",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Document {
        let mut t = Table::new(vec![
            Column::fixed("", Role::Label, 8),
            Column::fixed("est", Role::Number, 7),
            Column::fixed("p", Role::PValue, 7),
        ])
        .with_caption("Loadings:")
        .with_note("a note");
        t.rows.push(vec!["  f =~".into()]);
        t.rows.push(vec!["    a".into(), "1.000".into()]);
        t.rows
            .push(vec!["    b".into(), "0.5|1".into(), "0.001".into()]);
        Document {
            blocks: vec![
                Block::heading(1, "Title"),
                Block::KeyValues(vec![
                    KeyValue::new("Estimator", ["ML"]),
                    KeyValue::new("", ["Standard", "Scaled"]),
                    KeyValue::new("Groups:", Vec::<String>::new()),
                ]),
                Block::Warning("few rows".into()),
                Block::heading(2, "Group 1:"),
                Block::Table(t),
            ],
        }
    }

    #[test]
    fn text_lays_out_key_values_and_fixed_tables() {
        let text = render_text(&sample());
        let expected = format!(
            "Title\n\n  {:<44}{:>12}\n  {:<44}{:>12}{:>12}\n  Groups:\n\nwarning: few rows\n\n\n\
             Group 1:\n\nLoadings:\n            est      p\n  f =~\n    a     1.000\n    b     \
             0.5|1  0.001\na note\n",
            "Estimator", "ML", "", "Standard", "Scaled"
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn markdown_aligns_by_role_and_escapes_cells() {
        let md = render_markdown(&sample());
        assert!(md.starts_with("## Title\n\n- Estimator: ML\n"), "{md}");
        assert!(
            md.contains("\n**Warning:** few rows\n\n### Group 1:\n"),
            "{md}"
        );
        assert!(
            md.contains("**Loadings:**\n\n|  | est | p |\n|---|---:|---:|\n"),
            "{md}"
        );
        assert!(md.contains("|   f =\\~ |  |  |\n"), "{md}");
        assert!(md.contains("| 0.5\\|1 |"), "{md}");
        assert!(md.ends_with("\n*Note.* a note\n"), "{md}");
    }

    /// A value with a line break (a quoted field of a response file) stays in its cell.
    #[test]
    fn markdown_cells_keep_to_one_line() {
        let mut t = Table::new(vec![Column::new("value", Role::Text)]);
        t.rows.push(vec!["3\r\n4\n5".into()]);
        let doc = Document {
            blocks: vec![Block::Table(t)],
        };
        assert_eq!(render_markdown(&doc), "| value |\n|---|\n| 3 4 5 |\n");
    }

    #[test]
    fn text_fits_content_when_widths_are_not_fixed() {
        let mut t = Table::new(vec![
            Column::new("item", Role::Label),
            Column::new("r", Role::Number),
        ]);
        t.rows.push(vec!["i1".into(), "0.52".into()]);
        t.indent = 2;
        let doc = Document {
            blocks: vec![Block::Table(t)],
        };
        assert_eq!(render_text(&doc), "   item  r\n   i1    0.52\n");
    }

    #[test]
    fn csv_writes_only_the_tables() {
        let mut out = Vec::new();
        render_csv(&mut out, &sample()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            ",est,p\n  f =~,,\n    a,1.000,\n    b,0.5|1,0.001\n"
        );
    }
}
