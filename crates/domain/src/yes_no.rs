//! The one yes/no vocabulary of input files (workers, decisions), in English and Dutch.
//!
//! `docs/audit-definitions.md` ("Inputs after reading") lists the same words; change both together.

/// The words read as yes, lower-case.
pub const YES: [&str; 6] = ["true", "yes", "ja", "1", "y", "j"];

/// The words read as no, lower-case.
pub const NO: [&str; 5] = ["false", "no", "nee", "0", "n"];

/// Reads a yes/no value, trimmed and in any case: `Some(true)` for a word of [`YES`],
/// `Some(false)` for a word of [`NO`], `None` for anything else (including an empty field).
pub fn parse(text: &str) -> Option<bool> {
    let word = text.trim().to_lowercase();
    if YES.contains(&word.as_str()) {
        Some(true)
    } else if NO.contains(&word.as_str()) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_word_reads_in_any_case_and_with_spaces() {
        for word in YES {
            assert_eq!(parse(word), Some(true), "{word}");
            assert_eq!(parse(&format!(" {} ", word.to_uppercase())), Some(true), "{word}");
        }
        for word in NO {
            assert_eq!(parse(word), Some(false), "{word}");
            assert_eq!(parse(&format!("\t{}\n", word.to_uppercase())), Some(false), "{word}");
        }
    }

    #[test]
    fn other_text_is_neither() {
        for text in ["", "  ", "misschien", "2", "yess", "ja!", "t", "f", "on", "off"] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn no_word_is_both() {
        assert!(YES.iter().all(|w| !NO.contains(w)));
    }
}
