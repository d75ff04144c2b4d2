//! Cookies and the paths people are sent back to.

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

use crate::guard::ABSOLUTE_SECONDS;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "inzage_session";
/// The cookie that carries the CSRF token of forms shown before login (double submit).
pub const CSRF_COOKIE: &str = "inzage_csrf";
/// The name of the cookie that keeps a chosen language.
pub const LANG_COOKIE: &str = "lang";

/// A cookie's value from the request's headers.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_owned())
}

fn secure(on: bool) -> &'static str {
    if on { "; Secure" } else { "" }
}

/// The session cookie for a new session.
pub(crate) fn session_cookie(token: &str, secure_cookies: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={ABSOLUTE_SECONDS}{}",
        secure(secure_cookies)
    )
}

/// A cookie that removes the session cookie.
pub(crate) fn clear_session_cookie(secure_cookies: bool) -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}", secure(secure_cookies))
}

/// The CSRF token for a form shown before login: the cookie's, or a new one with its cookie.
pub(crate) fn pre_login_csrf(
    headers: &HeaderMap,
    secure_cookies: bool,
) -> Result<(String, Option<String>), guard::Error> {
    if let Some(token) = cookie(headers, CSRF_COOKIE).filter(|t| t.len() == 64) {
        return Ok((token, None));
    }
    let token = guard::new_token()?;
    let set =
        format!("{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600{}", secure(secure_cookies));
    Ok((token, Some(set)))
}

/// The cookie that keeps a chosen language for a year.
pub(crate) fn lang_cookie(lang: locale::Lang) -> String {
    format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly", lang.code())
}

/// A path to send someone back to: only a path on this site, never an open redirect. The target
/// is judged as a browser reads it — the URL parser drops TABs and newlines and reads `\\` as `/`,
/// so `/\t/evil.example` is `//evil.example` — and what is sent back is the parsed path, query and
/// fragment, not the text given.
pub(crate) fn local_path(path: Option<&str>) -> Option<String> {
    let path = path.filter(|p| p.starts_with('/'))?;
    let base = url::Url::parse("http://inzage.invalid/").ok()?;
    let target = base.join(path).ok()?;
    if target.origin() != base.origin() {
        return None;
    }
    let mut local = target.path().to_owned();
    if let Some(query) = target.query() {
        local.push('?');
        local.push_str(query);
    }
    if let Some(fragment) = target.fragment() {
        local.push('#');
        local.push_str(fragment);
    }
    Some(local)
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn a_path_on_this_site_is_kept() {
        assert_eq!(local_path(Some("/register")).as_deref(), Some("/register"));
        assert_eq!(local_path(Some("/me/data?kind=events&page=2")).as_deref(), Some("/me/data?kind=events&page=2"));
        assert_eq!(local_path(Some("/dossiers/1#conditions")).as_deref(), Some("/dossiers/1#conditions"));
    }

    /// Regression (security review M1): `/\t/evil.example` passed the text checks, and a browser,
    /// which drops TABs from URLs, went to evil.example.
    #[test]
    fn a_target_that_a_browser_reads_as_another_site_is_refused() {
        for evil in [
            "//evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/\\evil.example",
            "/\\\\evil.example",
            "/\t\\evil.example",
            "https://evil.example",
            "evil.example",
            "",
        ] {
            assert_eq!(local_path(Some(evil)), None, "{evil:?}");
        }
        assert_eq!(local_path(None), None);
    }

    #[test]
    fn control_characters_do_not_reach_the_location_header() {
        let kept = local_path(Some("/reg\tister")).unwrap();
        assert_eq!(kept, "/register", "the parser drops the TAB as a browser would");
        let kept = local_path(Some("/a\u{1}b")).unwrap();
        assert!(!kept.chars().any(char::is_control), "{kept:?}");
    }
}
