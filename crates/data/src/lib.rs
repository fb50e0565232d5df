//! psym-data (being written).
