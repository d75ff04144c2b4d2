//! No code. See Cargo.toml: this crate only turns on dependency features, so that the inzage
//! binary's build and the workspace's test build compile each dependency once.
