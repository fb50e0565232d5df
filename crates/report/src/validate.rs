//! The document of a [`Validation`]: a summary and one table row per problem (JSON is the
//! serialised `Validation`).

use psym_data::Validation;

use crate::Format;
use crate::doc::{Block, Column, Document, Role, Table};

/// The readable document of the validation of `file`: in text, how the file was read and
/// whether it is valid, then the problems (line, id, column, value, message); in Markdown, a
/// heading, the counts and the same table; in CSV, only the problems, one per row
/// (`line,id,column,value,kind,message`), for a spreadsheet.
pub fn document(file: &str, v: &Validation, format: Format) -> Document {
    let cells = |p: &psym_data::Problem| {
        vec![
            p.line.to_string(),
            p.id.clone().unwrap_or_default(),
            p.column.clone().unwrap_or_default(),
            p.value.clone().unwrap_or_default(),
        ]
    };
    if format == Format::Csv {
        let mut t = Table::new(Column::all(&[
            ("line", Role::Number),
            ("id", Role::Text),
            ("column", Role::Text),
            ("value", Role::Text),
            ("kind", Role::Text),
            ("message", Role::Text),
        ]));
        for p in &v.problems {
            let mut row = cells(p);
            row.extend([p.kind.as_str().to_owned(), p.message.clone()]);
            t.rows.push(row);
        }
        return Document {
            blocks: vec![Block::Table(t)],
        };
    }
    let mut blocks = if format == Format::Md {
        vec![
            Block::heading(1, format!("Validation of `{file}`")),
            Block::Paragraph(format!(
                "{} data rows; {}.",
                v.rows,
                if v.valid {
                    "no problems found".to_owned()
                } else {
                    format!("{} problem(s)", v.problems.len())
                }
            )),
        ]
    } else {
        let id = v.id_column.as_deref().unwrap_or("(row number)");
        let verdict = if v.valid {
            "valid: no problems found".to_owned()
        } else {
            format!("invalid: {} problem(s) found", v.problems.len())
        };
        let read_as = match &v.source.sheet {
            Some(sheet) => format!("sheet {sheet}"),
            None if v.source.spss => format!(
                "SPSS data file in {}, lines are case numbers",
                v.source.encoding
            ),
            None => format!(
                "encoding {}, delimiter {:?}, decimal {}",
                v.source.encoding, v.source.delimiter, v.source.decimal
            ),
        };
        vec![Block::Paragraph(format!(
            "{file}: {} data row(s); {read_as}; id column {id}{}\n{verdict}",
            v.rows,
            if v.qualtrics {
                "; Qualtrics header rows skipped"
            } else {
                ""
            }
        ))]
    };
    if !v.valid {
        // the `line` of a problem is a sheet row in a workbook and a case number in an SPSS
        // file; the readable table says which (CSV and JSON keep the key `line`)
        let position = match (&v.source.sheet, v.source.spss) {
            (Some(_), _) => "row",
            (None, true) => "case",
            (None, false) => "line",
        };
        let mut t = Table::new(Column::all(&[
            (position, Role::Number),
            ("id", Role::Text),
            ("column", Role::Text),
            ("value", Role::Text),
            ("problem", Role::Text),
        ]));
        for p in &v.problems {
            let mut row = cells(p);
            row.push(p.message.clone());
            t.rows.push(row);
        }
        blocks.push(Block::Table(t));
    }
    Document { blocks }
}
