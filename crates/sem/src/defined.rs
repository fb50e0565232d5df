//! Estimates of defined parameters (lavaan's `:=`).
//!
//! A defined parameter is a function f(θ) of labelled parameters. Its estimate is f(θ̂); its
//! standard error comes from the delta method, `se = √(∇fᵀ Cov(θ̂) ∇f)` with the exact
//! gradient (lavaan's `parameterEstimates()` uses the same formula with a numerical
//! Jacobian). The standardized columns apply f to the standardized estimates of the labelled
//! rows, as lavaan's `standardizedSolution()`.

use nalgebra::{DMatrix, DVector};
use psym_model::ParTable;
use psym_model::expr::Dual;
use statrs::distribution::{ContinuousCDF, Normal};

use crate::result::{Estimate, ParamOp};

/// The rows of the defined parameters of `table`, given the estimates of its rows
/// (`params`, in table order), θ̂ and Cov(θ̂). They carry group 0 (not tied to one group).
pub(crate) fn estimates(
    table: &ParTable,
    theta: &[f64],
    vcov: &DMatrix<f64>,
    params: &[Estimate],
) -> Vec<Estimate> {
    let q = theta.len();
    let est = evaluate(table, params, q, |e| e.est);
    let std_lv = evaluate(table, params, q, |e| e.std_lv);
    let std_all = evaluate(table, params, q, |e| e.std_all);
    let normal = Normal::standard();
    table
        .definitions
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let g = DVector::from_column_slice(&est[k].grad);
            let se = Some((g.transpose() * vcov * &g)[(0, 0)].sqrt()).filter(|s| s.is_finite());
            let z = se.map(|s| est[k].value / s).filter(|z| z.is_finite());
            Estimate {
                lhs: d.name.clone(),
                op: ParamOp::Defined,
                rhs: d.expr.to_string(),
                group: 0,
                label: d.name.clone(),
                free: true,
                est: est[k].value,
                se,
                z,
                pvalue: z.map(|z| 2.0 * normal.sf(z.abs())),
                std_lv: std_lv[k].value,
                std_all: std_all[k].value,
            }
        })
        .collect()
}

/// Every definition evaluated on one column of the estimates, with its gradient in θ: a
/// label stands for the first row that carries it, a name of an earlier definition for that
/// definition.
fn evaluate(
    table: &ParTable,
    params: &[Estimate],
    q: usize,
    column: fn(&Estimate) -> f64,
) -> Vec<Dual> {
    let mut done: Vec<Dual> = Vec::new();
    for d in &table.definitions {
        let lookup = |name: &str| -> Dual {
            if let Some(i) = table.rows.iter().position(|r| r.label == name) {
                let mut grad = vec![0.0; q];
                if let Some(k) = table.rows[i].free {
                    grad[k] = 1.0;
                }
                return Dual {
                    value: column(&params[i]),
                    grad,
                };
            }
            // Names are checked when the table is built: not a label, so an earlier definition.
            table
                .definitions
                .iter()
                .position(|e| e.name == name)
                .and_then(|j| done.get(j).cloned())
                .unwrap_or(Dual {
                    value: f64::NAN,
                    grad: vec![f64::NAN; q],
                })
        };
        let v = d.expr.eval(q, &lookup);
        done.push(v);
    }
    done
}
