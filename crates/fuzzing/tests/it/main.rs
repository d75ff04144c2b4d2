//! The seed corpus of every fuzz target (`fuzz/corpus/<target>/`), replayed through the function
//! the fuzzer runs: a file named `ok-…` must be accepted, `bad-…` refused with a message, and any
//! other (a fuzzer's finding kept as a regression) must not panic.

use std::path::PathBuf;

use fuzzing::Target;

fn corpus(target: Target) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus").join(target.name());
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// Runs every seed of `target` and checks each against its name.
fn replay(target: Target) {
    let files = corpus(target);
    let (ok, bad) = (
        files.iter().filter(|(n, _)| n.starts_with("ok-")).count(),
        files.iter().filter(|(n, _)| n.starts_with("bad-")).count(),
    );
    assert!(ok >= 1 && bad >= 3, "{}: a seed corpus needs good and bad files ({ok} ok, {bad} bad)", target.name());
    for (name, data) in files {
        let result = std::panic::catch_unwind(|| target.run(&data))
            .unwrap_or_else(|_| panic!("{}/{name}: the parser panicked", target.name()));
        if name.starts_with("ok-") {
            assert!(result.is_ok(), "{}/{name} is refused: {}", target.name(), result.unwrap_err());
        } else if name.starts_with("bad-") {
            let message = result.expect_err(&format!("{}/{name} is accepted", target.name()));
            assert!(!message.trim().is_empty(), "{}/{name}: an empty message", target.name());
        }
    }
}

#[test]
fn every_target_has_a_seed_corpus_and_a_fuzz_target() {
    for target in Target::ALL {
        assert_eq!(Target::from_name(target.name()), Some(target));
        let source = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../fuzz/fuzz_targets")
            .join(format!("{}.rs", target.name()));
        let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
        assert!(text.contains(&format!("{target:?}.run(data)")), "{} runs another target", source.display());
    }
}

/// One test per target, named after it, each replaying that target's seeds.
macro_rules! replays {
    ($($test:ident: $target:ident),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                replay(Target::$target);
            }
        )*
    };
}

replays! {
    register_toml_seeds_are_read_or_refused_without_a_panic: RegisterToml,
    register_json_seeds_are_read_or_refused_without_a_panic: RegisterJson,
    workers_csv_seeds_are_read_or_refused_without_a_panic: WorkersCsv,
    decisions_csv_seeds_are_read_or_refused_without_a_panic: DecisionsCsv,
    events_csv_seeds_are_read_or_refused_without_a_panic: EventsCsv,
    events_jsonl_seeds_are_read_or_refused_without_a_panic: EventsJsonl,
    events_parquet_seeds_are_read_or_refused_without_a_panic: EventsParquet,
    column_map_seeds_are_read_or_refused_without_a_panic: ColumnMap,
    conditions_seeds_are_read_or_refused_without_a_panic: Conditions,
}

/// Security review L8: `PAR1garbagePAR1` made the audit engine panic (exit 101).
#[test]
fn a_15_byte_parquet_file_of_garbage_between_magic_numbers_is_refused_not_a_panic() {
    let data = b"PAR1garbagePAR1";
    assert_eq!(data.len(), 15);
    let result = std::panic::catch_unwind(|| Target::EventsParquet.run(data)).expect("no panic");
    let message = result.expect_err("refused");
    assert!(message.contains("Parquet"), "{message}");
}

/// Found by fuzzing: an event at Unix time `i64::MIN` overflowed the gap to the next event in
/// the per-worker pass (a panic where overflow is checked, nonsense where it is not).
#[test]
fn an_event_at_the_smallest_64_bit_unix_time_is_a_bad_row_not_an_overflow() {
    let data = b"{\"worker\": \"A\", \"time\": -9223372036854775808, \"kind\": \"scan\"}\n\
                 {\"worker\": \"A\", \"time\": 1772431200, \"kind\": \"scan\"}\n";
    let message = std::panic::catch_unwind(|| Target::EventsJsonl.run(data)).expect("no panic").expect_err("refused");
    assert!(message.contains("line 1, column `time`") && message.contains("out of range"), "{message}");
}

/// Found by fuzzing the decisions file: `i64::MIN` seconds overflowed `abs` in the time parser.
#[test]
fn a_decision_at_the_smallest_64_bit_unix_time_is_refused_not_an_overflow() {
    let data = b"worker,time,decision\nA1,-9223372036854775808,warning\n";
    let message = std::panic::catch_unwind(|| Target::DecisionsCsv.run(data)).expect("no panic").expect_err("refused");
    assert!(message.contains("line 2 (row 1 after the header), column `time`"), "{message}");
}
