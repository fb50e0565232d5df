//! The HTML renderer of the document model: one self-contained page (inline CSS, figures as
//! inline SVG, no script, no external resource of any kind), readable without JavaScript and
//! printable on A4.
//!
//! A level-1 heading is the page title; each level-2 heading opens a `<section>` that starts
//! on a new printed page. A strict Content-Security-Policy forbids every fetch, so a page that
//! tried to load anything would fail loudly in a browser rather than leak personal data.
//!
//! ```
//! use psym_report::doc::{Block, Document};
//! use psym_report::html::{Page, TextDirection, render_html};
//!
//! let doc = Document { blocks: vec![Block::heading(1, "Report"), Block::heading(2, "Data")] };
//! let page = Page { lang: "en", dir: TextDirection::Ltr, title: "Report" };
//! let html = render_html(&doc, &page);
//! assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"));
//! assert!(html.contains("<section class=\"part\" id=\"s1\">"));
//! ```

use std::fmt::Write as _;

use crate::doc::{Block, Document, KeyValue, Role, Table};

/// The writing direction of the page's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextDirection {
    /// Left to right.
    Ltr,
    /// Right to left (Arabic, Hebrew, Persian, Urdu …).
    Rtl,
}

impl TextDirection {
    /// The value of the HTML `dir` attribute.
    pub fn attr(self) -> &'static str {
        match self {
            TextDirection::Ltr => "ltr",
            TextDirection::Rtl => "rtl",
        }
    }
}

/// What the page says about itself: language, direction and title.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// BCP 47 language tag of the page's words (`en`, `nb`).
    pub lang: &'a str,
    /// Writing direction of the page's words.
    pub dir: TextDirection,
    /// The `<title>`.
    pub title: &'a str,
}

/// The only policy the page runs under: nothing may be fetched, styles only inline.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// The page's style: system fonts only, tables and figures kept whole on paper, each part on
/// a new A4 page.
const CSS: &str = include_str!("html/report.css");

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Renders a document as one self-contained HTML page (see the module documentation).
pub fn render_html(doc: &Document, page: &Page<'_>) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n",
        escape(page.lang),
        page.dir.attr(),
        escape(page.title)
    );
    let mut sections = 0;
    for block in &doc.blocks {
        match block {
            Block::Heading { level: 1, text } => {
                let _ = writeln!(out, "<h1>{}</h1>", escape(text));
            }
            Block::Heading { level: 2, text } => {
                if sections > 0 {
                    out.push_str("</section>\n");
                }
                sections += 1;
                let _ = writeln!(
                    out,
                    "<section class=\"part\" id=\"s{sections}\">\n<h2>{}</h2>",
                    escape(text)
                );
            }
            Block::Heading { level, text } => {
                let h = (*level).min(6);
                let _ = writeln!(out, "<h{h}>{}</h{h}>", escape(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "<p>{}</p>", inline(text));
            }
            Block::Warning(w) => {
                let _ = writeln!(out, "<p class=\"warning\" role=\"note\">{}</p>", escape(w));
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for i in items {
                    let _ = writeln!(out, "<li dir=\"auto\">{}</li>", escape(i));
                }
                out.push_str("</ul>\n");
            }
            Block::KeyValues(kvs) => key_values(&mut out, kvs),
            Block::Table(t) => table(&mut out, t),
            Block::Figure(f) => {
                let _ = writeln!(
                    out,
                    "<figure class=\"figure\" id=\"fig-{}\">\n{}\n<figcaption>{}</figcaption>\n</figure>",
                    escape(&f.id),
                    f.svg.trim(),
                    escape(&f.title)
                );
            }
        }
    }
    if sections > 0 {
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// Running text as HTML: escaped, line breaks kept, and `code` spans (Markdown's backticks,
/// which the commands' documents use for file names and flags) set as `<code>` when they pair.
fn inline(text: &str) -> String {
    let escaped = escape(text).replace('\n', "<br>");
    if !escaped.matches('`').count().is_multiple_of(2) {
        return escaped;
    }
    escaped
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<code>{part}</code>")
            } else {
                part.to_string()
            }
        })
        .collect()
}

fn key_values(out: &mut String, kvs: &[KeyValue]) {
    out.push_str("<dl class=\"kv\">\n");
    for kv in kvs {
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd dir=\"auto\">{}</dd>",
            escape(&kv.key),
            escape(&kv.values.join(", "))
        );
    }
    out.push_str("</dl>\n");
}

fn table(out: &mut String, t: &Table) {
    out.push_str("<div class=\"table\"><table>\n");
    if let Some(c) = &t.caption {
        let _ = writeln!(out, "<caption>{}</caption>", escape(c));
    }
    out.push_str("<thead><tr>");
    for c in &t.columns {
        let class = if c.role.right_aligned() {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape(&c.header));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, c) in t.columns.iter().enumerate() {
            let cell = row.get(i).map_or("", String::as_str);
            out.push_str(&cell_html(c.role, cell, i == 0));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    if let Some(n) = &t.note {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", inline(n));
    }
    out.push_str("</div>\n");
}

/// One cell: a row's first label is its header; numbers align right; free text (item wording
/// in any script) takes its direction from its content; a loading is shaded by its magnitude.
fn cell_html(role: Role, cell: &str, first: bool) -> String {
    let text = escape(cell);
    match role {
        Role::Label if first => format!("<th scope=\"row\" dir=\"auto\">{text}</th>"),
        Role::Label | Role::Text | Role::Interval => format!("<td dir=\"auto\">{text}</td>"),
        Role::Number | Role::PValue => format!("<td class=\"num\">{text}</td>"),
        Role::Loading => {
            let salient = cell.ends_with('*');
            match loading_value(cell) {
                Some(v) => {
                    let alpha = (v.abs().min(1.0) * 0.8 * 100.0).round() / 100.0;
                    let tone = if v < 0.0 { "213,94,0" } else { "0,114,178" };
                    let class = if salient { "num salient" } else { "num" };
                    format!(
                        "<td class=\"{class}\" style=\"background:rgba({tone},{alpha})\">{text}</td>"
                    )
                }
                None => format!("<td class=\"num\">{text}</td>"),
            }
        }
    }
}

/// The value of a loading cell as any report language writes it (`-0.55*`, `−0,55*`).
fn loading_value(cell: &str) -> Option<f64> {
    let plain = cell.trim_end_matches('*').trim();
    plain.replace(',', ".").replace('−', "-").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Column, Figure};

    #[test]
    fn loadings_are_read_with_a_decimal_point_or_comma() {
        assert_eq!(loading_value("-0.55*"), Some(-0.55));
        assert_eq!(loading_value("−0,55*"), Some(-0.55));
        assert_eq!(loading_value("0,12"), Some(0.12));
        assert_eq!(loading_value(""), None);
    }

    fn page() -> Page<'static> {
        Page {
            lang: "nb",
            dir: TextDirection::Ltr,
            title: "R&D <report>",
        }
    }

    #[test]
    fn sections_open_at_level_two_and_close_at_the_end() {
        let doc = Document {
            blocks: vec![
                Block::heading(1, "Title"),
                Block::heading(2, "A"),
                Block::Paragraph("one\ntwo".into()),
                Block::Paragraph("see `a.csv`".into()),
                Block::Paragraph("an odd ` stays".into()),
                Block::heading(2, "B"),
                Block::heading(3, "B.1"),
            ],
        };
        let html = render_html(&doc, &page());
        assert_eq!(html.matches("<section").count(), 2);
        assert_eq!(html.matches("</section>").count(), 2);
        assert!(html.contains("<p>one<br>two</p>"));
        assert!(html.contains("<p>see <code>a.csv</code></p>"));
        assert!(html.contains("<p>an odd ` stays</p>"));
        assert!(html.contains("<h3>B.1</h3>"));
        assert!(html.contains("<title>R&amp;D &lt;report&gt;</title>"));
        assert!(html.contains(CONTENT_SECURITY_POLICY));
    }

    #[test]
    fn text_cells_take_their_direction_from_their_content_and_loadings_are_shaded() {
        let mut t = Table::new(vec![
            Column::new("item", Role::Label),
            Column::new("text", Role::Text),
            Column::new("F1", Role::Loading),
        ]);
        t.rows
            .push(vec!["i1".into(), "أنا أثق بمرشدي".into(), "0.50*".into()]);
        t.rows.push(vec!["i2".into(), "x".into(), "-0.25".into()]);
        let doc = Document {
            blocks: vec![Block::Table(t)],
        };
        let html = render_html(&doc, &page());
        assert!(html.contains("<th scope=\"row\" dir=\"auto\">i1</th>"));
        assert!(html.contains("<td dir=\"auto\">أنا أثق بمرشدي</td>"));
        assert!(html.contains("class=\"num salient\" style=\"background:rgba(0,114,178,0.4)\""));
        assert!(html.contains("style=\"background:rgba(213,94,0,0.2)\">-0.25<"));
    }

    #[test]
    fn a_right_to_left_page_says_so() {
        let page = Page {
            dir: TextDirection::Rtl,
            lang: "ar",
            ..page()
        };
        let html = render_html(&Document::default(), &page);
        assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    }

    #[test]
    fn figures_are_inline_with_a_caption() {
        let doc = Document {
            blocks: vec![Block::Figure(Figure {
                id: "scree".into(),
                title: "Scree".into(),
                description: "d".into(),
                svg: "<svg></svg>\n".into(),
            })],
        };
        let html = render_html(&doc, &page());
        assert!(html.contains(
            "<figure class=\"figure\" id=\"fig-scree\">\n<svg></svg>\n<figcaption>Scree</figcaption>"
        ));
    }
}
