//! The printable questionnaire in one language, or a side-by-side review sheet of two, as HTML
//! or Markdown.
//!
//! Rendering lives here rather than in `psym-report` because the questionnaire is the
//! instrument's own text, not an analysis result. HTML declares the language
//! (`<html lang="nb">`), the direction (`dir="rtl"` for Arabic, Persian, Urdu, Hebrew, …), and
//! is UTF-8; every cell of a review sheet carries its own `lang` and `dir`.

use std::fmt::Write;

use psym_closed_set::{ClosedSet, closed_set};
use psym_instrument::Instrument;

use crate::status::drafts;
use crate::text::{direction, language_name, placeholders};
use crate::unit::{UnitKind, label_value, units};

closed_set! {
    /// Output format of [`render`].
    pub enum RenderFormat: "render format" {
        /// A standalone HTML page (printable).
        Html => "html",
        /// Markdown.
        Markdown => "md" | "markdown",
    }
}

/// HTML, the printable page.
impl Default for RenderFormat {
    fn default() -> Self {
        RenderFormat::Html
    }
}

impl RenderFormat {
    /// File-name extensions of the format.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            RenderFormat::Html => &["html", "htm"],
            RenderFormat::Markdown => &["md", "markdown"],
        }
    }

    /// The format a file name announces by its extension (in any case), if it names one.
    pub fn from_path(path: &std::path::Path) -> Option<RenderFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        RenderFormat::all()
            .iter()
            .copied()
            .find(|f| f.extensions().contains(&ext.as_str()))
    }
}

/// What to render.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RenderOptions {
    /// Language of the questionnaire.
    pub lang: String,
    /// With a second language: a review sheet with both texts, back translations, status and
    /// notes side by side.
    pub compare: Option<String>,
    /// Output format.
    pub format: RenderFormat,
}

/// Renders `inst` as asked. Text missing in `lang` is shown as a visible gap, never silently
/// replaced by the source text. A language whose translation is not approved
/// ([`is_approved`](crate::is_approved)) is marked DRAFT at the top of the page and in its
/// title, so a printed draft cannot pass for the approved questionnaire.
pub fn render(inst: &Instrument, options: &RenderOptions) -> String {
    // Language tags go into attributes; a well-formed tag is unchanged by escaping.
    let lang = escape(&options.lang);
    let compare = options.compare.as_deref().map(escape);
    match (compare, options.format) {
        (None, RenderFormat::Html) => html_form(inst, &lang),
        (None, RenderFormat::Markdown) => md_form(inst, &lang),
        (Some(other), RenderFormat::Html) => html_review(inst, &lang, &other),
        (Some(other), RenderFormat::Markdown) => md_review(inst, &lang, &other),
    }
}

/// The DRAFT notice for the languages of a page that are not approved, if any.
fn draft_notice(inst: &Instrument, langs: &[&str]) -> Option<String> {
    let drafts = drafts(inst, langs.iter().copied());
    (!drafts.is_empty()).then(|| {
        format!(
            "DRAFT: the {} translation is not approved; not for data collection",
            drafts.join(" and ")
        )
    })
}

fn draft_html(out: &mut String, notice: Option<&str>) {
    if let Some(n) = notice {
        let _ = writeln!(
            out,
            "<p class=\"draft\" lang=\"en\" dir=\"ltr\">{}</p>",
            escape(n)
        );
    }
}

/// Escapes text for HTML element content and attribute values.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Escapes text for HTML and highlights placeholders.
fn html(text: &str) -> String {
    let mut out = escape(text);
    for p in placeholders(text) {
        out = out.replace(p, &format!("<bdi class=\"ph\">{p}</bdi>"));
    }
    out
}

fn missing_html(lang: &str) -> String {
    format!(
        "<span class=\"missing\">[no text in {}]</span>",
        language_name(lang)
    )
}

fn text_html(t: Option<&str>, lang: &str) -> String {
    t.filter(|t| !t.trim().is_empty())
        .map_or_else(|| missing_html(lang), html)
}

const CSS: &str = "body{font-family:'Noto Sans','DejaVu Sans',Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.4}\
h1{font-size:1.5rem}.instructions{margin-bottom:1.5rem}\
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.4rem .5rem;vertical-align:top;text-align:start}\
thead th{background:#eee;font-weight:600}th.point,td.point{text-align:center;width:4.2rem;font-size:.85rem}\
td.num,th.num{width:2rem;text-align:center;color:#555}td.point{vertical-align:middle}\
body.review{max-width:110rem}td.id{white-space:nowrap;color:#555;width:7rem}td.text{width:24%}td.back{width:19%}td.status{width:6rem}td.notes{width:16%}.box{display:inline-block;width:1rem;height:1rem;border:1.5px solid #333;border-radius:50%}\
.ph{background:#fff3bf;border-radius:3px;padding:0 2px}.missing{color:#b00020;font-style:italic}\
.status{white-space:nowrap;font-size:.85rem}.back{color:#333;font-style:italic}.notes{font-size:.85rem;color:#444}\
.meta{color:#555;font-size:.85rem}\
.draft{border:3px solid #b00020;color:#b00020;font-weight:700;font-size:1.2rem;letter-spacing:.05em;padding:.5rem 1rem;text-align:center}@media print{body{margin:0;max-width:none}thead{display:table-header-group}tr{break-inside:avoid}}";

fn head(out: &mut String, lang: &str, title: &str, class: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body class=\"{class}\">\n",
        direction(lang),
        html(title)
    );
}

fn labels<'a>(inst: &'a Instrument, lang: &str) -> Vec<(String, Option<&'a str>)> {
    units(inst)
        .into_iter()
        .filter_map(|u| match u.kind {
            UnitKind::Label(k) => Some((label_value(inst, k), u.text(inst, lang))),
            _ => None,
        })
        .collect()
}

fn html_form(inst: &Instrument, lang: &str) -> String {
    let mut out = String::new();
    let name = inst.name.get(lang).map(String::as_str);
    let draft = draft_notice(inst, &[lang]);
    let title = name.unwrap_or(&inst.id);
    let title = match draft {
        Some(_) => format!("DRAFT {title}"),
        None => title.to_owned(),
    };
    head(&mut out, lang, &title, "form");
    draft_html(&mut out, draft.as_deref());
    let _ = writeln!(out, "<h1>{}</h1>", text_html(name, lang));
    if inst.instructions.contains_key(&inst.source_language) {
        let _ = writeln!(
            out,
            "<p class=\"instructions\">{}</p>",
            text_html(inst.instructions.get(lang).map(String::as_str), lang)
        );
    }
    let points = labels(inst, lang);
    out.push_str("<table class=\"items\">\n<thead><tr><th class=\"num\">#</th><th></th>");
    for (value, label) in &points {
        let _ = write!(
            out,
            "<th class=\"point\">{value}<br>{}</th>",
            text_html(*label, lang)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (k, item) in inst.items.iter().enumerate() {
        let _ = write!(
            out,
            "<tr><td class=\"num\">{}</td><td>{}</td>",
            k + 1,
            text_html(item.text.get(lang).map(String::as_str), lang)
        );
        for _ in &points {
            out.push_str("<td class=\"point\"><span class=\"box\"></span></td>");
        }
        out.push_str("</tr>\n");
    }
    let _ = writeln!(
        out,
        "</tbody>\n</table>\n<p class=\"meta\">{} {} · {}</p>\n</body>\n</html>",
        html(&inst.id),
        html(&inst.version),
        lang
    );
    out
}

fn cell(text: Option<&str>, lang: &str, class: &str) -> String {
    format!(
        "<td lang=\"{lang}\" dir=\"{}\" class=\"{class}\">{}</td>",
        direction(lang),
        text_html(text, lang)
    )
}

fn html_review(inst: &Instrument, lang: &str, other: &str) -> String {
    let mut out = String::new();
    let draft = draft_notice(inst, &[lang, other]);
    let title = format!(
        "{}{} / {}: {}",
        if draft.is_some() { "DRAFT " } else { "" },
        language_name(lang),
        language_name(other),
        inst.name_in(other)
    );
    // The sheet's own labels (id, status, notes…) are English, so the page is declared `en`,
    // left to right; every text cell declares its own language and direction.
    head(&mut out, "en", &title, "review");
    draft_html(&mut out, draft.as_deref());
    let _ = writeln!(
        out,
        "<h1>{} / {}: <bdi lang=\"{lang}\">{}</bdi></h1>",
        language_name(lang),
        language_name(other),
        html(inst.name_in(lang))
    );
    let _ = writeln!(
        out,
        "<p class=\"meta\">Review sheet: {} {}; back translations are into {}.</p>",
        html(&inst.id),
        html(&inst.version),
        language_name(&inst.source_language)
    );
    let _ = writeln!(
        out,
        "<table class=\"review\">\n<thead><tr><th>id</th><th lang=\"{other}\" dir=\"{}\">{}</th><th lang=\"{lang}\" dir=\"{}\">{}</th><th>back translation</th><th>status</th><th>notes</th></tr></thead>\n<tbody>",
        direction(other),
        language_name(other),
        direction(lang),
        language_name(lang)
    );
    let src = &inst.source_language;
    for row in review_rows(inst, lang, other) {
        let _ = writeln!(
            out,
            "<tr><td class=\"id\" dir=\"ltr\">{}</td>{}{}{}<td class=\"status\">{}</td><td class=\"notes\">{}</td></tr>",
            html(&row.id),
            cell(row.other, other, "text"),
            cell(row.text, lang, "text"),
            match row.back {
                Some(b) => format!(
                    "<td lang=\"{src}\" dir=\"{}\" class=\"back\">{}</td>",
                    direction(src),
                    html(b)
                ),
                None => "<td></td>".to_owned(),
            },
            row.status,
            html(row.notes.unwrap_or(""))
        );
    }
    out.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    out
}

/// Escapes a Markdown table cell.
fn md(text: Option<&str>, lang: &str) -> String {
    match text.filter(|t| !t.trim().is_empty()) {
        Some(t) => t.replace('|', "\\|").replace('\n', " "),
        None => format!("*[no text in {}]*", language_name(lang)),
    }
}

fn md_form(inst: &Instrument, lang: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "<!-- lang: {lang}; dir: {} -->\n", direction(lang));
    if let Some(n) = draft_notice(inst, &[lang]) {
        let _ = writeln!(out, "> **{n}**\n");
    }
    let _ = writeln!(
        out,
        "# {}\n",
        md(inst.name.get(lang).map(String::as_str), lang)
    );
    if inst.instructions.contains_key(&inst.source_language) {
        let _ = writeln!(
            out,
            "{}\n",
            md(inst.instructions.get(lang).map(String::as_str), lang)
        );
    }
    let points = labels(inst, lang);
    if !points.is_empty() {
        let scale: Vec<String> = points
            .iter()
            .map(|(v, l)| format!("{v} = {}", md(*l, lang)))
            .collect();
        let _ = writeln!(out, "{}\n", scale.join(" · "));
    }
    out.push_str("| # | |");
    for (v, _) in &points {
        let _ = write!(out, " {v} |");
    }
    out.push_str("\n|---:|---|");
    out.push_str(&":---:|".repeat(points.len()));
    out.push('\n');
    for (k, item) in inst.items.iter().enumerate() {
        let _ = write!(
            out,
            "| {} | {} |",
            k + 1,
            md(item.text.get(lang).map(String::as_str), lang)
        );
        out.push_str(&" ○ |".repeat(points.len()));
        out.push('\n');
    }
    out
}

fn md_review(inst: &Instrument, lang: &str, other: &str) -> String {
    let mut out = String::new();
    if let Some(n) = draft_notice(inst, &[lang, other]) {
        let _ = writeln!(out, "> **{n}**\n");
    }
    let _ = writeln!(
        out,
        "# {} — {} / {}\n",
        md(Some(inst.name_in(lang)), lang),
        language_name(lang),
        language_name(other)
    );
    let _ = writeln!(
        out,
        "| id | {} | {} | back translation | status | notes |\n|---|---|---|---|---|---|",
        language_name(other),
        language_name(lang)
    );
    for row in review_rows(inst, lang, other) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            row.id,
            md(row.other, other),
            md(row.text, lang),
            row.back
                .map_or(String::new(), |b| md(Some(b), &inst.source_language)),
            row.status,
            row.notes.map_or(String::new(), |n| md(Some(n), lang))
        );
    }
    out
}

/// One line of a review sheet: a text unit in both languages with its translation record.
struct ReviewRow<'a> {
    id: String,
    other: Option<&'a str>,
    text: Option<&'a str>,
    back: Option<&'a str>,
    /// Workflow status; blank for units without a record (name, instructions, labels).
    status: String,
    notes: Option<&'a str>,
}

/// The lines of a review sheet of `lang` beside `other`: every unit with source text.
fn review_rows<'a>(inst: &'a Instrument, lang: &str, other: &str) -> Vec<ReviewRow<'a>> {
    units(inst)
        .into_iter()
        .filter(|unit| unit.text(inst, &inst.source_language).is_some())
        .map(|unit| {
            let record = unit.record(inst, lang);
            ReviewRow {
                status: if unit.has_record() {
                    record.map(|r| r.status).unwrap_or_default().to_string()
                } else {
                    String::new()
                },
                other: unit.text(inst, other),
                text: unit.text(inst, lang),
                back: record.and_then(|r| r.back_translation.as_deref()),
                notes: record.and_then(|r| r.notes.as_deref()),
                id: unit.id,
            }
        })
        .collect()
}
