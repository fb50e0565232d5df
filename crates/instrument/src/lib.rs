//! psym-instrument (being written).
