## Frame
nav-label = Main
nav-home = Home
nav-register = Register
nav-language = Language
language-nl = Nederlands
language-en = English
footer = inzage makes the algorithms that manage work visible, checkable and contestable. Open source (EUPL-1.2).

## Home
home-title = Home
home-heading = See inside the algorithms that manage work
home-lead = Scanners that count every parcel, software that logs every keystroke, apps that hand out shifts and warnings: inzage puts every system that watches or judges workers in one register, with the facts the law turns on, so that the people it concerns can look inside.
audience-council = Works councils and their experts
audience-council-text = judge a request for consent with the register, what the law says about each system, and an audit of the monitoring data itself.
audience-worker = Workers
audience-worker-text = see which systems watch them and what they record.
audience-privacy = Privacy officers
audience-privacy-text = keep the register complete and current.
audience-inspector = Inspectors
audience-inspector-text = read employers' registers and compare them.
home-register-summary = The register holds { $systems } systems (version { $version }, loaded from { $source }).
home-see-register = See the register
home-data-heading = Monitoring data loaded
home-workers = Workers
home-decisions = Decisions about workers
home-automated = of which automated
home-events = Recorded events
none-loaded = none loaded
home-groups-heading = The workforce in groups
home-groups-note = Only groups of at least { $min } workers are shown; smaller groups are counted as suppressed so that no one can be singled out.
attribute = Attribute
groups = Groups
suppressed = Suppressed
home-empty-heading = No organisation loaded yet
home-empty-text = This data folder holds no register. Start the demonstration organisation with:

## Register
register-title = Register
register-version = Version { $version }, loaded from { $source } by { $author } at { $at }.
register-intro = Every system that watches or judges workers, with its purposes, the data it collects, the legal basis the employer relies on, and the works council's consent. A fact that is not registered is shown as such: unknown is not the same as no.
col-system = System
col-status = Status
col-purposes = Purposes
col-data = Data collected
col-legal-basis = Legal basis
col-consent = Works council consent
planned-functions = { $n ->
    [one] one function not switched on
   *[other] { $n } functions not switched on
}
not-registered = not registered

## A system
system-facts = Registered facts
consent-missing-note = The organisation has a works council and the register does not show its consent for this system.
system-data = Data and how long it is kept
col-retention = Kept for
no-retention = no retention period set
system-targets = Production norms
target-line = { $per_hour } { $kind } events an hour: one every { $seconds } seconds.
system-decisions = Decisions the system takes or prepares
col-decision = Decision
col-solely-automated = Solely automated
col-significant = Significant effect
system-functions = Functions
functions-note = A function that is planned or switched off can be switched on later; the works council should see that change before it happens.
function-adds = adds:
fact-vendor = Vendor
fact-status = Status
fact-go-live = In use since
fact-purposes = Purposes
fact-subjects = Whose data
fact-monitoring = Monitoring
fact-covert = Covert
fact-off-duty = Outside working time or on private devices
fact-legal-basis = Legal basis (GDPR art 6)
fact-emotion = Infers emotions
fact-biometric = Biometric data used for
fact-ai = AI system (AI Act)
fact-shift = Planned shift
fact-dpia = Data protection impact assessment
fact-dpia-date = Assessment date
fact-notice = Workers informed on
fact-consent = Works council consent
fact-consent-date = Consent status date
shift-summary = { $hours } hours with breaks of { $breaks } minutes
days = { $n ->
    [one] one day
   *[other] { $n } days
}
yes = yes
no = no

## Errors
not-found-title = Page not found
not-found-text = There is no page at this address. The system may have been removed from the register, or the link is mistyped.
error-title = Something went wrong
error-logged = The error was written to the server's log.

## Vocabularies
status-planned = planned
status-live = in use
status-retired = retired
function-planned = planned
function-enabled = switched on
function-disabled = switched off
purpose-productivity = productivity
purpose-performance_appraisal = performance appraisal
purpose-security = security
purpose-safety = safety
purpose-attendance = attendance
purpose-scheduling = scheduling
purpose-task_allocation = task allocation
purpose-pay = pay
purpose-discipline = discipline
purpose-recruitment = recruitment
purpose-training = training
purpose-compliance = compliance
purpose-other = other
subject-employees = employees
subject-temporary_workers = temporary workers
subject-applicants = applicants
subject-contractors = contractors
subject-platform_workers = platform workers
monitoring-continuous = continuous
monitoring-periodic = periodic
monitoring-incident = after an incident only
basis-consent = consent
basis-contract = contract
basis-legal_obligation = legal obligation
basis-vital_interest = vital interest
basis-public_task = public task
basis-legitimate_interest = legitimate interest
basis-none = none
biometric-none = not used
biometric-authentication = authentication
biometric-identification = identification
biometric-attendance = attendance registration
biometric-categorisation = categorisation
decision-hire = hiring
decision-terminate = termination
decision-discipline = disciplinary measure
decision-warning = warning
decision-pay = pay
decision-roster = roster
decision-task_allocation = task allocation
decision-promotion = promotion
decision-account_block = account block
decision-ranking = ranking
dpia-none = not done
dpia-in_progress = in progress
dpia-done = done
consent-not_requested = not requested
consent-requested = requested, not given
consent-granted = granted
consent-refused = refused
consent-court_substitute = replaced by a court
consent-cao_regulated = regulated in the collective agreement
data-scan_events = scan events
data-productivity_score = productivity score
data-rating = rating
data-client_rating = client rating
data-working_time = working time
data-attendance = attendance
data-badge = badge use
data-location = location
data-keystrokes = keystrokes
data-mouse_activity = mouse activity
data-screenshots = screenshots
data-app_usage = application use
data-web_browsing = web browsing
data-email_metadata = e-mail metadata
data-email_content = e-mail content
data-chat_content = chat content
data-call_audio = call audio
data-video = video
data-webcam = webcam
data-biometric = biometric data
data-health = health
data-emotion = emotions
data-union_activity = union activity
data-private_communications = private communications
data-off_duty_activity = activity outside working time

## Findings and the rulebook
nav-rules = Rulebook
col-findings = Findings
severity-violation = violation
severity-risk = risk
severity-advice = advice
tally-violations = { $n ->
    [one] 1 violation
   *[other] { $n } violations
}
tally-risks = { $n ->
    [one] 1 risk
   *[other] { $n } risks
}
tally-advice = { $n } advice
system-findings = What the law says about this system
findings-summary = { $violations } violations, { $risks } risks and { $advice } advice, checked against the rulebook as the law stands today.
no-findings = No rule finds a problem in what is registered.
unverified = source not yet verified against the legal text
in-force-from = applies from { $date }
why-and-what = Why, and what to do
why = Why:
what-to-do = What to do:
questions-heading = Facts the register does not state
questions-note = These rules cannot be checked until the fact is registered. Unknown is not the same as allowed.
article = art.
system-history = History in the register
history-version = Version { $version }, { $at }, by { $author }
history-added = The system was added to the register.
history-removed = The system was removed from the register.
history-switched-on = The function “{ $function }” was switched on. The works council must see this change: a new function can need new consent.
history-fact = Fact
history-before = Before
history-after = After
rules-title = Rulebook
rules-intro = { $total } rules from GDPR, UAVG, WOR, Arbowet, Arbeidstijdenwet, the AI Act and the Platform Work Directive; { $unverified } of them rest on a source not yet verified against the legal text, and say so. The AI Act's high-risk duties are read as advice until { $annex }.
col-rule = Rule
col-severity = Severity
col-citations = Source
col-in-force = In force from
gated-annex-iii = high-risk duty: advice until the Annex III date

## Export to the Algorithm Register
yes-no-automated = solely automated
yes-no-human = a person decides
yes-no-unknown = not registered whether a person decides
yes-no-ai = AI system in the sense of the AI Act
yes-no-not-ai = not an AI system in the sense of the AI Act
yes-no-balancing-done = The legitimate-interest balancing test is documented.
yes-no-balancing-missing = No legitimate-interest balancing test is documented.
col-fideslang = fideslang category
fideslang-none = none: a workplace category of inzage's own

## The audit report
audit-title = Audit of the monitoring data
audit-intro = This report does not take the employer's word for how a system works: it recomputes, from what the system recorded, how the production norm works out, whether legal breaks are taken, what the data makes visible about each worker, whether groups are treated differently, how much of a score is noise, and whether the human review of automated decisions is real. Every number follows the published definitions, so an expert can recompute it.
audit-scope = { $events } recorded events of { $workers } workers in { $shifts } shifts.
audit-skipped = { $n } rows could not be read and were skipped; the numbers below leave them out.
audit-norms = Production norms
audit-norm-line = The norm is { $per_hour } { $kind } events an hour: one every { $seconds } seconds. Of { $rated } shifts with a measurable rate, { $share } reached it; the middle shift (median) ran at { $median } an hour.
audit-bar = { $from } to { $to } an hour: { $count } shifts
audit-chart-label = Distribution of shift rates against the norm
audit-chart-norm = norm
audit-chart-axis = units an hour per shift
audit-chart-caption = Shifts by their rate; green bars reach the norm. The highest bar holds { $max } shifts.
audit-breaks = Legal breaks (Arbeidstijdenwet 5:4)
audit-breaks-line = { $needing } shifts were long enough to need a legal break; { $missing } of them did not have pauses of 15 minutes or more adding up to the legal minimum.
audit-toilet-test = The toilet test: does taking your break cost you the norm?
audit-penalty = { $pp } percentage points (95 % interval { $lo } to { $hi })
audit-penalty-explain = Of { $took } shifts that took the legal break, { $took_meeting } reached the norm; of { $skipped } shifts that skipped it, { $skipped_meeting } did. The figure is the difference between those two shares.
audit-penalty-finding = Shifts that take the legal break reach the norm far less often than shifts that skip it: the norm is reachable by skipping breaks. Taking your legal break must not lower your score.
audit-cnil = What the data makes visible (the indicators the CNIL found excessive at Amazon)
audit-cnil-intro = The French data protection authority fined Amazon France Logistique in 2023 for warehouse indicators like these. They show how closely this data lets an employer watch each minute of work.
audit-rapid = Scans less than 1.25 s after the previous event
audit-long-idle = Gaps of 10 minutes or more within shifts
audit-short-pauses = Pauses of 1 to 10 minutes within shifts
audit-per-shift = per shift
audit-groups = Are groups treated differently?
audit-groups-intro = For each outcome, each group is compared with the largest group. A group of fewer than { $min } workers is not shown, so that no one can be singled out. A ratio below 0.8 or above 1.25 is marked as a disparity; p is the two-sided Fisher exact test.
audit-reference = Compared with { $group }: { $positives } of { $n } ({ $rate }).
audit-no-reference = Every group is smaller than the minimum size, so none is shown.
audit-col-group = Group
audit-col-positives = with outcome
audit-col-rate = share
audit-col-ratio = ratio
audit-disparate = disparity
audit-suppressed = Not shown (too small): { $groups }
audit-intersections = Combinations of two attributes
audit-noise = How much of the score is noise?
audit-reliability = Comparing each worker's odd-numbered and even-numbered shifts ({ $workers } workers), the correlation is { $r }; the score's reliability (Spearman–Brown) is { $sb }. Below about 0.7, a ranking of individuals is not dependable.
audit-flags = If the employer flags the { $share } slowest workers ({ $flagged } people) and the same data is resampled { $resamples } times, { $unstable } of those flagged are flagged again in fewer than half of the resamples: for them, the flag is more noise than signal.
audit-review = Human review of automated decisions
audit-review-line = Of { $decisions } decisions, { $automated } were automated. { $reviewed } of those were reviewed by a person, in a median of { $median } seconds; { $overturned } of the reviews changed the outcome.
audit-rubber-stamp = A review that takes seconds and overturns nothing is a rubber stamp: under GDPR article 22 such a decision counts as solely automated.
audit-parameters = How this was computed
audit-parameters-line = A shift ends after a gap of more than { $gap } s; a pause is a gap of at least { $pause } s; minimum group size { $min }; resampling seed { $seed }; local times read in { $tz }.
audit-recompute = The definitions are published with inzage (docs/audit-definitions.md); the JSON version of this report (inzage audit --format json) carries every number.
system-audit-link = Audit the recorded data against these norms
audit-bars-label = Share of shifts reaching the norm, with and without the legal break
audit-bars-took = took the break: { $share }
audit-bars-skipped = skipped the break: { $share }
