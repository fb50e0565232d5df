//! Warnings read off a finished analysis: keying trouble and factor-model trouble.

use crate::alpha::Coefficients;
use crate::items::ItemStats;
use crate::omega::OmegaOneFactor;
use crate::prepare::Prepared;
use crate::{Warning, WarningKind};

/// Warnings about keying: negative item–rest correlations and a negative alpha.
pub(crate) fn warn_keying(
    scale: &str,
    k: &Coefficients,
    items: &[ItemStats],
    warnings: &mut Vec<Warning>,
) {
    for item in items {
        if let Some(r) = item.r_drop.filter(|r| *r < 0.0) {
            let hint = if item.reversed {
                "is its reverse key wrong?"
            } else {
                "is it missing a reverse key?"
            };
            warnings.push(Warning::new(
                WarningKind::NegativeItemRest,
                Some(&item.item),
                format!(
                    "item '{}' correlates negatively (r.drop = {r:.2}) with the rest of scale \
                     '{scale}': {hint}",
                    item.item
                ),
            ));
        }
    }
    if k.alpha < 0.0 {
        warnings.push(Warning::new(
            WarningKind::NegativeAlpha,
            None,
            format!(
                "alpha of scale '{scale}' is negative ({:.2}): the items do not point the same \
                 way; check the reverse keys",
                k.alpha
            ),
        ));
    }
}

/// The model, or `None` with a warning saying why omega is missing.
pub(crate) fn model_or_warn<T>(
    fit: Result<T, psym_efa::EfaError>,
    what: &str,
    warnings: &mut Vec<Warning>,
) -> Option<T> {
    fit.map_err(|e| {
        warnings.push(Warning::new(
            WarningKind::OmegaTrouble,
            None,
            format!("{what} is not available: {e}"),
        ))
    })
    .ok()
}

/// Items that omega reflects because they load negatively on its one factor.
pub(crate) fn warn_reflected(
    o: &OmegaOneFactor,
    prepared: &Prepared<'_>,
    warnings: &mut Vec<Warning>,
) {
    for (a, _) in o.loadings.iter().enumerate().filter(|(_, l)| **l < 0.0) {
        let item = &prepared.scale.items[prepared.active[a]];
        warnings.push(Warning::new(
            WarningKind::ReflectedInOmega,
            Some(item),
            format!(
                "item '{item}' loads negatively on the factor behind omega; omega (as \
                 psych::omega) counts it reversed, alpha does not"
            ),
        ));
    }
}

/// Warnings for a factor model that did not converge or has Heywood cases.
pub(crate) fn warn_fit(
    converged: bool,
    heywood: &[usize],
    model: &str,
    prepared: &Prepared<'_>,
    warnings: &mut Vec<Warning>,
) {
    if !converged {
        warnings.push(Warning::new(
            WarningKind::OmegaTrouble,
            None,
            format!("the {model} model behind omega did not converge; treat omega with caution"),
        ));
    }
    for &a in heywood {
        let item = &prepared.scale.items[prepared.active[a]];
        warnings.push(Warning::new(
            WarningKind::OmegaTrouble,
            Some(item),
            format!(
                "item '{item}' has a communality of about 1 in the {model} model behind omega                  (a Heywood case): omega may be too high; check for near-duplicate items"
            ),
        ));
    }
}
