//! Second factors (ASVS 2.8): time-based one-time codes (TOTP, RFC 6238: HMAC-SHA-1, six
//! digits, 30-second steps, one step of clock drift either way) and single-use recovery codes.
//!
//! The TOTP secret is sealed with ChaCha20-Poly1305 under a key derived from the pseudonym key,
//! which lives outside the database: whoever holds only the database file cannot compute a
//! single code. The account's id is the seal's associated data, so a sealed secret copied to
//! another account's row does not open. Recovery codes are kept as SHA-256 hashes, like tokens:
//! each carries 50 random bits and a login tries them under the same limits as passwords.

use chacha20poly1305::aead::{Aead, Key, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use totp_rs::{Algorithm, Builder, Secret, Totp};

use crate::Error;

/// Who issues the codes, as authenticator apps show it.
pub const ISSUER: &str = "inzage";
/// Recovery codes given at once.
pub const RECOVERY_CODES: usize = 10;
/// The letters of a recovery code: Crockford's base 32 (no i, l, o or u), so a code read from
/// paper is typed right: an o typed is read as 0, an i or l as 1.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Seals and opens second-factor secrets.
#[derive(Clone)]
pub struct SecondFactorKey {
    key: [u8; 32],
}

impl std::fmt::Debug for SecondFactorKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecondFactorKey { key: <secret> }")
    }
}

/// A new TOTP secret, in the clear: only while it is being set up and shown once.
pub struct NewSecret {
    bytes: [u8; 20],
}

impl std::fmt::Debug for NewSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewSecret(<secret>)")
    }
}

impl NewSecret {
    /// 160 random bits from the operating system (RFC 4226 recommends 160).
    pub fn generate() -> Result<NewSecret, Error> {
        let mut bytes = [0u8; 20];
        getrandom::fill(&mut bytes).map_err(Error::Random)?;
        Ok(NewSecret { bytes })
    }

    /// A secret opened from its seal; `None` unless it is 20 bytes.
    pub fn from_bytes(bytes: &[u8]) -> Option<NewSecret> {
        Some(NewSecret { bytes: bytes.try_into().ok()? })
    }

    /// The secret in base 32, grouped by four for typing into an app by hand.
    pub fn base32(&self) -> String {
        let plain = Secret::from(self.bytes.to_vec()).to_base32();
        plain.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
    }

    /// The `otpauth://` link an authenticator app reads from the QR code, labelled with the
    /// account's name (a `:` in it, which the format forbids, becomes a space).
    pub fn link(&self, account: &str) -> String {
        let label = account.replace(':', " ");
        totp(&self.bytes, &label).to_url().unwrap_or_default()
    }
}

fn totp(secret: &[u8], account: &str) -> Totp {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret.to_vec())
        .with_account_name(account)
        .with_issuer(Some(ISSUER))
        .build_noncompliant()
}

/// The 30-second step a code was accepted for, or `None`. A code is 6 digits (spaces allowed);
/// the step before and after `now` are accepted for clocks that drift.
pub fn check_code(secret: &[u8], code: &str, now: i64) -> Option<i64> {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = u64::try_from(now).ok()?;
    totp(secret, "").check(&digits, now).and_then(|step| i64::try_from(step).ok())
}

/// The code of the step `now` falls in (for tests and the first confirmation's hint).
pub fn code_at(secret: &[u8], now: i64) -> String {
    totp(secret, "").generate(u64::try_from(now).unwrap_or(0)).to_string()
}

impl SecondFactorKey {
    pub fn new(key: [u8; 32]) -> SecondFactorKey {
        SecondFactorKey { key }
    }

    fn cipher(&self) -> ChaCha20Poly1305 {
        ChaCha20Poly1305::new(&Key::<ChaCha20Poly1305>::from(self.key))
    }

    /// The secret sealed for `account` (its id): a random nonce and the ciphertext, in hex.
    pub fn seal(&self, account: i64, secret: &NewSecret) -> Result<String, Error> {
        let mut nonce = [0u8; 12];
        getrandom::fill(&mut nonce).map_err(Error::Random)?;
        let aad = account.to_be_bytes();
        let sealed = self
            .cipher()
            .encrypt(&Nonce::from(nonce), Payload { msg: &secret.bytes, aad: &aad })
            .map_err(|_| Error::Hash("sealing a second-factor secret failed".into()))?;
        Ok(format!("{}{}", hex::encode(nonce), hex::encode(sealed)))
    }

    /// The secret of `account`, opened; `None` if the sealed text was changed, belongs to
    /// another account or was sealed under another key.
    pub fn open(&self, account: i64, sealed: &str) -> Option<Vec<u8>> {
        let bytes = hex::decode(sealed).ok()?;
        if bytes.len() < 12 {
            return None;
        }
        let (nonce, text) = bytes.split_at(12);
        let nonce: [u8; 12] = nonce.try_into().ok()?;
        let aad = account.to_be_bytes();
        self.cipher().decrypt(&Nonce::from(nonce), Payload { msg: text, aad: &aad }).ok()
    }
}

/// New recovery codes: ten, each ten letters and digits as `xxxxx-xxxxx` (50 random bits).
pub fn new_recovery_codes() -> Result<Vec<String>, Error> {
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let mut bytes = [0u8; 10];
        getrandom::fill(&mut bytes).map_err(Error::Random)?;
        let letters: String = bytes.iter().map(|b| char::from(ALPHABET[usize::from(b % 32)])).collect();
        codes.push(format!("{}-{}", &letters[..5], &letters[5..]));
    }
    Ok(codes)
}

/// A recovery code as it is stored: normalised (lower case, no spaces or dash, o as 0, i and l
/// as 1) and hashed.
pub fn recovery_hash(code: &str) -> String {
    crate::token_hash(&format!("recovery:{}", typed_code(code)))
}

/// A worker's invitation code for their notice (issue 11): twelve letters of Crockford's base 32
/// (60 bits) in three groups of four, upper case as printed: `K7QM-3XTP-9ARW`.
pub fn new_invitation_code() -> Result<String, Error> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(Error::Random)?;
    let letters: String =
        bytes.iter().map(|b| char::from(ALPHABET[usize::from(b % 32)].to_ascii_uppercase())).collect();
    Ok(format!("{}-{}-{}", &letters[..4], &letters[4..8], &letters[8..]))
}

/// An invitation code as it is stored: normalised as a recovery code is, and hashed.
pub fn invitation_hash(code: &str) -> String {
    crate::token_hash(&format!("invitation:{}", typed_code(code)))
}

/// A code as typed, the way it was meant: letters and digits only, lower case, o as 0, i and l as 1.
fn typed_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_lowercase() {
            'o' => '0',
            'i' | 'l' => '1',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B's SHA-1 vectors, cut to six digits (the last six of eight).
    #[test]
    fn codes_match_the_rfc_test_vectors() {
        let secret = b"12345678901234567890";
        for (time, eight) in
            [(59, "94287082"), (1111111109, "07081804"), (1234567890, "89005924"), (2000000000, "69279037")]
        {
            assert_eq!(code_at(secret, time), eight[2..], "at {time}");
            assert_eq!(check_code(secret, &eight[2..], time), Some(time / 30));
        }
    }

    #[test]
    fn a_code_is_taken_one_step_early_or_late_and_not_two() {
        let secret = b"12345678901234567890";
        let code = code_at(secret, 1_000_020);
        assert_eq!(check_code(secret, &code, 1_000_020 + 30), Some(1_000_020 / 30));
        assert_eq!(check_code(secret, &code, 1_000_020 - 30), Some(1_000_020 / 30));
        assert_eq!(check_code(secret, &code, 1_000_020 + 61), None);
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert_eq!(check_code(secret, &spaced, 1_000_020), Some(1_000_020 / 30));
        for bad in ["", "12345", "1234567", "12a456", "１２３４５６"] {
            assert_eq!(check_code(secret, bad, 1_000_020), None, "{bad}");
        }
    }

    #[test]
    fn a_sealed_secret_opens_only_for_its_account_under_its_key() {
        let key = SecondFactorKey::new([3; 32]);
        let secret = NewSecret::generate().unwrap();
        let sealed = key.seal(7, &secret).unwrap();
        assert_eq!(key.open(7, &sealed).as_deref(), Some(&secret.bytes[..]));
        assert!(!sealed.contains(&hex::encode(secret.bytes)), "the secret is not in the sealed text");
        assert_eq!(key.open(8, &sealed), None, "another account's row");
        assert_eq!(SecondFactorKey::new([4; 32]).open(7, &sealed), None, "another key");
        let mut tampered = sealed.clone().into_bytes();
        let last = tampered.len() - 1;
        tampered[last] = if tampered[last] == b'0' { b'1' } else { b'0' };
        assert_eq!(key.open(7, &String::from_utf8(tampered).unwrap()), None, "a changed byte");
        assert_eq!(key.open(7, "zz"), None);
        assert_ne!(key.seal(7, &secret).unwrap(), sealed, "a fresh nonce each time");
    }

    #[test]
    fn the_link_and_the_typed_secret_are_what_apps_read() {
        let secret = NewSecret { bytes: *b"12345678901234567890" };
        assert_eq!(secret.base32(), "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
        let link = secret.link("Ria: de Raad");
        assert!(link.starts_with("otpauth://totp/inzage:Ria%20%20de%20Raad?"), "{link}");
        assert!(link.contains("secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ") && link.contains("issuer=inzage"), "{link}");
    }

    #[test]
    fn recovery_codes_are_distinct_and_hash_the_same_however_typed() {
        let codes = new_recovery_codes().unwrap();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let unique: std::collections::BTreeSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), RECOVERY_CODES);
        for code in &codes {
            assert_eq!(code.len(), 11);
            assert!(code.chars().all(|c| c == '-' || (c.is_ascii_alphanumeric() && !"ilou".contains(c))), "{code}");
            let typed = code.to_uppercase().replace('-', " ").replace('0', "O").replace('1', "l");
            assert_eq!(recovery_hash(&typed), recovery_hash(code));
        }
        assert_ne!(recovery_hash(&codes[0]), recovery_hash(&codes[1]));
    }

    #[test]
    fn invitation_codes_are_printable_and_hash_the_same_however_typed() {
        let a = new_invitation_code().unwrap();
        let b = new_invitation_code().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 14);
        assert!(
            a.chars().all(|c| c == '-' || c.is_ascii_digit() || (c.is_ascii_uppercase() && !"ILOU".contains(c))),
            "{a}"
        );
        let typed = format!(" {} ", a.to_lowercase().replace('-', " ").replace('0', "o").replace('1', "L"));
        assert_eq!(invitation_hash(&typed), invitation_hash(&a));
        assert_ne!(invitation_hash(&a), invitation_hash(&b));
        // The same letters are a different secret as a recovery code.
        assert_ne!(invitation_hash(&a), recovery_hash(&a));
    }
}
