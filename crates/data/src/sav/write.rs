//! Writing a system file: numeric and string variables with variable labels and value labels,
//! UTF-8, bytecode-compressed (what SPSS and haven write by default).
//!
//! The dictionary comes before the data and must give each string's width and the number of
//! cases, which are known only after the last row; so rows go first to a spool (a temporary
//! file the caller provides) and are compressed into the output at the end: memory stays
//! constant however many rows are written.

use std::collections::HashSet;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

use super::civil_from_days;
use super::dictionary::SYSMIS;

/// A column to write.
#[derive(Debug, Clone, PartialEq)]
pub struct SavColumn {
    /// Its name; made a valid SPSS name (letters, digits, `_ . $ # @`, at most 64 bytes, not a
    /// reserved word) and unique where it is not.
    pub name: String,
    /// The variable label.
    pub label: Option<String>,
    /// Numbers (`true`) or text.
    pub numeric: bool,
    /// Value labels of a numeric column (value, label; a label is cut to 120 bytes).
    pub value_labels: Vec<(f64, String)>,
}

/// One cell of a row: a number (`None` = system-missing) or text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SavCell<'a> {
    /// A number, or no value.
    Number(Option<f64>),
    /// Text.
    Text(&'a str),
}

/// The widest string SPSS stores (in bytes).
const MAX_WIDTH: usize = 32_767;
/// Bytes a value label may have in a system file.
const MAX_VALUE_LABEL: usize = 120;
/// The bytecode bias, as SPSS writes it.
const BIAS: f64 = 100.0;

/// Writes rows into a spool, and the system file into `out` at [`finish`](Self::finish).
pub struct SavWriter<W: Write, S: Read + Write + Seek> {
    out: W,
    spool: BufWriter<S>,
    columns: Vec<SavColumn>,
    widths: Vec<usize>,
    rows: u64,
    created: i64,
    product: String,
}

impl<W: Write, S: Read + Write + Seek> SavWriter<W, S> {
    /// A writer of `columns` into `out`, spooling rows in `spool` (an empty temporary file).
    pub fn new(out: W, spool: S, columns: Vec<SavColumn>) -> Self {
        SavWriter {
            out,
            spool: BufWriter::new(spool),
            widths: vec![1; columns.len()],
            columns,
            rows: 0,
            created: 0,
            product: "psym".into(),
        }
    }

    /// Records when the file was made (seconds since 1970-01-01 UTC; the header shows
    /// 1 January 1970 otherwise) and the program that made it.
    pub fn made_by(mut self, unix_seconds: i64, product: &str) -> Self {
        self.created = unix_seconds;
        self.product = product.to_owned();
        self
    }

    /// Adds a row: one cell per column. Text longer than 32,767 bytes is cut there (at a
    /// character boundary); a number in a text column is written as text, text in a numeric
    /// column as no value.
    ///
    /// # Errors
    /// I/O errors of the spool.
    pub fn row(&mut self, cells: &[SavCell<'_>]) -> io::Result<()> {
        for (k, column) in self.columns.iter().enumerate() {
            let cell = cells.get(k).copied().unwrap_or(SavCell::Number(None));
            if column.numeric {
                let x = match cell {
                    SavCell::Number(Some(x)) if x.is_finite() => x,
                    _ => SYSMIS,
                };
                self.spool.write_all(&x.to_le_bytes())?;
            } else {
                let owned;
                let text = match cell {
                    SavCell::Text(t) => cut(t, MAX_WIDTH),
                    SavCell::Number(Some(x)) => {
                        owned = x.to_string();
                        &owned
                    }
                    SavCell::Number(None) => "",
                };
                self.widths[k] = self.widths[k].max(text.len());
                self.spool.write_all(&(text.len() as u32).to_le_bytes())?;
                self.spool.write_all(text.as_bytes())?;
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Writes the dictionary and the spooled rows, and returns the output.
    ///
    /// # Errors
    /// I/O errors of the spool or the output.
    pub fn finish(self) -> io::Result<W> {
        let mut spool = self.spool.into_inner().map_err(|e| e.into_error())?;
        spool.seek(SeekFrom::Start(0))?;
        let layout = Layout::new(&self.columns, &self.widths);
        let mut out = BufWriter::new(self.out);
        let dictionary = Dictionary {
            columns: &self.columns,
            layout: &layout,
            rows: self.rows,
            created: self.created,
            product: &self.product,
        };
        dictionary.write(&mut out)?;
        let mut data = Bytecode::new(&mut out);
        let mut spool = BufReader::new(spool);
        let mut text = Vec::new();
        for _ in 0..self.rows {
            for (k, var) in layout.vars.iter().enumerate() {
                if self.columns[k].numeric {
                    let mut b = [0; 8];
                    spool.read_exact(&mut b)?;
                    data.number(f64::from_le_bytes(b))?;
                } else {
                    let mut n = [0; 4];
                    spool.read_exact(&mut n)?;
                    text.resize(u32::from_le_bytes(n) as usize, 0);
                    spool.read_exact(&mut text)?;
                    var.write_text(&text, &mut data)?;
                }
            }
        }
        data.finish()?;
        out.into_inner().map_err(|e| e.into_error())
    }
}

/// `text` cut to at most `max` bytes at a character boundary.
fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Where each column goes: its long and short names and its stored segments.
struct Layout {
    vars: Vec<Stored>,
}

struct Stored {
    name: String,
    short: String,
    /// 0 for a number; else the string's width.
    width: usize,
    /// (short name, width) per segment: one for a number or a string of at most 255 bytes.
    segments: Vec<(String, usize)>,
}

impl Layout {
    fn new(columns: &[SavColumn], widths: &[usize]) -> Self {
        let mut long_seen = HashSet::new();
        let mut short_seen = HashSet::new();
        let mut vars = Vec::new();
        for (k, column) in columns.iter().enumerate() {
            let name = unique(valid_name(&column.name), &mut long_seen, 64);
            let short = unique(name.to_uppercase(), &mut short_seen, 8);
            let width = if column.numeric { 0 } else { widths[k] };
            let segments = if width <= 255 {
                vec![(short.clone(), width)]
            } else {
                // a very long string: segments of 255 bytes that count 252 each, the last the rest
                let n = width.div_ceil(252);
                (0..n)
                    .map(|j| {
                        let seg_name = if j == 0 {
                            short.clone()
                        } else {
                            unique(
                                format!("{}{j}", &short[..short.len().min(5)]),
                                &mut short_seen,
                                8,
                            )
                        };
                        let w = if j + 1 < n {
                            255
                        } else {
                            width - 252 * (n - 1)
                        };
                        (seg_name, w)
                    })
                    .collect()
            };
            vars.push(Stored {
                name,
                short,
                width,
                segments,
            });
        }
        Layout { vars }
    }

    fn slots(&self) -> usize {
        self.vars
            .iter()
            .flat_map(|v| &v.segments)
            .map(|&(_, w)| w.div_ceil(8).max(1))
            .sum()
    }
}

impl Stored {
    /// Writes a string's bytes into its segments (255 bytes each but the last), padded with
    /// blanks to whole slots.
    fn write_text<W: Write>(&self, text: &[u8], data: &mut Bytecode<W>) -> io::Result<()> {
        let mut rest = text;
        for &(_, w) in &self.segments {
            let share = if w == 255 { 255 } else { w };
            let (head, tail) = rest.split_at(share.min(rest.len()));
            rest = tail;
            let slots = w.div_ceil(8).max(1);
            for s in 0..slots {
                let mut slot = [b' '; 8];
                let from = (s * 8).min(head.len());
                let to = (s * 8 + 8).min(head.len());
                slot[..to - from].copy_from_slice(&head[from..to]);
                data.raw(slot)?;
            }
        }
        Ok(())
    }
}

/// A valid SPSS variable name for `name`: characters other than letters, digits and
/// `_ . $ # @` become `_`, a name that does not start with a letter or `@ # $` gets a `v`
/// before it, a reserved word gets a `_` after it; at most 64 bytes.
fn valid_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "_.$#@".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_alphabetic() || "@#$".contains(c)) {
        out.insert(0, 'v');
    }
    const RESERVED: [&str; 13] = [
        "ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH",
    ];
    if RESERVED.contains(&out.to_uppercase().as_str()) {
        out.push('_');
    }
    cut(out.trim_end_matches('.'), 64).to_owned()
}

/// `name` cut to `max` bytes, made unique among `seen` (compared ignoring case) with a number.
fn unique(name: String, seen: &mut HashSet<String>, max: usize) -> String {
    let mut candidate = cut(&name, max).to_owned();
    let mut k = 1;
    while !seen.insert(candidate.to_uppercase()) {
        let suffix = k.to_string();
        candidate = format!("{}{suffix}", cut(&name, max - suffix.len()));
        k += 1;
    }
    candidate
}

/// The dictionary records of the file.
struct Dictionary<'a> {
    columns: &'a [SavColumn],
    layout: &'a Layout,
    rows: u64,
    created: i64,
    product: &'a str,
}

impl Dictionary<'_> {
    fn write<W: Write>(&self, out: &mut W) -> io::Result<()> {
        self.header(out)?;
        for (column, var) in self.columns.iter().zip(&self.layout.vars) {
            variable(out, column, var)?;
        }
        self.value_labels(out)?;
        // machine integer info: version 1.0.0, machine -1, IEEE floats, bytecode, little-endian, UTF-8
        extension(out, 3, 4, &ints(&[1, 0, 0, -1, 1, 1, 2, 65001]))?;
        let floats: Vec<u8> = [SYSMIS, f64::MAX, -f64::MAX + f64::MAX * f64::EPSILON]
            .iter()
            .flat_map(|x| x.to_le_bytes())
            .collect();
        extension(out, 4, 8, &floats)?;
        let long_names: Vec<String> = self
            .layout
            .vars
            .iter()
            .map(|v| format!("{}={}", v.short, v.name))
            .collect();
        extension(out, 13, 1, long_names.join("\t").as_bytes())?;
        let very_long: String = self
            .layout
            .vars
            .iter()
            .filter(|v| v.width > 255)
            .map(|v| format!("{}={:05}\0\t", v.short, v.width))
            .collect();
        if !very_long.is_empty() {
            extension(out, 14, 1, very_long.as_bytes())?;
        }
        extension(out, 20, 1, b"UTF-8")?;
        out.write_all(&ints(&[999, 0]))
    }

    fn header<W: Write>(&self, out: &mut W) -> io::Result<()> {
        out.write_all(b"$FL2")?;
        out.write_all(&padded(
            &format!("@(#) SPSS DATA FILE {}", self.product),
            60,
        ))?;
        let slots = i32::try_from(self.layout.slots()).unwrap_or(-1);
        let cases = i32::try_from(self.rows).unwrap_or(-1);
        out.write_all(&ints(&[2, slots, 1, 0, cases]))?;
        out.write_all(&BIAS.to_le_bytes())?;
        let (days, secs) = (
            self.created.div_euclid(86_400),
            self.created.rem_euclid(86_400),
        );
        let (y, m, d) = civil_from_days(days);
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let date = format!("{d:02} {} {:02}", MONTHS[m as usize - 1], y.rem_euclid(100));
        let time = format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
        out.write_all(&padded(&date, 9))?;
        out.write_all(&padded(&time, 8))?;
        out.write_all(&padded("", 64))?;
        out.write_all(&[0; 3])
    }

    fn value_labels<W: Write>(&self, out: &mut W) -> io::Result<()> {
        let mut slot = 1;
        for (column, var) in self.columns.iter().zip(&self.layout.vars) {
            if column.numeric && !column.value_labels.is_empty() {
                out.write_all(&ints(&[3, column.value_labels.len() as i32]))?;
                for (value, label) in &column.value_labels {
                    out.write_all(&value.to_le_bytes())?;
                    let label = cut(label, MAX_VALUE_LABEL);
                    out.write_all(&[label.len() as u8])?;
                    let padded_len = (label.len() + 1).div_ceil(8) * 8 - 1;
                    out.write_all(&padded(label, padded_len))?;
                }
                out.write_all(&ints(&[4, 1, slot]))?;
            }
            slot += var
                .segments
                .iter()
                .map(|&(_, w)| w.div_ceil(8).max(1) as i32)
                .sum::<i32>();
        }
        Ok(())
    }
}

/// The variable records of one column: one per segment, each followed by continuation
/// records for its further slots.
fn variable<W: Write>(out: &mut W, column: &SavColumn, var: &Stored) -> io::Result<()> {
    for (j, (short, w)) in var.segments.iter().enumerate() {
        let format = if column.numeric {
            (5 << 16) | (8 << 8) | 2
        } else {
            (1 << 16) | ((*w as i32).min(255) << 8)
        };
        let label = column.label.as_deref().filter(|_| j == 0);
        out.write_all(&ints(&[
            2,
            *w as i32,
            i32::from(label.is_some()),
            0,
            format,
            format,
        ]))?;
        out.write_all(&padded(short, 8))?;
        if let Some(label) = label {
            let label = cut(label, 255 * 4);
            out.write_all(&ints(&[label.len() as i32]))?;
            out.write_all(&padded(label, label.len().div_ceil(4) * 4))?;
        }
        for _ in 1..w.div_ceil(8).max(1) {
            out.write_all(&ints(&[2, -1, 0, 0, format, format]))?;
            out.write_all(&padded("", 8))?;
        }
    }
    Ok(())
}

fn extension<W: Write>(out: &mut W, subtype: i32, size: i32, body: &[u8]) -> io::Result<()> {
    out.write_all(&ints(&[7, subtype, size, body.len() as i32 / size]))?;
    out.write_all(body)
}

fn ints(values: &[i32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// `text`'s bytes padded with blanks (or cut) to `len`.
fn padded(text: &str, len: usize) -> Vec<u8> {
    let mut b = cut(text, len).as_bytes().to_vec();
    b.resize(len, b' ');
    b
}

/// Bytecode compression into `out`: eight command bytes, then the operands of code 253.
struct Bytecode<'a, W: Write> {
    out: &'a mut W,
    commands: Vec<u8>,
    operands: Vec<u8>,
}

impl<'a, W: Write> Bytecode<'a, W> {
    fn new(out: &'a mut W) -> Self {
        Bytecode {
            out,
            commands: Vec::with_capacity(8),
            operands: Vec::with_capacity(64),
        }
    }

    fn command(&mut self, code: u8, operand: Option<[u8; 8]>) -> io::Result<()> {
        self.commands.push(code);
        if let Some(o) = operand {
            self.operands.extend_from_slice(&o);
        }
        if self.commands.len() == 8 {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.commands.resize(8, 0);
        self.out.write_all(&self.commands)?;
        self.out.write_all(&self.operands)?;
        self.commands.clear();
        self.operands.clear();
        Ok(())
    }

    /// A number: a whole number from −99 to 151 in its command byte, system-missing as 255,
    /// others as an operand.
    fn number(&mut self, x: f64) -> io::Result<()> {
        if x == SYSMIS {
            self.command(255, None)
        } else if x.fract() == 0.0 && (1.0 - BIAS..=251.0 - BIAS).contains(&x) {
            self.command((x + BIAS) as u8, None)
        } else {
            self.command(253, Some(x.to_le_bytes()))
        }
    }

    /// Eight bytes of a string: blanks as 254, others as an operand.
    fn raw(&mut self, slot: [u8; 8]) -> io::Result<()> {
        if slot == [b' '; 8] {
            self.command(254, None)
        } else {
            self.command(253, Some(slot))
        }
    }

    fn finish(mut self) -> io::Result<()> {
        if !self.commands.is_empty() {
            self.flush()?;
        }
        Ok(())
    }
}
