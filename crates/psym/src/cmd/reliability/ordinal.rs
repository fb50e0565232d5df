//! `psym reliability --ordinal`: ordinal alpha, omega of the polychoric matrix and categorical
//! omega per scale.

use psym_reliability::{OrdinalOptions, analyze_ordinal};
use psym_report::doc;
use psym_report::ordinal_reliability::{ordinal_document, ordinal_reliability_json};

use super::{ReliabilityArgs, Request, group_factors, keyed};
use crate::advice;
use crate::cmd::common::response_categories;
use crate::output::{Format, Outcome, write_json};

/// Analyses each scale as ordered categories (after reporting unused categories and merging
/// sparse ones with --collapse) and renders the results. Exit status 1 when a
/// scale has a problem (a constant item, a negative alpha).
pub(super) fn run(args: &ReliabilityArgs, request: &Request) -> anyhow::Result<Outcome> {
    let Request {
        instrument,
        scorer,
        responses,
        plan,
        groups: _,
    } = request;
    let mut results = Vec::new();
    for rule in scorer.scales() {
        let (scale, data) = keyed(rule, scorer, &responses.matrix);
        let options = OrdinalOptions {
            missing: args.missing,
            group_factors: group_factors(args.group_factors, instrument.as_ref(), &rule.id),
            categories: response_categories(instrument.as_ref(), args.scale_min, args.scale_max),
            collapse: args.collapse,
        };
        let result = analyze_ordinal(&scale, &data, &options)
            .map_err(|e| anyhow::anyhow!(e.describe(advice::reliability)))?;
        results.push(result);
    }
    let mut out = plan.open()?;
    match plan.format {
        Format::Json => write_json(
            &mut out,
            &ordinal_reliability_json(&results, advice::reliability, advice::categories),
        )?,
        format => {
            let name = args.data.display().to_string();
            let document = ordinal_document(
                &name,
                &results,
                format,
                advice::reliability,
                advice::categories,
            );
            doc::write(&mut out, &document, format)?;
        }
    }
    out.finish()?;
    Ok(Outcome::problems_if(
        results.iter().any(|r| r.has_problems()),
    ))
}
