//! The yearly transparency report (issue 11): its figures recomputed from the database by plain
//! SQL of the test's own, not by the code under test.

use domain::Role;
use locale::{Lang, Tr};
use portal::Reader;
use sqlx::Row;

#[tokio::test]
async fn the_yearly_figures_equal_a_plain_count_of_the_database() {
    let w = crate::world_of(30).await;
    let p = &w.portal;
    let t = Tr::new(Lang::En);
    // Dossiers, a decision with conditions (one broken by the data) — as the demo makes them.
    portal::council::seed_demo(p, "privacy", "ondernemingsraad").await.unwrap();
    // Contests: three workers contest a decision each; one is upheld, one overturned.
    let admin = Reader { name: "privacy".into(), role: Role::Admin, worker: None };
    let mut opened = Vec::new();
    for decision in p.store.decisions().await.unwrap() {
        if opened.iter().any(|(worker, _): &(String, i64)| *worker == decision.worker) || opened.len() == 3 {
            continue;
        }
        let reader = Reader {
            name: format!("w-{}", decision.worker),
            role: Role::Worker,
            worker: Some(decision.worker.clone()),
        };
        let (id, _) = p.store.decisions_of(&decision.worker).await.unwrap()[0].clone();
        let c = p.open_contest(&reader, id, "I was ill that day.", "test").await.unwrap();
        // The worker reads their own page: reads by the worker role.
        p.own_page(&reader, &t, false).await.unwrap();
        opened.push((decision.worker.clone(), c.id));
    }
    assert_eq!(opened.len(), 3, "the generated data has decisions for three workers");
    p.answer_contest(&admin, opened[0].1, "upheld", "The warning stands.").await.unwrap();
    p.answer_contest(&admin, opened[1].1, "overturned", "Withdrawn.").await.unwrap();
    // Notices, twice.
    let options = portal::notices::Options {
        lang: None,
        system: None,
        public_url: "http://127.0.0.1:8080".into(),
        ids: Default::default(),
        only: Default::default(),
    };
    p.issue_notices(&options, &w.data.join("letters-1"), "test").await.unwrap();
    p.issue_notices(&options, &w.data.join("letters-2"), "test").await.unwrap();

    let year = p.today().await.unwrap().year();
    let y = p.yearly(&t, year).await.unwrap();

    let raw = store::Raw::open(&w.data).await.unwrap();
    let count = |sql: &'static str| {
        let db = raw.pool().clone();
        async move { sqlx::query(sql).fetch_one(&db).await.unwrap().get::<i64, _>(0) as u64 }
    };
    // Contests.
    assert_eq!(y.contests.opened, count("SELECT COUNT(*) FROM contest").await);
    assert_eq!(y.contests.answered, count("SELECT COUNT(*) FROM contest_step WHERE kind = 'answered'").await);
    assert_eq!(y.contests.upheld, count("SELECT COUNT(*) FROM contest_step WHERE outcome = 'upheld'").await);
    assert_eq!(y.contests.overturned, count("SELECT COUNT(*) FROM contest_step WHERE outcome = 'overturned'").await);
    assert_eq!((y.contests.opened, y.contests.answered, y.contests.upheld, y.contests.overturned), (3, 2, 1, 1));
    let mut days: Vec<f64> = sqlx::query(
        "SELECT c.opened_at, s.time FROM contest c JOIN contest_step s ON s.contest = c.id WHERE s.kind = 'answered'",
    )
    .fetch_all(raw.pool())
    .await
    .unwrap()
    .iter()
    .map(|r| {
        let at = |i: usize| r.get::<String, _>(i).parse::<jiff::Timestamp>().unwrap();
        (at(1).as_millisecond() - at(0).as_millisecond()) as f64 / 86_400_000.0
    })
    .collect();
    days.sort_by(f64::total_cmp);
    let median = (days[0] + days[1]) / 2.0;
    let got = y.contests.median_days_to_answer.unwrap();
    assert!((got - median).abs() < 1e-6, "median days {got} against {median}");
    // Reads of personal data by role, without the entries about accounts.
    let reads = sqlx::query(
        "SELECT actor_role, COUNT(*) FROM access_log WHERE what NOT LIKE 'account %' AND what NOT LIKE 'people %' \
         GROUP BY actor_role",
    )
    .fetch_all(raw.pool())
    .await
    .unwrap();
    let expected: std::collections::BTreeMap<String, i64> =
        reads.iter().map(|r| (r.get::<String, _>(0), r.get::<i64, _>(1))).collect();
    assert_eq!(y.reads, expected);
    assert!(y.reads.get("worker").copied().unwrap_or(0) >= 3, "{:?}", y.reads);
    // Notices.
    assert_eq!(y.notices.runs, count("SELECT COUNT(*) FROM notice_batch").await);
    assert_eq!(y.notices.letters, count("SELECT CAST(SUM(letters) AS BIGINT) FROM notice_batch").await);
    assert_eq!(y.notices.invitations, count("SELECT CAST(SUM(invitations) AS BIGINT) FROM notice_batch").await);
    assert_eq!(y.notices.letters, 60, "30 workers, twice");
    // Dossiers opened or decided this year (the demo's are all from this year or the last).
    let dossiers = sqlx::query("SELECT opened_at, decided_on FROM dossier").fetch_all(raw.pool()).await.unwrap();
    let this_year = year.to_string();
    let expected = dossiers
        .iter()
        .filter(|r| {
            r.get::<String, _>(0).starts_with(&this_year)
                || r.get::<Option<String>, _>(1).is_some_and(|d| d.starts_with(&this_year))
        })
        .count();
    assert_eq!(y.dossiers.len(), expected);
    // Conditions broken: a check that finds one broken where the last known check before it did not
    // (an unknown state, a figure missing, is no state).
    let broken = count(
        "SELECT COUNT(*) FROM (SELECT state, LAG(state) OVER (PARTITION BY dossier, condition ORDER BY id) AS before \
         FROM condition_check WHERE state <> 'unknown') AS checks WHERE state = 'broken' AND (before IS NULL OR before <> 'broken')",
    )
    .await;
    assert_eq!(y.conditions_broken, broken);
    assert!(broken >= 1, "the demo data breaks one condition");
    // Findings at the end: the rulebook's on the newest register, by severity, per system.
    let latest = p.store.latest_register().await.unwrap().unwrap();
    let all = p.check(&latest.register).unwrap();
    for s in &y.systems {
        let end = s.findings_end.as_ref().unwrap();
        let of = |sev: &str| {
            all.iter()
                .filter(|f| f.system == s.id && f.kind == rules::Kind::Finding && f.severity.as_str() == sev)
                .count() as u64
        };
        assert_eq!((end.violation, end.risk, end.advice), (of("violation"), of("risk"), of("advice")), "{}", s.id);
    }
    // Nothing in the report names a worker.
    let json = String::from_utf8(p.yearly_report(&t, year, portal::advice::Format::Json).await.unwrap()).unwrap();
    assert!(!json.contains("P-"), "a pseudonym in the report");
    // Bad years are refused.
    assert!(matches!(p.yearly(&t, year + 1).await, Err(portal::Error::BadInput(_))));
}
