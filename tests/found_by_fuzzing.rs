//! Defects found by the property tests and fuzz targets (docs/fuzzing.md), each with its input
//! in tests/data/bad/.

use crate::util::psym;

/// Found by the property test `token_soup_never_panics` of psym-data: `1e999` was read as
/// infinity, so `reliability` dropped the item as having no variance and `cor` reported a
/// variance of zero. It is now an invalid cell, read as missing and reported.
#[test]
fn overflowing_number_is_an_invalid_cell() {
    let run = psym([
        "reliability",
        "--items",
        "i1 i2 i3",
        "tests/data/bad/overflowing_number.csv",
        "--format",
        "json",
    ]);
    run.expect_code(0).stderr_has("1 invalid answer(s)");
    let v = run.json();
    let items = &v["scales"][0]["items"];
    assert_eq!(v["scales"][0]["n_items"], 3);
    assert_eq!(items[1]["item"], "i2");
    assert_eq!(items[1]["n"], 5);
}
