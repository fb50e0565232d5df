//! psym-sem (being written).
