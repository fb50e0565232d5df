//! Checks, status, merge rules and work-file round trips of psym-translate on small inline
//! instruments and on the shipped open-alliance-12.

use std::path::Path;

use psym_instrument::Instrument;
use psym_instrument::translation::TranslationStatus;
use psym_translate::workfile::{self, WorkFormat};
use psym_translate::{
    Advice, CheckOptions, FindingKind, MergeOptions, Reason, WorkRow, check, merge, source_hash,
    status,
};

const MINI: &str = r#"{
  "id": "mini", "version": "1", "source_language": "en", "languages": ["en", "nb"],
  "name": {"en": "Alliance check", "nb": "Alliansesjekk"},
  "instructions": {"en": "Think of {caseworker}.", "nb": "Tenk på {caseworker}."},
  "response_scale": {"min": 1, "max": 3, "labels": {"en": ["Never", "Sometimes", "Always"], "nb": ["Aldri", "Noen ganger", "Alltid"]}},
  "items": [
    {"id": "q1", "text": {"en": "I trust {caseworker}.", "nb": "Jeg stoler på {caseworker}."},
     "translations": {"nb": {"status": "approved", "back_translation": "I trust {caseworker}.",
       "steps": [{"status": "approved", "by": "SL", "date": "2026-10-20"}], "source_hash": "HASH_Q1"}}},
    {"id": "q2", "text": {"en": "We agree on the goals of my plan.", "nb": "Vi er enige om målene i planen min."}}
  ],
  "scales": [{"id": "s", "items": ["q1", "q2"]}]
}"#;

fn mini() -> Instrument {
    let json = MINI.replace("HASH_Q1", &source_hash("I trust {caseworker}."));
    psym_instrument::from_json_str(&json, Path::new("mini.json")).unwrap()
}

fn kinds(inst: &Instrument) -> Vec<(String, FindingKind)> {
    check(inst, &CheckOptions::default())
        .findings
        .into_iter()
        .map(|f| (f.path, f.kind))
        .collect()
}

#[test]
fn a_clean_translation_has_no_findings() {
    assert_eq!(kinds(&mini()), vec![]);
}

/// An edit that should trigger one finding.
type Edit = fn(&mut Instrument);

#[test]
fn each_check_fires_with_its_path() {
    let cases: Vec<(&str, Edit, FindingKind)> = vec![
        (
            "$.items[1].text.nb",
            |i| {
                i.items[1].text.remove("nb");
            },
            FindingKind::MissingText,
        ),
        (
            "$.items[1].text.nb",
            |i| {
                i.items[1].text.insert("nb".into(), " ".into());
            },
            FindingKind::EmptyText,
        ),
        (
            "$.items[1].text.nb",
            |i| {
                i.items[1]
                    .text
                    .insert("nb".into(), "Vi er enige om målene ".into());
            },
            FindingKind::UntrimmedText,
        ),
        (
            "$.response_scale.labels.nb",
            |i| {
                i.response_scale
                    .as_mut()
                    .unwrap()
                    .labels
                    .get_mut("nb")
                    .unwrap()
                    .pop();
            },
            FindingKind::AnchorCount,
        ),
        (
            "$.response_scale.labels.nb[2]",
            |i| {
                i.response_scale
                    .as_mut()
                    .unwrap()
                    .labels
                    .get_mut("nb")
                    .unwrap()[2] = "Aldri".into();
            },
            FindingKind::AnchorDuplicate,
        ),
        (
            "$.items[0].text.nb",
            |i| {
                i.items[0]
                    .text
                    .insert("nb".into(), "Jeg stoler på saksbehandleren.".into());
            },
            FindingKind::PlaceholderMissing,
        ),
        (
            "$.items[0].text.nb",
            |i| {
                i.items[0]
                    .text
                    .insert("nb".into(), "Jeg stoler på {saksbehandler}.".into());
            },
            FindingKind::PlaceholderExtra,
        ),
        (
            "$.items[1].text.nb",
            |i| {
                i.items[1]
                    .text
                    .insert("nb".into(), "We agree on the goals of my plan.".into());
            },
            FindingKind::IdenticalToSource,
        ),
        (
            "$.items[0].translations.nb.source_hash",
            |i| {
                i.items[0]
                    .text
                    .insert("en".into(), "I really trust {caseworker}.".into());
            },
            FindingKind::SourceChanged,
        ),
        (
            "$.items[0].translations.nb.source_hash",
            |i| {
                i.items[0].translations.get_mut("nb").unwrap().source_hash = None;
            },
            FindingKind::NoSourceHash,
        ),
        (
            "$.items[1].text.nb",
            |i| {
                i.items[1].text.insert("nb".into(), "Enige.".into());
            },
            FindingKind::LengthRatio,
        ),
        (
            "$.items[0].translations.nb.back_translation",
            |i| {
                i.items[0]
                    .translations
                    .get_mut("nb")
                    .unwrap()
                    .back_translation = None;
            },
            FindingKind::NoBackTranslation,
        ),
        (
            "$.items[0].translations.nb.steps[0].date",
            |i| {
                i.items[0].translations.get_mut("nb").unwrap().steps[0].date = "20.10.2026".into();
            },
            FindingKind::StepDate,
        ),
        (
            "$.items[1].text.nb",
            |i| {
                i.items[1].text.insert(
                    "nb".into(),
                    "Vi er enige om m\u{0430}lene i planen min.".into(),
                );
            },
            FindingKind::MixedScripts,
        ),
    ];
    for (path, edit, kind) in cases {
        let mut inst = mini();
        edit(&mut inst);
        let found = kinds(&inst);
        assert!(
            found.contains(&(path.to_owned(), kind)),
            "{kind} at {path} expected, found {found:?}"
        );
    }
}

#[test]
fn errors_and_warnings_are_counted_apart() {
    let mut inst = mini();
    inst.items[1].text.remove("nb");
    inst.items[1]
        .text
        .insert("en".into(), "We agree on the goals of my plan. ".into());
    let report = check(&inst, &CheckOptions::default());
    assert_eq!(report.errors, 1);
    assert_eq!(report.warnings, 1, "{:?}", report.findings);
}

fn shipped() -> Instrument {
    psym_instrument::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../instruments/open-alliance-12.json"
    )))
    .unwrap()
}

#[test]
fn shipped_bokmaal_is_clean_and_approved_danish_is_an_incomplete_draft() {
    let inst = shipped();
    let nb = check(
        &inst,
        &CheckOptions {
            languages: vec!["nb".into()],
            ..Default::default()
        },
    );
    assert_eq!(
        nb.findings,
        vec![],
        "the approved nb version must pass every check"
    );
    let da = check(
        &inst,
        &CheckOptions {
            languages: vec!["da".into()],
            ..Default::default()
        },
    );
    let missing: Vec<&str> = da
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::MissingText)
        .map(|f| f.unit.as_str())
        .collect();
    assert_eq!(missing, ["@instructions", "i9", "i10", "i11", "i12"]);
    let mut no_scale_name = inst.clone();
    no_scale_name.scales[0].name.remove("da");
    assert!(
        kinds(&no_scale_name)
            .contains(&("$.scales[0].name.da".to_owned(), FindingKind::MissingText))
    );
    let table = status(&inst);
    let nb = &table.languages[0];
    assert!(nb.complete);
    assert_eq!(nb.reached, vec![12; 7]);
    let da = &table.languages[1];
    assert!(!da.complete);
    assert_eq!(da.items_with_text, 8);
    assert_eq!(da.reached, vec![8, 8, 5, 1, 0, 0, 0]);
}

fn row(id: &str, target: &str) -> WorkRow {
    WorkRow {
        location: format!("row {id}"),
        id: id.into(),
        target: Some(target.into()),
        ..Default::default()
    }
}

#[test]
fn changed_approved_text_goes_back_to_reviewed_unless_approved() {
    let mut inst = mini();
    let options = MergeOptions::new("2026-11-23");
    let report = merge(
        &mut inst,
        "nb",
        &[row("q1", "Jeg har tillit til {caseworker}.")],
        &options,
    )
    .unwrap();
    assert_eq!(
        inst.items[0].translations["nb"].status,
        TranslationStatus::Reviewed
    );
    assert!(
        report
            .changes
            .iter()
            .any(|c| c.field == "status" && c.new == "reviewed")
    );
    let approve = MergeOptions {
        approve: true,
        by: Some("SL".into()),
        ..options
    };
    merge(
        &mut inst,
        "nb",
        &[row("q1", "Jeg stoler på {caseworker}.")],
        &approve,
    )
    .unwrap();
    let rec = &inst.items[0].translations["nb"];
    assert_eq!(rec.status, TranslationStatus::Approved);
    assert_eq!(rec.steps.last().unwrap().by, "SL");
    assert_eq!(
        rec.source_hash.as_deref(),
        Some(source_hash("I trust {caseworker}.").as_str())
    );
}

#[test]
fn a_bad_row_merges_nothing() {
    let mut inst = mini();
    let before = inst.clone();
    let rows = [
        row("q2", "Ny tekst som er lang nok."),
        row("q9", "x"),
        row("", "y"),
        row("q2", "z"),
    ];
    let problems = merge(&mut inst, "nb", &rows, &MergeOptions::new("2026-11-25")).unwrap_err();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert_eq!(inst, before);
}

#[test]
fn every_format_round_trips_an_edit() {
    for &format in WorkFormat::ALL {
        let mut inst = mini();
        let dir =
            std::env::temp_dir().join(format!("psym-translate-rt-{format}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("work.{format}"));
        let bytes = workfile::export(&inst, "nb", format, "mini.json").unwrap();
        // Unedited: importing changes nothing.
        std::fs::write(&path, &bytes).unwrap();
        let reports = workfile::import(
            &mut inst,
            &path,
            format,
            Some("nb"),
            &MergeOptions::new("2026-11-25"),
        )
        .unwrap();
        assert!(
            reports.iter().all(|r| r.changes.is_empty()),
            "{format}: {reports:?}"
        );
        // Edited: one text changes.
        let edited = edit_work_file(
            &bytes,
            format,
            "Vi er enige om målene i planen min.",
            "Vi er samstemte om målene i planen min.",
        );
        std::fs::write(&path, edited).unwrap();
        let reports = workfile::import(
            &mut inst,
            &path,
            format,
            Some("nb"),
            &MergeOptions::new("2026-11-25"),
        )
        .unwrap();
        assert_eq!(
            inst.items[1].text["nb"], "Vi er samstemte om målene i planen min.",
            "{format}"
        );
        assert_eq!(reports[0].changes.len(), 1, "{format}: {reports:?}");
        std::fs::remove_dir_all(&dir).ok();
    }
}

fn edit_work_file(bytes: &[u8], format: WorkFormat, from: &str, to: &str) -> Vec<u8> {
    if format.is_binary() {
        let mut tables = workfile::read_xlsx(bytes).unwrap();
        for t in &mut tables {
            for r in &mut t.rows {
                for c in &mut r.cells {
                    if c == from {
                        *c = to.to_owned();
                    }
                }
            }
        }
        workfile::write_xlsx(&tables).unwrap()
    } else {
        String::from_utf8(bytes.to_vec())
            .unwrap()
            .replace(from, to)
            .into_bytes()
    }
}

/// Texts a round trip must keep exactly: leading, trailing and no-break spaces, and starts a
/// spreadsheet reads as a formula (neutralised in CSV, restored on import).
const AWKWARD: &str = r#"{
  "id": "awkward", "version": "1", "source_language": "en", "languages": ["en", "nb"],
  "name": {"en": "Awkward", "nb": " Vanskelig "},
  "instructions": {"en": "Answer.", "nb": "Svar\u00a0"},
  "response_scale": {"min": 1, "max": 3, "labels": {"en": ["-1", "0", "+1"], "nb": [" -1", "0 ", "'+1"]}},
  "items": [
    {"id": "q1", "text": {"en": "I trust my caseworker.", "nb": " Jeg stoler på saksbehandleren. "},
     "translations": {"nb": {"status": "approved", "back_translation": " I trust my caseworker.",
       "notes": "=SUM(A1)", "steps": [{"status": "approved", "by": "SL", "date": "2026-10-20"}],
       "source_hash": "HASH_Q1"}}},
    {"id": "q2", "text": {"en": "We agree.", "nb": "=Vi er enige.\u00a0"},
     "translations": {"nb": {"status": "approved", "source_hash": "fnv1a64:0000000000000000"}}},
    {"id": "q3", "text": {"en": "We talk.", "nb": "@Vi snakker"},
     "translations": {"nb": {"status": "reviewed"}}}
  ],
  "scales": [{"id": "s", "items": ["q1", "q2", "q3"]}]
}"#;

fn awkward() -> Instrument {
    let json = AWKWARD.replace("HASH_Q1", &source_hash("I trust my caseworker."));
    psym_instrument::from_json_str(&json, Path::new("awkward.json")).unwrap()
}

/// Issue 10, point 7: an unedited export → import round trip changes nothing, in every
/// work-file format: spaces and no-break spaces are kept, approved texts stay approved, texts
/// beginning with `=`, `+`, `-`, `@` come back exactly, and the stale source hash of `q2` is
/// not refreshed by an import that approves nothing.
#[test]
fn unedited_round_trip_changes_nothing_in_every_format() {
    for &format in WorkFormat::ALL {
        let mut inst = awkward();
        let before = inst.clone();
        let bytes = workfile::export(&inst, "nb", format, "awkward.json").unwrap();
        let per_lang = workfile::read(&bytes, format, &inst, Some("nb")).unwrap();
        assert_eq!(per_lang.len(), 1, "{format}");
        let report = merge(
            &mut inst,
            "nb",
            &per_lang[0].1,
            &MergeOptions::new("2026-11-25"),
        )
        .unwrap();
        assert_eq!(report.changes, vec![], "{format}");
        assert_eq!(inst, before, "{format}");
    }
}

/// Issue 10, point 7: CSV cells that a spreadsheet would run as formulas are written with a
/// protective apostrophe; REDCap dictionaries are not (they go to REDCap, which would show it).
#[test]
fn csv_work_files_neutralise_formula_starts() {
    let inst = awkward();
    let csv = String::from_utf8(workfile::export(&inst, "nb", WorkFormat::Csv, "a.json").unwrap())
        .unwrap();
    for cell in ["'=Vi er enige.", "'@Vi snakker", "'=SUM(A1)", "'-1", "''+1"] {
        assert!(csv.contains(cell), "{cell} in {csv}");
    }
    let redcap =
        String::from_utf8(workfile::export(&inst, "nb", WorkFormat::Redcap, "a.json").unwrap())
            .unwrap();
    assert!(redcap.contains(",=Vi er enige."), "{redcap}");
}

/// Issue 10, point 7: `--approve` on an edited approved text records the new approval (who,
/// when) instead of leaving the old approver credited; approving a text whose source changed
/// records a step too.
#[test]
fn approving_an_edited_approved_text_records_a_new_step() {
    let mut inst = awkward();
    let approve = MergeOptions {
        approve: true,
        by: Some("adjudicator:KH".into()),
        date: "2026-11-25".into(),
    };
    let mut edited = row("q1", "Jeg har tillit til saksbehandleren.");
    edited.status = Some("approved".into());
    let mut unchanged_stale = row("q2", "=Vi er enige.\u{a0}");
    unchanged_stale.status = Some("approved".into());
    merge(&mut inst, "nb", &[edited, unchanged_stale], &approve).unwrap();
    for (k, note) in [
        (0, "text changed; approved again"),
        (
            1,
            "source text changed since the last approval; approved again",
        ),
    ] {
        let rec = &inst.items[k].translations["nb"];
        assert_eq!(rec.status, TranslationStatus::Approved);
        let last = rec.steps.last().unwrap();
        assert_eq!(
            (last.by.as_str(), last.date.as_str(), last.note.as_deref()),
            ("adjudicator:KH", "2026-11-25", Some(note))
        );
    }
    assert_eq!(
        inst.items[1].translations["nb"].source_hash.as_deref(),
        Some(source_hash("We agree.").as_str())
    );
    // Approving the same text again records nothing new.
    let steps = inst.items[0].translations["nb"].steps.len();
    let mut again = row("q1", "Jeg har tillit til saksbehandleren.");
    again.status = Some("approved".into());
    let report = merge(&mut inst, "nb", &[again], &approve).unwrap();
    assert_eq!(report.changes, vec![]);
    assert_eq!(inst.items[0].translations["nb"].steps.len(), steps);
}

/// Issue 11, point 1: what a merge decided is a value (`Reason`) whose advice is the option
/// `MergeOptions::approve`; the workflow step stores the stable note, which names no option.
#[test]
fn merge_reasons_are_values_and_stored_notes_name_no_option() {
    let mut inst = mini();
    let mut asks_approval = row("q2", "Vi er enige om målene.");
    asks_approval.status = Some("approved".into());
    let rows = [row("q1", "Jeg har tillit til {caseworker}."), asks_approval];
    let report = merge(&mut inst, "nb", &rows, &MergeOptions::new("2026-11-23")).unwrap();
    let reasons: Vec<Reason> = report.changes.iter().filter_map(|c| c.reason).collect();
    assert_eq!(
        reasons,
        [Reason::ApprovedTextChanged, Reason::CannotApprove]
    );
    assert_eq!(Reason::CannotApprove.advice(), Some(Advice::Approve));
    assert_eq!(
        Reason::ApprovedTextChanged.to_string(),
        "approved text changed; back to reviewed until approved again (MergeOptions::approve)"
    );
    assert_eq!(
        Reason::CannotApprove.to_string(),
        "a work file cannot approve without MergeOptions::approve; set to reviewed"
    );
    for (k, reason) in [(0, Reason::ApprovedTextChanged), (1, Reason::CannotApprove)] {
        let note = inst.items[k].translations["nb"]
            .steps
            .last()
            .unwrap()
            .note
            .clone();
        assert_eq!(note.as_deref(), Some(reason.note()));
        assert!(
            !reason.note().contains("--") && !reason.note().contains("MergeOptions"),
            "{}",
            reason.note()
        );
    }
    // The library's JSON of a change names the reason, not a sentence.
    let json = serde_json::to_value(&report.changes[1]).unwrap();
    assert_eq!(json["reason"], "approved-text-changed");
}

/// Issue 11, point 1: the advice of a finding and of a work-file problem is a value, worded
/// by the caller (here as the library's options).
#[test]
fn findings_and_work_file_problems_carry_advice_as_values() {
    let json = MINI.replace(r#", "source_hash": "HASH_Q1""#, "");
    let inst = psym_instrument::from_json_str(&json, Path::new("mini.json")).unwrap();
    let report = check(&inst, &CheckOptions::default());
    let f = report
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::NoSourceHash)
        .unwrap();
    assert_eq!(f.kind.advice(), Some(Advice::Reapprove));
    assert!(!f.message.contains("psym"), "{}", f.message);
    assert!(
        f.describe(|a| a.to_string())
            .ends_with("cannot be detected; re-approve with merge with MergeOptions::approve"),
        "{f}"
    );
    let dictionary = workfile::export(&inst, "nb", WorkFormat::Redcap, "mini.json").unwrap();
    let problems = workfile::read(&dictionary, WorkFormat::Redcap, &inst, None).unwrap_err();
    assert_eq!(problems[0].advice, Some(Advice::Language));
    assert_eq!(
        problems[0].to_string(),
        "line 1: a REDCap data dictionary holds one language; say which with the lang argument"
    );
    assert_eq!(
        problems[0].describe(|a| format!("<{a:?}>")),
        "line 1: a REDCap data dictionary holds one language; say which with <Language>"
    );
}
