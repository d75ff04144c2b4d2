//! Cookies and the paths people are sent back to.

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

use crate::AppState;
use crate::guard::ABSOLUTE_SECONDS;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "inzage_session";
/// The cookie that carries the CSRF token of forms shown before login (double submit).
pub const CSRF_COOKIE: &str = "inzage_csrf";
/// The cookie that keeps the organisation chosen, in a portal of many (`many.rs`).
pub const ORGANISATION_COOKIE: &str = "inzage_organisation";
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

/// The prefix of the session and CSRF cookies when they are `Secure` (ASVS 3.4.4): the browser
/// then accepts them only from HTTPS, host-only, with `Path=/`, so no other site or subdomain
/// can set them.
pub const SECURE_PREFIX: &str = "__Host-";

fn secure(on: bool) -> &'static str {
    if on { "; Secure" } else { "" }
}

/// The session cookie's name: `__Host-` before it behind TLS.
pub(crate) fn session_name(secure: bool) -> &'static str {
    if secure { "__Host-inzage_session" } else { SESSION_COOKIE }
}

/// The organisation cookie's name: `__Host-` before it behind TLS.
pub(crate) fn organisation_name(secure: bool) -> &'static str {
    if secure { "__Host-inzage_organisation" } else { ORGANISATION_COOKIE }
}

/// The cookie that keeps organisation `id` (a year: it names no one; `Lax`, so a link from a
/// letter or an e-mail sets it).
pub(crate) fn organisation_cookie(id: &str, secure_cookies: bool) -> String {
    format!(
        "{}={id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000{}",
        organisation_name(secure_cookies),
        secure(secure_cookies)
    )
}

/// The pre-login CSRF cookie's name: `__Host-` before it behind TLS.
pub(crate) fn csrf_name(secure: bool) -> &'static str {
    if secure { "__Host-inzage_csrf" } else { CSRF_COOKIE }
}

/// The session cookie for a new session.
pub(crate) fn session_cookie(token: &str, secure_cookies: bool) -> String {
    format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={ABSOLUTE_SECONDS}{}",
        session_name(secure_cookies),
        secure(secure_cookies)
    )
}

/// A cookie that removes the session cookie.
pub(crate) fn clear_session_cookie(secure_cookies: bool) -> String {
    format!("{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}", session_name(secure_cookies), secure(secure_cookies))
}

/// The cookie of a login waiting for its second factor's code: `__Host-` before it behind TLS.
pub(crate) fn pending_name(secure: bool) -> &'static str {
    if secure { "__Host-inzage_code" } else { "inzage_code" }
}

/// The cookie of a login waiting for its code, for as long as the wait may last.
pub(crate) fn pending_cookie(token: &str, secure_cookies: bool) -> String {
    format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
        pending_name(secure_cookies),
        portal::second::PENDING_SECONDS,
        secure(secure_cookies)
    )
}

/// A cookie that removes the waiting login's cookie.
pub(crate) fn clear_pending_cookie(secure_cookies: bool) -> String {
    format!("{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}", pending_name(secure_cookies), secure(secure_cookies))
}

/// The pre-login CSRF token the request's cookie carries, if this server signed it.
pub(crate) fn signed_pre_login_csrf(headers: &HeaderMap, state: &AppState) -> Option<String> {
    cookie(headers, csrf_name(state.secure_cookies)).filter(|t| state.forms.signed(t))
}

/// The CSRF token for a form shown before login: the cookie's if this server signed it, or a new
/// signed one with its cookie (security review L6: a value the client chose is not taken).
pub(crate) fn pre_login_csrf(headers: &HeaderMap, state: &AppState) -> Result<(String, Option<String>), guard::Error> {
    if let Some(token) = signed_pre_login_csrf(headers, state) {
        return Ok((token, None));
    }
    let token = state.forms.token()?;
    let set = format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600{}",
        csrf_name(state.secure_cookies),
        secure(state.secure_cookies)
    );
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
