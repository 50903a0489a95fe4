//! Liquid's math filters convert through `Utils.to_number`, which turns
//! Floats and decimal strings into `BigDecimal`; results are therefore exact
//! decimal arithmetic rounded to a Float at the end (`0.1 | plus: 0.2` is
//! `0.3`, not `0.30000000000000004`).

use crate::error::Error;
use crate::util::{ruby_to_i, strip};
use crate::value::{float_to_s, Value};

#[derive(Clone, Copy, Debug)]
pub enum Num {
    Int(i64),
    /// mantissa × 10^-scale
    Dec(i128, i32),
    /// Infinity/NaN that BigDecimal cannot hold exactly.
    Float(f64),
}

fn pow10(n: i32) -> i128 {
    10i128.pow(n as u32)
}

fn parse_decimal(s: &str) -> Option<Num> {
    let s = s.trim();
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (m, e) = match s.find(['e', 'E']) {
        Some(p) => (&s[..p], s[p + 1..].parse::<i32>().ok()?),
        None => (s, 0),
    };
    let (int, frac) = m.split_once('.').unwrap_or((m, ""));
    let digits = format!("{int}{frac}");
    let mut mant: i128 = digits.parse().ok()?;
    let mut scale = frac.len() as i32 - e;
    if scale < 0 {
        mant = mant.checked_mul(pow10(-scale))?;
        scale = 0;
    }
    Some(Num::Dec(if neg { -mant } else { mant }, scale))
}

impl Num {
    pub fn from_value(v: &Value) -> Num {
        match v {
            Value::Int(i) => Num::Int(*i),
            // BigDecimal keeps the sign of -0.0; so does the Float path.
            Value::Float(f) if *f == 0.0 && f.is_sign_negative() => Num::Float(*f),
            Value::Float(f) if f.is_finite() => {
                parse_decimal(&float_to_s(*f)).unwrap_or(Num::Float(*f))
            }
            Value::Float(f) => Num::Float(*f),
            Value::Str(s) => {
                let t = strip(s);
                if is_decimal_string(t) {
                    parse_decimal(t).unwrap_or(Num::Int(0))
                } else {
                    Num::Int(ruby_to_i(s))
                }
            }
            _ => Num::Int(0),
        }
    }

    pub fn to_f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
            Num::Dec(m, s) => {
                if s <= 0 {
                    m as f64
                } else {
                    format!("{m}e-{s}").parse().unwrap_or(0.0)
                }
            }
        }
    }

    pub fn to_value(self) -> Value {
        match self {
            Num::Int(i) => Value::Int(i),
            other => Value::Float(other.to_f64()),
        }
    }

    fn as_dec(self) -> Option<(i128, i32)> {
        match self {
            Num::Int(i) => Some((i as i128, 0)),
            Num::Dec(m, s) => Some((m, s)),
            Num::Float(_) => None,
        }
    }

    fn align(a: (i128, i32), b: (i128, i32)) -> Option<(i128, i128, i32)> {
        let s = a.1.max(b.1);
        Some((
            a.0.checked_mul(pow10(s - a.1))?,
            b.0.checked_mul(pow10(s - b.1))?,
            s,
        ))
    }

    /// Whether either side is a BigDecimal (Integer * Integer stays 0).
    fn is_dec_or(self, other: Num) -> bool {
        matches!(self, Num::Dec(..)) || matches!(other, Num::Dec(..))
    }

    /// `a op b` with Ruby semantics (Integer floor division and modulo).
    pub fn op(self, other: Num, op: char) -> Result<Num, Error> {
        if let (Num::Int(a), Num::Int(b)) = (self, other) {
            let r = match op {
                '+' => a.checked_add(b),
                '-' => a.checked_sub(b),
                '*' => a.checked_mul(b),
                '/' | '%' if b == 0 => return Err(Error::render("divided by 0")),
                '/' => Some(a.div_euclid(b) - if b < 0 && a.rem_euclid(b) != 0 { 1 } else { 0 }),
                _ => Some(
                    a - b * (a.div_euclid(b) - if b < 0 && a.rem_euclid(b) != 0 { 1 } else { 0 }),
                ),
            };
            return Ok(r.map_or_else(|| Num::Float(float_op(a as f64, b as f64, op)), Num::Int));
        }
        let (Some(a), Some(b)) = (self.as_dec(), other.as_dec()) else {
            return Ok(Num::Float(float_op(self.to_f64(), other.to_f64(), op)));
        };
        let fallback = || Num::Float(float_op(self.to_f64(), other.to_f64(), op));
        match op {
            '+' | '-' => Ok(Num::align(a, b).map_or_else(fallback, |(x, y, s)| {
                Num::Dec(if op == '+' { x + y } else { x - y }, s)
            })),
            // A zero product keeps the sign, as BigDecimal's does (-0.0).
            '*' if (a.0 == 0 || b.0 == 0) && (a.0 < 0 || b.0 < 0) && self.is_dec_or(other) => {
                Ok(Num::Float(-0.0))
            }
            '*' => Ok(a
                .0
                .checked_mul(b.0)
                .map_or_else(fallback, |m| Num::Dec(m, a.1 + b.1))),
            '/' => {
                if b.0 == 0 {
                    return Err(Error::render("divided by 0"));
                }
                Ok(
                    Num::Float((a.0 as f64 / 10f64.powi(a.1)) / (b.0 as f64 / 10f64.powi(b.1)))
                        .normalize_div(a, b),
                )
            }
            _ => {
                if b.0 == 0 {
                    return Err(Error::render("divided by 0"));
                }
                let Some((x, y, s)) = Num::align(a, b) else {
                    return Ok(fallback());
                };
                let q = x.div_euclid(y) - if y < 0 && x.rem_euclid(y) != 0 { 1 } else { 0 };
                Ok(Num::Dec(x - y * q, s))
            }
        }
    }

    /// Division through a decimal string of the exact quotient digits.
    fn normalize_div(self, a: (i128, i32), b: (i128, i32)) -> Num {
        let Some((x, y, _)) = Num::align(a, b) else {
            return self;
        };
        let neg = (x < 0) != (y < 0);
        let (x, y) = (x.unsigned_abs(), y.unsigned_abs());
        let int = x / y;
        let mut rem = x % y;
        let mut s = format!("{}{int}.", if neg { "-" } else { "" });
        for _ in 0..40 {
            rem *= 10;
            s.push(char::from(b'0' + (rem / y) as u8));
            rem %= y;
        }
        Num::Float(s.parse().unwrap_or(self.to_f64()))
    }
}

fn float_op(a: f64, b: f64, op: char) -> f64 {
    match op {
        '+' => a + b,
        '-' => a - b,
        '*' => a * b,
        '/' => a / b,
        _ => a - b * (a / b).floor(),
    }
}

/// `/\A-?\d+\.\d+\z/`
pub fn is_decimal_string(t: &str) -> bool {
    let d = t.strip_prefix('-').unwrap_or(t);
    match d.split_once('.') {
        Some((a, b)) => {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// BigDecimal/Integer `round(n)`: half away from zero on the decimal digits.
pub fn round(n: Num, digits: i64) -> Num {
    match n {
        Num::Int(i) if digits >= 0 => Num::Int(i),
        Num::Int(i) => {
            let p = 10i128.pow((-digits).min(30) as u32);
            let v = i as i128;
            let r = (v.abs() + p / 2) / p * p;
            Num::Int((if v < 0 { -r } else { r }) as i64)
        }
        Num::Float(f) => Num::Float(f),
        Num::Dec(m, s) => {
            let keep = digits as i32;
            if keep >= s {
                return Num::Dec(m, s);
            }
            let drop = (s - keep).min(38);
            let p = pow10(drop);
            let r = (m.abs() + p / 2) / p;
            let r = if m < 0 { -r } else { r };
            if keep >= 0 {
                Num::Dec(r, keep)
            } else {
                Num::Dec(r * pow10(-keep), 0)
            }
        }
    }
}

pub fn floor_ceil(n: Num, ceil: bool) -> Result<i64, Error> {
    match n {
        Num::Int(i) => Ok(i),
        Num::Float(f) => {
            if f.is_finite() {
                Ok(if ceil { f.ceil() } else { f.floor() } as i64)
            } else {
                Err(Error::render(
                    if f.is_nan() { "NaN" } else { "Infinity" }.to_string(),
                ))
            }
        }
        Num::Dec(m, s) => {
            let p = pow10(s.min(38));
            let q = m.div_euclid(p);
            let r = m.rem_euclid(p);
            Ok((if ceil && r != 0 { q + 1 } else { q }) as i64)
        }
    }
}

pub fn cmp(a: Num, b: Num) -> std::cmp::Ordering {
    match (a.as_dec(), b.as_dec()) {
        (Some(x), Some(y)) => match Num::align(x, y) {
            Some((p, q, _)) => p.cmp(&q),
            None => a
                .to_f64()
                .partial_cmp(&b.to_f64())
                .unwrap_or(std::cmp::Ordering::Equal),
        },
        _ => a
            .to_f64()
            .partial_cmp(&b.to_f64())
            .unwrap_or(std::cmp::Ordering::Equal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_math() {
        let f = |x: f64| Num::from_value(&Value::Float(x));
        assert_eq!(f(0.1).op(f(0.2), '+').unwrap().to_f64(), 0.3);
        assert_eq!(
            Num::Int(7)
                .op(Num::Int(-2), '/')
                .unwrap()
                .to_value()
                .to_liquid_string(),
            "-4"
        );
        assert_eq!(
            Num::Int(7)
                .op(Num::Int(-2), '%')
                .unwrap()
                .to_value()
                .to_liquid_string(),
            "-1"
        );
        assert_eq!(round(f(1.005), 2).to_f64(), 1.01);
        assert_eq!(round(f(2.5), 0).to_f64(), 3.0);
    }
}
