//! Brent's (1973) derivative-free minimiser on an interval (the algorithm of R's `optimize`).

/// Minimises `f` on `[a, b]` by golden-section search with parabolic interpolation (Brent
/// 1973, `localmin`), stopping when the bracket is within `2(√ε|x| + tol/3)` of the best point,
/// as R's `optimize(f, c(a, b), tol = tol)`. Returns the minimiser and the minimum.
pub fn brent_min<F: FnMut(f64) -> f64>(mut f: F, mut a: f64, mut b: f64, tol: f64) -> (f64, f64) {
    let golden = (3.0 - 5f64.sqrt()) * 0.5;
    let eps = f64::EPSILON.sqrt();
    let mut v = a + golden * (b - a);
    let (mut w, mut x) = (v, v);
    let mut fx = f(x);
    let (mut fv, mut fw) = (fx, fx);
    let (mut d, mut e): (f64, f64) = (0.0, 0.0);
    let tol3 = tol / 3.0;
    loop {
        let xm = (a + b) * 0.5;
        let tol1 = eps * x.abs() + tol3;
        let t2 = tol1 * 2.0;
        if (x - xm).abs() <= t2 - (b - a) * 0.5 {
            return (x, fx);
        }
        let (mut p, mut q, mut r) = (0.0, 0.0, 0.0);
        if e.abs() > tol1 {
            // fit a parabola through x, v, w
            r = (x - w) * (fx - fv);
            q = (x - v) * (fx - fw);
            p = (x - v) * q - (x - w) * r;
            q = (q - r) * 2.0;
            if q > 0.0 {
                p = -p;
            } else {
                q = -q;
            }
            r = e;
            e = d;
        }
        if p.abs() >= (0.5 * q * r).abs() || p <= q * (a - x) || p >= q * (b - x) {
            // golden-section step
            e = if x < xm { b - x } else { a - x };
            d = golden * e;
        } else {
            // parabolic step, not too close to the ends
            d = p / q;
            let u = x + d;
            if u - a < t2 || b - u < t2 {
                d = if x < xm { tol1 } else { -tol1 };
            }
        }
        let u = if d.abs() >= tol1 {
            x + d
        } else if d > 0.0 {
            x + tol1
        } else {
            x - tol1
        };
        let fu = f(u);
        if fu <= fx {
            if u < x {
                b = x;
            } else {
                a = x;
            }
            v = w;
            fv = fw;
            w = x;
            fw = fx;
            x = u;
            fx = fu;
        } else {
            if u < x {
                a = u;
            } else {
                b = u;
            }
            if fu <= fw || w == x {
                v = w;
                fv = fw;
                w = u;
                fw = fu;
            } else if fu <= fv || v == x || v == w {
                v = u;
                fv = fu;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_minimum_of_smooth_function() {
        let (x, fx) = brent_min(|x| (x - 0.3).powi(2) + 1.0, -1.0, 1.0, 1e-10);
        assert!((x - 0.3).abs() < 1e-8);
        assert!((fx - 1.0).abs() < 1e-15);
        let (x, _) = brent_min(|x: f64| x.cos(), 2.0, 4.0, 1e-10);
        assert!((x - std::f64::consts::PI).abs() < 1e-8);
    }
}
