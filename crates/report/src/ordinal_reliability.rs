//! The document of `psym reliability --ordinal`: one table of coefficients per scale, each
//! labelled with what it estimates, and the warnings.

use psym_reliability::{Advice, Estimand, OrdinalCoefficient, OrdinalReliability};
use psym_stats::categories::CategoryAdvice;
use serde_json::{Value, json};

use crate::categories::{categories_json, category_lines};
use crate::doc::{Block, Column, Document, Role, Table};
use crate::reliability::missing_rule;
use crate::subject::{Advise, Names, diagnostics_json, line};
use crate::{Format, fmt_num};

/// What an [`Estimand`] is, in words.
pub fn estimand(e: Estimand) -> &'static str {
    match e {
        Estimand::LatentResponseSum => "reliability of the sum of the latent responses",
        Estimand::ObservedSumScore => "reliability of the observed sum score",
    }
}

/// The JSON contract of `psym reliability --ordinal` (docs/json.md): `{"ordinal": true,
/// "scales": [...]}`, each scale as the library serialises it, with its `warnings` in the
/// shape of every diagnostic ([`diagnostics_json`]).
pub fn ordinal_reliability_json(
    scales: &[OrdinalReliability],
    advise: Advise<Advice>,
    advise_categories: Advise<CategoryAdvice>,
) -> Value {
    let one = |s: &OrdinalReliability| {
        let mut v = json!(s);
        let names = Names::items(&s.items);
        v["warnings"] = diagnostics_json(&s.warnings, &names, advise);
        v["categories"] = categories_json(&s.categories, &names, advise_categories);
        v
    };
    json!({"ordinal": true, "scales": scales.iter().map(one).collect::<Vec<_>>()})
}

/// The readable document of `psym reliability --ordinal` on `file` (text or Markdown): per
/// scale a line with its items, respondents and missing-data rule, a table of the coefficients
/// (value, what it estimates, the reference computation), the unused and merged categories and
/// the warnings, their advice worded by `advise` and `advise_categories`.
pub fn ordinal_document(
    file: &str,
    scales: &[OrdinalReliability],
    format: Format,
    advise: Advise<Advice>,
    advise_categories: Advise<CategoryAdvice>,
) -> Document {
    let title = format!("Ordinal reliability of {file}");
    let mut blocks = vec![match format {
        Format::Text => Block::Paragraph(title),
        _ => Block::heading(1, title),
    }];
    for s in scales {
        blocks.push(Block::Paragraph(format!(
            "Scale {}: {} items, polychoric correlations from at least {} respondents \
             (missing data {}); average polychoric r {}",
            s.scale,
            s.n_items,
            s.n,
            missing_rule(s.missing),
            fmt_num(Some(s.average_r), 3)
        )));
        let mut t = Table::new(Column::all(&[
            ("coefficient", Role::Label),
            ("value", Role::Number),
            ("estimates", Role::Text),
            ("as", Role::Text),
        ]));
        let rows = [
            ("ordinal alpha", Some(&s.ordinal_alpha)),
            ("omega total", s.omega_total.as_ref()),
            ("omega hierarchical", s.omega_h.as_ref()),
            ("categorical omega", s.categorical_omega.as_ref()),
        ];
        t.rows = rows
            .into_iter()
            .filter_map(|(name, c)| c.map(|c| cells(name, c)))
            .collect();
        if let Some(w) = &s.wlsmv {
            t = t.with_note(format!(
                "Categorical omega: one-factor WLSMV fit on the {} complete rows{}.",
                w.n,
                if w.converged { "" } else { " (not converged)" }
            ));
        }
        t.indent = 2;
        blocks.push(Block::Table(t));
        let names = Names::items(&s.items);
        blocks.extend(
            (category_lines(&s.categories, &names, advise_categories).into_iter())
                .map(Block::Warning),
        );
        blocks.extend((s.warnings.iter()).map(|w| Block::Warning(line(w, &names, advise))));
    }
    Document { blocks }
}

fn cells(name: &str, c: &OrdinalCoefficient) -> Vec<String> {
    vec![
        name.to_owned(),
        fmt_num(Some(c.value), 3),
        estimand(c.estimates).to_owned(),
        c.reference.to_owned(),
    ]
}
