//! Tokens of lavaan model syntax.
//!
//! Comments run from `#` or `!` to the end of the line. Newlines and `;` end a formula, except
//! where the formula is visibly unfinished (the line ends with an operator, `+`, `*`, `,` or
//! `(`, or the next line starts with `+`), so that long formulas can span lines as in lavaan.

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
    /// `==`, `<`, `>`
    Constraint,
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
    LParen,
    RParen,
    Comma,
    /// End of a formula (newline or `;`).
    End,
}

impl Tok {
    /// How the token is shown in error messages.
    pub(crate) fn describe(&self) -> String {
        match self {
            Tok::Ident(s) => format!("'{s}'"),
            Tok::Number(v) => format!("the number {v}"),
            Tok::Str(s) => format!("the string \"{s}\""),
            Tok::Op(OpTok::Measure) => "'=~'".into(),
            Tok::Op(OpTok::Covary) => "'~~'".into(),
            Tok::Op(OpTok::Regress) => "'~'".into(),
            Tok::Op(OpTok::Define) => "':='".into(),
            Tok::Op(OpTok::Constraint) => "a constraint operator".into(),
            Tok::Plus => "'+'".into(),
            Tok::Star => "'*'".into(),
            Tok::LParen => "'('".into(),
            Tok::RParen => "')'".into(),
            Tok::Comma => "','".into(),
            Tok::End => "the end of the formula".into(),
        }
    }

    fn continues(&self) -> bool {
        matches!(
            self,
            Tok::Op(_) | Tok::Plus | Tok::Star | Tok::LParen | Tok::Comma
        )
    }
}

/// A token and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Spanned {
    pub tok: Tok,
    pub at: Position,
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

/// Splits model text into tokens, with formula ends already resolved.
pub(crate) fn lex(text: &str) -> Result<Vec<Spanned>, ModelError> {
    let mut out: Vec<Spanned> = Vec::new();
    for (li, line) in text.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        let mut first_on_line = true;
        while i < chars.len() {
            let c = chars[i];
            let at = Position {
                line: li + 1,
                column: i + 1,
            };
            if c == '#' || c == '!' {
                break;
            }
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            // A line that starts with '+' continues the previous formula.
            if first_on_line && c == '+' && matches!(out.last(), Some(s) if s.tok == Tok::End) {
                out.pop();
            }
            first_on_line = false;
            let two: String = chars[i..chars.len().min(i + 2)].iter().collect();
            let (tok, len) = match two.as_str() {
                "=~" => (Tok::Op(OpTok::Measure), 2),
                "~~" => (Tok::Op(OpTok::Covary), 2),
                ":=" => (Tok::Op(OpTok::Define), 2),
                "==" | "<=" | ">=" => (Tok::Op(OpTok::Constraint), 2),
                _ => match c {
                    '~' => (Tok::Op(OpTok::Regress), 1),
                    '<' | '>' => (Tok::Op(OpTok::Constraint), 1),
                    '+' => (Tok::Plus, 1),
                    '*' => (Tok::Star, 1),
                    '(' => (Tok::LParen, 1),
                    ')' => (Tok::RParen, 1),
                    ',' => (Tok::Comma, 1),
                    ';' => (Tok::End, 1),
                    '"' | '\'' => lex_string(&chars, i, at)?,
                    c if c.is_ascii_digit()
                        || c == '-'
                        || (c == '.' && next_is_digit(&chars, i)) =>
                    {
                        lex_number(&chars, i, at)?
                    }
                    c if is_ident_char(c) => {
                        let end = (i..chars.len())
                            .find(|&k| !is_ident_char(chars[k]))
                            .unwrap_or(chars.len());
                        (Tok::Ident(chars[i..end].iter().collect()), end - i)
                    }
                    other => {
                        return Err(ModelError::syntax(
                            at,
                            format!("unexpected character '{other}'"),
                        ));
                    }
                },
            };
            out.push(Spanned { tok, at });
            i += len;
        }
        let unfinished = out.last().is_some_and(|s| s.tok.continues());
        if !unfinished && out.last().is_some_and(|s| s.tok != Tok::End) {
            out.push(Spanned {
                tok: Tok::End,
                at: Position {
                    line: li + 1,
                    column: chars.len() + 1,
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
    fn bad_character_is_positioned() {
        let e = lex("f =~ a\n g =~ b $ c").unwrap_err();
        assert_eq!(
            e.to_string(),
            "model syntax error at line 2, column 9: unexpected character '$'"
        );
    }
}
