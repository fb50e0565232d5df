//! Loading steps shared by the commands that analyse scale scores (`agreement`, `compare`,
//! `multilevel`, `norms`): the instrument's scorer and a whole file scored as `psym score`
//! scores it.

use std::path::{Path, PathBuf};

use anyhow::Context;
use psym_data::ReadOptions;
use psym_instrument::Instrument;
use psym_score::{ScoreOptions, ScoredRows, Scorer};

use crate::cmd::common::{instrument_files, open_responses};

/// The scorer of `instrument` for the `scales` asked for (all when empty), as `psym score`
/// builds it.
pub fn scorer(instrument: &Instrument, scales: &[String]) -> anyhow::Result<Scorer> {
    Ok(Scorer::from_instrument(
        instrument,
        &ScoreOptions {
            scales: scales.to_vec(),
            min_answered: None,
        },
    )?)
}

/// A file read and scored, with the name of its id column (`None` when rows are numbered).
pub fn read_scored(
    path: &Path,
    scorer: &Scorer,
    options: &ReadOptions,
) -> anyhow::Result<(ScoredRows, Option<String>)> {
    let reader = open_responses(path, scorer.items(), options)?;
    let id_column = reader.id_column().map(str::to_owned);
    let rows = ScoredRows::collect(reader, scorer)
        .with_context(|| format!("cannot read {}", path.display()))?;
    Ok((rows, id_column))
}

/// The files a scores command reads (never to be overwritten by `--out`).
pub fn inputs(instrument: &Path, data: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = instrument_files(instrument);
    files.extend(data.iter().cloned());
    files
}
