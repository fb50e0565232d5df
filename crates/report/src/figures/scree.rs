//! The scree plot with parallel analysis (Horn 1965; psych::fa.parallel's plot): the observed
//! eigenvalues of the factor model and of the components, each with the eigenvalues of
//! simulated random data at the chosen quantile as a dashed reference line. Factors (or
//! components) whose observed eigenvalue lies above the reference line are suggested.

use plotters::prelude::*;

use super::{drawing_error, figure, series_colour};
use crate::doc::Figure;

/// The four series of a scree plot, one value per factor position, and the legend's words.
#[derive(Clone, Copy)]
pub struct Scree<'a> {
    /// Observed eigenvalues of the reduced correlation matrix (factors).
    pub observed_fa: &'a [f64],
    /// Simulated reference for the factors.
    pub simulated_fa: &'a [f64],
    /// Observed eigenvalues of the correlation matrix (components).
    pub observed_pc: &'a [f64],
    /// Simulated reference for the components.
    pub simulated_pc: &'a [f64],
    /// Legend labels, in the order of the four series above.
    pub labels: [&'a str; 4],
    /// Label of the x axis.
    pub x_label: &'a str,
    /// Label of the y axis.
    pub y_label: &'a str,
    /// Writes a number in the report's language (the y axis's ticks).
    pub localize: &'a dyn Fn(&str) -> String,
}

/// Draws the scree plot.
///
/// # Errors
/// The drawing backend failed (a message).
pub fn scree(id: &str, title: &str, description: &str, s: &Scree<'_>) -> Result<Figure, String> {
    let n = s.observed_pc.len().max(s.observed_fa.len()).max(1);
    let all = [s.observed_fa, s.simulated_fa, s.observed_pc, s.simulated_pc];
    let hi = all
        .iter()
        .flat_map(|v| v.iter())
        .fold(1.0f64, |m, v| m.max(*v));
    let lo = all
        .iter()
        .flat_map(|v| v.iter())
        .fold(0.0f64, |m, v| m.min(*v));
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (640, 380)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(14)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d(0.5f64..n as f64 + 0.5, lo.min(0.0) - 0.1..hi * 1.08)
            .map_err(drawing_error)?;
        chart
            .configure_mesh()
            .x_labels(n)
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&|y| super::tick(*y, s.localize))
            .x_desc(s.x_label)
            .y_desc(s.y_label)
            .label_style(("sans-serif", 15))
            .draw()
            .map_err(drawing_error)?;
        for (i, values) in all.iter().enumerate() {
            let colour = series_colour(i / 2);
            let points: Vec<(f64, f64)> = values
                .iter()
                .enumerate()
                .map(|(k, v)| ((k + 1) as f64, *v))
                .collect();
            let observed = i % 2 == 0;
            let series = if observed {
                chart.draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))
            } else {
                chart.draw_series(DashedLineSeries::new(
                    points.clone(),
                    6,
                    4,
                    colour.stroke_width(2),
                ))
            }
            .map_err(drawing_error)?;
            series.label(s.labels[i]).legend(move |(x, y)| {
                PathElement::new([(x, y), (x + 18, y)], colour.stroke_width(2))
            });
            if observed {
                chart
                    .draw_series(points.iter().map(|&p| {
                        if i == 0 {
                            Circle::new(p, 4, colour.filled()).into_dyn()
                        } else {
                            TriangleMarker::new(p, 5, colour.filled()).into_dyn()
                        }
                    }))
                    .map_err(drawing_error)?;
            }
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.4))
            .label_font(("sans-serif", 15))
            .draw()
            .map_err(drawing_error)?;
        root.present().map_err(drawing_error)?;
    }
    Ok(figure(id, title, description, svg))
}
