//! Parsing lavaan model syntax into formulas.
//!
//! Grammar (the supported subset; see `docs/model-syntax.md`):
//!
//! ```text
//! model    := (formula? END)*
//! formula  := NAME op term ('+' term)*
//! op       := '=~' | '~~' | '~'
//! term     := (modifier '*')* (NAME | '1')
//! modifier := NUMBER | 'NA' | NAME | STRING | 'start(' NUMBER ')' | 'label(' STRING ')'
//!           | 'equal(' STRING ')' | 'c(' value (',' value)* ')'
//! ```
//! `x ~ 1` is an intercept. A `c(...)` modifier gives one value per group.

use crate::error::{ModelError, Position};
use crate::lexer::{OpTok, Spanned, Tok, lex};

/// The operator of a formula, as in lavaan's parameter table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Op {
    /// `=~`: the latent variable on the left is measured by the variables on the right.
    #[serde(rename = "=~")]
    Measure,
    /// `~~`: variance or covariance.
    #[serde(rename = "~~")]
    Covary,
    /// `~`: the left-hand variable is regressed on the right-hand ones.
    #[serde(rename = "~")]
    Regress,
    /// `~1`: intercept or mean.
    #[serde(rename = "~1")]
    Intercept,
}

impl std::fmt::Display for Op {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Op::Measure => "=~",
            Op::Covary => "~~",
            Op::Regress => "~",
            Op::Intercept => "~1",
        })
    }
}

impl std::str::FromStr for Op {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "=~" => Ok(Op::Measure),
            "~~" => Ok(Op::Covary),
            "~" => Ok(Op::Regress),
            "~1" => Ok(Op::Intercept),
            other => Err(format!(
                "unknown operator '{other}' (expected =~, ~~, ~ or ~1)"
            )),
        }
    }
}

/// One value of a modifier (`0*x`, `NA*x`, `a*x`, `start(0.5)*x`).
#[derive(Debug, Clone, PartialEq)]
pub enum ModValue {
    /// Fixed at this value (`0.5*x`).
    Fixed(f64),
    /// Explicitly free (`NA*x`).
    Free,
    /// Labelled; parameters sharing a label are constrained equal (`a*x`).
    Label(String),
    /// Free with this starting value (`start(0.5)*x`).
    Start(f64),
}

/// One right-hand-side term of a formula with its modifiers.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// Variable name, or `"1"` for an intercept.
    pub var: String,
    /// Modifiers in the order written; each holds one value, or one per group (`c(...)`).
    pub modifiers: Vec<Vec<ModValue>>,
    /// Where the term starts.
    pub at: Position,
}

/// One formula: `lhs op term + term + ...`.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    /// Left-hand variable.
    pub lhs: String,
    /// Operator (`~` with the term `1` becomes [`Op::Intercept`] per term in the table).
    pub op: Op,
    /// Right-hand terms.
    pub terms: Vec<Term>,
    /// Where the formula starts.
    pub at: Position,
}

/// Parses model text into formulas.
///
/// # Errors
/// [`ModelError::Syntax`] with line and column for malformed text, and
/// [`ModelError::Unsupported`] for valid lavaan constructs psym does not handle yet
/// (`:=`, `==`, `<`, `>`).
pub fn parse(text: &str) -> Result<Vec<Formula>, ModelError> {
    let toks = lex(text)?;
    let mut p = Parser { toks, i: 0 };
    let mut out = Vec::new();
    while p.i < p.toks.len() {
        if p.peek().tok == Tok::End {
            p.i += 1;
            continue;
        }
        out.push(p.formula()?);
    }
    if out.is_empty() {
        return Err(ModelError::Invalid(
            "the model text holds no formulas".into(),
        ));
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Spanned>,
    i: usize,
}

impl Parser {
    fn peek(&self) -> &Spanned {
        // The lexer always ends the stream with `End`, so the last token is a safe fallback.
        self.toks
            .get(self.i)
            .unwrap_or_else(|| &self.toks[self.toks.len() - 1])
    }

    fn next(&mut self) -> Spanned {
        let t = self.peek().clone();
        self.i += 1;
        t
    }

    fn expected(&self, what: &str) -> ModelError {
        let t = self.peek();
        ModelError::syntax(t.at, format!("expected {what}, found {}", t.tok.describe()))
    }

    fn formula(&mut self) -> Result<Formula, ModelError> {
        let first = self.next();
        let Tok::Ident(lhs) = first.tok else {
            self.i -= 1;
            return Err(self.expected("a variable name at the start of a formula"));
        };
        let op_tok = self.next();
        let op = match op_tok.tok {
            Tok::Op(OpTok::Measure) => Op::Measure,
            Tok::Op(OpTok::Covary) => Op::Covary,
            Tok::Op(OpTok::Regress) => Op::Regress,
            Tok::Op(OpTok::Define | OpTok::Constraint) => {
                return Err(ModelError::Unsupported {
                    at: op_tok.at,
                    message: "defined parameters (:=) and constraints (==, <, >) are not \
                              supported yet; use shared labels for equality constraints"
                        .into(),
                });
            }
            _ => {
                self.i -= 1;
                return Err(self.expected(&format!("an operator (=~, ~~ or ~) after '{lhs}'")));
            }
        };
        let mut terms = vec![self.term()?];
        loop {
            match self.peek().tok {
                Tok::Plus => {
                    self.i += 1;
                    terms.push(self.term()?);
                }
                Tok::End => {
                    self.i += 1;
                    break;
                }
                _ => return Err(self.expected("'+' or the end of the formula")),
            }
        }
        Ok(Formula {
            lhs,
            op,
            terms,
            at: first.at,
        })
    }

    fn term(&mut self) -> Result<Term, ModelError> {
        let at = self.peek().at;
        let mut modifiers = Vec::new();
        loop {
            let t = self.peek().clone();
            let followed_by_star =
                matches!(self.toks.get(self.i + 1), Some(s) if s.tok == Tok::Star);
            match t.tok {
                Tok::Ident(name)
                    if !followed_by_star
                        && self
                            .toks
                            .get(self.i + 1)
                            .is_some_and(|s| s.tok == Tok::LParen) =>
                {
                    let m = self.call(&name)?;
                    modifiers.push(m);
                    if self.peek().tok != Tok::Star {
                        return Err(self.expected(&format!("'*' after {name}(...)")));
                    }
                    self.i += 1;
                }
                Tok::Ident(name) if !followed_by_star => {
                    self.i += 1;
                    return Ok(Term {
                        var: name,
                        modifiers,
                        at,
                    });
                }
                Tok::Number(v) if !followed_by_star => {
                    self.i += 1;
                    if v != 1.0 {
                        return Err(ModelError::syntax(
                            t.at,
                            format!(
                                "expected a variable name or 1 (intercept), found {v}; did you forget '*'?"
                            ),
                        ));
                    }
                    return Ok(Term {
                        var: "1".into(),
                        modifiers,
                        at,
                    });
                }
                Tok::Ident(_) | Tok::Number(_) | Tok::Str(_) => {
                    self.i += 1;
                    modifiers.push(vec![simple_value(t.tok)]);
                    self.i += 1; // the '*'
                }
                _ => return Err(self.expected("a variable name")),
            }
        }
    }

    /// `start(v)`, `label("a")`, `equal("a")` or `c(v, ...)`.
    fn call(&mut self, name: &str) -> Result<Vec<ModValue>, ModelError> {
        let at = self.peek().at;
        self.i += 2; // name and '('
        let mut values = Vec::new();
        loop {
            let t = self.next();
            let v = match (name, t.tok) {
                ("start", Tok::Number(v)) => ModValue::Start(v),
                ("label" | "equal", Tok::Str(s) | Tok::Ident(s)) => ModValue::Label(s),
                ("c", tok @ (Tok::Number(_) | Tok::Ident(_) | Tok::Str(_))) => simple_value(tok),
                ("start" | "label" | "equal" | "c", _) => {
                    self.i -= 1;
                    return Err(self.expected(&format!("a value inside {name}(...)")));
                }
                _ => {
                    return Err(ModelError::Unsupported {
                        at,
                        message: format!(
                            "the modifier {name}(...) is not supported (use start(), label(), equal() or c())"
                        ),
                    });
                }
            };
            values.push(v);
            match self.next().tok {
                Tok::Comma if name == "c" => continue,
                Tok::RParen => break,
                _ => {
                    self.i -= 1;
                    return Err(self.expected(&format!("')' to close {name}(")));
                }
            }
        }
        Ok(values)
    }
}

/// A plain modifier: a number fixes, `NA` frees, a name or string labels.
fn simple_value(tok: Tok) -> ModValue {
    match tok {
        Tok::Number(v) => ModValue::Fixed(v),
        Tok::Ident(s) if s == "NA" => ModValue::Free,
        Tok::Ident(s) | Tok::Str(s) => ModValue::Label(s),
        _ => ModValue::Free,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_measurement_model_with_modifiers() {
        let f = parse(
            "visual =~ x1 + a*x2 + 0.5*x3 + NA*x4 + start(0.3)*x5\n x1 ~~ c(a, 1)*x2; x1 ~ 1",
        )
        .unwrap();
        assert_eq!(f.len(), 3);
        assert_eq!(f[0].terms.len(), 5);
        assert_eq!(
            f[0].terms[1].modifiers,
            vec![vec![ModValue::Label("a".into())]]
        );
        assert_eq!(f[0].terms[2].modifiers, vec![vec![ModValue::Fixed(0.5)]]);
        assert_eq!(f[0].terms[3].modifiers, vec![vec![ModValue::Free]]);
        assert_eq!(f[0].terms[4].modifiers, vec![vec![ModValue::Start(0.3)]]);
        assert_eq!(
            f[1].terms[0].modifiers,
            vec![vec![ModValue::Label("a".into()), ModValue::Fixed(1.0)]]
        );
        assert_eq!(f[2].terms[0].var, "1");
    }

    #[test]
    fn errors_name_line_column_and_expectation() {
        let e = parse("f =~ x1 + x2\ng =~ x3 x4").unwrap_err();
        assert_eq!(
            e.to_string(),
            "model syntax error at line 2, column 9: expected '+' or the end of the formula, found 'x4'"
        );
        let e = parse("f =~ x1 +\n").unwrap_err();
        assert!(e.to_string().contains("expected a variable name"), "{e}");
        let e = parse("f x1").unwrap_err();
        assert!(e.to_string().contains("line 1, column 3"), "{e}");
        let e = parse("a := b*c").unwrap_err();
        assert!(matches!(e, ModelError::Unsupported { .. }));
        let e = parse("f =~ start(a)*x").unwrap_err();
        assert!(e.to_string().contains("inside start"), "{e}");
    }

    #[test]
    fn empty_model_is_an_error() {
        assert!(parse("# nothing\n").is_err());
    }
}

#[cfg(test)]
mod malformed {
    use super::*;

    /// A corpus of malformed models: each must give an error (never a panic), and syntax
    /// errors must point inside the text.
    #[test]
    fn malformed_models_give_positioned_errors() {
        let corpus = [
            "f =~",
            "=~ x1",
            "f =~ x1 +",
            "f =~ + x1",
            "f =~ x1 ++ x2",
            "f =~ c(",
            "f =~ c(1, 2",
            "f =~ start(1",
            "f =~ start(1)",
            "f =~ 1*",
            "f =~ 2",
            "f =~ \"unterminated*x1",
            "f =~ x1 * x2 * ",
            "f ~~",
            "f =~ x1; g",
            "f =~ x1\ng ~",
            "ф =~ х1 + €",
            "f =~ x1 | t1",
            "f =~ 1e400*x1 + x2",
            "f =~ x1 + x2 )",
            ";;;",
            "f =~ label(1)*x1",
            "f =~ efa(\"b\")*x1",
        ];
        for text in corpus {
            match parse(text) {
                Ok(f) => panic!("{text:?} parsed as {f:?}"),
                Err(ModelError::Syntax { at, .. } | ModelError::Unsupported { at, .. }) => {
                    let lines: Vec<&str> = text.lines().collect();
                    assert!(
                        at.line >= 1 && at.line <= lines.len().max(1),
                        "{text:?}: {at}"
                    );
                }
                Err(_) => {}
            }
        }
    }
}
