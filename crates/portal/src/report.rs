//! The audit report as one self-contained HTML file for a works council: what each number
//! means, in Dutch or English, with charts as inline SVG. The CLI writes it with
//! `inzage audit --format html`; the portal shows the same page. A document, not a page: the
//! view model and its renderer live here, below HTTP, so the command line needs no web crate.

use askama::Template;
use audit::Report;

use locale::Tr;

/// A bar of the histogram, placed in SVG coordinates.
#[derive(Debug)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub meets: bool,
    pub label: String,
}

#[derive(Debug)]
pub struct Chart {
    pub bars: Vec<Bar>,
    pub target_x: f64,
    pub label_x: f64,
    pub ticks: Vec<(f64, String)>,
    pub max_count: u64,
}

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 220.0;

pub(crate) fn chart(report: &Report, t: &Tr) -> Option<Chart> {
    let h = report.histogram.as_ref()?;
    let max_count = h.bins.iter().copied().max().unwrap_or(0).max(1);
    let span = h.bin_width * h.bins.len() as f64;
    let x = |v: f64| 40.0 + (WIDTH - 50.0) * (v - h.from) / span;
    let bars = h
        .bins
        .iter()
        .enumerate()
        .map(|(i, &count)| {
            let from = h.from + i as f64 * h.bin_width;
            let height = (HEIGHT - 40.0) * count as f64 / max_count as f64;
            Bar {
                x: x(from),
                y: HEIGHT - 20.0 - height,
                width: (x(from + h.bin_width) - x(from) - 1.0).max(1.0),
                height,
                meets: from >= h.per_hour,
                label: t.ta(
                    "audit-bar",
                    &[("from", t.num(from, 0)), ("to", t.num(from + h.bin_width, 0)), ("count", count.to_string())],
                ),
            }
        })
        .collect();
    let step = (span / 6.0 / 50.0).ceil().max(1.0) * 50.0;
    let first = (h.from / step).ceil() * step;
    let ticks = (0..)
        .map(|i| first + i as f64 * step)
        .take_while(|v| *v <= h.from + span)
        .map(|v| (x(v), t.num(v, 0)))
        .collect();
    Some(Chart { bars, target_x: x(h.per_hour), label_x: x(h.per_hour) + 4.0, ticks, max_count })
}

/// One group's row as shown: group, n, positives, share, ratio, p, p after Holm, and the mark.
pub type GroupRowView = (String, String, String, String, String, String, String, bool);

/// A comparison table, written for the reader.
#[derive(Debug)]
pub struct GroupView {
    /// What the table compares, in words: "Discipline decisions, by age band".
    pub title: String,
    /// The report's key of the outcome (`decision:discipline`, `below_target:scan`).
    pub outcome: String,
    pub attribute: String,
    pub reference_line: String,
    pub rows: Vec<GroupRowView>,
    pub suppressed: String,
    pub intersection: bool,
}

/// The toilet test as two bars: the share of shifts reaching the norm with and without the
/// legal break (width in percent of the drawing).
#[derive(Debug)]
pub struct BreakBars {
    pub took_width: f64,
    pub skipped_width: f64,
    pub took_label: String,
    pub skipped_label: String,
}

pub(crate) fn break_bars(report: &Report, t: &Tr) -> Option<BreakBars> {
    let bp = report.breaks.break_penalty.as_ref()?;
    let share = |meeting: u64, shifts: u64| meeting as f64 / shifts as f64;
    let took = share(bp.took.meeting, bp.took.shifts);
    let skipped = share(bp.skipped.meeting, bp.skipped.shifts);
    Some(BreakBars {
        took_width: 500.0 * took,
        skipped_width: 500.0 * skipped,
        took_label: t.ta("audit-bars-took", &[("share", t.pct(Some(took)))]),
        skipped_label: t.ta("audit-bars-skipped", &[("share", t.pct(Some(skipped)))]),
    })
}

/// The report's sentences, written for the reader's language.
#[derive(Debug)]
pub struct Lines {
    pub scope: String,
    pub skipped: Option<String>,
    pub breaks: String,
    /// The toilet test: the headline, the explanation, and whether the whole interval is below 0.
    pub penalty: Option<(String, String, bool)>,
    pub parameters: String,
    pub norms: Vec<String>,
    pub cnil: Option<(String, String, String)>,
    pub reliability: Option<String>,
    pub flags: Option<String>,
    pub review: Option<String>,
}

#[derive(Debug, Template)]
#[template(path = "audit.html")]
pub struct AuditPage<'a> {
    pub t: Tr,
    pub r: &'a Report,
    pub chart: Option<Chart>,
    pub bars: Option<BreakBars>,
    pub groups: Vec<GroupView>,
    /// How attributes that are not grouped by their values are used: binned, or left out.
    pub attribute_notes: Vec<String>,
    pub lines: Lines,
    pub embedded: bool,
    pub measures: Vec<MeasureView>,
    /// Whether events were audited (an audit can read decisions or measures alone).
    pub has_events: bool,
    /// How the inputs' workers match the workers file, when some do not.
    pub linkage: Option<String>,
}

/// One measure, written for the reader.
#[derive(Debug)]
pub struct MeasureView {
    pub title: String,
    pub summary: String,
    pub attainment: Option<String>,
    pub groups: Vec<MeasureGroupView>,
}

/// One measure by the groups of one attribute.
#[derive(Debug)]
pub struct MeasureGroupView {
    pub title: String,
    pub reference_line: String,
    pub rows: Vec<MeasureRowView>,
    pub suppressed: String,
}

/// One group's row: figures already written in the reader's language.
#[derive(Debug)]
pub struct MeasureRowView {
    pub group: String,
    pub n: u64,
    pub mean: String,
    pub median: String,
    pub difference: String,
    pub p: String,
    pub mw: String,
    pub holm: String,
    pub differs: bool,
}

fn measure_views(report: &Report, t: &Tr) -> Vec<MeasureView> {
    let p = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| format_p(t, v));
    report
        .measures
        .iter()
        .map(|m| MeasureView {
            title: m.measure.clone(),
            summary: t.ta(
                "audit-measure-summary",
                &[
                    ("rows", m.rows.to_string()),
                    ("workers", m.workers.to_string()),
                    ("periods", m.periods.to_string()),
                    ("first", m.first_period.clone().unwrap_or_default()),
                    ("last", m.last_period.clone().unwrap_or_default()),
                    ("median", opt(t, m.worker_means.as_ref().map(|s| s.median), 2)),
                ],
            ),
            attainment: m.attainment.as_ref().map(|a| {
                let mut line = t.ta(
                    "audit-measure-attainment",
                    &[
                        ("share", t.pct(a.share)),
                        ("rows", a.rows.to_string()),
                        ("periods", a.periods.len().to_string()),
                    ],
                );
                if a.periods_hidden > 0 {
                    line.push(' ');
                    line.push_str(&t.ta("audit-measure-hidden-periods", &[("hidden", a.periods_hidden.to_string())]));
                }
                line
            }),
            groups: m
                .groups
                .iter()
                .map(|g| MeasureGroupView {
                    title: g.attribute.clone(),
                    reference_line: match (&g.reference, g.reference_n) {
                        (Some(r), Some(n)) => t.ta(
                            "audit-measure-reference",
                            &[
                                ("attribute", g.attribute.clone()),
                                ("group", r.clone()),
                                ("n", n.to_string()),
                                ("mean", opt(t, g.reference_mean, 2)),
                            ],
                        ),
                        _ => t.t("audit-no-reference"),
                    },
                    rows: g
                        .rows
                        .iter()
                        .map(|r| MeasureRowView {
                            group: r.group.clone(),
                            n: r.n,
                            mean: t.num(r.mean, 2),
                            median: t.num(r.median, 2),
                            difference: t.num(r.difference, 2),
                            p: p(r.p_value),
                            mw: p(r.mann_whitney_p),
                            holm: p(r.p_holm),
                            differs: r.differs,
                        })
                        .collect(),
                    suppressed: hidden_groups(t, g.suppressed_count.unwrap_or(0), &g.suppressed).unwrap_or_default(),
                })
                .collect(),
        })
        .collect()
}

fn linkage_line(report: &Report, t: &Tr) -> Option<String> {
    let l = report.linkage.as_ref()?;
    let parts: Vec<String> = [
        ("audit-linkage-events", l.events_workers_not_in_workers_file),
        ("audit-linkage-decisions", l.decisions_about_unknown_workers),
        ("audit-linkage-measures", l.measures_about_unknown_workers),
    ]
    .into_iter()
    .filter_map(|(key, count)| count.filter(|c| *c > 0).map(|c| t.ta(key, &[("count", c.to_string())])))
    .collect();
    (!parts.is_empty() || l.population < l.workers_file).then(|| {
        t.ta(
            "audit-linkage",
            &[
                ("parts", parts.join(" ")),
                ("population", l.population.to_string()),
                ("workers", l.workers_file.to_string()),
            ],
        )
    })
}

pub(crate) fn lines(report: &Report, t: &Tr) -> Lines {
    let norms = report
        .norms
        .iter()
        .map(|n| {
            t.ta(
                "audit-norm-line",
                &[
                    ("per_hour", t.num(n.per_hour, 0)),
                    ("kind", n.kind.clone()),
                    ("seconds", t.num(n.seconds_per_unit, 3)),
                    ("rated", t.int(n.shifts_rated as i64)),
                    ("share", t.pct(n.share_meeting_target)),
                    ("median", opt(t, n.median_rate, 1)),
                ],
            )
        })
        .collect();
    let per_shift = t.t("audit-per-shift");
    let cnil = report.cnil.as_ref().map(|c| {
        (
            t.pct(c.rapid_event_share),
            format!("{} ({} {per_shift})", t.int(c.long_idle_gaps as i64), opt(t, c.long_idle_per_shift, 2)),
            format!("{} ({} {per_shift})", t.int(c.short_pauses as i64), opt(t, c.short_pauses_per_shift, 2)),
        )
    });
    let reliability = report.reliability.as_ref().map(|rel| {
        t.ta(
            "audit-reliability",
            &[
                ("workers", rel.workers.to_string()),
                ("r", opt(t, rel.split_half_r, 2)),
                ("sb", opt(t, rel.spearman_brown, 2)),
            ],
        )
    });
    let flags = report.flags.as_ref().map(|f| {
        t.ta(
            "audit-flags",
            &[
                ("flagged", f.flagged.to_string()),
                ("share", t.pct(Some(f.flag_share))),
                ("resamples", f.resamples.to_string()),
                ("unstable", t.pct(f.unstable_share)),
            ],
        )
    });
    let review = report.review.as_ref().map(|rv| {
        t.ta(
            "audit-review-line",
            &[
                ("decisions", rv.decisions.to_string()),
                ("automated", rv.automated.to_string()),
                ("reviewed", t.pct(rv.reviewed_share)),
                ("median", opt(t, rv.median_review_seconds, 0)),
                ("overturned", t.pct(rv.overturned_share)),
            ],
        )
    });
    let n = |v: u64| t.int(v as i64);
    let penalty = report.breaks.break_penalty.as_ref().map(|bp| {
        (
            t.ta(
                "audit-penalty",
                &[("pp", t.num(bp.difference_pp, 1)), ("lo", t.num(bp.ci95_pp[0], 1)), ("hi", t.num(bp.ci95_pp[1], 1))],
            ),
            t.ta(
                "audit-penalty-explain",
                &[
                    ("took", n(bp.took.shifts)),
                    ("took_meeting", n(bp.took.meeting)),
                    ("skipped", n(bp.skipped.shifts)),
                    ("skipped_meeting", n(bp.skipped.meeting)),
                ],
            ),
            bp.ci95_pp[1] < 0.0,
        )
    });
    let p = &report.parameters;
    Lines {
        scope: t.ta(
            "audit-scope",
            &[("events", n(report.events)), ("workers", n(report.workers)), ("shifts", n(report.shifts))],
        ),
        skipped: (report.skipped_rows.count > 0)
            .then(|| t.ta("audit-skipped", &[("n", report.skipped_rows.count.to_string())])),
        breaks: t.ta(
            "audit-breaks-line",
            &[
                ("needing", n(report.breaks.shifts_needing_break)),
                ("missing", n(report.breaks.shifts_missing_legal_break)),
            ],
        ),
        penalty,
        parameters: [
            Some(t.ta(
                "audit-parameters-line",
                &[
                    ("gap", p.shift_gap_s.to_string()),
                    ("pause", p.pause_min_s.to_string()),
                    ("min", p.min_group.to_string()),
                    ("seed", p.seed.to_string()),
                    ("tz", p.time_zone.clone()),
                ],
            )),
            p.attributes.as_ref().map(|a| t.ta("audit-asked-attributes", &[("attributes", a.join(", "))])),
            p.population.as_ref().map(|e| t.ta("audit-asked-population", &[("condition", e.clone())])),
            (!p.reference.is_empty()).then(|| {
                let list: Vec<String> = p.reference.iter().map(|(a, v)| format!("{a} = {v}")).collect();
                t.ta("audit-asked-reference", &[("reference", list.join(", "))])
            }),
            (!p.outcome_groups.is_empty()).then(|| {
                let list: Vec<String> =
                    p.outcome_groups.iter().map(|(n, k)| format!("{n} = {}", k.join(" + "))).collect();
                t.ta("audit-asked-outcomes", &[("outcomes", list.join("; "))])
            }),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" "),
        norms,
        cnil,
        reliability,
        flags,
        review,
    }
}

/// A column name of the workers file in words: `age_band` is "age band"; an intersection
/// `age_band+contract` is "age band and contract".
fn attribute_words(t: &Tr, attributes: &[String]) -> String {
    let words: Vec<String> = attributes.iter().map(|a| a.replace('_', " ")).collect();
    match words.as_slice() {
        [one] => one.clone(),
        [first @ .., last] => t.tn("audit-group-and", &[("first", first.join(", ")), ("last", last.clone())]),
        [] => String::new(),
    }
}

/// The title of a group table: what is compared, by which attribute.
pub fn group_title(t: &Tr, g: &audit::GroupTable) -> String {
    let attribute = attribute_words(t, &g.attributes);
    match g.outcome_kind {
        audit::OutcomeKind::Decision => {
            let kind = g.outcome_value.replace('_', " ");
            let mut chars = kind.chars();
            let capital = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
            t.tn("audit-group-decision", &[("decision", kind), ("Decision", capital), ("attribute", attribute)])
        }
        audit::OutcomeKind::BelowTarget => {
            t.tn("audit-group-below", &[("kind", g.outcome_value.clone()), ("attribute", attribute)])
        }
    }
}

/// "N groups are not shown", with their names where the table may print them; `None` when
/// every group is shown. The audit report and the home page say it the same way.
pub(crate) fn hidden_groups(t: &Tr, count: u64, names: &[String]) -> Option<String> {
    match (count, names.is_empty()) {
        (0, _) => None,
        (count, true) => Some(t.ta("audit-suppressed-count", &[("count", count.to_string())])),
        (count, false) => {
            Some(t.ta("audit-suppressed-named", &[("count", count.to_string()), ("groups", names.join(", "))]))
        }
    }
}

fn opt(t: &Tr, v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(|| "—".to_owned(), |v| t.num(v, decimals))
}

pub fn page(report: &Report, t: Tr, embedded: bool) -> AuditPage<'_> {
    let groups = report
        .groups
        .iter()
        .map(|g| GroupView {
            title: group_title(&t, g),
            outcome: g.outcome.clone(),
            attribute: g.attribute.clone(),
            reference_line: match (&g.reference, g.reference_n, g.reference_positives) {
                (Some(r), Some(n), Some(p)) => t.ta(
                    "audit-reference",
                    &[
                        ("group", r.clone()),
                        ("n", n.to_string()),
                        ("positives", p.to_string()),
                        ("rate", t.pct(g.reference_rate)),
                    ],
                ),
                _ => t.t("audit-no-reference"),
            },
            rows: g
                .rows
                .iter()
                .map(|row| {
                    (
                        row.group.clone(),
                        row.n.to_string(),
                        row.positives.to_string(),
                        t.pct(Some(row.rate)),
                        opt(&t, row.ratio, 2),
                        format_p(&t, row.p_value),
                        format_p(&t, row.p_holm),
                        row.disparate,
                    )
                })
                .collect(),
            suppressed: hidden_groups(&t, g.suppressed_count.unwrap_or(0), &g.suppressed).unwrap_or_default(),
            intersection: g.attributes.len() > 1,
        })
        .collect();
    let attribute_notes = report
        .group_attributes
        .iter()
        .filter_map(|a| {
            let key = match a.treatment {
                disclosure::Treatment::Kept => return None,
                disclosure::Treatment::Binned => "audit-attribute-binned",
                disclosure::Treatment::Identifying => "audit-attribute-identifying",
                disclosure::Treatment::TooManyValues => "audit-attribute-too-many",
            };
            let bins = a.bins.iter().map(|b| b.label.as_str()).collect::<Vec<_>>().join(" · ");
            Some(t.ta(key, &[("attribute", a.attribute.clone()), ("bins", bins), ("distinct", a.distinct.to_string())]))
        })
        .collect();
    AuditPage {
        measures: measure_views(report, &t),
        has_events: report.events > 0 || report.workers > 0 || !report.norms.is_empty(),
        linkage: linkage_line(report, &t),
        attribute_notes,
        chart: chart(report, &t),
        bars: break_bars(report, &t),
        lines: lines(report, &t),
        t,
        r: report,
        groups,
        embedded,
    }
}

fn format_p(t: &Tr, p: f64) -> String {
    if p < 0.0001 { format!("< {}", t.num(0.0001, 4)) } else { t.num(p, 4) }
}

/// The histogram on its own, as SVG.
#[derive(Debug, Template)]
#[template(path = "audit-histogram.svg.html")]
struct HistogramSvg<'a> {
    t: &'a Tr,
    c: &'a Chart,
}

/// The toilet test's bars on their own, as SVG.
#[derive(Debug, Template)]
#[template(path = "audit-bars.svg.html")]
struct BarsSvg<'a> {
    t: &'a Tr,
    b: &'a BreakBars,
}

/// The report's charts as standalone SVG documents, each with its title: the same drawings the
/// HTML report shows, for documents that embed them (the advice report's PDF).
pub fn charts(report: &Report, t: &Tr) -> Result<Vec<(String, String)>, askama::Error> {
    let mut out = Vec::new();
    if let Some(c) = chart(report, t) {
        out.push((t.t("audit-chart-label"), HistogramSvg { t, c: &c }.render()?));
    }
    if let Some(b) = break_bars(report, t) {
        out.push((t.t("audit-bars-label"), BarsSvg { t, b: &b }.render()?));
    }
    Ok(out)
}

/// The report as a complete, self-contained HTML document.
pub fn audit_html(report: &Report, t: Tr) -> Result<String, askama::Error> {
    page(report, t, false).render()
}

impl crate::Portal {
    /// The audit report of system `id` as the portal shows it (the same document, embedded).
    /// `NotFound` when there is no such system, it has no norm, or no events are loaded.
    pub async fn system_audit_html(&self, id: &str, t: Tr) -> crate::Result<String> {
        let version = self.store.latest_register().await?.ok_or(crate::Error::NotFound)?;
        let system = version.register.system(id).ok_or(crate::Error::NotFound)?;
        let (Some((events, _)), false) = (self.store.events_file().await?, system.targets.is_empty()) else {
            return Err(crate::Error::NotFound);
        };
        let audited = self.audit(version.id, system, events).await?;
        Ok(page(&audited.report, t, true).render()?)
    }
}
