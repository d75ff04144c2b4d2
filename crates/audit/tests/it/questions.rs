//! Issue 13: the question asked (attributes, pairs, reference, population, grouped outcomes),
//! inputs alone (no events), measures per period, profiles, and the failures that used to be
//! silent. Figures are recomputed here from the rows written, not copied from a run.

use std::collections::BTreeMap;

use audit::{Pairs, Params, Profile};

use crate::{run, write};

/// 60 workers: `sex` f/m alternating, `race` a/b/c by thirds, `age` 20 + i; decisions `High`
/// for every third worker, `Medium` for every fifth, `Low` for the rest.
fn people(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let mut workers = String::from("worker,sex,race,age\n");
    let mut decisions = String::from("worker,time,decision\n");
    for i in 0..60 {
        let sex = if i % 2 == 0 { "f" } else { "m" };
        let race = ["a", "b", "c"][i / 20];
        workers.push_str(&format!(" W{i:02} ,{sex},{race},{}\n", 20 + i));
        let kind = if i % 3 == 0 {
            "High"
        } else if i % 5 == 0 {
            "Medium"
        } else {
            "Low"
        };
        decisions.push_str(&format!("W{i:02},2026-03-02T10:00:00Z,{kind}\n"));
    }
    (write(dir, "workers.csv", &workers), write(dir, "decisions.csv", &decisions))
}

#[test]
fn attributes_pairs_reference_population_and_outcomes_answer_the_question_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (workers, decisions) = people(dir.path());
    let mut params = Params::new(None, vec![]);
    params.workers = Some(workers);
    params.decisions = Some(decisions);
    let all = run(&params).unwrap();
    // Every attribute (age is binned) and every pair, for each of the three decisions.
    assert!(all.groups.iter().any(|g| g.attribute == "race+sex"));
    assert_eq!(all.events, 0, "no events file: nothing of the events' is reported");
    assert!(all.norms.is_empty() && all.flags.is_none());

    params.attributes = Some(vec!["race".into(), "sex".into()]);
    params.pairs = Pairs::None;
    params.reference = vec![("race".into(), "c".into())];
    params.outcomes = vec![("medium_high".into(), vec!["Medium".into(), "High".into()])];
    let r = run(&params).unwrap();
    let keys: Vec<(&str, &str)> = r.groups.iter().map(|g| (g.outcome.as_str(), g.attribute.as_str())).collect();
    assert_eq!(keys, [("decision:medium_high", "race"), ("decision:medium_high", "sex")]);
    let race = &r.groups[0];
    assert_eq!(race.reference.as_deref(), Some("c"), "the reference asked for");
    // By hand: medium_high = i % 3 == 0 or i % 5 == 0, in thirds of 20.
    let positives = |from: usize| (from..from + 20).filter(|i| i % 3 == 0 || i % 5 == 0).count() as u64;
    assert_eq!(race.reference_positives, Some(positives(40)));
    let a = race.rows.iter().find(|row| row.group == "a").unwrap();
    assert_eq!(a.positives, positives(0));
    assert_eq!(r.correction.tests, r.groups.iter().map(|g| g.rows.len() as u64).sum::<u64>());
    for row in r.groups.iter().flat_map(|g| &g.rows) {
        assert!(row.p_holm >= row.p_value && row.p_holm <= 1.0);
        assert_eq!(row.disparate, row.ratio.is_some_and(|x| !(0.8..=1.25).contains(&x)) && row.p_holm < 0.05);
    }

    // Only workers aged 40 or more (W20..W59): races b and c. A number is compared as a number.
    params.reference.clear();
    params.population = Some("age >= 40".into());
    let r = run(&params).unwrap();
    assert_eq!(r.linkage.as_ref().map(|l| (l.workers_file, l.population)), Some((60, 40)));
    assert_eq!(r.groups[0].total_n, 40);

    // Each misspelling names what there is.
    let mut bad = params.clone();
    bad.attributes = Some(vec!["rase".into()]);
    let err = run(&bad).unwrap_err().to_string();
    assert!(err.contains("`rase` is not a column") && err.contains("race"), "{err}");
    let mut bad = params.clone();
    bad.reference = vec![("race".into(), "z".into())];
    let err = run(&bad).unwrap_err().to_string();
    assert!(err.contains("no group `z`; the groups of race are b, c"), "the population's groups: {err}");
    let mut bad = params.clone();
    bad.outcomes = vec![("x".into(), vec!["Hihg".into()])];
    assert!(run(&bad).unwrap_err().to_string().contains("no decision `Hihg`; the decisions are High, Low, Medium"));
    let mut bad = params.clone();
    bad.population = Some("agee > 1".into());
    assert!(run(&bad).unwrap_err().to_string().contains("--population `agee > 1`"));
    assert!(Pairs::parse("race+sex,x").is_err());
    assert_eq!(Pairs::parse("sex+race"), Ok(Pairs::Only(vec![("race".into(), "sex".into())])));
}

#[test]
fn measures_compare_groups_by_each_workers_mean_with_welch_and_mann_whitney() {
    let dir = tempfile::tempdir().unwrap();
    let (workers, _) = people(dir.path());
    // after_hours: 3 weeks per worker, value = (i % 7) + week / 2 + (1.5 for sex m); a target
    // of 3 on activity rows, per day, 60 rows a day.
    let mut text = String::from("worker;period;measure;value;target\n");
    let mut rows: Vec<(usize, String, f64)> = Vec::new();
    for i in 0..60 {
        for week in 1..=3 {
            let v = (i % 7) as f64 + week as f64 / 2.0 + if i % 2 == 1 { 1.5 } else { 0.0 };
            text.push_str(&format!("W{i:02};2026-W{week:02};after_hours;{};\n", v.to_string().replace('.', ",")));
            rows.push((i, format!("2026-W{week:02}"), v));
        }
        for day in 2..=3 {
            text.push_str(&format!("W{i:02};2026-03-0{day};activity;{};3\n", (i + day) % 6));
        }
    }
    text.push_str("X99;2026-W01;after_hours;4;\n");
    let mut params = Params::new(None, vec![]);
    params.workers = Some(workers);
    params.measures = Some(write(dir.path(), "measures.csv", &text));
    params.attributes = Some(vec!["sex".into()]);
    let r = run(&params).unwrap();
    assert_eq!(r.linkage.as_ref().and_then(|l| l.measures_about_unknown_workers), Some(1));
    let names: Vec<&str> = r.measures.iter().map(|m| m.measure.as_str()).collect();
    assert_eq!(names, ["activity", "after_hours"]);

    let activity = &r.measures[0];
    let att = activity.attainment.as_ref().unwrap();
    for (p, day) in att.periods.iter().zip(2..=3) {
        let meeting = (0..60).filter(|i| (i + day) % 6 >= 3).count() as u64;
        assert_eq!((p.rows, p.meeting), (60, meeting), "{}", p.period);
    }

    let m = &r.measures[1];
    assert_eq!((m.rows, m.workers, m.periods), (181, 61, 3));
    let table = &m.groups[0];
    assert_eq!(table.attribute, "sex");
    let mean_of = |sex: usize| -> Vec<f64> {
        (0..60)
            .filter(|i| i % 2 == sex)
            .map(|i| rows.iter().filter(|r| r.0 == i).map(|r| r.2).sum::<f64>() / 3.0)
            .collect()
    };
    let (f, male) = (mean_of(0), mean_of(1));
    let avg = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    // Reference: f and m tie at 30 → f (byte order).
    assert_eq!(table.reference.as_deref(), Some("f"));
    assert!((table.reference_mean.unwrap() - avg(&f)).abs() < 1e-12);
    let row = &table.rows[0];
    assert_eq!((row.group.as_str(), row.n, row.rows), ("m", 30, 90));
    assert!((row.mean - avg(&male)).abs() < 1e-12);
    assert!((row.sum - male.iter().sum::<f64>() * 3.0).abs() < 1e-9);
    // Welch by the textbook formula, here; the library's is checked against SciPy in stats.rs.
    let var = |v: &[f64]| {
        let m = avg(v);
        v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() as f64 - 1.0)
    };
    let t = (avg(&male) - avg(&f)) / (var(&male) / 30.0 + var(&f) / 30.0).sqrt();
    assert!((row.welch_t.unwrap() - t).abs() < 1e-9, "{:?} vs {t}", row.welch_t);
    assert!(row.p_value.unwrap() < 0.05 && row.mann_whitney_p.unwrap() < 0.05);
    assert!(row.differs, "1.5 hours more for every m worker is a difference");
    assert_eq!(r.correction.tests, 2, "one Welch test per measure's row");
}

#[test]
fn a_profile_reads_an_american_export_with_a_constant_kind_and_an_sql_measure() {
    let dir = tempfile::tempdir().unwrap();
    let events = write(
        dir.path(),
        "export.csv",
        "Operator ID,When,Qty,Qty\n 7 ,1/31/2015 06:00,4,x\n7,1/31/2015 07:00,,x\n8,1/31/2015 06:30,2,x\n",
    );
    let profile = write(
        dir.path(),
        "mine.toml",
        "[events]\ntime_format = \"%m/%d/%Y %H:%M\"\n[events.columns]\nworker = \"Operator ID\"\ntime = \"When\"\n\
         [events.constants]\nkind = \"scan\"\n[events.defaults]\nquantity = \"1\"\n\
         [measures]\nsql = \"\"\"\nSELECT trim(\"Operator ID\") AS worker, '2015-01-31' AS period, 'rows' AS measure, \
         COUNT(*) AS value FROM input GROUP BY 1\"\"\"\n",
    );
    let mut params = Params::new(events.clone(), vec![("scan".into(), 3.0)]);
    params.profile = Some(Profile::load(profile.to_str().unwrap()).unwrap());
    params.map = audit::ColumnMap::parse("quantity=Qty").unwrap();
    // `Qty` is repeated: read as quantity, it is refused naming both places.
    let err = run(&params).unwrap_err().to_string();
    assert!(err.contains("the column `Qty` appears more than once") && err.contains("columns 3 and 4"), "{err}");
    // A repeated column that is not read is no problem.
    let events = write(
        dir.path(),
        "export.csv",
        "Operator ID,When,Qty,Note,Note\n 7 ,1/31/2015 06:00,4,,\n7,1/31/2015 07:00,,,\n8,1/31/2015 06:30,2,,\n",
    );
    params.events = Some(events.clone());
    let r = run(&params).unwrap();
    assert_eq!((r.events, r.workers), (3, 2), "` 7 ` and `7` are one worker");
    // Worker 7: 4 + 1 (the default) units over one hour.
    assert_eq!(r.norms[0].shifts_rated, 1);
    assert!((r.norms[0].median_rate.unwrap() - 5.0).abs() < 1e-12);

    // The measures query reads the same file: rows per operator.
    params.measures = Some(events.clone());
    let r = run(&params).unwrap();
    assert_eq!(r.measures[0].rows, 2);

    // A time that does not match the format names line, the user's column and the format.
    let bad = write(dir.path(), "bad.csv", "Operator ID,When,Qty\n7,1/31/2015 06:00,4\n7,31-1-2015 07:00,1\n");
    params.events = Some(bad);
    params.measures = None;
    let err = run(&params).unwrap_err().to_string();
    assert!(
        err.contains("line 3 (row 2 after the header), column `When`")
            && err.contains("%m/%d/%Y %H:%M")
            && err.contains("(read as `time`)"),
        "{err}"
    );
    // A query with an error names the profile's line of `sql`.
    let broken = write(dir.path(), "broken.toml", "name = \"b\"\n\n[measures]\nsql = \"SELECT nothing FROM input\"\n");
    params.profile = Some(Profile::load(broken.to_str().unwrap()).unwrap());
    params.events = None;
    params.measures = Some(events);
    let err = run(&params).unwrap_err().to_string();
    assert!(err.contains("broken.toml:4:1") && err.contains("[measures] sql"), "{err}");
    // And a query may not write.
    let writes = write(dir.path(), "w.toml", "[measures]\nsql = \"CREATE TABLE t AS SELECT 1\"\n");
    params.profile = Some(Profile::load(writes.to_str().unwrap()).unwrap());
    assert!(run(&params).is_err());
}

#[test]
fn failures_that_were_silent_now_say_so() {
    let dir = tempfile::tempdir().unwrap();
    // An empty quantity is no longer 1.
    let events = write(dir.path(), "e.csv", "worker,time,kind,quantity\nA,2026-03-02T06:00:00Z,scan,\n");
    let err = run(&Params::new(events.clone(), vec![])).unwrap_err().to_string();
    assert!(err.contains("line 2 (row 1 after the header), column `quantity`: empty quantity"), "{err}");
    // Skipping every row is not an audit of nothing.
    let mut params = Params::new(events, vec![]);
    params.skip_bad_rows = true;
    let err = run(&params).unwrap_err().to_string();
    assert!(err.contains("no row could be read; the first error was") && err.contains("empty quantity"), "{err}");
    // A decisions file without `reviewed`: review unknown, not "0 % reviewed".
    let decisions = write(dir.path(), "d.csv", "worker,time,decision,automated\nA,2026-03-02T06:00:00Z,warning,true\n");
    let mut params = Params::new(None, vec![]);
    params.decisions = Some(decisions);
    let review = run(&params).unwrap().review.unwrap();
    assert_eq!((review.automated, review.review_unknown, review.reviewed_share), (1, 1, None));
    // Workers in one file and not the other are counted.
    let events =
        write(dir.path(), "e2.csv", "worker,time,kind\nA,2026-03-02T06:00:00Z,scan\nB,2026-03-02T06:00:00Z,scan\n");
    let workers = write(dir.path(), "w.csv", "worker,team,team\nA,x,y\nC,x,y\n");
    let mut params = Params::new(events, vec![]);
    params.workers = Some(workers);
    let r = run(&params).unwrap();
    let l = r.linkage.unwrap();
    assert_eq!((l.events_workers_not_in_workers_file, l.workers_without_events), (Some(1), Some(1)));
    assert!(r.notes[0].contains("`team` appears more than once"), "{:?}", r.notes);
    let counted: BTreeMap<_, _> = r.group_attributes.iter().map(|p| (p.attribute.clone(), ())).collect();
    assert!(!counted.contains_key("team"), "a repeated attribute is not a group");
}

/// A profile's query that keeps no row gives no measure, not an error about missing columns.
#[test]
fn a_query_without_rows_still_has_its_columns() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "m.csv", "who,day,hours\nA,2026-03-02,1\n");
    let profile = write(
        dir.path(),
        "p.toml",
        "[measures]\nsql = \"SELECT who AS worker, day AS period, 'hours' AS measure, hours AS value FROM input WHERE who = 'nobody'\"\n",
    );
    let mut params = Params::new(None, vec![]);
    params.profile = Some(Profile::load(profile.to_str().unwrap()).unwrap());
    params.measures = Some(file);
    let r = run(&params).unwrap();
    assert!(r.measures.is_empty(), "{:?}", r.measures);
}

/// The review's findings, each a case: what was silently ignored or shown is now an error or
/// hidden.
#[test]
fn what_a_user_names_is_read_or_refused_never_ignored() {
    let dir = tempfile::tempdir().unwrap();
    // A misspelt optional column: not "every event counts 1" but an error naming it.
    let events = write(dir.path(), "e.csv", "worker,time,kind,Units\nA,2026-03-02T06:00:00Z,scan,3\n");
    let mut params = Params::new(events, vec![]);
    params.map = audit::ColumnMap::parse("quantity=Unit").unwrap();
    let err = run(&params).unwrap_err().to_string();
    assert!(err.contains("no column `Unit` for `quantity`") && err.contains("Units"), "{err}");

    // Questions about groups need the workers file.
    let mut params = Params::new(None, vec![]);
    params.decisions = Some(write(dir.path(), "d.csv", "worker,time,decision\nA,2026-03-02T06:00:00Z,warning\n"));
    params.population = Some("age > 1".into());
    assert!(run(&params).unwrap_err().to_string().contains("--population asks about groups of workers"));

    // Column names keep their case (no quotes needed), and `Salary (2024)` is a column, not a
    // repeat; numbers compare as numbers.
    let mut workers = String::from("worker,LevelDesignation,Salary (2024)\n");
    let mut decisions = String::from("worker,time,decision\n");
    for i in 0..40 {
        let level = if i < 30 { "IC" } else { "Executive" };
        workers.push_str(&format!("W{i},{level},{}\n", 1000 + (i % 4) * 1000));
        decisions.push_str(&format!("W{i},2026-03-02T06:00:00Z,{}\n", if i % 2 == 0 { "yes" } else { "no" }));
    }
    let mut params = Params::new(None, vec![]);
    params.workers = Some(write(dir.path(), "w.csv", &workers));
    params.decisions = Some(write(dir.path(), "d.csv", &decisions));
    params.population = Some("LevelDesignation <> 'Executive' AND \"Salary (2024)\" >= 2000".into());
    let r = run(&params).unwrap();
    let kept = (0..30).filter(|i| 1000 + (i % 4) * 1000 >= 2000).count() as u64;
    assert_eq!(r.linkage.unwrap().population, kept);
    assert!(r.group_attributes.iter().any(|a| a.attribute == "Salary (2024)"));

    // One worker's many rows in a period are one person: the period is hidden.
    let mut measures = String::from("worker,period,measure,value,target\n");
    for i in 0..12 {
        measures.push_str(&format!("W{i},2026-03-02,units,{i},5\n"));
    }
    for hour in 0..24 {
        measures.push_str(&format!("W0,2026-03-03 {hour:02}:00:00,units,{hour},5\n"));
    }
    let mut params = Params::new(None, vec![]);
    params.measures = Some(write(dir.path(), "m.csv", &measures));
    let m = &run(&params).unwrap().measures[0];
    let a = m.attainment.as_ref().unwrap();
    assert_eq!(a.periods.iter().map(|p| p.period.as_str()).collect::<Vec<_>>(), ["2026-03-02"]);
    assert_eq!((a.periods_hidden, a.rows_in_hidden_periods), (1, 24));
    assert_eq!(a.meeting, (0..12).filter(|i| *i >= 5).count() as u64);

    // Excel's serial days as numbers, read with the profile's format.
    let jsonl = write(
        dir.path(),
        "e.jsonl",
        "{\"who\": \"A\", \"day\": 42035.25, \"kind\": \"scan\"}\n{\"who\": \"A\", \"day\": 42035.375, \"kind\": \"scan\"}\n",
    );
    let profile = write(
        dir.path(),
        "x.toml",
        "[events]\ntime_format = \"excel\"\n[events.columns]\nworker = \"who\"\ntime = \"day\"\n",
    );
    let mut params = Params::new(jsonl, vec![("scan".into(), 1.0)]);
    params.profile = Some(Profile::load(profile.to_str().unwrap()).unwrap());
    let r = run(&params).unwrap();
    assert!((r.norms[0].median_rate.unwrap() - 2.0 / 3.0).abs() < 1e-9, "two scans three hours apart");
}
