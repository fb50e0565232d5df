//! Unused response categories and merged categories of ordinal items, in JSON and as warning
//! lines, shared by `psym cfa --ordered`, `psym cor --method polychoric` and
//! `psym reliability --ordinal`.

use psym_stats::categories::{CategoryAdvice, CategoryReport};
use serde_json::{Value, json};

use crate::subject::{Advise, Names, diagnostics_json, line};

/// The JSON of a [`CategoryReport`] (docs/json.md): `{"unused": [{"item", "category",
/// "group"}], "merges": [{"item", "from", "into", "count"}], "diagnostics": [...]}`, items by
/// id and groups by label (`null` when nobody used the category).
pub fn categories_json(
    report: &CategoryReport,
    names: &Names<'_>,
    advise: Advise<CategoryAdvice>,
) -> Value {
    let item = |j: usize| names.items.get(j).cloned().unwrap_or_default();
    let unused: Vec<Value> = (report.unused.iter())
        .map(|u| {
            json!({
                "item": item(u.item),
                "category": u.category,
                "group": u.group.map(|g| names.groups.get(g).cloned().unwrap_or_default()),
            })
        })
        .collect();
    let merges: Vec<Value> = (report.merges.iter())
        .map(|m| json!({"item": item(m.item), "from": m.from, "into": m.into, "count": m.count}))
        .collect();
    json!({
        "unused": unused,
        "merges": merges,
        "diagnostics": diagnostics_json(&report.diagnostics, names, advise),
    })
}

/// One line per finding (unused categories, then merges), naming the items by id.
pub fn category_lines(
    report: &CategoryReport,
    names: &Names<'_>,
    advise: Advise<CategoryAdvice>,
) -> Vec<String> {
    (report.diagnostics.iter())
        .map(|d| line(d, names, advise))
        .collect()
}
