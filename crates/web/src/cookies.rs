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

/// A path to send someone back to: only a path on this site, never an open redirect.
pub(crate) fn local_path(path: Option<&str>) -> Option<String> {
    path.filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\')).map(str::to_owned)
}
