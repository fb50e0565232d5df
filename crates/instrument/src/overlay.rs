//! Text overlays: item text for one language kept in a separate file.
//!
//! Some instruments may be scored freely but their item text is copyrighted (the Working
//! Alliance Inventory is one). psym ships only the scoring key; a user with a licence keeps the
//! text in an overlay file `<stem>.<lang>.json` next to the key (for example
//! `wai-sr-key.en.json`), which [`load`](crate::load()) finds and merges.
//!
//! ```json
//! {
//!   "overlay_for": "wai-sr-key",
//!   "language": "en",
//!   "name": "Working Alliance Inventory – Short Revised",
//!   "instructions": "…",
//!   "labels": ["Seldom", "Sometimes", "Fairly often", "Very often", "Always"],
//!   "items": {"1": "…", "2": "…"}
//! }
//! ```

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::check::Defect;
use crate::model::Instrument;

/// Item text, name, instructions and anchor labels of one language, for one instrument.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextOverlay {
    /// Id of the instrument this text belongs to.
    pub overlay_for: String,
    /// Language of the text (BCP-47 tag).
    pub language: String,
    /// Instrument name in this language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Instructions in this language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    /// Anchor labels, one per scale point.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    /// Item text keyed by item id.
    #[serde(default)]
    pub items: BTreeMap<String, String>,
}

impl TextOverlay {
    /// Merges this text into `inst`, declaring the language if needed. Returns every mismatch
    /// (wrong instrument, unknown item ids) with its JSON path in the overlay; nothing is merged
    /// when there is any.
    pub fn merge_into(self, inst: &mut Instrument) -> Vec<Defect> {
        let mut defects = Vec::new();
        if self.overlay_for != inst.id {
            defects.push(Defect {
                path: "$.overlay_for".into(),
                message: format!(
                    "this text is for instrument '{}', not '{}'",
                    self.overlay_for, inst.id
                ),
            });
        }
        for id in self.items.keys() {
            if inst.item(id).is_none() {
                defects.push(Defect {
                    path: format!("$.items.{id}"),
                    message: format!("unknown item '{id}' (not in instrument '{}')", inst.id),
                });
            }
        }
        if !defects.is_empty() {
            return defects;
        }
        let lang = self.language;
        if !inst.languages.contains(&lang) {
            inst.languages.push(lang.clone());
        }
        if let Some(name) = self.name {
            inst.name.insert(lang.clone(), name);
        }
        if let Some(text) = self.instructions {
            inst.instructions.insert(lang.clone(), text);
        }
        if let Some(scale) = inst.response_scale.as_mut()
            && !self.labels.is_empty()
        {
            scale.labels.insert(lang.clone(), self.labels);
        }
        for item in &mut inst.items {
            if let Some(text) = self.items.get(&item.id) {
                item.text.insert(lang.clone(), text.clone());
            }
        }
        defects
    }
}
