//! Variation between clusters (`psym multilevel`): per scale ICC(1) and ICC(2), the REML
//! ICC(1), the design effect and the reliability of cluster means.

use psym_agreement::{Advice, ClusterVariation};
use serde_json::{Value, json};

use crate::agreement::keyed;
use crate::doc::{Block, Column, Document, Role, Table};
use crate::efa::fmt_p;
use crate::subject::{Advise, Names, diagnostics_json, line};
use crate::{Format, fmt_num};

/// A `psym multilevel` run: the file, the cluster column and each scale's variation.
#[derive(Debug, Clone)]
pub struct MultilevelRun {
    /// The response file, as named on the command line.
    pub file: String,
    /// The cluster column.
    pub cluster: String,
    /// Data rows read.
    pub rows: u64,
    /// Lines of the rows without a cluster value (left out of every scale).
    pub no_cluster: Vec<u64>,
    /// Per scale, its id and variation.
    pub scales: Vec<(String, ClusterVariation)>,
}

impl MultilevelRun {
    /// Whether anything calls for attention: rows without a cluster, or a diagnostic.
    pub fn has_problems(&self) -> bool {
        !self.no_cluster.is_empty() || self.scales.iter().any(|(_, v)| !v.diagnostics.is_empty())
    }
}

/// The JSON contract of `psym multilevel` (docs/json.md).
pub fn multilevel_json(run: &MultilevelRun, advise: Advise<Advice>) -> Value {
    let scale = |(id, v): &(String, ClusterVariation)| {
        let mut j = keyed("scale", id, json!(v));
        j["diagnostics"] = diagnostics_json(&v.diagnostics, &Names::default(), advise);
        j
    };
    json!({
        "file": run.file,
        "cluster": run.cluster,
        "rows": run.rows,
        "no_cluster_lines": run.no_cluster,
        "scales": run.scales.iter().map(scale).collect::<Vec<_>>(),
    })
}

/// The readable document of `psym multilevel` (text or Markdown): the clusters, one table
/// row per scale, the variance components, and the warnings worded by `advise`.
pub fn document(run: &MultilevelRun, format: Format, advise: Advise<Advice>) -> Document {
    let code = |s: &str| {
        if format == Format::Md {
            format!("`{s}`")
        } else {
            s.to_owned()
        }
    };
    let mut blocks = vec![
        Block::heading(
            1,
            format!("Variation between clusters of {}", code(&run.cluster)),
        ),
        Block::Paragraph(format!(
            "{} ({} rows), clusters by {}.",
            code(&run.file),
            run.rows,
            code(&run.cluster)
        )),
    ];
    if !run.no_cluster.is_empty() {
        let lines: Vec<String> = run.no_cluster.iter().take(20).map(u64::to_string).collect();
        blocks.push(Block::Warning(format!(
            "{} row(s) have no {} value and are left out (line {}{})",
            run.no_cluster.len(),
            run.cluster,
            lines.join(", "),
            if run.no_cluster.len() > 20 {
                ", …"
            } else {
                ""
            }
        )));
    }
    let mut icc = Table::new(Column::all(&[
        ("scale", Role::Label),
        ("n", Role::Number),
        ("clusters", Role::Number),
        ("of one", Role::Number),
        ("mean size", Role::Number),
        ("n0", Role::Number),
        ("ICC(1) ANOVA", Role::Number),
        ("ICC(1) REML", Role::Number),
        ("ICC(2)", Role::Number),
        ("F", Role::Number),
        ("p", Role::PValue),
        ("design effect", Role::Number),
        ("reliability of means", Role::Number),
    ]))
    .with_caption("Intraclass correlations")
    .with_note(
        "ICC(1) ANOVA = (MSB − MSW)/(MSB + (n0 − 1)MSW); ICC(2) = (MSB − MSW)/MSB (Bliese 2000); \
         ICC(1) REML as lme4::lmer(score ~ 1 + (1 | cluster)); design effect 1 + (mean size − 1)·ICC(1) REML; \
         reliability of a cluster's mean at the mean size by Spearman–Brown from ICC(1) REML.",
    );
    let mut variances = Table::new(Column::all(&[
        ("scale", Role::Label),
        ("intercept", Role::Number),
        ("between", Role::Number),
        ("within", Role::Number),
        ("MSB", Role::Number),
        ("MSW", Role::Number),
        ("df", Role::Text),
    ]))
    .with_caption("Variance components (REML) and mean squares (ANOVA)");
    for (id, v) in &run.scales {
        let a = &v.anova;
        icc.rows.push(vec![
            id.clone(),
            v.n.to_string(),
            v.clusters.to_string(),
            v.singletons.to_string(),
            fmt_num(Some(v.mean_size), 2),
            fmt_num(Some(a.anova.n0), 2),
            fmt_num(Some(a.icc1), 3),
            fmt_num(Some(v.reml.icc1), 3),
            fmt_num(Some(a.icc2), 3),
            fmt_num(Some(a.f), 2),
            fmt_p(a.p),
            fmt_num(Some(v.design_effect), 2),
            fmt_num(Some(v.mean_reliability), 3),
        ]);
        variances.rows.push(vec![
            id.clone(),
            fmt_num(Some(v.reml.intercept), 3),
            fmt_num(Some(v.reml.between_variance), 4),
            fmt_num(Some(v.reml.within_variance), 4),
            fmt_num(Some(a.anova.ms_between), 4),
            fmt_num(Some(a.anova.ms_within), 4),
            format!("{}, {}", v.clusters - 1, v.n - v.clusters),
        ]);
    }
    blocks.push(Block::Table(icc));
    blocks.push(Block::Table(variances));
    for (id, v) in &run.scales {
        for d in &v.diagnostics {
            blocks.push(Block::Warning(format!(
                "{id}: {}",
                line(d, &Names::default(), advise)
            )));
        }
    }
    Document { blocks }
}
