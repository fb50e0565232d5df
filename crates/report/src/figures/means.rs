//! Scale scores, one row per scale (and group): the means with their confidence intervals (a
//! dot at the mean and a bar from the lower to the upper limit), and the distributions as box
//! plots.

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
    localize: &dyn Fn(&str) -> String,
) -> Result<Figure, String> {
    let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
    let svg = rows_svg(&labels, range, localize, 24, |chart, i, y| {
        let r = &rows[i];
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
        Ok(())
    })?;
    Ok(figure(id, title, description, svg))
}

/// One box of the distribution plot: the five-number summary of a scale's scores.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxRow {
    /// Row label (`goal`, `goal · nb`).
    pub label: String,
    /// Index of the row's group (its colour); 0 without groups.
    pub group: usize,
    /// Minimum, first quartile, median, third quartile, maximum.
    pub five: [f64; 5],
}

/// Draws horizontal box plots (Tukey 1977, without outlier rules: the whiskers reach the
/// smallest and largest score): a box from the first to the third quartile, a line at the
/// median.
///
/// # Errors
/// The drawing backend failed (a message).
pub fn boxes(
    id: &str,
    title: &str,
    description: &str,
    rows: &[BoxRow],
    range: (f64, f64),
    localize: &dyn Fn(&str) -> String,
) -> Result<Figure, String> {
    let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
    let svg = rows_svg(&labels, range, localize, 26, |chart, i, y| {
        let r = &rows[i];
        let colour = series_colour(r.group);
        let [lo, q1, med, q3, hi] = r.five;
        chart
            .draw_series(LineSeries::new([(lo, y), (hi, y)], colour.stroke_width(1)))
            .map_err(drawing_error)?;
        chart
            .draw_series([
                Rectangle::new([(q1, y - 0.3), (q3, y + 0.3)], colour.mix(0.35).filled()),
                Rectangle::new([(q1, y - 0.3), (q3, y + 0.3)], colour.stroke_width(1)),
            ])
            .map_err(drawing_error)?;
        chart
            .draw_series(LineSeries::new(
                [(med, y - 0.3), (med, y + 0.3)],
                BLACK.stroke_width(2),
            ))
            .map_err(drawing_error)?;
        Ok(())
    })?;
    Ok(figure(id, title, description, svg))
}

/// The SVG of a chart with one row per label, `row_height` pixels each, top to bottom:
/// `draw(chart, i, y)` draws row `i` at the vertical position `y`.
fn rows_svg(
    labels: &[String],
    range: (f64, f64),
    localize: &dyn Fn(&str) -> String,
    row_height: u32,
    mut draw: impl FnMut(&mut RowsChart<'_, '_>, usize, f64) -> Result<(), String>,
) -> Result<String, String> {
    let n = labels.len().max(1);
    let height = 60 + row_height * n as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (640, height)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        let mut chart = rows_chart(&root, labels, range, localize)?;
        for i in 0..labels.len() {
            draw(&mut chart, i, (n - 1 - i) as f64 + 0.5)?;
        }
        root.present().map_err(drawing_error)?;
    }
    Ok(svg)
}

type RowsChart<'a, 'b> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// A chart with one labelled row per entry of `labels` (top to bottom) over `range`, its
/// ticks written by `localize`.
fn rows_chart<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, plotters::coord::Shift>,
    labels: &[String],
    range: (f64, f64),
    localize: &dyn Fn(&str) -> String,
) -> Result<RowsChart<'a, 'b>, String> {
    let n = labels.len().max(1);
    let mut chart = ChartBuilder::on(root)
        .margin(12)
        .x_label_area_size(30)
        .y_label_area_size(120)
        .build_cartesian_2d(range.0..range.1, 0f64..n as f64)
        .map_err(drawing_error)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_label_formatter(&|x| super::tick(*x, localize))
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
        .label_style(("sans-serif", 15))
        .draw()
        .map_err(drawing_error)?;
    Ok(chart)
}
