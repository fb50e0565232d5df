//! `psym cfa --ordered`: the ordinal (WLSMV, ULSMV, DWLS) path, one or several groups,
//! complete rows; with `--instrument-models`, every model the instrument declares.

use anyhow::bail;
use nalgebra::DMatrix;
use psym_data::Responses;
use psym_model::ParTable;
use psym_report::categories::{categories_json, category_lines};
use psym_report::cfa::{ordinal_comparison, ordinal_document};
use psym_report::doc::{self, Block, Document};
use psym_report::subject::{Names, stats_error};
use psym_sem::{
    ComparisonRow, Estimator, Missing, OrdinalFit, SemError, compare_ordinal, fit_ordinal_with,
};
use psym_stats::categories::{
    CategoryDiagnostic, CategoryReport, RowGroups, check_categories, observed_categories,
    perfect_associations,
};
use psym_stats::polychoric::{PolychoricOptions, polychoric};
use psym_stats::{MissingPolicy, RowCount, StatsError, Subject};
use serde_json::{Value, json};

use super::{CfaArgs, Request};
use crate::advice;
use crate::cmd::common::dropped_rows_warning;
use crate::output::{Format, Outcome, Plan, write_json};

/// Reports the unused categories of the ordered items (`columns` of `responses`, see
/// [`ordered_columns`]) against `scale` (the instrument's response categories; `None`: the
/// values observed on those items), per group when rows have groups (`group_of_row`,
/// `labels`), and merges categories with fewer than `collapse` answers in place, before the
/// thresholds are counted ([`ordered_variables`]). Continuous columns are left alone. With
/// groups and listwise deletion only the complete rows are counted (the rows the fit sees:
/// a category a group used only in dropped rows is unused there); merges recode every row.
pub(crate) fn check_ordered_categories(
    responses: &mut Responses,
    columns: &[usize],
    scale: Option<&[f64]>,
    collapse: Option<usize>,
    (group_of_row, labels): (Option<&[usize]>, &[String]),
    missing: Missing,
) -> CategoryReport {
    let counted: Option<Vec<usize>> = group_of_row.map(|of_row| {
        let m = &responses.matrix;
        (of_row.iter().enumerate())
            .map(|(i, &g)| match missing {
                Missing::Listwise if m.row(i).iter().any(|v| v.is_nan()) => usize::MAX,
                _ => g,
            })
            .collect()
    });
    let groups = (counted.as_deref()).map(|of_row| RowGroups { of_row, labels });
    let mut sub = responses.matrix.select_columns(columns);
    let mut report = check_categories(&mut sub, scale, collapse, groups);
    for (k, &j) in columns.iter().enumerate() {
        responses.matrix.set_column(j, &sub.column(k));
    }
    // the report's items are columns of `sub`
    for u in &mut report.unused {
        u.item = columns[u.item];
    }
    for m in &mut report.merges {
        m.item = columns[m.item];
    }
    for d in &mut report.diagnostics {
        d.subject = match d.subject {
            Subject::Item(j) => Subject::Item(columns[j]),
            Subject::ItemPair(a, b) => Subject::ItemPair(columns[a], columns[b]),
            other => other,
        };
    }
    report
}

/// The columns of `items` that `--ordered` names: every one for `all`, else the names listed
/// (separated by commas or spaces, lavaan's `ordered = c(...)`); the other observed variables
/// are continuous.
///
/// # Errors
/// A name that is not an observed variable of the models, or an empty list.
pub(crate) fn ordered_columns(ordered: &str, items: &[String]) -> anyhow::Result<Vec<usize>> {
    if ordered.trim().eq_ignore_ascii_case("all") {
        return Ok((0..items.len()).collect());
    }
    let listed: Vec<&str> = (ordered.split([',', ' ', '\t']))
        .filter(|s| !s.is_empty())
        .collect();
    if listed.is_empty() {
        bail!("--ordered names no variable; give 'all' or the ordered items, e.g. \"i1 i2 i3\"");
    }
    if let Some(unknown) = listed.iter().find(|v| !items.iter().any(|i| i == *v)) {
        bail!(
            "--ordered names '{unknown}', which is not an observed variable of the model \
             (observed: {})",
            items.join(", ")
        );
    }
    Ok((0..items.len())
        .filter(|&j| listed.contains(&items[j].as_str()))
        .collect())
}

/// What psym says, instead of fitting, when a group never used a category that another group
/// used and `--collapse` did not merge it: the groups' thresholds would not cut the same
/// categories, so they cannot be estimated side by side (lavaan stops with "some categories
/// of variable … are empty in group …").
const UNSHARED_CATEGORIES: &str = "not fitted: the groups did not all use the same \
     categories (see the warnings above), so their thresholds would not describe the same cut \
     points; --collapse 1 (or a larger minimum) merges each such category into its neighbour \
     in every group, which keeps threshold invariance testable";

/// Whether `report` has a category that one group never used although another did, left as
/// it was by `--collapse` (a merge with any minimum leaves every category used in every group).
pub(crate) fn categories_unshared(report: &CategoryReport) -> bool {
    report.merges.is_empty() && report.unused.iter().any(|u| u.group.is_some())
}

/// The ordered items named by `--ordered` ([`ordered_columns`]) with their number of
/// thresholds: the categories used in the rows `missing`
/// analyses (the complete rows, or every answer with pairwise deletion) of all groups, less one
/// (lavaan takes an item's levels from all its rows). `Missing::Fiml` counts as listwise here;
/// the fit refuses it.
pub(crate) fn ordered_variables(
    ordered: &str,
    responses: &Responses,
    missing: Missing,
) -> anyhow::Result<Vec<(String, usize)>> {
    let items = &responses.items;
    let columns = ordered_columns(ordered, items)?;
    let policy = match missing {
        Missing::Pairwise => MissingPolicy::Pairwise,
        Missing::Listwise | Missing::Fiml => MissingPolicy::Listwise,
    };
    let complete = RowCount::for_policy(&responses.matrix, MissingPolicy::Listwise).n_used;
    if policy == MissingPolicy::Listwise && complete < 2 {
        let e = StatsError::TooFewObservations {
            needed: 2,
            found: complete,
            subject: Subject::Whole,
        };
        bail!(stats_error(&e, items));
    }
    // counted in the rows the fit uses: complete on every variable, continuous ones included
    let counts = observed_categories(&responses.matrix, policy);
    (columns.iter().map(|&j| (&items[j], counts[j])))
        .map(|(item, k)| match k {
            0 | 1 => bail!(
                "item {item} has fewer than two observed categories in the rows analysed \
                 ({missing} deletion); an ordered item needs at least two"
            ),
            k => Ok((item.clone(), k - 1)),
        })
        .collect()
}

/// The columns of `responses` that hold `observed` (a model's observed variables, in that
/// order; a variable without a column is left out), rows split by group (`group_of_row`, the
/// number of groups; `None`: one group), as the ordinal fits take their data.
pub(crate) fn observed_by_group(
    responses: &Responses,
    observed: &[String],
    (group_of_row, groups): (Option<&[usize]>, usize),
) -> Vec<DMatrix<f64>> {
    let items = &responses.items;
    let columns: Vec<usize> = (observed.iter())
        .filter_map(|v| items.iter().position(|i| i == v))
        .collect();
    by_group(
        responses.matrix.select_columns(&columns),
        group_of_row,
        groups,
    )
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

/// Checks what the ordinal path supports, fits each model by the estimator asked for and
/// renders them with the category findings made when the request was resolved. Exit status 1
/// when a search did not converge or two items are perfectly associated.
pub(super) fn run(args: &CfaArgs, request: &Request) -> anyhow::Result<Outcome> {
    let estimator = match args.estimator {
        Estimator::Ml | Estimator::Wlsmv => Estimator::Wlsmv,
        e @ (Estimator::Ulsmv | Estimator::Dwls) => e,
        other => bail!(
            "ordered items are fitted by WLSMV, ULSMV or DWLS; --estimator {other} is for \
             continuous items"
        ),
    };
    if args.missing == Missing::Fiml {
        bail!(
            "ordered items are fitted on the complete rows (--missing listwise, the default) or \
             by pairwise deletion (--missing pairwise); FIML is not available for them"
        );
    }
    if args.modindices.is_some() || args.residuals {
        bail!("--modindices and --residuals are not available with --ordered yet");
    }
    let items = &request.responses.items;
    let matrix = &request.responses.matrix;
    let ordered = ordered_columns(args.ordered.as_deref().unwrap_or("all"), items)?;
    let mixed = ordered.len() < items.len();
    if mixed && !request.group_labels.is_empty() {
        bail!(
            "continuous variables beside ordered items are fitted in one group only; with \
             --group, declare every item ordered (--ordered all) or leave out the continuous \
             variables"
        );
    }
    let mut categories = request.category_report.clone().unwrap_or_default();
    categories
        .diagnostics
        .extend(perfect_pairs(matrix, &ordered));
    let names = Names {
        items,
        groups: &request.group_labels,
    };
    if categories_unshared(&categories) {
        return unshared(&request.plan, &categories, &names, None);
    }
    let mut fits = Vec::with_capacity(request.tables.len());
    for (name, table) in &request.tables {
        let rows = (
            request.group_of_row.as_deref(),
            request.group_labels.as_slice(),
        );
        let missing = request.options.missing;
        match fit_ordered(name, table, &request.responses, rows, (estimator, missing)) {
            Ok(fit) => fits.push((name.clone(), fit)),
            Err(Unfitted::Categories(line)) => {
                return unshared(&request.plan, &categories, &names, Some(line));
            }
            Err(Unfitted::Other(e)) => return Err(e),
        }
    }
    let differences = match fits.as_slice() {
        [_] => Vec::new(),
        _ => {
            let named: Vec<(String, &OrdinalFit)> =
                fits.iter().map(|(n, f)| (n.clone(), f)).collect();
            compare_ordinal(&named)?
        }
    };
    let rows = RowCount::for_policy(matrix, MissingPolicy::Listwise);
    let mut warnings: Vec<String> = match args.missing {
        Missing::Pairwise => Vec::new(),
        _ => dropped_rows_warning(&rows, "--missing pairwise uses every answer")
            .into_iter()
            .collect(),
    };
    warnings.extend(category_lines(&categories, &names, advice::categories));
    let groups = &request.group_labels;
    let with_name = |name: &str, fit: &OrdinalFit| {
        let mut v = json!(fit);
        v["model"] = json!(name);
        if !groups.is_empty() {
            v["groups"] = json!(groups);
        }
        v
    };
    let mut out = request.plan.open()?;
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
                "comparison": comparison_json(&fits, &differences),
                "warnings": warnings,
                "categories": categories_json(&categories, &names, advice::categories),
            });
            write_json(&mut out, &v)?
        }
        (format, [(name, fit)]) => doc::write(
            &mut out,
            &ordinal_document(name, fit, groups, &warnings),
            format,
        )?,
        (format, _) => {
            let mut document: Document = ordinal_comparison(&fits, &differences, &warnings);
            for (name, fit) in &fits {
                document
                    .blocks
                    .extend(ordinal_document(name, fit, groups, &[]).blocks);
            }
            doc::write(&mut out, &document, format)?
        }
    }
    out.finish()?;
    Ok(Outcome::problems_if(
        categories.has_errors() || fits.iter().any(|(_, f)| !f.converged),
    ))
}

/// The pairs of ordered items (`ordered`: columns of `matrix`) whose polychoric correlation is
/// ±1, an error the fits would not show, naming the items by column of `matrix`; a matrix
/// that cannot be computed at all is left to the fits, which name the item.
pub(crate) fn perfect_pairs(matrix: &DMatrix<f64>, ordered: &[usize]) -> Vec<CategoryDiagnostic> {
    let Ok(pc) = polychoric(&matrix.select_columns(ordered), &PolychoricOptions::LAVAAN) else {
        return Vec::new();
    };
    (perfect_associations(&pc.matrix).into_iter())
        .map(|mut d| {
            if let Subject::ItemPair(a, b) = d.subject {
                d.subject = Subject::ItemPair(ordered[a], ordered[b]);
            }
            d
        })
        .collect()
}

/// The output when the groups did not use the same categories ([`categories_unshared`], or
/// `found` by the fit in the rows it analyses): the category findings and
/// [`UNSHARED_CATEGORIES`], no fit; exit status 1.
pub(crate) fn unshared(
    plan: &Plan,
    categories: &CategoryReport,
    names: &Names<'_>,
    found: Option<String>,
) -> anyhow::Result<Outcome> {
    let mut warnings = category_lines(categories, names, advice::categories);
    warnings.extend(found);
    warnings.push(UNSHARED_CATEGORIES.to_string());
    let mut out = plan.open()?;
    match plan.format {
        Format::Json => write_json(
            &mut out,
            &json!({
                "groups": names.groups,
                "warnings": warnings,
                "categories": categories_json(categories, names, advice::categories),
            }),
        )?,
        format => {
            let document = Document {
                blocks: warnings.into_iter().map(Block::Warning).collect(),
            };
            doc::write(&mut out, &document, format)?
        }
    }
    out.finish()?;
    Ok(Outcome::Problems)
}

/// Why a model was not fitted: the groups' categories differ in the rows the fit analyses (a
/// data problem, worded with the group's label), or another error.
pub(crate) enum Unfitted {
    /// The message naming the item, the group and the counts.
    Categories(String),
    /// Any other error (exit status 2).
    Other(anyhow::Error),
}

/// Fits model `name` to the columns of `responses` that hold its observed variables (in the
/// table's order), rows split by group (`group_of_row`, `labels`; `None`: one group), by
/// `estimator` with `missing` deletion (`psym cfa --ordered` and `psym report --ordered`).
pub(crate) fn fit_ordered(
    name: &str,
    table: &ParTable,
    responses: &Responses,
    (group_of_row, labels): (Option<&[usize]>, &[String]),
    (estimator, missing): (Estimator, Missing),
) -> Result<OrdinalFit, Unfitted> {
    let data = observed_by_group(responses, &table.observed, (group_of_row, labels.len()));
    let error = match fit_ordinal_with(table, &data, estimator, missing) {
        Ok(fit) => return Ok(fit),
        Err(e) => e,
    };
    let label = |g: usize| (labels.get(g - 1).cloned()).unwrap_or_else(|| g.to_string());
    Err(match error {
        SemError::GroupCategories {
            item,
            group,
            found,
            expected,
        } => Unfitted::Categories(format!(
            "item {item} has {found} categories in group '{}' but {expected} in all groups \
             together, in the rows fitted ({missing} deletion)",
            label(group)
        )),
        // the statistics name items by column: put in their ids
        SemError::Statistics(s) => {
            Unfitted::Other(anyhow::anyhow!(stats_error(&s, &table.observed)))
        }
        other => Unfitted::Other(anyhow::Error::new(other)),
    })
    .map_err(|u| match u {
        Unfitted::Other(e) => {
            Unfitted::Other(e.context(format!("cannot fit model '{name}' to ordered items")))
        }
        categories => categories,
    })
}

/// One row per model, in the order of `differences` (by df, [`compare_ordinal`]): the test
/// and fit indices, scaled where the estimator scales them (`null` for DWLS), and the
/// difference test against the row before (docs/json.md).
fn comparison_json(fits: &[(String, OrdinalFit)], differences: &[ComparisonRow]) -> Value {
    let row = |d: &ComparisonRow| {
        let fit = (fits.iter().find(|(n, _)| *n == d.model)).map(|(_, f)| f)?;
        let f = &fit.fit;
        let scaled = f.scaled.as_ref();
        Some(json!({
            "model": d.model, "converged": fit.converged, "df": f.df,
            "chisq": f.chisq, "pvalue": f.pvalue,
            "chisq_scaled": scaled.map(|s| s.statistic), "df_scaled": scaled.map(|s| s.df),
            "pvalue_scaled": scaled.map(|s| s.pvalue), "cfi_scaled": f.cfi_scaled,
            "tli_scaled": f.tli_scaled, "rmsea_scaled": f.rmsea_scaled, "srmr": f.srmr,
            "chisq_diff": d.chisq_diff, "df_diff": d.df_diff, "pvalue_diff": d.pvalue,
        }))
    };
    json!(differences.iter().filter_map(row).collect::<Vec<_>>())
}
