//! Text, Markdown (APA-style) and JSON renderings of reliability results.

use std::io::{self, Write};

use psym_reliability::{
    Advice, BootstrapCi, BootstrapResult, Interval, ItemStats, MissingPolicy, ScaleReliability,
};
use serde_json::{Value, json};

use crate::subject::{Advise, Names, diagnostics_json, line};
use crate::{fmt_num, new_table, render};

/// The item ids of a scale, by column (the subjects of its warnings).
fn item_ids(s: &ScaleReliability) -> Vec<String> {
    s.items.iter().map(|i| i.item.clone()).collect()
}

/// Each warning of a scale on one line: the items it is about by id, then the advice worded
/// by `advise`.
fn warning_lines(s: &ScaleReliability, advise: Advise<Advice>) -> Vec<String> {
    let ids = item_ids(s);
    let names = Names::items(&ids);
    s.warnings.iter().map(|w| line(w, &names, advise)).collect()
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

/// Writes a readable report: per scale a block of coefficients, the item table and warnings
/// (their advice worded by `advise`).
///
/// # Errors
/// Only I/O errors of `out`.
pub fn write_text(
    out: &mut dyn Write,
    file: &str,
    scales: &[ScaleReliability],
    advise: Advise<Advice>,
) -> io::Result<()> {
    writeln!(out, "Reliability of {file}")?;
    for s in scales {
        writeln!(out)?;
        write_scale_text(out, s, advise)?;
    }
    Ok(())
}

fn write_scale_text(
    out: &mut dyn Write,
    s: &ScaleReliability,
    advise: Advise<Advice>,
) -> io::Result<()> {
    writeln!(
        out,
        "Scale {}: {} items, n = {} ({}); missing data {}",
        s.scale,
        s.n_items,
        s.n,
        crate::rows::rows_phrase(&s.rows),
        missing_rule(s.missing)
    )?;
    writeln!(
        out,
        "  score mean {}  sd {}",
        fmt_num(s.mean, 2),
        fmt_num(s.sd, 2)
    )?;
    writeln!(
        out,
        "  alpha {}{}  standardized alpha {}  lambda-6 {}",
        fmt_num(Some(s.coefficients.alpha), 3),
        s.alpha_ci
            .map(|c| format!(" {}", interval(&c)))
            .unwrap_or_default(),
        fmt_num(Some(s.coefficients.alpha_std), 3),
        fmt_num(s.coefficients.lambda6, 3),
    )?;
    writeln!(
        out,
        "  average r {}  median r {}  signal/noise {}",
        fmt_num(Some(s.coefficients.average_r), 3),
        fmt_num(Some(s.coefficients.median_r), 3),
        fmt_num(Some(s.coefficients.signal_noise), 2)
    )?;
    if let Some(o) = &s.omega {
        writeln!(
            out,
            "  omega total {}  ({})",
            fmt_num(Some(o.omega_total), 3),
            o.model
        )?;
    }
    if let Some(o) = &s.omega_hierarchical {
        writeln!(
            out,
            "  omega hierarchical {}  omega total {}  ({})",
            fmt_num(Some(o.omega_h), 3),
            fmt_num(Some(o.omega_total), 3),
            o.model
        )?;
    }
    if let Some(b) = &s.bootstrap {
        write_bootstrap_text(out, b)?;
    }
    writeln!(out)?;
    let mut t = new_table([
        "item",
        "rev",
        "n",
        "mean",
        "sd",
        "raw.r",
        "std.r",
        "r.cor",
        "r.drop",
        "alpha if deleted",
    ]);
    for i in &s.items {
        t.add_row(item_cells(i, 2));
    }
    for line in render(&t).lines() {
        writeln!(out, "  {line}")?;
    }
    for w in warning_lines(s, advise) {
        writeln!(out, "  warning: {w}")?;
    }
    Ok(())
}

fn write_bootstrap_text(out: &mut dyn Write, b: &BootstrapResult) -> io::Result<()> {
    writeln!(
        out,
        "  bootstrap: {} replicates, seed {}{}",
        b.replicates,
        b.seed,
        if b.failed > 0 {
            format!(", {} failed", b.failed)
        } else {
            String::new()
        }
    )?;
    for (name, ci) in [("alpha", &b.alpha), ("omega total", &b.omega_total)] {
        if let Some(ci) = ci {
            writeln!(out, "    {name}: {}", boot_summary(ci))?;
        }
    }
    Ok(())
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

fn fmt_level(level: f64) -> String {
    format!("{}", (level * 1000.0).round() / 10.0)
}

/// Writes an APA-style summary table (one row per scale) and an item table per scale, with
/// the warnings (their advice worded by `advise`).
///
/// Coefficients bounded by one are written without a leading zero, as APA style asks.
///
/// # Errors
/// Only I/O errors of `out`.
pub fn write_markdown(
    out: &mut dyn Write,
    file: &str,
    scales: &[ScaleReliability],
    advise: Advise<Advice>,
) -> io::Result<()> {
    writeln!(out, "## Reliability of `{file}`\n")?;
    let level = scales
        .iter()
        .find_map(|s| s.alpha_ci.map(|c| c.level))
        .unwrap_or(0.95);
    writeln!(
        out,
        "| Scale | *k* | *n* | *M* | *SD* | α | {}% CI (Feldt) | α std. | λ6 | mean *r* | ω total |",
        fmt_level(level)
    )?;
    writeln!(
        out,
        "|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|"
    )?;
    for s in scales {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            s.scale,
            s.n_items,
            crate::rows::n_of_total(s.n, &s.rows),
            fmt_num(s.mean, 2),
            fmt_num(s.sd, 2),
            apa(Some(s.coefficients.alpha)),
            s.alpha_ci.map_or_else(
                || "NA".into(),
                |c| format!("[{}, {}]", apa(Some(c.lower)), apa(Some(c.upper)))
            ),
            apa(Some(s.coefficients.alpha_std)),
            apa(s.coefficients.lambda6),
            apa(Some(s.coefficients.average_r)),
            apa(s.omega_total),
        )?;
    }
    writeln!(out)?;
    let rules: Vec<_> = scales.iter().map(|s| s.missing).collect();
    if let Some(first) = rules.first() {
        writeln!(
            out,
            "*Note.* Missing data {}. ω total from a one-factor minres model (psych::omega, nfactors = 1).",
            missing_rule(*first)
        )?;
    }
    for s in scales {
        writeln!(out, "\n### Items of {}\n", s.scale)?;
        if let Some(o) = &s.omega_hierarchical {
            writeln!(
                out,
                "ω hierarchical = {}, ω total = {} ({}).\n",
                apa(Some(o.omega_h)),
                apa(Some(o.omega_total)),
                o.model
            )?;
        }
        if let Some(b) = &s.bootstrap {
            for (name, ci) in [("α", &b.alpha), ("ω total", &b.omega_total)] {
                if let Some(ci) = ci {
                    writeln!(
                        out,
                        "Bootstrap {name} ({} replicates, seed {}): percentile [{}, {}], BCa {}.\n",
                        b.replicates,
                        b.seed,
                        apa(Some(ci.percentile.lower)),
                        apa(Some(ci.percentile.upper)),
                        ci.bca.map_or_else(
                            || "not available".into(),
                            |c| format!("[{}, {}]", apa(Some(c.lower)), apa(Some(c.upper)))
                        )
                    )?;
                }
            }
        }
        writeln!(
            out,
            "| Item | *M* | *SD* | *r* item–rest | *r* cor | α if deleted |"
        )?;
        writeln!(out, "|---|---:|---:|---:|---:|---:|")?;
        for i in &s.items {
            writeln!(
                out,
                "| {}{} | {} | {} | {} | {} | {} |",
                i.item,
                if i.reversed { " (R)" } else { "" },
                fmt_num(i.mean, 2),
                fmt_num(i.sd, 2),
                apa(i.r_drop),
                apa(i.r_cor),
                apa(i.alpha_if_deleted)
            )?;
        }
        for w in warning_lines(s, advise) {
            writeln!(out, "\n> **Warning.** {w}")?;
        }
    }
    Ok(())
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
