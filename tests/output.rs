//! Output plumbing shared by every command (issue 9 point 8, issue 10 points 1 and 8): the
//! formats each command writes, JSON line ends, `--out` names, never writing over an input,
//! output files replaced whole.

use std::fs;
use std::path::{Path, PathBuf};

use crate::util::{ALLIANCE, ALLIANCE_DATA, psym, repo};

const HS: &str = "tests/data/HolzingerSwineford1939.csv";
const HS_MODEL: &str = "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The values `--help` lists under `--format`.
fn listed_formats(args: &[&str]) -> Vec<String> {
    let run = psym(args.iter().chain(&["--help"]));
    run.expect_code(0);
    let after = run
        .stdout
        .split("--format <FORMAT>")
        .nth(1)
        .unwrap_or_else(|| panic!("{args:?} has no --format:\n{}", run.stdout));
    let section = after.split("\n      --").next().unwrap();
    section
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- "))
        .map(|l| l.split(':').next().unwrap().trim().to_owned())
        .collect()
}

#[test]
fn every_command_help_lists_exactly_the_formats_it_writes() {
    let cases: [(&[&str], &[&str]); 9] = [
        (&["validate"], &["text", "json", "csv", "md"]),
        (&["score"], &["csv", "json", "xlsx", "sav"]),
        (&["reliability"], &["text", "json", "md"]),
        (&["cor"], &["text", "json", "csv", "md"]),
        (&["efa"], &["text", "json", "csv", "md"]),
        (&["parallel"], &["text", "json", "md"]),
        (&["cfa"], &["text", "json", "md"]),
        (&["translate", "check"], &["text", "json", "md"]),
        (&["translate", "status"], &["text", "json", "md"]),
    ];
    for (command, formats) in cases {
        assert_eq!(listed_formats(command), formats, "psym {command:?} --help");
    }
}

#[test]
fn an_unsupported_format_is_refused_with_exit_2() {
    let run = psym([
        "score",
        "--instrument",
        ALLIANCE,
        ALLIANCE_DATA,
        "--format",
        "md",
    ]);
    run.expect_code(2)
        .stderr_has("invalid value 'md' for '--format <FORMAT>'")
        .stderr_has("[possible values: csv, json, xlsx, sav]");
    assert!(run.stdout.is_empty());
    let run = psym(["translate", "status", ALLIANCE, "--format", "csv"]);
    run.expect_code(2)
        .stderr_has("[possible values: text, json, md]");
    assert!(run.stdout.is_empty(), "nothing written: {}", run.stdout);
    psym([
        "efa",
        ALLIANCE_DATA,
        "--instrument",
        ALLIANCE,
        "--group",
        "lang",
        "--format",
        "csv",
    ])
    .expect_code(2)
    .stderr_has("psym efa --group writes text, json or md, not csv");
}

#[test]
fn every_json_output_ends_with_a_newline() {
    let runs: [&[&str]; 9] = [
        &["validate", "--instrument", ALLIANCE, ALLIANCE_DATA],
        &["score", "--instrument", ALLIANCE, ALLIANCE_DATA],
        &["reliability", "--instrument", ALLIANCE, ALLIANCE_DATA],
        &["cor", ALLIANCE_DATA, "--instrument", ALLIANCE],
        &["efa", ALLIANCE_DATA, "--instrument", ALLIANCE],
        &[
            "parallel",
            ALLIANCE_DATA,
            "--instrument",
            ALLIANCE,
            "--iterations",
            "3",
        ],
        &["cfa", HS, "--model-text", HS_MODEL],
        &["translate", "check", ALLIANCE, "--lang", "nb"],
        &["translate", "status", ALLIANCE],
    ];
    for args in runs {
        let run = psym(args.iter().chain(&["--format", "json"]));
        assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stdout.ends_with("}\n"),
            "{args:?} ends without a newline"
        );
        run.json();
    }
}

/// A scratch folder with copies of the alliance instrument and responses.
struct Scratch {
    _dir: tempfile::TempDir,
    root: PathBuf,
    inst: PathBuf,
    data: PathBuf,
}

fn scratch() -> Scratch {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let inst = root.join("alliance.json");
    let data = root.join("responses.csv");
    fs::copy(repo(ALLIANCE), &inst).unwrap();
    fs::copy(repo(ALLIANCE_DATA), &data).unwrap();
    Scratch {
        _dir: dir,
        root,
        inst,
        data,
    }
}

#[test]
fn out_naming_an_input_is_refused_in_every_command() {
    let t = scratch();
    let model = t.root.join("model.lav");
    fs::write(&model, HS_MODEL.replace("; ", "\n")).unwrap();
    let hs = t.root.join("hs.csv");
    fs::copy(repo(HS), &hs).unwrap();
    let work = t.root.join("nb.csv");
    psym([
        "translate",
        "export",
        s(&t.inst),
        "--lang",
        "nb",
        "--out",
        s(&work),
    ])
    .expect_code(0);
    let overlay = t.root.join("alliance.nb.json");
    fs::write(&overlay, "{}").unwrap();
    let hard = t.root.join("hard-link.csv");
    fs::hard_link(&t.data, &hard).unwrap();
    let (inst, data) = (s(&t.inst), s(&t.data));
    let dotted = t.root.join(".").join("responses.csv");
    let cases: Vec<(Vec<&str>, &Path)> = vec![
        (vec!["validate", "--instrument", inst, data], &t.data),
        (vec!["validate", "--instrument", inst, data], &t.inst),
        (vec!["validate", "--instrument", inst, data], &overlay),
        (vec!["score", "--instrument", inst, data], &t.data),
        (vec!["score", "--instrument", inst, data], &hard),
        (vec!["score", "--instrument", inst, data], &dotted),
        (vec!["reliability", "--instrument", inst, data], &t.data),
        (vec!["cor", data, "--instrument", inst], &t.inst),
        (vec!["efa", data, "--instrument", inst], &t.data),
        (vec!["parallel", data, "--instrument", inst], &t.data),
        (vec!["cfa", s(&hs), "--model", s(&model)], &model),
        (vec!["cfa", s(&hs), "--model", s(&model)], &hs),
        (vec!["translate", "check", inst], &t.inst),
        (vec!["translate", "status", inst], &overlay),
        (vec!["translate", "export", inst, "--lang", "nb"], &work),
        (vec!["translate", "import", inst, s(&work)], &work),
        (vec!["translate", "import", inst, s(&work)], &overlay),
        (vec!["translate", "render", inst, "--lang", "nb"], &t.inst),
    ];
    for (args, out) in cases {
        let before = fs::read(out).unwrap();
        let run = psym(args.iter().copied().chain(["--out", s(out)]));
        run.expect_code(2);
        assert_eq!(fs::read(out).unwrap(), before, "{args:?} changed {out:?}");
    }
    psym(["score", "--instrument", inst, data, "--out", data])
        .expect_code(2)
        .stderr_has("would overwrite the input file");
}

#[cfg(unix)]
#[test]
fn out_through_a_link_to_an_input_is_refused() {
    let t = scratch();
    let link = t.root.join("scores.csv");
    std::os::unix::fs::symlink("responses.csv", &link).unwrap();
    let before = fs::read(&t.data).unwrap();
    psym([
        "score",
        "--instrument",
        s(&t.inst),
        s(&t.data),
        "--out",
        s(&link),
    ])
    .expect_code(2)
    .stderr_has("would overwrite the input file");
    assert_eq!(fs::read(&t.data).unwrap(), before);
}

#[test]
fn out_names_must_fit_the_format() {
    let t = scratch();
    let (inst, data) = (s(&t.inst), s(&t.data));
    let xlsx = t.root.join("scores.xlsx");
    psym([
        "score",
        "--instrument",
        inst,
        data,
        "--format",
        "csv",
        "--out",
        s(&xlsx),
    ])
    .expect_code(2)
    .stderr_has("names a .xlsx file, but the output is csv");
    psym(["validate", "--instrument", inst, data, "--out", s(&xlsx)])
        .expect_code(2)
        .stderr_has("writes text, json, csv or md, not xlsx");
    let csv = t.root.join("scores.csv");
    psym([
        "score",
        "--instrument",
        inst,
        data,
        "--format",
        "json",
        "--out",
        s(&csv),
    ])
    .expect_code(2);
    let md = t.root.join("scores.md");
    psym(["score", "--instrument", inst, data, "--out", s(&md)])
        .expect_code(2)
        .stderr_has("psym score writes csv, json, xlsx or sav, not md");
    assert!(!xlsx.exists() && !csv.exists() && !md.exists());
    // without --format, a known extension chooses the format; an unknown one keeps the default
    let json = t.root.join("scores.json");
    psym(["score", "--instrument", inst, data, "--out", s(&json)]).expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["scores"].as_array().unwrap().len(), 1000);
    let out = t.root.join("scores.out");
    psym(["reliability", "--instrument", inst, data, "--out", s(&out)]).expect_code(0);
    assert!(fs::read_to_string(&out).unwrap().contains("alpha"));
    let work = t.root.join("nb.xlsx");
    psym([
        "translate",
        "export",
        inst,
        "--lang",
        "nb",
        "--format",
        "csv",
        "--out",
        s(&work),
    ])
    .expect_code(2)
    .stderr_has("the output is a csv work file");
    let page = t.root.join("nb.md");
    psym([
        "translate",
        "render",
        inst,
        "--lang",
        "nb",
        "--out",
        s(&page),
    ])
    .expect_code(0);
    let page = fs::read_to_string(&page).unwrap();
    assert!(page.contains("\n# ") && !page.contains("<html"), "{page}");
}

#[cfg(unix)]
#[test]
fn an_output_file_is_replaced_whole_and_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let t = scratch();
    let out = t.root.join("scores.csv");
    fs::write(&out, "old\n").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o600)).unwrap();
    psym([
        "score",
        "--instrument",
        s(&t.inst),
        s(&t.data),
        "--out",
        s(&out),
    ])
    .expect_code(0);
    assert_eq!(fs::read_to_string(&out).unwrap().lines().count(), 1001);
    assert_eq!(
        fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let names: Vec<String> = fs::read_dir(&t.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[cfg(unix)]
#[test]
fn in_place_import_through_a_link_updates_the_linked_file() {
    use std::os::unix::fs::PermissionsExt;
    let t = scratch();
    let real = t.root.join("private");
    fs::create_dir(&real).unwrap();
    let target = real.join("alliance.json");
    fs::rename(&t.inst, &target).unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).unwrap();
    let link = t.root.join("alliance.json");
    std::os::unix::fs::symlink("private/alliance.json", &link).unwrap();
    let work = t.root.join("da.csv");
    psym([
        "translate",
        "export",
        s(&link),
        "--lang",
        "da",
        "--out",
        s(&work),
    ])
    .expect_code(0);
    let text = fs::read_to_string(&work).unwrap();
    let edited = text.replace(
        "i9,I feel that my caseworker respects me.,,draft,",
        "i9,I feel that my caseworker respects me.,Jeg føler mig respekteret.,forward,",
    );
    assert_ne!(text, edited);
    fs::write(&work, edited).unwrap();
    psym(["translate", "import", s(&link), s(&work), "--by", "T1"]).expect_code(0);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .contains("Jeg føler mig respekteret.")
    );
    assert_eq!(
        fs::metadata(&target).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn validate_json_into_a_closed_pipe_exits_0() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // every row has a problem, so the JSON report is far larger than a pipe buffers
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    let mut text = String::from("id,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10,i11,i12\n");
    for r in 0..5_000 {
        text.push_str(&format!("r{r},8,2,3,4,5,6,7,1,2,3,4,5\n"));
    }
    fs::write(&bad, text).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_psym"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "validate",
            "--instrument",
            ALLIANCE,
            s(&bad),
            "--format",
            "json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn efa_by_group_says_why_it_exits_1_in_every_format() {
    let base = [
        "efa",
        ALLIANCE_DATA,
        "--instrument",
        ALLIANCE,
        "--group",
        "lang",
        "--factors",
        "4",
    ];
    let text = psym(base);
    text.expect_code(1)
        .stdout_has("warning: group en: item i3 has communality");
    let md = psym(base.iter().chain(&["--format", "md"]));
    md.expect_code(1)
        .stdout_has("**Warning:** group en: item i3 has communality");
    let json = psym(base.iter().chain(&["--format", "json"]));
    json.expect_code(1);
    let v = json.json();
    let diagnostic = &v["groups"][0]["result"]["diagnostics"][0];
    let message = diagnostic["message"].as_str().unwrap();
    assert!(message.contains("Heywood"), "{message}");
    assert!(message.starts_with("item i3 has communality"), "{message}");
    assert_eq!(diagnostic["items"], serde_json::json!(["i3"]));
}

#[test]
fn efa_as_csv_says_why_it_exits_1_on_standard_error() {
    let run = psym([
        "efa",
        "tests/data/bfi.csv",
        "--items",
        "A1 A2 A3 A4 A5",
        "--factors",
        "3",
        "--format",
        "csv",
    ]);
    run.expect_code(1)
        .stderr_has("psym: warning: 3 factors for 5 items leave -2 degrees of freedom");
    assert!(
        run.stdout.starts_with("item,F1,F2,F3,h2,u2\n"),
        "{}",
        run.stdout
    );
}
