//! The bundled example's report in a real browser (Debian's headless Chromium): it loads
//! with no console message (a blocked fetch under the page's Content-Security-Policy is one),
//! every figure is laid out with a non-zero size, the screenshot is taken, and the printed
//! PDF starts each of the nine sections on a page of its own.
//!
//! Without Chromium the test says so loudly and passes, so that `cargo test --workspace` runs
//! on a fresh machine; `.ci/run` installs Chromium and poppler-utils and sets
//! `PSYM_REQUIRE_BROWSER=1`, which turns a missing browser into a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::report::{SECTIONS, example_report};

/// The browser to use: `PSYM_CHROMIUM`, else `chromium` or `chromium-browser` on the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PSYM_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| [d.join("chromium"), d.join("chromium-browser")])
        .find(|p| p.is_file())
}

fn required() -> bool {
    std::env::var("PSYM_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// Runs headless Chromium on `page` with `extra` flags and a fresh profile; returns stdout
/// and stderr.
fn run_browser(browser: &Path, profile: &Path, page: &Path, extra: &[String]) -> (String, String) {
    let url = format!("file://{}", page.display());
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("chromium runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Lines of Chromium's log that carry a console message of the page.
fn console_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains(":CONSOLE")).collect()
}

#[test]
fn the_example_report_renders_in_a_real_browser() {
    let Some(browser) = chromium() else {
        assert!(
            !required(),
            "PSYM_REQUIRE_BROWSER=1 but no chromium on the PATH (apt-get install chromium)"
        );
        eprintln!(
            "\n\n*** SKIPPED the browser test: chromium is not installed \
             (apt-get install chromium; .ci/run installs it and sets PSYM_REQUIRE_BROWSER=1) ***\n\n"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html = example_report(dir.path(), &[]);
    let page = dir.path().join("report.html");

    // 1. Loading: no console message at all (errors, CSP violations of a blocked request).
    let (dom, log) = run_browser(
        &browser,
        &dir.path().join("profile-load"),
        &page,
        &["--dump-dom".into()],
    );
    assert!(
        console_lines(&log).is_empty(),
        "console: {:?}",
        console_lines(&log)
    );
    assert!(dom.contains("<h2>Data quality</h2>"), "the DOM was dumped");

    // 2. Figures laid out with a size: a copy of the page whose policy allows one inline
    // script, which writes each figure's rendered box into the DOM.
    let probe = dir.path().join("probe.html");
    std::fs::write(&probe, with_size_probe(&html)).unwrap();
    let (dom, log) = run_browser(
        &browser,
        &dir.path().join("profile-probe"),
        &probe,
        &["--dump-dom".into(), "--window-size=1200,900".into()],
    );
    assert!(
        console_lines(&log).is_empty(),
        "console: {:?}",
        console_lines(&log)
    );
    let sizes = figure_sizes(&dom);
    assert_eq!(
        sizes.len(),
        html.matches("<figure class=\"figure\"").count(),
        "{dom}"
    );
    for (id, w, h) in &sizes {
        assert!(*w > 50.0 && *h > 30.0, "figure {id} is {w} x {h}");
    }

    // 3. Screenshot.
    let shot = dir.path().join("shot.png");
    run_browser(
        &browser,
        &dir.path().join("profile-shot"),
        &page,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1200,1600".into(),
        ],
    );
    let png = std::fs::read(&shot).expect("the screenshot was written");
    assert_eq!(&png[1..4], b"PNG");
    let (w, h) = (
        u32::from_be_bytes(png[16..20].try_into().unwrap()),
        u32::from_be_bytes(png[20..24].try_into().unwrap()),
    );
    assert_eq!((w, h), (1200, 1600));
    assert!(
        png.len() > 20_000,
        "a blank screenshot is tiny ({} bytes)",
        png.len()
    );

    // 4. Printing: each section after the first starts a page.
    let pdf = dir.path().join("report.pdf");
    run_browser(
        &browser,
        &dir.path().join("profile-pdf"),
        &page,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
        ],
    );
    let bytes = std::fs::read(&pdf).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF"));
    check_sections_start_pages(&pdf);
}

/// The page with its policy relaxed to one inline script that records every figure's box
/// as `data-size="w x h"` on the figure (only for this test; the report has no script).
fn with_size_probe(html: &str) -> String {
    let script = "<script>for (const f of document.querySelectorAll('figure.figure')) \
                  { const r = f.querySelector('svg').getBoundingClientRect(); \
                  f.setAttribute('data-size', r.width + 'x' + r.height); }</script>";
    html.replace(
        "default-src 'none'; style-src 'unsafe-inline'",
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'",
    )
    .replace("</body>", &format!("{script}</body>"))
}

/// (figure id, width, height) of each probed figure in a dumped DOM.
fn figure_sizes(dom: &str) -> Vec<(String, f64, f64)> {
    dom.split("<figure ")
        .skip(1)
        .filter_map(|f| {
            let attr = |name: &str| {
                let key = format!("{name}=\"");
                let i = f.find(&key)? + key.len();
                Some(f[i..i + f[i..].find('"')?].to_string())
            };
            let id = attr("id")?;
            let size = attr("data-size")?;
            let (w, h) = size.split_once('x')?;
            Some((id, w.parse().ok()?, h.parse().ok()?))
        })
        .collect()
}

/// The first section shares the first page with the title; every later section heading is
/// the first line of a page of the PDF, in order (pdftotext of poppler-utils; skipped loudly
/// without it unless the browser is required).
fn check_sections_start_pages(pdf: &Path) {
    let Ok(out) = Command::new("pdftotext").arg(pdf).arg("-").output() else {
        assert!(
            !required(),
            "PSYM_REQUIRE_BROWSER=1 but pdftotext is missing (poppler-utils)"
        );
        eprintln!(
            "\n*** SKIPPED the PDF section count: pdftotext (poppler-utils) is missing ***\n"
        );
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let firsts: Vec<&str> = text
        .split('\u{c}')
        .filter_map(|page| page.lines().map(str::trim).find(|l| !l.is_empty()))
        .collect();
    let starts: Vec<&str> = firsts
        .iter()
        .copied()
        .filter(|l| SECTIONS.contains(l))
        .collect();
    assert_eq!(
        starts,
        SECTIONS[1..].to_vec(),
        "first lines of the pages: {firsts:?}"
    );
    let first_page = text.split('\u{c}').next().unwrap_or_default();
    assert!(first_page.contains(SECTIONS[0]), "{first_page}");
}
