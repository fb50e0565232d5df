//! Closed sets of named choices, defined once.
//!
//! An option such as the estimator, the rotation or the missing-data rule is a closed set: a
//! few variants, each with one canonical name that appears in help texts, error messages,
//! JSON and reports. [`closed_set!`] declares such an enum from one table of variants and
//! names, and derives from that table everything that shows a name:
//!
//! - `Display` writes the canonical name, and `Serialize` writes the same string;
//! - `FromStr` accepts the canonical name and any listed alias, ignoring case and treating
//!   `-`, `_` and `.` alike (`geomin-t` = `geomin_t`, `lv_variances` = `lv.variances`); an
//!   unknown name is an [`UnknownName`] that lists the canonical names;
//! - `ALL` lists the variants in declaration order, `name()` gives the canonical name;
//! - [`ClosedSet`], the trait over all of them (names, the variants' doc comments as help);
//! - with this crate's `clap` feature, a `clap::builder::ValueParserFactory` impl, so clap's
//!   derive (through `value_parser!`) uses the library's enum directly: the command line
//!   accepts exactly what `FromStr` accepts, refuses with the same message, and `--help`
//!   lists the canonical names with their doc comments. (Not `clap::ValueEnum`: clap prefers
//!   a `ValueEnum` impl over the factory and would then match names itself, without the
//!   aliases, case and separator rules.)
//!
//! # Example
//!
//! ```
//! psym_closed_set::closed_set! {
//!     /// Which way round.
//!     pub enum Direction: "direction" {
//!         /// Left to right.
//!         Forward => "forward" | "fwd",
//!         /// Right to left.
//!         Backward => "backward",
//!     }
//! }
//!
//! assert_eq!("FWD".parse::<Direction>(), Ok(Direction::Forward));
//! assert_eq!(Direction::Backward.to_string(), "backward");
//! assert_eq!(
//!     "up".parse::<Direction>().unwrap_err().to_string(),
//!     "unknown direction 'up' (expected forward or backward)"
//! );
//! ```
//!
//! Why one macro rather than an enum per crate with hand-written impls: the same set used to be
//! written twice (once in a library, once as the command line's mirror) with `match` glue in
//! between, and names drifted between help, errors and JSON. One table per set makes that
//! impossible.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::fmt;

#[doc(hidden)]
pub mod __private {
    #[cfg(feature = "clap")]
    pub use clap;
    pub use serde;
}

/// A name that is not one of a closed set's names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// What the set is called in messages ("rotation", "estimator").
    pub set: &'static str,
    /// The name as given.
    pub given: String,
    /// The set's canonical names, in declaration order.
    pub expected: &'static [&'static str],
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} '{}' (expected ", self.set, self.given)?;
        match self.expected.split_last() {
            Some((last, [])) => write!(f, "{last})"),
            Some((last, rest)) => write!(f, "{} or {last})", rest.join(", ")),
            None => write!(f, "nothing)"),
        }
    }
}

impl std::error::Error for UnknownName {}

/// What every closed set declared with [`closed_set!`] offers, for code that handles any of
/// them (such as the command-line parser of the `clap` feature).
pub trait ClosedSet: Copy + std::str::FromStr<Err = UnknownName> + 'static {
    /// What the set is called in messages ("rotation").
    const SET: &'static str;
    /// Every variant, in declaration order.
    fn all() -> &'static [Self];
    /// The canonical name.
    fn name(self) -> &'static str;
    /// The variant's doc comment, as one line.
    fn help(self) -> &'static str;
}

/// Whether `given` spells `name`: equal ignoring ASCII case, with `-`, `_` and `.` alike.
pub fn same_name(given: &str, name: &str) -> bool {
    let fold = |c: char| match c {
        '-' | '.' => '_',
        c => c.to_ascii_lowercase(),
    };
    given.chars().map(fold).eq(name.chars().map(fold))
}

/// Declares a closed set: an enum with one canonical name per variant and optional aliases.
///
/// See the [crate documentation](crate) for what it derives. Variant doc comments become the
/// help of each value on the command line. The enum needs `Default` by hand where it has one.
#[macro_export]
macro_rules! closed_set {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $set:literal {
            $(
                $(#[doc = $doc:literal])*
                $variant:ident => $canonical:literal $(| $alias:literal)*
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[doc = $doc])* $variant, )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The canonical names, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($canonical),+];

            /// The canonical name (as in help, messages and JSON).
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $canonical),+ }
            }

            /// The canonical name followed by the aliases.
            fn spellings(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$canonical $(, $alias)*]),+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::UnknownName;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                let given = s.trim();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.spellings().iter().any(|n| $crate::same_name(given, n)))
                    .ok_or_else(|| $crate::UnknownName {
                        set: $set,
                        given: given.to_string(),
                        expected: $name::NAMES,
                    })
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.name())
            }
        }

        impl $crate::ClosedSet for $name {
            const SET: &'static str = $set;
            fn all() -> &'static [Self] {
                $name::ALL
            }
            fn name(self) -> &'static str {
                $name::name(self)
            }
            fn help(self) -> &'static str {
                match self { $($name::$variant => concat!("" $(, $doc)*).trim()),+ }
            }
        }

        $crate::__value_parser!($name);
    };
}

/// The `clap::builder::ValueParserFactory` impl of a closed set (this crate built with its
/// `clap` feature).
#[cfg(feature = "clap")]
#[doc(hidden)]
#[macro_export]
macro_rules! __value_parser {
    ($name:ident) => {
        impl $crate::__private::clap::builder::ValueParserFactory for $name {
            type Parser = $crate::ClosedSetParser<$name>;
            fn value_parser() -> Self::Parser {
                $crate::ClosedSetParser::default()
            }
        }
    };
}

/// The command-line parser of a closed set (what clap's `value_parser!` picks for it): it
/// accepts exactly what `FromStr` accepts (aliases, any case, `-`/`_`/`.` alike), names the
/// set and its values when it refuses, and lists the values in `--help`.
#[cfg(feature = "clap")]
#[derive(Debug)]
pub struct ClosedSetParser<T>(std::marker::PhantomData<fn() -> T>);

#[cfg(feature = "clap")]
impl<T> Default for ClosedSetParser<T> {
    fn default() -> Self {
        ClosedSetParser(std::marker::PhantomData)
    }
}

#[cfg(feature = "clap")]
impl<T> Clone for ClosedSetParser<T> {
    fn clone(&self) -> Self {
        ClosedSetParser::default()
    }
}

#[cfg(feature = "clap")]
impl<T: ClosedSet + Send + Sync> clap::builder::TypedValueParser for ClosedSetParser<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        use clap::error::ErrorKind;
        let text = value
            .to_str()
            .ok_or_else(|| clap::Error::new(ErrorKind::InvalidUtf8).with_cmd(cmd))?;
        text.parse::<T>().map_err(|e| {
            let flag = arg.map_or_else(String::new, |a| format!(" for {a}"));
            clap::Error::raw(
                ErrorKind::InvalidValue,
                format!("invalid value{flag}: {e}\n"),
            )
            .with_cmd(cmd)
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(T::all().iter().map(|v| {
            clap::builder::PossibleValue::new(v.name()).help(v.help().trim_end_matches('.'))
        })))
    }
}

/// Without the `clap` feature, closed sets have no value parser.
#[cfg(not(feature = "clap"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __value_parser {
    ($($tokens:tt)*) => {};
}

#[cfg(test)]
mod tests {
    use super::*;

    closed_set! {
        /// A test set.
        pub enum Kind: "kind" {
            /// The first.
            First => "first",
            /// The second, with a dotted name.
            SecondOne => "second.one" | "two",
        }
    }

    #[test]
    fn canonical_names_and_aliases_parse_in_any_case_and_separator() {
        assert_eq!("First".parse::<Kind>(), Ok(Kind::First));
        assert_eq!("second_one".parse::<Kind>(), Ok(Kind::SecondOne));
        assert_eq!("SECOND-ONE".parse::<Kind>(), Ok(Kind::SecondOne));
        assert_eq!(" two ".parse::<Kind>(), Ok(Kind::SecondOne));
    }

    #[test]
    fn display_and_serialize_write_the_canonical_name() {
        assert_eq!(Kind::SecondOne.to_string(), "second.one");
        assert_eq!(Kind::ALL, &[Kind::First, Kind::SecondOne]);
        assert_eq!(Kind::NAMES, &["first", "second.one"]);
        assert_eq!(
            serde_json::to_string(&[Kind::First, Kind::SecondOne]).unwrap(),
            r#"["first","second.one"]"#
        );
    }

    #[test]
    fn unknown_names_list_the_canonical_names() {
        let err = "third".parse::<Kind>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown kind 'third' (expected first or second.one)"
        );
    }

    #[test]
    fn one_name_needs_no_conjunction() {
        let err = UnknownName {
            set: "x",
            given: "y".into(),
            expected: &["z"],
        };
        assert_eq!(err.to_string(), "unknown x 'y' (expected z)");
    }

    #[test]
    fn same_name_folds_case_and_separators_only() {
        assert!(same_name("Lv-Variances", "lv.variances"));
        assert!(!same_name("lvvariances", "lv.variances"));
    }
}
#[cfg(all(test, feature = "clap"))]
mod clap_tests {
    closed_set! {
        /// A test set.
        pub enum Kind: "kind" {
            /// The first.
            First => "first",
            /// The second.
            SecondOne => "second_one" | "two",
        }
    }

    #[test]
    fn value_parser_is_the_closed_set_parser() {
        let cmd = clap::Command::new("t").arg(
            clap::Arg::new("k")
                .long("kind")
                .value_parser(clap::value_parser!(Kind)),
        );
        let m = cmd
            .clone()
            .try_get_matches_from(["t", "--kind", "SECOND-one"])
            .unwrap();
        assert_eq!(m.get_one::<Kind>("k"), Some(&Kind::SecondOne));
        let err = cmd.try_get_matches_from(["t", "--kind", "x"]).unwrap_err();
        assert!(err.to_string().contains("unknown kind 'x'"), "{err}");
    }
}
