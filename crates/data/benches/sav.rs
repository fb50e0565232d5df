//! Reading an SPSS file: 100,000 cases × 41 variables (an id and 40 seven-point items, 2 %
//! system-missing, 1 % user-missing 9), bytecode-compressed as SPSS and haven write it, held in
//! memory, read row by row through `ResponseReader` with every cell checked against a 1–7
//! scale. Issue 16's target is the whole `psym score` process under 0.2 s on such a file
//! (crates/data/benches/sav_score.sh measures that); this bench isolates the reading.

use std::hint::black_box;
use std::io::Cursor;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use psym_data::sav::{SavCell, SavColumn, SavWriter};
use psym_data::{ItemSpec, ReadOptions, ResponseReader, Row};

const CASES: usize = 100_000;
const ITEMS: usize = 40;

/// The file, written by psym's own writer (the same layout as haven's, numbers as bytecode).
fn sav() -> Vec<u8> {
    let text = |name: &str| SavColumn {
        name: name.into(),
        label: None,
        numeric: false,
        value_labels: vec![],
    };
    let mut columns = vec![text("id")];
    columns.extend((1..=ITEMS).map(|k| SavColumn {
        name: format!("q{k}"),
        label: Some(format!("Question {k}")),
        numeric: true,
        value_labels: (1..=7).map(|v| (f64::from(v), format!("{v}"))).collect(),
    }));
    let mut writer = SavWriter::new(Vec::new(), Cursor::new(Vec::new()), columns);
    let mut state = 16u64;
    for case in 0..CASES {
        let id = format!("R{case:06}");
        let mut cells = vec![SavCell::Text(&id)];
        for _ in 0..ITEMS {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let r = (state >> 33) % 100;
            cells.push(SavCell::Number(match r {
                0..=1 => None,
                2 => Some(9.0),
                _ => Some((r % 7 + 1) as f64),
            }));
        }
        writer.row(&cells).expect("in memory");
    }
    writer.finish().expect("in memory")
}

fn read(c: &mut Criterion) {
    let bytes = sav();
    let items: Vec<ItemSpec> = (1..=ITEMS)
        .map(|k| ItemSpec::rating(&format!("q{k}"), 1.0, 7.0))
        .collect();
    let options = ReadOptions {
        missing_codes: vec![9.0],
        ..Default::default()
    };
    let mut group = c.benchmark_group("sav");
    group.sample_size(10);
    group.throughput(Throughput::Elements(CASES as u64));
    group.bench_function("read 100,000 cases x 41 variables", |b| {
        b.iter(|| {
            let mut reader =
                ResponseReader::from_bytes("bench.sav", bytes.clone(), &items, &options).unwrap();
            let mut row = Row::default();
            let mut sum = 0.0;
            while reader.next_row(&mut row).unwrap() {
                sum += row.values.iter().filter(|v| !v.is_nan()).sum::<f64>();
            }
            black_box(sum)
        });
    });
    group.finish();
}

criterion_group!(benches, read);
criterion_main!(benches);
