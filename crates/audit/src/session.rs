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

/// A session whose scan of one Parquet file runs as up to `partitions` streams, each a run of
/// consecutive row groups, partition 0's run first: the events reader decodes them on
/// all cores and puts their rows back in file order (`input.rs`), so ties between equal times
/// are still broken by file order. Only the events reader uses it, and only for a plain scan.
/// DataFusion splits a scan only when it has more rows than a batch (`batch_size`, rows).
pub(crate) fn partitioned_session(partitions: usize, batch_size: Option<usize>) -> SessionContext {
    let mut config = SessionConfig::new().with_target_partitions(partitions).with_information_schema(false);
    if let Some(rows) = batch_size {
        config = config.with_batch_size(rows);
    }
    config.options_mut().optimizer.repartition_file_scans = true;
    // Split any file that has more than one row group: a row group is read by the partition whose
    // byte range holds its first page, so a small file simply leaves some partitions empty.
    config.options_mut().optimizer.repartition_file_min_size = 0;
    // A stream that runs out of work would otherwise take the next stream's byte range, and
    // which stream read which rows would depend on timing.
    config.options_mut().execution.enable_file_stream_work_stealing = false;
    config.options_mut().execution.parquet.schema_force_view_types = false;
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
