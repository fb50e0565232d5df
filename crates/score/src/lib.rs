//! psym-score (being written).
