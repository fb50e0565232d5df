//! `psym agreement`: how two perspectives (client and caseworker) agree on the same dyads.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Args;
use psym_agreement::{IccMethod, IccOptions};
use psym_data::{IdLine, Problem, ProblemKind, pair_by_id};
use psym_report::agreement::{AgreementRun, Form, agreement_json, document};
use psym_report::doc;
use psym_score::{ScoredRows, Scorer};

use crate::advice;
use crate::cmd::common::{ReadArgs, load_instrument};
use crate::cmd::scored::{inputs, read_scored, scorer};
use crate::output::{Format, Formats, Outcome, OutputArgs, Plan, write_json};

/// What `psym agreement` writes.
const FORMATS: Formats = Formats {
    what: "psym agreement",
    accepted: &[Format::Text, Format::Json, Format::Md],
};

/// Agreement between two perspectives on the same dyads: per scale the six Shrout–Fleiss
/// ICCs with F tests and confidence intervals (as psych::ICC), Pearson and Spearman
/// correlations, and the mean difference with Bland–Altman limits of agreement.
///
/// Two files (a client form and a caseworker form), or one file with a column naming each
/// row's perspective (--perspective). Scale scores are computed as `psym score` computes
/// them; dyads are paired by id (--pair-by). Rows that cannot be paired (an id missing from
/// the other form, an id used twice) are listed with their lines, never silently dropped.
/// Formulas and sources: docs/methods/agreement.md. Exit status: 0 all well, 1 unpaired or
/// invalid rows or a warning about a scale, 2 could not run.
///
/// Example: psym agreement --instrument instruments/open-alliance-12.json client.csv caseworker.csv --pair-by dyad
///
/// One file: psym agreement --instrument instruments/open-alliance-12.json both.csv --pair-by dyad --perspective rater --forms client,caseworker
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| FORMATS.restrict(a)))]
pub struct AgreementArgs {
    /// Instrument file (JSON): its items, scales and reverse keys
    #[arg(long, value_name = "FILE")]
    instrument: PathBuf,
    /// The first form's file, then the second's (or one file with --perspective)
    #[arg(value_name = "FILE", num_args = 1..=2, required = true)]
    data: Vec<PathBuf>,
    /// Column holding the dyad id that pairs the rows [default: `id` in any case]
    #[arg(long, value_name = "NAME")]
    pair_by: Option<String>,
    /// Column naming each row's perspective, for one file holding both forms
    #[arg(long, value_name = "NAME")]
    perspective: Option<String>,
    /// Names of the two forms, in the order of the differences (first − second); with
    /// --perspective the two values of that column [default: client,caseworker for two
    /// files; the column's two values in order of appearance]
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    forms: Vec<String>,
    /// Scales to analyse, in this order [default: all scales of the instrument]
    #[arg(long = "scale", value_name = "ID")]
    scales: Vec<String>,
    /// Coverage of the confidence intervals and of the limits of agreement
    #[arg(long, value_name = "P", default_value_t = 0.95)]
    level: f64,
    /// Mean squares of the ICCs: reml (variance components kept at zero or above, psych::ICC's
    /// default) or anova (Shrout & Fleiss, psych::ICC(lmer = FALSE), SPSS)
    #[arg(long, value_name = "METHOD", default_value_t = IccMethod::Reml)]
    icc_method: IccMethod,
    #[command(flatten)]
    read: ReadArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// The rows of one form: which rows of which scored file.
struct FormRows<'a> {
    name: String,
    file: String,
    scored: &'a ScoredRows,
    rows: Vec<usize>,
    problems: Vec<Problem>,
}

/// Runs `psym agreement`: resolve, read and pair the forms, analyse each scale, render.
pub fn run(args: AgreementArgs) -> anyhow::Result<Outcome> {
    let plan = args
        .output
        .resolve(&FORMATS, &inputs(&args.instrument, &args.data))?;
    if !(args.level > 0.0 && args.level < 1.0) {
        bail!(
            "--level must lie strictly between 0 and 1 (got {})",
            args.level
        );
    }
    if !args.forms.is_empty() && args.forms.len() != 2 {
        bail!(
            "--forms names two forms, as A,B (got {})",
            args.forms.join(",")
        );
    }
    let instrument = load_instrument(&args.instrument)?;
    let scorer = scorer(&instrument, &args.scales)?;
    let mut options = args.read.options(Some(&instrument))?;
    if args.pair_by.is_some() && args.read.id.is_some() {
        bail!("give the dyad id column once: --pair-by (or --id), not both");
    }
    options.id_column = args.pair_by.clone().or(options.id_column);
    options.keep = args.perspective.iter().cloned().collect();
    let mut files = Vec::new();
    for path in &args.data {
        let (scored, id_column) = read_scored(path, &scorer, &options)?;
        let Some(id_column) = id_column else {
            bail!(
                "{}: no dyad id column to pair the forms by (name it with --pair-by)",
                path.display()
            );
        };
        files.push((scored, id_column));
    }
    let pair_by = files[0].1.clone();
    let forms = match (&args.perspective, files.as_slice()) {
        (None, [a, b]) => two_files(&args, [&a.0, &b.0]),
        (Some(column), [one]) => one_file(&args, column, &one.0)?,
        (Some(_), _) => bail!("--perspective reads both forms from one file; give one file"),
        (None, _) => bail!("give two files (client, caseworker), or one file with --perspective"),
    };
    let run = analyse(forms, &scorer, pair_by, &args)?;
    render(&run, &plan)?;
    Ok(Outcome::problems_if(run.has_problems()))
}

/// Two files: one form each, all their rows and problems.
fn two_files<'a>(args: &AgreementArgs, scored: [&'a ScoredRows; 2]) -> [FormRows<'a>; 2] {
    let names = match args.forms.as_slice() {
        [a, b] => [a.clone(), b.clone()],
        _ => ["client".to_owned(), "caseworker".to_owned()],
    };
    let mut forms = names
        .into_iter()
        .zip(scored)
        .zip(&args.data)
        .map(|((name, s), path)| FormRows {
            name,
            file: path.display().to_string(),
            scored: s,
            rows: (0..s.ids.len()).collect(),
            problems: s.problems.clone(),
        });
    let first = forms.next().expect("two forms");
    let second = forms.next().expect("two forms");
    [first, second]
}

/// One file: the rows of each form by the perspective column; a row of neither form is a
/// problem, and so is a file problem, given to the form of its row (the header's to the first).
fn one_file<'a>(
    args: &AgreementArgs,
    column: &str,
    scored: &'a ScoredRows,
) -> anyhow::Result<[FormRows<'a>; 2]> {
    let value = |i: usize| scored.kept[i].first().map_or("", |v| v.trim());
    let mut found: Vec<String> = Vec::new();
    for i in 0..scored.ids.len() {
        let v = value(i);
        if !v.is_empty() && !found.iter().any(|s| s == v) {
            found.push(v.to_owned());
        }
    }
    let names: Vec<String> = match args.forms.as_slice() {
        [a, b] => {
            if let Some(absent) = [a, b].into_iter().find(|n| !found.contains(n)) {
                bail!(
                    "--forms: no row has {column} '{absent}' (found: {})",
                    found.join(", ")
                );
            }
            vec![a.clone(), b.clone()]
        }
        _ if found.len() == 2 => found,
        _ => bail!(
            "--perspective {column}: the column must hold two forms, found {} ({}); choose two with --forms A,B",
            found.len(),
            found.join(", ")
        ),
    };
    let file = args.data[0].display().to_string();
    let mut forms: Vec<FormRows<'a>> = names
        .iter()
        .map(|name| FormRows {
            name: name.clone(),
            file: file.clone(),
            scored,
            rows: Vec::new(),
            problems: Vec::new(),
        })
        .collect();
    let mut form_of_line = std::collections::HashMap::new();
    for i in 0..scored.ids.len() {
        match names.iter().position(|n| n == value(i)) {
            Some(f) => {
                forms[f].rows.push(i);
                form_of_line.insert(scored.lines[i], f);
            }
            None => forms[0].problems.push(Problem {
                line: scored.lines[i],
                id: Some(scored.ids[i].clone()),
                column: Some(column.to_owned()),
                value: Some(value(i).to_owned()),
                kind: ProblemKind::Unpaired,
                message: format!(
                    "perspective '{}' is neither {} nor {}",
                    value(i),
                    names[0],
                    names[1]
                ),
            }),
        }
    }
    for p in &scored.problems {
        let f = form_of_line.get(&p.line).copied().unwrap_or(0);
        forms[f].problems.push(p.clone());
    }
    let second = forms.pop().expect("two forms");
    let first = forms.pop().expect("two forms");
    Ok([first, second])
}

/// Pairs the forms' rows by id and computes each scale's agreement on the dyads where both
/// scores are present.
fn analyse(
    forms: [FormRows<'_>; 2],
    scorer: &Scorer,
    pair_by: String,
    args: &AgreementArgs,
) -> anyhow::Result<AgreementRun> {
    let id_lines = |f: &FormRows<'_>| -> Vec<IdLine> {
        f.rows
            .iter()
            .map(|&i| IdLine {
                id: f.scored.ids[i].clone(),
                line: f.scored.lines[i],
            })
            .collect()
    };
    let [a, b] = [id_lines(&forms[0]), id_lines(&forms[1])];
    let pairing = pair_by_id([&a, &b], Some(&pair_by), [&forms[0].name, &forms[1].name]);
    let options = IccOptions {
        level: args.level,
        method: args.icc_method,
    };
    let mut scales = Vec::new();
    for (s, rule) in scorer.scales().iter().enumerate() {
        let score = |f: &FormRows<'_>, k: usize| f.scored.scores[f.rows[k]][s];
        let (x, y): (Vec<f64>, Vec<f64>) = pairing
            .pairs
            .iter()
            .filter_map(|&(i, j)| Some((score(&forms[0], i)?, score(&forms[1], j)?)))
            .unzip();
        let result = psym_agreement::agreement(&x, &y, &options)
            .with_context(|| format!("scale {}: {} dyads with both scores", rule.id, x.len()))?;
        scales.push((rule.id.clone(), result));
    }
    let [pa, pb] = pairing.problems;
    let form = |f: FormRows<'_>, mut paired: Vec<Problem>| {
        let mut problems = f.problems;
        problems.append(&mut paired);
        problems.sort_by_key(|p| p.line);
        Form {
            name: f.name,
            file: f.file,
            rows: f.rows.len() as u64,
            problems,
        }
    };
    let [fa, fb] = forms;
    Ok(AgreementRun {
        forms: [form(fa, pa), form(fb, pb)],
        pair_by,
        dyads: pairing.pairs.len(),
        scales,
    })
}

fn render(run: &AgreementRun, plan: &Plan) -> anyhow::Result<()> {
    let mut out = plan.open()?;
    match plan.format {
        Format::Json => write_json(&mut out, &agreement_json(run, advice::agreement))?,
        format => doc::write(&mut out, &document(run, format, advice::agreement), format)?,
    }
    out.finish()
}
