//! Equality constraints written in the model (`a == b`, `a == 0.5`).
//!
//! Two labels made equal share one entry of θ (as if they had the same label); a label set
//! equal to a number is fixed at it, and so is a label that a fixed parameter carries. Both are exact reparameterisations, so the fit, the
//! degrees of freedom and the standard errors are those of lavaan's constrained fit. Other
//! constraints (sums, products, a defined parameter) need constrained optimisation and are
//! refused.

use crate::error::{ModelError, Position};
use crate::expr::Expr;
use crate::partable::ParRow;
use crate::syntax::{Constraint, MAX_ABS_VALUE};

/// One side of a supported constraint.
enum Side<'a> {
    Label(&'a str),
    Value(f64),
}

fn side<'a>(e: &'a Expr, rows: &[ParRow]) -> Result<Option<Side<'a>>, ModelError> {
    match e {
        Expr::Name(n, at) => {
            if rows.iter().any(|r| r.label == *n) {
                Ok(Some(Side::Label(n)))
            } else {
                Err(unknown(n, *at))
            }
        }
        e if e.names().is_empty() => {
            let v = e.eval(0, &|_| unreachable_dual()).value;
            Ok(Some(Side::Value(v)))
        }
        _ => Ok(None),
    }
}

/// Expressions without names never look a name up.
fn unreachable_dual() -> crate::expr::Dual {
    crate::expr::Dual {
        value: f64::NAN,
        grad: Vec::new(),
    }
}

fn unknown(name: &str, at: Position) -> ModelError {
    ModelError::syntax(
        at,
        format!(
            "'{name}' in the constraint is not a label of the model; give a parameter this \
             label first (for example f =~ x1 + {name}*x2)"
        ),
    )
}

/// Classes of labels joined by `==`, each with the value it is fixed at, if any.
#[derive(Default)]
struct Classes {
    /// `(label, class)`.
    member: Vec<(String, usize)>,
    /// `(canonical label, fixed value)` per class.
    class: Vec<(String, Option<f64>)>,
}

impl Classes {
    fn of(&mut self, label: &str) -> usize {
        if let Some(&(_, c)) = self.member.iter().find(|(l, _)| l == label) {
            return c;
        }
        self.class.push((label.to_string(), None));
        self.member.push((label.to_string(), self.class.len() - 1));
        self.class.len() - 1
    }

    fn join(&mut self, a: &str, b: &str, at: Position) -> Result<(), ModelError> {
        let (ca, cb) = (self.of(a), self.of(b));
        if ca == cb {
            return Ok(());
        }
        let vb = self.class[cb].1;
        self.fix(ca, vb, Some(at))?;
        for m in self.member.iter_mut().filter(|(_, c)| *c == cb) {
            m.1 = ca;
        }
        Ok(())
    }

    /// Fixes class `c` at `v`; `at` is the constraint that does it (none: a fixed parameter).
    fn fix(&mut self, c: usize, v: Option<f64>, at: Option<Position>) -> Result<(), ModelError> {
        match (self.class[c].1, v) {
            (Some(old), Some(new)) if old != new => {
                let message = format!(
                    "the label '{}' is set both to {old} and to {new}; parameters with one label \
                     are equal",
                    self.class[c].0
                );
                Err(match at {
                    Some(at) => ModelError::syntax(at, message),
                    None => ModelError::Invalid(message),
                })
            }
            (None, v) => {
                self.class[c].1 = v;
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

/// Applies `constraints` to the rows: joined labels come back as `(label, canonical label)`
/// aliases for indexing; labels equal to a number (or joined to a fixed parameter) are fixed.
pub(crate) fn apply(
    constraints: &[Constraint],
    rows: &mut [ParRow],
    free: &mut [bool],
) -> Result<Vec<(String, String)>, ModelError> {
    let mut classes = Classes::default();
    for c in constraints {
        match (side(&c.lhs, rows)?, side(&c.rhs, rows)?) {
            (Some(Side::Label(a)), Some(Side::Label(b))) => classes.join(a, b, c.at)?,
            (Some(Side::Label(a)), Some(Side::Value(v)))
            | (Some(Side::Value(v)), Some(Side::Label(a))) => {
                if !v.is_finite() || v.abs() > MAX_ABS_VALUE {
                    return Err(ModelError::syntax(
                        c.at,
                        format!("the constraint sets '{a}' to {v}, which is not a usable value"),
                    ));
                }
                let k = classes.of(a);
                classes.fix(k, Some(v), Some(c.at))?;
            }
            _ => {
                return Err(ModelError::Unsupported {
                    at: c.at,
                    message: "only constraints between two labels (a == b) or a label and a \
                              number (a == 0.5) are supported; other constraints need \
                              constrained estimation"
                        .into(),
                });
            }
        }
    }
    // A label on a fixed parameter fixes every parameter of its class at that value (as
    // lavaan: `f =~ a*x1 + a*x2` fixes the loading of x2 at the marker's 1).
    for (i, r) in rows.iter().enumerate() {
        if free[i] || r.label.is_empty() {
            continue;
        }
        let c = classes.of(&r.label);
        classes.fix(c, Some(r.value), None)?;
    }
    for (i, r) in rows.iter_mut().enumerate() {
        let Some(&(_, c)) = classes.member.iter().find(|(l, _)| *l == r.label) else {
            continue;
        };
        if let Some(v) = classes.class[c].1 {
            free[i] = false;
            r.value = v;
        }
    }
    Ok(classes
        .member
        .iter()
        .map(|(l, c)| (l.clone(), classes.class[*c].0.clone()))
        .filter(|(l, c)| l != c)
        .collect())
}

#[cfg(test)]
mod tests {
    use crate::{ModelOptions, from_syntax};

    #[test]
    fn equal_labels_share_one_parameter() {
        let t = from_syntax(
            "f =~ x1 + a*x2 + b*x3 + c*x4\na == b\nc == 0.5",
            &ModelOptions::default(),
        )
        .unwrap();
        assert_eq!(t.rows[1].free, t.rows[2].free);
        assert!(t.rows[1].free.is_some());
        assert_eq!((t.rows[3].free, t.rows[3].value), (None, 0.5));
        // 1 loading (a = b) + 4 residual variances + 1 factor variance
        assert_eq!(t.n_free, 6);
    }

    /// lavaan 0.6-14: `cfa("f =~ a*x1 + a*x2 + x3", hs)` gives x2 the marker's loading 1
    /// (df 1), as a label shared with a fixed parameter fixes the free ones.
    #[test]
    fn a_label_on_a_fixed_parameter_fixes_its_twins() {
        let t = from_syntax("f =~ a*x1 + a*x2 + x3", &ModelOptions::default()).unwrap();
        assert_eq!((t.rows[1].free, t.rows[1].value), (None, 1.0));
        assert_eq!(t.n_free, 5);
        let e = from_syntax("f =~ a*x1 + 0.5*a*x2 + x3", &ModelOptions::default()).unwrap_err();
        assert!(e.to_string().contains("both to 1 and to 0.5"), "{e}");
    }

    #[test]
    fn unsupported_and_contradictory_constraints_are_positioned() {
        let opts = ModelOptions::default();
        let e = from_syntax("f =~ x1 + a*x2 + b*x3\na + b == 1", &opts).unwrap_err();
        assert!(e.to_string().contains("line 2, column 7"), "{e}");
        assert!(e.to_string().contains("a == b"), "{e}");
        let e = from_syntax("f =~ x1 + a*x2 + b*x3\na == 1\nb == 2\na == b", &opts).unwrap_err();
        assert!(e.to_string().contains("line 4"), "{e}");
        let e = from_syntax("f =~ x1 + a*x2 + b*x3\na == z", &opts).unwrap_err();
        assert!(e.to_string().contains("'z'"), "{e}");
    }
}
