//! Careless responding, within the data-quality section: the counts per index with their
//! thresholds (the table of `psym validate --careless`), how many respondents are flagged, and
//! the first flagged rows. Flagged rows are reported, never dropped.

use psym_careless::{Index, Indices};

use super::super::nested;
use crate::careless::blocks as careless_blocks;
use crate::doc::{Block, Column, Document, Role, Table};
use crate::report::findings::finding;
use crate::report::{Msg, ReportInput};
use crate::subject::Names;
use crate::{Format, careless::Head};

/// Flagged rows listed in the report; `psym validate --careless` lists every one.
const LISTED_FLAGS: usize = 20;

/// An index that flags more than this share of the respondents is named in the reading: on
/// this instrument it more likely reflects the index (short subscales, few synonym pairs)
/// than careless answering.
const WIDE_SHARE: f64 = 0.10;

/// The careless-responding indices of the file, as `psym validate --careless` computes them.
#[derive(Debug, Clone, Copy)]
pub struct CarelessView<'a> {
    /// The first pass (thresholds, synonym pairs, diagnostics) and how to name the items.
    pub head: Head<'a>,
    /// Counts per index and of flagged respondents.
    pub summary: &'a psym_careless::Summary,
    /// The flagged rows: line, id and indices, in input order.
    pub flagged: &'a [(u64, String, Indices)],
}

/// The careless-responding part of the data-quality section (nothing when it was not run).
pub fn careless(input: &ReportInput<'_>) -> Vec<Block> {
    let c = &input.catalogue;
    let Some(v) = &input.careless else {
        return Vec::new();
    };
    let s = v.summary;
    let n = s.respondents.max(1) as f64;
    let wide: Vec<&str> = (s.indices.iter())
        .filter(|i| i.flagged as f64 / n > WIDE_SHARE)
        .map(|i| i.index.name())
        .collect();
    let mut reading = c.fill(
        Msg::CarelessReading,
        &[
            ("flagged", s.flagged.to_string()),
            ("rows", s.respondents.to_string()),
        ],
    );
    if !wide.is_empty() {
        reading.push(' ');
        reading.push_str(&c.fill(
            Msg::CarelessWide,
            &[
                ("share", c.percent(WIDE_SHARE * 100.0, 0)),
                ("indices", wide.join(", ")),
            ],
        ));
    }
    let mut blocks = vec![
        Block::heading(3, c.text(Msg::Careless)),
        Block::Paragraph(reading),
    ];
    // The command's own tables (its sentences are worded above and below) without its list
    // of every flagged row (the first ones follow below); its diagnostics after its pairs.
    let command = Document {
        blocks: careless_blocks(&v.head, s, &[], Format::Text),
    };
    blocks.extend(nested(command, c, |b| match b {
        Block::KeyValues(_) => (v.head.sample.diagnostics().iter())
            .map(|d| Block::Warning(finding(d, &Names::items(v.head.items), c)))
            .collect(),
        _ => Vec::new(),
    }));
    if !v.flagged.is_empty() {
        blocks.push(Block::Table(first_flagged(input, v)));
    }
    blocks
}

/// The first flagged rows: line, id and the indices that flag them.
fn first_flagged(input: &ReportInput<'_>, v: &CarelessView<'_>) -> Table {
    let c = &input.catalogue;
    let mut t = Table::new(vec![
        Column::new(c.text(Msg::Line), Role::Number),
        Column::new("id", Role::Text),
        Column::new(c.text(Msg::Flags), Role::Text),
    ]);
    for (line, id, indices) in v.flagged.iter().take(LISTED_FLAGS) {
        let flags: Vec<&str> = indices.flags.iter().map(|f: &Index| f.name()).collect();
        t.rows
            .push(vec![line.to_string(), id.clone(), flags.join(", ")]);
    }
    t.with_note(c.fill(
        Msg::FlagsShown,
        &[
            ("shown", v.flagged.len().min(LISTED_FLAGS).to_string()),
            ("all", v.flagged.len().to_string()),
        ],
    ))
}
