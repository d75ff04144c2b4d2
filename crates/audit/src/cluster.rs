//! The audit on an Apache DataFusion Ballista cluster (the `cluster` feature).
//!
//! The per-worker pass of `worker.rs` becomes an aggregate function, [`FUNCTION`]: the events
//! file is read in parts by the executors, each worker's events are sent to one executor by a
//! hash of the worker (a hash repartition), and there the function sorts them by time and the
//! order column ([`crate::SEQUENCE`]) and runs the same pass. The client gets one small result
//! per worker and aggregates them exactly as an audit on one machine does.
//!
//! Ballista ships a plan, not code: the scheduler (which reads the client's plan) and every
//! executor must know the function by name. Ballista's own binaries do not, so inzage starts its
//! own ([`scheduler`], [`executor`]). The function's parameters travel in the plan as a literal
//! argument, so the registered function itself has none.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use ballista::prelude::{SessionConfigExt, SessionContextExt};
use datafusion::arrow::array::{Array, ArrayRef, AsArray, Float64Array, Int64Array, ListArray, StringArray};
use datafusion::arrow::buffer::OffsetBuffer;
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Float64Type, Int64Type, TimeUnit};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result as DfResult};
use datafusion::execution::{SessionState, SessionStateBuilder};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, Signature, Volatility};
use datafusion::physical_expr::expressions::Literal;
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext, col, lit};
use serde::{Deserialize, Serialize};

use crate::input::Ev;
use crate::report::{MonthlyEvents, Passed, monthly_events, thresholds};
use crate::worker::{self, Shift, Thresholds, WorkerPass};
use crate::{Cluster, Error, Params};

/// The aggregate function's name, as plans carry it.
pub const FUNCTION: &str = "worker_pass";

/// The session every part of a cluster uses: Ballista's configuration, DataFusion's functions,
/// and [`FUNCTION`].
pub fn session_state() -> SessionState {
    let mut config = SessionConfig::new_with_ballista();
    // Split a file between executors by its row groups, however small the file.
    config.options_mut().optimizer.repartition_file_min_size = 0;
    SessionStateBuilder::new()
        .with_default_features()
        .with_config(config)
        .with_aggregate_functions(vec![worker_pass()])
        .build()
}

/// The per-worker pass as an aggregate function.
pub fn worker_pass() -> Arc<AggregateUDF> {
    Arc::new(AggregateUDF::from(WorkerPassFn { signature: Signature::any(5, Volatility::Immutable) }))
}

/// Starts a scheduler on `host:port` that knows [`FUNCTION`]; runs until the process ends.
pub async fn scheduler(host: &str, port: u16) -> Result<(), Error> {
    use ballista_scheduler::cluster::BallistaCluster;
    use ballista_scheduler::config::SchedulerConfig;
    let address = format!("{host}:{port}")
        .parse()
        .map_err(|e| Error::Parameter(format!("{host}:{port} is not an address to listen on: {e}")))?;
    let config = SchedulerConfig {
        bind_host: host.to_owned(),
        external_host: host.to_owned(),
        bind_port: port,
        scheduling_policy: ballista_core::config::TaskSchedulingPolicy::PullStaged,
        override_session_builder: Some(Arc::new(|config: SessionConfig| {
            Ok(SessionStateBuilder::new_from_existing(session_state()).with_config(config).build())
        })),
        ..SchedulerConfig::default()
    };
    let cluster = BallistaCluster::new_from_config(&config).await.map_err(ballista)?;
    ballista_scheduler::scheduler_process::start_server(cluster, address, Arc::new(config)).await.map_err(ballista)
}

/// Starts an executor on `host:port` (and `port + 1` for its control messages) that knows
/// [`FUNCTION`], working for the scheduler at `scheduler_host:scheduler_port`; runs until the
/// process ends.
pub async fn executor(scheduler_host: &str, scheduler_port: u16, host: &str, port: u16) -> Result<(), Error> {
    use ballista_core::registry::BallistaFunctionRegistry;
    use ballista_executor::executor_process::{ExecutorProcessConfig, start_executor_process};
    let mut registry = BallistaFunctionRegistry::default();
    registry.aggregate_functions.insert(FUNCTION.to_owned(), worker_pass());
    let config = ExecutorProcessConfig {
        bind_host: host.to_owned(),
        external_host: Some(host.to_owned()),
        port,
        grpc_port: port.checked_add(1).ok_or_else(|| Error::Parameter(format!("--port {port} is too high")))?,
        scheduler_host: scheduler_host.to_owned(),
        scheduler_port,
        scheduler_connect_timeout_seconds: 30,
        task_scheduling_policy: ballista_core::config::TaskSchedulingPolicy::PullStaged,
        override_function_registry: Some(Arc::new(registry)),
        ..ExecutorProcessConfig::default()
    };
    start_executor_process(Arc::new(config)).await.map_err(ballista)
}

fn ballista(e: ballista_core::error::BallistaError) -> Error {
    Error::Parameter(format!("cluster: {e}"))
}

/// The client's session on `cluster`.
async fn connect(cluster: &Cluster) -> Result<SessionContext, Error> {
    let context = match cluster {
        Cluster::Standalone => SessionContext::standalone_with_state(session_state()).await,
        Cluster::Remote(url) => {
            if !url.starts_with("df://") {
                return Err(Error::Parameter(format!("--cluster {url}: write the scheduler as df://HOST:PORT")));
            }
            SessionContext::remote_with_state(url, session_state()).await
        }
    };
    context.map_err(|e| Error::Parameter(format!("cluster: {e}")))
}

/// The passes of every worker in `path` (written by [`crate::sequence`]), computed on `cluster`.
pub(crate) async fn passes(
    params: &Params,
    path: &Path,
    cluster: &Cluster,
    rename: &(dyn Fn(&str) -> String + Sync),
    under_18: &BTreeSet<&str>,
) -> Result<Passed, Error> {
    // Absolute, symbolic links kept: the executors read the file at the same path.
    let path = std::path::absolute(path).map_err(|e| Error::Parameter(format!("{}: {e}", path.display())))?;
    let (source_kinds, source) = check_file(&path)?;
    if source.time_zone != params.time_zone {
        return Err(Error::OtherTimeZone {
            file: path.display().to_string(),
            prepared: source.time_zone,
            audited: params.time_zone.clone(),
        });
    }
    let ctx = connect(cluster).await?;
    let Thresholds { shift_gap_ms, pause_min_ms } = thresholds(params);
    let setup = Setup {
        targets: params.targets.iter().map(|(k, _)| k.clone()).collect(),
        shift_gap_ms,
        pause_min_ms,
        time_zone: params.time_zone.clone(),
    };
    let setup = serde_json::to_string(&setup).map_err(|e| Error::Parameter(e.to_string()))?;
    let file = path.to_str().ok_or_else(|| Error::Parameter(format!("{}: not a UTF-8 path", path.display())))?;
    let extension = path.extension().and_then(|e| e.to_str()).map(|e| format!(".{e}")).unwrap_or_default();
    let options = ParquetReadOptions { file_extension: &extension, ..ParquetReadOptions::default() };
    let frame = ctx.read_parquet(file, options).await?.aggregate(
        vec![col("worker")],
        vec![
            worker_pass()
                .call(vec![col("time"), col(crate::SEQUENCE), col("kind"), col("quantity"), lit(setup)])
                .alias("pass"),
        ],
    )?;
    let batches = frame.collect().await.map_err(|e| match cluster {
        // A scheduler that is not there fails the first call, whatever the plan.
        Cluster::Remote(url) if e.to_string().contains("tcp connect error") => Error::Unreachable { url: url.clone() },
        _ => Error::Engine(e),
    })?;

    let mut workers: Vec<(String, Out)> = Vec::new();
    for batch in &batches {
        let text = |a: &ArrayRef| cast(a, &DataType::Utf8).map_err(|e| Error::Engine(e.into()));
        let (worker, pass) = (text(batch.column(0))?, text(batch.column(1))?);
        let (worker, pass) = (worker.as_string::<i32>(), pass.as_string::<i32>());
        for i in 0..batch.num_rows() {
            let out: Out = serde_json::from_str(pass.value(i))
                .map_err(|e| Error::Parameter(format!("cluster: a worker's result could not be read: {e}")))?;
            workers.push((worker.value(i).to_owned(), out));
        }
    }
    // The workers in the order they first appear, the kinds too: as an audit on one machine has them.
    workers.sort_by_key(|(_, out)| out.first);
    let mut first_of_kind: HashMap<&str, i64> = HashMap::new();
    for (_, out) in &workers {
        for (kind, first) in &out.kinds {
            let seen = first_of_kind.entry(kind.as_str()).or_insert(*first);
            *seen = (*seen).min(*first);
        }
    }
    // The source's order where `prepare` wrote it down, else the file's.
    let mut kinds: Vec<(&str, i64)> = first_of_kind.into_iter().collect();
    kinds.sort_by_key(|(kind, first)| (source_kinds.iter().position(|k| k == kind), *first));
    let kind_order: HashMap<&str, usize> = kinds.iter().enumerate().map(|(i, (k, _))| (*k, i)).collect();

    let mut passed = Passed { skipped: source.skipped, ..Passed::default() };
    for (source, out) in &workers {
        let name = rename(source);
        let under = under_18.contains(name.as_str());
        let mut pass = WorkerPass {
            shifts: out.shifts.iter().map(|s| s.shift()).collect(),
            cnil_events: out.cnil_events,
            rapid: out.rapid,
        };
        worker::close_all(&mut pass, under);
        let mut monthly: Vec<MonthlyEvents> = out
            .monthly
            .iter()
            .map(|(month, kind, events)| MonthlyEvents { month: month.clone(), kind: kind.clone(), events: *events })
            .collect();
        monthly.sort_by_key(|m| (m.month.clone(), kind_order.get(m.kind.as_str()).copied()));
        passed.rows += out.events;
        passed.source_ids.push(source.clone());
        passed.names.push(name);
        passed.passes.push(pass);
        passed.monthly.push(monthly);
    }
    // Rows read, as on one machine: the skipped ones too.
    passed.rows += passed.skipped.count;
    Ok(passed)
}

/// Refuses an events file without the columns the cluster reads, naming what to do; returns
/// the kinds in the source's order, as `prepare` wrote them in the file's metadata.
fn check_file(path: &Path) -> Result<(Vec<String>, crate::sequenced::Source), Error> {
    use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let not_ours = |why: String| Error::NotPrepared { file: path.display().to_string(), why };
    let file = std::fs::File::open(path).map_err(|e| Error::Parameter(format!("{}: {e}", path.display())))?;
    let reader =
        ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| not_ours(format!("not a Parquet file ({e})")))?;
    let schema = reader.schema();
    if schema.field_with_name(crate::SEQUENCE).is_err() {
        return Err(not_ours(format!("no column `{}`", crate::SEQUENCE)));
    }
    for field in crate::sequenced::schema().fields() {
        match schema.field_with_name(field.name()) {
            Ok(f) if same_kind(f.data_type(), field.data_type()) => {}
            Ok(f) => {
                return Err(not_ours(format!(
                    "column `{}` is {}, not {}",
                    field.name(),
                    f.data_type(),
                    field.data_type()
                )));
            }
            Err(_) => return Err(not_ours(format!("no column `{}`", field.name()))),
        }
    }
    let metadata = reader.metadata().file_metadata().key_value_metadata();
    let value =
        |key: &str| metadata.and_then(|kv| kv.iter().find(|kv| kv.key == key)).and_then(|kv| kv.value.as_deref());
    let (Some(kinds), Some(source)) = (value(crate::sequenced::KINDS_KEY), value(crate::sequenced::SOURCE_KEY)) else {
        return Err(not_ours("no note of the source it was prepared from".into()));
    };
    let broken = |e: serde_json::Error| not_ours(format!("its note of the source cannot be read ({e})"));
    Ok((serde_json::from_str(kinds).map_err(broken)?, serde_json::from_str(source).map_err(broken)?))
}

fn same_kind(a: &DataType, b: &DataType) -> bool {
    match (a, b) {
        (DataType::Timestamp(x, _), DataType::Timestamp(y, _)) => x == y,
        (DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View, DataType::Utf8) => true,
        _ => a == b,
    }
}

/// The parameters of the pass, sent in the plan as the function's last argument (JSON text).
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Setup {
    /// The production norms' kinds; the first is also the kind of the CNIL indicators.
    targets: Vec<String>,
    shift_gap_ms: i64,
    pause_min_ms: i64,
    time_zone: String,
}

/// One worker's result, as the function returns it (JSON text). Numbers with a fraction travel
/// as their bits, so the client gets exactly what the executor computed.
#[derive(Debug, Serialize, Deserialize)]
struct Out {
    /// The worker's first order number: workers are reported in the order they first appear.
    first: i64,
    events: u64,
    /// Each kind the worker has, with its first order number.
    kinds: Vec<(String, i64)>,
    cnil_events: u64,
    rapid: u64,
    shifts: Vec<OutShift>,
    /// Events per month and kind.
    monthly: Vec<(String, String, u64)>,
}

#[derive(Debug, Serialize, Deserialize)]
struct OutShift {
    start_ms: i64,
    duration_ms: i64,
    pause_ms: i64,
    /// `f64::to_bits` of the units per target.
    units: Vec<u64>,
    tasks: Vec<u64>,
    long_idle: u64,
    short_pauses: u64,
}

impl OutShift {
    fn of(s: &Shift) -> OutShift {
        OutShift {
            start_ms: s.start_ms,
            duration_ms: s.duration_ms,
            pause_ms: s.pause_ms,
            units: s.units.iter().map(|u| u.to_bits()).collect(),
            tasks: s.tasks.clone(),
            long_idle: s.long_idle,
            short_pauses: s.short_pauses,
        }
    }

    /// The shift, its required break not yet set ([`worker::close_all`]).
    fn shift(&self) -> Shift {
        Shift {
            start_ms: self.start_ms,
            duration_ms: self.duration_ms,
            pause_ms: self.pause_ms,
            units: self.units.iter().map(|b| f64::from_bits(*b)).collect(),
            tasks: self.tasks.clone(),
            long_idle: self.long_idle,
            short_pauses: self.short_pauses,
            required_break_ms: 0,
        }
    }
}

/// [`FUNCTION`]: `worker_pass(time, seq, kind, quantity, setup)`.
#[derive(Debug, PartialEq, Eq, Hash)]
struct WorkerPassFn {
    signature: Signature,
}

/// The state between the two halves of the aggregation: the events so far, column by column.
fn state_fields() -> Vec<FieldRef> {
    let list = |name: &str, item: DataType| {
        Arc::new(Field::new(name, DataType::List(Arc::new(Field::new_list_field(item, true))), true))
    };
    vec![
        list("time", DataType::Int64),
        list(crate::SEQUENCE, DataType::Int64),
        list("kind", DataType::Utf8),
        list("quantity", DataType::Float64),
    ]
}

impl AggregateUDFImpl for WorkerPassFn {
    fn name(&self) -> &str {
        FUNCTION
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _: &[DataType]) -> DfResult<DataType> {
        Ok(DataType::Utf8)
    }

    fn state_fields(&self, _: StateFieldsArgs) -> DfResult<Vec<FieldRef>> {
        Ok(state_fields())
    }

    fn accumulator(&self, args: AccumulatorArgs) -> DfResult<Box<dyn Accumulator>> {
        let text = args
            .exprs
            .get(4)
            .and_then(|e| e.downcast_ref::<Literal>())
            .and_then(|l| l.value().try_as_str().flatten())
            .ok_or_else(|| {
                DataFusionError::Plan(format!("{FUNCTION}: the fifth argument must be its setup as text"))
            })?;
        let setup: Setup =
            serde_json::from_str(text).map_err(|e| DataFusionError::Plan(format!("{FUNCTION}: setup: {e}")))?;
        let tz = jiff::tz::TimeZone::get(&setup.time_zone)
            .map_err(|e| DataFusionError::Plan(format!("{FUNCTION}: time zone: {e}")))?;
        Ok(Box::new(PassAccumulator {
            setup: Arc::new(setup),
            tz,
            time: Vec::new(),
            seq: Vec::new(),
            kind: Vec::new(),
            quantity: Vec::new(),
            kinds: Vec::new(),
            kind_ids: HashMap::new(),
        }))
    }
}

/// One worker's events, gathered; the pass runs when they are all there.
#[derive(Debug)]
struct PassAccumulator {
    setup: Arc<Setup>,
    tz: jiff::tz::TimeZone,
    time: Vec<i64>,
    seq: Vec<i64>,
    kind: Vec<u16>,
    quantity: Vec<f64>,
    kinds: Vec<String>,
    kind_ids: HashMap<String, u16>,
}

impl PassAccumulator {
    fn kind_id(&mut self, kind: &str) -> DfResult<u16> {
        if let Some(id) = self.kind_ids.get(kind) {
            return Ok(*id);
        }
        let id = u16::try_from(self.kinds.len())
            .map_err(|_| DataFusionError::Execution(format!("{FUNCTION}: too many kinds of event")))?;
        self.kinds.push(kind.to_owned());
        self.kind_ids.insert(kind.to_owned(), id);
        Ok(id)
    }

    /// Adds the events of four columns: time (UTC milliseconds), order, kind, quantity.
    fn add(&mut self, time: &ArrayRef, seq: &ArrayRef, kind: &ArrayRef, quantity: &ArrayRef) -> DfResult<()> {
        let time = match time.data_type() {
            DataType::Timestamp(_, _) => {
                cast(&cast(time, &DataType::Timestamp(TimeUnit::Millisecond, None))?, &DataType::Int64)?
            }
            _ => cast(time, &DataType::Int64)?,
        };
        let seq = cast(seq, &DataType::Int64)?;
        let kind = cast(kind, &DataType::Utf8)?;
        let quantity = cast(quantity, &DataType::Float64)?;
        let (time, seq) = (time.as_primitive::<Int64Type>(), seq.as_primitive::<Int64Type>());
        let (kind, quantity) = (kind.as_string::<i32>(), quantity.as_primitive::<Float64Type>());
        if time.null_count() + seq.null_count() + kind.null_count() + quantity.null_count() > 0 {
            return Err(DataFusionError::Execution(format!("{FUNCTION}: an event with an empty value")));
        }
        self.time.extend(time.values().iter());
        self.seq.extend(seq.values().iter());
        self.quantity.extend(quantity.values().iter());
        for k in kind.iter().flatten() {
            let id = self.kind_id(k)?;
            self.kind.push(id);
        }
        Ok(())
    }
}

/// `values` as a list of one element, the state's form.
fn one_list(values: ArrayRef) -> ScalarValue {
    let field = Arc::new(Field::new_list_field(values.data_type().clone(), true));
    let offsets = OffsetBuffer::from_lengths([values.len()]);
    ScalarValue::List(Arc::new(ListArray::new(field, offsets, values, None)))
}

impl Accumulator for PassAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> DfResult<()> {
        self.add(&values[0], &values[1], &values[2], &values[3])
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> DfResult<()> {
        let lists: Vec<&ListArray> = states.iter().map(|s| s.as_list::<i32>()).collect();
        for row in 0..lists[0].len() {
            if lists.iter().any(|l| l.is_null(row)) {
                continue;
            }
            self.add(&lists[0].value(row), &lists[1].value(row), &lists[2].value(row), &lists[3].value(row))?;
        }
        Ok(())
    }

    fn state(&mut self) -> DfResult<Vec<ScalarValue>> {
        let kinds: StringArray =
            std::mem::take(&mut self.kind).iter().map(|k| Some(self.kinds[usize::from(*k)].as_str())).collect();
        Ok(vec![
            one_list(Arc::new(Int64Array::from(std::mem::take(&mut self.time)))),
            one_list(Arc::new(Int64Array::from(std::mem::take(&mut self.seq)))),
            one_list(Arc::new(kinds)),
            one_list(Arc::new(Float64Array::from(std::mem::take(&mut self.quantity)))),
        ])
    }

    fn evaluate(&mut self) -> DfResult<ScalarValue> {
        let mut order: Vec<usize> = (0..self.time.len()).collect();
        order.sort_unstable_by_key(|&i| (self.time[i], self.seq[i]));
        let events: Vec<Ev> = order
            .iter()
            .map(|&i| Ev { time_ms: self.time[i], kind: self.kind[i], quantity: self.quantity[i] })
            .collect();
        let targets: Vec<Option<u16>> = self.setup.targets.iter().map(|k| self.kind_ids.get(k).copied()).collect();
        let cnil = targets.first().copied().flatten();
        let t = Thresholds { shift_gap_ms: self.setup.shift_gap_ms, pause_min_ms: self.setup.pause_min_ms };
        let pass = worker::pass(events.iter(), false, &targets, cnil, t);
        let monthly = monthly_events(events.iter(), &self.kinds, &self.tz);
        let mut first_of_kind: BTreeMap<u16, i64> = BTreeMap::new();
        for (k, s) in self.kind.iter().zip(&self.seq) {
            let first = first_of_kind.entry(*k).or_insert(*s);
            *first = (*first).min(*s);
        }
        let out = Out {
            first: self.seq.iter().copied().min().unwrap_or(i64::MAX),
            events: self.time.len() as u64,
            kinds: first_of_kind.into_iter().map(|(k, s)| (self.kinds[usize::from(k)].clone(), s)).collect(),
            cnil_events: pass.cnil_events,
            rapid: pass.rapid,
            shifts: pass.shifts.iter().map(OutShift::of).collect(),
            monthly: monthly.into_iter().map(|m| (m.month, m.kind, m.events)).collect(),
        };
        let text = serde_json::to_string(&out).map_err(|e| DataFusionError::Execution(e.to_string()))?;
        Ok(ScalarValue::Utf8(Some(text)))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
            + self.time.capacity() * 8
            + self.seq.capacity() * 8
            + self.kind.capacity() * 2
            + self.quantity.capacity() * 8
            + self.kinds.iter().map(|k| k.capacity() * 2 + 48).sum::<usize>()
            + self.kind_ids.capacity() * 40
    }
}
