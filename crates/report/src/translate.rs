//! The documents of `psym translate` (the check findings, the status table of languages ×
//! workflow steps, the changes of an import) and their JSON, with the advice of findings,
//! merge decisions and work-file problems worded by the caller.

use psym_translate::{Advice, CheckReport, MergeReport, StatusTable, TranslateError};
use serde_json::{Value, json};

use crate::Format;
use crate::doc::{Block, Column, Document, Role, Table};
use crate::subject::Advise;

/// The document of `psym translate check` on `file`: in text, a header line, the counts and
/// a table of findings (severity, path, check, problem); in Markdown, a heading, the counts
/// and the same table with paths as code. Advice is worded by `advise`.
pub fn check_document(
    file: &str,
    r: &CheckReport,
    format: Format,
    advise: Advise<Advice>,
) -> Document {
    let mut blocks = if format == Format::Md {
        vec![
            Block::heading(1, format!("Translation check of `{file}`")),
            Block::Paragraph(format!(
                "Languages checked: {}; {} error(s), {} warning(s).",
                r.languages.join(", "),
                r.errors,
                r.warnings
            )),
        ]
    } else {
        let checked = if r.languages.is_empty() {
            "no target language".to_owned()
        } else {
            r.languages.join(", ")
        };
        let counts = if r.findings.is_empty() {
            "clean: no problems found".to_owned()
        } else {
            format!("{} error(s), {} warning(s)", r.errors, r.warnings)
        };
        vec![Block::Paragraph(format!(
            "{file}: instrument {}, source {}, checked {checked}\n{counts}",
            r.instrument, r.source_language
        ))]
    };
    if !r.findings.is_empty() {
        let mut t = Table::new(Column::all(&[
            ("severity", Role::Text),
            ("path", Role::Label),
            ("check", Role::Text),
            ("problem", Role::Text),
        ]));
        t.rows = r
            .findings
            .iter()
            .map(|f| {
                let path = match format {
                    Format::Md => format!("`{}`", f.path),
                    _ => f.path.clone(),
                };
                vec![
                    f.severity.to_string(),
                    path,
                    f.kind.to_string(),
                    f.describe(advise),
                ]
            })
            .collect();
        blocks.push(Block::Table(t));
    }
    Document { blocks }
}

/// The JSON of `psym translate check` (docs/translation.md): `{"instrument",
/// "source_language", "languages", "errors", "warnings", "findings": [{"path", "language",
/// "unit", "kind", "severity", "message"}]}`, each message with its advice worded by `advise`.
pub fn check_json(r: &CheckReport, advise: Advise<Advice>) -> Value {
    let findings: Vec<Value> = r
        .findings
        .iter()
        .map(|f| {
            json!({
                "path": f.path,
                "language": f.language,
                "unit": f.unit,
                "kind": f.kind,
                "severity": f.severity,
                "message": f.describe(advise),
            })
        })
        .collect();
    json!({
        "instrument": r.instrument,
        "source_language": r.source_language,
        "languages": r.languages,
        "errors": r.errors,
        "warnings": r.warnings,
        "findings": findings,
    })
}

/// The document of `psym translate status`: a line (text) or heading and line (Markdown)
/// about the instrument, then one row per target language with the items that have text and,
/// per workflow step, the items that reached it, and what is left to do.
pub fn status_document(s: &StatusTable, format: Format) -> Document {
    let mut blocks = if format == Format::Md {
        vec![
            Block::heading(1, format!("Translation status of `{}`", s.instrument)),
            Block::Paragraph(format!(
                "{} items; source language {}.",
                s.items, s.source_language
            )),
        ]
    } else {
        vec![Block::Paragraph(format!(
            "{}: {} items, source language {}; each cell counts the items that reached the step",
            s.instrument, s.items, s.source_language
        ))]
    };
    if s.languages.is_empty() && format != Format::Md {
        blocks.push(Block::Paragraph("no target languages declared".into()));
        return Document { blocks };
    }
    let mut columns = vec![
        Column::new("language", Role::Label),
        Column::new("text", Role::Number),
    ];
    columns.extend(
        s.steps
            .iter()
            .map(|st| Column::new(st.to_string(), Role::Number)),
    );
    columns.push(Column::new("left to do", Role::Text));
    let mut t = Table::new(columns);
    let of_items = |n: usize| format!("{n}/{}", s.items);
    t.rows = s
        .languages
        .iter()
        .map(|l| {
            let mut row = vec![l.language.clone(), of_items(l.items_with_text)];
            row.extend(l.reached.iter().map(|&n| of_items(n)));
            row.push(l.next.clone());
            row
        })
        .collect();
    blocks.push(Block::Table(t));
    Document { blocks }
}

/// The document of `psym translate import`: per language, a line with the rows read and the
/// changes made (or to be made, with `dry_run`) and the units not in the work file, captioning
/// a table of the changes (id, path, old and new value, and the reason when the merge decided
/// it, its advice worded by `advise`).
pub fn merge_document(reports: &[MergeReport], dry_run: bool, advise: Advise<Advice>) -> Document {
    let verb = if dry_run {
        "to be made (dry run)"
    } else {
        "made"
    };
    let blocks = reports
        .iter()
        .map(|r| {
            let unmentioned = if r.not_in_file.is_empty() {
                String::new()
            } else {
                format!(
                    "; not in the work file (unchanged): {}",
                    r.not_in_file.join(", ")
                )
            };
            let line = format!(
                "{}: {} row(s) read, {} change(s) {verb}{unmentioned}",
                r.language,
                r.rows,
                r.changes.len()
            );
            if r.changes.is_empty() {
                return Block::Paragraph(line);
            }
            let mut t = Table::new(Column::all(&[
                ("id", Role::Label),
                ("path", Role::Text),
                ("old", Role::Text),
                ("new", Role::Text),
                ("note", Role::Text),
            ]))
            .with_caption(line);
            t.rows = r
                .changes
                .iter()
                .map(|c| {
                    vec![
                        c.id.clone(),
                        c.path.clone(),
                        c.old.clone().unwrap_or_else(|| "(none)".into()),
                        c.new.clone(),
                        c.reason.map(|w| w.describe(advise)).unwrap_or_default(),
                    ]
                })
                .collect();
            Block::Table(t)
        })
        .collect();
    Document { blocks }
}

/// The JSON of a merge (docs/translation.md): `{"merged", "languages": [{"language", "rows",
/// "changes": [{"id", "path", "field", "old", "new", "reason"}], "not_in_file"}]}`, each
/// reason with its advice worded by `advise`; `merged` is false for a dry run.
pub fn merge_json(reports: &[MergeReport], merged: bool, advise: Advise<Advice>) -> Value {
    let language = |r: &MergeReport| {
        let changes: Vec<Value> = r
            .changes
            .iter()
            .map(|c| {
                let mut v = json!({
                    "id": c.id,
                    "path": c.path,
                    "field": c.field,
                    "old": c.old,
                    "new": c.new,
                });
                if let Some(reason) = c.reason {
                    v["reason"] = json!(reason.describe(advise));
                }
                v
            })
            .collect();
        json!({
            "language": r.language,
            "rows": r.rows,
            "changes": changes,
            "not_in_file": r.not_in_file,
        })
    };
    json!({"merged": merged, "languages": reports.iter().map(language).collect::<Vec<_>>()})
}

/// The JSON of a merge refused for the problems of its work file or of the merged instrument:
/// `{"merged": false, "file", "problems": [{"location", "id", "message"}], "invalid"}`, each
/// problem's message with its advice worded by `advise`.
pub fn merge_problems_json(file: &str, e: &TranslateError, advise: Advise<Advice>) -> Value {
    let problems: Vec<Value> = e
        .problems()
        .iter()
        .map(|p| {
            let mut v = json!({"location": p.location});
            if let Some(id) = &p.id {
                v["id"] = json!(id);
            }
            v["message"] = json!(p.message_with(advise));
            v
        })
        .collect();
    json!({"merged": false, "file": file, "problems": problems, "invalid": e.defects()})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{render_markdown, render_text};
    use psym_translate::{Change, Finding, FindingKind, Reason, Severity};

    fn approve_flag(a: &Advice) -> String {
        match a {
            Advice::Approve => "--approve".into(),
            other => other.to_string(),
        }
    }

    fn report() -> MergeReport {
        MergeReport {
            language: "nb".into(),
            rows: 2,
            changes: vec![Change {
                id: "i1".into(),
                path: "$.items[0].translations.nb.status".into(),
                field: "status".into(),
                old: Some("approved".into()),
                new: "reviewed".into(),
                reason: Some(Reason::ApprovedTextChanged),
            }],
            not_in_file: vec!["@name".into()],
        }
    }

    /// The reason of a change is worded with the caller's advice, in text and in JSON.
    #[test]
    fn merge_reasons_word_their_advice_as_asked() {
        let text = render_text(&merge_document(&[report()], false, approve_flag));
        assert!(
            text.starts_with(
                "nb: 2 row(s) read, 1 change(s) made; not in the work file (unchanged): @name\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("back to reviewed until approved again (--approve)"),
            "{text}"
        );
        let json = merge_json(&[report()], true, |a| a.to_string());
        assert_eq!(
            json["languages"][0]["changes"][0]["reason"],
            "approved text changed; back to reviewed until approved again (MergeOptions::approve)"
        );
    }

    /// Markdown cells keep a finding's path as code and escape a `|` in its message.
    #[test]
    fn check_markdown_quotes_paths() {
        let r = CheckReport {
            instrument: "mini".into(),
            source_language: "en".into(),
            languages: vec!["nb".into()],
            errors: 0,
            warnings: 1,
            findings: vec![Finding {
                path: "$.items[0].text.nb".into(),
                language: "nb".into(),
                unit: "q1".into(),
                kind: FindingKind::IdenticalToSource,
                severity: Severity::Warning,
                message: "the text 'a | b' equals the source".into(),
            }],
        };
        let md = render_markdown(&check_document("mini.json", &r, Format::Md, approve_flag));
        assert_eq!(
            md,
            "## Translation check of `mini.json`\n\nLanguages checked: nb; 0 error(s), 1 warning(s).\n\n\
             | severity | path | check | problem |\n|---|---|---|---|\n\
             | warning | `$.items[0].text.nb` | identical-to-source | the text 'a \\| b' equals the source |\n"
        );
    }
}
