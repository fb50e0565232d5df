//! Competing factor models an instrument declares: which of its scales each factor is
//! measured by, for a confirmatory comparison (`psym cfa --instrument-models`).
//!
//! The Working Alliance scales, for example, are usually compared as one general factor, bond
//! against task and goal together, three correlated factors, and a bifactor model. An
//! instrument states such a menu once, as data, by its scale ids; the model crate turns each
//! entry into a model ([`Instrument::model_factors`] gives the items of every factor).

use std::collections::HashSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::Instrument;

/// One model of the menu.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactorModel {
    /// Model name in reports (for example `bifactor`).
    pub id: String,
    /// The factors, in order: each measured by the items of its scales.
    pub factors: Vec<ModelFactor>,
    /// Whether the factors are uncorrelated (a bifactor model: the general and the specific
    /// factors are orthogonal).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub orthogonal: bool,
}

/// One factor of a [`FactorModel`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelFactor {
    /// Factor name (for example `general` or `bond`).
    pub id: String,
    /// Scale ids whose items measure the factor, in order.
    pub scales: Vec<String>,
}

impl Instrument {
    /// The factors of a declared model as `(factor, items)`, the items of its scales in scale
    /// order (an item in two of a factor's scales counted once).
    pub fn model_factors(&self, model: &FactorModel) -> Vec<(String, Vec<String>)> {
        model
            .factors
            .iter()
            .map(|f| {
                let mut items: Vec<String> = Vec::new();
                for scale in f.scales.iter().filter_map(|s| self.scale(s)) {
                    for i in &scale.items {
                        if !items.contains(i) {
                            items.push(i.clone());
                        }
                    }
                }
                (f.id.clone(), items)
            })
            .collect()
    }
}

/// Defects of the declared models: `(JSON path, message)` for an invalid or duplicate id, a
/// model without factors, a factor without scales, or an unknown scale.
pub(crate) fn defects(inst: &Instrument, valid_id: fn(&str) -> bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut models = HashSet::new();
    for (m, model) in inst.models.iter().enumerate() {
        let path = format!("$.models[{m}]");
        if !valid_id(&model.id) || !models.insert(model.id.as_str()) {
            out.push((
                format!("{path}.id"),
                format!("model id '{}' is not a valid, unique id", model.id),
            ));
        }
        if model.factors.is_empty() {
            out.push((
                format!("{path}.factors"),
                format!("model '{}' has no factors", model.id),
            ));
        }
        let mut factors = HashSet::new();
        for (f, factor) in model.factors.iter().enumerate() {
            let fpath = format!("{path}.factors[{f}]");
            if !valid_id(&factor.id) || !factors.insert(factor.id.as_str()) {
                out.push((
                    format!("{fpath}.id"),
                    format!("factor id '{}' is not a valid, unique id", factor.id),
                ));
            }
            if factor.scales.is_empty() {
                out.push((
                    format!("{fpath}.scales"),
                    format!("factor '{}' names no scales", factor.id),
                ));
            }
            for (s, scale) in factor.scales.iter().enumerate() {
                if inst.scale(scale).is_none() {
                    out.push((
                        format!("{fpath}.scales[{s}]"),
                        format!("factor '{}' names unknown scale '{scale}'", factor.id),
                    ));
                }
            }
        }
    }
    out
}
