//! The figures of `psym report`, drawn with plotters' SVG backend (text stays `<text>`, so it
//! is searchable, selectable and read by screen readers; no system font is needed), except the
//! path diagram, whose layout no plotting crate does. Colours come from the Okabe–Ito palette,
//! which readers with any common colour-vision deficiency can tell apart. Every figure carries
//! a `<title>` and `<desc>` and `role="img"`, and its numbers are also given in a table by the
//! section that shows it.

mod likert;
mod means;
mod path;
mod scree;
mod strip;

pub use likert::{LikertRow, likert};
pub use means::{BoxRow, MeanRow, boxes, means};
pub use path::{PathDiagram, path_diagram};
pub use scree::{Scree, scree};
pub use strip::missing_strip;

/// Writes a tick value in the report's language: the value rounded to two decimals as Rust
/// writes it (`5.1`, `0.25`), passed through `localize` (the language's number rule).
pub fn tick(x: f64, localize: &dyn Fn(&str) -> String) -> String {
    localize(&format!("{}", (x * 100.0).round() / 100.0))
}

use plotters::style::RGBColor;

use crate::doc::Figure;
use crate::html::escape;

/// The Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), black left out:
/// orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple.
pub const OKABE_ITO: [RGBColor; 7] = [
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xF0, 0xE4, 0x42),
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0xCC, 0x79, 0xA7),
];

/// The colour of series `i` (cycling through [`OKABE_ITO`], starting with blue and orange).
pub fn series_colour(i: usize) -> RGBColor {
    const ORDER: [usize; 7] = [4, 0, 2, 5, 1, 6, 3];
    OKABE_ITO[ORDER[i % ORDER.len()]]
}

/// `RGBColor` as `#rrggbb`.
pub(crate) fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// Wraps a drawn SVG into a [`Figure`]: adds `role="img"`, an `aria-labelledby` pointing to a
/// `<title>` and `<desc>` inserted as the first children, and scales by its `viewBox`.
pub(crate) fn figure(id: &str, title: &str, description: &str, svg: String) -> Figure {
    let svg = strip_xml_declaration(&svg);
    let open_end = svg.find('>').unwrap_or(0);
    let (open, rest) = svg.split_at(open_end);
    let (w, h) = size_of(open);
    let mut head = open.to_string();
    if !head.contains("viewBox") {
        head.push_str(&format!(" viewBox=\"0 0 {w} {h}\""));
    }
    let svg = format!(
        "{head} role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
        escape(title),
        escape(description),
        &rest[1..]
    );
    Figure {
        id: id.to_string(),
        title: title.to_string(),
        description: description.to_string(),
        svg,
    }
}

fn strip_xml_declaration(svg: &str) -> String {
    match svg.find("<svg") {
        Some(i) => svg[i..].to_string(),
        None => svg.to_string(),
    }
}

/// Width and height of an `<svg width=".." height="..">` opening tag.
fn size_of(open: &str) -> (u32, u32) {
    let attr = |name: &str| {
        let key = format!("{name}=\"");
        open.find(&key).and_then(|i| {
            let rest = &open[i + key.len()..];
            rest[..rest.find('"')?].parse().ok()
        })
    };
    (attr("width").unwrap_or(0), attr("height").unwrap_or(0))
}

/// The error of a drawing backend, as text (a drawing into a string cannot fail in practice,
/// but plotters' API is fallible).
pub(crate) fn drawing_error<E: std::fmt::Debug>(e: E) -> String {
    format!("cannot draw the figure: {e:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_gets_a_title_description_role_and_view_box() {
        let svg = "<?xml version=\"1.0\"?>\n<svg width=\"40\" height=\"20\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect/></svg>".to_string();
        let f = figure("x", "A & B", "desc", svg);
        assert!(
            f.svg.starts_with("<svg width=\"40\" height=\"20\""),
            "{}",
            f.svg
        );
        assert!(f.svg.contains("viewBox=\"0 0 40 20\" role=\"img\" aria-labelledby=\"x-title x-desc\"><title id=\"x-title\">A &amp; B</title><desc id=\"x-desc\">desc</desc>\n<rect/>"), "{}", f.svg);
    }
}
