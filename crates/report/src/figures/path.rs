//! The path diagram of a confirmatory factor model, laid out by hand (no plotting crate lays
//! out graphs): the observed items in a row at the bottom, grouped by their first factor; each
//! factor an ellipse centred over its items; an arrow from factor to item labelled with the
//! standardized loading; factor correlations as arcs above the factors, labelled with the
//! standardized covariance. Drawing conventions follow the RAM notation (McArdle & McDonald
//! 1984) that semPlot and lavaan users know.

use std::fmt::Write as _;

use super::{figure, hex, series_colour};
use crate::doc::Figure;
use crate::html::escape;

/// What the diagram shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PathDiagram {
    /// Factor names, in model order.
    pub factors: Vec<String>,
    /// Observed item names, in the order to draw them.
    pub items: Vec<String>,
    /// Loadings: (factor index, item index, the standardized loading as written).
    pub loadings: Vec<(usize, usize, String)>,
    /// Factor correlations: (factor index, factor index, the correlation as written).
    pub correlations: Vec<(usize, usize, String)>,
}

const BOX_W: f64 = 46.0;
const GAP: f64 = 10.0;
const ITEM_Y: f64 = 300.0;
const FACTOR_Y: f64 = 150.0;

/// Draws the diagram.
pub fn path_diagram(id: &str, title: &str, description: &str, d: &PathDiagram) -> Figure {
    let n = d.items.len().max(1) as f64;
    let width = (n * (BOX_W + GAP) + 40.0).max(320.0);
    let item_x = |i: usize| 20.0 + i as f64 * (BOX_W + GAP) + BOX_W / 2.0;
    let factor_x: Vec<f64> = (0..d.factors.len())
        .map(|f| {
            let xs: Vec<f64> = d
                .loadings
                .iter()
                .filter(|l| l.0 == f)
                .map(|l| item_x(l.1))
                .collect();
            if xs.is_empty() {
                width / 2.0
            } else {
                xs.iter().sum::<f64>() / xs.len() as f64
            }
        })
        .collect();
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg width=\"{width:.0}\" height=\"340\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"sans-serif\">\
         <defs><marker id=\"{id}-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
    );
    for (a, b, r) in &d.correlations {
        let (a, b, r) = (*a, *b, escape(r));
        let (x1, x2) = (factor_x[a], factor_x[b]);
        let rise = 40.0 + (x2 - x1).abs() * 0.18;
        let mid = (x1 + x2) / 2.0;
        let top = FACTOR_Y - 22.0 - rise;
        let _ = write!(
            s,
            "<path d=\"M{x1:.1},{:.1} Q{mid:.1},{top:.1} {x2:.1},{:.1}\" fill=\"none\" stroke=\"#666\" stroke-width=\"1.3\" marker-start=\"url(#{id}-arrow)\" marker-end=\"url(#{id}-arrow)\"/>\
             <text x=\"{mid:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#222\">{r}</text>",
            FACTOR_Y - 22.0,
            FACTOR_Y - 22.0,
            (FACTOR_Y - 22.0 + top) / 2.0 - 2.0
        );
    }
    for (f, i, l) in &d.loadings {
        let (f, i, l) = (*f, *i, escape(l));
        let (x1, y1) = (factor_x[f], FACTOR_Y + 22.0);
        let (x2, y2) = (item_x(i), ITEM_Y - 16.0);
        let (lx, ly) = (x1 + (x2 - x1) * 0.62, y1 + (y2 - y1) * 0.62);
        let colour = hex(series_colour(f));
        let _ = write!(
            s,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{colour}\" stroke-width=\"1.5\" marker-end=\"url(#{id}-arrow)\"/>\
             <text x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#111\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{l}</text>"
        );
    }
    for (f, name) in d.factors.iter().enumerate() {
        let x = factor_x[f];
        let colour = hex(series_colour(f));
        let rx = (name.chars().count() as f64 * 4.5 + 18.0).max(34.0);
        let _ = write!(
            s,
            "<ellipse cx=\"{x:.1}\" cy=\"{FACTOR_Y}\" rx=\"{rx:.1}\" ry=\"22\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"2\"/>\
             <text x=\"{x:.1}\" y=\"{FACTOR_Y}\" dy=\"0.35em\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"600\">{}</text>",
            escape(name)
        );
    }
    for (i, name) in d.items.iter().enumerate() {
        let x = item_x(i) - BOX_W / 2.0;
        let _ = write!(
            s,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{BOX_W}\" height=\"32\" fill=\"#fff\" stroke=\"#333\"/>\
             <text x=\"{:.1}\" y=\"{ITEM_Y}\" dy=\"0.35em\" text-anchor=\"middle\" font-size=\"12\">{}</text>",
            ITEM_Y - 16.0,
            item_x(i),
            escape(name)
        );
    }
    s.push_str("</svg>\n");
    figure(id, title, description, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_factor_item_loading_and_correlation_is_drawn() {
        let d = PathDiagram {
            factors: vec!["f".into(), "g".into()],
            items: vec!["a".into(), "b".into(), "c".into()],
            loadings: vec![
                (0, 0, "0.71".into()),
                (0, 1, "0.64".into()),
                (1, 2, "0.50".into()),
            ],
            correlations: vec![(0, 1, "0.42".into())],
        };
        let fig = path_diagram("cfa", "CFA", "d", &d);
        assert_eq!(fig.svg.matches("<ellipse").count(), 2);
        assert_eq!(fig.svg.matches("<rect x=").count(), 3);
        assert_eq!(fig.svg.matches("<line ").count(), 3);
        for label in [">0.71<", ">0.64<", ">0.50<", ">0.42<"] {
            assert!(fig.svg.contains(label), "{label}");
        }
    }
}
