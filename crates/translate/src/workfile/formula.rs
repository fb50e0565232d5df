//! Spreadsheet formula injection in CSV work files, and its exact reversal.
//!
//! A spreadsheet opening a CSV file runs a cell that begins with `=`, `+`, `-` or `@` (and,
//! in some programs, a tab or carriage return) as a formula, so a text such as
//! `=HYPERLINK("http://…")` in an item would become a live link or command on the
//! translator's machine (OWASP, *CSV Injection*). The usual protection is a leading apostrophe,
//! which spreadsheets show as text. To keep an export → import round trip exact, the rule is
//! reversible: a text matching `'*[=+\-@\t\r]…` (any number of apostrophes, then a trigger)
//! gets one more apostrophe on export, and a text matching `'+[=+\-@\t\r]…` loses one on
//! import. Other texts, `'Tis` included, are left alone both ways.

use std::borrow::Cow;

/// Characters that make a spreadsheet read a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn triggers(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(TRIGGERS)
}

/// The text as written to a CSV work file: with a protective apostrophe when a spreadsheet
/// would read it (or, after apostrophes, its rest) as a formula.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if triggers(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text as read back from a CSV work file: [`neutralise`] undone.
pub fn restore(text: &str) -> Cow<'_, str> {
    match text.strip_prefix('\'') {
        Some(rest) if triggers(rest) => Cow::Borrowed(rest),
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_protected_and_restored_exactly() {
        for (text, written) in [
            ("=1+1", "'=1+1"),
            ("+47 22 00 00 00", "'+47 22 00 00 00"),
            ("-3", "'-3"),
            ("@caseworker", "'@caseworker"),
            ("'=1", "''=1"),
            ("'Tis", "'Tis"),
            ("'", "'"),
            ("Plain text", "Plain text"),
            ("", ""),
        ] {
            assert_eq!(neutralise(text), written);
            assert_eq!(restore(written), text);
        }
    }
}
