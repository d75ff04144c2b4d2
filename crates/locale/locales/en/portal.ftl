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
home-groups-note = Only groups of at least { $min } workers are shown, and not every one of those: a group is also hidden when otherwise a smaller one could be worked out by subtraction. An attribute that names a person, such as a staff number, makes no groups; a number with many values is grouped in ranges.
home-groups-unknown = (unknown)
home-groups-identifying = Not used for groups: nearly every worker has a value of their own.
home-groups-too-many = Not used for groups: { $distinct } different values, too many to compare.
home-groups-none-hidden = All groups are shown.
attribute = Attribute
groups = Groups
suppressed = Not shown
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

## Errors
not-found-title = Page not found
not-found-text = There is no page at this address. The system may have been removed from the register, or the link is mistyped.
error-title = Something went wrong
error-logged = The error was written to the server's log.

## Findings and the rulebook
nav-rules = Rulebook
col-findings = Findings
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
findings-summary = { $violations ->
    [one] 1 violation
   *[other] { $violations } violations
}, { $risks ->
    [one] 1 risk
   *[other] { $risks } risks
} and { $advice } advice, checked against the rulebook as the law stands today.
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
rules-intro = The law of { $jurisdiction }, where the register places the organisation: { $total } of the rulebook's { $all } rules; { $unverified } of them rest on a source not yet verified against the legal text, and say so. The AI Act's high-risk duties are read as advice until { $annex }; the Platform Work Directive's rules until the national act that transposes it applies (a setting: --pwd-from).
col-rule = Rule
col-severity = Severity
col-citations = Source
col-in-force = In force from
gated-annex-iii = high-risk duty: advice until the Annex III date
gated-annex-iii-before = high-risk duty: { $severity } until the Annex III date, its full severity from then
gated-pwd-nl = platform work: advice until the national act applies

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
audit-cnil = What the data makes visible (the indicators the CNIL found excessive at Amazon; the Conseil d'État held in 2025 they can rest on legitimate interest, but not keeping every worker's detailed data for 31 days)
audit-cnil-intro = The French data protection authority fined Amazon France Logistique in 2023 for warehouse indicators like these. They show how closely this data lets an employer watch each minute of work.
audit-rapid = Scans less than 1.25 s after the previous event
audit-long-idle = Gaps of 10 minutes or more within shifts
audit-short-pauses = Pauses of 1 to 10 minutes within shifts
audit-per-shift = per shift
audit-groups = Are groups treated differently?
audit-groups-intro = For each outcome, each group is compared with the largest group (or the one asked for with --reference). A group of fewer than { $min } workers is never shown, and neither are as many other groups as it takes that no hidden group can be worked out by subtracting the shown ones from a total (how: docs/privacy.md). The ratio is the group's share over the reference's; p is the two-sided Fisher exact test.
audit-group-decision = { $Decision } decisions, by { $attribute }
audit-group-below = Shifts below the { $kind } norm, by { $attribute }
audit-group-and = { $first } and { $last }
audit-reference = Compared with { $group }: { $positives } of { $n } ({ $rate }).
audit-no-reference = Every group is smaller than the minimum size, so none is shown.
audit-col-group = Group
audit-col-positives = with outcome
audit-col-rate = share
audit-col-ratio = ratio
audit-disparate = disparity
audit-suppressed-count = { $count ->
    [one] One group is not shown.
   *[other] { $count } groups are not shown.
}
audit-suppressed-named = { $count ->
    [one] One group is not shown: { $groups }.
   *[other] { $count } groups are not shown: { $groups }.
}
audit-attribute-binned = { $attribute } is grouped in ranges, not by its { $distinct } values: { $bins }.
audit-attribute-identifying = { $attribute } is not used for groups: nearly every worker has a value of their own, so a group would be one person.
audit-attribute-too-many = { $attribute } is not used for groups: it has { $distinct } different values, too many to compare.
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

## Accounts and roles
nav-me = My data
nav-contests = Contests
nav-people = People
nav-login = Log in
logout = Log out
logout-everywhere = Log out everywhere
refused-login = Log in to see this page.
refused-role = Your role does not give access to this page.
refused-method = This request is not allowed here.
refused-too-large = The form is too large.
login-title = Log in
login-lead = Log in with the name and password you chose when you accepted your invitation.
login-name = Name
login-password = Password
login-button = Log in
login-no-account = No account? Ask your employer's privacy officer for an invitation, or your works council if you are its expert.
login-failed = That name and password do not match.
login-too-many = Too many failed attempts: wait 15 minutes and try again.
invite-title = Set your password
invite-lead = You are invited as { $name } ({ $role }). Choose a password to finish.
invite-password = Password
invite-confirm = The same password again
invite-policy = At least 12 characters; any characters; a sentence is fine. Common passwords are refused.
invite-button = Set password
invite-invalid = This invitation link is not valid: it was used already or has expired. Ask for a new one.
invite-name = Give a name of 1 to 100 characters.
invite-role = You cannot invite someone with that role.
invite-worker = A worker's account needs the worker's identifier from the employer's files.
invite-not-worker = Only a worker's account has a worker identifier.
invite-taken = That name is taken.
password-mismatch = The two passwords differ.
password-too-short = The password must have at least 12 characters.
password-too-long = The password may have at most 128 characters.
password-common = This password is too common: choose another.
password-is-name = The password must not be your name.
people-title = People
people-invite = Invite someone
people-name = Name
people-role = Role
people-worker = Worker identifier (workers only)
people-worker-note = The identifier is stored only as a pseudonym.
people-invite-button = Make an invitation link
people-link = Send this link to the person. It works once and expires in 72 hours; it is not shown again.
people-pseudonym = Pseudonym
people-state = State
account-active = active
account-invited = invited

## A worker's own page
me-title = My data
me-lead = What your employer's systems hold about you and how they use it. You appear under the pseudonym { $worker }.
me-download = Download everything (ZIP)
me-copy = Readable copy
me-rows = The rows themselves
me-systems = The systems that concern you
me-notice-purpose = What for
me-notice-data = What data
me-notice-basis = Legal basis
me-notice-retention = How long it is kept
me-notice-automated = Decides without a person
me-notice-who = Who sees it
me-notice-who-text = The staff who run the system see your own data. The works council, its experts and inspectors see only totals of groups of at least 10 people, under pseudonyms.
me-rights = Your rights
me-rights-text = You may see your data (GDPR art 15), have it corrected (art 16) or erased (art 17), take it with you (art 20), object (art 21), and not be judged by a machine alone: ask for a person to look again and contest the decision (art 22; AI Act art 86). You may complain to the Autoriteit Persoonsgegevens.
me-held = What is held about you
me-held-category = Data
me-held-month = Month
me-held-count = Number
me-category-events = events “{ $kind }”
me-category-decisions = decisions about you
me-category-attributes = details about you (contract, team, …)
me-category-contests = your contests
me-use = How the algorithm uses it
me-shifts = Your latest shifts
me-shift-sentence = On { $date } you worked from { $start } to { $end } and recorded { $units } × { $kind }: { $rate } an hour, where the target is { $target }.
me-shift-break-ok = You paused { $pause } minutes; the law requires { $required } for a shift this long.
me-shift-break-missed = You paused { $pause } minutes where the law requires { $required } for a shift this long.
me-shift-pause = You paused { $pause } minutes.
me-more-shifts = { $n } earlier shifts
me-standing = Over { $shifts } shifts your average was { $mean } { $kind } an hour; the target is { $target }.
me-flagged-stable = The system puts you among the lowest { $share } %: you are flagged. Redrawn from your own shifts { $resamples } times, you are flagged again in { $again } % of them: the flag is stable.
me-flagged-unstable = The system puts you among the lowest { $share } %: you are flagged. But redrawn from your own shifts { $resamples } times, you are flagged again in only { $again } % of them: the flag is more chance than difference.
me-not-flagged = You are not among the lowest { $share } %. Redrawn from your own shifts { $resamples } times, you would be flagged in { $again } % of them.
me-decisions = Decisions about you
me-no-decisions = No decision about you is recorded.
me-decision-automated = taken by the system
me-decision-human = taken by a person
me-decision-unknown = not recorded whether a person took it
me-decision-reviewed = checked by a person
me-decision-reviewed-seconds = checked by a person in { $seconds } seconds
me-decision-not-reviewed = not checked by a person
me-decision-overturned = overturned
me-decision-reason = Reason recorded:
me-no-reason = no reason recorded
me-contest = Contest this decision
me-contest-reason = Why you disagree
me-contest-deadline = Your employer must answer in writing, with reasons, by { $deadline }.
me-contest-button = Contest
me-contested = You contested this decision.
me-contests = Your contests
me-no-contests = You have not contested a decision.
me-access = Who looked at your data
me-access-note = Every time anyone reads your personal data it is written here. The log cannot be changed without it showing.
me-access-command-line = the command line (inzage user …)
me-access-who = Who
me-access-what = What
me-rows-events = events
me-rows-shifts = shifts
me-rows-decisions = decisions
me-rows-page = Page { $page } of { $pages }; { $total } rows in all.
page-previous = Previous
page-next = Next
col-time = Time
col-kind = Kind
col-quantity = Quantity
col-date = Date
col-start = Start
col-end = End
col-units = Units
col-rate = Per hour
col-target = Target
col-pause = Pause (min)
col-required-break = Break required (min)
col-score = Score
col-reason = Reason
archive-readme = Your data from inzage, as your employer's systems hold it (GDPR art 20). Pseudonym: { $worker }. data.json holds everything; events.csv the events recorded about you; shifts.csv your shifts as the audit computes them; decisions.csv the decisions about you with their reasons; access-log.csv who read your data.

## Contests
contest-title = Contest
contest-open = open
contest-answered = answered
contest-due = Answer due by { $deadline }.
contest-overdue = overdue
contest-opened = Your contest (number { $id }) is opened. You will find the answer here.
contest-refused = The contest could not be opened: choose one of your own decisions and write why you disagree.
contest-step-opened = Contested
contest-step-answered = Answered
contest-outcome-upheld = Decision upheld
contest-outcome-overturned = Decision overturned
contest-answer = Answer in writing
contest-answer-text = The answer, with the reasons
contest-answer-button = Send the answer
contest-answer-needed = Choose upheld or overturned and write the reasons.
contest-already-answered = This contest has been answered already.
contests-title = Contests
contests-lead = Workers' contests of decisions, the earliest deadline first. Each must be answered in writing, with reasons.
contests-open = Open
contests-answered = Answered
contests-none = No open contests.
home-login = Log in to see the register, your own data or the audits
nav-account = My account
account-title = My account
account-change = Change your password
account-current = Your current password
account-change-note = After the change you log in again, everywhere.
account-change-button = Change password
account-current-wrong = Your current password is not right.

# The look: the skip link and the legend of the outcome radio group.
skip-to-content = Skip to content
contest-outcome = Outcome

## The efficiency view (issue 12)
system-efficiency-link = The flow of work, anonymised
efficiency-title = The flow of work
efficiency-lead = How work flows through each group hour by hour, from figures with noise added, never from one worker: units per hour, long waits, and how many hours reach the norm. Each view spends part of a privacy budget the first time it is shown; after that it is the same view at no cost.
efficiency-choose = What to show
efficiency-by = Groups by
efficiency-per = Per
efficiency-per-hour = hour of the day
efficiency-per-weekday = day of the week
efficiency-show = Show
efficiency-budget = Privacy budget for this data set: ε { $spent } used of { $total }, ε { $left } left.
efficiency-release-heading = Not shown yet
efficiency-cost = This view has not been released for you yet. Releasing it spends ε { $cost } of the budget, once: everyone in your audience then sees the same figures.
efficiency-release = Release this view
efficiency-spent = This view would cost ε { $cost }, and only ε { $left } is left. Nothing was released. The budget is per data set and audience; views released before can still be seen.
efficiency-intro = Groups by { $attribute }, per { $slot }, for the norm of { $norm } { $kind } an hour, over { $days } days. Every figure has noise added and is shown with its 95 % interval in brackets. The noise hides what any one worker did on any one day (ε { $epsilon } per worker-day for this view): a worker's day counts for at most { $hours } clock hours, and an hour for at most { $units } units.
efficiency-cached = Released for your audience: showing it again costs nothing, and it stays the same.
efficiency-hidden-groups = { $count ->
    [one] One group is left out: it has fewer than { $min } workers, or showing it would let a smaller one be worked out.
   *[other] { $count } groups are left out: they have fewer than { $min } workers, or showing them would let a smaller one be worked out.
}
efficiency-too-noisy = too few hours to tell
efficiency-col-hour = Hour
efficiency-col-weekday = Day
efficiency-col-units = Units per hour
efficiency-col-hours = Hours worked
efficiency-col-idle = Waits of 10 min or more, per hour
efficiency-col-at-norm = Hours at the norm
efficiency-noise-heading = The noise
efficiency-noise-intro = Each measure is released with discrete Laplace noise (OpenDP). The bound is the most one worker's day can change the measure, over the whole view together; the scale is that bound divided by the measure's ε. The 95 % interval of a count is the count ± the number shown; a ratio's interval is taken from the intervals of its two counts.
efficiency-col-measure = Measure
efficiency-col-sensitivity = Bound per worker-day
efficiency-col-scale = Noise scale
efficiency-col-ci = 95 % interval
efficiency-measure-hours = Hours worked
efficiency-measure-units = Units
efficiency-measure-idle = Waits of 10 min or more
efficiency-measure-at_norm = Hours at the norm
efficiency-back = Back to the system
efficiency-bad-attribute = Choose one of the attributes in the list: that one makes no groups.
efficiency-bad-slot = Choose per hour or per day of the week.
efficiency-no-norm = This system has no production norm, so there is no flow to show.
efficiency-bad-norm = This system's norm is over a million units an hour, which no real norm is: correct the register first.
efficiency-no-events = No monitoring data has been imported yet.
efficiency-no-attributes = The workers file has no attribute to group by.
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday

## The consent dossier (WOR art 27) and the advice report.
nav-dossiers = Consent dossiers
dossiers-title = Consent dossiers
dossiers-lead = Before a monitoring system runs, the works council must consent (WOR article 27(1)(k) and (l)). A dossier holds one request: what was asked, the four checkpoints with their evidence, the questions to the employer, the decision and its conditions, checked again at every import.
dossiers-none = There are no dossiers yet.
dossiers-col-system = System
dossiers-col-requested = Requested
dossiers-col-status = Status
dossiers-col-attention = Needs attention
dossiers-broken = { $n ->
    [one] 1 condition broken
   *[other] { $n } conditions broken
}
dossiers-overdue = { $n ->
    [one] 1 request overdue
   *[other] { $n } requests overdue
}
dossiers-changed = { $n ->
    [one] 1 change since the request
   *[other] { $n } changes since the request
}
dossiers-open = Open a dossier
dossiers-open-note = The privacy officer opens one when the employer asks for consent; the works council opens one itself when the employer never asked. The dossier keeps the system as the register states it today: later changes show as changes since the request.
dossiers-requested-on = Date consent was asked (or the council started)
dossiers-open-button = Open the dossier
dossier-title = Consent dossier
dossier-system-page = The system in the register
dossier-broken-alert = { $n ->
    [one] One condition of the consent is broken by the data now loaded.
   *[other] { $n } conditions of the consent are broken by the data now loaded.
}
dossier-overdue-alert = { $n ->
    [one] One information request is past its due date without an answer.
   *[other] { $n } information requests are past their due date without an answer.
}
dossier-download-pdf = Advice report (PDF)
dossier-download-html = Advice report (HTML)
dossier-download-json = Advice report (JSON)
dossier-unchanged = The system in the register has not changed since the request.
dossier-checkpoints-note = The evidence is gathered from the rulebook's findings and the audit of the data now loaded; it changes when new data is imported.
dossier-audit-link = The full audit report
dossier-no-evidence = No finding or figure speaks to this checkpoint yet.
dossier-col-figure = Figure or finding
dossier-col-source = Source
dossier-save-checkpoint = Save the verdict
dossier-answer-label = The employer's answer
dossier-answer-button = Send the answer
dossier-ask = Ask the employer (WOR article 31)
dossier-due-label = Answer due by
dossier-due-note = Leave empty for two weeks from today.
dossier-ask-button = Send the request
dossier-rule-questions = { $n ->
    [one] 1 question from the rulebook: a fact the register does not state
   *[other] { $n } questions from the rulebook: facts the register does not state
}
dossier-ask-this = Ask the employer this
dossier-no-expert = No expert has been invited.
dossier-expert-link = Send this link to the expert. It works once and expires in 72 hours; it is not shown again.
dossier-invite-expert = Invite an expert (WOR article 16)
dossier-expert-note = The employer pays for an expert the council reasonably needs, but must be told of the costs in advance (WOR article 22(2)). The cost estimate you enter here goes into the dossier and the advice report as that notice.
dossier-expert-name = The expert's account name
dossier-expert-cost = Cost estimate, for the notice to the employer
dossier-invite-button = Invite the expert
dossier-nullity-note = If the employer applies the system without consent, the decision is void, but only if the council invokes nullity in writing within one month of the employer's written notice, or, without a notice, of the day the council learned of it (WOR article 27(5)). A month that ends on a Saturday, a Sunday or a general holiday runs to the next working day (Algemene termijnenwet).
dossier-nullity-start = Start the nullity clock
dossier-nullity-from = The date of the notice, or the day the council learned of it
dossier-nullity-how = How the council learned of it
dossier-nullity-button = Start the clock
dossier-decide = Record the decision
dossier-catalogue = Conditions from the catalogue
dossier-catalogue-note = Tick the conditions to attach. Each has a check that inzage evaluates against the data at every import; adapt the check (a CEL expression), for example the number in a target. The names a check can read are described in docs/conditions.md.
dossier-own-condition = A condition of the council's own
dossier-own-id = Short name (letters, digits, dashes)
dossier-own-nl = The condition in Dutch
dossier-own-en = The condition in English
dossier-decide-button = Record the decision
dossier-change-function = New function: { $name }
dossier-change-enabled = Function switched on: { $name }
dossier-change-data = New data: { $data }
dossier-change-target = New target: { $kind } { $per_hour } an hour
dossier-change-higher = Higher target: { $kind } from { $from } to { $to } an hour
dossier-change-decision = New decision: { $decision }
dossier-change-purpose = New purpose: { $purpose }
dossier-asked-purposes = Purposes: { $list }
dossier-asked-data = Data: { $list }
dossier-asked-function = Function: { $name } ({ $status })
dossier-asked-target = Target: { $kind } { $per_hour } an hour ({ $seconds } seconds a unit)
dossier-asked-decisions = Decisions: { $list }
dossier-evidence-norm = Norm attainment
dossier-evidence-toilet = The toilet test (break penalty)
dossier-evidence-breaks = Legal breaks
dossier-evidence-cnil = What the data makes visible (CNIL indicators)
dossier-evidence-cnil-line = Rapid scans: { $rapid }; waits of 10 minutes or more: { $idle }; short pauses: { $short }
dossier-evidence-review = Human review of automated decisions
dossier-evidence-rubber-stamp = This looks like a rubber stamp: a review that overturns nothing and takes under 30 seconds.
dossier-evidence-reliability = Does the score measure the worker? (reliability)
dossier-evidence-flags = Are the flagged workers flagged by chance? (flag stability)
dossier-evidence-disparity-label = Differences between groups
dossier-evidence-disparity-none = None of { $tables } group comparisons shows a group treated differently (ratio outside 0.8–1.25).
dossier-evidence-disparity = { $n } of { $tables } group comparisons show a group treated differently (ratio outside 0.8–1.25): { $list }
dossier-answered-by = { $date }, { $name }
dossier-question-from-rule = { $title }: { $message }
dossier-nullity-left = The employer applies the system without consent: the council learned of it on { $from }, { $how }. The month to invoke nullity ends on { $ends }: { $days ->
    [one] 1 day left
   *[other] { $days } days left
}.
dossier-nullity-passed = The month to invoke nullity, from { $from } ({ $how }), ended on { $ends }, { $days ->
    [one] 1 day ago
   *[other] { $days } days ago
}.
dossier-opened-employer = The employer asked for consent on { $date }; the dossier was opened by { $name } on register version { $version }.
dossier-opened-council = The works council opened this dossier itself on { $date } ({ $name }), on register version { $version }: the employer did not ask for consent.
dossier-cost-notice = Notice to the employer (WOR article 22(2)): the works council has engaged { $name } as its expert; the expected cost is { $cost }.
dossier-unknown-system = That system is not in the register.
dossier-future-date = That date is in the future.
dossier-decided = This dossier is decided; a new request for consent is a new dossier.
dossier-question-empty = Write the question.
dossier-due-past = The due date has passed already; choose today or later.
dossier-answer-empty = Write the answer.
dossier-answered = This request has been answered already.
dossier-reasons-empty = Give the council's reasons.
dossier-conditions-missing = Consent with conditions needs at least one condition: tick one from the catalogue or write one.
dossier-conditions-unwanted = Conditions go with "granted with conditions" only: choose that, or untick the conditions.
dossier-conditions-duplicate = Two conditions have the same short name.
dossier-cost-empty = Give the cost estimate: the employer must be told of it in advance.
dossier-bad-date = Give a date as year-month-day.
dossier-bad-verdict = Choose a verdict from the list.
dossier-bad-outcome = Choose refused, granted, or granted with conditions.
dossier-condition-invalid = A condition cannot be used: { $message }
advice-title = Advice of the works council
advice-request = The request
advice-checkpoints = The four checkpoints
advice-findings = Findings, with the articles to cite
advice-requests = Information requests (WOR article 31)
advice-decision = Decision
advice-conditions = Conditions
advice-nullity = Nullity (WOR article 27(5))
advice-evidence = Evidence
advice-verdict = Verdict
advice-notes = Notes
advice-question = Question
advice-asked = Asked
advice-due = Due
advice-answer = Answer
advice-state = State
advice-condition = Condition
advice-check = Check
advice-none = None.
advice-page = Page
advice-generated = Made on
advice-changes = Changed since the request
advice-letters = Articles that apply
advice-expert = Expert (WOR article 16)
advice-reasons = Reasons
advice-rule = Rule
advice-citation = Source
advice-severity = Severity
advice-charts = Charts
advice-undecided = The works council has not decided yet.
home-broken-conditions = { $n ->
    [one] One condition of a consent is broken by the data now loaded.
   *[other] { $n } conditions of consents are broken by the data now loaded.
}
advice-register = Register version
advice-invited = Invited
advice-value = Figure or finding
dossier-bad-learned = Choose how the council learned of it from the list.
condition-adapted = { $text } (adapted by the works council: { $check })
dossier-change-subject = New people it concerns: { $subject }
dossier-change-monitoring = Records { $to }, where the request said { $from }
dossier-change-retention = { $data } kept { $to } days, where the request said { $from }
dossier-change-automated = Now decided by the system alone: { $decision }
condition-absent = absent
condition-why-no-audit = there is no audit report (no norm, or no monitoring data loaded)
condition-why-absent = { $path } is not there
condition-why-null = { $path } has no value
condition-why-not-in-list = { $path } is not there (the list has { $items ->
    [one] 1 item
   *[other] { $items } items
})
condition-why-not-boolean = the check gave { $got }, not true or false
condition-why-failed = the check failed: { $message }

## Imports that survive failure and bad data (security review, issue #16)
me-unavailable = The figures of { $system } cannot be shown now: its monitoring data could not be read. Your other data is here as always; the privacy officer can see the cause in the portal's log.
history-unreadable = This version is stored but cannot be read (it was stored by an older inzage or changed by hand); it is left out, and the next version is compared with the one before it.

## The access log and the accounts' lifecycle (security review M6, M4, M11, M5, L12, L7)
advice-anchor = Access log head when this report was made (COUNT:HASH; “inzage verify-log --expect” checks that nothing before it was changed or cut):
dossiers-log-head-title = The access log's head
dossiers-log-head = Every read of a worker's personal data is written to the access log, each entry linked to the one before under a key kept outside the database. Note this head down with its date: later, “inzage verify-log --expect” with it shows whether anything before it was changed or cut from the end.
invite-name-control = A name cannot hold control characters (a TAB, a new line).
invite-worker-taken = This worker already has an account. Disable the other account first; one worker, one account.
token-days = A token lasts 1 to 366 days.
token-disabled = This account is disabled.
contest-one-open = This decision already has an open contest: its answer comes first.
contest-too-many = You opened the most contests allowed in one day. Try again tomorrow.
contest-answer-too-long = The answer may have at most 5,000 characters.

## Login, HTTP hardening and second factors (security review, issue #16)
login-slowed = Too many failed attempts for this account: wait { $seconds ->
    [one] a second
   *[other] { $seconds } seconds
} and try again.
login-busy = Many logins are being checked at this moment: try again in a few seconds.
refused-host = This address is not where this portal is served. Use the portal's own address.
second-title = Second factor
second-lead = With a second factor, a login asks for your password and for a six-digit code from an app on your phone (such as Google Authenticator, Microsoft Authenticator, FreeOTP or 2FAS). Someone who learns your password still cannot log in as you.
second-off-status = A second factor is not set up for your account.
second-on-title = Your second factor is on
second-on = A login asks for a code from your app. { $left ->
    [one] You have 1 unused recovery code.
   *[other] You have { $left } unused recovery codes.
}
second-manage = Manage your second factor
second-required-first = This portal requires a second factor for your role: set it up before you continue.
second-start-lead = Set it up now: it takes a minute and an app on your phone.
second-start-button = Set up a second factor
second-setup-title = Set up your app
second-setup-app = Install an authenticator app on your phone, if you have none.
second-setup-scan = In the app, add an account and scan this QR code.
second-setup-type = Cannot scan? Type this key into the app instead:
second-setup-confirm = Type the six-digit code the app now shows, to check that it works.
second-qr-label = QR code to scan with your authenticator app
second-confirm-button = Check the code and turn on
second-code = Code
second-code-help = The six digits your app shows now, or one of your recovery codes.
second-code-button = Log in
second-code-wrong = That code is not right. Type the code your app shows now (a code can be used once), or an unused recovery code.
second-not-started = Start setting up first.
second-already-on = A second factor is already on for this account.
second-required = This portal requires a second factor for your role: it cannot be turned off.
second-codes-title = Your recovery codes
second-codes-lead = Write these codes down or print them, and keep them apart from your phone. If you lose your phone, each code lets you log in once instead of a code from the app. They are shown only now.
second-codes-done = I have kept them: back to my account
second-renew-title = New recovery codes
second-renew-button = Make new recovery codes
second-off-title = Turn the second factor off
second-off-note = Your account is then protected by your password alone.
second-off-button = Turn off
second-login-title = Your code
second-login-lead = Your password was right. Now type the six-digit code your authenticator app shows for inzage.
second-login-gone = No login is waiting for a code here: it was not started, it was used, or more than five minutes passed. Log in again with your name and password.
second-login-lost = Lost your phone and your recovery codes? Ask the privacy officer for a new invitation: it resets your password and your second factor.
refused-second-factor = Set up a second factor first: this portal requires one for your role.
account-active-second = active, with a second factor
account-disabled = disabled
people-actions = Actions
people-reinvite = Invite again
people-reinvite-label = Invite again: { $name }
people-disable = Disable
people-disable-label = Disable: { $name }
people-reinvited = { $name } is invited again: their password, second factor, sessions and tokens ended now. Send them the link below.
people-disabled = { $name } is disabled: their sessions and tokens ended and they can no longer log in. “Invite again” enables the account once more.
people-self = Not your own account: change your password and second factor under My account.
people-no-account = There is no account with that name.
welcome-title = Your own page: make your account
welcome-lead = Type the code from your letter. With it you make your own account, once; then you see your own data.
welcome-code = Code from your letter
welcome-code-note = Twelve letters and digits, such as K7QM-3XTP-9ARW. Capitals and dashes do not matter.
welcome-next = Next
welcome-account-lead = The code is right. Choose a name and a password for your own account. Only you will see your page.
welcome-name = Your login name
welcome-name-note = Any name you will remember. Others who use inzage can see it in the access log.
welcome-create = Make my account
welcome-used = This code was used on { $date } and works only once. If you did not use it yourself, tell the privacy officer.
welcome-expired = This code ended on { $date }. Ask the privacy officer for a new letter.
welcome-unknown = There is no such code. Check what you typed; if your letter is older than another one you got, use the newest.
welcome-has-account = You already have an account. Log in with it; if you forgot the password, ask the privacy officer.
login-welcome = Got a letter with a code? Make your account
public-title = Public register of algorithms
public-lead = The computer systems { $organisation } uses to record, plan or judge work, as its register stood on { $date }. Nothing in it is about any one person.
public-standard = In the fields of the Dutch Algorithm Register's publication standard 1.0, in Dutch and English.
public-json = The same as JSON
public-off = This organisation does not publish its register.
public-findings = What the rulebook finds
public-no-findings = The rulebook finds nothing to report.
public-description_short = Description
public-status = Status
public-publication_category = Category
public-begin_date = In use since
public-goal = Purposes
public-lawful_basis = Legal ground
public-proportionality = Proportionality
public-human_intervention = Human involvement
public-impacttoetsen = Impact assessments
public-source_data = Data used
public-methods_and_models = Methods
public-provider = Provider
public-category-high-risk = High-risk AI system
public-category-impactful = Impactful algorithm
public-category-other = Other algorithm
public-admin-lead = Anyone may read the public register, without logging in. It shows the register's systems in the Algorithm Register's fields, never anything about a person; the findings only if you choose so.
public-admin-choose = What to publish
public-choice-off = Nothing (the page is not found)
public-choice-register = The register's systems
public-choice-with_findings = The systems and the rulebook's findings about them
public-admin-save = Save
public-choice = Choose one of the three.
yearly-title = Transparency report { $year } · { $organisation }
yearly-subtitle = Made on { $date }. The access log's head then: { $head }.
yearly-systems = Systems in use
yearly-systems-lead = { $n ->
    [one] 1 system was
   *[other] { $n } systems were
} in use during the year. The findings are the rulebook's, on the register in force on the year's first and last day, by the law on that day.
yearly-col-system = System
yearly-col-start = Findings at the start
yearly-col-end = Findings at the end
yearly-col-changes = What changed
yearly-no-change = nothing
yearly-not-registered = not yet registered
yearly-severities = { $violation ->
    [one] 1 violation
   *[other] { $violation } violations
}, { $risk ->
    [one] 1 risk
   *[other] { $risk } risks
}, { $advice } advice
yearly-added = added to the register (version { $version })
yearly-switched-on = function switched on: { $function }
yearly-dossiers = Consent of the works council
yearly-dossiers-lead = { $n ->
    [one] 1 consent dossier was
   *[other] { $n } consent dossiers were
} opened or decided during the year.
yearly-conditions = Conditions of consent: broken { $broken ->
    [one] once
   *[other] { $broken } times
}, restored { $restored ->
    [one] once
   *[other] { $restored } times
}.
yearly-col-requested = Consent requested
yearly-col-decision = Decision
yearly-contests = Contested decisions
yearly-contests-line = { $opened ->
    [one] 1 decision contested
   *[other] { $opened } decisions contested
}; { $answered } answered ({ $upheld } upheld, { $overturned } overturned), in a median of { $median } days; { $overdue } answered late or still open past their deadline.
yearly-reads = Reads of personal data
yearly-reads-lead = { $n } reads of a worker's personal data were logged, by the reader's role.
yearly-col-role = Role
yearly-col-reads = Reads
yearly-notices = Notices to workers
yearly-notices-line = { $runs ->
    [one] Notices were made once
   *[other] Notices were made { $runs } times
}: { $letters ->
    [one] 1 letter
   *[other] { $letters } letters
}, { $invitations } with a personal invitation.
yearly-audits = The audits, in aggregate
yearly-audits-lead = On the data loaded now. Groups of fewer than { $min } workers are never shown or counted.
yearly-col-attainment = Shifts meeting the norm
yearly-col-penalty = Break penalty
yearly-col-disparate = Disparate group comparisons
yearly-page-title = Yearly transparency reports
yearly-page-lead = The employer's report over a calendar year: systems and changes, findings, consent, contests, reads of personal data, notices and the audits in aggregate. Counts only, never a person.
yearly-year = Year
nav-reports = Reports
rie-pace = Share of rated shifts that meet the production norm (the rest fall short of it).
rie-targets = Seconds per unit the production norm allows.
rie-penalty = Break penalty: among shifts that need a legal break, the share meeting the norm with the break minus without it, in percentage points (negative: the norm is reached by skipping breaks).
rie-missing = Shifts without the legal break.
rie-rapid = Share of events that follow the previous one within 1.25 seconds.
rie-idle = Gaps of 10 minutes or more inside shifts: what continuous monitoring makes visible.
rie-state-holds = holds
rie-state-broken = broken
rie-state-unknown = unknown

audit-col-holm = p after Holm
audit-holm = A group is marked only when its ratio is outside 0.8–1.25 and the difference is significant after Holm's correction for all { $tests } comparisons in this report (at 5 %). A mark says: this group's rate differs from the reference's by more than the four-fifths band, and by more than chance explains among everything compared. It does not say why, nor that the system caused it; and no mark does not prove there is no difference — small groups show little.
audit-measures = Measures per period
audit-measures-intro = Each worker counts once, by the mean of their periods. Groups are compared with the largest group (or the one asked for) by Welch's t-test and the Mann–Whitney U test; groups of fewer than { $min } workers are never shown. A difference is marked when Welch's test is significant after Holm's correction for all { $tests } comparisons in this report (at 5 %). A mark does not say why, nor that the system caused it.
audit-measure-summary = { $rows } rows of { $workers } workers over { $periods } periods ({ $first } to { $last }); median of the workers' means: { $median }.
audit-measure-attainment = The value reached the row's target in { $share } of { $rows } rows, over { $periods } periods shown.
audit-measure-hidden-periods = { $hidden ->
    [one] 1 period with too few workers is left out.
   *[other] { $hidden } periods with too few workers are left out.
}
audit-measure-reference = By { $attribute }: reference { $group } ({ $n } workers, mean { $mean }).
audit-col-mean = mean
audit-col-median = median
audit-col-difference = difference
audit-differs = differs
audit-linkage = Who is compared: { $population } of the { $workers } workers in the workers file. { $parts }
audit-linkage-events = { $count ->
    [one] 1 worker with events is not in the workers file, and so in no group.
   *[other] { $count } workers with events are not in the workers file, and so in no group.
}
audit-linkage-decisions = { $count ->
    [one] 1 decision is about a worker not in the workers file.
   *[other] { $count } decisions are about workers not in the workers file.
}
audit-linkage-measures = { $count ->
    [one] 1 measure row is about a worker not in the workers file.
   *[other] { $count } measure rows are about workers not in the workers file.
}
audit-no-events = No events were given: this report is about the decisions and measures only, so it has no production norms, breaks or CNIL indicators.
audit-asked-attributes = Attributes compared: { $attributes }.
audit-asked-population = Only the workers for whom { $condition } holds.
audit-asked-reference = Reference groups asked for: { $reference }.
audit-asked-outcomes = Decisions counted together: { $outcomes }.

## A portal of many organisations (serve over a folder of many)

nav-overview = Overview
organisation-shown = Organisation
organisation-switch = choose another
organisation-none = Choose an organisation first: send its code in the Inzage-Organisation header.
organisations-title = Choose your organisation
organisations-lead = This portal serves several organisations, each with its own accounts and data. Type the code of yours.
organisations-code = Organisation code
organisations-code-hint = It is in the link of your invitation or letter, right after /o/.
organisations-button = Go on
organisations-private = The portal does not list its organisations: which employers it holds is not public.
organisations-unknown = No organisation has the code “{ $code }”. Check the link of your invitation or letter.
overview-filters = Filter the overview
overview-any = any
overview-sort = Order
overview-apply = Show
overview-bad-filter = The overview cannot be filtered that way: choose a size and an order from the lists.
overview-how-to-open = The code in brackets after each name opens that organisation (choose another at the top). You log in to each organisation on its own: your grant made you an account in each.
