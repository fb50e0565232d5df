//! Every shipped instrument loads and matches the JSON Schema; defective files report every
//! defect with its JSON path.

use std::path::{Path, PathBuf};

use psym_instrument::{Defect, InstrumentErrorKind, from_json_str, load};
use psym_testdata::repo;

/// Main instrument files: `instruments/*.json` that are not text overlays (`<stem>.<lang>.json`).
fn shipped() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo("instruments"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| !p.file_stem().unwrap().to_str().unwrap().contains('.'))
        .collect();
    files.sort();
    files
}

#[test]
fn every_shipped_instrument_loads() {
    let files = shipped();
    assert!(files.len() >= 3);
    for f in files {
        load(&f).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn open_alliance_has_the_documented_structure() {
    let inst = load(&repo("instruments/open-alliance-12.json")).unwrap();
    assert_eq!(inst.items.len(), 12);
    let reversed: Vec<&str> = inst
        .items
        .iter()
        .filter(|i| i.reverse)
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(reversed, ["i4", "i11"]);
    let scales: Vec<&str> = inst.scales.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(scales, ["goal", "task", "bond", "total"]);
    assert_eq!(
        inst.scale("bond").unwrap().items,
        ["i9", "i10", "i11", "i12"]
    );
    for item in &inst.items {
        assert!(item.text.contains_key("en") && item.text.contains_key("nb"));
    }
}

/// The total over goal, task and bond implies three group factors for omega hierarchical;
/// a subscale implies none. Each item belongs to exactly one subscale.
#[test]
fn open_alliance_structure_gives_group_factors_and_membership() {
    let inst = load(&repo("instruments/open-alliance-12.json")).unwrap();
    assert_eq!(inst.group_factors("total"), Some(3));
    assert_eq!(inst.group_factors("bond"), None);
    assert_eq!(inst.group_factors("nope"), None);
    let items: Vec<String> = ["i1", "i12", "zz"].map(String::from).to_vec();
    assert_eq!(
        inst.membership(&items),
        [
            vec![true, false, false],
            vec![false, false, true],
            vec![false, false, false]
        ]
    );
}

#[test]
fn wai_sr_key_has_the_published_key_and_no_text() {
    let inst = load(&repo("instruments/wai-sr-key.json")).unwrap();
    let ids = |s: &str| inst.scale(s).unwrap().items.join(" ");
    assert_eq!(ids("task"), "wai1 wai2 wai10 wai12");
    assert_eq!(ids("bond"), "wai3 wai5 wai7 wai9");
    assert_eq!(ids("goal"), "wai4 wai6 wai8 wai11");
    assert!(inst.items.iter().all(|i| i.text.is_empty()));
    assert!(inst.citation.as_deref().unwrap().contains("Hatcher"));
}

#[test]
fn licensed_text_overlay_is_merged() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo("instruments/wai-sr-key.json"),
        dir.path().join("wai-sr-key.json"),
    )
    .unwrap();
    let overlay = r#"{"overlay_for": "wai-sr-key", "language": "en",
        "labels": ["a", "b", "c", "d", "e"], "items": {"wai1": "licensed text one"}}"#;
    std::fs::write(dir.path().join("wai-sr-key.en.json"), overlay).unwrap();
    let inst = load(&dir.path().join("wai-sr-key.json")).unwrap();
    assert_eq!(inst.item("wai1").unwrap().text["en"], "licensed text one");
    assert_eq!(inst.response_scale.unwrap().labels["en"].len(), 5);

    let wrong = r#"{"overlay_for": "wai-sr-key", "language": "en", "items": {"wai13": "x"}}"#;
    std::fs::write(dir.path().join("wai-sr-key.en.json"), wrong).unwrap();
    let err = load(&dir.path().join("wai-sr-key.json")).unwrap_err();
    assert!(err.path.ends_with("wai-sr-key.en.json"));
    assert_eq!(err.defects()[0].path, "$.items.wai13");
}

fn defects_of(json: &str) -> Vec<Defect> {
    match from_json_str(json, Path::new("t.json")) {
        Ok(_) => Vec::new(),
        Err(e) => match e.kind {
            InstrumentErrorKind::Invalid(d) => d,
            other => panic!("expected defects, got {other}"),
        },
    }
}

#[test]
fn every_defect_is_reported_with_its_path() {
    let json = r#"{
      "id": "x", "version": "1", "source_language": "en", "languages": ["en", "english"],
      "name": {"en": "X", "fr": "X"},
      "response_scale": {"min": 1, "max": 5, "labels": {"en": ["a", "b"]}},
      "missing_codes": [3],
      "items": [{"id": "a"}, {"id": "a"}, {"id": "b c"}],
      "scales": [{"id": "s", "items": ["a", "zz", "a"], "min_answered": 2},
                 {"id": "a", "items": []}]
    }"#;
    let paths: Vec<String> = defects_of(json).into_iter().map(|d| d.path).collect();
    for expected in [
        "$.languages[1]",
        "$.name.fr",
        "$.response_scale.labels.en",
        "$.missing_codes[0]",
        "$.items[1].id",
        "$.items[2].id",
        "$.scales[0].items[1]",
        "$.scales[0].items[2]",
        "$.scales[0].min_answered",
        "$.scales[1].id",
        "$.scales[1].items",
    ] {
        assert!(
            paths.iter().any(|p| p == expected),
            "{expected} not in {paths:?}"
        );
    }
}

/// A declared model naming an unknown scale, a factor without scales, a model without factors
/// and a repeated model id are each reported at their path.
#[test]
fn defective_models_are_reported_with_their_paths() {
    let json = r#"{"id": "x", "version": "1", "source_language": "en", "languages": ["en"],
      "name": {"en": "X"}, "items": [{"id": "a"}, {"id": "b"}],
      "scales": [{"id": "s", "items": ["a", "b"]}],
      "models": [{"id": "m", "factors": [{"id": "f", "scales": ["s", "nope"]},
                                          {"id": "g", "scales": []}]},
                 {"id": "m", "factors": []}]}"#;
    let paths: Vec<String> = defects_of(json).into_iter().map(|d| d.path).collect();
    assert_eq!(
        paths,
        [
            "$.models[0].factors[0].scales[1]",
            "$.models[0].factors[1].scales",
            "$.models[1].id",
            "$.models[1].factors"
        ]
    );
}

/// The alliance instruments declare the four competing models by scale ids; the bifactor
/// model's general factor takes every item once, in scale order.
#[test]
fn alliance_models_are_declared_as_data() {
    let inst = load(&repo("instruments/open-alliance-12.json")).unwrap();
    let ids: Vec<&str> = inst.models.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        ids,
        ["one-factor", "two-factor", "three-factor", "bifactor"]
    );
    let bifactor = &inst.models[3];
    assert!(bifactor.orthogonal);
    let factors = inst.model_factors(bifactor);
    assert_eq!(factors[0].0, "general");
    assert_eq!(factors[0].1.len(), 12);
    assert_eq!(
        factors[3],
        (
            "bond".to_string(),
            inst.scale("bond").unwrap().items.clone()
        )
    );
}

#[test]
fn reverse_key_without_a_scale_range_is_a_defect() {
    let json = r#"{"id": "x", "version": "1", "source_language": "en", "languages": ["en"],
      "name": {"en": "X"}, "items": [{"id": "a", "reverse": true}],
      "scales": [{"id": "s", "items": ["a"]}]}"#;
    let d = defects_of(json);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].path, "$.items[0].reverse");
}

#[test]
fn syntax_errors_have_line_and_column() {
    let err = from_json_str(
        "{\n  \"id\": \"x\",\n  \"version\" 1\n}",
        Path::new("t.json"),
    )
    .unwrap_err();
    match err.kind {
        InstrumentErrorKind::Syntax { line, column, .. } => assert_eq!((line, column), (3, 13)),
        other => panic!("{other}"),
    }
    let unknown = r#"{"id": "x", "version": "1", "source_language": "en", "languages": ["en"],
      "name": {"en": "X"}, "itmes": [], "items": [], "scales": []}"#;
    let msg = from_json_str(unknown, Path::new("t.json"))
        .unwrap_err()
        .to_string();
    assert!(msg.contains("unknown field `itmes`"), "{msg}");
}

/// The committed schema is the one generated from the types (regenerate with
/// `PSYM_WRITE_SCHEMA=1 cargo test -p psym-instrument`).
#[test]
fn committed_schema_is_current() {
    let path = repo("docs/instrument.schema.json");
    let generated = serde_json::to_string_pretty(&psym_instrument::json_schema()).unwrap() + "\n";
    if std::env::var_os("PSYM_WRITE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).expect("docs/instrument.schema.json exists");
    assert_eq!(committed, generated, "docs/instrument.schema.json is stale");
}

#[test]
fn shipped_instruments_and_the_bands_example_satisfy_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo("docs/instrument.schema.json")).unwrap(),
    )
    .unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("mem:///schema.json", schema).unwrap();
    let index = compiler
        .compile("mem:///schema.json", &mut schemas)
        .unwrap();
    // the example of score bands in docs/ too
    let examples = [repo("docs/examples/alliance-bands.json")];
    for f in shipped().into_iter().chain(examples) {
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        if let Err(e) = schemas.validate(&doc, index) {
            panic!("{} does not match the schema: {e}", f.display());
        }
    }
    let bad: serde_json::Value = serde_json::json!({"id": 3});
    assert!(schemas.validate(&bad, index).is_err());
}

/// Issue 10, point 4: an integer scale of 10⁸ points is refused before anything is done per
/// point; the widest accepted integer scale is 0–100.
#[test]
fn integer_scale_wider_than_101_points_is_refused() {
    let with_scale = |min: i64, max: i64| {
        format!(
            r#"{{"id": "x", "version": "1", "source_language": "en", "languages": ["en"],
          "name": {{"en": "X"}}, "response_scale": {{"min": {min}, "max": {max}}},
          "items": [{{"id": "a"}}], "scales": [{{"id": "s", "items": ["a"]}}]}}"#
        )
    };
    let defects = defects_of(&with_scale(1, 100_000_000));
    assert_eq!(defects.len(), 1, "{defects:?}");
    assert_eq!(defects[0].path, "$.response_scale");
    assert!(defects[0].message.contains("101"), "{}", defects[0].message);
    assert!(from_json_str(&with_scale(0, 100), Path::new("x.json")).is_ok());
    assert_eq!(defects_of(&with_scale(0, 101)).len(), 1);
}

/// Issue 9, point 10: text missing codes are declared per language; an undeclared language, a
/// blank text or a number (which belongs in `missing_codes`) is a defect.
#[test]
fn missing_texts_are_checked() {
    let json = r#"{"id": "x", "version": "1", "source_language": "en", "languages": ["en", "nb"],
      "name": {"en": "X"}, "missing_codes": [9],
      "missing_text": {"en": ["Don't know", " "], "nb": ["Vet ikke", "99"], "da": ["Ved ikke"]},
      "items": [{"id": "a"}], "scales": [{"id": "s", "items": ["a"]}]}"#;
    let paths: Vec<String> = defects_of(json).into_iter().map(|d| d.path).collect();
    assert_eq!(
        paths,
        [
            "$.missing_text.da",
            "$.missing_text.en[1]",
            "$.missing_text.nb[1]"
        ]
    );
    let fine = json
        .replace(r#", " ""#, "")
        .replace(r#", "99""#, "")
        .replace(r#", "da": ["Ved ikke"]"#, "");
    let inst = from_json_str(&fine, Path::new("x.json")).unwrap();
    assert_eq!(inst.missing_text["nb"], ["Vet ikke"]);
}
