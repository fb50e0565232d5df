//! How numbers are written in each report language: one rule per language, applied both to
//! the numbers the report formats itself ([`super::Catalogue::num`]) and to the number cells
//! it takes over from the commands' documents (the report's localize pass).
//!
//! English keeps the commands' own writing (decimal point, no thousands separator). Norwegian
//! follows Språkrådet's rules for numbers: a decimal comma, a real minus sign, and groups of
//! three digits separated by a (narrow, non-breaking) space in numbers of five digits or more,
//! while four-digit numbers stay together (`1000`, `29 883,9`). The leading zero that APA
//! style drops from values that cannot exceed 1 (`.79`) is written (`0,79`): a comma
//! opening a number reads as punctuation in Norwegian text.

use super::Lang;

/// The narrow no-break space (U+202F) that separates groups of three digits in Norwegian.
pub const THIN_SPACE: char = '\u{202F}';

/// `text` (a number as the commands format it, possibly inside a cell such as
/// `0.040 [0.031, 0.050]` or `.79`) written by `lang`'s rule; text that is not a number passes
/// unchanged.
pub fn localize(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => text.to_string(),
        Lang::Nb => nordic(text),
    }
}

/// Decimal comma, minus sign and digit groups, as [`localize`] describes for Norwegian.
fn nordic(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let starts_number = next.is_some_and(|n| n.is_ascii_digit());
        let after_word = prev.is_some_and(|p| p.is_alphanumeric() && p != 'e');
        match c {
            '.' if starts_number && !prev.is_some_and(char::is_alphabetic) => {
                if !prev.is_some_and(|p| p.is_ascii_digit()) {
                    out.push('0');
                }
                out.push(',');
            }
            '-' if (starts_number || next == Some('.')) && !after_word => out.push('−'),
            d if d.is_ascii_digit() && !prev.is_some_and(|p| p.is_ascii_digit()) => {
                let end = (i..chars.len())
                    .find(|&j| !chars[j].is_ascii_digit())
                    .unwrap_or(chars.len());
                let integer_part = !matches!(prev, Some('.' | 'e' | 'E'));
                push_digits(&mut out, &chars[i..end], integer_part && end - i >= 5);
                i = end;
                continue;
            }
            other => out.push(other),
        }
        i += 1;
    }
    out
}

/// The digits, with a thin space before each group of three from the right when `group`.
fn push_digits(out: &mut String, digits: &[char], group: bool) {
    for (k, d) in digits.iter().enumerate() {
        if group && k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(THIN_SPACE);
        }
        out.push(*d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nb(s: &str) -> String {
        localize(s, Lang::Nb).replace(THIN_SPACE, " ")
    }

    #[test]
    fn norwegian_numbers_take_a_decimal_comma_a_minus_sign_and_groups_from_five_digits() {
        assert_eq!(nb("0.040 [0.031, 0.050]"), "0,040 [0,031, 0,050]");
        assert_eq!(nb(".79"), "0,79");
        assert_eq!(nb("[.77, .81]"), "[0,77, 0,81]");
        assert_eq!(nb("-0.234"), "−0,234");
        assert_eq!(nb("29883.9"), "29 883,9");
        assert_eq!(nb("1000"), "1000");
        assert_eq!(nb("123456"), "123 456");
        assert_eq!(nb("1.5753e-6"), "1,5753e−6");
        assert_eq!(nb("0.12345"), "0,12345");
        assert_eq!(nb("0.026–0.048"), "0,026–0,048");
        assert_eq!(nb("<.001"), "<0,001");
        assert_eq!(nb("+0.004"), "+0,004");
    }

    #[test]
    fn words_and_english_numbers_pass_unchanged() {
        assert_eq!(nb("i1-2 v.2"), "i1-2 v.2");
        assert_eq!(nb("task =~ i7"), "task =~ i7");
        assert_eq!(localize("29883.9", Lang::En), "29883.9");
    }
}
