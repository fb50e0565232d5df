//! Checks of defined parameters (`name := expression`) against the parameter table: every
//! name in an expression is a label or an earlier definition, and a new name clashes with
//! neither a label nor a variable. Their estimates are computed after fitting (psym-sem).

use crate::build::Roles;
use crate::error::ModelError;
use crate::partable::ParRow;
use crate::syntax::Definition;

/// Refuses unknown or clashing names, with their position.
pub(crate) fn check(defs: &[Definition], rows: &[ParRow], roles: &Roles) -> Result<(), ModelError> {
    let is_label = |n: &str| rows.iter().any(|r| r.label == n);
    for (k, d) in defs.iter().enumerate() {
        let earlier = |n: &str| defs[..k].iter().any(|e| e.name == n);
        let is_variable = roles
            .observed
            .iter()
            .chain(&roles.latent)
            .any(|v| *v == d.name);
        if is_label(&d.name) || is_variable || earlier(&d.name) {
            return Err(ModelError::syntax(
                d.at,
                format!(
                    "'{}' is already the name of a label, a variable or a defined parameter",
                    d.name
                ),
            ));
        }
        if let Some((n, at)) = d
            .expr
            .names()
            .into_iter()
            .find(|(n, _)| !is_label(n) && !earlier(n))
        {
            return Err(ModelError::syntax(
                at,
                format!(
                    "'{n}' is neither a label nor a parameter defined above; give a parameter \
                     this label first (for example f =~ x1 + {n}*x2)"
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{ModelOptions, from_syntax};

    #[test]
    fn names_in_definitions_must_be_known() {
        let opts = ModelOptions::default();
        let t = from_syntax("f =~ x1 + a*x2 + b*x3\nab := a*b\nr := ab/a", &opts).unwrap();
        assert_eq!(t.definitions.len(), 2);
        let e = from_syntax("f =~ x1 + a*x2\nd := a*q", &opts).unwrap_err();
        assert!(e.to_string().contains("line 2, column 8"), "{e}");
        let e = from_syntax("f =~ x1 + a*x2\nx1 := a*2", &opts).unwrap_err();
        assert!(e.to_string().contains("already"), "{e}");
        let e = from_syntax("f =~ x1 + a*x2\nd := e\ne := a", &opts).unwrap_err();
        assert!(e.to_string().contains("'e'"), "{e}");
    }
}
