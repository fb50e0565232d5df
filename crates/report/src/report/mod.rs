//! `psym report`: the whole psychometric picture of an instrument on a batch of responses, as
//! one [`Document`] with figures, which the HTML renderer ([`crate::html`]) turns into a
//! self-contained page and the Markdown renderer into text with SVG files beside it.
//!
//! The binary runs the analyses (the same library calls as `psym validate`, `score`,
//! `reliability`, `parallel`, `efa`, `cfa` and `invariance`) and hands their results over in a
//! [`ReportInput`]; [`document`] lays them out in sections, each opening with a plain-language
//! reading in the report's language ([`messages`]) and keeping the tables of the commands'
//! own documents. A figure's numbers are always also in a table.

pub mod findings;
mod localize;
pub mod messages;
pub mod numbers;
mod sections;
pub mod terms;

use nalgebra::DMatrix;
use psym_data::Validation;
use psym_reliability::ScaleReliability;
use psym_sem::{ComparisonRow, OrdinalFit};
use psym_stats::categories::CategoryReport;

pub use messages::{Catalogue, Lang, Msg};
pub use sections::CarelessView;

use crate::cfa::CfaReport;
use crate::doc::{Block, Document};
use crate::efa::EfaReport;
use crate::efa::groups::GroupsReport;
use crate::efa::parallel::ParallelReport;
use crate::invariance::InvarianceReport;
use crate::subject::Advise;

/// What the first section says about the run.
#[derive(Debug, Clone, Default)]
pub struct About {
    /// The response file as named on the command line.
    pub file: String,
    /// Instrument id.
    pub instrument_id: String,
    /// Instrument version.
    pub instrument_version: String,
    /// Instrument name in the report's language.
    pub instrument_name: String,
    /// Languages of the instrument.
    pub languages: Vec<String>,
    /// `psym x.y.z`.
    pub software: String,
    /// The date of the run (ISO 8601), as the binary read it from the clock.
    pub date: String,
    /// The command line that reproduces the report.
    pub command: String,
}

/// One item as the report shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    /// Item id.
    pub id: String,
    /// Item text in the report's language (empty when the instrument has none).
    pub text: String,
}

/// The grouping of the respondents (with `--group`).
#[derive(Debug, Clone, Copy)]
pub struct GroupView<'a> {
    /// The grouping column.
    pub column: &'a str,
    /// Group labels, in order.
    pub labels: &'a [String],
    /// Each row's group index (`psym_data::Groups::NONE` for none).
    pub rows: &'a [usize],
}

/// One scale's scores, one per respondent (NaN when the scoring rule gave none).
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleScores {
    /// Scale id.
    pub scale: String,
    /// Score per row.
    pub values: Vec<f64>,
}

/// The confirmatory factor analysis of ordered items (`psym report --ordered`), in place of
/// the ML fits.
pub struct OrdinalView<'a> {
    /// The subscale model first, then the instrument's competing models, fitted by WLSMV.
    pub fits: &'a [(String, OrdinalFit)],
    /// Their scaled difference tests, with more than one model.
    pub comparison: Option<&'a [ComparisonRow]>,
    /// Unused and merged categories and perfectly associated pairs.
    pub categories: &'a CategoryReport,
    /// Item ids by column of the category findings.
    pub items: &'a [String],
    /// The ordered items, empty when every item is ordered.
    pub ordered: &'a [String],
}

/// Everything the report shows; `None` or empty where an analysis could not be run (the
/// reason is in `skipped`).
pub struct ReportInput<'a> {
    /// The report's words.
    pub catalogue: Catalogue,
    /// What was analysed.
    pub about: About,
    /// The items, in column order of `answers`.
    pub items: &'a [ItemRow],
    /// The response scale's categories (lowest first), as anchor labels or values; empty when
    /// the scale is not a rating scale of whole numbers.
    pub categories: &'a [String],
    /// Lowest and highest answer of the response scale.
    pub scale_range: Option<(f64, f64)>,
    /// The validation of the file.
    pub validation: &'a Validation,
    /// Answers as read (respondents × items, NaN missing, not reversed).
    pub answers: &'a DMatrix<f64>,
    /// The grouping, with `--group`.
    pub groups: Option<GroupView<'a>>,
    /// Scale scores.
    pub scores: &'a [ScaleScores],
    /// Reliability per scale.
    pub reliability: &'a [ScaleReliability],
    /// How the reliability warnings' advice is worded.
    pub reliability_advise: Advise<psym_reliability::Advice>,
    /// Parallel analysis and MAP.
    pub parallel: Option<ParallelReport<'a>>,
    /// KMO and Bartlett's test come with the EFA of every row.
    pub efa: Option<EfaReport<'a>>,
    /// EFA per group with congruence, with `--group`.
    pub efa_groups: Option<GroupsReport<'a>>,
    /// The subscale model first, then the instrument's competing models.
    pub cfa: &'a [CfaReport<'a>],
    /// Likelihood-ratio comparison of the CFA models.
    pub comparison: Option<&'a [ComparisonRow]>,
    /// With `--ordered`: the WLSMV fits, shown instead of `cfa`.
    pub ordinal: Option<OrdinalView<'a>>,
    /// The invariance ladder, with `--group`.
    pub invariance: Option<InvarianceReport<'a>>,
    /// The number of subscales the instrument expects.
    pub expected_factors: usize,
    /// Careless-responding indices (as `psym validate --careless`).
    pub careless: Option<CarelessView<'a>>,
    /// Analyses that could not be run, with the reason (section message, reason).
    pub skipped: Vec<(Msg, String)>,
}

/// Lays out the report: a title, then one part (a level-2 heading) per section.
///
/// # Errors
/// A figure could not be drawn (a message).
pub fn document(input: &ReportInput<'_>) -> Result<Document, String> {
    let c = &input.catalogue;
    let mut blocks = vec![Block::heading(
        1,
        c.fill(
            Msg::Title,
            &[("instrument", input.about.instrument_name.clone())],
        ),
    )];
    blocks.extend(sections::about(input));
    blocks.extend(sections::quality(input)?);
    blocks.extend(sections::careless(input));
    blocks.extend(sections::items(input)?);
    blocks.extend(sections::scores(input)?);
    blocks.extend(sections::reliability(input));
    blocks.extend(sections::dimensionality(input)?);
    blocks.extend(sections::efa(input));
    blocks.extend(sections::cfa(input));
    blocks.extend(sections::invariance(input));
    Ok(Document { blocks })
}

/// The section headings of a report of `input`, in order (what a printed copy must show).
pub fn section_titles(input: &ReportInput<'_>) -> Vec<String> {
    let c = &input.catalogue;
    let mut out: Vec<String> = [
        Msg::About,
        Msg::Quality,
        Msg::Items,
        Msg::Scores,
        Msg::Reliability,
        Msg::Dimensionality,
        Msg::Efa,
        Msg::Cfa,
    ]
    .iter()
    .map(|m| c.text(*m).to_string())
    .collect();
    if let Some(g) = &input.groups {
        out.push(c.fill(Msg::Invariance, &[("group", g.column.to_string())]));
    }
    out
}

/// The headings, tables and key–values of a command's own document, nested under a report
/// section: headings moved two levels down (a result's title becomes a level-3 heading), words
/// and numbers in the report's language. The command's prose (paragraphs, lists, warnings and
/// table notes, which it writes in English) is left out: `after` is called with each kept block
/// as the command wrote it (a table without its note, which `after` may set in the report's
/// language) and returns the report's own blocks to follow it, worded from the results through
/// the catalogue.
fn nested(
    doc: Document,
    c: &Catalogue,
    mut after: impl FnMut(&mut Block) -> Vec<Block>,
) -> Vec<Block> {
    let mut out = Vec::new();
    for mut b in doc.blocks {
        match &mut b {
            Block::Paragraph(_) | Block::List(_) | Block::Warning(_) => continue,
            Block::Table(t) => t.note = None,
            Block::Heading { .. } | Block::KeyValues(_) | Block::Figure(_) => {}
        }
        let more = after(&mut b);
        let b = match b {
            Block::Heading { level, text } => Block::heading(level + 2, text),
            other => other,
        };
        out.push(localize::block(b, c));
        out.extend(more);
    }
    out
}
