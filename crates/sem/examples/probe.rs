#[path = "../tests/common/mod.rs"]
mod common;
use psym_model::ModelOptions;
use psym_sem::{Dataset, FitOptions, Missing, fit_syntax};
fn main() {
    let (names, x) = common::read_csv("HolzingerSwineford1939.csv");
    let data = Dataset {
        names: &names,
        values: &x,
        groups: None,
    };
    let hs = "visual =~ x1 + x2 + x3\n textual =~ x4 + x5 + x6\n speed =~ x7 + x8 + x9";
    let t = std::time::Instant::now();
    let f = fit_syntax(hs, &ModelOptions::default(), &data, &FitOptions::default()).unwrap();
    println!("{:?} {:?}", t.elapsed(), f.convergence);
    let (names, x) = common::read_csv("alliance_en_nb.csv");
    let data = Dataset {
        names: &names,
        values: &x,
        groups: None,
    };
    let m = "goal =~ i1 + i2 + i3 + i4\n task =~ i5 + i6 + i7 + i8\n bond =~ i9 + i10 + i11 + i12";
    let t = std::time::Instant::now();
    let f = fit_syntax(
        m,
        &ModelOptions::default(),
        &data,
        &FitOptions {
            missing: Missing::Fiml,
            ..Default::default()
        },
    )
    .unwrap();
    println!("{:?} {:?}", t.elapsed(), f.convergence);
}
