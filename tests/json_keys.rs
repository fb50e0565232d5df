//! Every JSON output has the keys its documentation lists, and no key it does not mention.
//!
//! The documented shapes are read from the docs themselves (docs/json.md, and docs/translation.md
//! for `translate`), so a key renamed on either side fails here:
//! - *listed* keys are those of the shape examples: `"key":` inside a ```json block, and every
//!   `"key"` inside an inline shape such as `{"items", "method", …}`; each must occur in the
//!   outputs of the section's runs;
//! - *mentioned* names are every identifier inside a code block or a code span of the section;
//!   each key of those outputs must be one of them.

use crate::util::{ALLIANCE, ALLIANCE_DATA, psym};
use serde_json::Value;
use std::collections::BTreeSet;

/// One documented section and the runs whose JSON it describes.
struct Section {
    doc: &'static str,
    /// The heading that opens the section (its text after the `#`s, up to the end of the line).
    heading: &'static str,
    runs: &'static [&'static [&'static str]],
}

const fn section(
    doc: &'static str,
    heading: &'static str,
    runs: &'static [&'static [&'static str]],
) -> Section {
    Section { doc, heading, runs }
}

/// The text of the section opened by a heading that starts with `heading`, up to the next heading
/// of the same or a higher level.
fn section_text(doc: &str, heading: &str) -> String {
    let path = format!("{}/{doc}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("documentation is readable");
    let mut lines = text.lines();
    let level = lines
        .by_ref()
        .find_map(|line| {
            let level = line.chars().take_while(|&c| c == '#').count();
            (level > 0 && line[level..].trim_start().starts_with(heading)).then_some(level)
        })
        .unwrap_or_else(|| panic!("{doc} has no heading {heading:?}"));
    let mut in_fence = false;
    let mut body = String::new();
    for line in lines {
        in_fence ^= line.starts_with("```");
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if !in_fence && hashes > 0 && hashes <= level && line[hashes..].starts_with(' ') {
            break;
        }
        body.push_str(line);
        body.push('\n');
    }
    body
}

/// The ```json blocks and the inline code spans of a section.
fn code_parts(section: &str) -> (Vec<String>, Vec<String>) {
    let mut blocks = Vec::new();
    let mut prose = String::new();
    let mut block: Option<String> = None;
    for line in section.lines() {
        match (&mut block, line.starts_with("```")) {
            (None, true) => block = Some(String::new()),
            (Some(b), true) => {
                blocks.push(std::mem::take(b));
                block = None;
            }
            (Some(b), false) => b.push_str(&format!("{line}\n")),
            (None, false) => prose.push_str(&format!("{line}\n")),
        }
    }
    let spans = prose
        .split('`')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect();
    (blocks, spans)
}

/// The identifiers (`[A-Za-z_][A-Za-z0-9_]*`) of a text.
fn identifiers(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|word| word.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_'))
}

/// The words written as `"word"` and followed (after spaces) by one of `ends`.
fn quoted_then(text: &str, ends: &[char]) -> BTreeSet<String> {
    text.split('"')
        .collect::<Vec<_>>()
        .windows(2)
        .enumerate()
        .filter(|(k, pair)| {
            k % 2 == 0 && !pair[1].is_empty() && identifiers(pair[1]).next() == Some(pair[1])
        })
        .filter_map(|(k, pair)| {
            let rest = text.split('"').nth(k + 2)?;
            rest.trim_start()
                .starts_with(|c| ends.contains(&c))
                .then(|| pair[1].to_string())
        })
        .collect()
}

/// `"key"` followed by `:` (in a block) or by `:`, `,`, `}` or `]` (in an inline shape).
fn listed_keys(blocks: &[String], spans: &[String]) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for block in blocks {
        keys.extend(quoted_then(block, &[':']));
    }
    for span in spans.iter().filter(|s| s.starts_with('{')) {
        keys.extend(quoted_then(span, &[':', ',', '}', ']']));
    }
    keys
}

/// Every identifier in a code block or a code span.
fn mentioned(blocks: &[String], spans: &[String]) -> BTreeSet<String> {
    blocks
        .iter()
        .chain(spans)
        .flat_map(|text| identifiers(text).map(String::from))
        .collect()
}

/// Every object key at any depth.
fn keys_of(value: &Value, into: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                into.insert(key.clone());
                keys_of(child, into);
            }
        }
        Value::Array(items) => items.iter().for_each(|child| keys_of(child, into)),
        _ => {}
    }
}

/// Keys that are data, not names: the language codes counted by `rows_per_language`.
const LANGUAGE_CODES: &[&str] = &["da", "en", "nb"];

/// Stands, in a run's arguments, for a response file with rows answered in the Danish draft.
const DRAFT_BATCH: &str = "<draft batch>";
/// Norms of the bundled example by language, written by `psym norms` into the temporary directory.
const NORMS_FILE: &str = "<norms file>";

fn check(sections: &[Section]) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let draft_batch = dir.path().join("draft_batch.csv");
    std::fs::write(
        &draft_batch,
        "id,lang,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10,i11,i12\n\
         a,nb,1,2,3,4,5,6,7,1,2,3,4,5\n\
         b,da,1,2,3,4,5,6,7,1,2,3,4,5\n",
    )
    .expect("the temporary file is writable");
    let norms_file = dir.path().join("norms.json");
    let norms_path = norms_file.to_str().expect("a UTF-8 temporary path");
    psym([
        "norms",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--group",
        "lang",
        "--out",
        norms_path,
    ])
    .expect_code(0);
    let mut failures = Vec::new();
    for Section { doc, heading, runs } in sections {
        let (blocks, spans) = code_parts(&section_text(doc, heading));
        let listed = listed_keys(&blocks, &spans);
        let mentioned = mentioned(&blocks, &spans);
        let mut seen = BTreeSet::new();
        for args in *runs {
            let args: Vec<&std::ffi::OsStr> = args
                .iter()
                .map(|&a| match a {
                    DRAFT_BATCH => draft_batch.as_os_str(),
                    NORMS_FILE => norms_file.as_os_str(),
                    a => a.as_ref(),
                })
                .collect();
            let run = psym(&args);
            assert!(run.code < 2, "psym {args:?} failed:\n{}", run.stderr);
            keys_of(&run.json(), &mut seen);
        }
        let data_keys = |key: &&String| !LANGUAGE_CODES.contains(&key.as_str());
        let missing: Vec<_> = listed.difference(&seen).filter(data_keys).collect();
        let undocumented: Vec<_> = seen.difference(&mentioned).filter(data_keys).collect();
        if !missing.is_empty() {
            failures.push(format!(
                "{doc} {heading}: listed but in no output: {missing:?}"
            ));
        }
        if !undocumented.is_empty() {
            failures.push(format!(
                "{doc} {heading}: output but not documented: {undocumented:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "JSON and its documentation differ:\n{}",
        failures.join("\n")
    );
}

const BFI: &str = "instruments/ipip-bfi-25.json";
const BANDS: &str = "docs/examples/alliance-bands.json";
const BFI_DATA: &str = "tests/data/bfi.csv";
const PROBLEMS_DATA: &str = "docs/examples/batch_with_problems.csv";
const HS_DATA: &str = "tests/data/HolzingerSwineford1939.csv";
const HS_MODEL: &str = "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6; speed =~ x7 + x8 + x9";

#[test]
#[rustfmt::skip]
fn json_outputs_have_the_documented_keys() {
    check(&[
        section("docs/json.md", "`psym validate`", &[
            &["validate", "--instrument", ALLIANCE, PROBLEMS_DATA, "--format", "json"],
            &["validate", "--instrument", ALLIANCE, DRAFT_BATCH, "--lang-column", "lang", "--format", "json"],
            &["validate", "--instrument", "tests/data/sav/items4.json", "tests/data/sav/alliance.zsav", "--format", "json"],
        ]),
        section("docs/json.md", "`psym score`", &[
            &["score", "--instrument", ALLIANCE, PROBLEMS_DATA, "--format", "json"],
            &["score", "--instrument", BANDS, PROBLEMS_DATA, "--format", "json"],
            &["score", "--instrument", ALLIANCE, DRAFT_BATCH, "--norms", NORMS_FILE, "--format", "json"],
        ]),
        section("docs/json.md", "`psym norms`", &[
            &["norms", "--instrument", ALLIANCE, ALLIANCE_DATA, "--group", "lang", "--format", "json"],
            // Two respondents: a small norm sample, so `warnings` has entries.
            &["norms", "--instrument", ALLIANCE, DRAFT_BATCH, "--group", "lang", "--format", "json"],
        ]),
        section("docs/json.md", "`psym compare`", &[
            &["compare", "--instrument", ALLIANCE, ALLIANCE_DATA, "--group", "lang", "--format", "json"],
        ]),
        section("docs/json.md", "`psym careless`", &[
            &["careless", "--instrument", ALLIANCE, ALLIANCE_DATA, "--synonym-cutoff", "0.4", "--format", "json"],
            &["validate", "--careless", "--instrument", ALLIANCE, ALLIANCE_DATA, "--format", "json"],
        ]),
        section("docs/json.md", "`psym agreement`", &[
            &["agreement", "--instrument", ALLIANCE, "tests/data/dyads_both.csv", "--pair-by", "dyad", "--perspective", "rater", "--format", "json"],
        ]),
        section("docs/json.md", "`psym multilevel`", &[
            &["multilevel", "--instrument", ALLIANCE, "tests/data/clients_by_caseworker.csv", "--cluster", "caseworker", "--format", "json"],
        ]),
        section("docs/json.md", "`psym reliability`", &[
            &["reliability", "--instrument", ALLIANCE, ALLIANCE_DATA, "--scale", "goal", "--bootstrap", "20", "--format", "json"],
            &["reliability", "--instrument", ALLIANCE, ALLIANCE_DATA, "--scale", "total", "--format", "json"],
            &["reliability", "--items", "A1 A2 A3 A4 A5", BFI_DATA, "--format", "json"],
            &["reliability", "--ordinal", "--instrument", ALLIANCE, ALLIANCE_DATA, "--scale", "total", "--format", "json"],
            &["reliability", "--instrument", ALLIANCE, ALLIANCE_DATA, "--group", "lang", "--format", "json"],
        ]),
        section("docs/json.md", "`psym cor`", &[
            &["cor", "--instrument", ALLIANCE, ALLIANCE_DATA, "--format", "json"],
            &["cor", "--instrument", ALLIANCE, ALLIANCE_DATA, "--method", "polychoric", "--format", "json"],
            &["cor", "--instrument", ALLIANCE, ALLIANCE_DATA, "--method", "polychoric", "--collapse", "5", "--format", "json"],
            &["efa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--factors", "3", "--format", "json"],
            &["efa", "--instrument", BFI, BFI_DATA, "--factors", "5", "--format", "json"],
            &["efa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--factors", "3", "--group", "lang", "--format", "json"],
            // Four factors in two groups of 500: a Heywood case, so `diagnostics` has entries.
            &["efa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--factors", "4", "--group", "lang", "--format", "json"],
            &["parallel", "--instrument", ALLIANCE, ALLIANCE_DATA, "--format", "json"],
        ]),
        section("docs/json.md", "`psym cfa`", &[
            &["cfa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--modindices", "10", "--residuals", "--format", "json"],
            &["cfa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--alliance-models", "--format", "json"],
            &["cfa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--group", "lang", "--estimator", "mlr", "--format", "json"],
            &["cfa", "--model-text", HS_MODEL, HS_DATA, "--format", "json"],
            // A factor with two indicators: a Heywood case, so `diagnostics` has entries.
            &["cfa", "--model-text", "f =~ x1 + x2 + x3; g =~ x7 + x8", HS_DATA, "--format", "json"],
            &["cfa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--ordered", "all", "--format", "json"],
            &["cfa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--ordered", "all", "--collapse", "5", "--format", "json"],
            &["cfa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--ordered", "all", "--alliance-models", "--format", "json"],
            &["cfa", "tests/data/ordinal_groups.csv", "--model-text", "f1 =~ y1 + y2 + y3 + y4; f2 =~ y4 + y5 + y6 + y7",
              "--ordered", "all", "--group", "lang", "--group-equal", "thresholds", "--format", "json"],
            // nobody in 'nb' answered 1 on i5: not fitted, the categories reported
            &["cfa", "--instrument", ALLIANCE, ALLIANCE_DATA, "--ordered", "all", "--group", "lang", "--format", "json"],
        ]),
        section("docs/json.md", "`psym invariance --ordered`", &[
            &["invariance", "tests/data/ordinal_groups.csv", "--group", "lang", "--model-text",
              "f1 =~ y1 + y2 + y3 + y4; f2 =~ y4 + y5 + y6 + y7", "--ordered", "all", "--format", "json"],
        ]),
        section("docs/translation.md", "`psym translate check", &[
            &["translate", "check", ALLIANCE, "--format", "json"],
        ]),
        section("docs/translation.md", "`psym translate status", &[
            &["translate", "status", ALLIANCE, "--format", "json"],
        ]),
    ]);
}
