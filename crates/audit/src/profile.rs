//! Profiles: how a vendor's export becomes inzage's inputs, without code. A profile (TOML)
//! says, per input (events, workers, decisions, measures), which of the file's columns is which
//! of inzage's, constant columns, defaults for empty values, a time format, and for anything
//! more one SQL `SELECT` over the raw file (table `input`), run by
//! DataFusion with read-only options. `docs/profiles.md` is the format's reference.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use datafusion::prelude::{DataFrame, SessionContext};
use formats::{InputError, Place};
use serde::Deserialize;

use crate::Error;

/// inzage's four inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    Events,
    Workers,
    Decisions,
    Measures,
}

impl Input {
    pub const ALL: [Input; 4] = [Input::Events, Input::Workers, Input::Decisions, Input::Measures];

    /// The input's name: in `--map workers.worker=…`, a profile's section and the flags.
    pub fn name(self) -> &'static str {
        match self {
            Input::Events => "events",
            Input::Workers => "workers",
            Input::Decisions => "decisions",
            Input::Measures => "measures",
        }
    }

    /// inzage's columns of this input (a workers file's other columns are its attributes).
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Input::Events => &["worker", "time", "kind", "quantity"],
            Input::Workers => &["worker"],
            Input::Decisions => &[
                "worker",
                "time",
                "decision",
                "automated",
                "reviewed",
                "review_seconds",
                "overturned",
                "score",
                "reason",
            ],
            Input::Measures => &["worker", "period", "measure", "value", "target"],
        }
    }

    /// The columns the input cannot do without.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            Input::Events => &["worker", "time", "kind"],
            Input::Workers => &["worker"],
            Input::Decisions => &["worker", "time", "decision"],
            Input::Measures => &["worker", "period", "measure", "value"],
        }
    }

    fn parse(name: &str) -> Option<Input> {
        Input::ALL.into_iter().find(|i| i.name() == name)
    }
}

/// The user's names for inzage's columns: `worker=operator_id,time=ts` for the events file,
/// `workers.worker=EmployeeNumber` for another input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap(BTreeMap<(Input, String), String>);

impl ColumnMap {
    /// Parses `[input.]column=source` pairs separated by commas; without an input, the events'.
    pub fn parse(spec: &str) -> Result<ColumnMap, String> {
        let mut map = BTreeMap::new();
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((canonical, source)) = pair.split_once('=') else {
                return Err(format!("--map `{pair}`: write it as column=your_column, e.g. worker=operator_id"));
            };
            let canonical = canonical.trim();
            let (input, column) = match canonical.split_once('.') {
                Some((input, column)) => match Input::parse(input.trim()) {
                    Some(i) => (i, column.trim()),
                    None => {
                        return Err(format!(
                            "--map `{pair}`: `{input}` is not an input; use events, workers, decisions or measures"
                        ));
                    }
                },
                None => (Input::Events, canonical),
            };
            if !input.columns().contains(&column) {
                return Err(format!(
                    "--map `{pair}`: `{column}` is not a column of the {} input; it has {}",
                    input.name(),
                    input.columns().join(", ")
                ));
            }
            map.insert((input, column.to_owned()), source.trim().to_owned());
        }
        Ok(ColumnMap(map))
    }

    /// The user's name for `canonical` in `input`, if the map gives one.
    pub fn get(&self, input: Input, canonical: &str) -> Option<&str> {
        self.0.get(&(input, canonical.to_owned())).map(String::as_str)
    }

    /// Whether the map says anything about `input`.
    pub fn touches(&self, input: Input) -> bool {
        self.0.keys().any(|(i, _)| *i == input)
    }
}

/// How one input's file is read.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputProfile {
    /// inzage's column = the file's column.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// inzage's column = a value for every row (a `kind` for an export that has none).
    #[serde(default)]
    pub constants: BTreeMap<String, String>,
    /// inzage's column = the value an empty cell stands for (`quantity = "1"`).
    #[serde(default)]
    pub defaults: BTreeMap<String, String>,
    /// A strftime pattern (`%m/%d/%Y %H:%M`) or `excel` (serial days) for the times.
    pub time_format: Option<String>,
    /// Measures only: columns holding one measure each (a wide export, one row per worker and
    /// period): each becomes a measure of that name.
    #[serde(default)]
    pub wide: Vec<String>,
    /// Workers only: the columns that are attributes (default: every other column).
    pub attributes: Option<Vec<String>>,
    /// One SQL `SELECT` over the file (table `input`) that gives inzage's columns by name.
    pub sql: Option<toml::Spanned<String>>,
    /// A built-in profile's sample of this input (a file name in `profiles/samples/`).
    pub sample: Option<String>,
}

/// A profile: a name, what it is for, and how each input is read.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: Option<String>,
    pub description: Option<String>,
    /// Where the vendor documents the export's columns.
    pub documentation: Option<String>,
    pub events: Option<InputProfile>,
    pub workers: Option<InputProfile>,
    pub decisions: Option<InputProfile>,
    pub measures: Option<InputProfile>,
    /// Where the profile came from (a file, or `built-in NAME`), for messages.
    #[serde(skip)]
    pub origin: String,
    /// The profile's text, for the lines of messages.
    #[serde(skip)]
    text: String,
}

/// A profile that ships with inzage: its name, and its text.
#[derive(Debug)]
pub struct BuiltIn {
    pub name: &'static str,
    pub text: &'static str,
}

/// The built-in profiles, from `profiles/` in the repository.
pub const BUILT_IN: &[BuiltIn] = &[
    BuiltIn { name: "wms-scanner", text: include_str!("../../../profiles/wms-scanner.toml") },
    BuiltIn { name: "viva-person-query", text: include_str!("../../../profiles/viva-person-query.toml") },
    BuiltIn { name: "hubstaff-activity", text: include_str!("../../../profiles/hubstaff-activity.toml") },
    BuiltIn { name: "activtrak-activity-log", text: include_str!("../../../profiles/activtrak-activity-log.toml") },
    BuiltIn { name: "uber-driver-data", text: include_str!("../../../profiles/uber-driver-data.toml") },
    BuiltIn { name: "hr-export", text: include_str!("../../../profiles/hr-export.toml") },
];

impl Profile {
    /// A built-in profile by name, or a profile file.
    pub fn load(name_or_path: &str) -> Result<Profile, Error> {
        if let Some(b) = BUILT_IN.iter().find(|b| b.name == name_or_path) {
            return Profile::parse(b.text, &format!("built-in profile {}", b.name), Path::new(b.name));
        }
        let path = PathBuf::from(name_or_path);
        if !path.exists() {
            let names: Vec<&str> = BUILT_IN.iter().map(|b| b.name).collect();
            return Err(Error::Parameter(format!(
                "--profile {name_or_path}: no such file, and no built-in profile of that name; the built-in ones are {} (`inzage profile list`)",
                names.join(", ")
            )));
        }
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Error::Input(InputError { file: path.clone(), place: Place::File, message: format!("cannot be read: {e}") })
        })?;
        Profile::parse(&text, &path.display().to_string(), &path)
    }

    /// A profile from its text; `origin` names it in messages.
    pub fn parse(text: &str, origin: &str, path: &Path) -> Result<Profile, Error> {
        let mut profile: Profile = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |s| line_column(text, s.start));
            Error::Input(InputError {
                file: path.to_owned(),
                place: Place::Line { line, column },
                message: e.message().to_owned(),
            })
        })?;
        profile.origin = origin.to_owned();
        profile.text = text.to_owned();
        for input in Input::ALL {
            let Some(part) = profile.part(input) else { continue };
            let bad = |key: &str, message: String| {
                let at = text.find(&format!("[{}", input.name())).unwrap_or(0);
                let (line, column) = line_column(text, at);
                Err(Error::Input(InputError {
                    file: path.to_owned(),
                    place: Place::Line { line, column },
                    message: format!("[{}] {key}: {message}", input.name()),
                }))
            };
            for (key, table) in
                [("columns", &part.columns), ("constants", &part.constants), ("defaults", &part.defaults)]
            {
                if let Some(c) = table.keys().find(|c| !input.columns().contains(&c.as_str())) {
                    return bad(
                        key,
                        format!(
                            "`{c}` is not a column of the {} input; it has {}",
                            input.name(),
                            input.columns().join(", ")
                        ),
                    );
                }
            }
            if part.sql.is_some()
                && (!part.columns.is_empty()
                    || !part.constants.is_empty()
                    || !part.defaults.is_empty()
                    || !part.wide.is_empty()
                    || part.attributes.is_some())
            {
                return bad(
                    "sql",
                    "a query gives the columns itself: leave out columns, constants, defaults, wide and attributes (write COALESCE in the query for a default)"
                        .into(),
                );
            }
            if !part.wide.is_empty() && input != Input::Measures {
                return bad("wide", "only measures can be wide".into());
            }
            if part.attributes.is_some() && input != Input::Workers {
                return bad("attributes", "only the workers input has attributes".into());
            }
            if let Some(f) = &part.time_format
                && let Err(m) = formats::TimeFormat::parse(f)
            {
                return bad("time_format", m);
            }
        }
        Ok(profile)
    }

    /// How `input` is read, if the profile says.
    pub fn part(&self, input: Input) -> Option<&InputProfile> {
        match input {
            Input::Events => self.events.as_ref(),
            Input::Workers => self.workers.as_ref(),
            Input::Decisions => self.decisions.as_ref(),
            Input::Measures => self.measures.as_ref(),
        }
    }

    /// The line of a profile's query, for its errors.
    fn sql_line(&self, part: &InputProfile) -> usize {
        part.sql.as_ref().map_or(1, |s| line_column(&self.text, s.span().start).0)
    }
}

/// The 1-based line and column of byte `at` in `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

pub(crate) fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// How the selected columns relate to the file, for messages.
#[derive(Clone, Debug, Default)]
pub(crate) struct Selected {
    /// inzage's column → the file's column it was read from (absent: a constant or the query's).
    pub sources: BTreeMap<String, String>,
    /// The rows are the file's rows, one for one and in order (no query, not wide).
    pub rows_are_lines: bool,
    /// Notes for the user: columns not read, and why.
    pub notes: Vec<String>,
    /// The query's line in the profile, when a query made the rows.
    pub query: Option<(String, usize)>,
}

impl Selected {
    /// The user's name for `canonical`, as an error should name it.
    pub fn label(&self, canonical: &str) -> String {
        self.sources.get(canonical).cloned().unwrap_or_else(|| canonical.to_owned())
    }

    /// `message`, with what the user needs to find the value: which of inzage's columns their
    /// column was read as, and whether the row is the query's.
    pub fn explain(&self, canonical: &str, message: String) -> String {
        let mut message = message;
        if self.sources.get(canonical).is_some_and(|s| s != canonical) {
            message.push_str(&format!(" (read as `{canonical}`)"));
        }
        if let Some((origin, line)) = &self.query {
            message.push_str(&format!(" (the row of the query at line {line} of {origin}, not of the file)"));
        } else if !self.rows_are_lines {
            message.push_str(" (the row counts the rows the profile's `wide` columns make, not the file's lines)");
        }
        message
    }
}

/// The columns of `input`'s file as inzage's, as a DataFrame over the file registered as
/// `input` in `ctx`: by the profile's query, or renamed, constant and defaulted as
/// the profile and the map say. `header` is the file's header when it is CSV (repeated names
/// are refused when read, noted when not).
pub(crate) async fn select(
    ctx: &SessionContext,
    input: Input,
    path: &Path,
    part: Option<&InputProfile>,
    profile: Option<&Profile>,
    map: &ColumnMap,
    repeated: &[String],
) -> Result<(DataFrame, Selected), Error> {
    let fail = |message: String| Error::Input(InputError { file: path.to_owned(), place: Place::File, message });
    let empty = InputProfile::default();
    let part = part.unwrap_or(&empty);
    let mut selected = Selected::default();
    if let Some(sql) = &part.sql {
        let profile = profile.expect("a query comes from a profile");
        let line = profile.sql_line(part);
        if map.touches(input) {
            return Err(Error::Parameter(format!(
                "--map names {} columns, but the profile reads that file with a query (line {line} of {}): name the columns in the query",
                input.name(),
                profile.origin
            )));
        }
        let options = crate::session::read_only();
        let query_error = |e: datafusion::error::DataFusionError| {
            Error::Input(InputError {
                file: PathBuf::from(&profile.origin),
                place: Place::Line { line, column: 1 },
                message: format!("[{}] sql: {e}", input.name()),
            })
        };
        let df = ctx.sql_with_options(sql.get_ref(), options).await.map_err(query_error)?;
        let names: Vec<String> = df.schema().fields().iter().map(|f| f.name().clone()).collect();
        for required in input.required() {
            if !names.iter().any(|n| n == required) {
                return Err(Error::Input(InputError {
                    file: PathBuf::from(&profile.origin),
                    place: Place::Line { line, column: 1 },
                    message: format!(
                        "[{}] sql: the query gives no column `{required}`; it gives {}",
                        input.name(),
                        names.join(", ")
                    ),
                }));
            }
        }
        selected.query = Some((profile.origin.clone(), line));
        return Ok((df, selected));
    }
    let df = ctx.table("input").await?;
    let fields: Vec<(String, bool)> = df
        .schema()
        .fields()
        .iter()
        .map(|f| (f.name().clone(), matches!(f.data_type(), datafusion::arrow::datatypes::DataType::Utf8)))
        .collect();
    let names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
    let source_of = |c: &str| map.get(input, c).or(part.columns.get(c).map(String::as_str)).unwrap_or(c).to_owned();
    // One column's expression, or None when the file has no such column.
    let column = |canonical: &str, source: &str| -> Result<Option<String>, Error> {
        if repeated.iter().any(|r| r == source) {
            return Err(Error::Input(formats::repeated_column(path, &header_of(&names, repeated), source)));
        }
        let Some((_, text)) = fields.iter().find(|(n, _)| n == source) else { return Ok(None) };
        // Values are trimmed as they are read (`input.rs`, `formats`): a projection that trims
        // would cost every row of a large file a copy.
        let mut expr = quote(source);
        if let Some(d) = part.defaults.get(canonical) {
            expr = if *text {
                format!("COALESCE(NULLIF(trim({expr}), ''), {})", literal(d))
            } else {
                format!("COALESCE(CAST({expr} AS VARCHAR), {})", literal(d))
            };
        }
        Ok(Some(expr))
    };
    let missing = |canonical: &str, source: &str| {
        let hint = if source == canonical {
            format!(" (name yours with --map {}{canonical}=your_column, or in a profile)", prefix(input))
        } else {
            String::new()
        };
        let mut message = format!("no column `{source}` for `{canonical}`{hint}; the file has: {}", names.join(", "));
        if profile.is_none()
            && let Some(b) = built_in_for(input, &names)
        {
            message.push_str(&format!(". It looks like the export the built-in profile {b} reads: try --profile {b}"));
        }
        fail(message)
    };
    let mut common: Vec<String> = Vec::new();
    let wide = input == Input::Measures && !part.wide.is_empty();
    for canonical in input.columns() {
        if wide && matches!(*canonical, "measure" | "value") {
            continue;
        }
        if let Some(v) = part.constants.get(*canonical) {
            common.push(format!("{} AS {canonical}", literal(v)));
            continue;
        }
        let source = source_of(canonical);
        match column(canonical, &source)? {
            Some(expr) => {
                selected.sources.insert((*canonical).to_owned(), source);
                common.push(format!("{expr} AS {canonical}"));
            }
            None if input.required().contains(canonical) || source != *canonical => {
                return Err(missing(canonical, &source));
            }
            None => {}
        }
    }
    if input == Input::Workers {
        let worker = source_of("worker");
        let attributes: Vec<String> = match &part.attributes {
            Some(list) => {
                for a in list {
                    if !names.contains(&a.as_str()) {
                        return Err(fail(format!(
                            "the profile's attribute `{a}` is not a column; the file has: {}",
                            names.join(", ")
                        )));
                    }
                }
                list.clone()
            }
            None => names
                .iter()
                .filter(|n| **n != worker && !is_renamed_repeat(n, repeated))
                .map(|n| (*n).to_owned())
                .collect(),
        };
        for a in attributes {
            if repeated.contains(&a) && part.attributes.is_some() {
                return Err(Error::Input(formats::repeated_column(path, &header_of(&names, repeated), &a)));
            }
            if repeated.contains(&a) {
                selected.notes.push(format!(
                    "{}: the column `{a}` appears more than once in the header row; it is not read",
                    path.display()
                ));
                continue;
            }
            if a == "worker" {
                continue;
            }
            let expr = column(&a, &a)?.expect("the file has it");
            common.push(format!("{expr} AS {}", quote(&a)));
        }
    }
    let sql = if wide {
        let mut parts = Vec::new();
        for measure in &part.wide {
            let expr = column("value", measure)?.ok_or_else(|| {
                fail(format!(
                    "no column `{measure}` for the profile's wide measures; the file has: {}",
                    names.join(", ")
                ))
            })?;
            let mut cols = common.clone();
            cols.push(format!("{} AS measure", literal(measure)));
            cols.push(format!("CAST({expr} AS VARCHAR) AS value"));
            parts.push(format!("SELECT {} FROM input", cols.join(", ")));
        }
        parts.join(" UNION ALL ")
    } else {
        format!("SELECT {} FROM input", common.join(", "))
    };
    selected.rows_are_lines = !wide;
    let df = ctx.sql(&sql).await?;
    Ok((df, selected))
}

/// The built-in profile whose columns for `input` the file has, every one: the export it reads.
fn built_in_for(input: Input, names: &[&str]) -> Option<&'static str> {
    BUILT_IN.iter().find_map(|b| {
        let profile = Profile::parse(b.text, b.name, Path::new(b.name)).ok()?;
        let part = profile.part(input)?;
        let wanted: Vec<&str> =
            part.columns.values().map(String::as_str).chain(part.wide.iter().map(String::as_str)).collect();
        (!wanted.is_empty() && wanted.iter().all(|w| names.contains(w))).then_some(b.name)
    })
}

/// `workers.` before a column of an input other than the events.
fn prefix(input: Input) -> String {
    if input == Input::Events { String::new() } else { format!("{}.", input.name()) }
}

/// A column DataFusion was given under another name because its name is repeated (`x (2)`
/// for a second `x`), not a column whose own name ends so (`Salary (2024)`).
fn is_renamed_repeat(name: &str, repeated: &[String]) -> bool {
    name.ends_with(')')
        && name.rfind(" (").is_some_and(|i| {
            name[i + 2..name.len() - 1].parse::<u32>().is_ok() && repeated.iter().any(|r| r == &name[..i])
        })
}

/// The header as written, from the registered names (`x (2)` back to `x`).
fn header_of(names: &[&str], repeated: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|n| match n.rfind(" (") {
            Some(i) if is_renamed_repeat(n, repeated) => n[..i].to_owned(),
            _ => (*n).to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_profile_reads() {
        for b in BUILT_IN {
            let p = Profile::parse(b.text, b.name, Path::new(b.name)).unwrap_or_else(|e| panic!("{}: {e}", b.name));
            assert_eq!(p.name.as_deref(), Some(b.name), "a built-in profile names itself");
            assert!(p.description.is_some() && p.documentation.is_some(), "{}", b.name);
        }
    }

    #[test]
    fn a_bad_profile_names_its_line_and_key() {
        let text = "name = \"x\"\n\n[events.columns]\nworkr = \"operator\"\n";
        let err = Profile::parse(text, "p.toml", Path::new("p.toml")).unwrap_err().to_string();
        assert!(err.contains("p.toml:3:1") && err.contains("`workr` is not a column of the events input"), "{err}");
        let err = Profile::parse("[events]\ncolums = {}\n", "p.toml", Path::new("p.toml")).unwrap_err().to_string();
        assert!(err.starts_with("p.toml:2:1") && err.contains("colums"), "{err}");
    }

    #[test]
    fn a_file_a_built_in_profile_reads_is_recognised() {
        assert_eq!(
            built_in_for(Input::Events, &["OperatorID", "Timestamp", "TransactionType", "Units", "TaskID"]),
            Some("wms-scanner")
        );
        assert_eq!(built_in_for(Input::Events, &["OperatorID", "Timestamp"]), None, "one column short");
    }

    #[test]
    fn the_map_takes_an_input_before_the_column() {
        let map = ColumnMap::parse("worker=op, workers.worker=EmployeeNumber").unwrap();
        assert_eq!(map.get(Input::Events, "worker"), Some("op"));
        assert_eq!(map.get(Input::Workers, "worker"), Some("EmployeeNumber"));
        assert!(ColumnMap::parse("staff.worker=x").unwrap_err().contains("not an input"));
        assert!(ColumnMap::parse("workers.time=x").unwrap_err().contains("not a column of the workers input"));
    }
}
