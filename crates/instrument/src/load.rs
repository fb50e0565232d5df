//! Reading instrument files from disk, merging their text overlays, and checking them.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::check::{Defect, check};
use crate::error::{InstrumentError, InstrumentErrorKind};
use crate::language::is_language_tag;
use crate::model::Instrument;
use crate::overlay::TextOverlay;

/// Loads an instrument file, merges its sibling text overlays (`<stem>.<lang>.json` in the same
/// folder, see [`TextOverlay`]) and checks the result.
///
/// # Errors
/// The file cannot be read, is not valid JSON of the format (with line and column), or fails
/// the checks of [`check`](crate::check) (with every defect and its JSON path).
pub fn load(path: &Path) -> Result<Instrument, InstrumentError> {
    let overlays = sibling_overlays(path);
    load_with_overlays(path, &overlays)
}

/// Loads an instrument file and merges the given overlay files into it, then checks it.
///
/// # Errors
/// As [`load`]; an overlay that does not fit the instrument is reported against its own path.
pub fn load_with_overlays(
    path: &Path,
    overlays: &[PathBuf],
) -> Result<Instrument, InstrumentError> {
    let mut inst: Instrument = read_json(path)?;
    for overlay_path in overlays {
        let overlay: TextOverlay = read_json(overlay_path)?;
        let defects = overlay.merge_into(&mut inst);
        if !defects.is_empty() {
            return Err(InstrumentError::new(
                overlay_path,
                InstrumentErrorKind::Invalid(defects),
            ));
        }
    }
    validated(path, inst)
}

/// Parses an instrument from a JSON string and checks it; `origin` names it in errors.
///
/// # Errors
/// As [`load`], without the I/O.
pub fn from_json_str(json: &str, origin: &Path) -> Result<Instrument, InstrumentError> {
    let inst = parse_json(json, origin)?;
    validated(origin, inst)
}

fn validated(path: &Path, inst: Instrument) -> Result<Instrument, InstrumentError> {
    let defects: Vec<Defect> = check(&inst);
    if defects.is_empty() {
        Ok(inst)
    } else {
        Err(InstrumentError::new(
            path,
            InstrumentErrorKind::Invalid(defects),
        ))
    }
}

fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T, InstrumentError> {
    let bytes =
        fs::read(path).map_err(|e| InstrumentError::new(path, InstrumentErrorKind::Io(e)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        InstrumentError::new(
            path,
            InstrumentErrorKind::Syntax {
                line: 1,
                column: 1,
                message: format!(
                    "the file is not UTF-8 (invalid byte at offset {}); save it as UTF-8",
                    e.utf8_error().valid_up_to()
                ),
            },
        )
    })?;
    parse_json(text.trim_start_matches('\u{feff}'), path)
}

fn parse_json<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, InstrumentError> {
    serde_json::from_str(text).map_err(|e| {
        InstrumentError::new(
            path,
            InstrumentErrorKind::Syntax {
                line: e.line(),
                column: e.column(),
                message: format!(
                    "not a valid instrument file: {}",
                    e.to_string().split(" at line ").next().unwrap_or("")
                ),
            },
        )
    })
}

/// Files `<stem>.<lang>.json` next to `path` whose middle part is a language tag, sorted by name.
pub fn sibling_overlays(path: &Path) -> Vec<PathBuf> {
    let (Some(dir), Some(stem)) = (path.parent(), path.file_stem().and_then(|s| s.to_str())) else {
        return Vec::new();
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let prefix = format!("{stem}.");
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_prefix(&prefix))
                .and_then(|rest| rest.strip_suffix(".json"))
                .is_some_and(is_language_tag)
        })
        .collect();
    found.sort();
    found
}
