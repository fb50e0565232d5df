//! Property tests of model syntax (bounded: about a second each in a debug build; the
//! open-ended search is `cargo fuzz`, see docs/fuzzing.md).
//!
//! - a CFA written in any layout (`;` or new lines, spaces, comments, continued lines) gives
//!   the same parameter table, with lavaan's count of free parameters;
//! - never panics: any text, and any soup of the tokens model syntax is made of, is parsed and
//!   built (or refused with an error), and a table that is built can be laid out and filled.

use proptest::prelude::*;
use psym_model::{GroupEqual, Layout, ModelOptions, ParTable, from_syntax};

/// Cases per property: enough to vary sizes and layouts, few enough to keep each property near
/// a second in a debug build.
const CASES: u32 = 128;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Indicators per factor (one to four factors of two to five indicators each).
fn factor_sizes() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(2usize..=5, 1..=4)
}

/// How a model is written: the separator of formulas, the spacing around operators, whether
/// each formula ends with a comment, and whether long formulas are continued on a new line.
#[derive(Debug, Clone)]
struct Style {
    newlines: bool,
    spaces: &'static str,
    comments: bool,
    continued: bool,
}

fn style() -> impl Strategy<Value = Style> {
    (
        any::<bool>(),
        prop::sample::select(vec!["", " ", "  ", "\t"]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(newlines, spaces, comments, continued)| Style {
            newlines,
            spaces,
            comments,
            continued,
        })
}

/// `f1 =~ x1 + x2 …` for every factor, written in `style`.
fn write(sizes: &[usize], style: &Style) -> String {
    let s = style.spaces;
    let mut next = 0;
    let formulas: Vec<String> = sizes
        .iter()
        .enumerate()
        .map(|(f, &k)| {
            let names: Vec<String> = (next..next + k).map(|j| format!("x{}", j + 1)).collect();
            next += k;
            let plus = if style.continued && style.newlines {
                format!("{s}+\n{s}")
            } else {
                format!("{s}+{s}")
            };
            let comment = if style.comments { " # factor" } else { "" };
            format!("f{}{s}=~{s}{}{comment}", f + 1, names.join(&plus))
        })
        .collect();
    if style.newlines {
        formulas.join("\n")
    } else if style.comments {
        // A comment runs to the end of the line: only the last formula may carry one.
        let mut text = formulas
            .iter()
            .map(|f| f.trim_end_matches(" # factor").to_owned())
            .collect::<Vec<_>>()
            .join(";");
        text.push_str(" # factor");
        text
    } else {
        formulas.join(";")
    }
}

/// Every free index is used by some row and none is out of range.
fn indices_are_dense(table: &ParTable) -> bool {
    let mut used = vec![false; table.n_free];
    for r in &table.rows {
        match r.free {
            Some(k) if k < used.len() => used[k] = true,
            Some(_) => return false,
            None => {}
        }
    }
    used.into_iter().all(|u| u)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_layout_gives_lavaans_table(sizes in factor_sizes(), style in style()) {
        let text = write(&sizes, &style);
        let compact = write(&sizes, &Style { newlines: false, spaces: " ", comments: false, continued: false });
        let table = from_syntax(&text, &ModelOptions::default())
            .map_err(|e| TestCaseError::fail(format!("{e} in {text:?}")))?;
        // Compared as text: rows without a start value hold NaN, which is never == itself.
        let same = format!("{:?}", from_syntax(&compact, &ModelOptions::default()).unwrap());
        prop_assert_eq!(format!("{table:?}"), same);
        let (f, p): (usize, usize) = (sizes.len(), sizes.iter().sum());
        prop_assert_eq!(table.observed.len(), p);
        prop_assert_eq!(table.latent.len(), f);
        // lavaan's cfa(): p − f free loadings (the first fixed to 1), p residual variances,
        // f(f + 1)/2 factor variances and covariances.
        prop_assert_eq!(table.n_free, (p - f) + p + f * (f + 1) / 2);
        let std_lv = from_syntax(&text, &ModelOptions { std_lv: true, ..ModelOptions::default() }).unwrap();
        // With std.lv = TRUE: every loading free, factor variances fixed to 1.
        prop_assert_eq!(std_lv.n_free, p + p + f * (f - 1) / 2);
        prop_assert!(indices_are_dense(&table) && indices_are_dense(&std_lv));
    }

    #[test]
    fn any_text_never_panics(text in "\\PC{0,200}") {
        build_every_way(&text);
    }

    #[test]
    fn token_soup_never_panics(tokens in prop::collection::vec(token(), 0..60)) {
        build_every_way(&tokens.concat());
    }
}

/// The pieces model syntax is made of, including values no model should hold.
fn token() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "f", "g", "x1", "x2", "x3", "x4", "a", "b", "=~", "~~", "~", " ~ 1", "+", "*", ";", "\n",
        " ", "#c\n", "NA", "start(", "label(", "equal(", "c(", ")", ",", "\"", "1", "0", "-1",
        "0.5", "1e308", "1e999", "-1e999", "NaN", ":=", "==", "<~", "|", "(", "1*", "NA*",
    ])
}

/// Parses and builds `text` as `psym cfa` would for one group, with `--std-lv`, and for two
/// groups with equal loadings and intercepts; lays out and fills every table built.
fn build_every_way(text: &str) {
    let settings = [
        ModelOptions::default(),
        ModelOptions {
            std_lv: true,
            meanstructure: true,
            ..ModelOptions::default()
        },
        ModelOptions {
            meanstructure: true,
            groups: 2,
            group_equal: vec![GroupEqual::Loadings, GroupEqual::Intercepts],
            ..ModelOptions::default()
        },
    ];
    for options in &settings {
        let Ok(table) = from_syntax(text, options) else {
            continue;
        };
        assert!(indices_are_dense(&table), "free indices of {text:?}");
        let layout = Layout::new(&table);
        let theta = vec![0.5; table.n_free];
        for group in 1..=options.groups {
            let _ = layout.fill(&table, &theta, group);
        }
    }
}
