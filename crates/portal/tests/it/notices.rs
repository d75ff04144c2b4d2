//! The workers' notices (issue 11): every letter names every system that concerns its worker and
//! nothing of anyone else; its code makes that worker's account once; nothing is written when
//! the input is wrong.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use portal::notices::{Options, Welcome};
use portal::{Error, Files, Portal};

/// The subjects the test's workers file gives, in turn.
const SUBJECTS: [&str; 3] = ["employees", "temporary_workers", "contractors"];

struct Org {
    _dir: tempfile::TempDir,
    portal: Portal,
    register: toml::Table,
    /// The employer's identifier of each worker, and the subject the workers file gives them.
    workers: Vec<(String, String)>,
}

/// A generated organisation whose workers file also says each worker's subject and, for every
/// third, English as their language.
async fn org() -> Org {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let files = dir.path().join("files");
    let summary = synth::generate(&synth::Params { workers: 12, days: 2, ..synth::Params::demo() }, &files).unwrap();
    let mut reader = csv::Reader::from_path(&summary.workers).unwrap();
    let mut header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    header.extend(["subject".into(), "language".into()]);
    let mut out = csv::Writer::from_path(files.join("workers-with-subject.csv")).unwrap();
    out.write_record(&header).unwrap();
    let mut workers = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.unwrap();
        let subject = SUBJECTS[i % 3];
        let lang = if i % 3 == 1 { "en" } else { "nl" };
        let mut fields: Vec<String> = row.iter().map(str::to_owned).collect();
        workers.push((fields[0].clone(), subject.to_owned()));
        fields.extend([subject.into(), lang.into()]);
        out.write_record(&fields).unwrap();
    }
    out.flush().unwrap();
    std::fs::create_dir_all(&data).unwrap();
    let store = store::Store::open(&data).await.unwrap();
    let portal = Portal::new(store, guard::Pseudonymiser::new([7; 32])).unwrap();
    let register = std::fs::read_to_string(&summary.register).unwrap().parse::<toml::Table>().unwrap();
    let files = Files {
        register: summary.register,
        workers: Some(files.join("workers-with-subject.csv")),
        decisions: Some(summary.decisions),
        events: Some(summary.events),
        tz: locale::DEFAULT_TIME_ZONE.into(),
        author: "test".into(),
    };
    portal.import(&data, &files).await.unwrap();
    Org { _dir: dir, portal, register, workers }
}

/// (id, name, subjects, status) of each system, read from the register file itself.
fn systems(register: &toml::Table) -> Vec<(String, String, Vec<String>, String)> {
    register["system"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let subjects = s
                .get("subjects")
                .and_then(|v| v.as_array())
                .map_or_else(Vec::new, |a| a.iter().map(|x| x.as_str().unwrap().to_owned()).collect());
            (
                s["id"].as_str().unwrap().to_owned(),
                s["name"].as_str().unwrap().to_owned(),
                subjects,
                s["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext {}", path.display());
    String::from_utf8(out.stdout).unwrap()
}

/// The words of a text: runs of letters, digits, dashes.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// The invitation code printed on a letter: the one word shaped XXXX-XXXX-XXXX.
fn code_in(text: &str) -> Option<String> {
    let codes: BTreeSet<String> = words(text)
        .into_iter()
        .filter(|w| w.len() == 14 && w.split('-').count() == 3 && w.split('-').all(|p| p.len() == 4))
        .collect();
    assert!(codes.len() <= 1, "one code per letter: {codes:?}");
    codes.into_iter().next()
}

#[tokio::test]
async fn every_letter_names_its_workers_systems_and_nothing_of_anyone_else() {
    let o = org().await;
    let out = o._dir.path().join("notices");
    let ids: BTreeMap<String, String> =
        o.workers.iter().map(|(id, _)| (o.portal.pseudonymiser.pseudonym(id), id.clone())).collect();
    let options = Options {
        lang: None,
        system: None,
        public_url: "https://inzage.example.org/".into(),
        ids,
        only: Default::default(),
    };
    let issued = o.portal.issue_notices(&options, &out, "test").await.unwrap();
    assert_eq!(issued.batch.letters, o.workers.len() as i64, "every worker is concerned by some system");
    assert_eq!(issued.batch.invitations, o.workers.len() as i64, "nobody has an account yet");
    let systems = systems(&o.register);
    let mut codes = BTreeSet::new();
    for (i, (id, subject)) in o.workers.iter().enumerate() {
        let pseudonym = o.portal.pseudonymiser.pseudonym(id);
        let stem = out.join(format!("notice-{pseudonym}"));
        let html = std::fs::read_to_string(stem.with_extension("html")).unwrap();
        let pdf = pdf_text(&stem.with_extension("pdf"));
        for (kind, text) in [("html", &html), ("pdf", &pdf)] {
            // Every system whose subjects take the worker in, and no other.
            for (sid, name, subjects, status) in &systems {
                let concerned = status != "retired" && (subjects.is_empty() || subjects.contains(subject));
                // The PDF may break a long name over lines: compare its words, in order.
                let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
                assert_eq!(flat.contains(name.as_str()), concerned, "{kind} of {id} ({subject}) and system {sid}");
            }
            // The worker's own pseudonym and identifier, and nobody else's.
            let found = words(text);
            assert!(found.contains(&pseudonym), "{kind} of {id} carries its reference");
            assert!(found.contains(id), "{kind} of {id} is addressed to them");
            for (other, _) in o.workers.iter().filter(|(other, _)| other != id) {
                assert!(!found.contains(other), "{kind} of {id} names {other}");
                assert!(
                    !found.contains(&o.portal.pseudonymiser.pseudonym(other)),
                    "{kind} of {id} has {other}'s pseudonym"
                );
            }
        }
        // The worker's language: every third asked for English.
        let english = i % 3 == 1;
        assert_eq!(html.contains("lang=\"en\""), english, "{id}'s language");
        assert_eq!(pdf.contains("Your rights"), english, "{id}'s PDF language");
        // The same code in both, and it works for this worker.
        let code = code_in(&pdf).expect("the PDF prints a code");
        assert_eq!(code_in(&html).as_deref(), Some(code.as_str()));
        assert!(html.contains(&format!("https://inzage.example.org/welcome/{code}")), "the link, on the public URL");
        assert_eq!(o.portal.welcome(&code).await.unwrap(), Welcome::Open);
        codes.insert(code);
    }
    assert_eq!(codes.len(), o.workers.len(), "a code of their own for everyone");
    // The index names pseudonyms, files and expiry dates, never a code.
    let index = std::fs::read_to_string(out.join("index.csv")).unwrap();
    assert_eq!(index.lines().count(), o.workers.len() + 1);
    assert!(index.starts_with("worker,worker_id,language,systems,pdf,html,invitation_expires\n"));
    for code in &codes {
        assert!(!index.contains(code.as_str()));
    }
    // The files are the owner's only: they hold the codes.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(out.join("index.csv")).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "index.csv is {mode:o}");
    }
    // Nothing was left of the staging folder.
    let names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| n == "index.csv" || n.starts_with("notice-P-")), "{names:?}");
}

#[tokio::test]
async fn a_code_makes_its_workers_account_once_and_a_new_letter_replaces_it() {
    let o = org().await;
    let (id, _) = &o.workers[0];
    let pseudonym = o.portal.pseudonymiser.pseudonym(id);
    let options = Options {
        lang: Some(locale::Lang::En),
        system: Some("scan-pace".into()),
        public_url: "http://127.0.0.1:8080".into(),
        ids: BTreeMap::new(),
        only: Default::default(),
    };
    let first = o.portal.issue_notices(&options, &o._dir.path().join("one"), "test").await.unwrap();
    let letter =
        |issued: &portal::notices::Issued| issued.letters.iter().find(|l| l.worker == pseudonym).cloned().unwrap();
    assert_eq!(letter(&first).systems, ["scan-pace"], "--system names only that system");
    let old = letter(&first).invitation.unwrap().code;
    let second = o.portal.issue_notices(&options, &o._dir.path().join("two"), "test").await.unwrap();
    let code = letter(&second).invitation.unwrap().code;
    assert_eq!(o.portal.welcome(&old).await.unwrap(), Welcome::Unknown, "the newer letter's code replaces the older");
    // A new letter for one other worker leaves this worker's code working.
    let other = o.portal.pseudonymiser.pseudonym(&o.workers[3].0);
    let one = Options { only: [other.clone()].into(), ..options.clone() };
    let just_one = o.portal.issue_notices(&one, &o._dir.path().join("one-worker"), "test").await.unwrap();
    assert_eq!(just_one.letters.iter().map(|l| l.worker.as_str()).collect::<Vec<_>>(), [other.as_str()]);
    assert_eq!(
        o.portal.welcome(&code).await.unwrap(),
        Welcome::Open,
        "another worker's letter ends no one else's code"
    );
    let nobody = Options { only: ["P-0000000000000000".to_owned()].into(), ..options.clone() };
    assert!(matches!(
        o.portal.issue_notices(&nobody, &o._dir.path().join("nobody"), "test").await,
        Err(Error::BadInput(_))
    ));
    // Typed in lower case, with spaces, and an O for a zero: the same code.
    let typed = code.to_lowercase().replace('-', " ").replace('0', "o");
    // A password that breaks the rules keeps the code usable.
    assert!(matches!(o.portal.accept_welcome(&typed, "jan", "short".into(), "short").await, Err(Error::Invalid(_))));
    let account = o
        .portal
        .accept_welcome(&typed, " jan ", "a long enough password".into(), "a long enough password")
        .await
        .unwrap();
    assert_eq!(account.name, "jan");
    assert_eq!(account.worker.as_deref(), Some(pseudonym.as_str()));
    assert!(o.portal.verify_login("jan", "a long enough password".into()).await.unwrap().is_some());
    // The worker's own access log says the account was made, and with what.
    let log = o.portal.store.access_log(&pseudonym, None).await.unwrap();
    assert!(log.iter().any(|a| a.what == "account jan created with the code from a notice"), "{log:?}");
    assert!(matches!(o.portal.welcome(&code).await.unwrap(), Welcome::Used(_)));
    assert!(matches!(
        o.portal.accept_welcome(&code, "jan2", "a long enough password".into(), "a long enough password").await,
        Err(Error::NotFound)
    ));
    // A third run writes no code for a worker with an account, and a name taken keeps another's code.
    let third = o.portal.issue_notices(&options, &o._dir.path().join("three"), "test").await.unwrap();
    assert!(letter(&third).invitation.is_none(), "a worker with an account gets a letter without a code");
    let other = third.letters.iter().find_map(|l| l.invitation.clone()).unwrap().code;
    assert!(matches!(
        o.portal.accept_welcome(&other, "jan", "another long password".into(), "another long password").await,
        Err(Error::Invalid("invite-taken"))
    ));
    assert_eq!(o.portal.welcome(&other).await.unwrap(), Welcome::Open);
    // A worker who has an account, even a disabled one, gets no account from an older code.
    let holder =
        third.letters.iter().find(|l| l.invitation.as_ref().is_some_and(|i| i.code == other)).unwrap().worker.clone();
    let account =
        o.portal.store.add_account("holder", domain::Role::Worker, Some(&holder), Some("$argon2id$x")).await.unwrap();
    o.portal.store.disable_account(&account.name).await.unwrap();
    assert!(matches!(
        o.portal.accept_welcome(&other, "second", "another long password".into(), "another long password").await,
        Err(Error::Invalid("welcome-has-account"))
    ));
    assert_eq!(o.portal.welcome(&other).await.unwrap(), Welcome::Open, "refused, the code stays unused");
    let fourth = o.portal.issue_notices(&options, &o._dir.path().join("four"), "test").await.unwrap();
    assert!(
        fourth.letters.iter().find(|l| l.worker == holder).unwrap().invitation.is_none(),
        "no code for a disabled account"
    );
    // Runs are counted for the yearly report.
    let batches = o.portal.store.notice_batches().await.unwrap();
    assert_eq!(batches.len(), 5);
    assert_eq!(batches[3].invitations, batches[3].letters - 1);
    assert_eq!(batches[4].invitations, batches[4].letters - 2);
}

#[tokio::test]
async fn an_unknown_system_writes_nothing() {
    let o = org().await;
    let out = o._dir.path().join("none");
    let options = Options {
        lang: None,
        system: Some("no-such-system".into()),
        public_url: "http://127.0.0.1:8080".into(),
        ids: BTreeMap::new(),
        only: Default::default(),
    };
    match o.portal.issue_notices(&options, &out, "test").await {
        Err(Error::BadInput(m)) => assert!(m.contains("--system no-such-system") && m.contains("scan-pace"), "{m}"),
        other => panic!("expected bad input, got {other:?}"),
    }
    assert!(!out.exists(), "nothing written");
    assert!(o.portal.store.notice_batches().await.unwrap().is_empty(), "nothing stored");
}
