//! Embeds every rule file of the repository's `rules/` folder in the crate, so the binary carries
//! its rulebook: one `(name, text)` pair per `*.toml` file except `facts.toml`.

use std::path::Path;

fn main() {
    // Read at run time, not compiled in: a build script reused from another checkout must still
    // read this one.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("../../rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the rules folder exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml") && n != "facts.toml")
        .collect();
    names.sort();
    let mut code = String::from("/// The rule files, by name.\npub const RULE_FILES: &[(&str, &str)] = &[\n");
    for name in &names {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        code.push_str(&format!("    ({name:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    code.push_str("];\n");
    let facts = dir.join("facts.toml");
    println!("cargo:rerun-if-changed={}", facts.display());
    code.push_str(&format!(
        "/// The names of the facts rules can need.\npub const FACTS: &str = {};\n",
        if facts.exists() { format!("include_str!({:?})", facts.display().to_string()) } else { "\"\"".into() }
    ));
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("rulebook.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
