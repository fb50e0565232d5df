//! Text and Markdown renderings of a [`Validation`].

use std::io::{self, Write};

use psym_data::Validation;

use crate::{new_table, render};

/// Writes a readable report: a summary line and one table row per problem.
///
/// # Errors
/// Only I/O errors of `out`.
pub fn write_text(out: &mut dyn Write, file: &str, v: &Validation) -> io::Result<()> {
    let id = v.id_column.as_deref().unwrap_or("(row number)");
    writeln!(
        out,
        "{file}: {} data row(s); encoding {}, delimiter {:?}, decimal {}; id column {id}{}",
        v.rows,
        v.source.encoding,
        v.source.delimiter,
        v.source.decimal,
        if v.qualtrics {
            "; Qualtrics header rows skipped"
        } else {
            ""
        }
    )?;
    if v.valid {
        return writeln!(out, "valid: no problems found");
    }
    writeln!(out, "invalid: {} problem(s) found\n", v.problems.len())?;
    let mut t = new_table(["line", "id", "column", "value", "problem"]);
    for p in &v.problems {
        t.add_row([
            p.line.to_string(),
            p.id.clone().unwrap_or_default(),
            p.column.clone().unwrap_or_default(),
            p.value.clone().unwrap_or_default(),
            p.message.clone(),
        ]);
    }
    write!(out, "{}", render(&t))
}

/// Writes the problems as a Markdown table.
///
/// # Errors
/// Only I/O errors of `out`.
pub fn write_markdown(out: &mut dyn Write, file: &str, v: &Validation) -> io::Result<()> {
    writeln!(out, "## Validation of `{file}`\n")?;
    writeln!(
        out,
        "{} data rows; {}.\n",
        v.rows,
        if v.valid {
            "no problems found".to_owned()
        } else {
            format!("{} problem(s)", v.problems.len())
        }
    )?;
    if v.valid {
        return Ok(());
    }
    writeln!(out, "| line | id | column | value | problem |")?;
    writeln!(out, "|---:|---|---|---|---|")?;
    for p in &v.problems {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            p.line,
            md_cell(p.id.as_deref()),
            md_cell(p.column.as_deref()),
            md_cell(p.value.as_deref()),
            md_cell(Some(&p.message))
        )?;
    }
    Ok(())
}

/// Writes the problems as CSV, one per row (`line,id,column,value,kind,message`), for a
/// spreadsheet.
///
/// # Errors
/// Only I/O errors of `out`.
pub fn write_csv(out: &mut dyn Write, v: &Validation) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let to_io = |e: csv::Error| io::Error::other(e.to_string());
    w.write_record(["line", "id", "column", "value", "kind", "message"])
        .map_err(to_io)?;
    for p in &v.problems {
        w.write_record([
            p.line.to_string().as_str(),
            p.id.as_deref().unwrap_or(""),
            p.column.as_deref().unwrap_or(""),
            p.value.as_deref().unwrap_or(""),
            p.kind.as_str(),
            &p.message,
        ])
        .map_err(to_io)?;
    }
    w.flush()
}

/// Escapes a value for a Markdown table cell.
fn md_cell(s: Option<&str>) -> String {
    s.unwrap_or("").replace('|', "\\|").replace('\n', " ")
}
