//! Dutch and English for everything inzage says: the portal's pages, the command line, the
//! rulebook's terminal report and the documents (the audit report, later the PDFs). One `Lang`,
//! one translation handle (`Tr`), one set of vocabulary labels.
//!
//! The messages are Project Fluent files in `locales/{nl,en}/`, one file per audience:
//! `vocab.ftl` (the labels of the register's closed vocabularies, yes/no, roles, severities),
//! `portal.ftl` (the pages), `check.ftl` (`inzage check`'s report) and `cli.ftl` (the command
//! line's messages), `notice.ftl` (the workers' notices), `inspector.ftl` (the inspector's
//! overview). They are compiled into the binary; a test fails when a key is in one language and
//! not the other.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around placeables: everything is left-to-right.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The folder with the message files, for tests that read them.
pub const LOCALES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");

/// The time zone of an organisation that says nothing else: the Netherlands.
pub use domain::DEFAULT_TIME_ZONE;

/// A language inzage speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// A language from a tag such as `nl`, `en-GB` or `nl_NL.UTF-8`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_', '.']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`, as POSIX orders them),
    /// if it is one inzage speaks.
    pub fn from_env() -> Option<Lang> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::from_code(&v))
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::Nl => langid!("nl"),
            Lang::En => langid!("en"),
        }
    }

    /// The best language for an `Accept-Language` header, by quality; Dutch when none fits.
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut choices: Vec<(f32, usize, Lang)> = accept_language
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut pieces = part.split(';');
                let lang = Lang::from_code(pieces.next()?)?;
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q=").map(|q| q.parse::<f32>().unwrap_or(0.0)))
                    .unwrap_or(1.0);
                (q > 0.0).then_some((q, i, lang))
            })
            .collect();
        choices.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        choices.first().map_or(Lang::Nl, |c| c.2)
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Lang, String> {
        Lang::from_code(s).ok_or_else(|| format!("`{s}` is not a language inzage speaks; choose nl or en"))
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Translations in one language, and the time zone moments are shown in; templates call its
/// `t` method with a message id.
#[derive(Clone, Debug)]
pub struct Tr {
    pub lang: Lang,
    /// The organisation's time zone: stored moments are shown in it.
    pub zone: jiff::tz::TimeZone,
}

impl Tr {
    /// Translations in `lang`, with moments in the default time zone.
    pub fn new(lang: Lang) -> Tr {
        Tr { lang, zone: default_zone() }
    }

    /// Translations in `lang`, with moments in `zone`.
    pub fn with_zone(lang: Lang, zone: jiff::tz::TimeZone) -> Tr {
        Tr { lang, zone }
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(&self.lang.id(), key)
    }

    /// The message `key` with arguments. A whole number is passed as a number, so that Fluent
    /// can choose the plural form; use `tn` where a number-like value must stay text.
    pub fn ta(&self, key: &str, args: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| {
                let value = match value.parse::<i64>() {
                    Ok(n) => FluentValue::from(n),
                    Err(_) => FluentValue::from(value.clone()),
                };
                (Cow::Borrowed(*name), value)
            })
            .collect();
        LOCALES.lookup_with_args(&self.lang.id(), key, &args)
    }

    /// The message `key` with arguments passed as they are, all text.
    pub fn tn(&self, key: &str, args: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> =
            args.iter().map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.clone()))).collect();
        LOCALES.lookup_with_args(&self.lang.id(), key, &args)
    }

    /// The label of a vocabulary value, such as `v("purpose", "productivity")`.
    pub fn v(&self, vocabulary: &str, value: &str) -> String {
        self.t(&format!("{vocabulary}-{value}"))
    }

    /// Yes, no, or "not registered" for a fact that may be unknown.
    pub fn yes_no(&self, fact: Option<bool>) -> String {
        match fact {
            Some(true) => self.t("yes"),
            Some(false) => self.t("no"),
            None => self.t("not-registered"),
        }
    }

    /// A whole number with the language's thousands separator: 23.558.050 or 23,558,050.
    pub fn int(&self, value: i64) -> String {
        let digits = value.unsigned_abs().to_string();
        let sep = match self.lang {
            Lang::Nl => '.',
            Lang::En => ',',
        };
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        if value < 0 { format!("-{out}") } else { out }
    }

    /// A stored moment (RFC 3339) in the organisation's time zone: `2026-11-25 18:17 CET`.
    pub fn moment(&self, rfc3339: &str) -> String {
        match rfc3339.parse::<jiff::Timestamp>() {
            Ok(ts) => ts.to_zoned_datetime(self.zone.clone()).strftime("%Y-%m-%d %H:%M %Z").to_string(),
            Err(_) => rfc3339.to_owned(),
        }
    }

    /// A moment in Unix milliseconds, in the organisation's time zone, to the millisecond.
    pub fn moment_ms(&self, ms: i64) -> String {
        jiff::Timestamp::from_millisecond(ms)
            .unwrap_or_default()
            .to_zoned_datetime(self.zone.clone())
            .strftime("%Y-%m-%d %H:%M:%S%.3f")
            .to_string()
    }

    /// A date written out: `4 december 2026`, `4 December 2026` (month names `month-1` … `month-12`).
    pub fn date(&self, date: jiff::civil::Date) -> String {
        format!("{} {} {}", date.day(), self.t(&format!("month-{}", date.month())), date.year())
    }

    /// A number written the way the language writes it (decimal comma in Dutch).
    pub fn num(&self, value: f64, decimals: usize) -> String {
        let text = format!("{value:.decimals$}");
        match self.lang {
            Lang::Nl => text.replace('.', ","),
            Lang::En => text,
        }
    }

    /// A share as a percentage with one decimal, or a dash when there is none.
    pub fn pct(&self, v: Option<f64>) -> String {
        v.map_or_else(|| "—".to_owned(), |v| format!("{} %", self.num(100.0 * v, 1)))
    }
}

/// The default time zone (`DEFAULT_TIME_ZONE`), from the bundled database.
pub fn default_zone() -> jiff::tz::TimeZone {
    zone(DEFAULT_TIME_ZONE)
}

/// A time zone by name; UTC when the name is unknown (names are checked where they are given).
pub fn zone(name: &str) -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get(name).unwrap_or(jiff::tz::TimeZone::UTC)
}

/// Whether a character would change how a terminal shows the text around it: control characters
/// (TAB, newline, the escape that starts a colour or "conceal" sequence) and the bidirectional
/// overrides that reorder a line.
fn unprintable(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text from a file or an account name, made safe for a terminal: each control character is
/// written as its escape (`\t`, `\n`, `\u{1b}`), so a name cannot forge a line, a column or hide
/// what follows (security review L7).
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unprintable) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars().map(|c| if unprintable(c) { c.escape_debug().to_string() } else { c.to_string() }).collect(),
    )
}

/// A whole text for a terminal, its own lines kept: every other control character escaped as in
/// [`printable`].
pub fn printable_lines(text: &str) -> String {
    text.split('\n').map(printable).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_name_with_a_newline_tab_or_escape_cannot_forge_a_terminal_line() {
        assert_eq!(super::printable("gast\nprivacy2\tadmin"), "gast\\nprivacy2\\tadmin");
        assert_eq!(super::printable("Camera\u{1b}[8m"), "Camera\\u{1b}[8m");
        assert_eq!(super::printable("abc\u{202e}"), "abc\\u{202e}");
        assert!(matches!(super::printable("Anna de Vries"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(super::printable_lines("a\u{1b}\nb\tc"), "a\\u{1b}\nb\\tc");
    }
    use super::*;

    #[test]
    fn negotiation_follows_quality_and_order() {
        assert_eq!(Lang::negotiate("en-GB,en;q=0.9,nl;q=0.8"), Lang::En);
        assert_eq!(Lang::negotiate("de-DE,nl-BE;q=0.7,en;q=0.5"), Lang::Nl);
        assert_eq!(Lang::negotiate("en;q=0.4, nl-NL"), Lang::Nl);
        assert_eq!(Lang::negotiate("fr"), Lang::Nl);
        assert_eq!(Lang::negotiate("nl;q=0, en"), Lang::En);
    }

    #[test]
    fn locale_tags_from_the_environment_are_understood() {
        assert_eq!(Lang::from_code("nl_NL.UTF-8"), Some(Lang::Nl));
        assert_eq!(Lang::from_code("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_code("C.UTF-8"), None);
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert!("fr".parse::<Lang>().is_err());
    }

    #[test]
    fn dates_are_written_out_in_the_language() {
        let d = jiff::civil::date(2028, 2, 29);
        assert_eq!(Tr::new(Lang::Nl).date(d), "29 februari 2028");
        assert_eq!(Tr::new(Lang::En).date(d), "29 February 2028");
        assert_eq!(Tr::new(Lang::Nl).date(jiff::civil::date(2026, 12, 4)), "4 december 2026");
        assert_eq!(Tr::new(Lang::En).date(jiff::civil::date(2027, 1, 1)), "1 January 2027");
    }

    #[test]
    fn messages_differ_per_language() {
        let (nl, en) = (Tr::new(Lang::Nl), Tr::new(Lang::En));
        assert_eq!((nl.t("nav-home").as_str(), en.t("nav-home").as_str()), ("Start", "Home"));
        assert_eq!((nl.v("role", "worker").as_str(), en.v("role", "worker").as_str()), ("werknemer", "worker"));
        assert_eq!(nl.num(4.2154, 3), "4,215");
        assert_eq!(en.num(4.2154, 3), "4.215");
        assert_eq!(nl.int(23_558_050), "23.558.050");
        assert_eq!(en.int(-1234), "-1,234");
        assert_eq!(en.int(999), "999");
        assert_eq!(nl.pct(Some(0.4926)), "49,3 %");
        assert_eq!(en.pct(None), "—");
    }

    #[test]
    fn moments_are_shown_in_the_organisations_time_zone_not_utc() {
        // 17:17 UTC is 18:17 in Amsterdam in November (CET) and 12:17 in New York (EST).
        let amsterdam = Tr::new(Lang::En);
        assert_eq!(amsterdam.moment("2026-11-25T17:17:39.92Z"), "2026-11-25 18:17 CET");
        let new_york = Tr::with_zone(Lang::En, zone("America/New_York"));
        assert_eq!(new_york.moment("2026-11-25T17:17:39.92Z"), "2026-11-25 12:17 EST");
        assert_eq!(amsterdam.moment("not a moment"), "not a moment");
        // Summer time: 06:00 UTC on 4 July is 08:00 in Amsterdam (CEST).
        assert_eq!(amsterdam.moment_ms(1_783_144_800_000), "2026-07-04 08:00:00.000");
    }

    fn ids(lang: &str) -> std::collections::BTreeSet<String> {
        let mut out = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(std::path::Path::new(LOCALES_DIR).join(lang)).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let resource = fluent_syntax::parser::parse(text.as_str()).expect("a valid Fluent file");
            for e in resource.body {
                if let fluent_syntax::ast::Entry::Message(m) = e {
                    assert!(out.insert(m.id.name.to_owned()), "{} is defined twice in {lang}", m.id.name);
                }
            }
        }
        out
    }

    #[test]
    fn every_message_exists_in_dutch_and_english_once() {
        let (nl, en) = (ids("nl"), ids("en"));
        let only_nl: Vec<_> = nl.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&nl).collect();
        assert!(only_nl.is_empty() && only_en.is_empty(), "only in nl: {only_nl:?}; only in en: {only_en:?}");
        assert!(en.len() > 300, "found only {} messages: the scan is broken", en.len());
    }
}
