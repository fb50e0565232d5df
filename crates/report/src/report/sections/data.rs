//! The sections about the data: what was analysed, its quality, the answers per item and the
//! scale scores.

use std::collections::BTreeMap;

use psym_stats::describe::{category_counts, mean_interval};
use psym_stats::quantile::quantile_sorted;

use super::{pct, row_sets, with_group};
use crate::doc::{Block, Column, KeyValue, Role, Table};
use crate::figures::{BoxRow, LikertRow, MeanRow, boxes, likert, means, missing_strip};
use crate::report::{Msg, ReportInput};

/// Share of answers in an end category above which an item has a floor or ceiling effect
/// (Terwee et al. 2007, "Quality criteria were proposed for measurement properties of health
/// status questionnaires", J Clin Epidemiol 60:34–42: more than 15 %).
pub const FLOOR_CEILING: f64 = 0.15;

/// Coverage of the scale means' intervals.
const LEVEL: f64 = 0.95;

fn rows_with_answers(input: &ReportInput<'_>) -> usize {
    let x = input.answers;
    (0..x.nrows())
        .filter(|&r| x.row(r).iter().any(|v| !v.is_nan()))
        .count()
}

/// What was analysed: file, rows, instrument, languages, groups, software, date, command.
pub fn about(input: &ReportInput<'_>) -> Vec<Block> {
    let c = &input.catalogue;
    let a = &input.about;
    let used = rows_with_answers(input);
    let instrument = format!(
        "{} {} ({})",
        a.instrument_id, a.instrument_version, a.instrument_name
    );
    let mut kv = vec![
        KeyValue::new(c.text(Msg::File), [a.file.clone()]),
        KeyValue::new(c.text(Msg::RowsRead), [input.validation.rows.to_string()]),
        KeyValue::new(c.text(Msg::RowsUsed), [used.to_string()]),
        KeyValue::new(c.text(Msg::Instrument), [instrument]),
        KeyValue::new(c.text(Msg::Languages), [a.languages.join(", ")]),
    ];
    if let Some(g) = &input.groups {
        let sizes: Vec<String> = (g.labels.iter().enumerate())
            .map(|(k, l)| format!("{l} (n = {})", g.rows.iter().filter(|&&r| r == k).count()))
            .collect();
        kv.push(KeyValue::new(
            c.text(Msg::Groups),
            [format!("{}: {}", g.column, sizes.join(", "))],
        ));
    }
    kv.extend([
        KeyValue::new(c.text(Msg::Software), [a.software.clone()]),
        KeyValue::new(c.text(Msg::Date), [a.date.clone()]),
        KeyValue::new(c.text(Msg::Command), [a.command.clone()]),
    ]);
    vec![
        Block::heading(2, c.text(Msg::About)),
        Block::Paragraph(c.fill(
            Msg::AboutReading,
            &[
                ("file", a.file.clone()),
                (
                    "instrument",
                    format!("{} {}", a.instrument_id, a.instrument_version),
                ),
                ("read", input.validation.rows.to_string()),
                ("used", used.to_string()),
            ],
        )),
        Block::KeyValues(kv),
    ]
}

/// Data quality: the validation summary, problems by kind, and missing answers per item.
///
/// # Errors
/// The strip could not be drawn.
pub fn quality(input: &ReportInput<'_>) -> Result<Vec<Block>, String> {
    let c = &input.catalogue;
    let v = input.validation;
    let mut flagged: Vec<u64> = v
        .problems
        .iter()
        .map(|p| p.line)
        .filter(|&l| l > 1)
        .collect();
    flagged.sort_unstable();
    flagged.dedup();
    let reading = if v.problems.is_empty() {
        c.fill(Msg::QualityClean, &[("rows", v.rows.to_string())])
    } else {
        c.fill(
            Msg::QualityProblems,
            &[
                ("problems", v.problems.len().to_string()),
                ("flagged", flagged.len().to_string()),
                ("rows", v.rows.to_string()),
            ],
        )
    };
    let x = input.answers;
    let n = x.nrows().max(1) as f64;
    let missing: Vec<usize> = (0..x.ncols())
        .map(|j| x.column(j).iter().filter(|v| v.is_nan()).count())
        .collect();
    let shares: Vec<f64> = missing.iter().map(|&m| m as f64 / n).collect();
    let ids: Vec<String> = input.items.iter().map(|i| i.id.clone()).collect();
    let strip = missing_strip(
        "missing",
        c.text(Msg::MissingStrip),
        c.text(Msg::MissingStripDesc),
        &ids,
        &shares,
        &shares.iter().map(|&s| pct(input, s)).collect::<Vec<_>>(),
    )?;
    let mut table = Table::new(vec![
        Column::new(c.text(Msg::Item), Role::Label),
        Column::new(c.text(Msg::Missing), Role::Number),
        Column::new("%", Role::Number),
    ]);
    for (id, (m, s)) in ids.iter().zip(missing.iter().zip(&shares)) {
        table
            .rows
            .push(vec![id.clone(), m.to_string(), c.num(s * 100.0, 1)]);
    }
    let mut blocks = vec![
        Block::heading(2, c.text(Msg::Quality)),
        Block::Paragraph(reading),
        Block::Figure(strip),
        Block::Table(table),
    ];
    if !v.problems.is_empty() {
        let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
        for p in &v.problems {
            *kinds.entry(p.kind.to_string()).or_default() += 1;
        }
        let mut t = Table::new(vec![
            Column::new(c.text(Msg::ProblemKind), Role::Label),
            Column::new(c.text(Msg::Count), Role::Number),
        ]);
        t.rows
            .extend(kinds.into_iter().map(|(k, n)| vec![k, n.to_string()]));
        blocks.push(Block::Table(t));
        blocks.push(Block::Table(first_problems(input)));
    }
    Ok(blocks)
}

/// Problems listed in the report; `psym validate` lists every one.
const LISTED_PROBLEMS: usize = 20;

/// The first problems of the file, with line, id, column, value and reason.
fn first_problems(input: &ReportInput<'_>) -> Table {
    let c = &input.catalogue;
    let v = input.validation;
    let mut t = Table::new(vec![
        Column::new(c.text(Msg::Line), Role::Number),
        Column::new("id", Role::Label),
        Column::new(c.text(Msg::Column), Role::Text),
        Column::new(c.text(Msg::Value), Role::Text),
        Column::new(c.text(Msg::ProblemKind), Role::Text),
    ]);
    for p in v.problems.iter().take(LISTED_PROBLEMS) {
        t.rows.push(vec![
            p.line.to_string(),
            p.id.clone().unwrap_or_default(),
            p.column.clone().unwrap_or_default(),
            p.value.clone().unwrap_or_default(),
            p.message.clone(),
        ]);
    }
    let shown = v.problems.len().min(LISTED_PROBLEMS);
    t.with_note(c.fill(
        Msg::ProblemsShown,
        &[
            ("shown", shown.to_string()),
            ("all", v.problems.len().to_string()),
        ],
    ))
}

/// Item response distributions: diverging bars per item (and group), floor and ceiling.
///
/// # Errors
/// The bars could not be drawn.
pub fn items(input: &ReportInput<'_>) -> Result<Vec<Block>, String> {
    let c = &input.catalogue;
    let mut blocks = vec![
        Block::heading(2, c.text(Msg::Items)),
        Block::Paragraph(c.text(Msg::ItemsReading).to_string()),
    ];
    let Some((lo, hi)) = input.scale_range.filter(|_| !input.categories.is_empty()) else {
        blocks.push(Block::Paragraph(c.fill(
            Msg::NotComputed,
            &[("reason", "no rating scale of whole numbers".into())],
        )));
        return Ok(blocks);
    };
    let (lo, hi) = (lo as i64, hi as i64);
    let x = input.answers;
    let sets = row_sets(x.nrows(), input.groups.as_ref());
    let mut rows = Vec::new();
    let mut table = Table::new(
        [
            (c.text(Msg::Item), Role::Label),
            (c.text(Msg::ItemText), Role::Text),
            ("n", Role::Number),
        ]
        .into_iter()
        .map(|(h, r)| Column::new(h, r))
        .chain(
            input
                .categories
                .iter()
                .map(|k| Column::new(k.clone(), Role::Number)),
        )
        .chain([
            Column::new(c.text(Msg::Floor), Role::Number),
            Column::new(c.text(Msg::Ceiling), Role::Number),
        ])
        .collect(),
    );
    let mut ends = Vec::new();
    for (j, item) in input.items.iter().enumerate() {
        for (k, (group, set)) in sets.iter().enumerate() {
            let values: Vec<f64> = set.iter().map(|&r| x[(r, j)]).collect();
            let counts = category_counts(&values, lo, hi);
            let label = with_group(&item.id, group.as_ref());
            let shares = counts.shares();
            let at_an_end = counts.floor() > FLOOR_CEILING || counts.ceiling() > FLOOR_CEILING;
            if at_an_end && !ends.contains(&item.id) {
                ends.push(item.id.clone());
            }
            // the text once per item, on its first group's row
            let text = if k == 0 {
                item.text.clone()
            } else {
                String::new()
            };
            let mut cells = vec![label.clone(), text, counts.answered().to_string()];
            cells.extend(shares.iter().map(|s| c.num(s * 100.0, 0)));
            cells.push(pct(input, counts.floor()));
            cells.push(pct(input, counts.ceiling()));
            table.rows.push(cells);
            rows.push(LikertRow { label, shares });
        }
    }
    let by_group = input
        .groups
        .as_ref()
        .map_or(String::new(), |g| format!(" ({})", g.column));
    let figure = likert(
        "items",
        c.text(Msg::ItemsFigure),
        &c.fill(Msg::ItemsFigureDesc, &[("by_group", by_group)]),
        &rows,
        input.categories,
    )?;
    let threshold = c.percent(FLOOR_CEILING * 100.0, 0);
    let ends_text = if ends.is_empty() {
        c.fill(Msg::FloorCeilingNone, &[("pct", threshold)])
    } else {
        c.fill(
            Msg::FloorCeilingSome,
            &[("pct", threshold), ("items", ends.join(", "))],
        )
    };
    blocks.extend([
        Block::Figure(figure),
        Block::Paragraph(ends_text),
        Block::Table(table.with_note(c.text(Msg::ItemsNote))),
    ]);
    Ok(blocks)
}

/// Scale scores: the distribution (box plots) and the mean with its confidence interval per
/// scale (and group).
///
/// # Errors
/// A figure could not be drawn.
pub fn scores(input: &ReportInput<'_>) -> Result<Vec<Block>, String> {
    let c = &input.catalogue;
    let sets = row_sets(input.answers.nrows(), input.groups.as_ref());
    let mut mean_rows = Vec::new();
    let mut box_rows = Vec::new();
    let mut table = Table::new(
        [
            (c.text(Msg::Scale), Role::Label),
            (c.text(Msg::Group), Role::Text),
            ("n", Role::Number),
            (c.text(Msg::Mean), Role::Number),
            (c.text(Msg::Sd), Role::Number),
            (c.text(Msg::Interval), Role::Interval),
            ("min", Role::Number),
            ("Q1", Role::Number),
            (c.text(Msg::Median), Role::Number),
            ("Q3", Role::Number),
            ("max", Role::Number),
        ]
        .into_iter()
        .map(|(h, r)| Column::new(h, r))
        .collect(),
    );
    for s in input.scores {
        for (k, (group, set)) in sets.iter().enumerate() {
            let mut values: Vec<f64> = set
                .iter()
                .map(|&r| s.values[r])
                .filter(|v| !v.is_nan())
                .collect();
            let Some(m) = mean_interval(&values, LEVEL) else {
                continue;
            };
            values.sort_by(f64::total_cmp);
            let five = [0.0, 0.25, 0.5, 0.75, 1.0].map(|q| quantile_sorted(&values, q));
            let mut row = vec![
                s.scale.clone(),
                group.clone().unwrap_or_default(),
                m.n.to_string(),
                c.num(m.mean, 2),
                c.num(m.sd, 2),
                format!("[{}, {}]", c.num(m.lower, 2), c.num(m.upper, 2)),
            ];
            row.extend(five.iter().map(|v| c.num(*v, 2)));
            table.rows.push(row);
            let label = with_group(&s.scale, group.as_ref());
            mean_rows.push(MeanRow {
                label: label.clone(),
                group: k,
                mean: m.mean,
                lower: m.lower,
                upper: m.upper,
            });
            box_rows.push(BoxRow {
                label,
                group: k,
                five,
            });
        }
    }
    let by_group = input
        .groups
        .as_ref()
        .map_or(String::new(), |g| format!(" ({})", g.column));
    let full = input.scale_range.unwrap_or_else(|| {
        let lo = box_rows
            .iter()
            .map(|r| r.five[0])
            .fold(f64::INFINITY, f64::min);
        let hi = box_rows
            .iter()
            .map(|r| r.five[4])
            .fold(f64::NEG_INFINITY, f64::max);
        if lo < hi {
            (lo, hi)
        } else {
            (lo - 1.0, lo + 1.0)
        }
    });
    let distribution = boxes(
        "distribution",
        c.text(Msg::DistributionFigure),
        &c.fill(
            Msg::DistributionFigureDesc,
            &[("by_group", by_group.clone())],
        ),
        &box_rows,
        full,
        &|t| c.number_text(t),
    )?;
    let means_figure = means(
        "scores",
        c.text(Msg::ScoresFigure),
        &c.fill(Msg::ScoresFigureDesc, &[("by_group", by_group)]),
        &mean_rows,
        zoomed(&mean_rows, full),
        &|t| c.number_text(t),
    )?;
    Ok(vec![
        Block::heading(2, c.text(Msg::Scores)),
        Block::Paragraph(c.text(Msg::ScoresReading).to_string()),
        Block::Figure(distribution),
        Block::Figure(means_figure),
        Block::Table(table),
    ])
}

/// The axis of the means: the intervals' span with a margin of half of it on each side (at
/// least a tenth of the response scale), within the response scale, so that differences
/// between groups are visible.
fn zoomed(rows: &[MeanRow], full: (f64, f64)) -> (f64, f64) {
    let lo = rows.iter().map(|r| r.lower).fold(f64::INFINITY, f64::min);
    let hi = rows
        .iter()
        .map(|r| r.upper)
        .fold(f64::NEG_INFINITY, f64::max);
    if !(lo.is_finite() && hi.is_finite()) {
        return full;
    }
    let margin = ((hi - lo) / 2.0).max((full.1 - full.0) / 10.0);
    ((lo - margin).max(full.0), (hi + margin).min(full.1))
}
