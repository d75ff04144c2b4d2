//! inzage's security primitives, in one small crate that every other crate can trust:
//!
//! - passwords: Argon2id hashes (PHC strings) and the password policy;
//! - secret tokens (sessions, invitations, API tokens, CSRF): 256 random bits from the operating
//!   system; the database keeps only their SHA-256;
//! - worker pseudonyms: HMAC-SHA-256 of the employer's worker identifier under a key that lives in
//!   a file outside the database;
//! - the access log's chain: each link an HMAC-SHA-256 under a second key kept outside the database.
//!
//! - second factors: TOTP codes and recovery codes, the TOTP secret sealed under a key derived
//!   from the pseudonym key ([`second`]).
//!
//! Nothing here logs, and no function returns a password or a token in an error.

use std::io::Write;
use std::path::{Path, PathBuf};

use argon2::password_hash::phc::PasswordHash;
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

pub mod second;

/// Shortest password accepted (OWASP ASVS 2.1.1).
pub const MIN_PASSWORD: usize = 12;
/// Longest password accepted (ASVS 2.1.2 asks that at least 64 be allowed).
pub const MAX_PASSWORD: usize = 128;

/// Passwords too common to accept, whatever their length (ASVS 2.1.7): the longest entries of
/// the well-known breach lists.
const COMMON: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456789abc",
    "1q2w3e4r5t6y",
    "qwertyuiopas",
    "qwertyuiop123",
    "passwordpassword",
    "password1234",
    "password12345",
    "password123456",
    "welkom123456",
    "welkomwelkom",
    "wachtwoord123",
    "wachtwoord1234",
    "wachtwoordwachtwoord",
    "iloveyou1234",
    "abcdefghijkl",
    "aaaaaaaaaaaa",
    "111111111111",
    "000000000000",
    "administrator",
    "administrator1",
    "letmein12345",
    "changeme1234",
    "welcome12345",
    "qwerty123456",
];

/// Why a password is refused; the password itself is never part of the error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the password must have at least {MIN_PASSWORD} characters")]
    TooShort,
    #[error("the password may have at most {MAX_PASSWORD} characters")]
    TooLong,
    #[error("this password is too common: choose another")]
    Common,
    #[error("the password must not be the account's name")]
    IsName,
}

/// Checks a new password against the policy: length in characters, not common, not the name.
/// No composition rules (ASVS 2.1.9).
pub fn check_password(password: &str, name: &str) -> Result<(), PasswordError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD {
        return Err(PasswordError::TooShort);
    }
    if n > MAX_PASSWORD {
        return Err(PasswordError::TooLong);
    }
    let lower = password.to_lowercase();
    if COMMON.contains(&lower.as_str()) {
        return Err(PasswordError::Common);
    }
    if lower == name.to_lowercase() {
        return Err(PasswordError::IsName);
    }
    Ok(())
}

/// A cryptographic failure: the operating system's random source or the hash function.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the operating system's random source failed: {0}")]
    Random(getrandom::Error),
    #[error("password hashing failed: {0}")]
    Hash(String),
    #[error("key file {path}: {message}")]
    Key { path: PathBuf, message: String },
}

/// An Argon2id hash of the password with a fresh random salt, as a PHC string
/// (`$argon2id$v=19$m=19456,t=2,p=1$…`): OWASP's recommended parameters.
pub fn hash_password(password: &str) -> Result<String, Error> {
    Argon2::default().hash_password(password.as_bytes()).map(|h| h.to_string()).map_err(|e| Error::Hash(e.to_string()))
}

/// Whether the password matches the stored hash. A malformed hash never matches.
pub fn verify_password(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// Hashes a password nobody has, so a login for an unknown name costs as much as a real one
/// and timing does not tell which names exist.
pub fn dummy_verify(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash = DUMMY.get_or_init(|| hash_password("inzage-dummy-password").unwrap_or_default());
    let _ = verify_password(password, hash);
}

/// A new secret token: 256 bits from the operating system, as 64 hex digits.
pub fn new_token() -> Result<String, Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(Error::Random)?;
    Ok(hex::encode(bytes))
}

/// What the database keeps of a token: its SHA-256, in hex.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    // Comparing digests hides the position of the first difference and the lengths.
    let (x, y) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    x.iter().zip(y.iter()).fold(0u8, |acc, (p, q)| acc | (p ^ q)) == 0
}

/// The key file's name in the data folder, unless `INZAGE_KEY_FILE` names another place.
pub const KEY_FILE: &str = "pseudonym.key";

/// Turns the employer's worker identifiers into pseudonyms: HMAC-SHA-256 under a secret key,
/// the first 64 bits in hex with a `P-` prefix. The same identifier always gives the same
/// pseudonym under the same key; without the key, the identifier cannot be found from it.
#[derive(Clone)]
pub struct Pseudonymiser {
    key: [u8; 32],
}

impl std::fmt::Debug for Pseudonymiser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pseudonymiser { key: <secret> }")
    }
}

impl Pseudonymiser {
    pub fn new(key: [u8; 32]) -> Pseudonymiser {
        Pseudonymiser { key }
    }

    /// Where the key lives for a data folder: `$INZAGE_KEY_FILE`, else `pseudonym.key` in it.
    pub fn key_path(data_dir: &Path) -> PathBuf {
        key_path(data_dir, "INZAGE_KEY_FILE", KEY_FILE)
    }

    /// Reads the key, or creates one (readable by the owner only) if the file does not exist.
    pub fn load_or_create(path: &Path) -> Result<Pseudonymiser, Error> {
        match read_key(path)? {
            Some(key) => Ok(Pseudonymiser { key }),
            None => Ok(Pseudonymiser { key: create_key(path)? }),
        }
    }

    /// A key for another purpose, derived from this one (HMAC of the purpose), so the server's
    /// other secrets need no file of their own and stay the same across restarts.
    pub fn derive(&self, purpose: &str) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.key).expect("HMAC takes a key of any length");
        mac.update(b"inzage derived key\0");
        mac.update(purpose.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// The pseudonym of a worker identifier.
    pub fn pseudonym(&self, id: &str) -> String {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.key).expect("HMAC takes a key of any length");
        mac.update(id.as_bytes());
        let out = mac.finalize().into_bytes();
        format!("P-{}", hex::encode(&out[..8]))
    }
}

/// A key file's place: the environment variable's path if set, else `file` in the data folder.
fn key_path(data_dir: &Path, variable: &str, file: &str) -> PathBuf {
    match std::env::var_os(variable) {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => data_dir.join(file),
    }
}

/// Reads a 32-byte key kept as 64 hex digits; `None` if the file does not exist.
fn read_key(path: &Path) -> Result<Option<[u8; 32]>, Error> {
    let fail = |message: String| Error::Key { path: path.to_owned(), message };
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let bytes = hex::decode(text.trim()).map_err(|e| fail(format!("not a hex key: {e}")))?;
            let key: [u8; 32] =
                bytes.try_into().map_err(|_| fail("the key must be 32 bytes (64 hex digits)".into()))?;
            Ok(Some(key))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(fail(e.to_string())),
    }
}

/// Creates a new random key file, readable by the owner only; never replaces an existing file
/// (`create_new`), so two programs starting at once cannot end up with two keys.
fn create_key(path: &Path) -> Result<[u8; 32], Error> {
    let fail = |message: String| Error::Key { path: path.to_owned(), message };
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(Error::Random)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| fail(e.to_string()))?;
    writeln!(file, "{}", hex::encode(key)).map_err(|e| fail(e.to_string()))?;
    Ok(key)
}

/// The access log key's file name in the data folder, unless `INZAGE_LOG_KEY_FILE` names another
/// place.
pub const LOG_KEY_FILE: &str = "access-log.key";

/// The access log's key: each link of the chain is an HMAC-SHA-256 under it, so whoever holds
/// only the database file cannot recompute the chain after changing it.
#[derive(Clone)]
pub struct LogKey {
    key: [u8; 32],
}

impl std::fmt::Debug for LogKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LogKey { key: <secret> }")
    }
}

impl LogKey {
    pub fn new(key: [u8; 32]) -> LogKey {
        LogKey { key }
    }

    /// Where the key lives for a data folder: `$INZAGE_LOG_KEY_FILE`, else `access-log.key` in it.
    pub fn key_path(data_dir: &Path) -> PathBuf {
        key_path(data_dir, "INZAGE_LOG_KEY_FILE", LOG_KEY_FILE)
    }

    /// Reads the key; `None` if the file does not exist.
    pub fn load(path: &Path) -> Result<Option<LogKey>, Error> {
        Ok(read_key(path)?.map(|key| LogKey { key }))
    }

    /// Creates a new key file (mode 0600); an error if one exists already.
    pub fn create(path: &Path) -> Result<LogKey, Error> {
        Ok(LogKey { key: create_key(path)? })
    }

    /// One link of the chain: HMAC-SHA-256 over the previous entry's hash and this entry's fields,
    /// each length-prefixed as in [`chain_hash`].
    pub fn link(&self, previous: &str, fields: &[&str]) -> String {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.key).expect("HMAC takes a key of any length");
        mac.update(previous.as_bytes());
        for f in fields {
            mac.update(&(f.len() as u64).to_be_bytes());
            mac.update(f.as_bytes());
        }
        hex::encode(mac.finalize().into_bytes())
    }

    /// The seal of where the keyed chain starts: the first keyed entry's id and the hash of the
    /// entry before it, under the key. Moving the start (to pass keyed entries off as older,
    /// unkeyed ones) or rewriting the entries before it breaks the seal.
    pub fn seal(&self, since: i64, previous: &str) -> String {
        self.link("inzage access log: keyed from", &[&since.to_string(), previous])
    }
}

/// Signs the CSRF tokens of forms shown before login (a double-submit cookie): a random nonce and
/// its HMAC-SHA-256 under a key only the server holds, so a value a client (or another site on
/// the same host) chose itself is refused (security review L6).
#[derive(Clone)]
pub struct FormKey {
    key: [u8; 32],
}

impl std::fmt::Debug for FormKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FormKey { key: <secret> }")
    }
}

impl FormKey {
    pub fn new(key: [u8; 32]) -> FormKey {
        FormKey { key }
    }

    fn mac(&self, nonce: &str) -> String {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.key).expect("HMAC takes a key of any length");
        mac.update(b"inzage pre-login form token\0");
        mac.update(nonce.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// A new token: 256 random bits and their signature, as `NONCE.MAC` in hex.
    pub fn token(&self) -> Result<String, Error> {
        let nonce = new_token()?;
        let mac = self.mac(&nonce);
        Ok(format!("{nonce}.{mac}"))
    }

    /// Whether a token is one this key signed.
    pub fn signed(&self, token: &str) -> bool {
        match token.split_once('.') {
            Some((nonce, mac)) if nonce.len() == 64 => same_secret(&self.mac(nonce), mac),
            _ => false,
        }
    }
}

/// The hash of the access log's first entry's predecessor.
pub const CHAIN_START: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One link of the access log's chain as it was written before the chain was keyed (security
/// review M6): SHA-256 over the previous entry's hash and this entry's fields, each
/// length-prefixed so no two different entries hash the same. Entries written since carry
/// [`LogKey::link`].
pub fn chain_hash(previous: &str, fields: &[&str]) -> String {
    let mut h = Sha256::new();
    h.update(previous.as_bytes());
    for f in fields {
        h.update((f.len() as u64).to_be_bytes());
        h.update(f.as_bytes());
    }
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (security review L6): any 64 characters a client put in both the cookie and the
    /// form were taken as the pre-login CSRF token.
    #[test]
    fn a_self_chosen_pre_login_token_is_not_signed() {
        let key = FormKey::new(Pseudonymiser::new([7; 32]).derive("forms"));
        let token = key.token().unwrap();
        assert!(key.signed(&token));
        assert_ne!(token, key.token().unwrap(), "a fresh nonce each time");
        let (nonce, _) = token.split_once('.').unwrap();
        for forged in [
            "a".repeat(64),
            format!("{nonce}.{}", "0".repeat(64)),
            format!("{}.{}", "b".repeat(64), token.split_once('.').unwrap().1),
            format!("{nonce}."),
            String::new(),
        ] {
            assert!(!key.signed(&forged), "{forged}");
        }
        let other = FormKey::new(Pseudonymiser::new([8; 32]).derive("forms"));
        assert!(!other.signed(&token), "another server's key");
    }

    #[test]
    fn a_password_verifies_against_its_hash_and_no_other() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(!hash.contains("correct horse battery"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterz", &hash));
        assert!(!verify_password("correct horse battery", "not a hash"));
        // A fresh salt each time.
        assert_ne!(hash, hash_password("correct horse battery").unwrap());
    }

    #[test]
    fn the_policy_counts_characters_and_refuses_common_passwords_and_the_name() {
        assert_eq!(check_password("kort", "a"), Err(PasswordError::TooShort));
        assert_eq!(check_password("ëëëëëëëëëëë", "a"), Err(PasswordError::TooShort), "11 characters, 22 bytes");
        assert_eq!(check_password("ëëëëëëëëëëëë", "a"), Ok(()));
        assert_eq!(check_password(&"x".repeat(129), "a"), Err(PasswordError::TooLong));
        assert_eq!(check_password("Password1234", "a"), Err(PasswordError::Common));
        assert_eq!(check_password("Jansen-Pieter", "jansen-pieter"), Err(PasswordError::IsName));
    }

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), a);
        assert!(same_secret(&a, &a.clone()));
        assert!(!same_secret(&a, &b));
    }

    #[test]
    fn pseudonyms_depend_on_the_key_and_the_key_file_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k").join(KEY_FILE);
        let p = Pseudonymiser::load_or_create(&path).unwrap();
        let again = Pseudonymiser::load_or_create(&path).unwrap();
        assert_eq!(p.pseudonym("W0001"), again.pseudonym("W0001"));
        assert_ne!(p.pseudonym("W0001"), p.pseudonym("W0002"));
        assert_ne!(p.pseudonym("W0001"), Pseudonymiser::new([7; 32]).pseudonym("W0001"));
        assert!(p.pseudonym("W0001").starts_with("P-"));
        assert_eq!(p.pseudonym("W0001").len(), 18);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        std::fs::write(&path, "zz").unwrap();
        assert!(Pseudonymiser::load_or_create(&path).unwrap_err().to_string().contains("not a hex key"));
    }

    #[test]
    fn the_chain_changes_with_any_field_or_predecessor() {
        let h = chain_hash(CHAIN_START, &["a", "bc"]);
        assert_ne!(h, chain_hash(CHAIN_START, &["ab", "c"]));
        assert_ne!(h, chain_hash(&h, &["a", "bc"]));
        assert_eq!(h, chain_hash(CHAIN_START, &["a", "bc"]));
    }

    #[test]
    fn a_link_cannot_be_recomputed_without_the_log_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOG_KEY_FILE);
        assert!(LogKey::load(&path).unwrap().is_none());
        let key = LogKey::create(&path).unwrap();
        assert!(LogKey::create(&path).is_err(), "an existing key is never replaced");
        let again = LogKey::load(&path).unwrap().unwrap();
        let link = key.link(CHAIN_START, &["1", "a"]);
        assert_eq!(link, again.link(CHAIN_START, &["1", "a"]));
        assert_ne!(link, LogKey::new([7; 32]).link(CHAIN_START, &["1", "a"]));
        assert_ne!(link, chain_hash(CHAIN_START, &["1", "a"]), "the unkeyed hash is not a link");
        assert_ne!(link, key.link(CHAIN_START, &["1a", ""]));
        assert_ne!(key.seal(1, CHAIN_START), key.seal(2, CHAIN_START));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }
}
