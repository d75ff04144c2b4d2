//! How long checking a large register takes: 1,000 systems (the demo organisation's five,
//! repeated with new ids) against the whole rulebook. Run with `cargo bench -p rules`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use rules::{Rulebook, Settings};

fn large_register(systems: usize) -> domain::Register {
    let demo = formats::register_from_str(synth::REGISTER_TOML, false, Path::new("register.toml")).unwrap();
    let mut register = demo.clone();
    register.systems = (0..systems)
        .map(|i| {
            let mut s = demo.systems[i % demo.systems.len()].clone();
            s.id = format!("{}-{i}", s.id);
            s
        })
        .collect();
    register
}

fn check(c: &mut Criterion) {
    let book = Rulebook::builtin().unwrap();
    let register = large_register(1000);
    let settings = Settings::at(jiff::civil::date(2026, 11, 25));
    c.bench_function("check 1000 systems", |b| b.iter(|| book.check(black_box(&register), &settings).unwrap()));
    c.bench_function("load and compile the rulebook", |b| b.iter(|| Rulebook::builtin().unwrap()));
}

criterion_group!(benches, check);
criterion_main!(benches);
