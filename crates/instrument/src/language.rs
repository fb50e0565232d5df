//! Language tags.

/// Whether `tag` is a well-formed BCP-47 language tag of the common shape
/// `language[-script][-region][-variant]`: a 2–3 letter primary subtag followed by alphanumeric
/// subtags of 1–8 characters (RFC 5646, section 2.1; the reserved 4–8 letter primary subtags,
/// private-use and grandfathered tags are not accepted, so a typo such as `english` is caught).
///
/// ```
/// use psym_instrument::is_language_tag;
/// assert!(is_language_tag("nb"));
/// assert!(is_language_tag("pt-BR"));
/// assert!(is_language_tag("sr-Latn-RS"));
/// assert!(!is_language_tag("Norwegian"));
/// assert!(!is_language_tag("en_GB"));
/// assert!(!is_language_tag("english"));
/// ```
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let Some(primary) = parts.next() else {
        return false;
    };
    let primary_ok =
        matches!(primary.len(), 2 | 3) && primary.chars().all(|c| c.is_ascii_alphabetic());
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}
