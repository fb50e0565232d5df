//! Property tests of loading instruments (bounded: about a second each in a debug build; the
//! open-ended search is `cargo fuzz`, see docs/fuzzing.md).
//!
//! - never panics: any text, and the shipped instruments with numbers, keys and brackets
//!   mutated, is loaded or refused with an error;
//! - what loads is clean and survives a round trip: writing a loaded instrument and loading it
//!   again gives the same instrument, with no defects.

use std::path::Path;

use proptest::prelude::*;
use psym_instrument::{Instrument, from_json_str};

/// Cases per property: enough to reach most fields of the three shipped instruments, few
/// enough to keep each property near a second in a debug build.
const CASES: u32 = 128;

/// The shipped instruments, as text.
fn shipped() -> Vec<String> {
    ["ipip-bfi-25", "open-alliance-12", "wai-sr-key"]
        .iter()
        .map(|id| {
            let path = psym_testdata::repo(&format!("instruments/{id}.json"));
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        })
        .collect()
}

/// One edit of an instrument's text.
#[derive(Debug, Clone)]
enum Edit {
    /// Replace the `n`-th number (counting from the start, wrapping) with `value`.
    Number(usize, &'static str),
    /// Delete `len` bytes at a relative position (per mille of the length).
    Delete(u16, u8),
    /// Insert `text` at a relative position.
    Insert(u16, &'static str),
}

fn edit() -> impl Strategy<Value = Edit> {
    let numbers = prop::sample::select(vec![
        "0",
        "-1",
        "1.5",
        "7",
        "1000",
        "1000000000",
        "1e308",
        "-1e308",
        "1e999",
        "2",
        "99",
    ]);
    let inserts = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        "\"",
        "null",
        "true",
        "\"x\"",
        "\"items\": []",
        "\"reverse\": true,",
        "\"min_answered\": 2,",
        "\"method\": \"sum\",",
        "\u{feff}",
        "\\u0000",
    ]);
    prop_oneof![
        3 => (any::<usize>(), numbers).prop_map(|(n, v)| Edit::Number(n, v)),
        1 => (0u16..1000, 1u8..40).prop_map(|(at, len)| Edit::Delete(at, len)),
        2 => (0u16..1000, inserts).prop_map(|(at, t)| Edit::Insert(at, t)),
    ]
}

/// Byte offset at `per_mille` of `text`, moved back to a character boundary.
fn offset(text: &str, per_mille: u16) -> usize {
    let mut at = text.len() * usize::from(per_mille) / 1000;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &mut String, edit: &Edit) {
    match *edit {
        Edit::Number(n, value) => {
            let runs = number_runs(text);
            if !runs.is_empty() {
                let (start, end) = runs[n % runs.len()];
                text.replace_range(start..end, value);
            }
        }
        Edit::Delete(at, len) => {
            let start = offset(text, at);
            let mut end = (start + usize::from(len)).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(start..end, "");
        }
        Edit::Insert(at, insert) => text.insert_str(offset(text, at), insert),
    }
}

/// Byte ranges of the digit runs outside strings (the JSON numbers).
fn number_runs(text: &str) -> Vec<(usize, usize)> {
    let (mut runs, mut in_string, mut escaped, mut start) = (Vec::new(), false, false, None);
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match (b.is_ascii_digit() || b == b'.', start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, i));
                start = None;
            }
            _ => {}
        }
        in_string = b == b'"';
    }
    runs
}

/// Loads `text`; a loaded instrument must have no defects and survive being written and loaded
/// again unchanged.
fn load_and_round_trip(text: &str) {
    let Ok(inst) = from_json_str(text, Path::new("property.json")) else {
        return;
    };
    assert!(psym_instrument::check(&inst).is_empty());
    let written = serde_json::to_string(&inst).expect("a loaded instrument serializes");
    let again: Instrument = from_json_str(&written, Path::new("written.json"))
        .unwrap_or_else(|e| panic!("a written instrument loads again: {e}\n{written}"));
    assert_eq!(again, inst);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_instruments_never_panic(which in 0usize..3, edits in prop::collection::vec(edit(), 1..5)) {
        let mut text = shipped().swap_remove(which);
        for e in &edits {
            apply(&mut text, e);
        }
        load_and_round_trip(&text);
    }

    #[test]
    fn any_text_never_panics(text in "\\PC{0,300}") {
        load_and_round_trip(&text);
    }
}
