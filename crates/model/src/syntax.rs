//! Parsing lavaan model syntax into formulas.
//!
//! Grammar (the supported subset; see `docs/model-syntax.md`):
//!
//! ```text
//! model      := (statement? END)*
//! statement  := formula | NAME ':=' expr | expr '==' expr
//! formula    := NAME op term ('+' term)*
//! op         := '=~' | '~~' | '~'
//! term       := (modifier '*')* (NAME | '1')
//! modifier   := value | 'c(' value (',' value)* ')'
//!             | ('start' | 'label' | 'equal') '(' (value | 'c(' value (',' value)* ')') ')'
//! value      := NUMBER | 'NA' | NAME | STRING
//! ```
//! `x ~ 1` is an intercept. A `c(...)` modifier gives one value per group. Expressions
//! (`expr`) are described in [`crate::expr`].

use crate::error::{ModelError, Position};
use crate::expr::{Expr, ExprParser};
use crate::lexer::{OpTok, Spanned, Tok, lex};
use crate::paramref::ParamRef;

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
    /// `|`: a threshold of an ordered variable (`x1 | t1`: its first threshold).
    #[serde(rename = "|")]
    Threshold,
    /// `~*~`: the scale factor of an ordered variable's latent response (delta
    /// parameterisation: `1/√Var(y*)`; lavaan's `x1 ~*~ x1`).
    #[serde(rename = "~*~")]
    Scale,
}

impl std::fmt::Display for Op {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Op::Measure => "=~",
            Op::Covary => "~~",
            Op::Regress => "~",
            Op::Intercept => "~1",
            Op::Threshold => "|",
            Op::Scale => "~*~",
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
            "|" => Ok(Op::Threshold),
            "~*~" => Ok(Op::Scale),
            other => Err(format!(
                "unknown operator '{other}' (expected =~, ~~, ~, ~1, | or ~*~)"
            )),
        }
    }
}

/// The largest magnitude accepted for a fixed or starting value. No loading, variance or mean
/// of questionnaire or test scores comes near it; larger values overflow the likelihood
/// (rescale such data first).
pub const MAX_ABS_VALUE: f64 = 1e6;

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

/// One modifier: a single value for every group, or one value per group (`c(...)`).
#[derive(Debug, Clone, PartialEq)]
pub struct Modifier {
    /// The values as written.
    pub values: Vec<ModValue>,
    /// Where the modifier starts.
    pub at: Position,
}

/// One right-hand-side term of a formula with its modifiers.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// Variable name, or `"1"` for an intercept.
    pub var: String,
    /// Modifiers in the order written.
    pub modifiers: Vec<Modifier>,
    /// Where the term starts.
    pub at: Position,
}

impl Term {
    /// A term without modifiers (for models built in code rather than parsed).
    pub fn plain(var: &str) -> Term {
        Term {
            var: var.into(),
            modifiers: Vec::new(),
            at: Position::NONE,
        }
    }
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

/// A defined parameter, `name := expression` (lavaan's `:=`): a function of labelled
/// parameters, estimated with a delta-method standard error.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    /// The new name.
    pub name: String,
    /// The expression over labels and earlier definitions.
    pub expr: Expr,
    /// Where the definition starts.
    pub at: Position,
}

/// An equality constraint `lhs == rhs`.
#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    /// Left side.
    pub lhs: Expr,
    /// Right side.
    pub rhs: Expr,
    /// Where the `==` is.
    pub at: Position,
}

/// A parsed model: formulas, defined parameters and equality constraints.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Model {
    /// `=~`, `~~`, `~` and `~ 1` formulas.
    pub formulas: Vec<Formula>,
    /// `:=` definitions, in the order written.
    pub definitions: Vec<Definition>,
    /// `==` constraints.
    pub constraints: Vec<Constraint>,
}

/// Parses model text.
///
/// # Errors
/// [`ModelError::Syntax`] with line and column for malformed text (including fixed or
/// starting values that are not finite or exceed [`MAX_ABS_VALUE`]), and
/// [`ModelError::Unsupported`] for valid lavaan constructs psym does not handle (`<`, `>`,
/// `<~`, `%`, blocks), naming the operator.
pub fn parse(text: &str) -> Result<Model, ModelError> {
    let toks = lex(text)?;
    let mut p = Parser { toks, i: 0 };
    let mut out = Model::default();
    while p.i < p.toks.len() {
        if p.peek().tok == Tok::End {
            p.i += 1;
            continue;
        }
        p.statement(&mut out)?;
    }
    if out.formulas.is_empty() {
        return Err(ModelError::Invalid(
            "the model text holds no formulas".into(),
        ));
    }
    Ok(out)
}

/// Parses one parameter written as in lavaan's `group.partial`: `f =~ x1`, `x1 ~~ x2`,
/// `x1 ~ 1`.
///
/// # Errors
/// [`ModelError::Syntax`] when `text` is not `name op name` (or `name ~ 1`).
pub fn parse_parameter(text: &str) -> Result<ParamRef, ModelError> {
    let toks = lex(text)?;
    let at = |k: usize| {
        toks.get(k)
            .map_or(Position { line: 1, column: 1 }, |s| s.at)
    };
    let err = |k: usize| {
        ModelError::syntax(
            at(k),
            format!(
                "expected a parameter such as 'f =~ x1', 'x1 ~~ x2' or 'x1 ~ 1', found '{text}'"
            ),
        )
    };
    let toks_only: Vec<&Tok> = toks.iter().map(|s| &s.tok).collect();
    match toks_only.as_slice() {
        [Tok::Ident(l), Tok::Op(op), rhs, Tok::End] => {
            let op = match op {
                OpTok::Measure => Op::Measure,
                OpTok::Covary => Op::Covary,
                OpTok::Regress => Op::Regress,
                OpTok::Threshold => Op::Threshold,
                OpTok::Scale => Op::Scale,
                _ => return Err(err(1)),
            };
            match (op, rhs) {
                (Op::Regress, Tok::Number(v)) if *v == 1.0 => {
                    Ok(ParamRef::new(l.clone(), Op::Intercept, ""))
                }
                (_, Tok::Ident(r)) => Ok(ParamRef::new(l.clone(), op, r.clone())),
                _ => Err(err(2)),
            }
        }
        _ => Err(err(0)),
    }
}

struct Parser {
    toks: Vec<Spanned>,
    i: usize,
}

/// What lavaan means by an operator psym does not support, and what to do instead.
fn unsupported_operator(op: &str) -> String {
    let what = match op {
        "<~" => "formative indicators ('<~') are not supported; psym fits reflective factors (=~)",
        "%" => "the operator '%' is not supported",
        ":" => {
            "blocks ('group: 1', 'level: 1') are not supported; give values per group with c(...) modifiers"
        }
        "<" | ">" => {
            return format!(
                "inequality constraints ('{op}') are not supported; fix the parameter to a value or \
                 use an equality constraint (==)"
            );
        }
        other => return format!("the operator '{other}' is not supported"),
    };
    what.into()
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

    /// The first operator of the statement starting here, if any.
    fn statement_operator(&self) -> Option<(OpTok, Position)> {
        self.toks[self.i..]
            .iter()
            .take_while(|s| s.tok != Tok::End)
            .find_map(|s| match s.tok {
                Tok::Op(op) => Some((op, s.at)),
                _ => None,
            })
    }

    fn statement(&mut self, model: &mut Model) -> Result<(), ModelError> {
        match self.statement_operator() {
            Some((op @ (OpTok::Other(_) | OpTok::Less | OpTok::Greater), at)) => {
                Err(ModelError::Unsupported {
                    at,
                    message: unsupported_operator(op.text()),
                })
            }
            Some((OpTok::Define, _)) => {
                let d = self.definition()?;
                model.definitions.push(d);
                Ok(())
            }
            Some((OpTok::Equal, at)) => {
                let lhs = self.expression()?;
                self.i += 1; // the '=='
                let rhs = self.expression()?;
                self.end()?;
                model.constraints.push(Constraint { lhs, rhs, at });
                Ok(())
            }
            _ => {
                let f = self.formula()?;
                model.formulas.push(f);
                Ok(())
            }
        }
    }

    fn expression(&mut self) -> Result<Expr, ModelError> {
        let mut p = ExprParser {
            toks: &self.toks,
            i: self.i,
        };
        let e = p.expr()?;
        self.i = p.i;
        Ok(e)
    }

    fn end(&mut self) -> Result<(), ModelError> {
        if self.peek().tok != Tok::End {
            return Err(self.expected("the end of the formula"));
        }
        self.i += 1;
        Ok(())
    }

    fn definition(&mut self) -> Result<Definition, ModelError> {
        let first = self.next();
        let Tok::Ident(name) = first.tok else {
            self.i -= 1;
            return Err(self.expected("a name before ':='"));
        };
        if self.peek().tok != Tok::Op(OpTok::Define) {
            return Err(self.expected(&format!("':=' after '{name}'")));
        }
        self.i += 1;
        let expr = self.expression()?;
        self.end()?;
        Ok(Definition {
            name,
            expr,
            at: first.at,
        })
    }

    fn formula(&mut self) -> Result<Formula, ModelError> {
        let first = self.next();
        let Tok::Ident(lhs) = first.tok else {
            self.i -= 1;
            return Err(self.expected("a variable name at the start of a formula"));
        };
        let op = match self.next().tok {
            Tok::Op(OpTok::Measure) => Op::Measure,
            Tok::Op(OpTok::Covary) => Op::Covary,
            Tok::Op(OpTok::Regress) => Op::Regress,
            Tok::Op(OpTok::Threshold) => Op::Threshold,
            Tok::Op(OpTok::Scale) => Op::Scale,
            _ => {
                self.i -= 1;
                return Err(
                    self.expected(&format!("an operator (=~, ~~, ~, | or ~*~) after '{lhs}'"))
                );
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
                    let values = self.call(&name)?;
                    modifiers.push(Modifier { values, at: t.at });
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
                    self.i += 2; // the value and the '*'
                    let v = simple_value(t.tok, t.at)?;
                    modifiers.push(Modifier {
                        values: vec![v],
                        at: t.at,
                    });
                }
                _ => return Err(self.expected("a variable name")),
            }
        }
    }

    /// `start(v)`, `label("a")`, `equal("a")` or `c(v, ...)`; the first three also take a
    /// `c(...)` inside (`start(c(0.5, 0.8))`), one value per group.
    fn call(&mut self, name: &str) -> Result<Vec<ModValue>, ModelError> {
        let at = self.peek().at;
        if !matches!(name, "start" | "label" | "equal" | "c") {
            return Err(ModelError::Unsupported {
                at,
                message: format!(
                    "the modifier {name}(...) is not supported (use start(), label(), equal() or c())"
                ),
            });
        }
        self.i += 2; // name and '('
        let inner_c = name != "c"
            && matches!(&self.peek().tok, Tok::Ident(c) if c == "c")
            && self
                .toks
                .get(self.i + 1)
                .is_some_and(|s| s.tok == Tok::LParen);
        if inner_c {
            self.i += 2;
        }
        let several = name == "c" || inner_c;
        let mut values = Vec::new();
        loop {
            let t = self.next();
            let v = match (name, t.tok) {
                ("start", Tok::Number(v)) => ModValue::Start(checked(v, t.at)?),
                ("start", Tok::Ident(s)) if s == "NA" => ModValue::Free,
                ("label" | "equal", Tok::Str(s) | Tok::Ident(s)) => ModValue::Label(s),
                ("c", tok @ (Tok::Number(_) | Tok::Ident(_) | Tok::Str(_))) => {
                    simple_value(tok, t.at)?
                }
                _ => {
                    self.i -= 1;
                    return Err(self.expected(&format!("a value inside {name}(...)")));
                }
            };
            values.push(v);
            match self.next().tok {
                Tok::Comma if several => continue,
                Tok::RParen => break,
                _ => {
                    self.i -= 1;
                    return Err(self.expected(&format!("')' to close {name}(")));
                }
            }
        }
        if inner_c && self.next().tok != Tok::RParen {
            self.i -= 1;
            return Err(self.expected(&format!("')' to close {name}(")));
        }
        Ok(values)
    }
}

/// A finite value within [`MAX_ABS_VALUE`], or a positioned error.
fn checked(v: f64, at: Position) -> Result<f64, ModelError> {
    if v.abs() > MAX_ABS_VALUE {
        return Err(ModelError::syntax(
            at,
            format!(
                "the value {v:e} is too large for a fixed or starting value (at most ±{MAX_ABS_VALUE:e}); \
                 rescale the data if its variances are this large"
            ),
        ));
    }
    Ok(v)
}

/// A plain modifier: a number fixes, `NA` frees, a name or string labels.
fn simple_value(tok: Tok, at: Position) -> Result<ModValue, ModelError> {
    Ok(match tok {
        Tok::Number(v) => ModValue::Fixed(checked(v, at)?),
        Tok::Ident(s) if s == "NA" => ModValue::Free,
        Tok::Ident(s) if matches!(s.as_str(), "NaN" | "Inf" | "NA_real_") => {
            return Err(ModelError::syntax(
                at,
                format!("'{s}' is not a finite number; write a number, NA (free) or a label"),
            ));
        }
        Tok::Ident(s) | Tok::Str(s) => ModValue::Label(s),
        _ => ModValue::Free,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(t: &Term) -> Vec<Vec<ModValue>> {
        t.modifiers.iter().map(|m| m.values.clone()).collect()
    }

    #[test]
    fn parses_measurement_model_with_modifiers() {
        let m = parse(
            "visual =~ x1 + a*x2 + 0.5*x3 + NA*x4 + start(0.3)*x5\n x1 ~~ c(a, 1)*x2; x1 ~ 1",
        )
        .unwrap();
        let f = &m.formulas;
        assert_eq!(f.len(), 3);
        assert_eq!(f[0].terms.len(), 5);
        assert_eq!(
            values(&f[0].terms[1]),
            vec![vec![ModValue::Label("a".into())]]
        );
        assert_eq!(values(&f[0].terms[2]), vec![vec![ModValue::Fixed(0.5)]]);
        assert_eq!(values(&f[0].terms[3]), vec![vec![ModValue::Free]]);
        assert_eq!(values(&f[0].terms[4]), vec![vec![ModValue::Start(0.3)]]);
        assert_eq!(
            values(&f[1].terms[0]),
            vec![vec![ModValue::Label("a".into()), ModValue::Fixed(1.0)]]
        );
        assert_eq!(
            f[1].terms[0].modifiers[0].at,
            Position { line: 2, column: 8 }
        );
        assert_eq!(f[2].terms[0].var, "1");
    }

    #[test]
    fn vectors_inside_start_and_label() {
        let m = parse("f =~ start(c(0.5, NA))*x1 + label(c(a, \"b\"))*x2").unwrap();
        let t = &m.formulas[0].terms;
        assert_eq!(
            values(&t[0]),
            vec![vec![ModValue::Start(0.5), ModValue::Free]]
        );
        assert_eq!(
            values(&t[1]),
            vec![vec![
                ModValue::Label("a".into()),
                ModValue::Label("b".into())
            ]]
        );
        assert!(parse("f =~ start(c(0.5, 1)*x1").is_err());
    }

    #[test]
    fn names_may_hold_dashes_and_dots() {
        let m = parse("goal-1 =~ item-1 + item.2 + .x_3 + a-b*item-4").unwrap();
        let f = &m.formulas[0];
        assert_eq!(f.lhs, "goal-1");
        let vars: Vec<&str> = f.terms.iter().map(|t| t.var.as_str()).collect();
        assert_eq!(vars, ["item-1", "item.2", ".x_3", "item-4"]);
        assert_eq!(
            values(&f.terms[3]),
            vec![vec![ModValue::Label("a-b".into())]]
        );
        for ok in ["i1", "item-1", "Q2.3", "_x", ".p1.", "spørsmål-2"] {
            assert!(crate::is_name(ok), "{ok}");
        }
        for bad in ["", "1a", "-x", ".5", "a b", "a+b", "a(b)", "x~y"] {
            assert!(!crate::is_name(bad), "{bad}");
        }
    }

    /// `start(1e308)`, `1e400`, `NaN` and `Inf` are refused with their position.
    #[test]
    fn non_finite_and_absurd_values_are_refused_with_position() {
        for (text, column) in [
            ("f =~ x1 + start(1e308)*x2", 17),
            ("f =~ 1e400*x1 + x2", 6),
            ("f =~ x1 + NaN*x2", 11),
            ("f =~ x1 + Inf*x2", 11),
            ("f =~ x1 + c(1, 2e6)*x2", 16),
            ("f =~ x1\nx1 ~~ -5e7*x1", 7),
        ] {
            match parse(text) {
                Err(ModelError::Syntax { at, message }) => {
                    assert_eq!(at.column, column, "{text}: {message}");
                }
                other => panic!("{text}: {other:?}"),
            }
        }
        assert!(parse("f =~ x1 + start(-1e5)*x2 + 1e6*x3").is_ok());
    }

    #[test]
    fn definitions_and_constraints() {
        let m = parse("f =~ x1 + a*x2 + b*x3\nab := a*b\nd := (a - b)/2\na == b").unwrap();
        assert_eq!(m.definitions.len(), 2);
        assert_eq!(m.definitions[0].name, "ab");
        assert_eq!(m.definitions[1].expr.names().len(), 2);
        assert_eq!(m.constraints.len(), 1);
        assert_eq!(m.constraints[0].at, Position { line: 4, column: 3 });
    }

    #[test]
    fn unsupported_operators_are_named_with_position() {
        for (text, op, column) in [
            ("f =~ x1 + x2\na < b", "'<'", 3),
            ("f =~ x1 + x2\na > 0", "'>'", 3),
            ("f <~ x1 + x2", "'<~'", 3),
            ("group: 1\nf =~ x1", "blocks", 6),
        ] {
            match parse(text) {
                Err(ModelError::Unsupported { at, message }) => {
                    assert!(message.contains(op), "{text}: {message}");
                    assert!(message.contains("not supported"), "{text}: {message}");
                    assert_eq!(at.column, column, "{text}: {message}");
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn group_partial_parameters() {
        assert_eq!(
            parse_parameter("task=~i7").unwrap(),
            ParamRef::new("task", Op::Measure, "i7")
        );
        assert_eq!(
            parse_parameter(" i10~1").unwrap(),
            ParamRef::new("i10", Op::Intercept, "")
        );
        assert_eq!(
            parse_parameter("x1 ~~ x2").unwrap(),
            ParamRef::new("x1", Op::Covary, "x2")
        );
        for bad in ["task", "task =~", "a =~ b + c", "a := b", "x ~ 2"] {
            assert!(parse_parameter(bad).is_err(), "{bad}");
        }
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
        let e = parse("f =~ start(a)*x").unwrap_err();
        assert!(e.to_string().contains("inside start"), "{e}");
        let e = parse("f =~ x\nd := a +").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
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
            "f =~ x1\nd := ",
            "f =~ x1\nd := a * (b",
            "f =~ x1\nd := foo(a)",
            "f =~ x1\na == ",
            "f =~ x1\n:= a",
            "f =~ x1\na + b := c",
            "f =~ start(c(1, 2)*x1",
            "f =~ x1\nd := a <- b",
        ];
        for text in corpus {
            match parse(text) {
                Ok(m) => panic!("{text:?} parsed as {m:?}"),
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
