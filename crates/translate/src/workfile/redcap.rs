//! REDCap data dictionaries (CSV): the item text of one language as `radio` fields, the anchor
//! labels as choices (`1, Never | 2, Rarely | …`), the instructions as the section header of the
//! first item.
//!
//! REDCap variable names are lowercase letters, digits and `_`, starting with a letter; psym
//! maps an item id to one by lowercasing it, replacing other characters by `_`, and prefixing
//! `item_` when it does not start with a letter (`1` → `item_1`), and maps back the same way.

use psym_instrument::Instrument;

use super::WorkRow;
use super::table::Table;
use crate::error::{WorkFileProblem, problem};
use crate::unit::label_value;

/// The 18 columns of a REDCap data dictionary, in REDCap's order.
pub const HEADER: [&str; 18] = [
    "Variable / Field Name",
    "Form Name",
    "Section Header",
    "Field Type",
    "Field Label",
    "Choices, Calculations, OR Slider Labels",
    "Field Note",
    "Text Validation Type OR Show Slider Number",
    "Text Validation Min",
    "Text Validation Max",
    "Identifier?",
    "Branching Logic (Show field only if...)",
    "Required Field?",
    "Custom Alignment",
    "Question Number (surveys only)",
    "Matrix Group Name",
    "Matrix Ranking?",
    "Field Annotation",
];

/// The REDCap variable name of an item id.
pub fn variable_name(id: &str) -> String {
    let mut v: String = id
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_alphanumeric() { c } else { '_' }
        })
        .collect();
    if !v.starts_with(|c: char| c.is_ascii_lowercase()) {
        v.insert_str(0, "item_");
    }
    v
}

/// The data dictionary of `inst` in `lang`.
pub fn table(inst: &Instrument, lang: &str) -> Table {
    let mut t = Table::new("redcap", HEADER.map(String::from).to_vec());
    let form: String = variable_name(&inst.id);
    let choices = inst
        .response_scale
        .as_ref()
        .and_then(|s| {
            s.labels
                .get(lang)
                .or_else(|| s.labels.get(&inst.source_language))
        })
        .map(|labels| {
            labels
                .iter()
                .enumerate()
                .map(|(k, l)| format!("{}, {l}", label_value(inst, k)))
                .collect::<Vec<_>>()
                .join(" | ")
        });
    let row = |var: &str, section: &str, ty: &str, label: &str, choices: &str| {
        let mut cells = vec![String::new(); HEADER.len()];
        for (k, v) in [
            (0, var),
            (1, form.as_str()),
            (2, section),
            (3, ty),
            (4, label),
            (5, choices),
        ] {
            cells[k] = v.to_owned();
        }
        cells
    };
    t.push(row("record_id", "", "text", "Record ID", ""));
    let instructions = inst.instructions.get(lang).map_or("", |s| s.as_str());
    for (k, item) in inst.items.iter().enumerate() {
        let text = item.text.get(lang).map_or("", |s| s.as_str());
        let section = if k == 0 { instructions } else { "" };
        let (ty, ch) = match &choices {
            Some(c) => ("radio", c.as_str()),
            None => ("text", ""),
        };
        t.push(row(&variable_name(&item.id), section, ty, text, ch));
    }
    t
}

/// The choices `1, Never | 2, Rarely` as (value, label) pairs; the label is `None` when a part
/// has no comma. Exactly the separators psym writes (`, ` and ` | `) are removed, and only one
/// space of each, so that labels keep their own leading and trailing spaces; `1,Never|2,Rarely`
/// reads the same.
fn choice_list(choices: &str) -> Vec<(String, Option<&str>)> {
    let parts: Vec<&str> = choices.split('|').collect();
    let last = parts.len().saturating_sub(1);
    parts
        .iter()
        .enumerate()
        .map(|(k, part)| {
            let part = if k > 0 { strip_space(part, true) } else { part };
            let part = if k < last {
                strip_space(part, false)
            } else {
                part
            };
            match part.split_once(',') {
                Some((value, label)) => (value.trim().to_owned(), Some(strip_space(label, true))),
                None => (part.trim().to_owned(), None),
            }
        })
        .collect()
}

/// `s` without one space at its start (`start`) or end.
fn strip_space(s: &str, start: bool) -> &str {
    let stripped = if start {
        s.strip_prefix(' ')
    } else {
        s.strip_suffix(' ')
    };
    stripped.unwrap_or(s)
}

/// Reads a data dictionary as work rows in `lang`: item text, the instructions (section header
/// of the first item) and the anchor labels (choices, which must be the same on every item).
pub fn rows(table: &Table, inst: &Instrument) -> Result<Vec<WorkRow>, Vec<WorkFileProblem>> {
    let col = |names: &[&str]| names.iter().find_map(|n| table.column(n));
    let var = col(&["Variable / Field Name", "field_name"]);
    let label = col(&["Field Label", "field_label"]);
    let (Some(var), Some(label)) = (var, label) else {
        return Err(vec![problem(
            "line 1",
            None,
            "not a REDCap data dictionary: no 'Variable / Field Name' and 'Field Label' columns",
        )]);
    };
    let section = col(&["Section Header", "section_header"]);
    let choices = col(&[
        "Choices, Calculations, OR Slider Labels",
        "select_choices_or_calculations",
    ]);
    let by_var: Vec<(String, &str)> = inst
        .items
        .iter()
        .map(|i| (variable_name(&i.id), i.id.as_str()))
        .collect();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut anchors: Option<(String, String)> = None;
    let mut first = true;
    for row in table.rows.iter().filter(|r| !r.is_blank()) {
        let at = table.location(row, false);
        let v = row.cell(Some(var)).trim();
        let Some((_, id)) = by_var.iter().find(|(name, _)| name == v) else {
            if !(first && out.is_empty()) {
                problems.push(problem(
                    at,
                    Some(v),
                    format!(
                        "unknown variable '{v}' (no item of instrument '{}' maps to it)",
                        inst.id
                    ),
                ));
            }
            first = false;
            continue;
        };
        first = false;
        if out.is_empty() {
            let s = row.cell(section);
            if !s.trim().is_empty() {
                out.push(WorkRow {
                    location: at.clone(),
                    id: "@instructions".into(),
                    target: Some(s.to_owned()),
                    ..WorkRow::default()
                });
            }
        }
        out.push(WorkRow {
            location: at.clone(),
            id: (*id).to_owned(),
            target: Some(row.cell(Some(label)).to_owned()),
            ..WorkRow::default()
        });
        let ch = row.cell(choices);
        if ch.trim().is_empty() {
            continue;
        }
        match &anchors {
            None => anchors = Some((ch.to_owned(), at)),
            Some((seen, first_at)) if seen != ch => problems.push(problem(at, Some(id), format!("choices differ from those at {first_at}; psym instruments share one response scale"))),
            Some(_) => {}
        }
    }
    if let Some((ch, at)) = anchors {
        for (value, text) in choice_list(&ch) {
            match text {
                Some(text) => out.push(WorkRow {
                    location: at.clone(),
                    id: format!("@label.{value}"),
                    target: Some(text.to_owned()),
                    ..WorkRow::default()
                }),
                None => problems.push(problem(
                    at.clone(),
                    None,
                    format!("choice '{value}' is not 'value, label'"),
                )),
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
