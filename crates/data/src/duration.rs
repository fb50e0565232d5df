//! Completion times as survey tools export them.

/// A duration cell, read as seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Duration {
    /// Empty or only spaces: the time is unknown.
    Blank,
    /// A non-negative, finite number of seconds.
    Seconds(f64),
    /// Text that is not a duration (the time is unknown, and worth reporting).
    Unreadable,
}

impl Duration {
    /// Reads a cell as seconds: `95`, `95.5` or `95,5` (either decimal mark), or a clock
    /// time `m:ss` / `h:mm:ss` (`1:35` is 95 s). Negative, infinite and other text is
    /// [`Duration::Unreadable`].
    pub fn parse(cell: &str) -> Duration {
        let cell = cell.trim();
        if cell.is_empty() {
            return Duration::Blank;
        }
        let seconds = if cell.contains(':') {
            clock(cell)
        } else {
            number(cell)
        };
        match seconds {
            Some(s) if s.is_finite() && s >= 0.0 => Duration::Seconds(s),
            _ => Duration::Unreadable,
        }
    }
}

/// A plain number with `.` or `,` as the decimal mark.
fn number(text: &str) -> Option<f64> {
    if text.contains('.') && text.contains(',') {
        return None;
    }
    text.replacen(',', ".", 1).parse().ok()
}

/// `m:ss` or `h:mm:ss`, the last part possibly with decimals.
fn clock(text: &str) -> Option<f64> {
    let parts: Vec<&str> = text.split(':').collect();
    if parts.len() > 3 {
        return None;
    }
    let (last, whole) = parts.split_last()?;
    let mut total = 0.0;
    for part in whole {
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        total = total * 60.0 + part.parse::<f64>().ok()?;
    }
    let seconds = number(last)?;
    ((0.0..60.0).contains(&seconds) && !last.starts_with(['+', '-']))
        .then_some(total * 60.0 + seconds)
}

#[cfg(test)]
mod tests {
    use super::Duration::{self, Blank, Seconds, Unreadable};

    #[test]
    fn numbers_with_either_decimal_mark() {
        assert_eq!(Duration::parse(" 95 "), Seconds(95.0));
        assert_eq!(Duration::parse("95.5"), Seconds(95.5));
        assert_eq!(Duration::parse("95,5"), Seconds(95.5));
        assert_eq!(Duration::parse(""), Blank);
        assert_eq!(Duration::parse("   "), Blank);
    }

    #[test]
    fn clock_times() {
        assert_eq!(Duration::parse("1:35"), Seconds(95.0));
        assert_eq!(Duration::parse("1:01:05"), Seconds(3665.0));
        assert_eq!(Duration::parse("0:07,5"), Seconds(7.5));
    }

    #[test]
    fn text_negative_and_absurd_are_unreadable() {
        for cell in [
            "fast", "-3", "inf", "NaN", "1.5,2", "1:75", "1::2", ":5", "1:2:3:4", "1:-5", "1e999",
        ] {
            assert_eq!(Duration::parse(cell), Unreadable, "{cell}");
        }
    }
}
