//! Dutch and English. Every user-facing string comes from `locales/{nl,en}/main.ftl` (Project
//! Fluent); a test fails when a key exists in one language and not the other.

use std::borrow::Cow;
use std::collections::HashMap;

use axum::extract::FromRequestParts;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::request::Parts;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around placeables: the pages are left-to-right only.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The name of the cookie that keeps a chosen language.
pub const LANG_COOKIE: &str = "lang";

/// A language of the portal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
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

/// Translations for one request's language; templates call its `t` method with a message id.
/// It also carries who is logged in, for the page's frame (their name, role and forms' token).
#[derive(Clone, Debug)]
pub struct Tr {
    pub lang: Lang,
    pub who: Option<std::sync::Arc<Badge>>,
}

/// The logged-in person as the frame shows them.
#[derive(Clone, Debug)]
pub struct Badge {
    pub name: String,
    pub role: domain::Role,
    pub csrf: String,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang, who: None }
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(&self.lang.id(), key)
    }

    /// The message `key` with arguments. A whole number is passed as a number, so that Fluent
    /// can choose the plural form.
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

    /// The label of a vocabulary value, such as `v("purpose", "productivity")`.
    pub fn v(&self, vocabulary: &str, value: &str) -> String {
        self.t(&format!("{vocabulary}-{value}"))
    }

    /// Yes, no, or "not registered" for a fact that may be unknown.
    pub fn yes_no(&self, fact: &Option<bool>) -> String {
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

    /// A stored moment (RFC 3339) as a reader wants it: `2026-11-25 17:17 UTC`.
    pub fn moment(&self, rfc3339: &str) -> String {
        match rfc3339.parse::<jiff::Timestamp>() {
            Ok(ts) => ts.strftime("%Y-%m-%d %H:%M UTC").to_string(),
            Err(_) => rfc3339.to_owned(),
        }
    }

    /// A number written the way the language writes it (decimal comma in Dutch).
    pub fn num(&self, value: f64, decimals: usize) -> String {
        let text = format!("{value:.decimals$}");
        match self.lang {
            Lang::Nl => text.replace('.', ","),
            Lang::En => text,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Tr {
    type Rejection = std::convert::Infallible;

    /// The language from the `lang` cookie if the user chose one, else from `Accept-Language`.
    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Tr, Self::Rejection> {
        let chosen = crate::auth::cookie(&parts.headers, LANG_COOKIE).and_then(|value| Lang::from_code(&value));
        let lang = chosen.unwrap_or_else(|| {
            let header = parts.headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or_default();
            Lang::negotiate(header)
        });
        let who = parts.extensions.get::<crate::auth::User>().map(|u| {
            std::sync::Arc::new(Badge { name: u.account.name.clone(), role: u.account.role, csrf: u.csrf.clone() })
        });
        Ok(Tr { lang, who })
    }
}

#[cfg(test)]
mod tests {
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
    fn messages_differ_per_language() {
        let (nl, en) = (Tr::new(Lang::Nl), Tr::new(Lang::En));
        assert_eq!((nl.t("nav-home").as_str(), en.t("nav-home").as_str()), ("Start", "Home"));
        assert_eq!(nl.num(4.2154, 3), "4,215");
        assert_eq!(en.num(4.2154, 3), "4.215");
        assert_eq!(nl.int(23_558_050), "23.558.050");
        assert_eq!(en.int(-1234), "-1,234");
        assert_eq!(en.int(999), "999");
        assert_eq!(en.moment("2026-11-25T17:17:39.92Z"), "2026-11-25 17:17 UTC");
    }
}
