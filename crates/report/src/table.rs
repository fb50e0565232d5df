//! Shared helpers for text tables.

use comfy_table::{ContentArrangement, Table, presets};

/// A borderless text table with the given header, as used throughout psym's text output.
pub fn new_table<I, S>(header: I) -> Table
where
    I: IntoIterator<Item = S>,
    S: Into<comfy_table::Cell>,
{
    let mut t = Table::new();
    t.load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header);
    t
}

/// Renders a table as text lines without trailing padding, each ending in a newline.
pub fn render(table: &Table) -> String {
    table
        .lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect()
}

/// Formats a number with `digits` decimals; `NaN` and missing values print as `NA`.
pub fn fmt_num(x: Option<f64>, digits: usize) -> String {
    match x {
        Some(v) if v.is_finite() => format!("{v:.digits$}"),
        _ => "NA".to_owned(),
    }
}
