//! The report crate's share of `psym report`'s time: drawing the figures of a 12-item,
//! two-group report (24 diverging bars, the missingness strip, the scree plot, the path
//! diagram) and rendering a document with them as HTML. The whole process on the bundled
//! example and on 100,000 respondents is `report_100k.sh` beside this file; both are
//! recorded in docs/benchmarks.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use psym_report::doc::{Block, Document};
use psym_report::figures::{
    LikertRow, PathDiagram, Scree, likert, missing_strip, path_diagram, scree,
};
use psym_report::html::{Page, TextDirection, render_html};

fn figures() -> Vec<Block> {
    let items: Vec<String> = (1..=12).map(|i| format!("i{i}")).collect();
    let rows: Vec<LikertRow> = (0..24)
        .map(|r| LikertRow {
            label: format!("i{} · g{}", r / 2 + 1, r % 2),
            shares: vec![0.02, 0.03, 0.08, 0.17, 0.26, 0.26, 0.18],
        })
        .collect();
    let cats: Vec<String> = (1..=7).map(|k| k.to_string()).collect();
    let eig: Vec<f64> = (0..12).map(|k| 4.0 / (k as f64 + 1.0)).collect();
    let sim: Vec<f64> = (0..12).map(|k| 1.2 - 0.03 * k as f64).collect();
    let mut d = PathDiagram {
        factors: vec!["goal".into(), "task".into(), "bond".into()],
        items: items.clone(),
        ..PathDiagram::default()
    };
    d.loadings = (0..12).map(|i| (i / 4, i, "0.70".to_string())).collect();
    d.correlations = vec![
        (0, 1, "0.7".into()),
        (0, 2, "0.5".into()),
        (1, 2, "0.6".into()),
    ];
    vec![
        Block::Figure(likert("items", "Items", "d", &rows, &cats).unwrap()),
        Block::Figure(
            missing_strip(
                "missing",
                "Missing",
                "d",
                &items,
                &[0.02; 12],
                &vec!["2.0 %".to_string(); 12],
            )
            .unwrap(),
        ),
        Block::Figure(
            scree(
                "scree",
                "Scree",
                "d",
                &Scree {
                    observed_fa: &eig,
                    simulated_fa: &sim,
                    observed_pc: &eig,
                    simulated_pc: &sim,
                    labels: ["a", "b", "c", "d"],
                    x_label: "factor",
                    y_label: "eigenvalue",
                    localize: &str::to_string,
                },
            )
            .unwrap(),
        ),
        Block::Figure(path_diagram("path", "Path", "d", &d)),
    ]
}

fn bench(c: &mut Criterion) {
    c.bench_function("report figures (12 items, 2 groups)", |b| {
        b.iter(|| black_box(figures()))
    });
    let doc = Document { blocks: figures() };
    let page = Page {
        lang: "en",
        dir: TextDirection::Ltr,
        title: "bench",
    };
    c.bench_function("report html render", |b| {
        b.iter(|| black_box(render_html(&doc, &page)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
