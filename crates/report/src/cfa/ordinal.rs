//! The document of an ordinal (WLSMV, ULSMV, DWLS) fit: lavaan's summary sections with the
//! standard and (but for DWLS) the scaled-and-shifted statistics side by side, then the
//! estimates (thresholds and, with groups, scale factors and latent means among them) with
//! their standard errors.

use psym_model::Parameterization;
use psym_sem::{ComparisonRow, Estimator, OrdinalFit, RobustAbsent};

use super::{num, test_name};
use crate::doc::{Block, Column, Document, KeyValue, Role, Table};

/// A line with the standard figure and the scaled one when there is one.
fn both(key: &str, standard: f64, scaled: Option<f64>, decimals: usize) -> KeyValue {
    match scaled {
        Some(s) => KeyValue::new(key, [num(standard, decimals), num(s, decimals)]),
        None => KeyValue::new(key, [num(standard, decimals)]),
    }
}

/// A line with the scaled figure alone.
fn scaled_only(key: &str, value: f64) -> KeyValue {
    KeyValue::new(key, [String::new(), num(value, 3)])
}

/// The readable document of `fit` (model `name`; `groups`: the group labels, empty for one
/// group), with the data `warnings`.
pub fn ordinal_document(
    name: &str,
    fit: &OrdinalFit,
    groups: &[String],
    warnings: &[String],
) -> Document {
    let f = &fit.fit;
    let ended = if fit.converged {
        "ended normally"
    } else {
        "did NOT converge"
    };
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
            KeyValue::new(
                "Estimator",
                [match fit.estimator {
                    Estimator::Ulsmv => "ULS",
                    _ => "DWLS",
                }],
            ),
            KeyValue::new(
                "Standard errors",
                [match fit.estimator {
                    Estimator::Dwls => "Standard",
                    _ => "Robust.sem",
                }],
            ),
            KeyValue::new("Number of observations", [fit.n.to_string()]),
        ]),
    ];
    if !fit.continuous.is_empty() {
        blocks.push(Block::KeyValues(vec![KeyValue::new(
            "Variables",
            [mixed_variables(fit)],
        )]));
    }
    if let [_, _, ..] = groups {
        blocks.push(Block::KeyValues(
            (groups.iter().zip(&fit.group_n))
                .map(|(label, n)| KeyValue::new(format!("  {label}"), [n.to_string()]))
                .collect(),
        ));
    }
    blocks.extend(warnings.iter().cloned().map(Block::Warning));
    let (scaled, baseline) = (f.scaled.as_ref(), f.baseline_scaled.as_ref());
    let header = || match scaled {
        Some(_) => KeyValue::new("", ["Standard", "Scaled"]),
        None => KeyValue::new("", ["Standard"]),
    };
    let mut user = vec![
        header(),
        both("Test statistic", f.chisq, scaled.map(|s| s.statistic), 3),
        KeyValue::new(
            "Degrees of freedom",
            [Some(f.df), scaled.map(|s| s.df)]
                .into_iter()
                .flatten()
                .map(df),
        ),
        both(
            "P-value (Chi-square)",
            f.pvalue,
            scaled.map(|s| s.pvalue),
            3,
        ),
    ];
    if let Some(s) = scaled {
        user.push(scaled_only(
            &format!("Scaling correction factor ({})", test_name(s.method)),
            s.scaling_factor,
        ));
        if let Some(shift) = s.shift {
            user.push(scaled_only("Shift parameter", shift));
        }
    }
    blocks.push(Block::heading(3, "Model Test User Model:"));
    blocks.push(Block::KeyValues(user));
    blocks.push(Block::heading(3, "Model Test Baseline Model:"));
    blocks.push(Block::KeyValues(vec![
        header(),
        both(
            "Test statistic",
            f.baseline_chisq,
            baseline.map(|b| b.statistic),
            3,
        ),
        KeyValue::new(
            "Degrees of freedom",
            [Some(f.baseline_df), baseline.map(|b| b.df)]
                .into_iter()
                .flatten()
                .map(df),
        ),
    ]));
    blocks.push(Block::heading(3, "User Model versus Baseline Model:"));
    let robust = f.robust.as_ref();
    let mut indices = vec![
        header(),
        both("Comparative Fit Index (CFI)", f.cfi, f.cfi_scaled, 3),
        both("Tucker-Lewis Index (TLI)", f.tli, f.tli_scaled, 3),
    ];
    if let Some(r) = robust {
        indices.push(scaled_only("Robust Comparative Fit Index (CFI)", r.cfi));
        indices.push(scaled_only("Robust Tucker-Lewis Index (TLI)", r.tli));
    }
    blocks.push(Block::KeyValues(indices));
    blocks.push(Block::heading(
        3,
        "Root Mean Square Error of Approximation:",
    ));
    let mut rmsea = vec![header(), both("RMSEA", f.rmsea, f.rmsea_scaled, 3)];
    if let Some(r) = robust {
        rmsea.extend([
            scaled_only("Robust RMSEA", r.rmsea),
            scaled_only("90 Percent confidence interval - lower", r.rmsea_ci_lower),
            scaled_only("90 Percent confidence interval - upper", r.rmsea_ci_upper),
            scaled_only("P-value H_0: Robust RMSEA <= 0.050", r.rmsea_pvalue),
            scaled_only(
                "P-value H_0: Robust RMSEA >= 0.080",
                r.rmsea_notclose_pvalue,
            ),
        ]);
    }
    blocks.push(Block::KeyValues(rmsea));
    if let (None, Some(why)) = (
        robust,
        f.robust_absent.filter(|&w| w != RobustAbsent::NoScaledTest),
    ) {
        blocks.push(Block::Paragraph(format!("{why}.")));
    }
    blocks.push(Block::heading(3, "Standardized Root Mean Square Residual:"));
    blocks.push(Block::KeyValues(vec![KeyValue::new(
        "SRMR",
        [num(f.srmr, 3)],
    )]));
    let mut columns = vec![
        ("lhs", Role::Label),
        ("op", Role::Text),
        ("rhs", Role::Text),
    ];
    if !groups.is_empty() {
        columns.push(("group", Role::Text));
    }
    columns.extend([("estimate", Role::Number), ("std.err", Role::Number)]);
    let mut t = Table::new(Column::all(&columns)).with_caption("Parameter Estimates:");
    t.rows = fit
        .parameters
        .iter()
        .map(|p| {
            let mut row = vec![p.lhs.clone(), p.op.clone(), p.rhs.clone()];
            if let Some(label) = groups.get(p.group - 1) {
                row.push(label.clone());
            }
            row.extend([num(p.est, 3), p.se.map_or(String::new(), |s| num(s, 3))]);
            row
        })
        .collect();
    t.note = Some(
        match fit.parameterization {
            Parameterization::Delta => {
                "Delta parameterisation: the residual variances follow from the latent \
                 responses' variances (1/scale²) and have no standard error."
            }
            Parameterization::Theta => {
                "Theta parameterisation: the scale factors (~*~) follow from the latent \
                 responses' variances (1/√variance) and have no standard error."
            }
        }
        .into(),
    );
    blocks.push(Block::Table(t));
    Document { blocks }
}

/// The comparison of several ordinal fits (`psym cfa --ordered --instrument-models`): one row
/// per model in the order of `differences` (by df, `psym_sem::compare_ordinal`) with the test
/// and fit indices, scaled-and-shifted where the estimator scales them (all but DWLS), the
/// difference test against the row before (Satorra 2000 when scaled, lavaan's `lavTestLRT`),
/// and the data `warnings`.
pub fn ordinal_comparison(
    fits: &[(String, OrdinalFit)],
    differences: &[ComparisonRow],
    warnings: &[String],
) -> Document {
    let robust = fits.iter().all(|(_, f)| f.fit.scaled.is_some());
    let headers: [&str; 10] = if robust {
        [
            "chisq.scaled",
            "df",
            "pvalue.scaled",
            "cfi.scaled",
            "tli.scaled",
            "rmsea.scaled",
            "srmr",
            "Δchisq",
            "Δdf",
            "p(Δ)",
        ]
    } else {
        [
            "chisq", "df", "pvalue", "cfi", "tli", "rmsea", "srmr", "Δchisq", "Δdf", "p(Δ)",
        ]
    };
    let mut columns = vec![Column::new("model", Role::Label)];
    columns.extend((headers.iter()).map(|&h| {
        let role = if h.starts_with("pvalue") || h.starts_with("p(") {
            Role::PValue
        } else {
            Role::Number
        };
        Column::new(h, role)
    }));
    let estimator = fits.first().map_or(Estimator::Wlsmv, |(_, f)| f.estimator);
    let test = if robust {
        "scaled-and-shifted test"
    } else {
        "standard test"
    };
    let mut t = Table::new(columns).with_caption(format!(
        "Model comparison ({}, {test}):",
        estimator.to_string().to_uppercase()
    ));
    let fit_of = |name: &str| (fits.iter().find(|(n, _)| n == name)).map(|(_, f)| f);
    let opt = |x: Option<f64>, decimals: usize| x.map_or(String::new(), |v| num(v, decimals));
    t.rows = (differences.iter())
        .filter_map(|d| Some((d, fit_of(&d.model)?)))
        .map(|(d, fit)| {
            let f = &fit.fit;
            let converged = if fit.converged {
                ""
            } else {
                " (not converged)"
            };
            let scaled = f.scaled.as_ref().filter(|_| robust);
            let pick =
                |standard: f64, scaled: Option<f64>| scaled.filter(|_| robust).unwrap_or(standard);
            vec![
                format!("{}{converged}", d.model),
                num(scaled.map_or(f.chisq, |s| s.statistic), 3),
                num(f.df, 0),
                num(scaled.map_or(f.pvalue, |s| s.pvalue), 3),
                num(pick(f.cfi, f.cfi_scaled), 3),
                num(pick(f.tli, f.tli_scaled), 3),
                num(pick(f.rmsea, f.rmsea_scaled), 3),
                num(f.srmr, 3),
                opt(d.chisq_diff, 3),
                opt(d.df_diff, 0),
                opt(d.pvalue, 3),
            ]
        })
        .collect();
    t.note = Some(if robust {
        "Models sorted by df; Δchisq is the scaled-and-shifted difference test (Satorra 2000, \
         lavaan's lavTestLRT) against the model above, meaningful for nested models."
            .into()
    } else {
        "Models sorted by df; Δchisq is the chi-square difference against the model above, \
         meaningful for nested models."
            .into()
    });
    let mut blocks: Vec<Block> = warnings.iter().cloned().map(Block::Warning).collect();
    blocks.push(Block::Table(t));
    Document { blocks }
}

/// "ordered: i1 i2 …; continuous: age" for a fit with continuous variables (the ordered ones
/// are those with thresholds, in the order of the estimates).
fn mixed_variables(fit: &OrdinalFit) -> String {
    let mut ordered: Vec<&str> = Vec::new();
    for e in fit.parameters.iter().filter(|e| e.op == "|") {
        if !ordered.contains(&e.lhs.as_str()) {
            ordered.push(&e.lhs);
        }
    }
    format!(
        "ordered: {}; continuous: {}",
        ordered.join(" "),
        fit.continuous.join(" ")
    )
}
