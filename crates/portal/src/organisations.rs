//! Many organisations in one data folder, and the inspector's overview of them (issue 15).
//!
//! **Layout.** A data folder either *is* one organisation (its database `inzage.sqlite` at the
//! top, as every folder before this issue) or holds many, each a complete data folder of its own
//! under `organisations/<ID>/`: its own database, pseudonym key, access-log key and events. No
//! query can reach another organisation's rows, because they are in another file under another
//! key; a leaked pseudonym key gives away one organisation's identifiers, not all.
//!
//! **Summary.** Each organisation's headline figures — systems, open violations by instrument,
//! consent and DPIAs missing, the audits' norm attainment, toilet test and disparity — are
//! computed when it is imported and kept beside it in `summary.json`. The overview reads those
//! files only, so it answers in milliseconds at a thousand organisations; the figures say the day
//! they were computed on (`inzage report inspector --refresh` computes them again).
//!
//! **Sector figures** count organisations the way the audit counts workers: a sector with fewer
//! than `MIN_ORGANISATIONS` organisations is hidden, and as many more as it takes that the
//! totals cannot give it back (`disclosure::release`). The overview itself names every
//! organisation the inspector may see (that is its purpose); the sector figures alone
//! (`sector_report`, `--sectors-only`) name none and are what may be published.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use locale::Tr;
use serde::{Deserialize, Serialize};

use crate::yearly::{Document, Section, Table};
use crate::{Portal, Result};

/// The folder of a data folder that holds its organisations.
pub const ORGANISATIONS_DIR: &str = "organisations";
/// Each organisation's headline figures, beside its database.
pub const SUMMARY_FILE: &str = "summary.json";
/// The summary's format.
pub const SUMMARY_FORMAT: &str = "inzage.organisation-summary/1";
/// The overview's JSON format.
pub const OVERVIEW_FORMAT: &str = "inzage.inspector/1";
/// The sector report's JSON format (`--sectors-only`).
pub const SECTORS_FORMAT: &str = "inzage.sectors/1";
/// Sector figures are shown for sectors of at least this many organisations (as groups of
/// workers under `MIN_GROUP` are never shown).
pub const MIN_ORGANISATIONS: u64 = crate::MIN_GROUP as u64;

/// Rules whose finding means the works council's consent (or co-determination) is missing.
const CONSENT_RULES: &[&str] =
    &["wor.27l.monitoring-consent", "wor.35c.pvt-consent", "de.betrvg.87-1-6.codetermination"];
/// Rules whose finding means a DPIA is missing.
const DPIA_RULES: &[&str] = &["gdpr.dpia.ap-list", "gdpr.dpia.before-go-live", "aia.26-9.dpia", "pwd.8.dpia"];

/// Whether `id` can name an organisation: 1 to 64 of `a-z`, `0-9` and `-`, not starting with `-`.
pub fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && !id.starts_with('-')
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// What a data folder holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Nothing yet.
    Empty,
    /// One organisation, at the top of the folder.
    Single,
    /// Organisations under `organisations/`, by id.
    Many(Vec<String>),
}

/// The organisations of a data folder, by id, sorted.
pub fn organisation_ids(root: &Path) -> std::io::Result<Vec<String>> {
    let dir = root.join(ORGANISATIONS_DIR);
    let mut ids = Vec::new();
    match std::fs::read_dir(&dir) {
        Ok(entries) => {
            for entry in entries {
                let entry = entry?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if entry.file_type()?.is_dir() && valid_id(&name) {
                    ids.push(name);
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    ids.sort();
    Ok(ids)
}

/// What `root` holds.
pub fn layout(root: &Path) -> std::io::Result<Layout> {
    if store::has_database(root) {
        return Ok(Layout::Single);
    }
    let ids = organisation_ids(root)?;
    Ok(if ids.is_empty() { Layout::Empty } else { Layout::Many(ids) })
}

/// Why a command cannot tell which organisation it acts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unresolved {
    /// `--organisation` is not a valid id.
    BadId(String),
    /// The folder is one organisation's: it cannot hold others.
    Single,
    /// No organisation has this id.
    Unknown { id: String, known: Vec<String> },
    /// The folder holds several and none was named.
    Choose(Vec<String>),
    /// The folder cannot be read.
    Io(String),
}

/// The folder of the organisation a command acts on: `organisation`'s in a folder of many, else
/// the only one there is. `create`: an organisation that does not exist yet may be named (an
/// import makes it).
pub fn folder(root: &Path, organisation: Option<&str>, create: bool) -> std::result::Result<PathBuf, Unresolved> {
    let layout = layout(root).map_err(|e| Unresolved::Io(e.to_string()))?;
    match (layout, organisation) {
        (Layout::Single | Layout::Empty, None) => Ok(root.to_path_buf()),
        (Layout::Single, Some(_)) => Err(Unresolved::Single),
        (Layout::Many(ids), None) if ids.len() == 1 => Ok(root.join(ORGANISATIONS_DIR).join(&ids[0])),
        (Layout::Many(ids), None) => Err(Unresolved::Choose(ids)),
        (layout, Some(id)) => {
            if !valid_id(id) {
                return Err(Unresolved::BadId(id.to_owned()));
            }
            let known = match layout {
                Layout::Many(ids) => ids,
                _ => Vec::new(),
            };
            if create || known.iter().any(|k| k == id) {
                Ok(root.join(ORGANISATIONS_DIR).join(id))
            } else {
                Err(Unresolved::Unknown { id: id.to_owned(), known })
            }
        }
    }
}

/// The audits' headline figures over an organisation's systems with a norm: the worst of each.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Headline {
    /// Systems whose events were audited.
    pub audited: u64,
    /// The lowest share of rated shifts meeting a norm (`norms[].share_meeting_target`).
    pub attainment: Option<f64>,
    /// The most negative break penalty in percentage points (`breaks.break_penalty.difference_pp`):
    /// how much less often shifts with a legal break meet the norm than shifts without.
    pub toilet_test_pp: Option<f64>,
    /// A break penalty whose 95 % interval lies wholly below zero: taking a break costs the norm.
    pub toilet_test_failed: bool,
    /// A group comparison marked `disparate`; `None`: no group could be compared.
    pub disparity: Option<bool>,
}

/// One organisation's headline figures, computed on `as_of` from register version
/// `register_version`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub format: String,
    pub id: String,
    pub name: String,
    pub sector: Option<String>,
    pub headcount: Option<u32>,
    pub jurisdiction: String,
    pub register_version: i64,
    pub as_of: String,
    /// Systems in the register that are not retired.
    pub systems: u64,
    /// Open violations (findings of severity violation) by the instrument cited first.
    pub violations: BTreeMap<String, u64>,
    /// Systems the works council's consent is missing for.
    pub consent_missing: Vec<String>,
    /// Systems a required DPIA is missing for.
    pub dpia_missing: Vec<String>,
    pub audits: Headline,
}

impl Summary {
    /// All open violations.
    pub fn violation_count(&self) -> u64 {
        self.violations.values().sum()
    }

    /// The size class by headcount (the EU's: Recommendation 2003/361/EC art 2).
    pub fn size(&self) -> Size {
        Size::of(self.headcount)
    }
}

/// A size class by headcount, as the EU defines enterprises (Recommendation 2003/361/EC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Size {
    /// Fewer than 10.
    Micro,
    /// 10 to 49.
    Small,
    /// 50 to 249.
    Medium,
    /// 250 or more.
    Large,
    /// Not registered.
    Unknown,
}

impl Size {
    pub const ALL: [Size; 5] = [Size::Micro, Size::Small, Size::Medium, Size::Large, Size::Unknown];

    pub fn of(headcount: Option<u32>) -> Size {
        match headcount {
            None => Size::Unknown,
            Some(0..10) => Size::Micro,
            Some(10..50) => Size::Small,
            Some(50..250) => Size::Medium,
            Some(_) => Size::Large,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Size::Micro => "micro",
            Size::Small => "small",
            Size::Medium => "medium",
            Size::Large => "large",
            Size::Unknown => "unknown",
        }
    }

    pub fn parse(text: &str) -> Option<Size> {
        Size::ALL.into_iter().find(|s| s.code() == text)
    }
}

impl Portal {
    /// The organisation's headline figures from its newest register and the audits of its
    /// events; `None` before anything is imported.
    pub async fn summary(&self, id: &str) -> Result<Option<Summary>> {
        let Some(version) = self.store.latest_register().await? else { return Ok(None) };
        let register = &version.register;
        let findings = self.findings(&version).await?;
        let mut violations = BTreeMap::new();
        let mut consent = BTreeSet::new();
        let mut dpia = BTreeSet::new();
        for f in findings.iter().filter(|f| f.kind == rules::Kind::Finding) {
            if f.severity == rules::Severity::Violation {
                let instrument = f.citations.first().map_or_else(|| "—".to_owned(), |c| c.instrument.clone());
                *violations.entry(instrument).or_insert(0) += 1;
            }
            if CONSENT_RULES.contains(&f.rule.as_str()) {
                consent.insert(f.system.clone());
            }
            if DPIA_RULES.contains(&f.rule.as_str()) {
                dpia.insert(f.system.clone());
            }
        }
        let audits = self.current_audits().await?;
        let mut headline = Headline::default();
        for (_, audited) in &audits.audited {
            headline.audited += 1;
            let report = serde_json::to_value(&audited.report)?;
            headline_of(&report, &mut headline);
        }
        Ok(Some(Summary {
            format: SUMMARY_FORMAT.to_owned(),
            id: id.to_owned(),
            name: register.organisation.name.clone(),
            // One spelling per sector: `Retail ` and `retail` are one group.
            sector: register.organisation.sector.as_deref().map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()),
            headcount: register.organisation.headcount,
            jurisdiction: register.organisation.jurisdiction().as_str().to_owned(),
            register_version: version.id,
            as_of: self.settings().as_of.to_string(),
            systems: register.systems.iter().filter(|s| s.status != domain::Status::Retired).count() as u64,
            violations,
            consent_missing: consent.into_iter().collect(),
            dpia_missing: dpia.into_iter().collect(),
            audits: headline,
        }))
    }

    /// Computes the organisation's summary and keeps it in `dir` (its data folder), written whole.
    pub async fn write_summary(&self, dir: &Path, id: &str) -> Result<Option<Summary>> {
        let Some(summary) = self.summary(id).await? else { return Ok(None) };
        let partial = dir.join(format!("{SUMMARY_FILE}.partial"));
        let mut text = serde_json::to_vec_pretty(&summary)?;
        text.push(b'\n');
        {
            use std::io::Write;
            let mut file = crate::private::options().write(true).create(true).truncate(true).open(&partial)?;
            file.write_all(&text)?;
        }
        std::fs::rename(&partial, dir.join(SUMMARY_FILE))?;
        Ok(Some(summary))
    }
}

/// Folds one audit report's figures into the headline: the worst of each.
fn headline_of(report: &serde_json::Value, h: &mut Headline) {
    let lower = |a: Option<f64>, b: f64| Some(a.map_or(b, |a| a.min(b)));
    for norm in report["norms"].as_array().into_iter().flatten() {
        if let Some(share) = norm["share_meeting_target"].as_f64() {
            h.attainment = lower(h.attainment, share);
        }
    }
    let penalty = &report["breaks"]["break_penalty"];
    if let Some(pp) = penalty["difference_pp"].as_f64() {
        h.toilet_test_pp = lower(h.toilet_test_pp, pp);
        if penalty["ci95_pp"][1].as_f64().is_some_and(|upper| upper < 0.0) {
            h.toilet_test_failed = true;
        }
    }
    for group in report["groups"].as_array().into_iter().flatten() {
        for row in group["rows"].as_array().into_iter().flatten() {
            let marked = row["disparate"].as_bool().unwrap_or(false);
            h.disparity = Some(h.disparity.unwrap_or(false) || marked);
        }
    }
}

/// The summaries kept in a folder of many organisations: those of `ids` (all when `None`), and
/// the ids that have none yet (nothing imported) or whose file cannot be read.
pub fn read_summaries(root: &Path, ids: Option<&[String]>) -> std::io::Result<(Vec<Summary>, Vec<String>)> {
    let all = organisation_ids(root)?;
    let wanted: Vec<&String> = match ids {
        Some(ids) => all.iter().filter(|a| ids.contains(a)).collect(),
        None => all.iter().collect(),
    };
    let mut summaries = Vec::with_capacity(wanted.len());
    let mut missing = Vec::new();
    for id in wanted {
        let path = root.join(ORGANISATIONS_DIR).join(id).join(SUMMARY_FILE);
        match std::fs::read(&path).ok().and_then(|b| serde_json::from_slice::<Summary>(&b).ok()) {
            Some(s) if s.format == SUMMARY_FORMAT && &s.id == id => summaries.push(s),
            _ => missing.push(id.clone()),
        }
    }
    Ok((summaries, missing))
}

/// How the overview is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    Name,
    Violations,
    Consent,
    Dpia,
    Attainment,
    ToiletTest,
    Size,
}

impl Sort {
    pub const ALL: [(Sort, &'static str); 7] = [
        (Sort::Name, "name"),
        (Sort::Violations, "violations"),
        (Sort::Consent, "consent"),
        (Sort::Dpia, "dpia"),
        (Sort::Attainment, "attainment"),
        (Sort::ToiletTest, "toilet-test"),
        (Sort::Size, "size"),
    ];

    pub fn parse(text: &str) -> Option<Sort> {
        Sort::ALL.iter().find(|(_, code)| *code == text).map(|(s, _)| *s)
    }

    pub fn code(self) -> &'static str {
        Sort::ALL.iter().find(|(s, _)| *s == self).map_or("name", |(_, c)| c)
    }
}

/// Which organisations the overview shows, and in what order.
#[derive(Clone, Debug)]
pub struct Query {
    pub sector: Option<String>,
    pub size: Option<Size>,
    /// Sorted worst first (most violations, lowest attainment, …); names A to Z.
    pub sort: Sort,
}

impl Default for Query {
    fn default() -> Self {
        Query { sector: None, size: None, sort: Sort::Violations }
    }
}

/// One sector's figures: organisations, and how many have each problem; `None` where the
/// sector is hidden.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SectorRow {
    pub sector: String,
    pub organisations: u64,
    /// `None`: not shown, because it would single the sector's organisations out.
    pub with_violations: Option<u64>,
    pub consent_missing: Option<u64>,
    pub dpia_missing: Option<u64>,
    pub disparity_found: Option<u64>,
    /// The median of the organisations' lowest norm attainment (those with an audit).
    pub median_attainment: Option<f64>,
}

/// The sector figures: shown sectors, and how many are hidden.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sectors {
    pub min_organisations: u64,
    pub rows: Vec<SectorRow>,
    /// Sectors hidden: under `min_organisations`, or hidden so the others cannot give one back.
    pub hidden: u64,
    /// Organisations in hidden sectors or with no sector, together (never one sector alone).
    pub organisations_hidden: u64,
}

/// The inspector's overview.
#[derive(Clone, Debug, Serialize)]
pub struct Overview {
    pub format: String,
    /// Every organisation the reader may see, before filters.
    pub total: u64,
    pub sector: Option<String>,
    pub size: Option<Size>,
    pub sort: String,
    /// The organisations that pass the filters, in order.
    pub organisations: Vec<Summary>,
    /// Organisations with nothing imported yet.
    pub without_summary: Vec<String>,
    /// Over every organisation the reader may see (not the filters).
    pub sectors: Sectors,
    /// Every sector named, for the filter.
    pub sector_names: Vec<String>,
}

/// The overview of `summaries` (every organisation the reader may see) under `query`.
pub fn overview(summaries: Vec<Summary>, without_summary: Vec<String>, query: &Query) -> Overview {
    let sectors = sectors(&summaries, MIN_ORGANISATIONS);
    let sector_names: BTreeSet<String> = summaries.iter().filter_map(|s| s.sector.clone()).collect();
    let total = summaries.len() as u64;
    let mut shown: Vec<Summary> = summaries
        .into_iter()
        .filter(|s| query.sector.as_ref().is_none_or(|want| s.sector.as_ref() == Some(want)))
        .filter(|s| query.size.is_none_or(|want| s.size() == want))
        .collect();
    // Worst first; a missing figure last; ties by name, then id.
    let worst_low = |v: Option<f64>| v.unwrap_or(f64::INFINITY);
    shown.sort_by(|a, b| {
        let by = match query.sort {
            Sort::Name => std::cmp::Ordering::Equal,
            Sort::Violations => b.violation_count().cmp(&a.violation_count()),
            Sort::Consent => b.consent_missing.len().cmp(&a.consent_missing.len()),
            Sort::Dpia => b.dpia_missing.len().cmp(&a.dpia_missing.len()),
            Sort::Attainment => worst_low(a.audits.attainment).total_cmp(&worst_low(b.audits.attainment)),
            Sort::ToiletTest => worst_low(a.audits.toilet_test_pp).total_cmp(&worst_low(b.audits.toilet_test_pp)),
            Sort::Size => b.headcount.unwrap_or(0).cmp(&a.headcount.unwrap_or(0)),
        };
        by.then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase())).then_with(|| a.id.cmp(&b.id))
    });
    Overview {
        format: OVERVIEW_FORMAT.to_owned(),
        total,
        sector: query.sector.clone(),
        size: query.size,
        sort: query.sort.code().to_owned(),
        organisations: shown,
        without_summary,
        sectors,
        sector_names: sector_names.into_iter().collect(),
    }
}

/// The sector figures over `summaries`: organisations are the units, a sector their group, and
/// each problem an outcome; `disclosure::release` hides what could single one out.
pub fn sectors(summaries: &[Summary], min_organisations: u64) -> Sectors {
    let rows: Vec<Vec<String>> = summaries.iter().map(|s| vec![s.sector.clone().unwrap_or_default()]).collect();
    let all: Vec<usize> = (0..summaries.len()).collect();
    let outcome = |has: &dyn Fn(&Summary) -> bool| disclosure::Outcome {
        members: all.clone(),
        positive: summaries.iter().map(has).collect(),
    };
    let problems = [
        outcome(&|s| s.violation_count() > 0),
        outcome(&|s| !s.consent_missing.is_empty()),
        outcome(&|s| !s.dpia_missing.is_empty()),
        outcome(&|s| s.audits.disparity == Some(true)),
    ];
    // The sectors' sizes, as the workforce's groups are shown: small ones hidden, and as many
    // more as it takes that the total cannot give one back.
    let sizes = disclosure::workforce(1, &rows, min_organisations);
    // Each problem's count per sector where that problem's own release shows the sector: a
    // sector whose count would single its organisations out (all of them have the problem, in
    // a sector the totals pin down) has none. A problem every organisation has, or none has,
    // follows from the sizes and is shown as that.
    let uniform = |o: &disclosure::Outcome| o.positive.iter().all(|p| Some(p) == o.positive.first());
    let counts: Vec<Option<disclosure::Table>> = problems
        .iter()
        .map(|p| {
            (!uniform(p))
                .then(|| disclosure::release(1, &rows, std::slice::from_ref(p), min_organisations).tables[0][0].clone())
        })
        .collect();
    let mut out = Vec::new();
    for (key, cell) in sizes.first().map(|t| &t.shown).into_iter().flatten() {
        let sector = &key[0];
        if sector.is_empty() {
            continue;
        }
        let count = |problem: usize| match &counts[problem] {
            Some(table) => table.shown.get(key).map(|c| c.positives),
            None if problems[problem].positive.first() == Some(&true) => Some(cell.n),
            None => Some(0),
        };
        let mut attainments: Vec<f64> = summaries
            .iter()
            .filter(|s| s.sector.as_deref() == Some(sector.as_str()))
            .filter_map(|s| s.audits.attainment)
            .collect();
        out.push(SectorRow {
            sector: sector.clone(),
            organisations: cell.n,
            with_violations: count(0),
            consent_missing: count(1),
            dpia_missing: count(2),
            disparity_found: count(3),
            median_attainment: audit::stats::median(&mut attainments),
        });
    }
    let shown_n: u64 = out.iter().map(|r| r.organisations).sum();
    let named: BTreeSet<&str> = summaries.iter().filter_map(|s| s.sector.as_deref()).collect();
    Sectors {
        min_organisations,
        hidden: (named.len() - out.len()) as u64,
        organisations_hidden: summaries.len() as u64 - shown_n,
        rows: out,
    }
}

/// The overview in words, for the HTML report and the page.
pub fn document(t: &Tr, o: &Overview) -> Document {
    let mut sections = Vec::new();
    let yes = |b: bool| if b { t.t("yes") } else { t.t("no") };
    let header = [
        "inspector-col-organisation",
        "inspector-col-sector",
        "inspector-col-size",
        "inspector-col-systems",
        "inspector-col-violations",
        "inspector-col-consent",
        "inspector-col-dpia",
        "inspector-col-attainment",
        "inspector-col-toilet",
        "inspector-col-disparity",
        "inspector-col-as-of",
    ]
    .iter()
    .map(|k| t.t(k))
    .collect();
    let rows = o
        .organisations
        .iter()
        .map(|s| {
            let violations = if s.violations.is_empty() {
                "0".to_owned()
            } else {
                let by: Vec<String> = s.violations.iter().map(|(i, n)| format!("{i} {n}")).collect();
                format!("{} ({})", t.int(s.violation_count() as i64), by.join(", "))
            };
            let toilet = match s.audits.toilet_test_pp {
                None => "—".to_owned(),
                Some(pp) => {
                    let verdict = t.t(if s.audits.toilet_test_failed {
                        "inspector-toilet-failed"
                    } else {
                        "inspector-toilet-not-shown"
                    });
                    format!("{} pp, {verdict}", t.num(pp, 1))
                }
            };
            vec![
                // In a portal of one organisation its summary has no id.
                if s.id.is_empty() { s.name.clone() } else { format!("{} ({})", s.name, s.id) },
                s.sector.clone().unwrap_or_else(|| "—".to_owned()),
                format!(
                    "{} · {}",
                    t.t(&format!("inspector-size-{}", s.size().code())),
                    s.headcount.map_or("—".into(), |h| t.int(h.into()))
                ),
                t.int(s.systems as i64),
                violations,
                if s.consent_missing.is_empty() { "0".into() } else { s.consent_missing.join(", ") },
                if s.dpia_missing.is_empty() { "0".into() } else { s.dpia_missing.join(", ") },
                t.pct(s.audits.attainment),
                toilet,
                s.audits.disparity.map_or_else(|| "—".to_owned(), yes),
                s.as_of.clone(),
            ]
        })
        .collect();
    let mut lead =
        vec![t.ta("inspector-lead", &[("shown", o.organisations.len().to_string()), ("total", o.total.to_string())])];
    if let Some(sector) = &o.sector {
        lead.push(t.tn("inspector-filter-sector", &[("sector", sector.clone())]));
    }
    if let Some(size) = o.size {
        lead.push(t.tn("inspector-filter-size", &[("size", t.t(&format!("inspector-size-{}", size.code())))]));
    }
    lead.push(t.tn("inspector-sorted", &[("sort", t.t(&format!("inspector-sort-{}", o.sort)))]));
    if !o.without_summary.is_empty() {
        lead.push(t.ta(
            "inspector-without-summary",
            &[("n", o.without_summary.len().to_string()), ("ids", o.without_summary.join(", "))],
        ));
    }
    lead.push(t.t("inspector-how"));
    sections.push(Section {
        heading: t.t("inspector-organisations"),
        lines: lead,
        table: Some(Table { header, rows }),
    });

    sections.push(sector_section(t, &o.sectors));
    Document {
        title: t.t("inspector-title"),
        subtitle: t.ta("inspector-subtitle", &[("date", t.date(jiff::ZonedDateTime::now().date()))]),
        sections,
    }
}

/// The sector figures alone, in words: what may be published (no organisation is named).
pub fn sectors_document(t: &Tr, sectors: &Sectors) -> Document {
    Document {
        title: t.t("inspector-sectors-title"),
        subtitle: t.ta("inspector-sectors-subtitle", &[("date", t.date(jiff::ZonedDateTime::now().date()))]),
        sections: vec![sector_section(t, sectors)],
    }
}

/// The sector table and what it hides.
fn sector_section(t: &Tr, s: &Sectors) -> Section {
    let sector_header = [
        "inspector-col-sector",
        "inspector-col-organisations",
        "inspector-col-with-violations",
        "inspector-col-consent-orgs",
        "inspector-col-dpia-orgs",
        "inspector-col-disparity-orgs",
        "inspector-col-median-attainment",
    ]
    .iter()
    .map(|k| t.t(k))
    .collect();
    let count = |c: Option<u64>| c.map_or_else(|| "—".to_owned(), |c| t.int(c as i64));
    let sector_rows: Vec<Vec<String>> = s
        .rows
        .iter()
        .map(|r| {
            vec![
                r.sector.clone(),
                t.int(r.organisations as i64),
                count(r.with_violations),
                count(r.consent_missing),
                count(r.dpia_missing),
                count(r.disparity_found),
                t.pct(r.median_attainment),
            ]
        })
        .collect();
    let mut lines = vec![t.ta("inspector-sectors-lead", &[("min", s.min_organisations.to_string())])];
    if s.rows.iter().any(|r| [r.with_violations, r.consent_missing, r.dpia_missing, r.disparity_found].contains(&None))
    {
        lines.push(t.t("inspector-sectors-dash"));
    }
    if s.organisations_hidden > 0 {
        lines.push(t.ta(
            "inspector-sectors-hidden",
            &[("sectors", s.hidden.to_string()), ("organisations", s.organisations_hidden.to_string())],
        ));
    }
    // No sector can be shown: a sentence, not a table of headers over nothing.
    if sector_rows.is_empty() {
        lines.push(t.t("inspector-sectors-none"));
    }
    let table = (!sector_rows.is_empty()).then_some(Table { header: sector_header, rows: sector_rows });
    Section { heading: t.t("inspector-sectors"), lines, table }
}

/// The overview as an HTML document.
pub fn html(t: &Tr, o: &Overview) -> Result<String> {
    crate::yearly::html(&document(t, o), t.lang.code())
}

/// The sector figures alone as an HTML document.
pub fn sectors_html(t: &Tr, sectors: &Sectors) -> Result<String> {
    crate::yearly::html(&sectors_document(t, sectors), t.lang.code())
}

/// The sector figures alone, for publication: `inzage report inspector --sectors-only`.
#[derive(Clone, Debug, Serialize)]
pub struct SectorReport {
    pub format: String,
    /// Organisations counted.
    pub organisations: u64,
    pub sectors: Sectors,
}

/// The sector report over `summaries`.
pub fn sector_report(summaries: &[Summary]) -> SectorReport {
    SectorReport {
        format: SECTORS_FORMAT.to_owned(),
        organisations: summaries.len() as u64,
        sectors: sectors(summaries, MIN_ORGANISATIONS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(id: &str, sector: Option<&str>, violations: u64) -> Summary {
        Summary {
            format: SUMMARY_FORMAT.into(),
            id: id.into(),
            name: id.to_uppercase(),
            sector: sector.map(Into::into),
            headcount: Some(100),
            jurisdiction: "NL".into(),
            register_version: 1,
            as_of: "2026-12-06".into(),
            systems: 1,
            violations: if violations > 0 { BTreeMap::from([("GDPR".into(), violations)]) } else { BTreeMap::new() },
            consent_missing: Vec::new(),
            dpia_missing: Vec::new(),
            audits: Headline::default(),
        }
    }

    #[test]
    fn ids_are_plain_names_that_cannot_climb_out_of_the_folder() {
        for good in ["a", "pakhuis-noord", "org-0001", &"x".repeat(64)] {
            assert!(valid_id(good), "{good}");
        }
        for bad in ["", "..", "../x", "A", "a/b", "-a", "a b", "a.b", &"x".repeat(65), "é"] {
            assert!(!valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn a_folder_is_one_organisation_or_many_never_both() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert_eq!(folder(root, None, false), Ok(root.to_path_buf()));
        assert_eq!(folder(root, Some("b"), false), Err(Unresolved::Unknown { id: "b".into(), known: Vec::new() }));
        let b = folder(root, Some("b"), true).unwrap();
        assert_eq!(b, root.join("organisations/b"));
        std::fs::create_dir_all(&b).unwrap();
        assert_eq!(folder(root, None, false), Ok(b.clone()), "the only one there is");
        std::fs::create_dir_all(root.join("organisations/a")).unwrap();
        assert_eq!(folder(root, None, false), Err(Unresolved::Choose(vec!["a".into(), "b".into()])));
        assert_eq!(folder(root, Some("A"), true), Err(Unresolved::BadId("A".into())));
        assert_eq!(folder(root, Some("../a"), true), Err(Unresolved::BadId("../a".into())));
        let single = tempfile::tempdir().unwrap();
        std::fs::write(single.path().join(store::DB_FILE), b"").unwrap();
        assert_eq!(folder(single.path(), Some("a"), true), Err(Unresolved::Single));
    }

    #[test]
    fn a_small_sector_is_never_shown_nor_left_as_the_only_one_hidden() {
        let mut all = Vec::new();
        for i in 0..12 {
            all.push(summary(&format!("w{i}"), Some("warehousing"), i % 2));
        }
        for i in 0..11 {
            all.push(summary(&format!("r{i}"), Some("retail"), i % 3));
        }
        for i in 0..3 {
            all.push(summary(&format!("c{i}"), Some("call-centre"), 0));
        }
        let s = sectors(&all, 10);
        assert!(s.rows.iter().all(|r| r.sector != "call-centre"), "{s:?}");
        // Alone hidden, 26 − 12 − 11 would give call-centre's 3 back.
        assert!(s.hidden >= 2, "{s:?}");
        assert_eq!(s.organisations_hidden, 26 - s.rows.iter().map(|r| r.organisations).sum::<u64>());
    }

    #[test]
    fn sectors_large_enough_are_shown_with_counts_of_their_organisations() {
        let mut all = Vec::new();
        for (sector, n) in [("warehousing", 12), ("retail", 14), ("call-centre", 15)] {
            for i in 0..n {
                let mut one = summary(&format!("{sector}{i}"), Some(sector), i % 3);
                if i % 4 == 0 {
                    one.consent_missing = vec!["scan-pace".into()];
                }
                all.push(one);
            }
        }
        let s = sectors(&all, 10);
        assert_eq!(s.rows.len(), 3, "{s:?}");
        assert_eq!((s.hidden, s.organisations_hidden), (0, 0));
        for row in &s.rows {
            let of: Vec<&Summary> = all.iter().filter(|x| x.sector.as_deref() == Some(row.sector.as_str())).collect();
            assert_eq!(row.organisations, of.len() as u64);
            assert_eq!(row.with_violations, Some(of.iter().filter(|x| x.violation_count() > 0).count() as u64));
            assert_eq!(row.consent_missing, Some(of.iter().filter(|x| !x.consent_missing.is_empty()).count() as u64));
        }
    }

    #[test]
    fn the_overview_filters_and_puts_the_worst_first() {
        let mut a = summary("a", Some("retail"), 0);
        a.headcount = Some(5);
        let b = summary("b", Some("retail"), 3);
        let c = summary("c", Some("warehousing"), 7);
        let all = vec![a, b, c];
        let o = overview(all.clone(), Vec::new(), &Query::default());
        let ids: Vec<&str> = o.organisations.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["c", "b", "a"]);
        let q = Query { sector: Some("retail".into()), size: Some(Size::Medium), sort: Sort::Name };
        let o = overview(all, Vec::new(), &q);
        let ids: Vec<&str> = o.organisations.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["b"]);
        assert_eq!(o.total, 3);
    }

    #[test]
    fn the_headline_takes_the_worst_of_each_figure() {
        let mut h = Headline::default();
        headline_of(
            &serde_json::json!({
                "norms": [{"share_meeting_target": 0.4}, {"share_meeting_target": 0.2}],
                "breaks": {"break_penalty": {"difference_pp": -12.5, "ci95_pp": [-20.0, -3.0]}},
                "groups": [{"rows": [{"disparate": false}]}]
            }),
            &mut h,
        );
        headline_of(
            &serde_json::json!({
                "norms": [{"share_meeting_target": 0.3}],
                "breaks": {"break_penalty": {"difference_pp": -2.0, "ci95_pp": [-8.0, 4.0]}},
                "groups": [{"rows": [{"disparate": true}]}]
            }),
            &mut h,
        );
        assert_eq!(h.attainment, Some(0.2));
        assert_eq!(h.toilet_test_pp, Some(-12.5));
        assert!(h.toilet_test_failed);
        assert_eq!(h.disparity, Some(true));
    }
}
