//! Work files: the rows translators edit, and merging them back (all or nothing).
//!
//! Every work-file format ([`WorkFormat`]: CSV, XLSX, XLIFF 1.2, XLSForm, REDCap) is written by
//! [`export`], read into [`WorkRow`]s by [`read`], and merged by [`merge`] (or all three at once
//! by [`import`]), so that the rules are the same whatever the format: every row is checked
//! first (known, unique ids; the source text unchanged since export; valid statuses), and
//! nothing is merged unless all rows are clean. Texts travel exactly, spaces included; CSV
//! cells a spreadsheet would run as formulas are neutralised and restored (`formula`); CSV is
//! decoded like a response file ([`psym_data::decode_text`]); workbooks are read defensively
//! ([`read_xlsx`]: capped unpacked size, checked references, sparse cells, contained panics).
//!
//! ```
//! use std::path::Path;
//! use psym_translate::workfile::{self, MergeOptions, WorkFormat};
//! let json = r#"{
//!   "id": "mini", "version": "1", "source_language": "en", "languages": ["en", "nb"],
//!   "name": {"en": "Mini"},
//!   "items": [{"id": "q1", "text": {"en": "I trust my caseworker."}}],
//!   "scales": [{"id": "s", "items": ["q1"]}]
//! }"#;
//! let mut inst = psym_instrument::from_json_str(json, Path::new("mini.json")).unwrap();
//! let csv = workfile::export(&inst, "nb", WorkFormat::Csv, "mini.json").unwrap();
//! let edited = String::from_utf8(csv).unwrap().replace(
//!     "q1,I trust my caseworker.,,draft", "q1,I trust my caseworker.,Jeg stoler på saksbehandleren min.,forward");
//! let rows = workfile::read(edited.as_bytes(), WorkFormat::Csv, &inst, Some("nb")).unwrap();
//! let report = workfile::merge(&mut inst, "nb", &rows[0].1, &MergeOptions::new("2026-11-23")).unwrap();
//! assert_eq!(inst.items[0].text["nb"], "Jeg stoler på saksbehandleren min.");
//! assert_eq!(report.changes.len(), 2); // the text, and the status draft → forward
//! ```

mod draft;
mod format;
mod formula;
mod reason;
mod redcap;
mod sheet;
mod table;
mod workbook;
mod xliff;
mod xlsform;

use std::collections::HashMap;

use psym_instrument::Instrument;
use psym_instrument::translation::{TranslationRecord, TranslationStatus, TranslationStep};
use serde::Serialize;

use crate::error::{WorkFileProblem, problem};
use crate::hash::source_hash;
use crate::unit::{Unit, UnitKind, units};

pub use draft::{redcap_items, xlsform_items};
pub use format::{WorkFormat, export, import, read};
pub use reason::Reason;
pub use redcap::variable_name;
pub use table::{Table, TableRow, read_csv, write_csv, write_xlsx};
pub use workbook::{MAX_CELLS, MAX_COLUMNS, MAX_UNPACKED, read_xlsx};
pub use xlsform::label_column;

/// One row of a work file: a unit, its source text and its translation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorkRow {
    /// Where the row is (`line 4`, `sheet translation, row 3`, `<trans-unit id="i1"> (line 9)`).
    pub location: String,
    /// Unit id: item id, `@name`, `@instructions`, `@label.<value>` or `@scale.<id>`.
    pub id: String,
    /// The source text as exported (`None` when the format has no source column).
    pub source: Option<String>,
    /// The translation; `None` or empty leaves the current text as it is.
    pub target: Option<String>,
    /// Workflow status (items only); `None` or empty leaves it as it is.
    pub status: Option<String>,
    /// Back translation (items only).
    pub back_translation: Option<String>,
    /// Reviewer notes (items only).
    pub notes: Option<String>,
}

/// The rows of a work file for `lang`: every unit with source text, in questionnaire order.
pub fn export_rows(inst: &Instrument, lang: &str) -> Vec<WorkRow> {
    units(inst)
        .into_iter()
        .filter_map(|unit| {
            let source = unit.text(inst, &inst.source_language)?;
            let record = unit.record(inst, lang);
            Some(WorkRow {
                location: String::new(),
                id: unit.id.clone(),
                source: Some(source.to_owned()),
                target: unit.text(inst, lang).map(str::to_owned),
                status: unit
                    .has_record()
                    .then(|| record.map(|r| r.status).unwrap_or_default().to_string()),
                back_translation: record.and_then(|r| r.back_translation.clone()),
                notes: record.and_then(|r| r.notes.clone()),
            })
        })
        .collect()
}

/// How to merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeOptions {
    /// Approve changed texts (and rows whose status says `approved`): set status `approved`,
    /// record the source hash. Without it, a changed approved text goes back to `reviewed`, and
    /// a row cannot raise a status to `approved`.
    pub approve: bool,
    /// Who merged (role or initials) for the workflow steps recorded; `import` by default.
    pub by: Option<String>,
    /// Date of the recorded steps (`YYYY-MM-DD`), given by the caller (the library never
    /// reads the clock).
    pub date: String,
}

impl MergeOptions {
    /// Merge without approving, as `import`, recording steps on `date` (`YYYY-MM-DD`).
    pub fn new(date: impl Into<String>) -> Self {
        MergeOptions {
            approve: false,
            by: None,
            date: date.into(),
        }
    }
}

/// One change made by a merge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Unit id.
    pub id: String,
    /// JSON path of the changed value.
    pub path: String,
    /// What changed: `text`, `status`, `back_translation`, `notes`, `source_hash`.
    pub field: String,
    /// Value before (absent when new).
    pub old: Option<String>,
    /// Value after.
    pub new: String,
    /// Why, when the merge decided it (for example the status going back to `reviewed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct MergeReport {
    /// Language merged.
    pub language: String,
    /// Rows read.
    pub rows: usize,
    /// Every change, in row order.
    pub changes: Vec<Change>,
    /// Units of the instrument that the work file did not mention (left as they were).
    pub not_in_file: Vec<String>,
}

/// Merges `rows` (translations into `lang`) into `inst`. Every row is checked first; on any
/// problem, `inst` is left untouched and every problem is returned.
///
/// # Errors
/// Every problem of the rows: empty, unknown or repeated ids, a source text that differs from
/// the instrument's, an unknown status, a status or note on a unit without workflow record.
pub fn merge(
    inst: &mut Instrument,
    lang: &str,
    rows: &[WorkRow],
    options: &MergeOptions,
) -> Result<MergeReport, Vec<WorkFileProblem>> {
    let all = units(inst);
    let by_id: HashMap<&str, &Unit> = all.iter().map(|u| (u.id.as_str(), u)).collect();
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    let mut resolved = Vec::new();
    for row in rows {
        if let Some(r) = check_row(inst, lang, row, &by_id, &mut seen, &mut problems) {
            resolved.push(r);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut report = MergeReport {
        language: lang.to_owned(),
        rows: rows.len(),
        not_in_file: all
            .iter()
            .filter(|u| {
                !seen.contains_key(u.id.as_str()) && u.text(inst, &inst.source_language).is_some()
            })
            .map(|u| u.id.clone())
            .collect(),
        ..MergeReport::default()
    };
    if lang != inst.source_language && !inst.languages.iter().any(|l| l == lang) {
        inst.languages.push(lang.to_owned());
        report.changes.push(Change {
            id: "@languages".into(),
            path: "$.languages".into(),
            field: "languages".into(),
            old: None,
            new: lang.to_owned(),
            reason: Some(Reason::NewLanguage),
        });
    }
    let stamp = Stamp {
        lang,
        approve: options.approve,
        by: options.by.clone().unwrap_or_else(|| "import".into()),
        date: options.date.clone(),
    };
    for r in &resolved {
        apply_row(inst, &stamp, r, &mut report);
    }
    Ok(report)
}

type Resolved<'r> = (Unit, &'r WorkRow, Option<TranslationStatus>);

fn check_row<'r>(
    inst: &Instrument,
    lang: &str,
    row: &'r WorkRow,
    by_id: &HashMap<&str, &Unit>,
    seen: &mut HashMap<&'r str, &'r str>,
    problems: &mut Vec<WorkFileProblem>,
) -> Option<Resolved<'r>> {
    let at = row.location.as_str();
    let id = row.id.trim();
    if id.is_empty() {
        problems.push(problem(
            at,
            None,
            "the row has no id; ids come from the exported file and must not be removed",
        ));
        return None;
    }
    let Some(unit) = by_id.get(id) else {
        problems.push(problem(at, Some(id), format!("unknown id '{id}': not an item, @name, @instructions, @label.<value> or @scale.<id> of instrument '{}'", inst.id)));
        return None;
    };
    if let Some(first) = seen.insert(&row.id, at) {
        problems.push(problem(
            at,
            Some(id),
            format!("id '{id}' appears twice (first at {first}); keep one row per id"),
        ));
        return None;
    }
    let mut ok = true;
    if lang != inst.source_language
        && let (Some(given), Some(current)) = (
            row.source.as_deref(),
            unit.text(inst, &inst.source_language),
        )
        && given.trim() != current.trim()
    {
        problems.push(problem(at, Some(id), format!(
            "the source text differs from the instrument's ('{}' vs '{}'); the source changed since export, so export again",
            given.trim(), current.trim()
        )));
        ok = false;
    }
    let status = match non_empty(row.status.as_deref()) {
        None => None,
        Some(s) => match s.parse::<TranslationStatus>() {
            Ok(st) => Some(st),
            Err(msg) => {
                problems.push(problem(at, Some(id), msg));
                ok = false;
                None
            }
        },
    };
    // A status on a unit without record (set by CAT tools on every unit) is ignored.
    let status = status.filter(|_| unit.has_record() && lang != inst.source_language);
    let has_record_fields = non_empty(row.back_translation.as_deref()).is_some()
        || non_empty(row.notes.as_deref()).is_some();
    if !unit.has_record() && has_record_fields {
        problems.push(problem(
            at,
            Some(id),
            "back translations and notes are kept for items only; leave them empty on this row",
        ));
        ok = false;
    }
    if lang == inst.source_language && has_record_fields {
        problems.push(problem(at, Some(id), "the source language has no translation records; leave back translation and notes empty"));
        ok = false;
    }
    ok.then(|| ((*unit).clone(), row, status))
}

/// The settings of one merge: language, approval, and who and when for recorded steps.
struct Stamp<'a> {
    lang: &'a str,
    approve: bool,
    by: String,
    date: String,
}

/// Applies one checked row: text, then the record (status rules, source hash, back
/// translation, notes), logging every change.
fn apply_row(inst: &mut Instrument, stamp: &Stamp, resolved: &Resolved, report: &mut MergeReport) {
    let (unit, row, status) = (&resolved.0, resolved.1, resolved.2);
    let (lang, approve) = (stamp.lang, stamp.approve);
    let path = unit.path(lang);
    let old_text = unit.text(inst, lang).map(str::to_owned);
    let source = unit.text(inst, &inst.source_language).map(str::to_owned);
    let new_text = given(row.target.as_deref()).map(str::to_owned);
    let text_changed = new_text
        .as_ref()
        .is_some_and(|t| Some(t) != old_text.as_ref());
    if let (true, Some(t)) = (text_changed, &new_text) {
        unit.set_text(inst, lang, t.clone());
        report.changes.push(change(
            unit,
            &path,
            "text",
            old_text.clone(),
            t.clone(),
            None,
        ));
    }
    if lang == inst.source_language {
        return;
    }
    let Some(record) = unit.record_mut(inst, lang) else {
        return;
    };
    let base = path.replace(".text.", ".translations.");
    let old_status = record.status;
    let mut new_status = status.unwrap_or(old_status);
    let mut reason = None;
    let hash = source.as_deref().map(source_hash);
    let stale = hash.is_some() && record.source_hash != hash;
    if approve && (text_changed || new_status == TranslationStatus::Approved) {
        new_status = TranslationStatus::Approved;
    } else if new_status == TranslationStatus::Approved && old_status != TranslationStatus::Approved
    {
        new_status = TranslationStatus::Reviewed;
        reason = Some(Reason::CannotApprove);
    } else if text_changed && old_status == TranslationStatus::Approved {
        new_status = TranslationStatus::Reviewed;
        reason = Some(Reason::ApprovedTextChanged);
    }
    // Approving now a text that was approved before, but has changed (or whose source has),
    // is a new step: the record credits whoever approved this text, not the earlier approver.
    let approving = approve && new_status == TranslationStatus::Approved;
    let reapproved =
        approving && old_status == TranslationStatus::Approved && (text_changed || stale);
    if reapproved {
        reason = Some(if text_changed {
            Reason::TextChangedApprovedAgain
        } else {
            Reason::SourceChangedApprovedAgain
        });
    }
    if new_status != old_status || reapproved {
        record.status = new_status;
        record.steps.push(TranslationStep {
            status: new_status,
            by: stamp.by.clone(),
            date: stamp.date.clone(),
            // The stable sentence, naming no program's option (see `Reason::note`).
            note: reason.map(|r| r.note().to_owned()),
        });
        report.changes.push(change(
            unit,
            &format!("{base}.status"),
            "status",
            Some(old_status.to_string()),
            new_status.to_string(),
            reason,
        ));
    }
    // The source hash records what was approved, so only an approval given now sets it; an
    // import without approval never hides a source change.
    if approving
        && stale
        && let Some(hash) = hash
    {
        let old = record.source_hash.replace(hash.clone());
        report.changes.push(change(
            unit,
            &format!("{base}.source_hash"),
            "source_hash",
            old,
            hash,
            None,
        ));
    }
    for (field, value, slot) in [
        (
            "back_translation",
            &row.back_translation,
            &mut record.back_translation,
        ),
        ("notes", &row.notes, &mut record.notes),
    ] {
        if let Some(v) = given(value.as_deref())
            && slot.as_deref() != Some(v)
        {
            let old = slot.replace(v.to_owned());
            report.changes.push(change(
                unit,
                &format!("{base}.{field}"),
                field,
                old,
                v.to_owned(),
                None,
            ));
        }
    }
    // An empty record created above for a unit that got no status is not kept.
    if let UnitKind::Item(k) = unit.kind
        && let Some(item) = inst.items.get_mut(k)
        && item
            .translations
            .get(lang)
            .is_some_and(|r| *r == TranslationRecord::default())
    {
        item.translations.remove(lang);
    }
}

fn change(
    unit: &Unit,
    path: &str,
    field: &str,
    old: Option<String>,
    new: String,
    reason: Option<Reason>,
) -> Change {
    Change {
        id: unit.id.clone(),
        path: path.to_owned(),
        field: field.to_owned(),
        old,
        new,
        reason,
    }
}

/// A trimmed value, `None` when blank (for ids and statuses).
fn non_empty(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// A text exactly as given, spaces included (leading, trailing and no-break spaces are part of
/// a translation and are never removed silently); `None` when blank.
fn given(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.trim().is_empty())
}
