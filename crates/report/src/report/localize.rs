//! Puts the blocks the report takes over from a command's document into the report's
//! language: headings, table headers and key–value labels through the vocabulary of [`super::terms`], word cells
//! (a verdict, a step of the invariance ladder) likewise, and the numbers in every cell that
//! is not a label (`0.040 [0.031, 0.050]`, `mahalanobis p < 0.001`) by the language's number rule
//! ([`super::numbers`]). The commands' own output is untouched: this runs only in the report.

use super::Catalogue;
use super::terms::{phrases, term};
use crate::doc::{Block, KeyValue, Role, Table};

/// `block` in the catalogue's language (see the module docs).
pub fn block(block: Block, c: &Catalogue) -> Block {
    match block {
        Block::Heading { level, text } => Block::heading(level, words(&text, c)),
        Block::Table(t) => Block::Table(table(t, c)),
        Block::KeyValues(lines) => Block::KeyValues(
            lines
                .into_iter()
                .map(|kv| KeyValue {
                    key: word(&kv.key, c),
                    values: kv.values.iter().map(|v| word(v, c)).collect(),
                })
                .collect(),
        ),
        other => other,
    }
}

fn table(mut t: Table, c: &Catalogue) -> Table {
    t.caption = t.caption.map(|s| words(&s, c));
    for col in &mut t.columns {
        col.header = word(&col.header, c);
    }
    let roles: Vec<Role> = t.columns.iter().map(|col| col.role).collect();
    for row in &mut t.rows {
        for (cell, role) in row.iter_mut().zip(&roles) {
            *cell = match (term(c.lang, cell), role) {
                (Some(t), _) => t.to_string(),
                (None, Role::Label) => cell.clone(),
                (None, _) => c.number_text(cell),
            };
        }
    }
    t
}

/// A whole header looked up as one term.
fn word(text: &str, c: &Catalogue) -> String {
    term(c.lang, text).map_or_else(|| text.to_string(), str::to_string)
}

/// A heading or caption: as one term if it is one, else with each known phrase replaced.
fn words(text: &str, c: &Catalogue) -> String {
    if let Some(t) = term(c.lang, text) {
        return t.to_string();
    }
    phrases(c.lang)
        .iter()
        .fold(text.to_string(), |s, (en, tr)| s.replace(en, tr))
}
