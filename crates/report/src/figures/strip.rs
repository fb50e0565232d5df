//! The missingness heat strip: one cell per item, darker the larger the share of respondents
//! who left it unanswered (or whose answer was invalid and read as missing), with the share
//! written in the cell.

use plotters::prelude::*;
use plotters::style::text_anchor;

use super::{drawing_error, figure};
use crate::doc::Figure;

/// Cells on one line of the strip; more items wrap onto further lines.
const PER_LINE: usize = 12;

/// Draws the strip: `items` with their share missing (0–1), each cell labelled with its entry
/// of `labels` (the share as the report's language writes a percentage).
///
/// # Errors
/// The drawing backend failed (a message).
pub fn missing_strip(
    id: &str,
    title: &str,
    description: &str,
    items: &[String],
    share_missing: &[f64],
    labels: &[String],
) -> Result<Figure, String> {
    let cell = 60i32;
    let line = 74i32;
    let per_line = items.len().clamp(1, PER_LINE);
    let lines = items.len().div_ceil(PER_LINE).max(1) as i32;
    let width = (cell * per_line as i32 + 20) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width.max(200), (line * lines) as u32))
            .into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        let worst = share_missing.iter().fold(0.0f64, |m, v| m.max(*v));
        let cells = items.iter().zip(share_missing).zip(labels);
        for (i, ((item, share), text)) in cells.enumerate() {
            let x = 10 + cell * (i % PER_LINE) as i32;
            let top = line * (i / PER_LINE) as i32;
            // darkest at the largest share or at 20 %, whichever is larger, so that a file with
            // 1 % missing everywhere does not look alarming
            let t = (share / worst.max(0.2)).clamp(0.0, 1.0);
            let shade = |white: u8, full: u8| {
                (f64::from(white) + (f64::from(full) - f64::from(white)) * t).round() as u8
            };
            let colour = RGBColor(shade(0xFF, 0xD5), shade(0xFF, 0x5E), shade(0xFF, 0x00));
            root.draw(&Rectangle::new(
                [(x, top + 8), (x + cell - 2, top + 40)],
                colour.filled(),
            ))
            .map_err(drawing_error)?;
            root.draw(&Rectangle::new(
                [(x, top + 8), (x + cell - 2, top + 40)],
                BLACK.mix(0.3),
            ))
            .map_err(drawing_error)?;
            let ink = if t > 0.6 { WHITE } else { BLACK };
            let style = TextStyle::from(("sans-serif", 14).into_font())
                .color(&ink)
                .pos(text_anchor::Pos::new(
                    text_anchor::HPos::Center,
                    text_anchor::VPos::Center,
                ));
            root.draw(&Text::new(
                text.clone(),
                (x + cell / 2 - 1, top + 24),
                style,
            ))
            .map_err(drawing_error)?;
            let label = TextStyle::from(("sans-serif", 15).into_font()).pos(text_anchor::Pos::new(
                text_anchor::HPos::Center,
                text_anchor::VPos::Top,
            ));
            root.draw(&Text::new(
                item.clone(),
                (x + cell / 2 - 1, top + 46),
                label,
            ))
            .map_err(drawing_error)?;
        }
        root.present().map_err(drawing_error)?;
    }
    Ok(figure(id, title, description, svg))
}
