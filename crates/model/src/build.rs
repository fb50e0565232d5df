//! From formulas to a parameter table with lavaan's `cfa()` defaults.
//!
//! Defaults (lavaan 0.6 `cfa()`/`sem()`, documented in `docs/model-syntax.md`):
//! - the first loading of each factor is fixed to 1 unless it carries a fixed value, `NA` or
//!   `start()`; with `std_lv` the latent (residual) variances are fixed to 1 instead and every
//!   loading is free;
//! - residual variances of all observed and latent variables are free;
//! - covariances among exogenous latent variables are free, and so are those among purely
//!   dependent latent variables (lavaan's `auto.cov.y`);
//! - with a mean structure, observed intercepts are free and latent means fixed to 0;
//! - ordered variables ([`ModelOptions::ordered`], lavaan's `ordered =`) get free thresholds
//!   `x | t1`, `x | t2`, …, a scale factor `x ~*~ x` fixed to 1, an intercept fixed to 0 and a
//!   residual variance: in the delta parameterisation no parameter (fixed here, derived from
//!   the unit latent-response variance by the fit), in the theta parameterisation
//!   ([`ModelOptions::parameterization`]) fixed to 1, the scale factor then being derived by
//!   the fit; the model has a mean structure (lavaan's `lav_partable_flat`).

use std::collections::HashSet;

use crate::equal::{self, GroupEqual, OrdinalIdentification};
use crate::error::ModelError;
use crate::parameterization::Parameterization;
use crate::paramref::ParamRef;
use crate::partable::{Origin, ParRow, ParTable};
use crate::syntax::{Formula, ModValue, Model, Op, Term, parse};
use crate::{constraints, defined};

/// How the defaults are applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelOptions {
    /// Identify each factor by fixing its variance to 1 instead of its first loading.
    pub std_lv: bool,
    /// Add intercepts and latent means (needed for FIML and for several groups).
    pub meanstructure: bool,
    /// Number of groups (1 for a single-group model).
    pub groups: usize,
    /// Parameter kinds constrained equal across groups (lavaan's `group.equal`).
    pub group_equal: Vec<GroupEqual>,
    /// Parameters left free of the `group_equal` constraints (lavaan's `group.partial`), as
    /// `(lhs, op, rhs)` from [`crate::parse_parameter`].
    pub group_partial: Vec<ParamRef>,
    /// Ordered (categorical) observed variables with their number of thresholds (categories
    /// − 1), in any order; empty for a model of continuous variables.
    pub ordered: Vec<(String, usize)>,
    /// How equal thresholds identify a multi-group model of ordered variables.
    pub ordinal_identification: OrdinalIdentification,
    /// How the latent responses of ordered variables are scaled (lavaan's `parameterization`).
    pub parameterization: Parameterization,
}

impl ModelOptions {
    /// The number of thresholds of `name` when it is ordered.
    fn thresholds(&self, name: &str) -> Option<usize> {
        self.ordered.iter().find(|(v, _)| v == name).map(|o| o.1)
    }
}

impl Default for ModelOptions {
    fn default() -> Self {
        ModelOptions {
            std_lv: false,
            meanstructure: false,
            groups: 1,
            group_equal: Vec::new(),
            group_partial: Vec::new(),
            ordered: Vec::new(),
            ordinal_identification: OrdinalIdentification::Lavaan,
            parameterization: Parameterization::Delta,
        }
    }
}

/// Parses model text and builds its parameter table (see [`build`]).
///
/// # Errors
/// Syntax errors from [`parse`] and model errors from [`build`].
pub fn from_syntax(text: &str, options: &ModelOptions) -> Result<ParTable, ModelError> {
    build(&parse(text)?, options)
}

/// The model of one factor per `(name, indicators)` pair, built without going through model
/// text, so that any name is accepted as it is.
pub fn factor_model(factors: &[(String, Vec<String>)]) -> Model {
    let formulas = factors
        .iter()
        .map(|(f, items)| Formula {
            lhs: f.clone(),
            op: Op::Measure,
            terms: items.iter().map(|i| Term::plain(i)).collect(),
            at: crate::Position::NONE,
        })
        .collect();
    Model {
        formulas,
        ..Model::default()
    }
}

/// The model of free variances of `observed` and, when `full`, of every covariance too: the
/// saturated (`full`) and the independence (baseline) models behind lavaan's fit measures,
/// built without going through model text.
pub fn covariance_model(observed: &[String], full: bool) -> Model {
    let formulas = observed
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let others = if full {
                &observed[i..]
            } else {
                &observed[i..=i]
            };
            Formula {
                lhs: v.clone(),
                op: Op::Covary,
                terms: others.iter().map(|o| Term::plain(o)).collect(),
                at: crate::Position::NONE,
            }
        })
        .collect();
    Model {
        formulas,
        ..Model::default()
    }
}

impl Model {
    /// Adds `a ~~ 0*b` for every pair of `factors`: orthogonal factors, as lavaan's
    /// `orthogonal = TRUE` does for them.
    pub fn make_orthogonal(&mut self, factors: &[&str]) {
        for (i, a) in factors.iter().enumerate() {
            for b in &factors[i + 1..] {
                let mut term = Term::plain(b);
                term.modifiers.push(crate::Modifier {
                    values: vec![ModValue::Fixed(0.0)],
                    at: crate::Position::NONE,
                });
                self.formulas.push(Formula {
                    lhs: (*a).to_string(),
                    op: Op::Covary,
                    terms: vec![term],
                    at: crate::Position::NONE,
                });
            }
        }
    }
}

impl Model {
    /// The observed variables of the model, in order of first appearance (what the data must
    /// hold), without building the parameter table.
    ///
    /// # Errors
    /// As [`build`] for regressions or covariances that mix observed and latent variables.
    pub fn observed(&self) -> Result<Vec<String>, ModelError> {
        Ok(roles(&self.formulas)?.observed)
    }
}

/// What the modifiers of a term say for one group.
#[derive(Default)]
struct Resolved {
    fixed: Option<f64>,
    free: bool,
    start: Option<f64>,
    label: String,
}

fn resolve(term: &Term, group: usize, groups: usize) -> Result<Resolved, ModelError> {
    let mut r = Resolved::default();
    for m in &term.modifiers {
        let v = match m.values.len() {
            1 => &m.values[0],
            n if n == groups => &m.values[group - 1],
            n => {
                let groups = match groups {
                    1 => "the model has one group".to_string(),
                    g => format!("there are {g} groups"),
                };
                return Err(ModelError::syntax(
                    m.at,
                    format!(
                        "the modifier of '{}' has {n} values but {groups}; give one value per group",
                        term.var
                    ),
                ));
            }
        };
        match v {
            ModValue::Fixed(x) => r.fixed = Some(*x),
            ModValue::Free => r.free = true,
            ModValue::Start(x) => r.start = Some(*x),
            ModValue::Label(l) => r.label = l.clone(),
        }
    }
    Ok(r)
}

/// The variables of a model and their roles.
pub(crate) struct Roles {
    pub(crate) observed: Vec<String>,
    pub(crate) latent: Vec<String>,
    /// Latent variables that are exogenous (not predicted, not indicators of another factor).
    exogenous: Vec<String>,
    /// Latent variables predicted by `~` that predict nothing and indicate no factor.
    pure_dependent: Vec<String>,
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

fn roles(formulas: &[Formula]) -> Result<Roles, ModelError> {
    let mut latent = Vec::new();
    for f in formulas.iter().filter(|f| f.op == Op::Measure) {
        push_unique(&mut latent, &f.lhs);
    }
    let is_lv = |s: &str| latent.iter().any(|l| l == s);
    let mut observed = Vec::new();
    let (mut indicator_lv, mut predicted, mut predictor) = (Vec::new(), Vec::new(), Vec::new());
    for f in formulas {
        // a threshold's right-hand side names the threshold, not a variable
        let variables = !matches!(f.op, Op::Threshold | Op::Scale);
        for t in f.terms.iter().filter(|t| variables && t.var != "1") {
            match f.op {
                Op::Measure if is_lv(&t.var) => push_unique(&mut indicator_lv, &t.var),
                Op::Regress => {
                    for (name, at) in [(&f.lhs, f.at), (&t.var, t.at)] {
                        if !is_lv(name) {
                            return Err(ModelError::Unsupported {
                                at,
                                message: format!(
                                    "'{name}' is an observed variable in a regression; psym supports \
                                     regressions among latent variables only (define a single-indicator factor)"
                                ),
                            });
                        }
                    }
                    push_unique(&mut predicted, &f.lhs);
                    push_unique(&mut predictor, &t.var);
                }
                Op::Covary if is_lv(&f.lhs) != is_lv(&t.var) => {
                    return Err(ModelError::Unsupported {
                        at: t.at,
                        message: format!(
                            "covariance between a latent and an observed variable ('{}' ~~ '{}')",
                            f.lhs, t.var
                        ),
                    });
                }
                _ => {}
            }
            if !is_lv(&t.var) {
                push_unique(&mut observed, &t.var);
            }
        }
        if !is_lv(&f.lhs) {
            push_unique(&mut observed, &f.lhs);
        }
    }
    let contains = |v: &Vec<String>, s: &str| v.iter().any(|x| x == s);
    let exogenous = latent
        .iter()
        .filter(|l| !contains(&predicted, l) && !contains(&indicator_lv, l))
        .cloned()
        .collect();
    let pure_dependent = latent
        .iter()
        .filter(|l| {
            contains(&predicted, l) && !contains(&predictor, l) && !contains(&indicator_lv, l)
        })
        .cloned()
        .collect();
    Ok(Roles {
        observed,
        latent,
        exogenous,
        pure_dependent,
    })
}

/// Rows under construction, with their free flags and the set of parameters already present
/// (so that finding a parameter costs a hash lookup, not a scan of every row: a model with
/// hundreds of factors has tens of thousands of default covariances).
#[derive(Default)]
struct Rows {
    rows: Vec<ParRow>,
    free: Vec<bool>,
    present: HashSet<(usize, Op, String, String)>,
}

/// The lookup key of a parameter; a covariance is the same parameter either way round.
fn key(lhs: &str, op: Op, rhs: &str, group: usize) -> (usize, Op, String, String) {
    let (a, b) = if op == Op::Covary && rhs < lhs {
        (rhs, lhs)
    } else {
        (lhs, rhs)
    };
    (group, op, a.to_string(), b.to_string())
}

impl Rows {
    fn has(&self, lhs: &str, op: Op, rhs: &str, group: usize) -> bool {
        self.present.contains(&key(lhs, op, rhs, group))
    }

    fn push(&mut self, row: ParRow, free: bool) {
        self.present
            .insert(key(&row.lhs, row.op, &row.rhs, row.group));
        self.rows.push(row);
        self.free.push(free);
    }

    fn add_default(&mut self, lhs: &str, op: Op, rhs: &str, group: usize, fixed: Option<f64>) {
        if self.has(lhs, op, rhs, group) {
            return;
        }
        let row = ParRow {
            lhs: lhs.into(),
            op,
            rhs: rhs.into(),
            group,
            free: None,
            value: fixed.unwrap_or(f64::NAN),
            label: String::new(),
            origin: Origin::Default,
        };
        self.push(row, fixed.is_none());
    }
}

/// Builds the parameter table of `model` with lavaan's `cfa()` defaults, then applies
/// `group_equal` (less `group_partial`) and the model's `==` constraints.
///
/// # Errors
/// [`ModelError::Invalid`] for a parameter given twice or a `group_partial` entry that is not
/// a parameter; [`ModelError::Syntax`] for a `c()` modifier of the wrong length and for
/// unknown names in definitions and constraints; [`ModelError::Unsupported`] for
/// regressions involving observed variables, covariances between latent and observed
/// variables, and constraints other than `label == label` or `label == number`.
pub fn build(model: &Model, options: &ModelOptions) -> Result<ParTable, ModelError> {
    let formulas = &model.formulas;
    let roles = roles(formulas)?;
    let groups = options.groups.max(1);
    if let Some((v, _)) = (options.ordered.iter()).find(|(v, _)| !roles.observed.contains(v)) {
        return Err(ModelError::Invalid(format!(
            "'{v}' is declared ordered but is not an observed variable of the model"
        )));
    }
    let meanstructure = options.meanstructure
        || groups > 1
        || !options.ordered.is_empty()
        || formulas
            .iter()
            .any(|f| f.terms.iter().any(|t| t.var == "1"));
    let mut rows = Rows::default();
    for g in 1..=groups {
        add_user_rows(formulas, options, g, &mut rows)?;
        add_default_rows(&roles, options, meanstructure, g, &mut rows);
    }
    equal::check_partial(&rows.rows, &options.group_partial)?;
    if groups > 1 {
        let ordered: Vec<String> = options.ordered.iter().map(|o| o.0.clone()).collect();
        equal::apply(
            &mut rows.rows,
            &mut rows.free,
            &roles.latent,
            &ordered,
            options,
        );
    }
    let aliases = constraints::apply(&model.constraints, &mut rows.rows, &mut rows.free)?;
    defined::check(&model.definitions, &rows.rows, &roles)?;
    let mut table = ParTable {
        rows: rows.rows,
        observed: roles.observed,
        latent: roles.latent,
        groups,
        meanstructure,
        n_free: 0,
        definitions: model.definitions.clone(),
        parameterization: options.parameterization,
    };
    table.index_free(&rows.free, &aliases);
    Ok(table)
}

fn add_user_rows(
    formulas: &[Formula],
    options: &ModelOptions,
    g: usize,
    rows: &mut Rows,
) -> Result<(), ModelError> {
    let mut marked: HashSet<&str> = HashSet::new();
    for f in formulas {
        for t in &f.terms {
            let (op, rhs) = match (f.op, t.var.as_str()) {
                (Op::Regress, "1") => (Op::Intercept, ""),
                (_, "1") => {
                    return Err(ModelError::syntax(
                        t.at,
                        format!(
                            "'1' (an intercept) is only allowed after '~', not '{}'",
                            f.op
                        ),
                    ));
                }
                (op, v) => (op, v),
            };
            check_ordinal_term(&f.lhs, op, t, options)?;
            if rows.has(&f.lhs, op, rhs, g) {
                return Err(ModelError::Invalid(format!(
                    "the parameter '{} {op} {rhs}' is specified twice (second time at {})",
                    f.lhs, t.at
                )));
            }
            let m = resolve(t, g, options.groups.max(1))?;
            let first_of_factor = op == Op::Measure && marked.insert(&f.lhs);
            let auto_fix = first_of_factor
                && !options.std_lv
                && m.fixed.is_none()
                && !m.free
                && m.start.is_none();
            let fixed = if auto_fix { Some(1.0) } else { m.fixed };
            let row = ParRow {
                lhs: f.lhs.clone(),
                op,
                rhs: rhs.into(),
                group: g,
                free: None,
                value: fixed.or(m.start).unwrap_or(f64::NAN),
                label: m.label,
                origin: Origin::User,
            };
            rows.push(row, fixed.is_none());
        }
    }
    Ok(())
}

/// Refuses a threshold or scale factor of a variable that is not ordered, a threshold name
/// out of the variable's range, a residual variance of an ordered variable in the delta
/// parameterisation and its scale factor in the theta parameterisation (each is derived
/// there).
fn check_ordinal_term(
    lhs: &str,
    op: Op,
    term: &Term,
    options: &ModelOptions,
) -> Result<(), ModelError> {
    let k = options.thresholds(lhs);
    let theta = options.parameterization == Parameterization::Theta;
    let message = match (op, k) {
        (Op::Threshold | Op::Scale, None) => format!(
            "'{lhs} {op} {}' belongs to an ordered variable, and '{lhs}' is not declared ordered",
            term.var
        ),
        (Op::Threshold, Some(k)) => match crate::matrices::threshold_number(&term.var) {
            Some(j) if j <= k => return Ok(()),
            _ => format!(
                "'{lhs}' has {k} thresholds, named t1 to t{k}; '{}' is not one of them",
                term.var
            ),
        },
        (Op::Scale, Some(_)) if term.var != lhs => {
            format!(
                "a scale factor is written '{lhs} ~*~ {lhs}', not '{lhs} ~*~ {}'",
                term.var
            )
        }
        (Op::Covary, Some(_)) if term.var == lhs && !theta => format!(
            "'{lhs} ~~ {lhs}': the residual variance of an ordered variable is not a parameter in \
             the delta parameterisation (it is what makes the latent response's variance 1); \
             the theta parameterisation has it"
        ),
        (Op::Scale, Some(_)) if theta => format!(
            "'{lhs} ~*~ {lhs}': the scale factor of an ordered variable is not a parameter in \
             the theta parameterisation (it follows from the residual variance); the delta \
             parameterisation has it"
        ),
        _ => return Ok(()),
    };
    Err(ModelError::syntax(term.at, message))
}

fn add_default_rows(roles: &Roles, options: &ModelOptions, means: bool, g: usize, rows: &mut Rows) {
    for v in &roles.observed {
        match options.thresholds(v) {
            Some(k) => {
                for j in 1..=k {
                    rows.add_default(v, Op::Threshold, &format!("t{j}"), g, None);
                }
                // delta: no residual variance parameter; theta: 1, the scale factor derived
                let residual = match options.parameterization {
                    Parameterization::Delta => 0.0,
                    Parameterization::Theta => 1.0,
                };
                rows.add_default(v, Op::Covary, v, g, Some(residual));
                rows.add_default(v, Op::Scale, v, g, Some(1.0));
            }
            None => rows.add_default(v, Op::Covary, v, g, None),
        }
    }
    let lv_var = if options.std_lv { Some(1.0) } else { None };
    for v in &roles.latent {
        rows.add_default(v, Op::Covary, v, g, lv_var);
    }
    for set in [&roles.exogenous, &roles.pure_dependent] {
        for (i, a) in set.iter().enumerate() {
            for b in &set[i + 1..] {
                rows.add_default(a, Op::Covary, b, g, None);
            }
        }
    }
    if means {
        for v in &roles.observed {
            let fixed = options.thresholds(v).map(|_| 0.0);
            rows.add_default(v, Op::Intercept, "", g, fixed);
        }
        for v in &roles.latent {
            rows.add_default(v, Op::Intercept, "", g, Some(0.0));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HS: &str = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9";

    #[test]
    fn three_factor_defaults_match_lavaan() {
        let t = from_syntax(HS, &ModelOptions::default()).unwrap();
        // lavaan: 9 loadings + 9 residual variances + 3 factor variances + 3 covariances
        assert_eq!(t.rows.len(), 24);
        assert_eq!(t.n_free, 21);
        assert_eq!(t.rows[0].free, None);
        assert_eq!(t.rows[0].value, 1.0);
        assert_eq!(t.observed.len(), 9);
        assert_eq!(t.latent, vec!["visual", "textual", "speed"]);
        let s = from_syntax(
            HS,
            &ModelOptions {
                std_lv: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(s.n_free, 21);
        assert!(s.rows[0].free.is_some());
        let m = from_syntax(
            HS,
            &ModelOptions {
                meanstructure: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(m.n_free, 30);
        assert_eq!(m.rows.len(), 36);
    }

    #[test]
    fn labels_make_parameters_equal_and_user_rows_replace_defaults() {
        let t = from_syntax(
            "f =~ x1 + a*x2 + a*x3\nx1 ~~ 0.2*x1\nf ~~ NA*f + start(1)*f",
            &ModelOptions::default(),
        );
        assert!(t.is_err(), "f ~~ f twice must be rejected");
        let t = from_syntax(
            "f =~ x1 + a*x2 + a*x3\nx1 ~~ 0.2*x1",
            &ModelOptions::default(),
        )
        .unwrap();
        assert_eq!(t.rows[1].free, t.rows[2].free);
        assert_eq!(t.n_free, 1 + 2 + 1); // loading a, residuals x2 x3, factor variance
        let x1 = t
            .rows
            .iter()
            .find(|r| r.lhs == "x1" && r.is_variance())
            .unwrap();
        assert_eq!((x1.free, x1.value), (None, 0.2));
    }

    #[test]
    fn groups_repeat_rows_and_split_vectors() {
        let t = from_syntax(
            "f =~ x1 + c(a, b)*x2 + x3",
            &ModelOptions {
                groups: 2,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(t.group_rows(1).count(), t.group_rows(2).count());
        assert!(t.meanstructure);
        let bad = from_syntax(
            "f =~ x1 + c(a, b, c)*x2",
            &ModelOptions {
                groups: 2,
                ..Default::default()
            },
        );
        assert!(bad.is_err());
    }

    #[test]
    fn unsupported_constructs_are_positioned() {
        let e = from_syntax("f =~ x1 + x2\nx3 ~ f", &ModelOptions::default()).unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
    }

    fn ordered(names: &[&str], k: usize) -> Vec<(String, usize)> {
        names.iter().map(|v| (v.to_string(), k)).collect()
    }

    /// lavaan's `ordered =` defaults (delta): free thresholds, scale factor 1, intercept 0,
    /// no free residual variance, a mean structure; `x | t1` in the text replaces a default
    /// threshold (here fixed), and a threshold, scale factor or residual variance the model
    /// cannot have is refused with its position.
    #[test]
    fn ordered_variables_get_thresholds_and_fixed_scales() {
        let opts = ModelOptions {
            ordered: ordered(&["x1", "x2", "x3"], 2),
            ..Default::default()
        };
        let t = from_syntax("f =~ x1 + x2 + x3\nx1 | 0*t1 + t2", &opts).unwrap();
        assert!(t.meanstructure);
        let row = |lhs: &str, op: Op, rhs: &str| {
            t.rows
                .iter()
                .find(|r| r.lhs == lhs && r.op == op && r.rhs == rhs)
                .unwrap()
        };
        assert_eq!(
            (
                row("x1", Op::Threshold, "t1").free,
                row("x1", Op::Threshold, "t1").value
            ),
            (None, 0.0)
        );
        assert!(row("x2", Op::Threshold, "t2").free.is_some());
        assert_eq!(row("x2", Op::Scale, "x2").value, 1.0);
        assert!(row("x2", Op::Scale, "x2").free.is_none());
        assert!(row("x3", Op::Intercept, "").free.is_none());
        assert!(row("x3", Op::Covary, "x3").free.is_none());
        // 2 loadings, 5 free thresholds, 1 factor variance
        assert_eq!(t.n_free, 8);
        for (text, message) in [
            ("f =~ x1 + x2 + x3\nx1 | t3", "named t1 to t2"),
            ("f =~ x1 + x2 + x3 + x4\nx4 | t1", "not declared ordered"),
            ("f =~ x1 + x2 + x3\nx1 ~~ x1", "not a parameter"),
            ("f =~ x1 + x2 + x3\nx1 ~*~ x2", "x1 ~*~ x1"),
        ] {
            let e = from_syntax(text, &opts).unwrap_err().to_string();
            assert!(e.contains(message) && e.contains("line 2"), "{text}: {e}");
        }
    }
}
