//! The translator's sheet (CSV or XLSX): `id, source:<src>, target:<lang>, status,
//! back_translation, notes`, one row per unit.

use psym_instrument::Instrument;

use super::table::Table;
use super::{WorkRow, export_rows};
use crate::error::{WorkFileProblem, problem};

/// The sheet for translating `inst` into `lang`.
pub fn table(inst: &Instrument, lang: &str) -> Table {
    let header = vec![
        "id".to_owned(),
        format!("source:{}", inst.source_language),
        format!("target:{lang}"),
        "status".to_owned(),
        "back_translation".to_owned(),
        "notes".to_owned(),
    ];
    let mut t = Table::new("translation", header);
    for row in export_rows(inst, lang) {
        t.push(vec![
            row.id,
            row.source.unwrap_or_default(),
            row.target.unwrap_or_default(),
            row.status.unwrap_or_default(),
            row.back_translation.unwrap_or_default(),
            row.notes.unwrap_or_default(),
        ]);
    }
    t
}

/// Reads the rows of a translator's sheet. The language comes from the `target:<lang>` header;
/// `lang`, when given, must agree with it.
pub fn rows(
    table: &Table,
    lang: Option<&str>,
    xlsx: bool,
) -> Result<(String, Vec<WorkRow>), Vec<WorkFileProblem>> {
    let header_at = if xlsx {
        format!("sheet {}, row 1", table.name)
    } else {
        "line 1".to_owned()
    };
    let target = table
        .header
        .iter()
        .position(|h| h.trim().starts_with("target:"));
    let id = table.column("id");
    let (Some(id), Some(target)) = (id, target) else {
        return Err(vec![problem(
            header_at,
            None,
            "the header needs an 'id' and a 'target:<language>' column, as exported by `psym translate export`",
        )]);
    };
    let found = table
        .header
        .get(target)
        .and_then(|h| h.trim().strip_prefix("target:"))
        .unwrap_or("")
        .trim()
        .to_owned();
    if let Some(l) = lang
        && l != found
    {
        return Err(vec![problem(
            header_at,
            None,
            format!("the work file is for language '{found}', not '{l}'"),
        )]);
    }
    let source = table
        .header
        .iter()
        .position(|h| h.trim().starts_with("source:"));
    let (status, back, notes) = (
        table.column("status"),
        table.column("back_translation"),
        table.column("notes"),
    );
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    let rows = table
        .rows
        .iter()
        .filter(|r| !r.is_blank())
        .map(|r| WorkRow {
            location: table.location(r, xlsx),
            id: r.cell(Some(id)).trim().to_owned(),
            source: source.map(|c| r.cell(Some(c)).to_owned()),
            target: opt(r.cell(Some(target))),
            status: opt(r.cell(status)),
            back_translation: opt(r.cell(back)),
            notes: opt(r.cell(notes)),
        })
        .collect();
    Ok((found, rows))
}
