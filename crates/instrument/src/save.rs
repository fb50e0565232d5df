//! Writing an instrument back as the JSON its files hold.

use serde_json::Value;

use crate::model::Instrument;

/// The instrument as a file's text: pretty-printed JSON ending in a newline, with whole
/// numbers written without a decimal point (`7`, not `7.0`), as people write them by hand, so
/// that a file read and written again differs only where something changed.
///
/// # Errors
/// Only if the instrument cannot be represented as JSON (a non-finite number).
pub fn to_json_text(inst: &Instrument) -> Result<String, serde_json::Error> {
    let mut value = serde_json::to_value(inst)?;
    whole_numbers(&mut value);
    Ok(serde_json::to_string_pretty(&value)? + "\n")
}

/// Rewrites every whole number held as a float as an integer.
fn whole_numbers(v: &mut Value) {
    match v {
        Value::Number(n) => {
            if let Some(x) = n
                .as_f64()
                .filter(|x| n.is_f64() && x.fract() == 0.0 && x.abs() < 9e15)
            {
                *v = Value::from(x as i64);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(whole_numbers),
        Value::Object(o) => o.values_mut().for_each(whole_numbers),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_lose_their_decimal_point_only() {
        let mut v = serde_json::json!({"min": 1.0, "max": 7.0, "w": 0.5, "codes": [9.0, 99.0]});
        whole_numbers(&mut v);
        assert_eq!(v.to_string(), r#"{"min":1,"max":7,"w":0.5,"codes":[9,99]}"#);
    }
}
