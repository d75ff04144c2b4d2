//! inzage's application layer: what the portal and the command line do, with no HTTP.
//!
//! `Portal` holds what is not HTTP — the store, the rulebook, the pseudonymiser, the audits and
//! the settings — and its methods are the use cases: importing an organisation, the account
//! rules, a worker's own data, contests, the register's views and the audit report. The `web`
//! crate turns requests into calls of these methods and their answers into pages; the `inzage`
//! binary turns flags into the same calls.
//!
//! **Log before you read.** Every method that returns one worker's personal data takes a
//! [`Reader`] and writes the access log itself before it returns (`access.rs`).

mod access;
pub mod advice;
mod audits;
pub mod backup;
mod contests;
pub mod council;
pub mod efficiency;
mod error;
mod import;
pub mod inspectors;
pub mod notices;
pub mod organisations;
pub mod oversight;
pub mod people;
pub mod private;
pub mod public;
pub mod report;
pub mod risks;
pub mod second;
pub mod worker;
pub mod yearly;

use std::sync::Arc;

use rules::{Rulebook, Settings};
use store::Store;

pub use access::Reader;
pub use audits::{Audited, Audits, CurrentAudits};
pub use contests::{CONTESTS_PER_DAY, ContestCase, Queue, QueueEntry};
pub use error::{Error, Result, chain};
pub use import::{EVENTS_DIR, Files, Loaded, NotTheDemos, not_made_by_the_demo, reset};

/// Groups smaller than this are never shown on their own (`audit.md`'s `min_group` default).
pub const MIN_GROUP: i64 = 10;

/// The application: everything a use case can reach.
#[derive(Clone, Debug)]
pub struct Portal {
    pub store: Store,
    pub rulebook: Arc<Rulebook>,
    /// Turns the employer's worker identifiers into the pseudonyms the database holds.
    pub pseudonymiser: Arc<guard::Pseudonymiser>,
    /// Audit reports already computed, by register version and system.
    pub audits: Audits,
    /// The rulebook's findings already computed, by register version and day.
    pub findings: oversight::Findings,
    /// The AI Act's Annex III application date, a setting.
    pub annex_iii_from: jiff::civil::Date,
    /// When the Dutch act transposing the Platform Work Directive applies (`rules::Settings`).
    pub pwd_from: Option<jiff::civil::Date>,
    /// Days a contest's answer is due in; `None`: the law's period (`domain::contest::deadline`).
    pub contest_days: Option<u32>,
    /// The ε each audience may spend on one data set's noisy views (`efficiency`).
    pub privacy_budget: f64,
    /// The places for Argon2 hashes: a flood of logins cannot grow memory (security review M2).
    pub hashing: Arc<people::Hashing>,
    /// Admin and council accounts must set up a second factor before anything else
    /// (`serve --require-mfa`).
    pub require_second_factor: bool,
    /// The parts of workers' pages that change only with an import, kept per register version
    /// (`worker::PageParts`).
    pub(crate) pages: Arc<std::sync::Mutex<worker::Pages>>,
}

impl Portal {
    /// The application for a store and its pseudonym key, with the built-in rulebook.
    pub fn new(store: Store, pseudonymiser: guard::Pseudonymiser) -> Result<Portal> {
        Ok(Portal {
            store,
            rulebook: Arc::new(Rulebook::builtin()?),
            pseudonymiser: Arc::new(pseudonymiser),
            audits: Audits::default(),
            findings: oversight::Findings::default(),
            annex_iii_from: rules::ANNEX_III_DEFAULT,
            pwd_from: None,
            contest_days: None,
            privacy_budget: efficiency::DEFAULT_BUDGET,
            hashing: Arc::default(),
            require_second_factor: false,
            pages: Arc::default(),
        })
    }

    /// The law as it stands today.
    pub fn settings(&self) -> Settings {
        Settings {
            as_of: jiff::ZonedDateTime::now().date(),
            annex_iii_from: self.annex_iii_from,
            pwd_from: self.pwd_from,
        }
    }

    /// The name of the organisation's time zone: the one its events were imported in.
    pub async fn time_zone_name(&self) -> Result<String> {
        Ok(self.store.events_time_zone().await?)
    }

    /// The organisation's time zone: pages show moments in it.
    pub async fn time_zone(&self) -> Result<jiff::tz::TimeZone> {
        Ok(locale::zone(&self.time_zone_name().await?))
    }

    /// Today, in the organisation's time zone.
    pub async fn today(&self) -> Result<jiff::civil::Date> {
        Ok(jiff::Timestamp::now().to_zoned_datetime(self.time_zone().await?).date())
    }
}

/// The QR code of a link, as an SVG element (no JavaScript, no image file).
pub fn qr_svg(link: &str, label: &str) -> String {
    let Ok(code) = qrcode::QrCode::new(link.as_bytes()) else { return String::new() };
    let svg = code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).quiet_zone(true).build();
    let start = svg.find("<svg").unwrap_or(0);
    let label = askama::filters::escape(label, askama::filters::Html).map(|l| l.to_string()).unwrap_or_default();
    svg[start..].replacen("<svg", &format!("<svg role=\"img\" aria-label=\"{label}\""), 1)
}
