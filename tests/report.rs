//! `psym report`: the page's structure, languages, Markdown with figures, and bad input.

use crate::util::{ALLIANCE, ALLIANCE_DATA, psym};

/// The English section headings of a report with `--group`, in order.
pub const SECTIONS: [&str; 9] = [
    "What was analysed",
    "Data quality",
    "Item response distributions",
    "Scale scores",
    "Reliability",
    "Dimensionality",
    "Exploratory factor analysis",
    "Confirmatory factor analysis",
    "Measurement invariance across lang",
];

/// Writes the bundled example's report with `--group lang` into `dir` and returns its HTML.
pub fn example_report(dir: &std::path::Path, extra: &[&str]) -> String {
    let out = dir.join("report.html");
    let mut args = vec![
        "report",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--group",
        "lang",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    psym(&args).expect_code(0);
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn the_page_is_self_contained_and_has_every_section() {
    let dir = tempfile::tempdir().unwrap();
    let html = example_report(dir.path(), &[]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">"));
    assert!(html.contains("default-src 'none'"));
    assert!(!html.to_ascii_lowercase().contains("<script"));
    assert!(!html.contains(" src="), "nothing is loaded by reference");
    assert_eq!(external_urls(&html), Vec::<String>::new());
    assert_eq!(
        html.matches("<section class=\"part\"").count(),
        SECTIONS.len()
    );
    for s in SECTIONS {
        assert!(html.contains(&format!("<h2>{s}</h2>")), "{s}");
    }
    for id in ["missing", "items", "scores", "scree", "path"] {
        assert!(
            html.contains(&format!("<figure class=\"figure\" id=\"fig-{id}\">")),
            "{id}"
        );
        assert!(html.contains(&format!("<title id=\"{id}-title\">")), "{id}");
    }
    // item text takes its direction from its content (right-to-left scripts)
    assert!(html.contains("<td dir=\"auto\">My caseworker and I agree"));
}

/// URLs in the page other than the SVG namespace (a name, never fetched).
pub fn external_urls(html: &str) -> Vec<String> {
    let cleaned = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    ["http://", "https://"]
        .iter()
        .flat_map(|p| {
            cleaned
                .match_indices(p)
                .map(|(i, _)| cleaned[i..].chars().take(60).collect())
        })
        .collect()
}

#[test]
fn norwegian_report_uses_the_catalogue_and_the_norwegian_item_texts() {
    let dir = tempfile::tempdir().unwrap();
    let html = example_report(dir.path(), &["--lang", "nb"]);
    assert!(html.contains("<html lang=\"nb\" dir=\"ltr\">"));
    assert!(html.contains("<h2>Hva som ble analysert</h2>"));
    assert!(html.contains("<h2>Datakvalitet</h2>"));
    assert!(html.contains("Aldri"), "anchor labels in Norwegian");
}

/// Issue 14: the tables taken over from the commands (reliability, parallel analysis, CFA,
/// comparison, invariance, congruence) are in Norwegian too, with Norwegian numbers.
#[test]
fn norwegian_report_words_and_numbers_the_commands_tables_in_norwegian() {
    let dir = tempfile::tempdir().unwrap();
    let html = example_report(dir.path(), &["--lang", "nb"]);
    for english in [
        "rows used",
        "converged after",
        "Items of ",
        "Reliability of ",
        "Number of factors",
        "Fit of each step",
        ">holds<",
        ">configural<",
        "α if deleted",
        "extraction",
    ] {
        assert!(!html.contains(english), "English left: {english}");
    }
    for norwegian in [
        "konvergerte etter",
        // the ladder held only with freed parameters: the reading says which items differ
        "Alle trinn holdt, men først etter at parametere for i7, i10, i11 ble frigjort",
        "Ledd i goal",
        "Antall faktorer",
        ">holder<",
        ">konfigural<",
        "α uten leddet",
    ] {
        assert!(html.contains(norwegian), "missing: {norwegian}");
    }
    // Numbers: decimal comma, leading zero, minus sign, and a narrow no-break space from
    // five digits on (Språkrådet); no table cell keeps a decimal point.
    assert!(html.contains(">0,79<"), "α of goal as 0,79");
    assert!(
        html.contains("style=\"background:rgba(0,114,178,0.69)\">0,86*<"),
        "loadings with a decimal comma are still shaded"
    );
    assert!(html.contains("29\u{202F}883,9"), "AIC grouped as 29 883,9");
    let cells: Vec<&str> = html
        .split("<td")
        .skip(1)
        .filter_map(|c| c.split_once('>').map(|(_, rest)| rest))
        .filter_map(|c| c.split_once("</td>").map(|(cell, _)| cell))
        .filter(|cell| {
            let b = cell.as_bytes();
            b.windows(3)
                .any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit())
        })
        .collect();
    assert!(cells.is_empty(), "cells with a decimal point: {cells:?}");
}

/// The text a reader sees on a page: tags, the style sheet, code (file names, the
/// command line) and the cells and list entries that hold item texts (`dir="auto"`, in the
/// instrument's words) left out, entities decoded as far as the check needs.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    // elements whose content is not the report's own words
    let skipped = [
        ("<style", "</style>"),
        ("<code", "</code>"),
        ("dir=\"auto\"", "</"),
    ];
    'outer: while !rest.is_empty() {
        for (open, close) in skipped {
            if let Some(after) = rest.strip_prefix(open) {
                rest = after.split_once(close).map_or("", |(_, r)| r);
                continue 'outer;
            }
        }
        if let Some(after) = rest.strip_prefix('<') {
            rest = after.split_once('>').map_or("", |(_, r)| r);
            text.push(' ');
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        text.push(c);
        rest = &rest[c.len_utf8()..];
    }
    text.replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
}

/// Issue 14: a Norwegian report is Norwegian throughout: no sentence the report takes over
/// from the commands (notes, readings, verdicts, warnings) is left in English. English
/// function words are the test: a Norwegian text has none, an English sentence always has
/// some.
#[test]
fn norwegian_report_has_no_english_sentence() {
    let dir = tempfile::tempdir().unwrap();
    assert_no_english(&example_report(dir.path(), &["--lang", "nb"]));
}

/// The Norwegian page `html` has the ladder's decision rule and no English function word in
/// its visible text.
fn assert_no_english(html: &str) {
    let text = visible_text(html);
    assert!(
        text.contains("Beslutningsregel"),
        "the text was read: {text:.300}"
    );
    let lowered = text.to_lowercase();
    let english: Vec<&str> = [
        // (" to " is Norwegian too: two)
        " the ", " of ", " and ", " is ", " are ", " with ", " not ", " was ", " which ", " when ",
        " than ", " has ", " each ", " from ", " by ",
    ]
    .into_iter()
    .filter(|w| lowered.contains(w))
    .collect();
    let context: Vec<&str> = english
        .iter()
        .filter_map(|w| {
            let at = lowered.find(w)?;
            let from = (0..=at.saturating_sub(80))
                .rev()
                .find(|&i| lowered.is_char_boundary(i))?;
            let to = ((at + 80).min(lowered.len())..=lowered.len())
                .find(|&i| lowered.is_char_boundary(i))?;
            lowered.get(from..to)
        })
        .collect();
    assert!(
        english.is_empty(),
        "English words {english:?} in: {context:#?}"
    );
}

/// Issue 14: `--ordered all` fits the CFA's models by WLSMV (the fit of `psym cfa --ordered`,
/// scaled and robust), shows the thresholds and the category findings, says in words that the
/// items were taken as ordered categories, and runs the ordinal ladder with `--group`; the
/// page stays self-contained and the reproduce line has the options.
#[test]
fn ordered_items_are_fitted_by_wlsmv_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let html = example_report(dir.path(), &["--ordered", "all", "--collapse", "1"]);
    assert_eq!(external_urls(&html), Vec::<String>::new());
    assert!(!html.to_ascii_lowercase().contains("<script"));
    assert!(!html.contains(" src="), "nothing is loaded by reference");
    assert!(
        html.contains("--ordered all --collapse 1"),
        "the reproduce line"
    );
    assert!(html.contains("Every item was treated as ordered categories"));
    assert!(html.contains("polychoric correlations"));
    assert!(html.contains("Estimator WLSMV: 824 of 1000 rows used"));
    assert!(html.contains("Standardized loadings and thresholds of open-alliance-12"));
    assert!(html.contains("Model comparison (WLSMV, scaled-and-shifted test)"));
    assert!(html.contains("category 1 (3 answers) was merged into category 2"));
    assert!(html.contains("<figure class=\"figure\" id=\"fig-path\">"));
    // the ordinal ladder, with its thresholds step
    assert!(html.contains("Estimator WLSMV, missing data listwise."));
    assert!(html.contains(">thresholds<"));
    // one group, no merges: the scaled and robust fit of psym cfa --ordered
    let out = dir.path().join("one.html");
    psym([
        "report",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--ordered",
        "all",
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    let html = std::fs::read_to_string(out).unwrap();
    let cfa = psym([
        "cfa",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--ordered",
        "all",
        "--format",
        "json",
    ])
    .json();
    let fit = &cfa["fit"];
    let scaled = fit["scaled"]["statistic"].as_f64().unwrap();
    let df = fit["scaled"]["df"].as_f64().unwrap();
    let cfi = fit["cfi_scaled"].as_f64().unwrap();
    let robust_rmsea = fit["robust"]["rmsea"].as_f64().unwrap();
    assert!(
        html.contains(&format!(
            "χ²({df}) = {scaled:.1}, p &lt; 0.001, CFI = {cfi:.3}"
        )),
        "the scaled fit of psym cfa: {scaled:.1}, {cfi:.3}"
    );
    assert!(html.contains(&format!("RMSEA = {robust_rmsea:.3} [")));
    // standardized loading of the first item: λ √φ (delta: latent responses of variance 1)
    let est = |lhs: &str, op: &str, rhs: &str| {
        (cfa["parameters"].as_array().unwrap().iter())
            .find(|p| p["lhs"] == lhs && p["op"] == op && p["rhs"] == rhs && p["group"] == 1)
            .and_then(|p| p["est"].as_f64())
            .unwrap()
    };
    let lambda = est("goal", "=~", "i2") * est("goal", "~~", "goal").sqrt();
    let row = format!("dir=\"auto\">i2</th><td class=\"num\">{lambda:.2}</td><td class=\"num\">-");
    assert!(
        html.contains(&row),
        "the standardized loading of i2, {lambda:.2}"
    );
    psym([
        "report",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--ordered",
        "all",
        "--estimator",
        "mlr",
    ])
    .expect_code(2)
    .stderr_has("fitted by wlsmv");
    psym([
        "report",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--ordered",
        "all",
        "--missing",
        "fiml",
    ])
    .expect_code(2)
    .stderr_has("complete rows");
}

/// Issue 14: the ordinal sections of a Norwegian report are Norwegian throughout.
#[test]
fn norwegian_ordinal_report_has_no_english_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let extra = ["--lang", "nb", "--ordered", "all", "--collapse", "1"];
    let html = example_report(dir.path(), &extra);
    assert!(html.contains("Alle leddene ble behandlet som ordnede kategorier"));
    assert_no_english(&html);
}

/// Issue 14: the options a user looks for (factors and rotation of the EFA, estimator and
/// missing-data rule of the CFA) change those sections and appear in the reproduce line. The
/// CFA's scaled test is the one `psym cfa` computes with the same options (the same library
/// call, so the printed figures agree to the digits shown).
#[test]
fn factors_rotation_estimator_and_missing_reach_their_sections() {
    let dir = tempfile::tempdir().unwrap();
    let options = [
        "--factors",
        "2",
        "--rotation",
        "varimax",
        "--estimator",
        "mlr",
        "--missing",
        "fiml",
    ];
    // without --group: the ladder takes the same fit options, and a FIML ladder with its
    // partial search takes a minute in a debug build
    let out = dir.path().join("report.html");
    let out = out.to_str().unwrap();
    let mut args = vec![
        "report",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--out",
        out,
    ];
    args.extend(options);
    psym(&args).expect_code(0);
    let html = std::fs::read_to_string(out).unwrap();
    assert!(
        html.contains(&options.join(" ")),
        "the reproduce line has the options"
    );
    assert!(html.contains("minres extraction, varimax rotation"));
    assert!(
        html.contains(">F2<") && !html.contains(">F3<"),
        "two factors"
    );
    let cfa = psym([
        "cfa",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--estimator",
        "mlr",
        "--missing",
        "fiml",
        "--format",
        "json",
    ])
    .json();
    let scaled = cfa["fit"]["chisq_scaled"].as_f64().unwrap();
    assert!(
        html.contains(&format!(
            "Scaled test (yuan.bentler.mplus): χ² = {scaled:.2}"
        )),
        "the scaled χ² of psym cfa, {scaled:.2}"
    );
    assert!(
        html.contains("Estimator MLR: 1000 of 1000 rows used"),
        "FIML uses every row"
    );
    psym([
        "report",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--estimator",
        "wlsmv",
    ])
    .expect_code(2)
    .stderr_has("ml or mlr");
}

/// Issue 14: admissibility is spelled out for every fitted model, not only the first.
#[test]
fn admissibility_is_spelled_out_for_every_model() {
    let dir = tempfile::tempdir().unwrap();
    let html = example_report(dir.path(), &[]);
    for model in [
        "open-alliance-12",
        "one-factor",
        "two-factor",
        "three-factor",
        "bifactor",
    ] {
        assert!(
            html.contains(&format!("<li dir=\"auto\">{model}: admissible")),
            "{model}"
        );
    }
}

/// Issue 14: data quality shows the careless-responding counts exactly as `psym validate
/// --careless` computes them (same passes, same default thresholds), and the flagged rows
/// stay in the analysis.
#[test]
fn the_report_shows_the_careless_counts_of_validate_and_keeps_the_flagged_rows() {
    let dir = tempfile::tempdir().unwrap();
    let html = example_report(dir.path(), &[]);
    let validate = psym([
        "validate",
        "--careless",
        "--format",
        "json",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
    ])
    .expect_code(1)
    .json();
    let summary = &validate["careless"]["summary"];
    let flagged = summary["flagged"].as_u64().unwrap();
    assert!(flagged > 0, "the example has flagged respondents");
    assert!(html.contains(&format!("{flagged} of 1000 respondents were flagged")));
    for t in validate["careless"]["thresholds"].as_array().unwrap() {
        let index = t["index"].as_str().unwrap();
        let count = summary["indices"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["index"] == index)
            .unwrap();
        let row = format!(
            "<td>{}</td><td>{}</td>",
            count["computed"], count["flagged"]
        );
        let at = html.find(&format!("<th scope=\"row\" dir=\"auto\">{index}</th>"));
        let at = at.unwrap_or_else(|| panic!("no row for {index}"));
        let rest = &html[at..];
        let end = rest.find("</tr>").unwrap();
        assert!(
            rest[..end].replace(" class=\"num\"", "").contains(&row),
            "{index}: {}",
            &rest[..end]
        );
    }
    assert!(html.contains("Of 1000 rows read, 1000 had at least one answer and were analysed"));
}

#[test]
fn markdown_writes_the_figures_beside_it_and_figures_dir_gets_each_svg() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("report.md");
    let figs = dir.path().join("figs");
    psym([
        "report",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--out",
        md.to_str().unwrap(),
        "--figures",
        figs.to_str().unwrap(),
    ])
    .expect_code(0);
    let text = std::fs::read_to_string(&md).unwrap();
    for id in ["missing", "items", "scores", "scree", "path"] {
        assert!(text.contains(&format!("({id}.svg)")), "{id}");
        for folder in [dir.path(), figs.as_path()] {
            let svg = std::fs::read_to_string(folder.join(format!("{id}.svg"))).unwrap();
            assert!(svg.starts_with("<svg"), "{id}");
            assert!(svg.contains("role=\"img\""), "{id}");
        }
    }
    assert!(
        !text.contains("Measurement invariance"),
        "no group, no invariance"
    );
}

#[test]
fn markdown_to_standard_output_is_refused() {
    psym([
        "report",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--format",
        "md",
    ])
    .expect_code(2)
    .stderr_has("--format md needs --out FILE");
}

#[test]
fn a_group_column_with_one_value_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("one.csv");
    let header = "id,lang,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10,i11,i12";
    let rows = "R1,en,3,4,5,6,7,1,2,3,4,5,6,7\nR2,en,5,6,7,1,2,3,4,5,6,7,1,2";
    std::fs::write(&data, format!("{header}\n{rows}\n")).unwrap();
    psym([
        "report",
        "--instrument",
        ALLIANCE,
        data.to_str().unwrap(),
        "--group",
        "lang",
    ])
    .expect_code(2)
    .stderr_has("--group lang has 1 distinct value(s)");
}

#[test]
fn a_report_is_never_written_over_the_data() {
    psym([
        "report",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--out",
        ALLIANCE_DATA,
    ])
    .expect_code(2);
}

#[test]
fn a_language_the_instrument_lacks_falls_back_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bfi.html");
    psym([
        "report",
        "--instrument",
        "instruments/ipip-bfi-25.json",
        "tests/data/bfi.csv",
        "--lang",
        "nb",
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(0)
    .stderr_has(
        "instrument 'ipip-bfi-25' has no 'nb' texts; item texts and anchor labels are in 'en'",
    );
    let html = std::fs::read_to_string(out).unwrap();
    assert!(html.contains("<h2>Datakvalitet</h2>"));
}

/// A batch whose items have no variance still gets its report: the analyses that cannot run
/// say why in their sections, and the exit status is 1.
#[test]
fn analyses_that_cannot_run_are_explained_in_their_sections() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bad.html");
    psym([
        "report",
        "--instrument",
        ALLIANCE,
        "docs/examples/batch_with_problems.csv",
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(1);
    let html = std::fs::read_to_string(out).unwrap();
    assert!(
        html.contains("problem(s) were found, in"),
        "validation summary"
    );
    assert!(html.contains("Not computed: model &#39;open-alliance-12&#39;: the sample covariance matrix is not positive definite"));
}

/// Right-to-left item text (an Arabic wording given as the instrument's English text here)
/// keeps its own direction inside a left-to-right page.
#[test]
fn right_to_left_item_text_takes_its_direction_from_its_content() {
    let dir = tempfile::tempdir().unwrap();
    let mut inst: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ALLIANCE).unwrap()).unwrap();
    let arabic = "أنا ومرشدي متفقان على ما أريد تحقيقه";
    inst["items"][0]["text"]["en"] = serde_json::Value::from(arabic);
    let path = dir.path().join("alliance-rtl.json");
    std::fs::write(&path, serde_json::to_string(&inst).unwrap()).unwrap();
    let out = dir.path().join("rtl.html");
    psym([
        "report",
        "--instrument",
        path.to_str().unwrap(),
        ALLIANCE_DATA,
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    let html = std::fs::read_to_string(out).unwrap();
    assert!(html.contains(&format!("<td dir=\"auto\">{arabic}</td>")));
}

/// Issue 14: `--lang` of an instrument language written right to left (Arabic here, which the
/// catalogue lacks) gives the item texts in that language, each marked to take its direction
/// from its content, inside a page whose own words fall back to English (left to right).
#[test]
fn lang_of_a_right_to_left_item_language_renders_item_text_right_to_left() {
    let dir = tempfile::tempdir().unwrap();
    let mut inst: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ALLIANCE).unwrap()).unwrap();
    let arabic = "أنا ومرشدي متفقان على ما أريد تحقيقه";
    inst["languages"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::Value::from("ar"));
    inst["items"][0]["text"]["ar"] = serde_json::Value::from(arabic);
    let path = dir.path().join("alliance-ar.json");
    std::fs::write(&path, serde_json::to_string(&inst).unwrap()).unwrap();
    let out = dir.path().join("ar.html");
    psym([
        "report",
        "--instrument",
        path.to_str().unwrap(),
        ALLIANCE_DATA,
        "--lang",
        "ar",
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(0)
    .stderr_has("the report's words have no 'ar' catalogue");
    let html = std::fs::read_to_string(out).unwrap();
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(
        html.contains(&format!("<td dir=\"auto\">{arabic}</td>")),
        "the Arabic item text in a cell that takes its direction from its content"
    );
    assert!(html.contains("<h2>Data quality</h2>"));
}
