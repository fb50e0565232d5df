//! The document of an ordinal (WLSMV) fit: lavaan's summary sections with the standard and the
//! scaled-and-shifted statistics side by side, then the estimates with robust standard errors
//! and the thresholds.

use psym_sem::OrdinalFit;

use super::{num, test_name};
use crate::doc::{Block, Column, Document, KeyValue, Role, Table};

/// A line with the standard figure and the scaled one.
fn both(key: &str, standard: f64, scaled: f64, decimals: usize) -> KeyValue {
    KeyValue::new(key, [num(standard, decimals), num(scaled, decimals)])
}

/// A line with the scaled figure alone.
fn scaled_only(key: &str, value: f64) -> KeyValue {
    KeyValue::new(key, [String::new(), num(value, 3)])
}

/// The readable document of `fit` (model `name`), with the data `warnings`.
pub fn ordinal_document(name: &str, fit: &OrdinalFit, warnings: &[String]) -> Document {
    let f = &fit.fit;
    let ended = if fit.converged {
        "ended normally"
    } else {
        "did NOT converge"
    };
    let header = || KeyValue::new("", ["Standard", "Scaled"]);
    let df = |d: f64| num(d, if d.fract() == 0.0 { 0 } else { 3 });
    let mut blocks = vec![
        Block::heading(
            1,
            format!(
                "psym cfa {ended} after {} iterations ({name})",
                fit.convergence.iterations
            ),
        ),
        Block::KeyValues(vec![
            KeyValue::new("Estimator", ["DWLS"]),
            KeyValue::new("Standard errors", ["Robust.sem"]),
            KeyValue::new("Number of observations", [fit.n.to_string()]),
        ]),
    ];
    blocks.extend(warnings.iter().cloned().map(Block::Warning));
    let mut user = vec![
        header(),
        both("Test statistic", f.chisq, f.scaled.statistic, 3),
        KeyValue::new("Degrees of freedom", [df(f.df), df(f.scaled.df)]),
        both("P-value (Chi-square)", f.pvalue, f.scaled.pvalue, 3),
        scaled_only(
            &format!("Scaling correction factor ({})", test_name(f.scaled.method)),
            f.scaled.scaling_factor,
        ),
    ];
    if let Some(shift) = f.scaled.shift {
        user.push(scaled_only("Shift parameter", shift));
    }
    blocks.push(Block::heading(3, "Model Test User Model:"));
    blocks.push(Block::KeyValues(user));
    blocks.push(Block::heading(3, "Model Test Baseline Model:"));
    blocks.push(Block::KeyValues(vec![
        header(),
        both(
            "Test statistic",
            f.baseline_chisq,
            f.baseline_scaled.statistic,
            3,
        ),
        KeyValue::new(
            "Degrees of freedom",
            [df(f.baseline_df), df(f.baseline_scaled.df)],
        ),
    ]));
    blocks.push(Block::heading(3, "User Model versus Baseline Model:"));
    blocks.push(Block::KeyValues(vec![
        header(),
        both("Comparative Fit Index (CFI)", f.cfi, f.cfi_scaled, 3),
        both("Tucker-Lewis Index (TLI)", f.tli, f.tli_scaled, 3),
    ]));
    blocks.push(Block::heading(
        3,
        "Root Mean Square Error of Approximation:",
    ));
    blocks.push(Block::KeyValues(vec![
        header(),
        both("RMSEA", f.rmsea, f.rmsea_scaled, 3),
    ]));
    blocks.push(Block::heading(3, "Standardized Root Mean Square Residual:"));
    blocks.push(Block::KeyValues(vec![KeyValue::new(
        "SRMR",
        [num(f.srmr, 3)],
    )]));
    let mut t = Table::new(Column::all(&[
        ("lhs", Role::Label),
        ("op", Role::Text),
        ("rhs", Role::Text),
        ("estimate", Role::Number),
        ("std.err", Role::Number),
    ]))
    .with_caption("Parameter Estimates:");
    t.rows = fit
        .parameters
        .iter()
        .map(|p| {
            vec![
                p.lhs.clone(),
                p.op.clone(),
                p.rhs.clone(),
                num(p.est, 3),
                p.se.map_or(String::new(), |s| num(s, 3)),
            ]
        })
        .collect();
    t.note = Some(
        "Delta parameterisation: the residual variances follow from unit latent-response \
         variances and have no standard error; the thresholds equal their sample values."
            .into(),
    );
    blocks.push(Block::Table(t));
    Document { blocks }
}

/// The comparison of several ordinal fits (`psym cfa --ordered --instrument-models`): one row
/// per model with the scaled test and the scaled fit indices, and the data `warnings`.
/// Scaled χ² difference tests between WLSMV models are not computed here.
pub fn ordinal_comparison(fits: &[(String, OrdinalFit)], warnings: &[String]) -> Document {
    let mut t = Table::new(Column::all(&[
        ("model", Role::Label),
        ("chisq.scaled", Role::Number),
        ("df", Role::Number),
        ("pvalue.scaled", Role::PValue),
        ("cfi.scaled", Role::Number),
        ("tli.scaled", Role::Number),
        ("rmsea.scaled", Role::Number),
        ("srmr", Role::Number),
    ]))
    .with_caption("Model comparison (WLSMV, scaled-and-shifted test):");
    t.rows = (fits.iter())
        .map(|(name, fit)| {
            let f = &fit.fit;
            let converged = if fit.converged {
                ""
            } else {
                " (not converged)"
            };
            vec![
                format!("{name}{converged}"),
                num(f.scaled.statistic, 3),
                num(f.df, 0),
                num(f.scaled.pvalue, 3),
                num(f.cfi_scaled, 3),
                num(f.tli_scaled, 3),
                num(f.rmsea_scaled, 3),
                num(f.srmr, 3),
            ]
        })
        .collect();
    t.note = Some(
        "Scaled chi-square difference tests between WLSMV models (lavaan's lavTestLRT) are not \
         computed yet; compare the scaled fit indices."
            .into(),
    );
    let mut blocks: Vec<Block> = warnings.iter().cloned().map(Block::Warning).collect();
    blocks.push(Block::Table(t));
    Document { blocks }
}
