//! `psym cfa --ordered`: the ordinal (WLSMV) path, one group and complete rows so far; with
//! `--instrument-models`, every model the instrument declares.

use anyhow::{Context, bail};
use nalgebra::DMatrix;
use psym_model::ParTable;
use psym_report::categories::{categories_json, category_lines};
use psym_report::cfa::{ordinal_comparison, ordinal_document};
use psym_report::doc::{self, Document};
use psym_report::subject::{Names, stats_error};
use psym_sem::{Estimator, Missing, OrdinalFit, SemError, fit_wlsmv};
use psym_stats::categories::{RowGroups, check_categories, perfect_associations};
use psym_stats::polychoric::{PolychoricOptions, polychoric};
use serde_json::{Value, json};

use super::{CfaArgs, Request};
use crate::advice;
use crate::cmd::common::dropped_rows_warning;
use crate::output::{Format, Outcome, write_json};

/// Checks what the ordinal path supports, reports unused categories (merging sparse ones with
/// --collapse), fits each model by WLSMV and renders them. Exit status 1 when a search did not
/// converge or two items are perfectly associated.
pub(super) fn run(args: &CfaArgs, ordered: &str, request: &Request) -> anyhow::Result<Outcome> {
    if !matches!(args.estimator, Estimator::Ml | Estimator::Wlsmv) {
        bail!(
            "ordered items are fitted by WLSMV; --estimator {} is for continuous items",
            args.estimator
        );
    }
    if args.group.is_some() || args.missing != Missing::Listwise {
        bail!(
            "--ordered fits one group on the complete rows so far: leave out --group and --missing fiml"
        );
    }
    if args.modindices.is_some() || args.residuals {
        bail!("--modindices and --residuals are not available with --ordered yet");
    }
    let items = &request.responses.items;
    check_ordered_list(ordered, items)?;
    let mut matrix = request.responses.matrix.clone();
    // by group when there are groups, so that every group keeps the categories it shares
    let groups = (request.group_of_row.as_deref()).map(|of_row| RowGroups {
        of_row,
        labels: &request.group_labels,
    });
    let mut categories = check_categories(
        &mut matrix,
        request.categories.as_deref(),
        args.collapse,
        groups,
    );
    // a pair at ρ = ±1 (an error the fits below would not show); a matrix that cannot be
    // computed at all is reported by the fits, naming the item
    if let Ok(pc) = polychoric(&matrix, &PolychoricOptions::LAVAAN) {
        categories
            .diagnostics
            .extend(perfect_associations(&pc.matrix));
    }
    let fits = (request.tables.iter())
        .map(|(name, table)| Ok((name.clone(), fit_one(name, table, items, &matrix)?)))
        .collect::<anyhow::Result<Vec<(String, OrdinalFit)>>>()?;
    let rows = psym_stats::RowCount::for_policy(&matrix, psym_stats::MissingPolicy::Listwise);
    let names = Names {
        items,
        groups: &request.group_labels,
    };
    let mut warnings: Vec<String> =
        dropped_rows_warning(&rows, "FIML for ordered items is not available")
            .into_iter()
            .collect();
    warnings.extend(category_lines(&categories, &names, advice::categories));
    let mut out = request.plan.open()?;
    let with_name = |name: &str, fit: &OrdinalFit| {
        let mut v = json!(fit);
        v["model"] = json!(name);
        v["estimator"] = json!(Estimator::Wlsmv);
        v
    };
    match (request.plan.format, fits.as_slice()) {
        (Format::Json, [(name, fit)]) => {
            let mut v = with_name(name, fit);
            v["warnings"] = json!(warnings);
            v["categories"] = categories_json(&categories, &names, advice::categories);
            write_json(&mut out, &v)?
        }
        (Format::Json, _) => {
            let v: Value = json!({
                "models": fits.iter().map(|(n, f)| with_name(n, f)).collect::<Vec<_>>(),
                "comparison": comparison_json(&fits),
                "warnings": warnings,
                "categories": categories_json(&categories, &names, advice::categories),
            });
            write_json(&mut out, &v)?
        }
        (format, [(name, fit)]) => {
            doc::write(&mut out, &ordinal_document(name, fit, &warnings), format)?
        }
        (format, _) => {
            let mut document: Document = ordinal_comparison(&fits, &warnings);
            for (name, fit) in &fits {
                document
                    .blocks
                    .extend(ordinal_document(name, fit, &[]).blocks);
            }
            doc::write(&mut out, &document, format)?
        }
    }
    out.finish()?;
    Ok(Outcome::problems_if(
        categories.has_errors() || fits.iter().any(|(_, f)| !f.converged),
    ))
}

/// `--ordered` must be "all" or name every item of the models (mixing ordered and continuous
/// items is not available).
fn check_ordered_list(ordered: &str, items: &[String]) -> anyhow::Result<()> {
    if ordered.trim().eq_ignore_ascii_case("all") {
        return Ok(());
    }
    let listed: Vec<&str> = ordered
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(missing) = items.iter().find(|i| !listed.contains(&i.as_str())) {
        bail!(
            "--ordered must name every item of the model (mixing ordered and continuous items \
             is not available yet): '{missing}' is not listed; use --ordered all"
        );
    }
    Ok(())
}

/// Fits one model to the data's columns of its observed variables (in the table's order).
fn fit_one(
    name: &str,
    table: &ParTable,
    items: &[String],
    matrix: &DMatrix<f64>,
) -> anyhow::Result<OrdinalFit> {
    let columns: Vec<usize> = (table.observed.iter())
        .filter_map(|v| items.iter().position(|i| i == v))
        .collect();
    let data = matrix.select_columns(&columns);
    let fit = fit_wlsmv(table, &data).map_err(|e| match e {
        // the statistics name items by column: put in their ids
        SemError::Statistics(s) => anyhow::anyhow!(stats_error(&s, &table.observed)),
        other => anyhow::Error::new(other),
    });
    fit.with_context(|| format!("cannot fit model '{name}' to ordered items"))
}

/// One row per model: the scaled test and fit indices (docs/json.md).
fn comparison_json(fits: &[(String, OrdinalFit)]) -> Value {
    let row = |(name, fit): &(String, OrdinalFit)| {
        let f = &fit.fit;
        json!({
            "model": name, "converged": fit.converged, "df": f.df,
            "chisq_scaled": f.scaled.statistic, "df_scaled": f.scaled.df,
            "pvalue_scaled": f.scaled.pvalue, "cfi_scaled": f.cfi_scaled,
            "tli_scaled": f.tli_scaled, "rmsea_scaled": f.rmsea_scaled, "srmr": f.srmr,
        })
    };
    json!(fits.iter().map(row).collect::<Vec<_>>())
}
