//! The document of reliability results: text, and Markdown with APA-style tables.

mod groups;

pub use groups::{GroupsReport, groups_document, json as groups_json};

use psym_reliability::{
    Advice, BootstrapCi, BootstrapResult, Interval, ItemStats, MissingPolicy, ScaleReliability,
};
use serde_json::{Value, json};

use crate::doc::{Block, Column, Document, Role, Table};
use crate::subject::{Advise, Names, diagnostics_json, line};
use crate::{Format, fmt_num};

/// The item ids of a scale, by column (the subjects of its warnings).
fn item_ids(s: &ScaleReliability) -> Vec<String> {
    s.items.iter().map(|i| i.item.clone()).collect()
}

/// The JSON contract of `psym reliability` (docs/json.md): `{"scales": [...]}`, each scale as
/// the library serialises it, with its `warnings` in the shape of every diagnostic
/// ([`diagnostics_json`]).
pub fn reliability_json(scales: &[ScaleReliability], advise: Advise<Advice>) -> Value {
    let one = |s: &ScaleReliability| {
        let mut v = json!(s);
        let ids = item_ids(s);
        v["warnings"] = diagnostics_json(&s.warnings, &Names::items(&ids), advise);
        v
    };
    json!({"scales": scales.iter().map(one).collect::<Vec<_>>()})
}

/// The missing-data rule in words, as stated in every output.
pub fn missing_rule(policy: MissingPolicy) -> &'static str {
    match policy {
        MissingPolicy::Pairwise => {
            "pairwise: each covariance uses the respondents who answered both items (as psych::alpha)"
        }
        MissingPolicy::Listwise => {
            "listwise: only respondents who answered every item of the scale"
        }
    }
}

/// The readable document of `psym reliability` on `file`: in text, per scale a block of
/// coefficients and the item table; in Markdown, an APA summary table (one row per scale,
/// coefficients bounded by one without a leading zero) and an item table per scale; the
/// warnings' advice worded by `advise`.
pub fn document(
    file: &str,
    scales: &[ScaleReliability],
    format: Format,
    advise: Advise<Advice>,
) -> Document {
    let mut blocks = Vec::new();
    if format == Format::Text {
        blocks.push(Block::Paragraph(format!("Reliability of {file}")));
        for s in scales {
            blocks.push(Block::Paragraph(scale_lines(s).join("\n")));
            let mut t = Table::new(Column::all(&[
                ("item", Role::Label),
                ("rev", Role::Text),
                ("n", Role::Number),
                ("mean", Role::Number),
                ("sd", Role::Number),
                ("raw.r", Role::Number),
                ("std.r", Role::Number),
                ("r.cor", Role::Number),
                ("r.drop", Role::Number),
                ("alpha if deleted", Role::Number),
            ]));
            t.rows = s.items.iter().map(|i| item_cells(i, 2)).collect();
            t.indent = 2;
            blocks.push(Block::Table(t));
            blocks.extend(warning_blocks(s, advise));
        }
        return Document { blocks };
    }
    blocks.push(Block::heading(1, format!("Reliability of `{file}`")));
    let level = scales
        .iter()
        .find_map(|s| s.alpha_ci.map(|c| c.level))
        .unwrap_or(0.95);
    let ci = format!("{}% CI (Feldt)", fmt_level(level));
    let mut summary = Table::new(Column::all(&[
        ("Scale", Role::Label),
        ("*k*", Role::Number),
        ("*n*", Role::Number),
        ("*M*", Role::Number),
        ("*SD*", Role::Number),
        ("α", Role::Number),
        (&ci, Role::Interval),
        ("α std.", Role::Number),
        ("λ6", Role::Number),
        ("mean *r*", Role::Number),
        ("ω total", Role::Number),
    ]));
    for s in scales {
        summary.rows.push(vec![
            s.scale.clone(),
            s.n_items.to_string(),
            crate::rows::n_of_total(s.n, &s.rows),
            fmt_num(s.mean, 2),
            fmt_num(s.sd, 2),
            apa(Some(s.coefficients.alpha)),
            s.alpha_ci.map_or_else(|| "NA".into(), |c| apa_limits(&c)),
            apa(Some(s.coefficients.alpha_std)),
            apa(s.coefficients.lambda6),
            apa(Some(s.coefficients.average_r)),
            apa(s.omega_total),
        ]);
    }
    if let Some(first) = scales.first() {
        summary = summary.with_note(format!(
            "Missing data {}. ω total from a one-factor minres model (psych::omega, nfactors = 1).",
            missing_rule(first.missing)
        ));
    }
    blocks.push(Block::Table(summary));
    for s in scales {
        blocks.push(Block::heading(2, format!("Items of {}", s.scale)));
        if let Some(o) = &s.omega_hierarchical {
            blocks.push(Block::Paragraph(format!(
                "ω hierarchical = {}, ω total = {} ({}).",
                apa(Some(o.omega_h)),
                apa(Some(o.omega_total)),
                o.model
            )));
        }
        if let Some(b) = &s.bootstrap {
            for (name, ci) in [("α", &b.alpha), ("ω total", &b.omega_total)] {
                if let Some(ci) = ci {
                    blocks.push(Block::Paragraph(format!(
                        "Bootstrap {name} ({} replicates, seed {}): percentile {}, BCa {}.",
                        b.replicates,
                        b.seed,
                        apa_limits(&ci.percentile),
                        ci.bca
                            .map_or_else(|| "not available".into(), |c| apa_limits(&c))
                    )));
                }
            }
        }
        let mut t = Table::new(Column::all(&[
            ("Item", Role::Label),
            ("*M*", Role::Number),
            ("*SD*", Role::Number),
            ("*r* item–rest", Role::Number),
            ("*r* cor", Role::Number),
            ("α if deleted", Role::Number),
        ]));
        for i in &s.items {
            t.rows.push(vec![
                format!("{}{}", i.item, if i.reversed { " (R)" } else { "" }),
                fmt_num(i.mean, 2),
                fmt_num(i.sd, 2),
                apa(i.r_drop),
                apa(i.r_cor),
                apa(i.alpha_if_deleted),
            ]);
        }
        blocks.push(Block::Table(t));
        blocks.extend(warning_blocks(s, advise));
    }
    Document { blocks }
}

/// The scale's warnings, each naming its items by id, with the advice worded by `advise`.
fn warning_blocks(s: &ScaleReliability, advise: Advise<Advice>) -> Vec<Block> {
    let ids = item_ids(s);
    let names = Names::items(&ids);
    s.warnings
        .iter()
        .map(|w| Block::Warning(line(w, &names, advise)))
        .collect()
}

/// The coefficients of a scale in text, one line each under the scale's line.
fn scale_lines(s: &ScaleReliability) -> Vec<String> {
    let mut lines = vec![
        format!(
            "Scale {}: {} items, n = {} ({}); missing data {}",
            s.scale,
            s.n_items,
            s.n,
            crate::rows::rows_phrase(&s.rows),
            missing_rule(s.missing)
        ),
        format!(
            "  score mean {}  sd {}",
            fmt_num(s.mean, 2),
            fmt_num(s.sd, 2)
        ),
        format!(
            "  alpha {}{}  standardized alpha {}  lambda-6 {}",
            fmt_num(Some(s.coefficients.alpha), 3),
            s.alpha_ci
                .map(|c| format!(" {}", interval(&c)))
                .unwrap_or_default(),
            fmt_num(Some(s.coefficients.alpha_std), 3),
            fmt_num(s.coefficients.lambda6, 3),
        ),
        format!(
            "  average r {}  median r {}  signal/noise {}",
            fmt_num(Some(s.coefficients.average_r), 3),
            fmt_num(Some(s.coefficients.median_r), 3),
            fmt_num(Some(s.coefficients.signal_noise), 2)
        ),
    ];
    if let Some(o) = &s.omega {
        lines.push(format!(
            "  omega total {}  ({})",
            fmt_num(Some(o.omega_total), 3),
            o.model
        ));
    }
    if let Some(o) = &s.omega_hierarchical {
        lines.push(format!(
            "  omega hierarchical {}  omega total {}  ({})",
            fmt_num(Some(o.omega_h), 3),
            fmt_num(Some(o.omega_total), 3),
            o.model
        ));
    }
    if let Some(b) = &s.bootstrap {
        lines.extend(bootstrap_lines(b));
    }
    lines
}

fn bootstrap_lines(b: &BootstrapResult) -> Vec<String> {
    let failed = if b.failed > 0 {
        format!(", {} failed", b.failed)
    } else {
        String::new()
    };
    let mut lines = vec![format!(
        "  bootstrap: {} replicates, seed {}{failed}",
        b.replicates, b.seed
    )];
    for (name, ci) in [("alpha", &b.alpha), ("omega total", &b.omega_total)] {
        if let Some(ci) = ci {
            lines.push(format!("    {name}: {}", boot_summary(ci)));
        }
    }
    lines
}

fn boot_summary(ci: &BootstrapCi) -> String {
    format!(
        "se {}  percentile {}  BCa {}",
        fmt_num(Some(ci.se), 3),
        limits(&ci.percentile, 3),
        ci.bca
            .map_or_else(|| "not available".to_owned(), |b| limits(&b, 3))
    )
}

fn item_cells(i: &ItemStats, digits: usize) -> Vec<String> {
    vec![
        i.item.clone(),
        if i.reversed { "-" } else { "" }.to_owned(),
        i.n.to_string(),
        fmt_num(i.mean, digits),
        fmt_num(i.sd, digits),
        fmt_num(i.raw_r, digits),
        fmt_num(i.std_r, digits),
        fmt_num(i.r_cor, digits),
        fmt_num(i.r_drop, digits),
        fmt_num(i.alpha_if_deleted, digits),
    ]
}

/// `[0.772, 0.814] (Feldt 95%)`
fn interval(c: &Interval) -> String {
    format!("{} ({} {}%)", limits(c, 3), c.method, fmt_level(c.level))
}

fn limits(c: &Interval, digits: usize) -> String {
    format!(
        "[{}, {}]",
        fmt_num(Some(c.lower), digits),
        fmt_num(Some(c.upper), digits)
    )
}

pub(crate) fn fmt_level(level: f64) -> String {
    format!("{}", (level * 1000.0).round() / 10.0)
}

/// `[.77, .81]`: an interval's limits in APA style.
fn apa_limits(c: &Interval) -> String {
    format!("[{}, {}]", apa(Some(c.lower)), apa(Some(c.upper)))
}

/// Two decimals without a leading zero (`.79`, `−.12`), APA style for values bounded by one.
fn apa(x: Option<f64>) -> String {
    let s = fmt_num(x, 2);
    if let Some(rest) = s.strip_prefix("0.") {
        format!(".{rest}")
    } else if let Some(rest) = s.strip_prefix("-0.") {
        format!("−.{rest}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apa_drops_the_leading_zero() {
        assert_eq!(apa(Some(0.794)), ".79");
        assert_eq!(apa(Some(-0.12)), "−.12");
        assert_eq!(apa(Some(1.0)), "1.00");
        assert_eq!(apa(None), "NA");
    }
}
