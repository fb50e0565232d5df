//! Instrument files: any bytes loaded as `--instrument` loads them, then used as the commands
//! use a loaded instrument (item specs, scoring rules, translation check and status).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use psym_score::{ScoreOptions, Scorer};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = text.trim_start_matches('\u{feff}');
    let Ok(inst) = psym_instrument::from_json_str(text, Path::new("fuzz.json")) else {
        return;
    };
    let specs = psym_score::item_specs(&inst);
    assert_eq!(specs.len(), inst.items.len());
    let _ = psym_score::read_options(&inst);
    if let Ok(scorer) = Scorer::from_instrument(&inst, &ScoreOptions::default()) {
        let mut scores = Vec::new();
        scorer.score_into(&vec![f64::NAN; scorer.items().len()], &mut scores);
        assert_eq!(scores.len(), scorer.scales().len());
    }
    let _ = psym_translate::check(&inst, &Default::default());
    let _ = psym_translate::status(&inst);
});
