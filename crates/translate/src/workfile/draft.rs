//! The items of an XLSForm or a REDCap data dictionary as drafts of an instrument's items
//! (`psym instrument new --from`): names, question texts and labelled choices.

use psym_instrument::skeleton::DraftItem;

use super::table::Table;
use crate::error::{WorkFileProblem, problem};

/// The items of an XLSForm (its `survey` and `choices` sheets, as [`read_xlsx`](super::read_xlsx)
/// gives them): every `select_one LIST`, `integer` and `decimal` question, its label in
/// `language` (the column `label::… (language)`, else `label`, else the first label column),
/// and the choices of its list whose names are numbers as anchors.
///
/// # Errors
/// No `survey` sheet, or one without `type` and `name` columns.
pub fn xlsform_items(
    tables: &[Table],
    language: &str,
) -> Result<Vec<DraftItem>, Vec<WorkFileProblem>> {
    let sheet = |name: &str| tables.iter().find(|t| t.name.eq_ignore_ascii_case(name));
    let Some(survey) = sheet("survey") else {
        return Err(vec![problem(
            "workbook",
            None,
            "no sheet named survey: not an XLSForm",
        )]);
    };
    let (Some(kind), Some(name)) = (survey.column("type"), survey.column("name")) else {
        return Err(vec![problem(
            "sheet survey",
            None,
            "no 'type' and 'name' columns: not an XLSForm survey sheet",
        )]);
    };
    let label = label_column(survey, language);
    let choices = sheet("choices");
    let mut items = Vec::new();
    for row in &survey.rows {
        let mut words = row.cell(Some(kind)).split_whitespace();
        let anchors = match (words.next(), words.next()) {
            (Some("select_one"), Some(list)) => {
                choices.map_or_else(Vec::new, |c| anchors(c, list, language))
            }
            (Some("integer" | "decimal"), None) => Vec::new(),
            _ => continue,
        };
        let text = row.cell(label).trim();
        items.push(DraftItem {
            name: row.cell(Some(name)).trim().to_owned(),
            text: (!text.is_empty()).then(|| text.to_owned()),
            anchors,
            missing: Vec::new(),
        });
    }
    Ok(items)
}

/// The label column of `table` for `language`.
fn label_column(table: &Table, language: &str) -> Option<usize> {
    let tagged = format!("({language})");
    let is_label = |h: &String| h.trim().to_ascii_lowercase().starts_with("label::");
    table
        .header
        .iter()
        .position(|h| is_label(h) && h.trim().ends_with(&tagged))
        .or_else(|| table.column("label"))
        .or_else(|| table.header.iter().position(is_label))
}

/// The choices of list `list` whose names are numbers: (value, label).
fn anchors(choices: &Table, list: &str, language: &str) -> Vec<(f64, String)> {
    let (Some(list_col), Some(name)) = (choices.column("list_name"), choices.column("name")) else {
        return Vec::new();
    };
    let label = label_column(choices, language);
    choices
        .rows
        .iter()
        .filter(|r| r.cell(Some(list_col)).trim() == list)
        .filter_map(|r| {
            let value = r.cell(Some(name)).trim().parse::<f64>().ok()?;
            Some((value, r.cell(label).trim().to_owned()))
        })
        .collect()
}

/// The items of a REDCap data dictionary: every `radio` and `dropdown` field with its field
/// label and its choices (`1, Never | 2, Rarely | …`) whose codes are numbers, and every
/// `text` field validated as `integer` or `number`.
///
/// # Errors
/// The table lacks the `Variable / Field Name` or `Field Type` column.
pub fn redcap_items(table: &Table) -> Result<Vec<DraftItem>, Vec<WorkFileProblem>> {
    let (Some(name), Some(kind)) = (
        table.column("Variable / Field Name"),
        table.column("Field Type"),
    ) else {
        return Err(vec![problem(
            "line 1",
            None,
            "no 'Variable / Field Name' and 'Field Type' columns: not a REDCap data dictionary",
        )]);
    };
    let label = table.column("Field Label");
    let choices = table.column("Choices, Calculations, OR Slider Labels");
    let validation = table.column("Text Validation Type OR Show Slider Number");
    let mut items = Vec::new();
    for row in &table.rows {
        let anchors = match row.cell(Some(kind)).trim() {
            "radio" | "dropdown" => redcap_choices(row.cell(choices)),
            "text" if matches!(row.cell(validation).trim(), "integer" | "number") => Vec::new(),
            _ => continue,
        };
        let text = row.cell(label).trim();
        items.push(DraftItem {
            name: row.cell(Some(name)).trim().to_owned(),
            text: (!text.is_empty()).then(|| text.to_owned()),
            anchors,
            missing: Vec::new(),
        });
    }
    Ok(items)
}

/// REDCap's choices `1, Never | 2, Rarely`: (code, label) pairs whose codes are numbers.
fn redcap_choices(text: &str) -> Vec<(f64, String)> {
    text.split('|')
        .filter_map(|choice| {
            let (code, label) = choice.split_once(',')?;
            Some((code.trim().parse().ok()?, label.trim().to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redcap_choices_with_spaces_and_text_codes() {
        assert_eq!(
            redcap_choices(" 1, Never |2,Often, or always| x, other"),
            [
                (1.0, "Never".to_owned()),
                (2.0, "Often, or always".to_owned())
            ]
        );
    }
}
