//! Factor congruence across groups.

use std::io::{self, Write};

use psym_efa::GroupEfa;
use serde_json::Value;

use crate::subject::{Advise, Names, diagnostics_json, line};

use crate::rows::n_of_total;

use super::factor_names;
use crate::new_table;
use crate::render;

/// The JSON of `psym efa --group`: the per-group results as the library serialises them, with
/// each group's diagnostics naming their items (as [`diagnostics_json`]) and their advice
/// worded by `advise`.
pub fn groups_json(
    g: &GroupEfa,
    items: &[String],
    advise: Advise<psym_efa::Advice>,
) -> serde_json::Result<Value> {
    let mut v = serde_json::to_value(g)?;
    if let Some(groups) = v["groups"].as_array_mut() {
        for (json, x) in groups.iter_mut().zip(&g.groups) {
            json["result"]["diagnostics"] =
                diagnostics_json(&x.result.diagnostics, &Names::items(items), advise);
        }
    }
    Ok(v)
}

/// Writes the congruence of each factor across groups, then each group's diagnostics (the
/// reasons for exit status 1, their advice worded by `advise`).
///
/// # Errors
/// Only I/O errors of `out`.
pub fn write_groups(
    out: &mut dyn Write,
    g: &GroupEfa,
    items: &[String],
    advise: Advise<psym_efa::Advice>,
    markdown: bool,
) -> io::Result<()> {
    let k = g.groups.first().map_or(0, |x| x.congruence.len());
    let names = factor_names(k);
    let title = format!(
        "Factor congruence (Tucker's phi) with group {} after target rotation towards its pattern",
        g.reference
    );
    if markdown {
        writeln!(
            out,
            "## {title}\n\n| group | n | {} |\n|---|---:|{}",
            names.join(" | "),
            "---:|".repeat(k)
        )?;
        for x in &g.groups {
            let c: Vec<String> = x.congruence.iter().map(|v| format!("{v:.3}")).collect();
            writeln!(
                out,
                "| {} | {} | {} |",
                x.group,
                n_of_total(x.n, &x.rows),
                c.join(" | ")
            )?;
        }
    } else {
        writeln!(out, "{title}")?;
        let mut t = new_table(
            ["group".to_owned(), "n".to_owned()]
                .into_iter()
                .chain(names.iter().cloned()),
        );
        for x in &g.groups {
            t.add_row(
                [x.group.clone(), n_of_total(x.n, &x.rows)]
                    .into_iter()
                    .chain(x.congruence.iter().map(|v| format!("{v:.3}"))),
            );
        }
        write!(out, "{}", render(&t))?;
    }
    writeln!(
        out,
        "(.85–.94: fair similarity, ≥ .95: the factors can be considered equal; Lorenzo-Seva & ten Berge 2006)"
    )?;
    for x in &g.groups {
        for d in &x.result.diagnostics {
            let text = line(d, &Names::items(items), advise);
            if markdown {
                writeln!(out, "\n**Warning:** group {}: {text}", x.group)?;
            } else {
                writeln!(out, "warning: group {}: {text}", x.group)?;
            }
        }
    }
    Ok(())
}
