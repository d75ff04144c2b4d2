//! Conditions of a works council's consent: sentences in Dutch and English, each with a CEL
//! check, evaluated against the register, the audit report and the access log.
//!
//! A check reads `audit` (the audit report, keys of `audit.md`), `system` and `org` (exactly as
//! the rules see them), `access` (reads of personal data by role), `as_of` (a `YYYY-MM-DD`
//! string) and calls `days_between(a, b)`. It gives one of three states: holds, broken or
//! unknown. A figure that is not there is unknown, never broken: a missing key, an index out of
//! range, a `null` or a missing audit makes the check unknown, with the reason. See
//! `docs/conditions.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::LazyLock;

use cel::common::ast::{EntryExpr, Expr, LiteralValue, operators};
use cel::{IdedExpr, Program};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use toml::Spanned;

use crate::context::{Facts, organisation, without_nulls};
use crate::{Settings, Text};

/// The names a check can read.
pub const NAMES: [&str; 5] = ["audit", "system", "org", "access", "as_of"];

/// CEL's type names, which an expression may also name (`type(x) == int`).
const TYPE_NAMES: [&str; 11] =
    ["bool", "int", "uint", "double", "string", "bytes", "list", "map", "null_type", "type", "dyn"];

/// The built-in catalogue's file, relative to the repository root.
pub const CATALOGUE_FILE: &str = "conditions/catalogue.toml";

static CATALOGUE: LazyLock<Vec<Condition>> = LazyLock::new(|| {
    parse(include_str!("../../../conditions/catalogue.toml"), CATALOGUE_FILE).unwrap_or_else(|e| panic!("{e}"))
});

/// The built-in catalogue of conditions (`conditions/catalogue.toml`, compiled in).
pub fn catalogue() -> &'static [Condition] {
    &CATALOGUE
}

/// One condition: its id, its sentence in both languages and its check, compiled.
pub struct Condition {
    /// Unique in its file; `[a-z0-9-]+`.
    pub id: String,
    pub text: Text,
    /// The CEL expression: true when the condition holds.
    pub check: String,
    program: Program,
}

impl Clone for Condition {
    fn clone(&self) -> Condition {
        let program = Program::compile(&self.check).expect("a condition's check compiled before");
        Condition { id: self.id.clone(), text: self.text.clone(), check: self.check.clone(), program }
    }
}

impl fmt::Debug for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Condition").field("id", &self.id).field("text", &self.text).field("check", &self.check).finish()
    }
}

impl PartialEq for Condition {
    fn eq(&self, other: &Condition) -> bool {
        (&self.id, &self.text, &self.check) == (&other.id, &other.text, &other.check)
    }
}

/// A field of a condition that cannot be used: which key (`id`, `text.nl`, `text.en`, `check`)
/// and why, so that a form can show the message beside the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    pub key: &'static str,
    pub message: String,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "key `{}`: {}", self.key, self.message)
    }
}

impl std::error::Error for Invalid {}

impl Condition {
    /// A condition from its parts, as typed in a form: the id must be `[a-z0-9-]+`, both texts
    /// and the check must be filled in, and the check must compile and read only [`NAMES`].
    pub fn new(id: impl Into<String>, text: Text, check: impl Into<String>) -> Result<Condition, Invalid> {
        let (id, check) = (id.into(), check.into());
        let invalid = |key, message: String| Err(Invalid { key, message });
        if !valid_id(&id) {
            return invalid("id", format!("`{id}` is not a condition id; write lower-case letters, digits and dashes"));
        }
        for (key, value) in [("text.nl", &text.nl), ("text.en", &text.en)] {
            if value.trim().is_empty() {
                return invalid(key, "is empty".into());
            }
        }
        if check.trim().is_empty() {
            return invalid("check", "is empty".into());
        }
        let program = match Program::compile(&check) {
            Ok(p) => p,
            Err(e) => return invalid("check", format!("does not compile: {}", compile_error(&e))),
        };
        let mut unknown = BTreeSet::new();
        walk(program.expression(), &mut Vec::new(), &mut |e, bound| {
            if let Expr::Ident(name) = &e.expr
                && !bound.contains(&name.as_str())
                && !NAMES.contains(&name.as_str())
                && !TYPE_NAMES.contains(&name.as_str())
            {
                unknown.insert(name.clone());
            }
            false
        });
        if let Some(name) = unknown.first() {
            return invalid(
                "check",
                format!("does not compile: unknown name `{name}`; a check reads {}", NAMES.join(", ")),
            );
        }
        Ok(Condition { id, text, check, program })
    }

    /// The paths the check reads, rooted at one of [`NAMES`], in the order they appear:
    /// `audit.norms[0].per_hour`, `system.target`, `as_of`.
    pub fn paths(&self) -> Vec<String> {
        paths(self.program.expression()).iter().map(show_path).collect()
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A CEL parse error in one line: the first error's message and where it is in the check.
fn compile_error(e: &cel::ParseErrors) -> String {
    let Some(first) = e.errors.first() else { return e.to_string() };
    let more = match e.errors.len() {
        1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    format!("{} (at line {}, column {} of the check){more}", first.msg, first.pos.0, first.pos.1 + 1)
}

/// A conditions file that cannot be used: the file, the line, the key and, where known, the
/// condition. Displays as `FILE:LINE: key `check` of condition `x`: does not compile: …`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConditionsError {
    pub file: String,
    /// 1-based.
    pub line: usize,
    pub key: Option<String>,
    pub condition: Option<String>,
    pub message: String,
}

impl fmt::Display for ConditionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        match (&self.key, &self.condition) {
            (Some(key), Some(id)) => write!(f, "key `{key}` of condition `{id}`: ")?,
            (Some(key), None) => write!(f, "key `{key}`: ")?,
            (None, Some(id)) => write!(f, "condition `{id}`: ")?,
            (None, None) => {}
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConditionsError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDef {
    #[serde(default)]
    condition: Vec<Spanned<ConditionDef>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table with `id`, `text` and `check`")]
struct ConditionDef {
    id: Option<Spanned<String>>,
    text: Option<Spanned<TextDef>>,
    check: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table with `nl` and `en`")]
struct TextDef {
    nl: Option<Spanned<String>>,
    en: Option<Spanned<String>>,
}

/// The 1-based line of a byte offset.
fn line_of(source: &str, offset: usize) -> usize {
    let end = offset.min(source.len());
    source.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
}

/// Reads a conditions file: `[[condition]]` entries with `id`, `text.nl`, `text.en` and `check`.
/// `file` names the file in errors.
pub fn parse(source: &str, file: &str) -> Result<Vec<Condition>, ConditionsError> {
    let error = |line: usize, key: Option<&str>, condition: Option<&str>, message: String| ConditionsError {
        file: file.to_owned(),
        line,
        key: key.map(str::to_owned),
        condition: condition.map(str::to_owned),
        message,
    };
    let parsed: FileDef = toml::from_str(source).map_err(|e| {
        let start = e.span().map_or(0, |s| s.start);
        error(line_of(source, start), key_at(source, start).as_deref(), None, e.message().to_owned())
    })?;
    let mut conditions: Vec<Condition> = Vec::new();
    let mut first_line: BTreeMap<String, usize> = BTreeMap::new();
    for entry in parsed.condition {
        let header = line_of(source, entry.span().start);
        let def = entry.into_inner();
        let missing = |key: &str, condition: Option<&str>| {
            error(
                header,
                Some(key),
                condition,
                "missing; a condition needs `id`, `text.nl`, `text.en` and `check`".into(),
            )
        };
        let Some(id) = def.id else { return Err(missing("id", None)) };
        let id_line = line_of(source, id.span().start);
        let id = id.into_inner();
        if !valid_id(&id) {
            return Err(error(
                id_line,
                Some("id"),
                None,
                format!("`{id}` is not a condition id; write lower-case letters, digits and dashes ([a-z0-9-]+)"),
            ));
        }
        if let Some(first) = first_line.get(&id) {
            return Err(error(id_line, Some("id"), Some(&id), format!("used twice; first at line {first}")));
        }
        first_line.insert(id.clone(), id_line);
        let Some(text) = def.text else { return Err(missing("text", Some(&id))) };
        let text_line = line_of(source, text.span().start);
        let text = text.into_inner();
        let Some(nl) = text.nl else { return Err(error(text_line, Some("text.nl"), Some(&id), "missing".into())) };
        let Some(en) = text.en else { return Err(error(text_line, Some("text.en"), Some(&id), "missing".into())) };
        let Some(check) = def.check else { return Err(missing("check", Some(&id))) };
        let lines = [
            ("text.nl", line_of(source, nl.span().start)),
            ("text.en", line_of(source, en.span().start)),
            ("check", line_of(source, check.span().start)),
        ];
        let text = Text { nl: nl.into_inner(), en: en.into_inner() };
        let condition = Condition::new(id.clone(), text, check.into_inner()).map_err(|invalid| {
            let line = lines.iter().find(|(k, _)| *k == invalid.key).map_or(header, |(_, l)| *l);
            error(line, Some(invalid.key), Some(&id), invalid.message)
        })?;
        conditions.push(condition);
    }
    Ok(conditions)
}

/// The key written at the start of the line that holds `offset`, as in `id = 5`, for errors
/// the TOML reader reports at a value.
fn key_at(source: &str, offset: usize) -> Option<String> {
    let offset = offset.min(source.len());
    let start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let (key, _) = source[start..offset].split_once('=')?;
    let key = key.trim();
    let bare = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
    bare.then(|| key.to_owned())
}

/// Writes conditions in the file format [`parse`] reads.
pub fn to_toml(conditions: &[Condition]) -> String {
    let mut out = String::new();
    for (i, c) in conditions.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("[[condition]]\n");
        out.push_str(&format!("id = {}\n", toml_string(&c.id)));
        out.push_str(&format!("text.nl = {}\n", toml_string(&c.text.nl)));
        out.push_str(&format!("text.en = {}\n", toml_string(&c.text.en)));
        out.push_str(&format!("check = {}\n", toml_string(&c.check)));
    }
    out
}

/// A TOML basic string; a multi-line one when the text has line breaks.
fn toml_string(s: &str) -> String {
    let multiline = s.contains('\n');
    let mut out = String::from(if multiline { "\"\"\"\n" } else { "\"" });
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' if multiline => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str(if multiline { "\"\"\"" } else { "\"" });
    out
}

/// What a check reads.
///
/// `access` has the shape
/// `{ "since": "YYYY-MM-DD", "days": 30, "reads": { "admin": 3, … }, "reads_without_contest": { "admin": 2, … } }`
/// with a count for every role (`admin`, `council`, `expert`, `inspector`, `worker`); pass
/// `Value::Null` when there is no access log, and every check that reads `access` is unknown.
#[derive(Clone, Copy, Debug)]
pub struct Inputs<'a> {
    /// The system's audit report as JSON (`audit.md`); `None`: no audit, so every check that
    /// reads `audit` is unknown.
    pub audit: Option<&'a Value>,
    pub system: &'a domain::System,
    /// The register the system is in, for `org`.
    pub register: &'a domain::Register,
    pub access: &'a Value,
    pub as_of: jiff::civil::Date,
}

/// Whether a condition holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Holds,
    Broken,
    /// A figure the check needs is not there, or the check did not give true or false.
    Unknown,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Holds => "holds",
            State::Broken => "broken",
            State::Unknown => "unknown",
        }
    }
}

/// One path the check reads and its value; `value` is `None` (and left out of the JSON) when
/// the path is not there, `Some(null)` when it is there as `null`. Long lists and maps are
/// shortened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub value: Option<Value>,
}

/// A value that is in the JSON, null included: `Some(null)`, not `None`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            Some(v) => write!(f, "{} = {v}", self.path),
            None => write!(f, "{}: absent", self.path),
        }
    }
}

/// A condition checked: its state, the values it read and, when unknown, why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    pub id: String,
    pub state: State,
    pub evidence: Vec<Evidence>,
    pub reason: Option<String>,
    /// The same reasons, one per figure, for a reader's language.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub why: Vec<Why>,
}

/// Why a check is unknown, one reason per figure it could not read (or else what failed). Its
/// `Display` is the English sentence; a reader's language comes from the translation files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Why {
    /// The system has no audit report (no norm, or no events).
    NoAudit,
    /// A path that is not there.
    Absent { path: String },
    /// A path that is there as null.
    Null { path: String },
    /// An item past the end of a list of `items`.
    NotInList { path: String, items: usize },
    /// The check gave something other than true or false.
    NotBoolean { got: String },
    /// Evaluation failed otherwise.
    Failed { message: String },
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::NoAudit => f.write_str("there is no audit report"),
            Why::Absent { path } => write!(f, "`{path}` is not there"),
            Why::Null { path } => write!(f, "`{path}` is null"),
            Why::NotInList { path, items } => {
                write!(f, "`{path}` is not there (the list has {items} item{})", if *items == 1 { "" } else { "s" })
            }
            Why::NotBoolean { got } => write!(f, "the check gave {got}, not true or false"),
            Why::Failed { message } => write!(f, "the check failed: {message}"),
        }
    }
}

/// Checks every condition against one system's data, in the order given.
pub fn check(conditions: &[Condition], inputs: &Inputs) -> Vec<Outcome> {
    let org = organisation(inputs.register);
    let mut facts = Facts::new(inputs.system, &org, &Settings::at(inputs.as_of));
    // A figure that is null is a figure that is not there: without the key, a check that reads it
    // fails and is unknown, where `null == 1.0` would have been a plain `false`, broken.
    if let Some(audit) = inputs.audit {
        let audit = cel::to_value(without_nulls(audit)).expect("JSON converts to CEL");
        facts.context.add_variable("audit", audit).expect("a fresh name");
    }
    let access = cel::to_value(without_nulls(inputs.access)).expect("JSON converts to CEL");
    facts.context.add_variable("access", access).expect("a name");
    let as_of = Value::String(inputs.as_of.to_string());
    let root = |name: &str| -> Option<&Value> {
        match name {
            "audit" => inputs.audit,
            "system" => Some(&facts.system),
            "org" => Some(&facts.org),
            "access" => Some(inputs.access),
            "as_of" => Some(&as_of),
            _ => None,
        }
    };
    conditions
        .iter()
        .map(|condition| {
            let paths = paths(condition.program.expression());
            let evidence: Vec<Evidence> = paths
                .iter()
                .map(|p| Evidence { path: show_path(p), value: resolve(root(&p.0), &p.1).ok().map(shorten) })
                .collect();
            let (state, why) = match condition.program.execute(&facts.context) {
                Ok(cel::Value::Bool(true)) => (State::Holds, Vec::new()),
                Ok(cel::Value::Bool(false)) => (State::Broken, Vec::new()),
                Ok(other) => (State::Unknown, vec![Why::NotBoolean { got: format!("{other:?}") }]),
                Err(e) => (State::Unknown, why_unknown(&e, &paths, &root)),
            };
            let reason = (!why.is_empty()).then(|| why.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "));
            Outcome { id: condition.id.clone(), state, evidence, reason, why }
        })
        .collect()
}

/// Why a check failed: the paths it reads that are not there or null, or else the error.
fn why_unknown<'v>(error: &cel::ExecutionError, paths: &[Path], root: &impl Fn(&str) -> Option<&'v Value>) -> Vec<Why> {
    let mut missing: Vec<Why> = Vec::new();
    for (name, segments) in paths {
        let why = match root(name) {
            None if name == "audit" => Why::NoAudit,
            None => Why::Absent { path: name.clone() },
            Some(value) => match resolve(Some(value), segments) {
                Ok(Value::Null) => Why::Null { path: show_path(&(name.clone(), segments.clone())) },
                Ok(_) => continue,
                Err(at) => {
                    let parent = (name.clone(), segments[..at].to_vec());
                    let path = show_path(&(name.clone(), segments[..=at].to_vec()));
                    match resolve(Some(value), &segments[..at]) {
                        Ok(Value::Null) => Why::Null { path: show_path(&parent) },
                        Ok(Value::Array(items)) => Why::NotInList { path, items: items.len() },
                        _ => Why::Absent { path },
                    }
                }
            },
        };
        if !missing.contains(&why) {
            missing.push(why);
        }
    }
    if !missing.is_empty() {
        return missing;
    }
    vec![match error {
        cel::ExecutionError::NoSuchKey(key) => Why::Absent { path: key.to_string() },
        cel::ExecutionError::UndeclaredReference(name) => Why::Absent { path: name.to_string() },
        cel::ExecutionError::IndexOutOfBounds(i) => {
            Why::Failed { message: format!("item {i:?} of a list is not there") }
        }
        e => Why::Failed { message: e.to_string() },
    }]
}

#[derive(Clone, Debug, PartialEq)]
enum Segment {
    Key(String),
    Index(i64),
}

/// A root name and the segments after it.
type Path = (String, Vec<Segment>);

fn show_path((root, segments): &Path) -> String {
    let mut out = root.clone();
    for s in segments {
        match s {
            Segment::Key(k) if is_identifier(k) => out.push_str(&format!(".{k}")),
            Segment::Key(k) => out.push_str(&format!("[{}]", Value::String(k.clone()))),
            Segment::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The value at a path, or the index of the first segment that is not there.
fn resolve<'v>(root: Option<&'v Value>, segments: &[Segment]) -> Result<&'v Value, usize> {
    let mut value = root.ok_or(0usize)?;
    for (i, s) in segments.iter().enumerate() {
        let next = match s {
            Segment::Key(k) => value.get(k.as_str()),
            Segment::Index(n) => usize::try_from(*n).ok().and_then(|n| value.get(n)),
        };
        value = next.ok_or(i)?;
    }
    Ok(value)
}

/// A value as evidence: lists to 5 items, maps to 10 keys, text to 120 characters, nesting
/// below two levels as a count.
fn shorten(value: &Value) -> Value {
    fn go(value: &Value, depth: usize) -> Value {
        const ITEMS: usize = 5;
        const KEYS: usize = 10;
        match value {
            Value::Array(items) if depth >= 2 => Value::String(format!("[{} items]", items.len())),
            Value::Object(map) if depth >= 2 => Value::String(format!("{{{} keys}}", map.len())),
            Value::Array(items) => {
                let mut out: Vec<Value> = items.iter().take(ITEMS).map(|v| go(v, depth + 1)).collect();
                if items.len() > ITEMS {
                    out.push(Value::String(format!("… {} more", items.len() - ITEMS)));
                }
                Value::Array(out)
            }
            Value::Object(map) => {
                let mut out: serde_json::Map<String, Value> =
                    map.iter().take(KEYS).map(|(k, v)| (k.clone(), go(v, depth + 1))).collect();
                if map.len() > KEYS {
                    out.insert("…".into(), Value::String(format!("{} more keys", map.len() - KEYS)));
                }
                Value::Object(out)
            }
            Value::String(s) if s.chars().count() > 120 => {
                Value::String(format!("{}…", s.chars().take(120).collect::<String>()))
            }
            v => v.clone(),
        }
    }
    go(value, 0)
}

/// Visits every node of an expression with the names bound by the comprehensions around it.
/// `visit` returns true to skip the node's children.
fn walk<'e>(e: &'e IdedExpr, bound: &mut Vec<&'e str>, visit: &mut impl FnMut(&'e IdedExpr, &[&str]) -> bool) {
    if visit(e, bound) {
        return;
    }
    match &e.expr {
        Expr::Call(call) => {
            if let Some(target) = &call.target {
                walk(target, bound, visit);
            }
            for arg in &call.args {
                walk(arg, bound, visit);
            }
        }
        Expr::Select(select) => walk(&select.operand, bound, visit),
        Expr::Comprehension(c) => {
            walk(&c.iter_range, bound, visit);
            walk(&c.accu_init, bound, visit);
            let before = bound.len();
            bound.push(&c.iter_var);
            bound.extend(c.iter_var2.as_deref());
            bound.push(&c.accu_var);
            walk(&c.loop_cond, bound, visit);
            walk(&c.loop_step, bound, visit);
            walk(&c.result, bound, visit);
            bound.truncate(before);
        }
        Expr::List(list) => {
            for item in &list.elements {
                walk(item, bound, visit);
            }
        }
        Expr::Map(map) => walk_entries(&map.entries, bound, visit),
        Expr::Struct(s) => walk_entries(&s.entries, bound, visit),
        Expr::Ident(_) | Expr::Literal(_) | Expr::Unspecified => {}
    }
}

fn walk_entries<'e>(
    entries: &'e [cel::common::ast::IdedEntryExpr],
    bound: &mut Vec<&'e str>,
    visit: &mut impl FnMut(&'e IdedExpr, &[&str]) -> bool,
) {
    for entry in entries {
        match &entry.expr {
            EntryExpr::MapEntry(m) => {
                walk(&m.key, bound, visit);
                walk(&m.value, bound, visit);
            }
            EntryExpr::StructField(f) => walk(&f.value, bound, visit),
        }
    }
}

/// The path an expression spells, when it is one: a free root name followed by fields and
/// literal indices (`audit.norms[0].per_hour`, `system.retention_days['scan_events']`).
fn path_of(e: &IdedExpr, bound: &[&str]) -> Option<Path> {
    match &e.expr {
        Expr::Ident(name) if NAMES.contains(&name.as_str()) && !bound.contains(&name.as_str()) => {
            Some((name.clone(), Vec::new()))
        }
        Expr::Select(select) => {
            let mut path = path_of(&select.operand, bound)?;
            path.1.push(Segment::Key(select.field.clone()));
            Some(path)
        }
        Expr::Call(call) if call.func_name == operators::INDEX && call.target.is_none() && call.args.len() == 2 => {
            let mut path = path_of(&call.args[0], bound)?;
            let segment = match &call.args[1].expr {
                Expr::Literal(LiteralValue::Int(i)) => Segment::Index(i.inner().to_owned()),
                Expr::Literal(LiteralValue::UInt(i)) => Segment::Index(i64::try_from(*i.inner()).ok()?),
                Expr::Literal(LiteralValue::String(s)) => Segment::Key(s.inner().to_owned()),
                _ => return None,
            };
            path.1.push(segment);
            Some(path)
        }
        _ => None,
    }
}

/// Every path an expression reads, longest form, first appearance first.
fn paths(e: &IdedExpr) -> Vec<Path> {
    let mut found: Vec<Path> = Vec::new();
    walk(e, &mut Vec::new(), &mut |e, bound| match path_of(e, bound) {
        Some(path) => {
            if !found.contains(&path) {
                found.push(path);
            }
            true
        }
        None => false,
    });
    found
}
