//! The one place a DataFusion `SessionContext` is built.

use datafusion::prelude::{SessionConfig, SessionContext};

/// A session for reading event files. Scans run as one stream per file, in file order, because
/// the definitions break ties between equal times by file order; the per-worker work that
/// follows runs in parallel across workers. To run on a Ballista cluster, this is the function
/// that would return `SessionContext::remote(..)` instead (see ARCHITECTURE.md).
pub fn session() -> SessionContext {
    let mut config = SessionConfig::new().with_target_partitions(1).with_information_schema(false);
    config.options_mut().optimizer.repartition_file_scans = false;
    // Keep string columns as plain UTF-8 arrays, which every reader downstream understands.
    config.options_mut().execution.parquet.schema_force_view_types = false;
    // A profile's query and `--population` name the file's columns as the file writes them
    // (`LevelDesignation`), quoted or not.
    config.options_mut().sql_parser.enable_ident_normalization = false;
    SessionContext::new_with_config(config)
}

/// The options every user-written SQL text runs with: a query, nothing that writes or
/// changes the session.
pub(crate) fn read_only() -> datafusion::execution::context::SQLOptions {
    datafusion::execution::context::SQLOptions::new()
        .with_allow_ddl(false)
        .with_allow_dml(false)
        .with_allow_statements(false)
}
