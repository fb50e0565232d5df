//! psym-report (being written).
