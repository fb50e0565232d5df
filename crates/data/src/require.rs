//! What an analysis requires of the responses it reads: a column for every item it uses, and
//! numbers in them.

use std::path::Path;

use crate::error::{DataError, DataErrorKind};
use crate::matrix::Responses;
use crate::problem::ProblemKind;

impl Responses {
    /// Refuses responses that an analysis of the items accepted by `needed` cannot use: an item
    /// without a column in the file ([`DataErrorKind::MissingColumns`], listing them all), or
    /// an item column that holds text and no number at all ([`DataErrorKind::TextColumn`],
    /// with an example value and its line). `path` names the file in the error.
    ///
    /// # Errors
    /// As above.
    pub fn require_columns(
        &self,
        path: &Path,
        needed: impl Fn(&str) -> bool,
    ) -> Result<(), DataError> {
        let missing: Vec<String> = self
            .problems
            .iter()
            .filter(|p| p.kind == ProblemKind::MissingColumn)
            .filter_map(|p| p.column.clone())
            .filter(|c| needed(c))
            .collect();
        if !missing.is_empty() {
            return Err(DataError::new(
                path,
                DataErrorKind::MissingColumns { items: missing },
            ));
        }
        for (j, item) in self.items.iter().enumerate() {
            if !needed(item) || self.matrix.column(j).iter().any(|v| !v.is_nan()) {
                continue;
            }
            let text = self
                .problems
                .iter()
                .find(|p| p.kind == ProblemKind::NotANumber && p.column.as_deref() == Some(item));
            if let Some(p) = text {
                return Err(DataError::new(
                    path,
                    DataErrorKind::TextColumn {
                        item: item.clone(),
                        value: p.value.clone().unwrap_or_default(),
                        line: p.line,
                    },
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::{ItemSpec, ReadOptions, ResponseReader, Responses};

    fn read(text: &str, items: &[&str]) -> Responses {
        let specs: Vec<ItemSpec> = items.iter().map(|i| ItemSpec::continuous(i)).collect();
        let bytes = text.as_bytes().to_vec();
        let reader = ResponseReader::from_bytes("t.csv", bytes, &specs, &ReadOptions::default());
        Responses::collect(reader.unwrap()).unwrap()
    }

    #[test]
    fn missing_columns_are_listed_together() {
        let r = read("id,a\n1,2\n", &["a", "b", "c"]);
        let e = r.require_columns("t.csv".as_ref(), |_| true).unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.csv: no column for item(s) b, c (column names are matched ignoring case)"
        );
        assert!(r.require_columns("t.csv".as_ref(), |i| i == "a").is_ok());
    }

    #[test]
    fn a_text_column_is_named_with_an_example() {
        let r = read("id,a,b\n1,2,yes\n2,3,no\n", &["a", "b"]);
        let e = r.require_columns("t.csv".as_ref(), |_| true).unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.csv: column 'b' holds text, not numbers (for example 'yes' on line 2); leave it \
             out or recode its answers as numbers"
        );
    }
}
