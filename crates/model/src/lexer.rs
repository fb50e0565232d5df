//! Tokens of lavaan model syntax.
//!
//! Comments run from `#` or `!` to the end of the line. Newlines and `;` end a formula, except
//! where the formula is visibly unfinished (the line ends with an operator, `+`, `*`, `,` or
//! `(`, or the next line starts with `+`), so that long formulas can span lines as in lavaan.
//!
//! Names follow one rule, shared with the item and scale ids of instrument files
//! (docs/model-syntax.md, "Names"): a letter or `_` first (or `.` not followed by a digit), then
//! letters, digits, `_`, `.` and `-`. In a formula that holds `:=`, `==`, `<` or `>` (an
//! expression, with the lines that continue it), `-` is the minus sign instead, and `/` and
//! `^` are operators.

use crate::error::{ModelError, Position};

/// A model-syntax operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OpTok {
    /// `=~`
    Measure,
    /// `~~`
    Covary,
    /// `~`
    Regress,
    /// `:=`
    Define,
    /// `==`
    Equal,
    /// `<` or `<=`
    Less,
    /// `>` or `>=`
    Greater,
    /// `|` (thresholds of an ordered variable)
    Threshold,
    /// `~*~` (scale factor of an ordered variable's latent response)
    Scale,
    /// A lavaan operator psym does not support (`<~`, `%`, `:`), as written.
    Other(&'static str),
}

/// One token with its position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    Ident(String),
    Number(f64),
    Str(String),
    Op(OpTok),
    Plus,
    Star,
    /// `-` (expressions only).
    Minus,
    /// `/` (expressions only).
    Slash,
    /// `^` (expressions only).
    Caret,
    LParen,
    RParen,
    Comma,
    /// End of a formula (newline or `;`).
    End,
}

impl OpTok {
    /// The operator as written.
    pub(crate) fn text(self) -> &'static str {
        match self {
            OpTok::Measure => "=~",
            OpTok::Covary => "~~",
            OpTok::Regress => "~",
            OpTok::Define => ":=",
            OpTok::Equal => "==",
            OpTok::Less => "<",
            OpTok::Greater => ">",
            OpTok::Threshold => "|",
            OpTok::Scale => "~*~",
            OpTok::Other(s) => s,
        }
    }
}

impl Tok {
    /// How the token is shown in error messages.
    pub(crate) fn describe(&self) -> String {
        match self {
            Tok::Ident(s) => format!("'{s}'"),
            Tok::Number(v) => format!("the number {v}"),
            Tok::Str(s) => format!("the string \"{s}\""),
            Tok::Op(op) => format!("'{}'", op.text()),
            Tok::Plus => "'+'".into(),
            Tok::Star => "'*'".into(),
            Tok::Minus => "'-'".into(),
            Tok::Slash => "'/'".into(),
            Tok::Caret => "'^'".into(),
            Tok::LParen => "'('".into(),
            Tok::RParen => "')'".into(),
            Tok::Comma => "','".into(),
            Tok::End => "the end of the formula".into(),
        }
    }

    fn continues(&self) -> bool {
        matches!(
            self,
            Tok::Op(_)
                | Tok::Plus
                | Tok::Star
                | Tok::Minus
                | Tok::Slash
                | Tok::Caret
                | Tok::LParen
                | Tok::Comma
        )
    }
}

/// A token and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Spanned {
    pub tok: Tok,
    pub at: Position,
}

/// Whether `c` may start a name (a `.` only when no digit follows; see [`is_name`]).
pub(crate) fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '.'
}

/// Whether `c` may continue a name.
pub(crate) fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '-')
}

/// Whether `s` is a name of model syntax: a letter or `_` first (or a `.` not followed by a
/// digit), then letters, digits, `_`, `.` and `-`. Item and scale ids of instrument files
/// follow the same rule, so every item can be named in a model.
pub fn is_name(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => false,
        ['.', d, ..] if d.is_ascii_digit() => false,
        [first, rest @ ..] => is_name_start(*first) && rest.iter().all(|&c| is_name_char(c)),
    }
}

/// Whether a formula's text is an expression: a definition or a constraint.
fn is_expression(code: &str) -> bool {
    let code = code.replace("<~", "");
    code.contains(":=") || code.contains("==") || code.contains('<') || code.contains('>')
}

/// For each character of a line (comments already cut), whether it belongs to an expression;
/// formulas are separated by `;`, and the first continues the previous line's when
/// `continued` is set.
fn expression_mask(code: &[char], continued: bool) -> Vec<bool> {
    let mut mask = Vec::with_capacity(code.len());
    for (k, part) in code.split(|&c| c == ';').enumerate() {
        let text: String = part.iter().collect();
        let e = (k == 0 && continued) || is_expression(&text);
        mask.extend(std::iter::repeat_n(e, part.len() + 1));
    }
    mask.truncate(code.len());
    mask
}

/// Splits model text into tokens, with formula ends already resolved.
pub(crate) fn lex(text: &str) -> Result<Vec<Spanned>, ModelError> {
    let mut out: Vec<Spanned> = Vec::new();
    // Whether the unfinished formula of the previous line is an expression.
    let mut continued_expression = false;
    for (li, line) in text.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let code_end = chars
            .iter()
            .position(|&c| c == '#' || c == '!')
            .unwrap_or(chars.len());
        let mask = expression_mask(&chars[..code_end], continued_expression);
        let mut i = 0;
        let mut first_on_line = true;
        while i < code_end {
            let c = chars[i];
            let at = Position {
                line: li + 1,
                column: i + 1,
            };
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            // A line that starts with '+' continues the previous formula.
            if first_on_line && c == '+' && matches!(out.last(), Some(s) if s.tok == Tok::End) {
                out.pop();
            }
            first_on_line = false;
            let (tok, len) = token(&chars[..code_end], i, at, mask[i])?;
            out.push(Spanned { tok, at });
            i += len;
        }
        let unfinished = out.last().is_some_and(|s| s.tok.continues());
        continued_expression = unfinished && mask.last().copied().unwrap_or(continued_expression);
        if !unfinished && out.last().is_some_and(|s| s.tok != Tok::End) {
            out.push(Spanned {
                tok: Tok::End,
                at: Position {
                    line: li + 1,
                    column: code_end + 1,
                },
            });
        }
    }
    if let Some(last) = out.last()
        && last.tok != Tok::End
    {
        let at = last.at;
        out.push(Spanned { tok: Tok::End, at });
    }
    Ok(out)
}

/// The token starting at `chars[i]` and its length in characters.
fn token(
    chars: &[char],
    i: usize,
    at: Position,
    expression: bool,
) -> Result<(Tok, usize), ModelError> {
    let rest: String = chars[i..chars.len().min(i + 3)].iter().collect();
    for (text, op) in [
        ("~*~", OpTok::Scale),
        ("=~", OpTok::Measure),
        ("~~", OpTok::Covary),
        (":=", OpTok::Define),
        ("==", OpTok::Equal),
        ("<~", OpTok::Other("<~")),
        ("<=", OpTok::Less),
        (">=", OpTok::Greater),
        ("~", OpTok::Regress),
        ("<", OpTok::Less),
        (">", OpTok::Greater),
        ("|", OpTok::Threshold),
        ("%", OpTok::Other("%")),
        (":", OpTok::Other(":")),
    ] {
        if rest.starts_with(text) {
            return Ok((Tok::Op(op), text.chars().count()));
        }
    }
    let c = chars[i];
    let digit_follows = next_is_digit(chars, i);
    Ok(match c {
        '+' => (Tok::Plus, 1),
        '*' => (Tok::Star, 1),
        '(' => (Tok::LParen, 1),
        ')' => (Tok::RParen, 1),
        ',' => (Tok::Comma, 1),
        ';' => (Tok::End, 1),
        '-' if expression => (Tok::Minus, 1),
        '/' if expression => (Tok::Slash, 1),
        '^' if expression => (Tok::Caret, 1),
        '"' | '\'' => lex_string(chars, i, at)?,
        c if c.is_ascii_digit() || (matches!(c, '-' | '.') && digit_follows) => {
            lex_number(chars, i, at)?
        }
        c if c == '-' && chars.get(i + 1) == Some(&'.') => lex_number(chars, i, at)?,
        c if is_name_start(c) => {
            let end = (i + 1..chars.len())
                .find(|&k| !is_name_char(chars[k]) || (expression && chars[k] == '-'))
                .unwrap_or(chars.len());
            (Tok::Ident(chars[i..end].iter().collect()), end - i)
        }
        other => {
            return Err(ModelError::syntax(
                at,
                format!("unexpected character '{other}'"),
            ));
        }
    })
}

fn next_is_digit(chars: &[char], i: usize) -> bool {
    chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())
}

fn lex_string(chars: &[char], i: usize, at: Position) -> Result<(Tok, usize), ModelError> {
    let quote = chars[i];
    let end = (i + 1..chars.len())
        .find(|&k| chars[k] == quote)
        .ok_or_else(|| ModelError::syntax(at, "unterminated string (missing closing quote)"))?;
    Ok((Tok::Str(chars[i + 1..end].iter().collect()), end + 1 - i))
}

fn lex_number(chars: &[char], i: usize, at: Position) -> Result<(Tok, usize), ModelError> {
    let mut end = i + 1;
    while end < chars.len() {
        let c = chars[end];
        let exp_sign = (c == '-' || c == '+') && matches!(chars[end - 1], 'e' | 'E');
        if c.is_ascii_digit() || c == '.' || c == 'e' || c == 'E' || exp_sign {
            end += 1;
        } else {
            break;
        }
    }
    let text: String = chars[i..end].iter().collect();
    let value: f64 = text
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| ModelError::syntax(at, format!("'{text}' is not a finite number")))?;
    Ok((Tok::Number(value), end - i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_line_formula_is_joined() {
        let t = lex("f =~ a +\n  b # comment\n+ c\ng =~ d").unwrap();
        let ends = t.iter().filter(|s| s.tok == Tok::End).count();
        assert_eq!(ends, 2);
    }

    #[test]
    fn numbers_and_strings() {
        let t = lex("f =~ -0.5*a + 1e-2*b + \"lab\"*c").unwrap();
        assert_eq!(t[2].tok, Tok::Number(-0.5));
        assert_eq!(t[6].tok, Tok::Number(0.01));
        assert_eq!(t[10].tok, Tok::Str("lab".into()));
    }

    #[test]
    fn expressions_continue_on_the_next_line() {
        let t = lex("d := a -\n b-c").unwrap();
        let minus = t.iter().filter(|s| s.tok == Tok::Minus).count();
        assert_eq!(minus, 2);
        let t = lex("f =~ a +\n b-c").unwrap();
        assert_eq!(t[4].tok, Tok::Ident("b-c".into()));
        let t = lex("f =~ g-1 + a*g-2; d := a-b").unwrap();
        assert_eq!(t[2].tok, Tok::Ident("g-1".into()));
        assert_eq!(t[6].tok, Tok::Ident("g-2".into()));
        assert_eq!(t[11].tok, Tok::Minus);
    }

    #[test]
    fn bad_character_is_positioned() {
        let e = lex("f =~ a\n g =~ b $ c").unwrap_err();
        assert_eq!(
            e.to_string(),
            "model syntax error at line 2, column 9: unexpected character '$'"
        );
    }
}
