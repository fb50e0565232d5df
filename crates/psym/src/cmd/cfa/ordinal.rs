//! `psym cfa --ordered`: the ordinal (WLSMV) path, one or several groups, complete rows.

use anyhow::{Context, bail};
use nalgebra::DMatrix;
use psym_data::Responses;
use psym_report::cfa::ordinal_document;
use psym_report::doc;
use psym_report::subject::stats_error;
use psym_sem::{Estimator, Missing, SemError, fit_ordinal};
use serde_json::json;

use super::{CfaArgs, Request};
use crate::cmd::common::dropped_rows_warning;
use crate::output::{Format, Outcome, write_json};

/// The ordered items named by `--ordered` (`all`, or a comma-separated list that must name
/// every item) with their number of thresholds: the categories used in the complete rows of
/// all groups, less one (lavaan takes an item's levels from all its rows).
pub(crate) fn ordered_variables(
    ordered: &str,
    responses: &Responses,
) -> anyhow::Result<Vec<(String, usize)>> {
    let items = &responses.items;
    if !ordered.trim().eq_ignore_ascii_case("all") {
        let listed: Vec<&str> = (ordered.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if let Some(missing) = items.iter().find(|i| !listed.contains(&i.as_str())) {
            bail!(
                "--ordered must name every item of the model (mixing ordered and continuous items \
                 is not available yet): '{missing}' is not listed; use --ordered all"
            );
        }
    }
    let x = &responses.matrix;
    let complete: Vec<usize> = (0..x.nrows())
        .filter(|&i| x.row(i).iter().all(|v| !v.is_nan()))
        .collect();
    (items.iter().enumerate())
        .map(|(j, item)| {
            let mut values: Vec<f64> = complete.iter().map(|&i| x[(i, j)]).collect();
            values.sort_by(f64::total_cmp);
            values.dedup();
            match values.len() {
                0 | 1 => bail!(
                    "item {item} has fewer than two observed categories in the complete rows; \
                     an ordered item needs at least two"
                ),
                k => Ok((item.clone(), k - 1)),
            }
        })
        .collect()
}

/// The rows of `data` split by group (`rows`: each row's 0-based group; `None`: one group).
pub(crate) fn by_group(
    data: DMatrix<f64>,
    rows: Option<&[usize]>,
    groups: usize,
) -> Vec<DMatrix<f64>> {
    match rows {
        None => vec![data],
        Some(rows) => (0..groups)
            .map(|g| {
                let mine: Vec<usize> = (0..rows.len()).filter(|&i| rows[i] == g).collect();
                data.select_rows(&mine)
            })
            .collect(),
    }
}

/// Checks what the ordinal path supports, fits the model by WLSMV and renders it. Exit status
/// 1 when the search did not converge.
pub(super) fn run(args: &CfaArgs, request: &Request) -> anyhow::Result<Outcome> {
    let estimator = match args.estimator {
        Estimator::Ml | Estimator::Wlsmv => Estimator::Wlsmv,
        e @ (Estimator::Ulsmv | Estimator::Dwls) => e,
        other => bail!(
            "ordered items are fitted by WLSMV, ULSMV or DWLS; --estimator {other} is for \
             continuous items"
        ),
    };
    if args.missing != Missing::Listwise {
        bail!("--ordered fits the complete rows so far: leave out --missing fiml");
    }
    if args.modindices.is_some() || args.residuals {
        bail!("--modindices and --residuals are not available with --ordered yet");
    }
    let [(name, table)] = request.tables.as_slice() else {
        bail!("--ordered fits one model at a time: leave out --compare and --instrument-models");
    };
    let items = &request.responses.items;
    // the data's columns in the table's order of observed variables, rows split by group
    let columns: Vec<usize> = (table.observed.iter())
        .filter_map(|v| items.iter().position(|i| i == v))
        .collect();
    let data = request.responses.matrix.select_columns(&columns);
    let data = by_group(
        data,
        request.group_of_row.as_deref(),
        request.group_labels.len(),
    );
    let fit = fit_ordinal(table, &data, estimator).map_err(|e| match e {
        // the statistics name items by column: put in their ids
        SemError::Statistics(s) => anyhow::anyhow!(stats_error(&s, &table.observed)),
        other => anyhow::Error::new(other),
    });
    let fit = fit.with_context(|| format!("cannot fit model '{name}' to ordered items"))?;
    let rows = psym_stats::RowCount::for_policy(
        &request.responses.matrix,
        psym_stats::MissingPolicy::Listwise,
    );
    let warnings: Vec<String> =
        dropped_rows_warning(&rows, "FIML for ordered items is not available")
            .into_iter()
            .collect();
    let mut out = request.plan.open()?;
    match request.plan.format {
        Format::Json => {
            let mut v = json!(fit);
            v["model"] = json!(name);
            v["warnings"] = json!(warnings);
            if !request.group_labels.is_empty() {
                v["groups"] = json!(request.group_labels);
            }
            write_json(&mut out, &v)?
        }
        format => doc::write(
            &mut out,
            &ordinal_document(name, &fit, &request.group_labels, &warnings),
            format,
        )?,
    }
    out.finish()?;
    Ok(Outcome::problems_if(!fit.converged))
}
