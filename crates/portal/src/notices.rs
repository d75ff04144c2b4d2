//! The reporting duty (issue 11): a notice for every worker, in plain language, of every system
//! that concerns them, with their own way in — a single-use invitation code that makes their
//! account on their own page.
//!
//! A system **concerns** a worker when it is not retired and its `subjects` take in the worker:
//! a worker whose workers file gives a `subject` (a value of the register's `subjects`
//! vocabulary, such as `temporary_workers`) is concerned by the systems that list it; a worker
//! without one by every system that lists anyone but applicants. A system that lists no
//! subjects concerns everyone: the register did not narrow it.
//!
//! Issuing is in two steps so nothing is half-written: [`Portal::prepare_notices`] makes the
//! letters and codes in memory; the caller writes the files; [`Portal::record_notices`] then
//! stores the codes' hashes (one transaction), and only then do the codes work.

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;
use domain::{DecisionType, Register, Status, Subject, System, Worker};
use locale::{Lang, Tr};
use serde::Serialize;
use serde_json::json;

use crate::people::now_seconds;
use crate::worker::data_label;
use crate::{Error, Portal, Result};

/// How long a notice's invitation can be used.
pub const INVITATION_DAYS: i64 = 30;

/// What to issue.
#[derive(Clone, Debug)]
pub struct Options {
    /// Every letter in this language; `None`: each worker's `language` attribute, else Dutch.
    pub lang: Option<Lang>,
    /// Only this system (its id in the register).
    pub system: Option<String>,
    /// Where people reach the portal; the letters' links start with it.
    pub public_url: String,
    /// The employer's own identifiers by pseudonym, to address the letters (from a workers file).
    pub ids: BTreeMap<String, String>,
    /// Only these workers (pseudonyms); empty: everyone. A new letter for one worker whose code
    /// expired or was lost leaves everyone else's codes working.
    pub only: BTreeSet<String>,
}

/// One worker's letter.
#[derive(Clone, Debug, Serialize)]
pub struct Letter {
    /// The worker's pseudonym: the letter's file name and the index's key.
    pub worker: String,
    /// The employer's identifier, when a workers file was given.
    pub worker_id: Option<String>,
    #[serde(skip)]
    pub lang: Lang,
    /// The systems that concern the worker, in the register's order.
    pub systems: Vec<String>,
    /// The invitation, unless the worker has an account already.
    pub invitation: Option<Invitation>,
}

/// A worker's own way in.
#[derive(Clone, Debug, Serialize)]
pub struct Invitation {
    /// The code as printed (`K7QM-3XTP-9ARW`); only its hash is stored.
    pub code: String,
    /// The link to the page that takes it, with the code.
    pub link: String,
    /// The last day it can be used (the organisation's time zone).
    pub expires: jiff::civil::Date,
    /// Unix seconds.
    #[serde(skip)]
    pub expires_at: i64,
}

/// Letters ready to be written.
#[derive(Debug)]
pub struct Prepared {
    pub register: Register,
    pub version: i64,
    pub letters: Vec<Letter>,
    pub today: jiff::civil::Date,
    /// Where the codes are typed.
    pub welcome_url: String,
}

/// Whether `system` concerns `worker` (see the module's documentation).
pub fn concerns(system: &System, worker: &Worker) -> bool {
    if system.status == Status::Retired {
        return false;
    }
    if system.subjects.is_empty() {
        return true;
    }
    match worker.attributes.get("subject").map(|s| s.trim().parse::<Subject>()) {
        Some(Ok(subject)) => system.subjects.contains(&subject),
        _ => system.subjects.iter().any(|s| *s != Subject::Applicants),
    }
}

/// The language of a worker's letter: the option's, else the worker's `language`, else Dutch (in
/// the US, English).
fn language(options: &Options, worker: &Worker, jurisdiction: domain::Jurisdiction) -> Lang {
    let default = if jurisdiction == domain::Jurisdiction::Nl { Lang::Nl } else { Lang::En };
    options.lang.or_else(|| worker.attributes.get("language").and_then(|l| Lang::from_code(l))).unwrap_or(default)
}

impl Portal {
    /// The letters for every worker concerned by a system (or by `options.system`), with a new
    /// invitation for each who has no account. Nothing is stored: see [`Portal::record_notices`].
    pub async fn prepare_notices(&self, options: &Options) -> Result<Prepared> {
        let Some(latest) = self.store.latest_register().await? else {
            return Err(Error::BadInput("no register is loaded: run inzage import first".into()));
        };
        let register = latest.register;
        if let Some(id) = &options.system
            && !register.systems.iter().any(|s| &s.id == id)
        {
            let known: Vec<&str> = register.systems.iter().map(|s| s.id.as_str()).collect();
            return Err(Error::BadInput(format!(
                "--system {id}: no such system in the register ({})",
                known.join(", ")
            )));
        }
        let workers = self.store.workers().await?;
        let with_account = self.store.workers_with_accounts().await?;
        let zone = self.time_zone().await?;
        let now = jiff::Timestamp::now();
        let today = now.to_zoned_datetime(zone.clone()).date();
        // Valid through the 30th day, in the organisation's time zone: it ends as that day does.
        let expires =
            today.checked_add(jiff::Span::new().days(INVITATION_DAYS)).map_err(|e| Error::BadInput(e.to_string()))?;
        let expires_at = expires
            .tomorrow()
            .and_then(|d| d.to_zoned_datetime(zone.clone()))
            .map_err(|e| Error::BadInput(e.to_string()))?
            .timestamp()
            .as_second();
        let base = options.public_url.trim_end_matches('/');
        let mut letters = Vec::new();
        if let Some(missing) = options.only.iter().find(|p| !workers.iter().any(|w| &w.id == *p)) {
            let who = options.ids.get(missing).cloned().unwrap_or_else(|| missing.clone());
            return Err(Error::BadInput(format!("--worker {who}: no such worker was imported")));
        }
        for worker in workers.iter().filter(|w| options.only.is_empty() || options.only.contains(&w.id)) {
            let systems: Vec<String> = register
                .systems
                .iter()
                .filter(|s| options.system.as_ref().is_none_or(|id| &s.id == id))
                .filter(|s| concerns(s, worker))
                .map(|s| s.id.clone())
                .collect();
            if systems.is_empty() {
                continue;
            }
            let invitation = if with_account.contains(&worker.id) {
                None
            } else {
                let code = guard::second::new_invitation_code()?;
                Some(Invitation { link: format!("{base}/welcome/{code}"), code, expires, expires_at })
            };
            letters.push(Letter {
                worker: worker.id.clone(),
                worker_id: options.ids.get(&worker.id).cloned(),
                lang: language(options, worker, register.organisation.jurisdiction()),
                systems,
                invitation,
            });
        }
        Ok(Prepared { register, version: latest.id, letters, today, welcome_url: format!("{base}/welcome") })
    }

    /// Stores the letters' invitations (their codes' hashes; each worker's earlier unused code
    /// ends) and the run itself, in one transaction.
    pub async fn record_notices(&self, prepared: &Prepared, author: &str) -> Result<store::NoticeBatch> {
        let invitations: Vec<store::NewInvitation> = prepared
            .letters
            .iter()
            .filter_map(|l| {
                l.invitation.as_ref().map(|i| store::NewInvitation {
                    code_hash: guard::second::invitation_hash(&i.code),
                    worker: l.worker.clone(),
                    expires_at: i.expires_at,
                })
            })
            .collect();
        let batch =
            self.store.issue_invitations(author, prepared.version, prepared.letters.len() as i64, &invitations).await?;
        tracing::info!(letters = batch.letters, invitations = batch.invitations, "notices were issued");
        Ok(batch)
    }
}

// ---------------------------------------------------------------------------------------------
// The letter in words.

/// A system's part of a letter, in sentences of the letter's language.
#[derive(Clone, Debug, Serialize)]
pub struct SystemText {
    pub name: String,
    pub description: Option<String>,
    pub status: String,
    pub records: String,
    pub purposes: String,
    pub basis: String,
    pub retention: String,
    pub who: String,
    pub decisions: Vec<String>,
    pub norms: Vec<String>,
}

/// A whole letter in words: what the HTML and the PDF show.
#[derive(Clone, Debug, Serialize)]
pub struct LetterText {
    pub lang: &'static str,
    pub title: String,
    pub organisation: String,
    pub date: String,
    pub to: String,
    pub intro: String,
    pub systems_heading: String,
    pub systems: Vec<SystemText>,
    pub labels: BTreeMap<&'static str, String>,
    pub rights_heading: String,
    pub rights: Vec<String>,
    pub way_in_heading: String,
    pub way_in: Vec<String>,
    pub code: Option<String>,
    pub link: Option<String>,
    pub qr: Option<String>,
    pub reference: String,
}

fn list(t: &Tr, items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    if items.is_empty() { t.t("not-registered") } else { items.join(", ") }
}

fn decision_sentence(t: &Tr, d: &DecisionType) -> String {
    let kind = t.v("decision", d.kind.as_str());
    let key = match (d.solely_automated, d.human_decides) {
        (Some(true), _) => "notice-decision-alone",
        (_, Some(true)) | (Some(false), _) => "notice-decision-person",
        _ => "notice-decision-unknown",
    };
    t.ta(key, &[("kind", kind)])
}

fn system_text(t: &Tr, register: &Register, s: &System) -> SystemText {
    let status = match (s.status, s.go_live) {
        (Status::Planned, Some(date)) => t.ta("notice-status-planned-from", &[("date", t.date(date.0))]),
        (Status::Planned, None) => t.t("notice-status-planned"),
        _ => t.t("notice-status-live"),
    };
    let who = match &s.vendor {
        Some(vendor) => t.ta(
            "notice-who-vendor",
            &[("organisation", register.organisation.name.clone()), ("vendor", vendor.clone())],
        ),
        None => t.ta("notice-who", &[("organisation", register.organisation.name.clone())]),
    };
    SystemText {
        name: s.name.clone(),
        description: s.description.clone(),
        status,
        records: list(t, s.data.iter().map(|d| data_label(t, &d.to_string()))),
        purposes: list(t, s.purposes.iter().map(|p| t.v("purpose", p.as_str()))),
        basis: s.legal_basis.map_or_else(|| t.t("not-registered"), |b| t.v("basis", b.as_str())),
        retention: list(
            t,
            s.retention_days
                .iter()
                .map(|(d, n)| format!("{}: {}", data_label(t, &d.to_string()), t.ta("days", &[("n", n.to_string())]))),
        ),
        who,
        decisions: s.decisions.iter().map(|d| decision_sentence(t, d)).collect(),
        norms: s
            .targets
            .iter()
            .filter(|n| n.per_hour > 0.0)
            .map(|n| {
                t.ta(
                    "notice-norm",
                    &[
                        ("kind", n.kind.clone()),
                        ("per_hour", t.num(n.per_hour, 0)),
                        ("seconds", t.num(3600.0 / n.per_hour, 1)),
                    ],
                )
            })
            .collect(),
    }
}

/// A worker's rights as the law of the organisation's jurisdiction gives them: the GDPR's (and the
/// AI Act's, the Platform Work Directive's) in the EU with the works council of the country; in a
/// US state, its warehouse quota law's, and the state's labour agency.
fn rights(t: &Tr, org: &domain::Organisation, systems: &[&System]) -> Vec<String> {
    let jurisdiction = org.jurisdiction();
    let mut rights: Vec<String> = Vec::new();
    if jurisdiction.in_eu() {
        let gdpr = [
            "notice-right-informed",
            "notice-right-access",
            "notice-right-correct",
            "notice-right-object",
            "notice-right-copy",
            "notice-right-person",
        ];
        rights.extend(gdpr.iter().map(|k| t.t(k)));
        if systems.iter().any(|s| s.ai == Some(true)) {
            rights.push(t.t("notice-right-ai"));
        }
        if org.digital_labour_platform == Some(true) {
            rights.push(t.t("notice-right-platform"));
        }
    } else if systems.iter().any(|s| !s.targets.is_empty()) {
        rights.push(t.t("notice-right-quota-description"));
        rights.push(t.t("notice-right-quota-breaks"));
        rights.push(t.t(&format!("notice-right-quota-data-{jurisdiction}")));
        rights.push(t.t("notice-right-retaliation"));
    }
    rights.push(match jurisdiction {
        domain::Jurisdiction::Nl => t.t("notice-right-council"),
        other => t.t(&format!("notice-right-help-{other}")),
    });
    rights
}

/// The letter in words, in its language.
pub fn letter_text(prepared: &Prepared, letter: &Letter) -> LetterText {
    let t = Tr::new(letter.lang);
    let register = &prepared.register;
    let systems: Vec<&System> =
        register.systems.iter().filter(|s| letter.systems.iter().any(|id| id == &s.id)).collect();
    let org = register.organisation.name.clone();
    let rights = rights(&t, &register.organisation, &systems);
    let (way_in, code, link, qr) = match &letter.invitation {
        Some(i) => (
            vec![
                t.t("notice-way-in-lead"),
                t.t("notice-way-in-link"),
                t.ta("notice-way-in-code", &[("url", prepared.welcome_url.clone())]),
                t.ta("notice-way-in-expires", &[("date", t.date(i.expires))]),
            ],
            Some(i.code.clone()),
            Some(i.link.clone()),
            Some(crate::qr_svg(&i.link, &t.t("notice-qr-label"))),
        ),
        None => (
            vec![
                t.ta("notice-way-in-account", &[("url", prepared.welcome_url.trim_end_matches("/welcome").to_owned())]),
            ],
            None,
            None,
            None,
        ),
    };
    let labels = [
        ("records", "notice-records"),
        ("purposes", "notice-purposes"),
        ("basis", "notice-basis"),
        ("retention", "notice-retention"),
        ("who", "notice-who-label"),
        ("decisions", "notice-decisions"),
        ("norms", "notice-norms"),
        ("code", "notice-code-label"),
        ("status", "notice-status-label"),
    ]
    .into_iter()
    .map(|(k, key)| (k, t.t(key)))
    .collect();
    LetterText {
        lang: letter.lang.code(),
        title: t.ta("notice-title", &[("organisation", org.clone())]),
        organisation: org.clone(),
        date: t.date(prepared.today),
        to: match &letter.worker_id {
            Some(id) => t.ta("notice-to-id", &[("id", id.clone())]),
            None => t.t("notice-to"),
        },
        intro: t.ta("notice-intro", &[("organisation", org), ("n", systems.len().to_string())]),
        systems_heading: t.t("notice-systems-heading"),
        systems: systems.iter().map(|s| system_text(&t, register, s)).collect(),
        labels,
        rights_heading: t.t("notice-rights-heading"),
        rights,
        way_in_heading: t.t("notice-way-in-heading"),
        way_in,
        code,
        link,
        qr,
        reference: t.ta("notice-reference", &[("worker", letter.worker.clone())]),
    }
}

#[derive(Template)]
#[template(path = "notice.html")]
struct NoticeHtml<'a> {
    l: &'a LetterText,
}

/// The letter as one HTML document.
pub fn letter_html(text: &LetterText) -> Result<String> {
    Ok(NoticeHtml { l: text }.render()?)
}

/// The letter as a PDF.
pub fn letter_pdf(text: &LetterText) -> Result<Vec<u8>> {
    typeset::notice_pdf(&json!(text)).map_err(|e| Error::Pdf(e.to_string()))
}

/// The systems the letters name, by worker: for the index and the tests.
pub fn systems_by_worker(prepared: &Prepared) -> BTreeMap<String, BTreeSet<String>> {
    prepared.letters.iter().map(|l| (l.worker.clone(), l.systems.iter().cloned().collect())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn worker(subject: Option<&str>) -> Worker {
        let mut w = Worker { id: "P-1".into(), attributes: BTreeMap::new() };
        if let Some(s) = subject {
            w.attributes.insert("subject".into(), s.into());
        }
        w
    }

    fn system(subjects: &[Subject], status: Status) -> System {
        let mut s: System = serde_json::from_value(json!({"id": "s", "name": "S", "status": "live"})).unwrap();
        s.subjects = subjects.to_vec();
        s.status = status;
        s
    }

    /// A letter tells the rights the law of the organisation's place gives: the GDPR's in the EU
    /// with that country's works council, a state's quota law in the US.
    #[test]
    fn the_rights_in_a_letter_are_those_of_the_organisations_jurisdiction() {
        let t = Tr::new(Lang::En);
        let mut pace = system(&[Subject::Employees], Status::Live);
        pace.targets.push(domain::Target { kind: "scan".into(), per_hour: 854.0 });
        let plain = system(&[Subject::Employees], Status::Live);
        let in_place = |jurisdiction: domain::Jurisdiction, systems: &[&System]| {
            let org = domain::Organisation { jurisdiction: Some(jurisdiction), ..domain::Organisation::new("X") };
            rights(&t, &org, systems).join("\n")
        };
        let nl = in_place(domain::Jurisdiction::Nl, &[&pace]);
        assert!(nl.contains("GDPR art 15") && nl.contains("WOR art 27") && !nl.contains("BetrVG"), "{nl}");
        let de = in_place(domain::Jurisdiction::De, &[&pace]);
        assert!(de.contains("GDPR art 15") && de.contains("BetrVG") && !de.contains("WOR"), "{de}");
        let ca = in_place(domain::Jurisdiction::UsCa, &[&pace]);
        assert!(ca.contains("§ 2104") && ca.contains("Labor Commissioner") && !ca.contains("GDPR"), "{ca}");
        let wa = in_place(domain::Jurisdiction::UsWa, &[&pace]);
        assert!(wa.contains("49.84.037") && !wa.contains("2104"), "{wa}");
        // Without a quota the quota law gives nothing to tell; the agency still helps.
        let none = in_place(domain::Jurisdiction::UsCa, &[&plain]);
        assert_eq!(none, t.t("notice-right-help-US-CA"));
    }

    #[test]
    fn a_system_concerns_the_workers_its_subjects_take_in() {
        let staff = system(&[Subject::Employees], Status::Live);
        let applicants = system(&[Subject::Applicants], Status::Live);
        let anyone = system(&[], Status::Live);
        assert!(concerns(&staff, &worker(None)));
        assert!(!concerns(&applicants, &worker(None)));
        assert!(concerns(&anyone, &worker(Some("contractors"))));
        assert!(concerns(&staff, &worker(Some("employees"))));
        assert!(!concerns(&staff, &worker(Some("temporary_workers"))));
        // A subject the vocabulary does not know is read as no subject at all.
        assert!(concerns(&staff, &worker(Some("interns"))));
        assert!(!concerns(&system(&[Subject::Employees], Status::Retired), &worker(None)));
        assert!(concerns(&system(&[Subject::Employees], Status::Planned), &worker(None)));
    }
}

// ---------------------------------------------------------------------------------------------
// Writing the letters.

/// The index of a run, for mail merge or printing: never the codes.
pub const INDEX_FILE: &str = "index.csv";

/// What a run wrote.
#[derive(Debug)]
pub struct Issued {
    pub batch: store::NoticeBatch,
    /// The letters, with their codes (the caller may print one, as the demo does).
    pub letters: Vec<Letter>,
    pub index: std::path::PathBuf,
}

/// The file name of a worker's letter, without extension.
pub fn file_stem(worker: &str) -> String {
    format!("notice-{worker}")
}

fn render_one(prepared: &Prepared, letter: &Letter, dir: &std::path::Path) -> Result<()> {
    let text = letter_text(prepared, letter);
    let stem = file_stem(&letter.worker);
    std::fs::write(dir.join(format!("{stem}.html")), letter_html(&text)?)?;
    std::fs::write(dir.join(format!("{stem}.pdf")), letter_pdf(&text)?)?;
    Ok(())
}

/// Writes every letter (HTML and PDF) and the index into `dir`, on every core.
fn write_all(prepared: &Prepared, dir: &std::path::Path) -> Result<()> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from).max(1);
    let chunk = prepared.letters.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = prepared
            .letters
            .chunks(chunk)
            .map(|letters| scope.spawn(move || letters.iter().try_for_each(|l| render_one(prepared, l, dir))))
            .collect();
        handles.into_iter().try_for_each(|h| h.join().map_err(|_| Error::Pdf("a letter's thread panicked".into()))?)
    })?;
    let mut index = csv::Writer::from_path(dir.join(INDEX_FILE))?;
    index.write_record(["worker", "worker_id", "language", "systems", "pdf", "html", "invitation_expires"])?;
    for l in &prepared.letters {
        let stem = file_stem(&l.worker);
        index.write_record([
            l.worker.as_str(),
            &crate::worker::safe_cell(l.worker_id.as_deref().unwrap_or("")),
            l.lang.code(),
            &l.systems.join(" "),
            &format!("{stem}.pdf"),
            &format!("{stem}.html"),
            &l.invitation.as_ref().map(|i| i.expires.to_string()).unwrap_or_default(),
        ])?;
    }
    index.flush()?;
    Ok(())
}

impl Portal {
    /// Issues notices into the folder `out`: every letter and the index are written to a folder
    /// of their own beside them first, then the codes are stored, and only then are the files
    /// moved in. An error leaves `out` and the database as they were.
    pub async fn issue_notices(&self, options: &Options, out: &std::path::Path, author: &str) -> Result<Issued> {
        let prepared = self.prepare_notices(options).await?;
        crate::private::create_dir(out)?;
        let staging = tempfile::Builder::new().prefix(".notices-").tempdir_in(out)?;
        let (prepared, staging) = crate::people::blocking(move || {
            write_all(&prepared, staging.path())?;
            // The letters hold the codes: for their owner only until they are printed.
            crate::private::narrow_files(staging.path())?;
            Ok::<_, Error>((prepared, staging))
        })
        .await??;
        let batch = self.record_notices(&prepared, author).await?;
        let moved = std::fs::read_dir(staging.path()).and_then(|entries| {
            entries.into_iter().try_for_each(|entry| {
                let entry = entry?;
                std::fs::rename(entry.path(), out.join(entry.file_name()))
            })
        });
        if let Err(e) = moved {
            // The codes are stored: keep every letter not yet moved, and say where.
            let kept = staging.keep();
            return Err(Error::Io(std::io::Error::new(
                e.kind(),
                format!("moving the letters into {} failed ({e}); the rest are in {}", out.display(), kept.display()),
            )));
        }
        Ok(Issued { batch, letters: prepared.letters, index: out.join(INDEX_FILE) })
    }
}

// ---------------------------------------------------------------------------------------------
// Accepting a notice's invitation.

/// What a typed code is, for the page that takes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Welcome {
    /// It can make the worker's account.
    Open,
    /// It was used on this date.
    Used(jiff::civil::Date),
    /// It ended on this date unused.
    Expired(jiff::civil::Date),
    /// No such code: mistyped, or replaced by a newer letter.
    Unknown,
}

impl Portal {
    /// What the notice code `code` is now.
    pub async fn welcome(&self, code: &str) -> Result<Welcome> {
        let zone = self.time_zone().await?;
        let date_of = |ts: jiff::Timestamp| ts.to_zoned_datetime(zone.clone()).date();
        Ok(match self.store.worker_invitation(&guard::second::invitation_hash(code), now_seconds()).await? {
            store::InvitationState::Open { .. } => Welcome::Open,
            store::InvitationState::Used(at) => Welcome::Used(date_of(at.parse().map_err(|_| Error::NotFound)?)),
            store::InvitationState::Expired(at) => {
                Welcome::Expired(date_of(jiff::Timestamp::from_second(at).map_err(|_| Error::NotFound)?))
            }
            store::InvitationState::Unknown => Welcome::Unknown,
        })
    }

    /// Makes the worker's own account from their notice's code, with the name and password they
    /// chose. `NotFound` when the code is not open (any more); `Invalid` with the key of what to
    /// fix otherwise, and then the code stays usable.
    pub async fn accept_welcome(
        &self,
        code: &str,
        name: &str,
        password: String,
        confirm: &str,
    ) -> Result<store::Account> {
        if self.welcome(code).await? != Welcome::Open {
            return Err(Error::NotFound);
        }
        let name = name.trim();
        crate::people::check_account(name, domain::Role::Worker, Some("-")).map_err(Error::Invalid)?;
        // A name taken is said before the password is hashed: no Argon2 work for a refusal.
        if self.store.account(name).await?.is_some() {
            return Err(Error::Invalid("invite-taken"));
        }
        let hash = self.hash_new_password(name, password, confirm).await?;
        match self
            .store
            .accept_worker_invitation(&guard::second::invitation_hash(code), now_seconds(), name, &hash)
            .await
        {
            Ok(Some(account)) => {
                // In the worker's own access log, as every account made for a worker is (security
                // review M5): whoever held the letter made it, and the worker can see when.
                let worker = account.worker.clone().unwrap_or_default();
                let by =
                    crate::Reader { name: name.to_owned(), role: domain::Role::Worker, worker: Some(worker.clone()) };
                self.log_read(&by, &worker, &format!("account {name} created with the code from a notice")).await?;
                tracing::info!("a worker's notice code made their account");
                Ok(account)
            }
            Ok(None) => Err(Error::NotFound),
            Err(store::Error::Taken(_)) => Err(Error::Invalid("invite-taken")),
            Err(store::Error::WorkerTaken) => Err(Error::Invalid("welcome-has-account")),
            Err(e) => Err(e.into()),
        }
    }
}
