//! Equality constraints across groups (lavaan's `group.equal`), as a relabelling pass over the
//! parameter table: the free rows of a constrained kind get one shared label per parameter,
//! so they map to one entry of θ.
//!
//! As lavaan (0.6, `lav_partable_flat`): equal intercepts or thresholds free the latent means
//! of groups 2, 3, … (unless the means are constrained equal too, when they stay at 0), equal
//! thresholds free the scale factors (`~*~`) of groups 2, 3, … in the delta parameterisation
//! and the residual variances of the ordered variables in the theta parameterisation (unless
//! residual variances are constrained equal too, when they stay at the first group's 1: lavaan
//! frees them and constrains them equal to that fixed 1, which is the same model), and equal
//! loadings with `std_lv` free the latent variances of groups 2, 3, … (the first group keeps
//! the identification). Parameters named in `group.partial` keep their own value in every
//! group.

use psym_closed_set::closed_set;

use crate::error::ModelError;
use crate::parameterization::Parameterization;
use crate::paramref::ParamRef;
use crate::partable::{Origin, ParRow};
use crate::syntax::Op;

closed_set! {
    /// A kind of parameter that can be constrained equal across groups (lavaan's names).
    pub enum GroupEqual: "group.equal kind" {
        /// Factor loadings (`=~`).
        Loadings => "loadings",
        /// Intercepts of observed variables.
        Intercepts => "intercepts",
        /// Thresholds of ordered variables (`|`).
        Thresholds => "thresholds",
        /// Means of latent variables.
        Means => "means",
        /// Residual variances of observed variables.
        Residuals => "residuals",
        /// Residual covariances of observed variables.
        ResidualCovariances => "residual.covariances",
        /// Variances of latent variables.
        LvVariances => "lv.variances",
        /// Covariances of latent variables.
        LvCovariances => "lv.covariances",
        /// Regressions among latent variables.
        Regressions => "regressions",
    }
}

closed_set! {
    /// How a multi-group model of ordered variables (delta parameterisation) is identified
    /// once thresholds are equal across groups.
    pub enum OrdinalIdentification: "identification of ordered items" {
        /// lavaan's `group.equal` defaults (0.6-14, `lav_partable_flat`): equal thresholds
        /// free the scale factors and latent means of groups 2, 3, …; intercepts stay 0.
        Lavaan => "lavaan",
        /// Wu & Estabrook (2016), as semTools' `measEq.syntax(ID.cat = "Wu.Estabrook.2016")`:
        /// equal thresholds free the scale factors (theta parameterisation: the residual
        /// variances) and the intercepts of groups 2, 3, … (latent means stay 0); equal
        /// intercepts then fix those at 0 again and free the latent means; equal residual
        /// variances (theta) fix them at 1 again.
        WuEstabrook => "wu.estabrook.2016",
    }
}

// closed_set! takes no `#[default]` on a variant
#[allow(clippy::derivable_impls)]
impl Default for OrdinalIdentification {
    fn default() -> Self {
        OrdinalIdentification::Lavaan
    }
}

impl GroupEqual {
    /// The kind of a parameter-table row (`latent`: the model's latent variables), if it is
    /// one that `group.equal` can constrain.
    pub fn of(row: &ParRow, latent: &[String]) -> Option<GroupEqual> {
        let lv = latent.contains(&row.lhs);
        let same = row.lhs == row.rhs;
        Some(match (row.op, lv, same) {
            (Op::Measure, _, _) => GroupEqual::Loadings,
            (Op::Intercept, false, _) => GroupEqual::Intercepts,
            (Op::Intercept, true, _) => GroupEqual::Means,
            (Op::Covary, false, true) => GroupEqual::Residuals,
            (Op::Covary, false, false) => GroupEqual::ResidualCovariances,
            (Op::Covary, true, true) => GroupEqual::LvVariances,
            (Op::Covary, true, false) => GroupEqual::LvCovariances,
            (Op::Regress, _, _) => GroupEqual::Regressions,
            (Op::Threshold, _, _) => GroupEqual::Thresholds,
            (Op::Scale, _, _) => return None,
        })
    }
}

/// Refuses a `group.partial` entry that names no parameter of the model.
pub(crate) fn check_partial(rows: &[ParRow], partial: &[ParamRef]) -> Result<(), ModelError> {
    match partial.iter().find(|p| !rows.iter().any(|r| p.matches(r))) {
        None => Ok(()),
        Some(p) => Err(ModelError::Invalid(format!(
            "group.partial names '{p}', which is not a parameter of the model"
        ))),
    }
}

/// Applies `equal` to `rows` (with their free flags), before free indices are assigned;
/// the parameters in `partial` are left out; `ordered` names the ordered variables.
pub(crate) fn apply(
    rows: &mut [ParRow],
    free: &mut [bool],
    latent: &[String],
    ordered: &[String],
    options: &crate::ModelOptions,
) {
    let (equal, partial, std_lv) = (&options.group_equal, &options.group_partial, options.std_lv);
    let wu_estabrook = options.ordinal_identification == OrdinalIdentification::WuEstabrook;
    let theta = options.parameterization == Parameterization::Theta;
    if equal.is_empty() {
        return;
    }
    for i in 0..rows.len() {
        let r = &rows[i];
        if r.group < 2 || r.origin != Origin::Default || free[i] {
            continue;
        }
        let thresholds = equal.contains(&GroupEqual::Thresholds);
        let intercepts = equal.contains(&GroupEqual::Intercepts);
        let release = match GroupEqual::of(r, latent) {
            // equal latent means stay fixed at the first group's 0, as lavaan
            Some(GroupEqual::Means) => {
                (intercepts || (thresholds && !wu_estabrook)) && !equal.contains(&GroupEqual::Means)
            }
            Some(GroupEqual::Intercepts) => {
                wu_estabrook && thresholds && !intercepts && ordered.contains(&r.lhs)
            }
            None => r.op == Op::Scale && thresholds && !theta,
            Some(GroupEqual::Residuals) => {
                theta
                    && thresholds
                    && ordered.contains(&r.lhs)
                    && !equal.contains(&GroupEqual::Residuals)
            }
            Some(GroupEqual::LvVariances) => std_lv && equal.contains(&GroupEqual::Loadings),
            _ => false,
        };
        if release {
            free[i] = true;
            rows[i].value = f64::NAN;
        }
    }
    for i in 0..rows.len() {
        if rows[i].group != 1
            || !free[i]
            || !GroupEqual::of(&rows[i], latent).is_some_and(|k| equal.contains(&k))
            || partial.iter().any(|p| p.matches(&rows[i]))
        {
            continue;
        }
        let label = if rows[i].label.is_empty() {
            format!(".p{}.", i + 1)
        } else {
            rows[i].label.clone()
        };
        rows[i].label = label.clone();
        let (lhs, op, rhs) = (rows[i].lhs.clone(), rows[i].op, rows[i].rhs.clone());
        for j in 0..rows.len() {
            let r = &mut rows[j];
            if r.group > 1
                && free[j]
                && r.label.is_empty()
                && r.op == op
                && r.lhs == lhs
                && r.rhs == rhs
            {
                r.label = label.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ModelOptions, ParTable, from_syntax};

    /// The row of `t` with `lhs op rhs` in group `g`.
    fn row<'a>(t: &'a ParTable, lhs: &str, op: Op, rhs: &str, g: usize) -> &'a ParRow {
        (t.rows.iter())
            .find(|r| r.lhs == lhs && r.op == op && r.rhs == rhs && r.group == g)
            .unwrap()
    }

    /// `f =~ x1 + x2 + x3` in two groups, every item ordered with 3 thresholds, `equal` across
    /// groups, in `parameterization`.
    fn ordered_two_groups(equal: Vec<GroupEqual>, parameterization: Parameterization) -> ParTable {
        let options = ModelOptions {
            groups: 2,
            group_equal: equal,
            ordered: ["x1", "x2", "x3"]
                .iter()
                .map(|v| (v.to_string(), 3))
                .collect(),
            parameterization,
            ..ModelOptions::default()
        };
        from_syntax("f =~ x1 + x2 + x3", &options).unwrap()
    }

    #[test]
    fn names_round_trip() {
        for (&k, &n) in GroupEqual::ALL.iter().zip(GroupEqual::NAMES) {
            assert_eq!(k.to_string(), n);
            assert_eq!(n.parse::<GroupEqual>().unwrap(), k);
        }
        assert_eq!(
            "lv_variances".parse::<GroupEqual>().unwrap(),
            GroupEqual::LvVariances
        );
        assert!("slopes".parse::<GroupEqual>().is_err());
    }

    /// lavaan: with std.lv and equal loadings, the second group's factor variance is free;
    /// with equal intercepts, its factor mean is free.
    #[test]
    fn equal_loadings_and_intercepts_release_identification() {
        let opts = ModelOptions {
            std_lv: true,
            groups: 2,
            group_equal: vec![GroupEqual::Loadings, GroupEqual::Intercepts],
            ..ModelOptions::default()
        };
        let t = from_syntax("f =~ x1 + x2 + x3", &opts).unwrap();
        let find = |lhs: &str, op: Op, rhs: &str, g: usize| row(&t, lhs, op, rhs, g);
        assert!(find("f", Op::Covary, "f", 1).free.is_none());
        assert!(find("f", Op::Covary, "f", 2).free.is_some());
        assert!(find("f", Op::Intercept, "", 1).free.is_none());
        assert!(find("f", Op::Intercept, "", 2).free.is_some());
        assert_eq!(
            find("f", Op::Measure, "x2", 1).free,
            find("f", Op::Measure, "x2", 2).free
        );
        assert_eq!(
            find("x2", Op::Intercept, "", 1).free,
            find("x2", Op::Intercept, "", 2).free
        );
        assert_ne!(
            find("x2", Op::Covary, "x2", 1).free,
            find("x2", Op::Covary, "x2", 2).free
        );
    }

    /// lavaan's group.partial: the named loading and intercept stay free in each group while
    /// the others are equal; a name that is not a parameter is refused.
    #[test]
    fn partial_parameters_stay_free_per_group() {
        let opts = ModelOptions {
            groups: 2,
            group_equal: vec![GroupEqual::Loadings, GroupEqual::Intercepts],
            group_partial: vec![
                ParamRef::new("f", Op::Measure, "x2"),
                ParamRef::new("x3", Op::Intercept, ""),
            ],
            ..ModelOptions::default()
        };
        let t = from_syntax("f =~ x1 + x2 + x3", &opts).unwrap();
        let free = |lhs: &str, op: Op, rhs: &str, g: usize| row(&t, lhs, op, rhs, g).free;
        assert_ne!(
            free("f", Op::Measure, "x2", 1),
            free("f", Op::Measure, "x2", 2)
        );
        assert_eq!(
            free("f", Op::Measure, "x3", 1),
            free("f", Op::Measure, "x3", 2)
        );
        assert_ne!(
            free("x3", Op::Intercept, "", 1),
            free("x3", Op::Intercept, "", 2)
        );
        assert_eq!(
            free("x2", Op::Intercept, "", 1),
            free("x2", Op::Intercept, "", 2)
        );
        let bad = ModelOptions {
            group_partial: vec![ParamRef::new("f", Op::Measure, "x9")],
            ..opts
        };
        let e = from_syntax("f =~ x1 + x2 + x3", &bad).unwrap_err();
        assert!(e.to_string().contains("'f =~ x9'"), "{e}");
    }

    /// lavaan 0.6-14 (`lav_partable_flat`, categorical, delta): equal thresholds make the
    /// thresholds one parameter and free the second group's scale factors and latent mean;
    /// without them both stay fixed (configural, or equal loadings alone).
    #[test]
    fn equal_thresholds_free_scale_factors_and_means() {
        let build = |equal| ordered_two_groups(equal, Parameterization::Delta);
        let free =
            |t: &ParTable, lhs: &str, op: Op, rhs: &str, g: usize| row(t, lhs, op, rhs, g).free;
        let t = build(vec![GroupEqual::Thresholds]);
        assert!(free(&t, "x2", Op::Scale, "x2", 2).is_some());
        assert!(free(&t, "x2", Op::Scale, "x2", 1).is_none());
        assert!(free(&t, "f", Op::Intercept, "", 2).is_some());
        assert_eq!(
            free(&t, "x3", Op::Threshold, "t2", 1),
            free(&t, "x3", Op::Threshold, "t2", 2)
        );
        for t in [build(vec![]), build(vec![GroupEqual::Loadings])] {
            assert!(free(&t, "x2", Op::Scale, "x2", 2).is_none());
            assert!(free(&t, "f", Op::Intercept, "", 2).is_none());
            assert_ne!(
                free(&t, "x3", Op::Threshold, "t2", 1),
                free(&t, "x3", Op::Threshold, "t2", 2)
            );
        }
    }

    /// lavaan 0.6-14 (`lav_partable_flat`, categorical, theta): residual variances of ordered
    /// variables fixed to 1; equal thresholds free the second group's residual variances (not
    /// its scale factors) and latent mean; equal residual variances keep them at 1.
    #[test]
    fn theta_equal_thresholds_free_residual_variances() {
        let build = |equal| ordered_two_groups(equal, Parameterization::Theta);
        let row = |t: &ParTable, lhs: &str, op: Op, g: usize| row(t, lhs, op, lhs, g).clone();
        let configural = build(vec![]);
        for g in [1, 2] {
            let r = row(&configural, "x2", Op::Covary, g);
            assert!(r.free.is_none() && r.value == 1.0);
        }
        let t = build(vec![GroupEqual::Thresholds]);
        assert!(row(&t, "x2", Op::Covary, 2).free.is_some());
        assert!(row(&t, "x2", Op::Covary, 1).free.is_none());
        assert!(row(&t, "x2", Op::Scale, 2).free.is_none());
        let t = build(vec![GroupEqual::Thresholds, GroupEqual::Residuals]);
        let r = row(&t, "x2", Op::Covary, 2);
        assert!(r.free.is_none() && r.value == 1.0);
    }
}
