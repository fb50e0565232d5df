//! XLSForm (ODK, KoboToolbox, SurveyCTO): a `survey` sheet with `label::English (en)` columns,
//! a `choices` sheet with the anchor labels, a `settings` sheet.
//!
//! Export writes every declared language. Import reads the label columns of the target
//! languages (the source-language column is compared with the instrument's source text) and
//! merges each language like any other work file.

use std::collections::HashMap;

use psym_instrument::Instrument;

use super::WorkRow;
use super::table::{Table, TableRow};
use crate::error::{WorkFileProblem, problem};
use crate::text::language_name;
use crate::unit::{UnitKind, label_value, units};

/// Name of the choice list psym writes for the response scale.
pub const LIST_NAME: &str = "scale";

/// The column header for labels in `lang`: `label::Norwegian Bokmål (nb)`.
pub fn label_column(lang: &str) -> String {
    format!("label::{} ({lang})", language_name(lang))
}

/// The three sheets of the XLSForm for `inst`.
pub fn tables(inst: &Instrument) -> Vec<Table> {
    let langs = &inst.languages;
    let mut header = vec!["type".to_owned(), "name".to_owned()];
    header.extend(langs.iter().map(|l| label_column(l)));
    let mut survey = Table::new("survey", header);
    if !inst.instructions.is_empty() {
        let mut cells = vec!["note".to_owned(), "instructions".to_owned()];
        cells.extend(
            langs
                .iter()
                .map(|l| inst.instructions.get(l).cloned().unwrap_or_default()),
        );
        survey.push(cells);
    }
    let kind = if inst.response_scale.is_some() {
        format!("select_one {LIST_NAME}")
    } else {
        "decimal".to_owned()
    };
    for item in &inst.items {
        let mut cells = vec![kind.clone(), item.id.clone()];
        cells.extend(
            langs
                .iter()
                .map(|l| item.text.get(l).cloned().unwrap_or_default()),
        );
        survey.push(cells);
    }
    let mut header = vec!["list_name".to_owned(), "name".to_owned()];
    header.extend(langs.iter().map(|l| label_column(l)));
    let mut choices = Table::new("choices", header);
    for unit in units(inst) {
        if let UnitKind::Label(k) = unit.kind {
            let mut cells = vec![LIST_NAME.to_owned(), label_value(inst, k)];
            cells.extend(
                langs
                    .iter()
                    .map(|l| unit.text(inst, l).unwrap_or("").to_owned()),
            );
            choices.push(cells);
        }
    }
    let mut settings = Table::new(
        "settings",
        ["form_title", "form_id", "version", "default_language"]
            .map(String::from)
            .to_vec(),
    );
    settings.push(vec![
        inst.name_in(&inst.source_language).to_owned(),
        inst.id.clone(),
        inst.version.clone(),
        format!(
            "{} ({})",
            language_name(&inst.source_language),
            inst.source_language
        ),
    ]);
    vec![survey, choices, settings]
}

/// The language of a label column: `label::Name (xx)`, `label::xx`, `label::Name` of a declared
/// language, or plain `label` (the default language).
fn column_language(
    header: &str,
    inst: &Instrument,
    default: &str,
) -> Option<Result<String, String>> {
    let h = header.trim();
    if h.eq_ignore_ascii_case("label") {
        return Some(Ok(default.to_owned()));
    }
    let rest = h.strip_prefix("label::")?.trim();
    if let Some(code) = rest
        .strip_suffix(')')
        .and_then(|r| r.rsplit_once('('))
        .map(|(_, c)| c.trim())
    {
        return Some(Ok(code.to_owned()));
    }
    if psym_instrument::is_language_tag(rest) {
        return Some(Ok(rest.to_owned()));
    }
    let found = inst
        .languages
        .iter()
        .find(|l| language_name(l).eq_ignore_ascii_case(rest));
    Some(found.cloned().ok_or_else(|| {
        format!("cannot tell the language of column '{h}'; name it like label::{rest} (xx) with the language code")
    }))
}

/// Reads the label columns of an XLSForm workbook as work rows per language (target languages
/// only; `only` restricts them to one).
pub fn rows(
    tables: &[Table],
    inst: &Instrument,
    only: Option<&str>,
) -> Result<Vec<(String, Vec<WorkRow>)>, Vec<WorkFileProblem>> {
    let mut problems = Vec::new();
    let sheet = |name: &str| tables.iter().find(|t| t.name.eq_ignore_ascii_case(name));
    let Some(survey) = sheet("survey") else {
        return Err(vec![problem(
            "workbook",
            None,
            "no 'survey' sheet; this is not an XLSForm",
        )]);
    };
    let default = sheet("settings")
        .and_then(|s| s.rows.first().map(|r| (s, r)))
        .and_then(|(s, r)| {
            let v = r.cell(s.column("default_language")).trim();
            v.rsplit_once('(')
                .map(|(_, c)| c.trim_end_matches(')').trim().to_owned())
        })
        .unwrap_or_else(|| inst.source_language.clone());
    let columns = |t: &Table, problems: &mut Vec<WorkFileProblem>| -> Vec<(String, usize)> {
        let mut out = Vec::new();
        for (c, h) in t.header.iter().enumerate() {
            match column_language(h, inst, &default) {
                Some(Ok(lang)) => out.push((lang, c)),
                Some(Err(msg)) => {
                    problems.push(problem(format!("sheet {}, row 1", t.name), None, msg))
                }
                None => {}
            }
        }
        out
    };
    let survey_cols = columns(survey, &mut problems);
    let mut per_lang: HashMap<String, Vec<WorkRow>> = HashMap::new();
    let source_col = survey_cols
        .iter()
        .find(|(l, _)| *l == inst.source_language)
        .map(|(_, c)| *c);
    let (ty, name) = (survey.column("type"), survey.column("name"));
    let mut lists = Vec::new();
    for row in &survey.rows {
        let (kind, id) = (row.cell(ty).trim(), row.cell(name).trim());
        if row.is_blank() || id.is_empty() {
            continue;
        }
        let known = id == "instructions" || inst.item(id).is_some();
        if !known {
            if kind.starts_with("select_")
                || matches!(kind, "integer" | "decimal" | "text" | "range")
            {
                problems.push(problem(
                    survey.location(row, true),
                    Some(id),
                    format!("unknown item '{id}' (not in instrument '{}')", inst.id),
                ));
            }
            continue;
        }
        if let Some(list) = kind
            .strip_prefix("select_one")
            .map(str::trim)
            .filter(|l| !l.is_empty())
            && !lists.iter().any(|l| l == list)
        {
            lists.push(list.to_owned());
        }
        let unit = if id == "instructions" {
            "@instructions".to_owned()
        } else {
            id.to_owned()
        };
        add(&mut per_lang, survey, row, &survey_cols, source_col, &unit);
    }
    if let Some(choices) = sheet("choices") {
        let cols = columns(choices, &mut problems);
        let source_col = cols
            .iter()
            .find(|(l, _)| *l == inst.source_language)
            .map(|(_, c)| *c);
        let (list, name) = (choices.column("list_name"), choices.column("name"));
        for row in &choices.rows {
            if row.is_blank() || !lists.iter().any(|l| l == row.cell(list).trim()) {
                continue;
            }
            let unit = format!("@label.{}", row.cell(name).trim());
            add(&mut per_lang, choices, row, &cols, source_col, &unit);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut out: Vec<(String, Vec<WorkRow>)> = per_lang
        .into_iter()
        .filter(|(l, _)| *l != inst.source_language && only.is_none_or(|o| o == l))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

fn add(
    per_lang: &mut HashMap<String, Vec<WorkRow>>,
    table: &Table,
    row: &TableRow,
    cols: &[(String, usize)],
    source_col: Option<usize>,
    unit: &str,
) {
    for (lang, c) in cols {
        per_lang.entry(lang.clone()).or_default().push(WorkRow {
            location: format!(
                "{}, column {}",
                table.location(row, true),
                table.header.get(*c).map_or("", |h| h.as_str())
            ),
            id: unit.to_owned(),
            source: source_col.map(|s| row.cell(Some(s)).to_owned()),
            target: Some(row.cell(Some(*c)).to_owned()).filter(|t| !t.trim().is_empty()),
            ..WorkRow::default()
        });
    }
}
