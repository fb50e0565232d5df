//! Arithmetic expressions of defined parameters (`:=`) and constraints (`==`, `<`, `>`).
//!
//! Grammar (as R's arithmetic, which lavaan evaluates):
//!
//! ```text
//! expr    := product (('+' | '-') product)*
//! product := unary (('*' | '/') unary)*
//! unary   := '-' unary | power
//! power   := primary ('^' unary)?
//! primary := NUMBER | NAME | FUNC '(' expr ')' | '(' expr ')'
//! FUNC    := sqrt | exp | log | abs
//! ```
//!
//! [`Expr::eval`] gives the value and the gradient with respect to the names (forward-mode
//! differentiation), which the delta method needs for standard errors.

use crate::error::{ModelError, Position};

/// A function that may be called in an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// Square root.
    Sqrt,
    /// Exponential.
    Exp,
    /// Natural logarithm.
    Log,
    /// Absolute value.
    Abs,
}

impl Func {
    fn from_name(s: &str) -> Option<Func> {
        [Func::Sqrt, Func::Exp, Func::Log, Func::Abs]
            .into_iter()
            .find(|f| f.name() == s)
    }

    /// The name as written.
    fn name(self) -> &'static str {
        match self {
            Func::Sqrt => "sqrt",
            Func::Exp => "exp",
            Func::Log => "log",
            Func::Abs => "abs",
        }
    }

    /// f(x) and f'(x).
    fn apply(self, x: f64) -> (f64, f64) {
        match self {
            Func::Sqrt => (x.sqrt(), 0.5 / x.sqrt()),
            Func::Exp => (x.exp(), x.exp()),
            Func::Log => (x.ln(), 1.0 / x),
            Func::Abs => (x.abs(), x.signum()),
        }
    }
}

/// A binary arithmetic operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `^`
    Pow,
}

/// An arithmetic expression over parameter labels and earlier defined parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A number.
    Num(f64),
    /// A label or the name of a defined parameter, with where it is written.
    Name(String, Position),
    /// `-e`.
    Neg(Box<Expr>),
    /// `a op b`.
    Bin(BinOp, Box<Expr>, Box<Expr>),
    /// `f(e)`.
    Call(Func, Box<Expr>),
}

/// A value and its gradient with respect to the free parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Dual {
    /// The value.
    pub value: f64,
    /// ∂value/∂θ_k for each free parameter k.
    pub grad: Vec<f64>,
}

impl Dual {
    fn constant(value: f64, n: usize) -> Dual {
        Dual {
            value,
            grad: vec![0.0; n],
        }
    }

    /// `(value, grad)` with `grad = a·self.grad + b·other.grad`.
    fn combine(&self, other: &Dual, value: f64, a: f64, b: f64) -> Dual {
        let grad = self
            .grad
            .iter()
            .zip(&other.grad)
            .map(|(x, y)| a * x + b * y)
            .collect();
        Dual { value, grad }
    }
}

impl Expr {
    /// Every name in the expression, with its position, in the order written.
    pub fn names(&self) -> Vec<(&str, Position)> {
        match self {
            Expr::Num(_) => Vec::new(),
            Expr::Name(n, at) => vec![(n.as_str(), *at)],
            Expr::Neg(e) | Expr::Call(_, e) => e.names(),
            Expr::Bin(_, a, b) => [a.names(), b.names()].concat(),
        }
    }

    /// The value and gradient, given `lookup(name)` for each name (chain rule, forward mode).
    ///
    /// Rules: (a±b)' = a'±b', (ab)' = a'b + ab', (a/b)' = a'/b − ab'/b², (aᵇ)' = b·aᵇ⁻¹·a' +
    /// aᵇ·ln(a)·b' (the second term only when b depends on the parameters).
    pub fn eval(&self, n: usize, lookup: &dyn Fn(&str) -> Dual) -> Dual {
        match self {
            Expr::Num(v) => Dual::constant(*v, n),
            Expr::Name(name, _) => lookup(name),
            Expr::Neg(e) => {
                let d = e.eval(n, lookup);
                d.combine(&d, -d.value, -1.0, 0.0)
            }
            Expr::Call(f, e) => {
                let d = e.eval(n, lookup);
                let (v, slope) = f.apply(d.value);
                d.combine(&d, v, slope, 0.0)
            }
            Expr::Bin(op, a, b) => {
                let (x, y) = (a.eval(n, lookup), b.eval(n, lookup));
                let (u, v) = (x.value, y.value);
                match op {
                    BinOp::Add => x.combine(&y, u + v, 1.0, 1.0),
                    BinOp::Sub => x.combine(&y, u - v, 1.0, -1.0),
                    BinOp::Mul => x.combine(&y, u * v, v, u),
                    BinOp::Div => x.combine(&y, u / v, 1.0 / v, -u / (v * v)),
                    BinOp::Pow => {
                        let p = u.powf(v);
                        let dv = if y.grad.iter().all(|g| *g == 0.0) {
                            0.0
                        } else {
                            p * u.ln()
                        };
                        x.combine(&y, p, v * u.powf(v - 1.0), dv)
                    }
                }
            }
        }
    }
}

impl BinOp {
    fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Pow => "^",
        }
    }

    fn precedence(self) -> u8 {
        match self {
            BinOp::Add | BinOp::Sub => 1,
            BinOp::Mul | BinOp::Div => 2,
            BinOp::Pow => 4,
        }
    }
}

impl Expr {
    fn precedence(&self) -> u8 {
        match self {
            Expr::Bin(op, ..) => op.precedence(),
            Expr::Neg(_) => 3,
            _ => 5,
        }
    }
}

/// Written back without spaces, with the parentheses precedence needs (`a*b`, `(a+b)/2`),
/// as lavaan shows a definition's right-hand side.
impl std::fmt::Display for Expr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let wrap = |f: &mut std::fmt::Formatter<'_>, e: &Expr, paren: bool| {
            if paren {
                write!(f, "({e})")
            } else {
                write!(f, "{e}")
            }
        };
        match self {
            Expr::Num(v) => write!(f, "{v}"),
            Expr::Name(n, _) => f.write_str(n),
            Expr::Neg(e) => {
                f.write_str("-")?;
                wrap(f, e, e.precedence() < 3)
            }
            Expr::Call(func, e) => write!(f, "{}({e})", func.name()),
            Expr::Bin(op, a, b) => {
                let p = op.precedence();
                // Left-associative, except ^ (right-associative).
                let (pa, pb) = if *op == BinOp::Pow {
                    (p + 1, p)
                } else {
                    (p, p + 1)
                };
                wrap(f, a, a.precedence() < pa)?;
                f.write_str(op.symbol())?;
                wrap(f, b, b.precedence() < pb)
            }
        }
    }
}

/// Tokens of one expression, consumed by [`ExprParser`].
pub(crate) struct ExprParser<'a> {
    pub toks: &'a [crate::lexer::Spanned],
    pub i: usize,
}

impl ExprParser<'_> {
    fn peek(&self) -> &crate::lexer::Spanned {
        &self.toks[self.i.min(self.toks.len() - 1)]
    }

    fn error(&self, what: &str) -> ModelError {
        let t = self.peek();
        ModelError::syntax(t.at, format!("expected {what}, found {}", t.tok.describe()))
    }

    /// `expr := product (('+' | '-') product)*`
    pub(crate) fn expr(&mut self) -> Result<Expr, ModelError> {
        use crate::lexer::Tok;
        let mut left = self.product()?;
        loop {
            let op = match self.peek().tok {
                Tok::Plus => BinOp::Add,
                Tok::Minus => BinOp::Sub,
                _ => return Ok(left),
            };
            self.i += 1;
            left = Expr::Bin(op, Box::new(left), Box::new(self.product()?));
        }
    }

    fn product(&mut self) -> Result<Expr, ModelError> {
        use crate::lexer::Tok;
        let mut left = self.unary()?;
        loop {
            let op = match self.peek().tok {
                Tok::Star => BinOp::Mul,
                Tok::Slash => BinOp::Div,
                _ => return Ok(left),
            };
            self.i += 1;
            left = Expr::Bin(op, Box::new(left), Box::new(self.unary()?));
        }
    }

    fn unary(&mut self) -> Result<Expr, ModelError> {
        use crate::lexer::Tok;
        if self.peek().tok == Tok::Minus {
            self.i += 1;
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        let base = self.primary()?;
        if self.peek().tok == Tok::Caret {
            self.i += 1;
            return Ok(Expr::Bin(
                BinOp::Pow,
                Box::new(base),
                Box::new(self.unary()?),
            ));
        }
        Ok(base)
    }

    fn primary(&mut self) -> Result<Expr, ModelError> {
        use crate::lexer::Tok;
        let t = self.peek().clone();
        self.i += 1;
        match t.tok {
            Tok::Number(v) => Ok(Expr::Num(v)),
            Tok::Ident(name) if self.peek().tok == Tok::LParen => {
                let f = Func::from_name(&name).ok_or_else(|| ModelError::Unsupported {
                    at: t.at,
                    message: format!(
                        "the function {name}() is not supported in expressions (use sqrt, exp, log or abs)"
                    ),
                })?;
                self.i += 1;
                let e = self.expr()?;
                self.close()?;
                Ok(Expr::Call(f, Box::new(e)))
            }
            Tok::Ident(name) => Ok(Expr::Name(name, t.at)),
            Tok::LParen => {
                let e = self.expr()?;
                self.close()?;
                Ok(e)
            }
            _ => {
                self.i -= 1;
                Err(self.error("a number, a label or '('"))
            }
        }
    }

    fn close(&mut self) -> Result<(), ModelError> {
        if self.peek().tok != crate::lexer::Tok::RParen {
            return Err(self.error("')'"));
        }
        self.i += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexer::lex;

    fn parse(text: &str) -> Expr {
        let toks = lex(&format!("d := {text}")).unwrap();
        ExprParser { toks: &toks, i: 2 }.expr().unwrap()
    }

    /// Each derivative rule against a central difference (step 1e-6, agreement to 1e-6).
    #[test]
    fn gradients_match_finite_differences() {
        let at = [0.7, 1.3];
        for text in [
            "a*b",
            "a/b",
            "a - -b + 2",
            "a^2 * b",
            "a^b",
            "sqrt(a) + log(b) - exp(a*b) / abs(-b)",
            "(a + b) / (1 - a)",
        ] {
            let e = parse(text);
            let f = |x: &[f64]| {
                e.eval(2, &|n: &str| {
                    let k = usize::from(n == "b");
                    let mut g = vec![0.0; 2];
                    g[k] = 1.0;
                    Dual {
                        value: x[k],
                        grad: g,
                    }
                })
            };
            let d = f(&at);
            for k in 0..2 {
                let (mut hi, mut lo) = (at, at);
                hi[k] += 1e-6;
                lo[k] -= 1e-6;
                let numeric = (f(&hi).value - f(&lo).value) / 2e-6;
                assert!((d.grad[k] - numeric).abs() < 1e-6, "{text}: {k}");
            }
        }
    }

    #[test]
    fn expressions_are_written_back() {
        for (text, shown) in [
            ("a * b", "a*b"),
            ("(a + b) / 2", "(a+b)/2"),
            ("a - (b - c)", "a-(b-c)"),
            ("a - b - c", "a-b-c"),
            ("-(a*b)^2", "-(a*b)^2"),
            ("sqrt(a)*b", "sqrt(a)*b"),
        ] {
            assert_eq!(parse(text).to_string(), shown);
        }
    }

    #[test]
    fn precedence_follows_arithmetic() {
        let e = parse("1 + 2*3^2 - -4/2");
        let v = e.eval(0, &|_| Dual::constant(0.0, 0)).value;
        assert_eq!(v, 1.0 + 18.0 + 2.0);
        assert_eq!(
            parse("-2^2").eval(0, &|_| Dual::constant(0.0, 0)).value,
            -4.0
        );
    }
}
