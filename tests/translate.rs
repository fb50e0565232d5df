//! `psym translate`: checks, status, export → edit → import round trips, malformed work files,
//! rendering.

use std::path::{Path, PathBuf};

use crate::util::{ALLIANCE, psym, repo};

/// A temporary copy of the shipped instrument, so imports can rewrite it.
fn copy_alliance(dir: &Path) -> PathBuf {
    let dest = dir.join("open-alliance-12.json");
    std::fs::copy(repo(ALLIANCE), &dest).unwrap();
    dest
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn item_text(file: &Path, index: usize, lang: &str) -> Option<String> {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    v["items"][index]["text"][lang].as_str().map(str::to_owned)
}

fn record(file: &Path, index: usize, lang: &str) -> serde_json::Value {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    v["items"][index]["translations"][lang].clone()
}

#[test]
fn approved_bokmaal_passes_and_danish_draft_fails_with_paths() {
    psym(["translate", "check", ALLIANCE, "--lang", "nb"])
        .expect_code(0)
        .stdout_has("clean");
    let run = psym([
        "translate",
        "check",
        ALLIANCE,
        "--lang",
        "da",
        "--format",
        "json",
    ]);
    run.expect_code(1);
    let v = run.json();
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"$.items[8].text.da"), "{paths:?}");
    assert!(paths.contains(&"$.instructions.da"), "{paths:?}");
    assert_eq!(v["errors"], 5);
}

#[test]
fn undeclared_language_or_missing_file_cannot_run() {
    psym(["translate", "check", ALLIANCE, "--lang", "sv"])
        .expect_code(2)
        .stderr_has("not declared");
    psym(["translate", "status", "no/such.json"]).expect_code(2);
}

#[test]
fn every_shipped_instrument_runs() {
    for file in [
        "instruments/ipip-bfi-25.json",
        "instruments/wai-sr-key.json",
        ALLIANCE,
    ] {
        let run = psym(["translate", "check", file]);
        assert!(run.code == 0 || run.code == 1, "{file}: {}", run.stderr);
        let run = psym(["translate", "status", file, "--format", "json"]);
        assert!(run.code == 0 || run.code == 1, "{file}: {}", run.stderr);
    }
}

#[test]
fn status_counts_items_per_step() {
    let run = psym(["translate", "status", ALLIANCE, "--format", "json"]);
    run.expect_code(1);
    let v = run.json();
    let da = &v["languages"][1];
    assert_eq!(da["language"], "da");
    assert_eq!(da["items_with_text"], 8);
    assert_eq!(v["languages"][0]["complete"], true);
    psym(["translate", "status", ALLIANCE]).stdout_has("left to do");
}

#[test]
fn csv_round_trip_fills_the_danish_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let inst = copy_alliance(dir.path());
    let work = dir.path().join("da.csv");
    psym([
        "translate",
        "export",
        s(&inst),
        "--lang",
        "da",
        "--out",
        s(&work),
    ])
    .expect_code(0);
    let text = std::fs::read_to_string(&work).unwrap();
    // The text contains a comma, so it is quoted as CSV requires.
    let edited = text.replace(
        "i9,I feel that my caseworker respects me.,,draft,",
        "i9,I feel that my caseworker respects me.,\"Jeg føler, at min sagsbehandler respekterer mig.\",forward,",
    );
    assert_ne!(text, edited, "the i9 row was found");
    std::fs::write(&work, edited).unwrap();
    let run = psym([
        "translate",
        "import",
        s(&inst),
        s(&work),
        "--by",
        "T1",
        "--date",
        "2026-11-23",
    ]);
    run.expect_code(0).stdout_has("$.items[8].text.da");
    assert_eq!(
        item_text(&inst, 8, "da").as_deref(),
        Some("Jeg føler, at min sagsbehandler respekterer mig.")
    );
    let rec = record(&inst, 8, "da");
    assert_eq!(rec["status"], "forward");
    assert_eq!(rec["steps"][0]["by"], "T1");
    // The rewritten instrument still loads and keeps whole numbers whole.
    let raw = std::fs::read_to_string(&inst).unwrap();
    assert!(raw.contains("\"min\": 1,"), "whole numbers stay whole");
    psym([
        "translate",
        "check",
        s(&inst),
        "--lang",
        "da",
        "--format",
        "json",
    ])
    .expect_code(1);
}

#[test]
fn xliff_round_trip_sends_a_changed_approved_text_back_to_review() {
    let dir = tempfile::tempdir().unwrap();
    let inst = copy_alliance(dir.path());
    let work = dir.path().join("nb.xlf");
    psym([
        "translate",
        "export",
        s(&inst),
        "--lang",
        "nb",
        "--out",
        s(&work),
    ])
    .expect_code(0);
    let text = std::fs::read_to_string(&work).unwrap();
    let new = "Jeg har tillit til saksbehandleren min.";
    std::fs::write(
        &work,
        text.replace("Jeg stoler på saksbehandleren min.", new),
    )
    .unwrap();
    psym([
        "translate",
        "import",
        s(&inst),
        s(&work),
        "--date",
        "2026-11-23",
    ])
    .expect_code(0)
    .stdout_has("back to reviewed");
    assert_eq!(item_text(&inst, 9, "nb").as_deref(), Some(new));
    assert_eq!(record(&inst, 9, "nb")["status"], "reviewed");
    psym(["translate", "status", s(&inst)]).expect_code(1);
    // Approving it again.
    let text = std::fs::read_to_string(&work).unwrap();
    std::fs::write(
        &work,
        text.replace(new, "Jeg stoler helt på saksbehandleren min."),
    )
    .unwrap();
    psym([
        "translate",
        "import",
        s(&inst),
        s(&work),
        "--approve",
        "--by",
        "SL",
        "--date",
        "2026-11-24",
    ])
    .expect_code(0);
    assert_eq!(record(&inst, 9, "nb")["status"], "approved");
    psym(["translate", "check", s(&inst), "--lang", "nb"]).expect_code(0);
}

#[test]
fn xlsform_round_trip_updates_labels_and_items() {
    use psym_translate::workfile::{read_xlsx, write_xlsx};
    let dir = tempfile::tempdir().unwrap();
    let inst = copy_alliance(dir.path());
    let work = dir.path().join("alliance-xlsform.xlsx");
    // The Danish draft keeps the form from data collection unless drafts are asked for.
    psym([
        "translate",
        "export",
        s(&inst),
        "--format",
        "xlsform",
        "--out",
        s(&work),
        "--include-drafts",
    ])
    .expect_code(0);
    let mut tables = read_xlsx(&std::fs::read(&work).unwrap()).unwrap();
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["survey", "choices", "settings"]);
    let survey = &mut tables[0];
    let da = survey
        .header
        .iter()
        .position(|h| h == "label::Danish (da)")
        .expect("a label::Danish (da) column");
    let i10 = survey
        .rows
        .iter_mut()
        .find(|r| r.cells[1] == "i10")
        .unwrap();
    i10.cells[da] = "Jeg stoler på min sagsbehandler.".into();
    let choices = &mut tables[1];
    let nb = choices
        .header
        .iter()
        .position(|h| h == "label::Norwegian Bokmål (nb)")
        .unwrap();
    choices.rows[3].cells[nb] = "Iblant".into();
    std::fs::write(&work, write_xlsx(&tables).unwrap()).unwrap();
    psym([
        "translate",
        "import",
        s(&inst),
        s(&work),
        "--date",
        "2026-11-23",
    ])
    .expect_code(0);
    assert_eq!(
        item_text(&inst, 9, "da").as_deref(),
        Some("Jeg stoler på min sagsbehandler.")
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&inst).unwrap()).unwrap();
    assert_eq!(v["response_scale"]["labels"]["nb"][3], "Iblant");
}

#[test]
fn redcap_round_trip_of_one_language() {
    let dir = tempfile::tempdir().unwrap();
    let inst = copy_alliance(dir.path());
    let work = dir.path().join("redcap_dictionary.csv");
    psym([
        "translate",
        "export",
        s(&inst),
        "--lang",
        "nb",
        "--format",
        "redcap",
        "--out",
        s(&work),
    ])
    .expect_code(0);
    let text = std::fs::read_to_string(&work).unwrap();
    assert!(
        text.contains("\"1, Aldri | 2, Sjelden | 3, En gang iblant"),
        "{text}"
    );
    std::fs::write(
        &work,
        text.replace(
            "Jeg stoler på saksbehandleren min.",
            "Jeg stoler på veilederen min.",
        ),
    )
    .unwrap();
    psym(["translate", "import", s(&inst), s(&work)])
        .expect_code(1)
        .stdout_has("--lang");
    psym(["translate", "import", s(&inst), s(&work), "--lang", "nb"]).expect_code(0);
    assert_eq!(
        item_text(&inst, 9, "nb").as_deref(),
        Some("Jeg stoler på veilederen min.")
    );
}

/// Imports `content` as a work file of format `name` and expects exit 1, the given messages on
/// stdout, and the instrument untouched.
fn rejected(name: &str, content: &[u8], expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let inst = copy_alliance(dir.path());
    let before = std::fs::read(&inst).unwrap();
    let work = dir.path().join(name);
    std::fs::write(&work, content).unwrap();
    let run = psym(["translate", "import", s(&inst), s(&work)]);
    run.expect_code(1);
    for e in expected {
        run.stdout_has(e);
    }
    assert_eq!(std::fs::read(&inst).unwrap(), before, "nothing is merged");
}

const CSV_HEAD: &str = "id,source:en,target:nb,status,back_translation,notes\n";

#[test]
fn malformed_csv_rows_are_all_reported_and_nothing_merged() {
    let body = format!(
        "{CSV_HEAD}i1,My caseworker and I agree on what I want to achieve.,Helt ny tekst her.,,,\n\
         i99,Whatever.,Hva som helst.,,,\n\
         ,I trust my caseworker.,Tillit.,,,\n\
         i1,My caseworker and I agree on what I want to achieve.,Igjen.,,,\n\
         i2,We set goals.,Vi satte mål.,,,\n\
         i3,My caseworker understands where I want to be in a year's time.,Forstår.,finished,,\n"
    );
    rejected(
        "nb.csv",
        body.as_bytes(),
        &[
            "line 3 (i99): unknown id",
            "line 4: the row has no id",
            "line 5 (i1): id 'i1' appears twice (first at line 2)",
            "line 6 (i2): the source text differs",
            "line 7 (i3): unknown translation status 'finished'",
        ],
    );
}

/// Issue 9, point 10: a CSV work file saved by Excel in another dialect is read like a
/// response file (psym-data's sniffing): Windows-1252 with semicolons and a `sep=;` line,
/// UTF-16 with tabs ("Unicode text"), UTF-8 with a BOM and semicolons.
#[test]
fn csv_work_files_in_excel_dialects_are_read() {
    let row = "i10;I trust my caseworker.;Jeg stoler på saksbehandleren min. ;;;\n";
    let head = CSV_HEAD.replace(',', ";");
    let latin1: Vec<u8> = format!("sep=;\n{head}{row}")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        format!("{head}{row}")
            .replace(';', "\t")
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let bom_semicolon = format!("\u{feff}{head}{row}").into_bytes();
    for (name, bytes) in [
        ("latin1", latin1),
        ("utf16", utf16),
        ("utf8", bom_semicolon),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let inst = copy_alliance(dir.path());
        let work = dir.path().join("nb.csv");
        std::fs::write(&work, bytes).unwrap();
        psym(["translate", "import", s(&inst), s(&work)])
            .expect_code(0)
            .stdout_has("$.items[9].text.nb");
        assert_eq!(
            item_text(&inst, 9, "nb").as_deref(),
            Some("Jeg stoler på saksbehandleren min. "),
            "{name}"
        );
    }
}

#[test]
fn wrong_language_and_binary_work_files_are_rejected() {
    rejected("nb.csv", b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0", &["binary"]);
    let dir = tempfile::tempdir().unwrap();
    let inst = copy_alliance(dir.path());
    let work = dir.path().join("nb.csv");
    std::fs::write(&work, CSV_HEAD).unwrap();
    psym(["translate", "import", s(&inst), s(&work), "--lang", "da"])
        .expect_code(1)
        .stdout_has("for language 'nb', not 'da'");
}

#[test]
fn broken_xliff_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let inst = copy_alliance(dir.path());
    let work = dir.path().join("nb.xlf");
    psym([
        "translate",
        "export",
        s(&inst),
        "--lang",
        "nb",
        "--out",
        s(&work),
    ])
    .expect_code(0);
    let text = std::fs::read_to_string(&work).unwrap();
    // Line 7 holds the first <target>; break its closing tag.
    let broken = text.replacen("</target>", "</targt>", 1);
    rejected("nb.xlf", broken.as_bytes(), &["line 7", "broken XML"]);
    let unknown = text.replacen("<trans-unit id=\"i1\"", "<trans-unit id=\"i1x\"", 1);
    rejected(
        "nb.xlf",
        unknown.as_bytes(),
        &["<trans-unit id=\"i1x\">", "unknown id 'i1x'"],
    );
    let dup = text.replacen("<trans-unit id=\"i2\"", "<trans-unit id=\"i1\"", 1);
    rejected("nb.xlf", dup.as_bytes(), &["appears twice"]);
    rejected(
        "nb.xlf",
        b"<xliff version=\"2.0\"><file/></xliff>",
        &["XLIFF 1.2"],
    );
}

#[test]
fn json_import_report_lists_problems() {
    let dir = tempfile::tempdir().unwrap();
    let inst = copy_alliance(dir.path());
    let work = dir.path().join("nb.csv");
    std::fs::write(&work, format!("{CSV_HEAD}zz,x,y,,,\n")).unwrap();
    let run = psym([
        "translate",
        "import",
        s(&inst),
        s(&work),
        "--format",
        "json",
    ]);
    run.expect_code(1);
    let v = run.json();
    assert_eq!(v["merged"], false);
    assert_eq!(v["problems"][0]["location"], "line 2");
    assert_eq!(v["problems"][0]["id"], "zz");
}

#[test]
fn a_source_change_after_approval_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let inst = copy_alliance(dir.path());
    let raw = std::fs::read_to_string(&inst).unwrap();
    std::fs::write(
        &inst,
        raw.replace(
            "\"en\": \"I trust my caseworker.\"",
            "\"en\": \"I fully trust my caseworker.\"",
        ),
    )
    .unwrap();
    let run = psym([
        "translate",
        "check",
        s(&inst),
        "--lang",
        "nb",
        "--format",
        "json",
    ]);
    run.expect_code(1);
    let v = run.json();
    assert_eq!(v["findings"][0]["kind"], "source-changed");
    assert_eq!(
        v["findings"][0]["path"],
        "$.items[9].translations.nb.source_hash"
    );
}

#[test]
fn render_declares_language_and_direction() {
    let run = psym(["translate", "render", ALLIANCE, "--lang", "nb"]);
    run.expect_code(0)
        .stdout_has("<html lang=\"nb\" dir=\"ltr\">")
        .stdout_has("<meta charset=\"utf-8\">")
        .stdout_has("Jeg stoler på saksbehandleren min.");
    psym(["translate", "render", ALLIANCE, "--lang", "da"])
        .expect_code(0)
        .stdout_has("[no text in Danish]");
    psym([
        "translate",
        "render",
        ALLIANCE,
        "--lang",
        "nb",
        "--compare",
        "en",
    ])
    .expect_code(0)
    .stdout_has("I feel ill at ease when I talk with my caseworker.")
    .stdout_has("<td lang=\"en\" dir=\"ltr\"");
    psym([
        "translate",
        "render",
        ALLIANCE,
        "--lang",
        "nb",
        "--format",
        "md",
    ])
    .expect_code(0)
    .stdout_has("| 10 | Jeg stoler på saksbehandleren min. |");
    let dir = tempfile::tempdir().unwrap();
    let ar = dir.path().join("ar.json");
    let raw = std::fs::read_to_string(repo("instruments/wai-sr-key.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    v["languages"] = serde_json::json!(["en", "ar"]);
    v["name"]["ar"] = "مقياس التحالف العلاجي".into();
    std::fs::write(&ar, serde_json::to_string(&v).unwrap()).unwrap();
    psym(["translate", "render", s(&ar), "--lang", "ar"])
        .expect_code(0)
        .stdout_has("<html lang=\"ar\" dir=\"rtl\">");
}

#[test]
fn importing_an_unchanged_work_file_leaves_the_instrument_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let inst = copy_alliance(dir.path());
    for (lang, name) in [
        ("nb", "nb.xlf"),
        ("da", "da.csv"),
        ("da", "da.xlsx"),
        ("nb", "alliance-xlsform.xlsx"),
        ("nb", "nb_redcap.csv"),
    ] {
        let work = dir.path().join(name);
        psym([
            "translate",
            "export",
            s(&inst),
            "--lang",
            lang,
            "--out",
            s(&work),
            "--include-drafts",
        ])
        .expect_code(0);
        psym(["translate", "import", s(&inst), s(&work), "--lang", lang])
            .expect_code(0)
            .stdout_has("0 change(s) made");
        assert_eq!(
            std::fs::read(&inst).unwrap(),
            std::fs::read(repo(ALLIANCE)).unwrap(),
            "{name}: a no-op import rewrites the file identically"
        );
    }
}

/// Imports a hostile workbook from tests/data/bad (made by make_hostile_workbooks.py) and
/// expects exit 1 with `expected` on stdout, no panic, and the instrument untouched.
fn hostile(name: &str, expected: &str) {
    let content = std::fs::read(repo(&format!("tests/data/bad/{name}"))).unwrap();
    rejected(name, &content, &[expected]);
}

/// Issue 10, point 2: a cell pointing past the shared-string table (a panic inside calamine,
/// exit 101, before) is a problem naming sheet and cell.
#[test]
fn workbook_with_a_shared_string_index_out_of_range_is_refused() {
    hostile(
        "hostile_shared_string.xlsx",
        "sheet translation, cell B2: refers to shared string '99'",
    );
}

/// Issue 10, point 2: one value at XFD1048576 (a 512 GiB allocation and an abort, before) is
/// read sparsely and refused by its cell.
#[test]
fn workbook_with_a_value_at_xfd1048576_is_refused() {
    hostile(
        "hostile_far_cell.xlsx",
        "sheet translation, cell XFD1048576: a value in column XFD",
    );
}

/// Issue 10, point 2: a sheet spanning more cells than any work file is refused at the cell
/// that crosses the limit.
#[test]
fn workbook_wider_than_any_work_file_is_refused() {
    hostile("hostile_wide_sheet.xlsx", "spans more than 2000000 cells");
}

/// Issue 10, point 2: a 260 KB workbook unpacking to 256 MiB (6 GB of memory, before) is
/// refused after unpacking at most 64 MiB.
#[test]
fn workbook_zip_bomb_is_refused() {
    hostile(
        "hostile_zip_bomb.xlsx",
        "part xl/worksheets/sheet1.xml unpacks to more than the 64 MB",
    );
}

/// Issue 9, point 9: survey forms (XLSForm, REDCap) with a translation that is not approved
/// are refused unless `--include-drafts` is given; the approved Bokmål exports as before.
#[test]
fn survey_forms_refuse_draft_translations() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("alliance-xlsform.xlsx");
    psym([
        "translate",
        "export",
        ALLIANCE,
        "--format",
        "xlsform",
        "--out",
        s(&form),
    ])
    .expect_code(2)
    .stderr_has("the Danish (da) translation is not approved")
    .stderr_has("--include-drafts");
    assert!(!form.exists(), "nothing is written");
    psym([
        "translate",
        "export",
        ALLIANCE,
        "--format",
        "redcap",
        "--lang",
        "da",
    ])
    .expect_code(2)
    .stderr_has("REDCap");
    psym([
        "translate",
        "export",
        ALLIANCE,
        "--format",
        "redcap",
        "--lang",
        "da",
        "--include-drafts",
    ])
    .expect_code(0)
    .stdout_has("Field Label");
    psym([
        "translate",
        "export",
        ALLIANCE,
        "--format",
        "redcap",
        "--lang",
        "nb",
    ])
    .expect_code(0);
    // Translator's sheets are for drafts: never refused.
    psym([
        "translate",
        "export",
        ALLIANCE,
        "--format",
        "csv",
        "--lang",
        "da",
    ])
    .expect_code(0);
}

/// Issue 9, point 9: a rendered draft (questionnaire or review sheet, HTML or Markdown)
/// carries a visible DRAFT mark; the approved Bokmål questionnaire does not.
#[test]
fn rendered_drafts_are_marked() {
    for args in [
        vec!["--lang", "da"],
        vec!["--lang", "da", "--format", "md"],
        vec!["--lang", "da", "--compare", "en"],
        vec!["--lang", "nb", "--compare", "da", "--format", "md"],
    ] {
        let mut all = vec!["translate", "render", ALLIANCE];
        all.extend(&args);
        psym(&all)
            .expect_code(0)
            .stdout_has("DRAFT: the Danish (da) translation is not approved");
    }
    let html = psym(["translate", "render", ALLIANCE, "--lang", "da"]);
    html.stdout_has("<title>DRAFT ")
        .stdout_has("class=\"draft\"");
    let approved = psym(["translate", "render", ALLIANCE, "--lang", "nb"]);
    assert!(!approved.expect_code(0).stdout.contains("DRAFT"));
}

/// Issue 10, point 2: a zip bomb whose headers claim 1,000 bytes is caught by measuring what
/// it really unpacks to.
#[test]
fn workbook_zip_bomb_lying_about_its_size_is_refused() {
    hostile(
        "hostile_zip_bomb_lying.xlsx",
        "part xl/worksheets/sheet1.xml unpacks to more than the 64 MB",
    );
}

/// Issue 10, point 4: an integer scale of 10⁸ points (an abort after allocating per point,
/// before) is refused by the instrument loader with the limit named, exit 2.
#[test]
fn an_integer_scale_of_a_hundred_million_points_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wide.json");
    std::fs::write(
        &file,
        r#"{"id": "wide", "version": "1", "source_language": "en", "languages": ["en", "nb"],
          "name": {"en": "Wide"}, "response_scale": {"min": 1, "max": 100000000},
          "items": [{"id": "a", "text": {"en": "A"}}], "scales": [{"id": "s", "items": ["a"]}]}"#,
    )
    .unwrap();
    for command in ["check", "status"] {
        psym(["translate", command, s(&file)])
            .expect_code(2)
            .stderr_has("$.response_scale")
            .stderr_has("more than the 101 (0–100) psym accepts");
    }
}

/// Issue 11, point 1: psym-translate's advice is a value that the command line words as its
/// flag (`--approve`, `--lang`) in text and JSON, while the instrument stores the merge's
/// note without any flag.
#[test]
fn translate_advice_is_worded_as_flags_and_stored_without_them_issue_11() {
    let dir = tempfile::tempdir().unwrap();
    let inst = copy_alliance(dir.path());
    let work = dir.path().join("nb.csv");
    psym([
        "translate",
        "export",
        s(&inst),
        "--lang",
        "nb",
        "--out",
        s(&work),
    ])
    .expect_code(0);
    let text = std::fs::read_to_string(&work).unwrap();
    std::fs::write(
        &work,
        text.replace(
            "Jeg stoler på saksbehandleren min.",
            "Jeg har tillit til saksbehandleren min.",
        ),
    )
    .unwrap();
    let sentence = "approved text changed; back to reviewed until approved again";
    let dry = psym([
        "translate",
        "import",
        s(&inst),
        s(&work),
        "--dry-run",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&dry.expect_code(0).stdout).unwrap();
    let reason = &json["languages"][0]["changes"][1]["reason"];
    assert_eq!(
        reason.as_str(),
        Some(format!("{sentence} (--approve)").as_str())
    );
    psym([
        "translate",
        "import",
        s(&inst),
        s(&work),
        "--date",
        "2026-11-23",
    ])
    .expect_code(0)
    .stdout_has(&format!("{sentence} (--approve)"));
    let last = record(&inst, 9, "nb")["steps"]
        .as_array()
        .unwrap()
        .last()
        .cloned();
    assert_eq!(last.unwrap()["note"], sentence);
    // A REDCap dictionary names no language: the problem says which flag gives it.
    psym([
        "translate",
        "import",
        s(&inst),
        s(&work),
        "--from",
        "redcap",
    ])
    .expect_code(1)
    .stdout_has("a REDCap data dictionary holds one language; say which with --lang");
    let refused = psym([
        "translate",
        "import",
        s(&inst),
        s(&work),
        "--from",
        "redcap",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&refused.expect_code(1).stdout).unwrap();
    assert_eq!(
        json["problems"][0]["message"],
        "a REDCap data dictionary holds one language; say which with --lang"
    );
}

/// Issue 11, point 1: instrument files written before the merge notes were made
/// program-neutral hold notes naming `--approve`; they load, check and render, and an
/// unedited round trip leaves them byte for byte.
#[test]
fn instrument_files_with_the_old_flag_notes_still_load_issue_11() {
    let dir = tempfile::tempdir().unwrap();
    let inst = copy_alliance(dir.path());
    let old_note = "approved text changed; back to reviewed until approved again (--approve)";
    let step = "\"by\": \"review panel\",\n              \"date\": \"2026-09-22\"";
    let original = std::fs::read_to_string(&inst).unwrap();
    assert!(original.contains(step));
    let with_notes = original.replacen(
        step,
        &format!("{step},\n              \"note\": \"{old_note}\""),
        1,
    );
    std::fs::write(&inst, &with_notes).unwrap();
    psym(["translate", "check", s(&inst), "--lang", "nb"]).expect_code(0);
    psym(["translate", "status", s(&inst)]).expect_code(1);
    psym([
        "translate",
        "render",
        s(&inst),
        "--lang",
        "nb",
        "--compare",
        "en",
    ])
    .expect_code(0);
    let work = dir.path().join("nb.xlf");
    psym([
        "translate",
        "export",
        s(&inst),
        "--lang",
        "nb",
        "--out",
        s(&work),
    ])
    .expect_code(0);
    psym(["translate", "import", s(&inst), s(&work)])
        .expect_code(0)
        .stdout_has("0 change(s) made");
    assert_eq!(std::fs::read_to_string(&inst).unwrap(), with_notes);
}
