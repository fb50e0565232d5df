//! Text and Markdown renderings of `psym translate` results: check findings, the status table
//! (languages × workflow steps) and the changes of an import.

use std::io::{self, Write};

use psym_translate::{CheckReport, MergeReport, StatusTable};

use crate::{new_table, render};

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Writes every finding of a check as a table (severity, path, kind, message).
///
/// # Errors
/// Only I/O errors of `out`.
pub fn write_check_text(out: &mut dyn Write, file: &str, r: &CheckReport) -> io::Result<()> {
    writeln!(
        out,
        "{file}: instrument {}, source {}, checked {}",
        r.instrument,
        r.source_language,
        if r.languages.is_empty() {
            "no target language".to_owned()
        } else {
            r.languages.join(", ")
        }
    )?;
    if r.findings.is_empty() {
        return writeln!(out, "clean: no problems found");
    }
    writeln!(out, "{} error(s), {} warning(s)\n", r.errors, r.warnings)?;
    let mut t = new_table(["severity", "path", "check", "problem"]);
    for f in &r.findings {
        t.add_row([
            f.severity.to_string(),
            f.path.clone(),
            f.kind.to_string(),
            f.message.clone(),
        ]);
    }
    write!(out, "{}", render(&t))
}

/// Writes the findings as a Markdown table.
///
/// # Errors
/// Only I/O errors of `out`.
pub fn write_check_markdown(out: &mut dyn Write, file: &str, r: &CheckReport) -> io::Result<()> {
    writeln!(out, "## Translation check of `{file}`\n")?;
    writeln!(
        out,
        "Languages checked: {}; {} error(s), {} warning(s).\n",
        r.languages.join(", "),
        r.errors,
        r.warnings
    )?;
    if r.findings.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "| severity | path | check | problem |\n|---|---|---|---|"
    )?;
    for f in &r.findings {
        writeln!(
            out,
            "| {} | `{}` | {} | {} |",
            f.severity,
            f.path,
            f.kind,
            md_cell(&f.message)
        )?;
    }
    Ok(())
}

fn status_rows(s: &StatusTable) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header = vec!["language".to_owned(), "text".to_owned()];
    header.extend(s.steps.iter().map(ToString::to_string));
    header.push("left to do".to_owned());
    let rows = s
        .languages
        .iter()
        .map(|l| {
            let mut row = vec![
                l.language.clone(),
                format!("{}/{}", l.items_with_text, s.items),
            ];
            row.extend(l.reached.iter().map(|n| format!("{n}/{}", s.items)));
            row.push(l.next.clone());
            row
        })
        .collect();
    (header, rows)
}

/// Writes the status table: one row per language, per step the items that reached it.
///
/// # Errors
/// Only I/O errors of `out`.
pub fn write_status_text(out: &mut dyn Write, s: &StatusTable) -> io::Result<()> {
    writeln!(
        out,
        "{}: {} items, source language {}; each cell counts the items that reached the step\n",
        s.instrument, s.items, s.source_language
    )?;
    if s.languages.is_empty() {
        return writeln!(out, "no target languages declared");
    }
    let (header, rows) = status_rows(s);
    let mut t = new_table(header);
    for r in rows {
        t.add_row(r);
    }
    write!(out, "{}", render(&t))
}

/// Writes the status table in Markdown.
///
/// # Errors
/// Only I/O errors of `out`.
pub fn write_status_markdown(out: &mut dyn Write, s: &StatusTable) -> io::Result<()> {
    writeln!(
        out,
        "## Translation status of `{}`\n\n{} items; source language {}.\n",
        s.instrument, s.items, s.source_language
    )?;
    let (header, rows) = status_rows(s);
    writeln!(out, "| {} |", header.join(" | "))?;
    writeln!(out, "|---|{}---|", "---:|".repeat(header.len() - 2))?;
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// Writes every change an import made (or would make, with `dry_run`).
///
/// # Errors
/// Only I/O errors of `out`.
pub fn write_merge_text(
    out: &mut dyn Write,
    reports: &[MergeReport],
    dry_run: bool,
) -> io::Result<()> {
    let verb = if dry_run {
        "to be made (dry run)"
    } else {
        "made"
    };
    for r in reports {
        writeln!(
            out,
            "{}: {} row(s) read, {} change(s) {verb}{}",
            r.language,
            r.rows,
            r.changes.len(),
            if r.not_in_file.is_empty() {
                String::new()
            } else {
                format!(
                    "; not in the work file (unchanged): {}",
                    r.not_in_file.join(", ")
                )
            }
        )?;
        if r.changes.is_empty() {
            continue;
        }
        let mut t = new_table(["id", "path", "old", "new", "note"]);
        for c in &r.changes {
            t.add_row([
                c.id.clone(),
                c.path.clone(),
                c.old.clone().unwrap_or_else(|| "(none)".into()),
                c.new.clone(),
                c.reason.clone().unwrap_or_default(),
            ]);
        }
        write!(out, "{}", render(&t))?;
    }
    Ok(())
}
