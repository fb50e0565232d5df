//! The path diagram of a confirmatory factor model, laid out by hand (no plotting crate lays
//! out graphs). Up to [`ROW_MAX`] items: the observed items in a row at the bottom, grouped by
//! their first factor, each factor an ellipse centred over its items, factor correlations as
//! arcs above the factors. With more items the diagram turns on its side, so that it grows in
//! height rather than shrinking on the page: the items in a column on the right, the factors
//! in a column left of them, the arcs to the left of the factors. Arrows from factor to item
//! carry the standardized loadings, arcs the standardized covariances. Labels cannot overlap:
//! neighbouring loading labels are a row apart, and an arc rises by its span in factors, so
//! arcs of one span have their labels over different factors and arcs of different spans at
//! different heights. Drawing conventions follow the RAM notation (McArdle & McDonald 1984)
//! that semPlot and lavaan users know.

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

/// The most items drawn in one row; more are drawn in a column.
pub const ROW_MAX: usize = 15;
/// Width of an item box in a row.
const BOX_W: f64 = 46.0;
/// Space between item boxes in a row.
const GAP: f64 = 10.0;
/// Height of an item box.
const BOX_H: f64 = 32.0;
/// Half the height of a factor's ellipse.
const RY: f64 = 22.0;
/// Height of an item row in a column (a box and the space to the next).
const ROW: f64 = 28.0;
/// Height of an item box in a column.
const ROW_BOX_H: f64 = 22.0;
/// How far an arc between neighbouring factors bulges out, and how much more for each factor
/// it spans beyond that (in a row: the labels of different spans are a line apart; in a
/// column: a label's width apart).
const RISE: (f64, f64) = (36.0, 34.0);
const SIDE_RISE: (f64, f64) = (36.0, 80.0);
/// Room for half a label beside the outermost arc.
const LABEL_HALF: f64 = 24.0;

/// Where everything goes: the centres of the factors and items, the sizes of the shapes.
struct Layout {
    width: f64,
    height: f64,
    /// Items in a column (the diagram on its side).
    side: bool,
    factor: Vec<(f64, f64)>,
    rx: Vec<f64>,
    item: Vec<(f64, f64)>,
    box_w: f64,
    box_h: f64,
}

/// Half the width of a factor's ellipse for its name.
fn ellipse_rx(name: &str) -> f64 {
    (name.chars().count() as f64 * 4.5 + 18.0).max(34.0)
}

/// How far the arc between factors `a` and `b` bulges out.
fn rise((base, step): (f64, f64), a: usize, b: usize) -> f64 {
    base + step * (a.abs_diff(b).max(1) - 1) as f64
}

/// The mean of the positions `at` of each factor's items (`fallback` for a factor without).
fn centres(d: &PathDiagram, at: impl Fn(usize) -> f64, fallback: f64) -> Vec<f64> {
    (0..d.factors.len())
        .map(|f| {
            let xs: Vec<f64> = (d.loadings.iter().filter(|l| l.0 == f))
                .map(|l| at(l.1))
                .collect();
            match xs.len() {
                0 => fallback,
                n => xs.iter().sum::<f64>() / n as f64,
            }
        })
        .collect()
}

/// Items in a row under the factors, arcs above.
fn row_layout(d: &PathDiagram) -> Layout {
    let n = d.items.len().max(1) as f64;
    let width = (n * (BOX_W + GAP) + 40.0).max(320.0);
    let highest = (d.correlations.iter())
        .map(|(a, b, _)| rise(RISE, *a, *b))
        .fold(0.0, f64::max);
    let factor_y = 24.0 + highest / 2.0 + RY + if highest > 0.0 { 8.0 } else { 0.0 };
    let item_y = factor_y + 150.0;
    let item_x = |i: usize| 20.0 + i as f64 * (BOX_W + GAP) + BOX_W / 2.0;
    let xs = centres(d, item_x, width / 2.0);
    Layout {
        width,
        height: item_y + BOX_H / 2.0 + 8.0,
        side: false,
        factor: xs.into_iter().map(|x| (x, factor_y)).collect(),
        rx: d.factors.iter().map(|f| ellipse_rx(f)).collect(),
        item: (0..d.items.len()).map(|i| (item_x(i), item_y)).collect(),
        box_w: BOX_W,
        box_h: BOX_H,
    }
}

/// Items in a column right of the factors, arcs left of them.
fn column_layout(d: &PathDiagram) -> Layout {
    let rx: Vec<f64> = d.factors.iter().map(|f| ellipse_rx(f)).collect();
    let widest = rx.iter().copied().fold(0.0, f64::max);
    let furthest = (d.correlations.iter())
        .map(|(a, b, _)| rise(SIDE_RISE, *a, *b))
        .fold(0.0, f64::max);
    let factor_x = 12.0 + LABEL_HALF + furthest / 2.0 + widest;
    let longest = d.items.iter().map(|i| i.chars().count()).max().unwrap_or(1);
    let box_w = (longest as f64 * 7.5 + 14.0).max(BOX_W);
    let item_x = factor_x + widest + 150.0 + box_w / 2.0;
    // a factor of one item still gets the height of its ellipse
    let fewest = (0..d.factors.len())
        .map(|f| d.loadings.iter().filter(|l| l.0 == f).count())
        .filter(|&k| k > 0)
        .min()
        .unwrap_or(2);
    let row = if fewest < 2 { 2.0 * RY + 6.0 } else { ROW };
    let item_y = |i: usize| 16.0 + (i as f64 + 0.5) * row;
    let height = 32.0 + d.items.len().max(1) as f64 * row;
    let ys = centres(d, item_y, height / 2.0);
    Layout {
        width: item_x + box_w / 2.0 + 12.0,
        height,
        side: true,
        factor: ys.into_iter().map(|y| (factor_x, y)).collect(),
        rx,
        item: (0..d.items.len()).map(|i| (item_x, item_y(i))).collect(),
        box_w,
        box_h: ROW_BOX_H,
    }
}

/// Draws the diagram: in a row up to 15 items (`ROW_MAX`), in a column beyond.
pub fn path_diagram(id: &str, title: &str, description: &str, d: &PathDiagram) -> Figure {
    let l = if d.items.len() > ROW_MAX {
        column_layout(d)
    } else {
        row_layout(d)
    };
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg width=\"{:.0}\" height=\"{:.0}\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"sans-serif\">\
         <defs><marker id=\"{id}-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>",
        l.width, l.height
    );
    let label = |x: f64, y: f64, size: u8, text: &str| {
        format!(
            "<text x=\"{x:.1}\" y=\"{y:.1}\" dy=\"0.35em\" text-anchor=\"middle\" font-size=\"{size}\" fill=\"#111\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
            escape(text)
        )
    };
    for (a, b, r) in &d.correlations {
        let ((xa, ya), (xb, yb)) = (l.factor[*a], l.factor[*b]);
        // from the ellipses' tops (row) or left ends (column), bulging out by the span
        let (p0, p2, control) = if l.side {
            // the middle of the curve, where the label goes, at a distance set by the span
            // alone (the widest ellipse, then half the rise), whatever the ellipses' widths
            let widest = l.rx.iter().copied().fold(0.0, f64::max);
            let middle = xa.min(xb) - widest - rise(SIDE_RISE, *a, *b) / 2.0;
            let p0 = (xa - l.rx[*a], ya);
            let p2 = (xb - l.rx[*b], yb);
            (
                p0,
                p2,
                ((4.0 * middle - p0.0 - p2.0) / 2.0, (ya + yb) / 2.0),
            )
        } else {
            let out = ya.min(yb) - RY - rise(RISE, *a, *b);
            ((xa, ya - RY), (xb, yb - RY), ((xa + xb) / 2.0, out))
        };
        // the curve's middle point, where its label goes
        let mid = |i: fn(&(f64, f64)) -> f64| (i(&p0) + 2.0 * i(&control) + i(&p2)) / 4.0;
        let _ = write!(
            s,
            "<path d=\"M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}\" fill=\"none\" stroke=\"#666\" stroke-width=\"1.3\" marker-start=\"url(#{id}-arrow)\" marker-end=\"url(#{id}-arrow)\"/>{}",
            p0.0,
            p0.1,
            control.0,
            control.1,
            p2.0,
            p2.1,
            label(mid(|p| p.0), mid(|p| p.1), 12, r)
        );
    }
    for (f, i, text) in &d.loadings {
        let ((fx, fy), (ix, iy)) = (l.factor[*f], l.item[*i]);
        // from the ellipse's bottom (row) or right end (column) to the box
        let ((x1, y1), (x2, y2), at) = if l.side {
            ((fx + l.rx[*f], fy), (ix - l.box_w / 2.0, iy), 0.72)
        } else {
            ((fx, fy + RY), (ix, iy - l.box_h / 2.0), 0.62)
        };
        let (lx, ly) = (x1 + (x2 - x1) * at, y1 + (y2 - y1) * at);
        let colour = hex(series_colour(*f));
        let _ = write!(
            s,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{colour}\" stroke-width=\"1.5\" marker-end=\"url(#{id}-arrow)\"/>{}",
            label(lx, ly, 11, text)
        );
    }
    for (f, name) in d.factors.iter().enumerate() {
        let (x, y) = l.factor[f];
        let colour = hex(series_colour(f));
        let _ = write!(
            s,
            "<ellipse cx=\"{x:.1}\" cy=\"{y:.1}\" rx=\"{:.1}\" ry=\"{RY}\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"2\"/>\
             <text x=\"{x:.1}\" y=\"{y:.1}\" dy=\"0.35em\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"600\">{}</text>",
            l.rx[f],
            escape(name)
        );
    }
    for (i, name) in d.items.iter().enumerate() {
        let (x, y) = l.item[i];
        let _ = write!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#fff\" stroke=\"#333\"/>\
             <text x=\"{x:.1}\" y=\"{y:.1}\" dy=\"0.35em\" text-anchor=\"middle\" font-size=\"12\">{}</text>",
            x - l.box_w / 2.0,
            y - l.box_h / 2.0,
            l.box_w,
            l.box_h,
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

    /// The labels' boxes (x, y, font size, text) as drawn.
    fn labels(svg: &str) -> Vec<(f64, f64, f64, String)> {
        let attr = |t: &str, name: &str| -> f64 {
            let t = format!(" {t}");
            let at = t.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            t[at..].split('"').next().unwrap().parse().unwrap()
        };
        (svg.split("<text ").skip(1))
            .filter(|t| t.contains("paint-order"))
            .map(|t| {
                let text = t.split('>').nth(1).unwrap().split('<').next().unwrap();
                let size = attr(t, "font-size");
                (attr(t, "x"), attr(t, "y"), size, text.to_string())
            })
            .collect()
    }

    /// The bfi's shape: 25 items, five factors, every pair correlated.
    fn big_five() -> PathDiagram {
        let factors: Vec<String> = [
            "agreeableness",
            "conscientiousness",
            "extraversion",
            "neuroticism",
            "openness",
        ]
        .map(String::from)
        .to_vec();
        let items: Vec<String> = (0..25)
            .map(|i| format!("{}{}", "ACENO".as_bytes()[i / 5] as char, i % 5 + 1))
            .collect();
        let loadings = (0..25).map(|i| (i / 5, i, "-0.75".to_string())).collect();
        let mut correlations = Vec::new();
        for a in 0..5 {
            for b in a + 1..5 {
                correlations.push((a, b, "-0.30".to_string()));
            }
        }
        PathDiagram {
            factors,
            items,
            loadings,
            correlations,
        }
    }

    /// Issue 14: with more than 15 items the diagram stands on its side and grows in height,
    /// every shape lies inside the figure, and no two labels overlap (a label is taken as
    /// 0.62 em per character wide and one em high).
    #[test]
    fn many_items_are_drawn_in_a_column_without_overlapping_labels() {
        // five factors of three items each: a row of 15 items under ten arcs
        let mut row = big_five();
        row.items = (0..15).map(|i| format!("x{i}")).collect();
        row.loadings = (0..15).map(|i| (i / 3, i, "-0.75".to_string())).collect();
        for d in [big_five(), row] {
            let fig = path_diagram("path", "CFA", "d", &d);
            let (w, h) = (
                fig.svg.split("width=\"").nth(1).unwrap(),
                fig.svg.split("height=\"").nth(1).unwrap(),
            );
            let width: f64 = w.split('"').next().unwrap().parse().unwrap();
            let height: f64 = h.split('"').next().unwrap().parse().unwrap();
            if d.items.len() > ROW_MAX {
                assert!(height > width, "on its side: {width} × {height}");
            }
            let found = labels(&fig.svg);
            assert_eq!(found.len(), d.loadings.len() + d.correlations.len());
            let boxes: Vec<(f64, f64, f64, f64)> = (found.iter())
                .map(|(x, y, size, t)| {
                    let half = t.chars().count() as f64 * 0.62 * size / 2.0;
                    (x - half, x + half, y - size / 2.0, y + size / 2.0)
                })
                .collect();
            for (k, a) in boxes.iter().enumerate() {
                assert!(
                    a.0 >= 0.0 && a.1 <= width && a.2 >= 0.0 && a.3 <= height,
                    "{a:?} inside"
                );
                for b in &boxes[k + 1..] {
                    let apart = a.1 <= b.0 || b.1 <= a.0 || a.3 <= b.2 || b.3 <= a.2;
                    assert!(
                        apart,
                        "labels {a:?} and {b:?} overlap ({} items)",
                        d.items.len()
                    );
                }
            }
        }
    }
}
