//! The register file, TOML or JSON with the same structure.

use std::path::Path;

use domain::Register;

use crate::{InputError, Place};

/// The largest register file inzage reads, in bytes (a register of [`domain::MAX_SYSTEMS`]
/// systems is a few megabytes).
pub const MAX_REGISTER_BYTES: u64 = 16 << 20;

/// Reads and validates a register; the format follows from the extension (`.json`, else TOML).
pub fn read_register(path: &Path) -> Result<Register, InputError> {
    let fail = |message: String| InputError::new(path, Place::File, message);
    let file = std::fs::File::open(path).map_err(|e| fail(format!("cannot read the register: {e}")))?;
    let mut text = String::new();
    // One byte more than allowed tells a file that is too large, without reading all of it.
    std::io::Read::read_to_string(&mut std::io::Read::take(file, MAX_REGISTER_BYTES + 1), &mut text)
        .map_err(|e| fail(format!("cannot read the register: {e}")))?;
    if text.len() as u64 > MAX_REGISTER_BYTES {
        return Err(fail(format!("the register is larger than {MAX_REGISTER_BYTES} bytes, the most inzage reads")));
    }
    let json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    register_from_str(&text, json, path)
}

/// Parses and validates register text; `name` is used in error messages.
pub fn register_from_str(text: &str, json: bool, name: &Path) -> Result<Register, InputError> {
    // A byte-order mark (Windows editors write one) is not part of the text (security review L10).
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let register: Register = if json {
        serde_json::from_str(text).map_err(|e| {
            InputError::new(
                name,
                Place::Line { line: e.line(), column: e.column() },
                with_suggestion(&json_message(&e)),
            )
        })?
    } else {
        toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map(|s| line_column(text, s.start)).unwrap_or((1, 1));
            InputError::new(name, Place::Line { line, column }, with_suggestion(e.message().trim()))
        })?
    };
    register.validate().map_err(|e| InputError::new(name, Place::File, e.to_string()))?;
    Ok(register)
}

/// serde_json's message without its " at line L column C", which the place already says.
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).map(str::to_owned).unwrap_or(text)
}

/// Adds "did you mean …?" to serde's "unknown field `x`, expected one of `a`, `b`" (and the
/// same for enumeration values) when one of the expected names is close to what was written.
fn with_suggestion(message: &str) -> String {
    let Some(rest) = message.strip_prefix("unknown field `").or_else(|| message.strip_prefix("unknown variant `"))
    else {
        return message.to_owned();
    };
    let Some((written, expected)) = rest.split_once('`') else {
        return message.to_owned();
    };
    let best = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|candidate| (strsim::jaro_winkler(written, candidate), candidate))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, candidate)) => format!("{message}; did you mean `{candidate}`?"),
        None => message.to_owned(),
    }
}

/// 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CORE: &str = r#"
format = "inzage.register/1"

[organisation]
name = "Test B.V."

[[system]]
id = "scan-pace"
name = "Scanner pace"
status = "live"
"#;

    #[test]
    fn a_register_with_only_the_core_keys_reads() {
        let r = register_from_str(CORE, false, Path::new("r.toml")).unwrap();
        assert_eq!(r.systems[0].id, "scan-pace");
        assert_eq!(r.organisation.works_council, None, "unknown stays unknown");
    }

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let text = CORE.replace("status = \"live\"", "status = \"live\"\nlegal_bases = \"consent\"");
        let err = register_from_str(&text, false, Path::new("r.toml")).unwrap_err();
        assert_eq!(err.place, Place::Line { line: 11, column: 1 });
        assert!(err.message.contains("legal_bases"), "{err}");
        assert!(err.to_string().starts_with("r.toml:11:1: "), "{err}");
    }

    #[test]
    fn a_misspelled_key_gets_a_suggestion_in_toml_and_json() {
        let text = CORE.replace("status = \"live\"", "status = \"live\"\nlegal_bases = \"consent\"");
        let err = register_from_str(&text, false, Path::new("r.toml")).unwrap_err();
        assert!(err.message.ends_with("did you mean `legal_basis`?"), "{err}");
        let json = r#"{"format": "inzage.register/1", "organisation": {"name": "X"}, "system": [{"id": "a", "name": "A", "status": "live", "monitorring": "continuous"}]}"#;
        let err = register_from_str(json, true, Path::new("r.json")).unwrap_err();
        assert!(err.message.contains("did you mean `monitoring`?"), "{err}");
        assert!(matches!(err.place, Place::Line { line: 1, .. }), "{err:?}");
        let text = CORE.replace("status = \"live\"", "status = \"planed\"");
        let err = register_from_str(&text, false, Path::new("r.toml")).unwrap_err();
        assert!(err.message.contains("did you mean `planned`?"), "{err}");
        let text = CORE.replace("status = \"live\"", "status = \"live\"\nzzz = 1");
        let err = register_from_str(&text, false, Path::new("r.toml")).unwrap_err();
        assert!(!err.message.contains("did you mean"), "no suggestion for nonsense: {err}");
    }

    #[test]
    fn bad_enumeration_names_the_choices() {
        let text = CORE.replace("status = \"live\"", "status = \"running\"");
        let err = register_from_str(&text, false, Path::new("r.toml")).unwrap_err();
        assert!(err.message.contains("running") && err.message.contains("planned"), "{err}");
    }

    #[test]
    fn json_and_toml_read_the_same() {
        let from_toml = register_from_str(CORE, false, Path::new("r.toml")).unwrap();
        let json = serde_json::to_string(&from_toml).unwrap();
        let from_json = register_from_str(&json, true, Path::new("r.json")).unwrap();
        assert_eq!(from_toml, from_json);
    }

    /// Security review L10: a JSON register saved with a byte-order mark was refused with
    /// `1:1: expected value` while the same in TOML was read.
    #[test]
    fn a_byte_order_mark_is_read_past_in_json_as_in_toml() {
        let from_toml = register_from_str(&format!("\u{feff}{CORE}"), false, Path::new("r.toml")).unwrap();
        let json = format!("\u{feff}{}", serde_json::to_string(&from_toml).unwrap());
        assert_eq!(register_from_str(&json, true, Path::new("r.json")).unwrap(), from_toml);
    }

    /// Security review L15: a register of 20,000 systems took `inzage check` 73 s and 9.8 GB;
    /// huge texts and lists were read whole. Each is refused with the place and the limit.
    #[test]
    fn twenty_thousand_systems_a_huge_text_or_list_are_refused_naming_the_field() {
        let mut text = CORE.to_owned();
        for i in 0..20_000 {
            text.push_str(&format!("\n[[system]]\nid = \"s{i}\"\nname = \"S\"\nstatus = \"live\"\n"));
        }
        let err = register_from_str(&text, false, Path::new("r.toml")).unwrap_err();
        assert!(err.message.contains("20001 systems") && err.message.contains("at most 1000"), "{err}");

        let long = "x".repeat(domain::MAX_TEXT + 1);
        let text =
            CORE.replace("name = \"Scanner pace\"", &format!("name = \"Scanner pace\"\ndescription = \"{long}\""));
        let err = register_from_str(&text, false, Path::new("r.toml")).unwrap_err();
        assert!(err.message.starts_with("system `scan-pace`: `description` is 10001 characters long"), "{err}");

        let targets: String = (0..=domain::MAX_ENTRIES)
            .map(|i| format!("\n[[system.target]]\nkind = \"k{i}\"\nper_hour = 1\n"))
            .collect();
        let err = register_from_str(&format!("{CORE}{targets}"), false, Path::new("r.toml")).unwrap_err();
        assert!(err.message.starts_with("system `scan-pace`: `target` has 1001 entries; at most 1000"), "{err}");

        let big = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(big.path(), format!("{CORE}\n# {}\n", "x".repeat(MAX_REGISTER_BYTES as usize))).unwrap();
        let err = read_register(big.path()).unwrap_err();
        assert!(err.message.contains("larger than"), "{err}");
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let text = format!("{CORE}\n[[system]]\nid = \"scan-pace\"\nname = \"Again\"\nstatus = \"planned\"\n");
        let err = register_from_str(&text, false, Path::new("r.toml")).unwrap_err();
        assert!(err.message.contains("more than once"), "{err}");
    }
}
