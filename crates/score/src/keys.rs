//! Item keys written as psych writes them: `"-A1 A2 A3"`, a leading `-` marking a
//! reverse-keyed item.

use crate::ScoreError;

/// One item of a key list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemKey {
    /// Item id (column name).
    pub item: String,
    /// Whether the item is reverse-keyed.
    pub reverse: bool,
}

/// Parses a key list such as `"-A1 A2 A3"` or `"-A1,A2,A3"` (separated by spaces or commas).
///
/// ```
/// let keys = psym_score::parse_keys("-A1 A2, A3").unwrap();
/// assert_eq!(keys.len(), 3);
/// assert!(keys[0].reverse && !keys[1].reverse);
/// assert_eq!(keys[0].item, "A1");
/// ```
///
/// # Errors
/// An empty list, an empty item name (a lone `-`), or an item listed twice.
pub fn parse_keys(text: &str) -> Result<Vec<ItemKey>, ScoreError> {
    let mut keys: Vec<ItemKey> = Vec::new();
    for token in text.split([' ', ',', '\t', '\n']).filter(|t| !t.is_empty()) {
        let (reverse, item) = match token.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, token.strip_prefix('+').unwrap_or(token)),
        };
        if item.is_empty() {
            return Err(ScoreError::Keys(format!(
                "'{token}' names no item (write -A1 for a reverse-keyed item A1)"
            )));
        }
        if keys.iter().any(|k| k.item == item) {
            return Err(ScoreError::Keys(format!("item '{item}' is listed twice")));
        }
        keys.push(ItemKey {
            item: item.to_owned(),
            reverse,
        });
    }
    if keys.is_empty() {
        return Err(ScoreError::Keys("no items given".into()));
    }
    Ok(keys)
}
