//! Warnings read off a finished analysis: keying trouble and factor-model trouble.

use crate::alpha::Coefficients;
use crate::items::ItemStats;
use crate::omega::OmegaOneFactor;
use crate::prepare::Prepared;
use psym_stats::Subject;

use crate::warning::warning;
use crate::{Warning, WarningKind};

/// Warnings about keying: negative item–rest correlations and a negative alpha.
pub(crate) fn warn_keying(
    scale: &str,
    k: &Coefficients,
    items: &[ItemStats],
    warnings: &mut Vec<Warning>,
) {
    for (j, item) in items.iter().enumerate() {
        if let Some(r) = item.r_drop.filter(|r| *r < 0.0) {
            let hint = if item.reversed {
                "is its reverse key wrong?"
            } else {
                "is it missing a reverse key?"
            };
            warnings.push(warning(
                WarningKind::NegativeItemRest,
                Subject::Item(j),
                format!(
                    "correlates negatively (r.drop = {r:.2}) with the rest of scale '{scale}': \
                     {hint}"
                ),
            ));
        }
    }
    if k.alpha < 0.0 {
        warnings.push(warning(
            WarningKind::NegativeAlpha,
            Subject::Whole,
            format!(
                "alpha of scale '{scale}' is negative ({:.2}): the items do not point the same \
                 way; check the reverse keys",
                k.alpha
            ),
        ));
    }
}

/// The model, or `None` with a warning saying why omega is missing; an error about items
/// of the correlation matrix (the scale's columns `active`) is about those items of the scale.
pub(crate) fn model_or_warn<T>(
    fit: Result<T, psym_efa::EfaError>,
    what: &str,
    active: &[usize],
    warnings: &mut Vec<Warning>,
) -> Option<T> {
    fit.map_err(|e| {
        let column = |a: usize| active[a];
        let (subject, message) = match e.subject() {
            Subject::Item(a) => (
                Subject::Item(column(a)),
                format!("makes {what} unavailable: {}", e.describe(&|_| "it".into())),
            ),
            Subject::ItemPair(a, b) => (
                Subject::ItemPair(column(a), column(b)),
                format!(
                    "make {what} unavailable: {}",
                    e.describe(&|_| "they".into())
                ),
            ),
            _ => (Subject::Whole, format!("{what} is not available: {e}")),
        };
        warnings.push(warning(WarningKind::OmegaTrouble, subject, message))
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
        warnings.push(warning(
            WarningKind::ReflectedInOmega,
            Subject::Item(prepared.active[a]),
            "loads negatively on the factor behind omega; omega (as psych::omega) counts it \
             reversed, alpha does not"
                .into(),
        ));
    }
}

/// Warnings for a factor model (of the scale's columns `active`) that did not converge or has
/// Heywood cases.
pub(crate) fn warn_fit(
    converged: bool,
    heywood: &[usize],
    model: &str,
    active: &[usize],
    warnings: &mut Vec<Warning>,
) {
    if !converged {
        warnings.push(warning(
            WarningKind::OmegaTrouble,
            Subject::Whole,
            format!("the {model} model behind omega did not converge; treat omega with caution"),
        ));
    }
    for &a in heywood {
        warnings.push(warning(
            WarningKind::OmegaTrouble,
            Subject::Item(active[a]),
            format!(
                "has a communality of about 1 in the {model} model behind omega (a Heywood \
                 case): omega may be too high; check for near-duplicate items"
            ),
        ));
    }
}
