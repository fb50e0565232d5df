//! Scale means with their confidence intervals, one row per scale (and group): a dot at the
//! mean and a bar from the lower to the upper limit, on the scale's response range.

use plotters::prelude::*;

use super::{drawing_error, figure, series_colour};
use crate::doc::Figure;

/// One row of the dot plot.
#[derive(Debug, Clone, PartialEq)]
pub struct MeanRow {
    /// Row label (`goal`, `goal · nb`).
    pub label: String,
    /// Index of the row's group (its colour); 0 without groups.
    pub group: usize,
    /// The mean.
    pub mean: f64,
    /// Lower limit of the interval.
    pub lower: f64,
    /// Upper limit of the interval.
    pub upper: f64,
}

/// Draws the dot plot on the axis range `range` (the response scale).
///
/// # Errors
/// The drawing backend failed (a message).
pub fn means(
    id: &str,
    title: &str,
    description: &str,
    rows: &[MeanRow],
    range: (f64, f64),
) -> Result<Figure, String> {
    let n = rows.len().max(1);
    let height = 60 + 24 * n as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (640, height)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(110)
            .build_cartesian_2d(range.0..range.1, 0f64..n as f64)
            .map_err(drawing_error)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n * 2 + 1)
            .y_label_formatter(&|y| {
                if ((y - y.floor()) - 0.5).abs() > 1e-9 {
                    return String::new();
                }
                labels
                    .get(n - 1 - y.floor() as usize)
                    .cloned()
                    .unwrap_or_default()
            })
            .label_style(("sans-serif", 12))
            .draw()
            .map_err(drawing_error)?;
        for (i, r) in rows.iter().enumerate() {
            let y = (n - 1 - i) as f64 + 0.5;
            let colour = series_colour(r.group);
            chart
                .draw_series(LineSeries::new(
                    [(r.lower, y), (r.upper, y)],
                    colour.stroke_width(3),
                ))
                .map_err(drawing_error)?;
            chart
                .draw_series(std::iter::once(Circle::new(
                    (r.mean, y),
                    5,
                    colour.filled(),
                )))
                .map_err(drawing_error)?;
        }
        root.present().map_err(drawing_error)?;
    }
    Ok(figure(id, title, description, svg))
}
