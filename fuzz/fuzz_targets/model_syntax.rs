//! Model syntax: any text parsed and built into a parameter table as `psym cfa` does (one
//! group, `--std-lv`, and two groups with equal loadings), then laid out in model matrices.
#![no_main]

use libfuzzer_sys::fuzz_target;
use psym_model::{GroupEqual, Layout, ModelOptions};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if psym_model::parse(text).is_err() {
        return;
    }
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
        let Ok(table) = psym_model::from_syntax(text, options) else {
            continue;
        };
        let layout = Layout::new(&table);
        let theta = vec![0.5; table.n_free];
        for group in 1..=options.groups {
            let _ = layout.fill(&table, &theta, group);
        }
    }
});
