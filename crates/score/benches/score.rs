//! Throughput of `psym score`'s pipeline: read, validate and score 1,000,000 rows × 36 items
//! from an in-memory CSV and write the scores as CSV to a sink.
//! Target (issue 2): at least 1,000,000 rows per second on one core.

use std::hint::black_box;
use std::io::sink;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use psym_data::{ReadOptions, ResponseReader, Row};
use psym_report::score::{CsvScores, ScoreColumns, ScoreRow, ScoreWriter};
use psym_score::{ScoreOptions, Scorer};

const ROWS: usize = 1_000_000;
const ITEMS: usize = 36;
const SCALES: usize = 6;

fn instrument() -> psym_instrument::Instrument {
    let items: Vec<String> = (1..=ITEMS)
        .map(|i| format!(r#"{{"id": "q{i}", "reverse": {}}}"#, i % 5 == 0))
        .collect();
    let scales: Vec<String> = (0..SCALES)
        .map(|s| {
            let ids: Vec<String> = (1..=ITEMS / SCALES)
                .map(|k| format!("\"q{}\"", s * ITEMS / SCALES + k))
                .collect();
            format!(
                r#"{{"id": "s{s}", "items": [{}], "min_answered": 0.5}}"#,
                ids.join(",")
            )
        })
        .collect();
    let json = format!(
        r#"{{"id": "bench", "version": "1", "source_language": "en", "languages": ["en"],
            "name": {{"en": "bench"}}, "response_scale": {{"min": 1, "max": 7}},
            "items": [{}], "scales": [{}]}}"#,
        items.join(","),
        scales.join(",")
    );
    psym_instrument::from_json_str(&json, Path::new("bench.json")).expect("valid instrument")
}

/// A deterministic response file: ids, then 36 answers on 1–7 with an occasional blank.
fn responses() -> Vec<u8> {
    let mut out = String::with_capacity(ROWS * (ITEMS * 2 + 10));
    out.push_str("id");
    for i in 1..=ITEMS {
        out.push_str(&format!(",q{i}"));
    }
    out.push('\n');
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    for r in 0..ROWS {
        out.push_str(&format!("r{r}"));
        for _ in 0..ITEMS {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let v = state % 50;
            if v == 0 {
                out.push(',');
            } else {
                out.push(',');
                out.push(char::from(b'1' + (v % 7) as u8));
            }
        }
        out.push('\n');
    }
    out.into_bytes()
}

fn score_all(scorer: &Scorer, data: Vec<u8>) -> u64 {
    let mut reader =
        ResponseReader::from_bytes("bench.csv", data, scorer.items(), &ReadOptions::default())
            .expect("readable");
    let columns = ScoreColumns {
        id: "id".into(),
        kept: vec![],
        scales: scorer.scales().iter().map(|s| s.id.clone()).collect(),
        derived: vec![],
    };
    let mut writer = CsvScores::new(sink(), &columns).expect("sink");
    let (mut row, mut scores) = (Row::default(), Vec::new());
    while reader.next_row(&mut row).expect("row") {
        scorer.score_into(&row.values, &mut scores);
        writer
            .row(ScoreRow {
                id: &row.id,
                kept: &row.kept,
                scores: &scores,
                derived: &[],
                problems: &row.problems,
            })
            .expect("write");
    }
    Box::new(writer).finish().expect("finish");
    reader.rows_read()
}

fn bench(c: &mut Criterion) {
    let scorer = Scorer::from_instrument(&instrument(), &ScoreOptions::default()).unwrap();
    let data = responses();
    let mut group = c.benchmark_group("score");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ROWS as u64));
    group.bench_function("1M rows x 36 items, csv out", |b| {
        b.iter(|| black_box(score_all(&scorer, data.clone())))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
