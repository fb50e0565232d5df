//! What a problem suggests trying: a reading setting, as a value so that a program can word it
//! as its own flag ([`ReadOptions::advise`](crate::ReadOptions::advise)).

use std::fmt;

use encoding_rs::Encoding;

use crate::DecimalMark;

/// A reading setting to try, suggested by a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Advice {
    /// Read numbers with this decimal mark ([`Dialect::decimal`](crate::Dialect::decimal)).
    Decimal(DecimalMark),
    /// Read the file in this encoding ([`Dialect::encoding`](crate::Dialect::encoding)).
    Encoding(&'static Encoding),
}

/// As a setting of [`Dialect`](crate::Dialect): `read it with decimal mark comma`.
impl fmt::Display for Advice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Advice::Decimal(mark) => write!(f, "read it with decimal mark {mark}"),
            Advice::Encoding(e) => write!(f, "read it as {}", e.name().to_lowercase()),
        }
    }
}

/// How the advice of a problem is worded: by the caller's function, else by [`Advice`]'s
/// `Display`.
pub(crate) fn words(advise: Option<fn(&Advice) -> String>, advice: &Advice) -> String {
    advise.map_or_else(|| advice.to_string(), |f| f(advice))
}
