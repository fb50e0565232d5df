//! XLIFF 1.2 for CAT tools: one `<trans-unit>` per unit, the workflow status in the target's
//! `state` attribute, the back translation and notes in `<note from="…">`.
//!
//! States: psym writes `new` (draft), `translated` (forward), `final` (approved) and
//! `x-<status>` for the other steps (XLIFF 1.2 allows `x-` values), and `needs-translation`
//! when there is no target yet. It reads these back, plus `signed-off` as approved and
//! `needs-review-translation` as reconciled.

use std::fmt::Write;

use psym_instrument::Instrument;
use psym_instrument::translation::TranslationStatus;
use quick_xml::escape::{escape, resolve_predefined_entity};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Decoder, Reader};

use super::{WorkRow, export_rows};
use crate::error::{WorkFileProblem, problem};

const NS: &str = "urn:oasis:names:tc:xliff:document:1.2";

/// XLIFF 1.2 document translating `inst` into `lang`; `original` names the instrument file.
pub fn write(inst: &Instrument, lang: &str, original: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(s, r#"<xliff version="1.2" xmlns="{NS}">"#);
    let _ = writeln!(
        s,
        r#"  <file original="{}" source-language="{}" target-language="{}" datatype="plaintext" product-name="psym" product-version="{}">"#,
        escape(original),
        escape(inst.source_language.as_str()),
        escape(lang),
        escape(inst.version.as_str())
    );
    let _ = writeln!(s, "    <body>");
    for row in export_rows(inst, lang) {
        let _ = writeln!(
            s,
            r#"      <trans-unit id="{}" xml:space="preserve">"#,
            escape(row.id.as_str())
        );
        let _ = writeln!(
            s,
            "        <source>{}</source>",
            escape(row.source.as_deref().unwrap_or(""))
        );
        let status = row.status.as_deref().and_then(|s| s.parse().ok());
        match (&row.target, status) {
            (Some(t), st) => {
                let state = st.map_or("translated".to_owned(), state_of);
                let _ = writeln!(
                    s,
                    r#"        <target state="{state}">{}</target>"#,
                    escape(t.as_str())
                );
            }
            (None, _) => {
                let _ = writeln!(s, r#"        <target state="needs-translation"></target>"#);
            }
        }
        for (from, text) in [
            ("back-translation", &row.back_translation),
            ("reviewer", &row.notes),
        ] {
            if let Some(t) = text {
                let _ = writeln!(
                    s,
                    r#"        <note from="{from}">{}</note>"#,
                    escape(t.as_str())
                );
            }
        }
        let _ = writeln!(s, "      </trans-unit>");
    }
    let _ = writeln!(s, "    </body>\n  </file>\n</xliff>");
    s
}

fn state_of(st: TranslationStatus) -> String {
    match st {
        TranslationStatus::Draft => "new".into(),
        TranslationStatus::Forward => "translated".into(),
        TranslationStatus::Approved => "final".into(),
        other => format!("x-{other}"),
    }
}

fn status_of(state: &str) -> Result<Option<TranslationStatus>, String> {
    Ok(Some(match state {
        "" | "needs-translation" => return Ok(None),
        "new" => TranslationStatus::Draft,
        "translated" => TranslationStatus::Forward,
        "needs-review-translation" => TranslationStatus::Reconciled,
        "final" | "signed-off" => TranslationStatus::Approved,
        other => match other.strip_prefix("x-") {
            Some(s) => s.parse()?,
            None => return Err(format!("unknown XLIFF state '{other}'")),
        },
    }))
}

/// Where in the unit the text being read goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Source,
    Target,
    Back,
    Notes,
    Ignore,
}

struct Parser<'a> {
    text: &'a str,
    decoder: Decoder,
    lang: Option<String>,
    rows: Vec<WorkRow>,
    unit: Option<WorkRow>,
    slot: Option<Slot>,
    buf: String,
    problems: Vec<WorkFileProblem>,
}

/// Reads an XLIFF 1.2 document: the target language from `<file target-language>`, one row per
/// `<trans-unit>`. Broken XML is reported with its line.
pub fn read(text: &str) -> Result<(String, Vec<WorkRow>), Vec<WorkFileProblem>> {
    let mut reader = Reader::from_str(text);
    let mut p = Parser {
        text,
        decoder: reader.decoder(),
        lang: None,
        rows: Vec::new(),
        unit: None,
        slot: None,
        buf: String::new(),
        problems: Vec::new(),
    };
    reader.config_mut().check_end_names = true;
    let mut saw_root = false;
    loop {
        let pos = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                saw_root |= p.start(&e, pos, false);
            }
            Ok(Event::Empty(e)) => {
                saw_root |= p.start(&e, pos, true);
            }
            Ok(Event::End(e)) => p.end(e.local_name().as_ref()),
            Ok(Event::Text(t)) => p.push_text(&t.decode().unwrap_or_default()),
            Ok(Event::CData(t)) => p.push_text(&String::from_utf8_lossy(&t)),
            Ok(Event::GeneralRef(r)) => {
                let name = r.decode().unwrap_or_default();
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => resolve_predefined_entity(&name).map(str::to_owned),
                };
                match resolved {
                    Some(s) => p.push_text(&s),
                    None => p.problems.push(problem(
                        p.at(pos),
                        None,
                        format!("unknown entity &{name};"),
                    )),
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                let at = p.at(reader.error_position() as usize);
                p.problems
                    .push(problem(at, None, format!("broken XML: {e}")));
                break;
            }
        }
    }
    if !saw_root && p.problems.is_empty() {
        p.problems.push(problem(
            "line 1",
            None,
            "not an XLIFF 1.2 document (no <xliff version=\"1.2\"> element)",
        ));
    }
    let lang = p.lang.clone().unwrap_or_default();
    if lang.is_empty() && p.problems.is_empty() {
        p.problems.push(problem(
            "<file>",
            None,
            "the <file> element has no target-language",
        ));
    }
    if p.problems.is_empty() {
        Ok((lang, p.rows))
    } else {
        Err(p.problems)
    }
}

impl Parser<'_> {
    fn at(&self, pos: usize) -> String {
        let line = self
            .text
            .get(..pos.min(self.text.len()))
            .map_or(1, |t| t.matches('\n').count() + 1);
        format!("line {line}")
    }

    fn attr(&self, e: &BytesStart, name: &str) -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name.as_bytes())
            .and_then(|a| {
                a.decode_and_unescape_value(self.decoder)
                    .ok()
                    .map(|v| v.into_owned())
            })
    }

    /// Handles an opening tag; returns whether it was the `<xliff>` root.
    fn start(&mut self, e: &BytesStart, pos: usize, empty: bool) -> bool {
        let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
        match name.as_str() {
            "xliff" => {
                let version = self.attr(e, "version").unwrap_or_default();
                if version != "1.2" {
                    self.problems.push(problem(
                        self.at(pos),
                        None,
                        format!("XLIFF version '{version}' is not supported; use XLIFF 1.2"),
                    ));
                }
                return true;
            }
            "file" => {
                if self.lang.is_some() {
                    self.problems.push(problem(
                        self.at(pos),
                        None,
                        "more than one <file> element; export one language per file",
                    ));
                }
                self.lang = self.attr(e, "target-language");
            }
            "trans-unit" => {
                let id = self.attr(e, "id");
                let location = match &id {
                    Some(id) => format!("<trans-unit id=\"{id}\"> ({})", self.at(pos)),
                    None => format!("<trans-unit> ({})", self.at(pos)),
                };
                self.unit = Some(WorkRow {
                    location,
                    id: id.unwrap_or_default(),
                    ..WorkRow::default()
                });
                if empty {
                    self.end(b"trans-unit");
                }
            }
            "source" | "target" | "note" if self.unit.is_some() => {
                let slot = match name.as_str() {
                    "source" => Slot::Source,
                    "target" => Slot::Target,
                    _ => match self.attr(e, "from").as_deref() {
                        Some("back-translation") => Slot::Back,
                        Some("reviewer") | None => Slot::Notes,
                        Some(_) => Slot::Ignore,
                    },
                };
                if slot == Slot::Target {
                    let state = self.attr(e, "state").unwrap_or_default();
                    match status_of(&state) {
                        Ok(st) => {
                            if let Some(u) = self.unit.as_mut() {
                                u.status = st.map(|s| s.to_string());
                            }
                        }
                        Err(msg) => {
                            let id = self.unit.as_ref().map(|u| u.id.clone());
                            self.problems
                                .push(problem(self.at(pos), id.as_deref(), msg));
                        }
                    }
                }
                self.buf.clear();
                self.slot = Some(slot);
                if empty {
                    self.end(e.local_name().as_ref());
                }
            }
            _ if self.slot.is_some() => {
                let id = self.unit.as_ref().map(|u| u.id.clone());
                self.problems.push(problem(
                    self.at(pos),
                    id.as_deref(),
                    format!("inline markup <{name}> is not supported; keep the text plain (placeholders are written as {{name}})"),
                ));
            }
            _ => {}
        }
        false
    }

    fn push_text(&mut self, s: &str) {
        if self.slot.is_some() {
            self.buf.push_str(s);
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"trans-unit" => {
                if let Some(u) = self.unit.take() {
                    self.rows.push(u);
                }
            }
            b"source" | b"target" | b"note" => {
                let text = std::mem::take(&mut self.buf);
                if let (Some(u), Some(slot)) = (self.unit.as_mut(), self.slot.take()) {
                    let field = match slot {
                        Slot::Source => &mut u.source,
                        Slot::Target => &mut u.target,
                        Slot::Back => &mut u.back_translation,
                        Slot::Notes => &mut u.notes,
                        Slot::Ignore => return,
                    };
                    *field = Some(text);
                }
            }
            _ => {}
        }
    }
}
