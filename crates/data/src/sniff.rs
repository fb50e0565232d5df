//! Guessing the field delimiter and the decimal mark from the start of a file.

/// Candidate delimiters, in order of preference when counts tie.
const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];

/// Lines inspected beyond the header to confirm a delimiter.
const SNIFF_LINES: usize = 5;

/// The delimiter of a text table: the candidate (`,` `;` tab) that splits the header into the
/// most fields, ties broken by how many of the following lines it splits into the same number
/// of fields, then by the order comma, semicolon, tab. Delimiters inside quotes do not count.
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text.lines().take(SNIFF_LINES + 1).collect();
    let Some(header) = lines.first() else {
        return b',';
    };
    let score = |d: u8| {
        let h = count_outside_quotes(header, d);
        let agreeing = lines[1..]
            .iter()
            .filter(|l| count_outside_quotes(l, d) == h)
            .count();
        (h, agreeing)
    };
    let mut best = b',';
    let mut best_score = score(b',');
    for &d in &CANDIDATES[1..] {
        let s = score(d);
        if s > best_score {
            best = d;
            best_score = s;
        }
    }
    best
}

fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    line.bytes()
        .filter(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            !quoted && b == delimiter
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_splitting_delimiter() {
        assert_eq!(sniff_delimiter("id,i1,i2\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter("id;i1;i2\n1;2,5;3\n"), b';');
        assert_eq!(sniff_delimiter("id\ti1\ti2\n1\t2\t3\n"), b'\t');
        assert_eq!(sniff_delimiter("\"a;b\",c,d\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter("id\n1\n"), b',');
    }
}
