//! Progress of long computations (bootstrap and jackknife replicates, simulated data sets),
//! reported to whoever runs them: a progress bar in the CLI, nothing for `()`.

/// Receives progress reports. Called from worker threads, hence `Sync`; every method does
/// nothing by default.
pub trait Progress: Sync {
    /// The number of steps to come.
    fn start(&self, _total: u64) {}
    /// One step done.
    fn step(&self) {}
    /// All done.
    fn finish(&self) {}
}

/// No progress reports.
impl Progress for () {}
