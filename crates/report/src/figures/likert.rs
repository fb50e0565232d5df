//! Diverging stacked bars of item responses (Robbins & Heiberger 2011, "Plotting Likert and
//! other rating scales"): each row is one item (or one item in one group); the shares of the
//! answers below the scale's middle extend to the left of zero, those above to the right, and
//! a middle category is split evenly across zero.

use plotters::prelude::*;

use super::{drawing_error, figure};
use crate::doc::Figure;

/// One bar: its label and the share of respondents (of those who answered) in each category,
/// lowest category first.
#[derive(Debug, Clone, PartialEq)]
pub struct LikertRow {
    /// Row label (`i1`, `i1 · nb`).
    pub label: String,
    /// Shares per category, summing to 1 (or all 0 when nobody answered).
    pub shares: Vec<f64>,
}

/// The colour of category `c` of `k`: vermillion through light grey to blue (the two ends of
/// the Okabe–Ito palette that stay distinct under every common colour-vision deficiency).
pub(crate) fn category_colour(c: usize, k: usize) -> RGBColor {
    let low = (0xD5, 0x5E, 0x00);
    let mid = (0xDD, 0xDD, 0xDD);
    let high = (0x00, 0x72, 0xB2);
    let t = if k <= 1 {
        0.5
    } else {
        c as f64 / (k - 1) as f64
    };
    let mix =
        |a: u8, b: u8, s: f64| (f64::from(a) + (f64::from(b) - f64::from(a)) * s).round() as u8;
    let (from, to, s) = if t < 0.5 {
        (low, mid, t * 2.0)
    } else {
        (mid, high, (t - 0.5) * 2.0)
    };
    RGBColor(
        mix(from.0, to.0, s),
        mix(from.1, to.1, s),
        mix(from.2, to.2, s),
    )
}

/// Left and right ends of each category's segment on a bar: the categories below the middle
/// end at zero, a middle category (odd `k`) straddles zero, those above start at zero.
pub(crate) fn segments(shares: &[f64]) -> Vec<(f64, f64)> {
    let k = shares.len();
    let below: f64 = shares[..k / 2].iter().sum();
    let middle = if k % 2 == 1 { shares[k / 2] } else { 0.0 };
    let mut left = -below - middle / 2.0;
    shares
        .iter()
        .map(|s| {
            let seg = (left, left + s);
            left += s;
            seg
        })
        .collect()
}

/// Draws the diverging bars of `rows` with a legend of `categories` (anchor labels or values).
///
/// # Errors
/// The drawing backend failed (a message).
pub fn likert(
    id: &str,
    title: &str,
    description: &str,
    rows: &[LikertRow],
    categories: &[String],
) -> Result<Figure, String> {
    let width = 760u32;
    let bar = 22u32;
    let places = legend_places(categories, width);
    let legend = 18 + LEGEND_LINE * (places.last().map_or(0, |p| p.1) + 1);
    let height = legend + 40 + bar * rows.len().max(1) as u32;
    let label_width = rows
        .iter()
        .map(|r| r.label.chars().count() as u32 * 8 + 14)
        .max()
        .unwrap_or(40)
        .clamp(40, 220);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        let (top, body) = root.split_vertically(legend);
        draw_legend(&top, categories, &places)?;
        let n = rows.len().max(1);
        let mut chart = ChartBuilder::on(&body)
            .margin_right(16)
            .x_label_area_size(28)
            .y_label_area_size(label_width)
            .build_cartesian_2d(-1.0f64..1.0f64, 0f64..n as f64)
            .map_err(drawing_error)?;
        let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .x_labels(9)
            .x_label_formatter(&|x| format!("{:.0}%", x.abs() * 100.0))
            .y_labels(n * 2 + 1)
            .y_label_formatter(&|y| {
                let pos = y - y.floor();
                if (pos - 0.5).abs() > 1e-9 {
                    return String::new();
                }
                let i = n - 1 - y.floor() as usize;
                labels.get(i).cloned().unwrap_or_default()
            })
            .label_style(("sans-serif", 15))
            .draw()
            .map_err(drawing_error)?;
        let k = categories.len();
        for (i, row) in rows.iter().enumerate() {
            let y0 = (n - 1 - i) as f64 + 0.15;
            let y1 = y0 + 0.7;
            for (c, (l, r)) in segments(&row.shares).into_iter().enumerate() {
                if r - l <= 0.0 {
                    continue;
                }
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(l, y0), (r, y1)],
                        category_colour(c, k).filled(),
                    )))
                    .map_err(drawing_error)?;
            }
        }
        chart
            .draw_series(LineSeries::new(
                [(0.0, 0.0), (0.0, n as f64)],
                BLACK.stroke_width(1),
            ))
            .map_err(drawing_error)?;
        root.present().map_err(drawing_error)?;
    }
    Ok(figure(id, title, description, svg))
}

/// Height of a line of the legend, in pixels.
const LEGEND_LINE: u32 = 22;

/// Where each legend entry goes, `(x, line)`: entries flow left to right at their own width
/// (swatch, label at about 7 px a character at 14 px) and wrap onto a further line when the figure's
/// width is used up, so no anchor label is cut short.
fn legend_places(categories: &[String], width: u32) -> Vec<(i32, u32)> {
    let mut places = Vec::with_capacity(categories.len());
    let (mut x, mut line) = (20i32, 0u32);
    for name in categories {
        let w = 18 + 7 * name.chars().count() as i32 + 16;
        if x > 20 && x + w > width as i32 - 10 {
            x = 20;
            line += 1;
        }
        places.push((x, line));
        x += w;
    }
    places
}

fn draw_legend(
    area: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    categories: &[String],
    places: &[(i32, u32)],
) -> Result<(), String> {
    let k = categories.len().max(1);
    for (c, (name, &(x, line))) in categories.iter().zip(places).enumerate() {
        let y = 12 + (LEGEND_LINE * line) as i32;
        area.draw(&Rectangle::new(
            [(x, y), (x + 14, y + 14)],
            category_colour(c, k).filled(),
        ))
        .map_err(drawing_error)?;
        area.draw(&Text::new(
            name.clone(),
            (x + 18, y + 1),
            ("sans-serif", 14),
        ))
        .map_err(drawing_error)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legend_entries_wrap_instead_of_being_cut() {
        let names: Vec<String> = ["1 Never", "2 Rarely", "3 Occasionally", "4 Sometimes"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let wide = legend_places(&names, 760);
        assert!(wide.iter().all(|p| p.1 == 0), "{wide:?}");
        let narrow = legend_places(&names, 300);
        assert_eq!(narrow.first(), Some(&(20, 0)));
        assert!(narrow.last().unwrap().1 >= 1, "{narrow:?}");
    }

    #[test]
    fn segments_diverge_around_the_middle() {
        let s = segments(&[0.1, 0.2, 0.4, 0.2, 0.1]);
        assert!((s[0].0 + 0.5).abs() < 1e-12);
        assert!((s[2].0 + 0.2).abs() < 1e-12 && (s[2].1 - 0.2).abs() < 1e-12);
        assert!((s[4].1 - 0.5).abs() < 1e-12);
        let even = segments(&[0.25, 0.25, 0.25, 0.25]);
        assert!((even[2].0).abs() < 1e-12);
    }

    #[test]
    fn the_colours_run_from_vermillion_through_grey_to_blue() {
        assert_eq!(category_colour(0, 7), RGBColor(0xD5, 0x5E, 0x00));
        assert_eq!(category_colour(3, 7), RGBColor(0xDD, 0xDD, 0xDD));
        assert_eq!(category_colour(6, 7), RGBColor(0x00, 0x72, 0xB2));
    }

    #[test]
    fn the_drawing_keeps_its_labels_as_text() {
        let rows = [LikertRow {
            label: "i1".into(),
            shares: vec![0.2, 0.3, 0.5],
        }];
        let cats = ["low".to_string(), "mid".into(), "high".into()];
        let f = likert("items", "Items", "d", &rows, &cats).unwrap();
        assert!(f.svg.contains(">\ni1\n</text>"), "{}", f.svg);
        assert!(f.svg.contains(">\nhigh\n</text>"));
    }
}
