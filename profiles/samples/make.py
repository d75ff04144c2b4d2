#!/usr/bin/env python3
"""Writes the sample files of the built-in profiles (`profiles/*.toml`).

Every value here is made up: the identifiers, the people and their numbers are drawn from
seeded random generators, so running this again writes the same files byte for byte
(`python3 profiles/samples/make.py`). The files are small on purpose (tens to a few hundred
rows) but each has at least 30 workers, and the attributes used for groups have groups of at
least 10, so that an audit of a sample shows groups (inzage hides groups under 10).

The dates fall in February and March 2026 before the change to summer time (29 March), so that
local times have one offset throughout.

Each generator checks what the tests in `crates/inzage/tests/it/profiles.rs` rely on: groups of
at least 10, enough workers above and below the norm the test uses, no rate equal to it.
"""

import csv
import datetime as dt
import io
import os
import random
import statistics

HERE = os.path.dirname(os.path.abspath(__file__))

# The norms the tests pass with --target (kept here so the checks below match them).
WMS_TARGET = ("PICK", 45.0)
ACTIVTRAK_TARGET = ("productive", 900.0)
UBER_TARGET = ("completed", 1.1)
HR_TARGET = ("scan", 40.0)

WEEKDAYS = [dt.date(2026, 3, d) for d in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13)]


def write(name, header, rows, delimiter=","):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    print(f"{name}: {len(rows)} rows")


def unique_ids(rng, n, make):
    seen, out = set(), []
    while len(out) < n:
        v = make(rng)
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


def split(values, counts):
    """`values` dealt out as counts[k] copies of each key k, shuffled order kept by the caller."""
    out = []
    for k, c in counts:
        out += [k] * c
    assert len(out) == len(values), (len(out), len(values))
    return out


# ---------------------------------------------------------------------------------------------
# Shifts: the audit's definition, to check the samples (the Rust test recomputes it on its own).


def shifts_of(events, gap_s=4 * 3600):
    """events: [(datetime, kind, qty)] of one worker → [(duration_s, {kind: (units, count)})]."""
    events = sorted(events, key=lambda e: e[0])
    out, cur, last, start = [], None, None, None
    for t, kind, q in events:
        if last is None or (t - last).total_seconds() > gap_s:
            if cur is not None:
                out.append(((last - start).total_seconds(), cur))
            cur, start = {}, t
        u, c = cur.get(kind, (0.0, 0))
        cur[kind] = (u + q, c + 1)
        last = t
    if cur is not None:
        out.append(((last - start).total_seconds(), cur))
    return out


def rated_rates(events, kind):
    rates = []
    for dur, kinds in shifts_of(events):
        if dur > 0 and kind in kinds:
            rates.append(kinds[kind][0] / (dur / 3600.0))
    return rates


def check_norm(by_worker, kind, per_hour, groups=None, label=""):
    """Checks the sample against the norm: rates not on it, both sides of it well filled, and
    per attribute every group of workers with a mean rate at least 10 (groups: {attr: {worker: value}})."""
    means = {}
    for w, evs in by_worker.items():
        rates = rated_rates(evs, kind)
        for r in rates:
            assert abs(r - per_hour) > 1e-6, (label, w, r)
        if rates:
            means[w] = sum(rates) / len(rates)
    all_rates = [r for evs in by_worker.values() for r in rated_rates(evs, kind)]
    meeting = sum(r >= per_hour for r in all_rates)
    print(f"  {label}: {len(all_rates)} shifts rated for {kind}, {meeting} meeting {per_hour}/h, "
          f"median {statistics.median(all_rates):.1f}")
    assert 0.25 < meeting / len(all_rates) < 0.75, label
    if groups:
        known = [w for w in means if w in next(iter(groups.values()))]
        below = sum(means[w] < per_hour for w in known)
        assert below >= 10 and len(known) - below >= 10, (label, below, len(known))
        for attr, values in groups.items():
            counts = {}
            for w in known:
                counts[values[w]] = counts.get(values[w], 0) + 1
            assert min(counts.values()) >= 10, (label, attr, counts)
            print(f"  {label}: {attr} {dict(sorted(counts.items()))}, {below} of {len(known)} below the norm")


def shift_events(rng, start, n, kinds, gap_min=(8, 55)):
    """n events from `start`, gaps drawn in minutes (and seconds); kinds: [(kind, weight)]."""
    t = start + dt.timedelta(minutes=rng.randint(0, 20), seconds=rng.randint(0, 59))
    out = []
    for i in range(n):
        if i:
            t += dt.timedelta(minutes=rng.randint(*gap_min), seconds=rng.randint(0, 59))
        kind = rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
        out.append((t, kind))
    return out


# ---------------------------------------------------------------------------------------------
# 1. A WMS scanner/transaction log: semicolons, day-month-year times, empty units.


def wms():
    rng = random.Random(4101)
    ids = unique_ids(rng, 39, lambda r: "OP%04d" % r.randint(1000, 9999))
    in_file, unknown = ids[:38], ids[38]
    with_events = in_file[:36] + [unknown]
    contract = dict(zip(in_file, split(in_file[:36], [("permanent", 14), ("temporary", 12), ("agency", 10)])
                        + ["permanent", "temporary"]))
    team = {w: ("Inbound" if i % 2 == 0 else "Outbound") for i, w in enumerate(in_file)}
    fast = {w: (i % 2 == 1) for i, w in enumerate(with_events)}
    # Shift starts: early 06:00, late 14:00, night 22:00 (runs past midnight).
    starts = [dt.time(6, 0), dt.time(14, 0), dt.time(22, 0)]
    kinds = [("PICK", 75), ("PUTAWAY", 15), ("MOVE", 10)]
    events = []  # (time, worker, kind, units text, task, location)
    by_worker = {}
    for i, w in enumerate(with_events):
        days = sorted(rng.sample(WEEKDAYS[:5], 2))
        evs = []
        for s, day in enumerate(days):
            start = dt.datetime.combine(day, rng.choice(starts))
            n = rng.randint(5, 7)
            shift = shift_events(rng, start, n, kinds)
            if s == 0:
                shift[0] = (shift[0][0], "PICK")  # every worker has a rated PICK shift
            if i == 0 and s == 1:
                shift = shift[:1]  # a shift of one event: duration 0, not rated
            if i == 1 and s == 1:
                shift = [(t, "PUTAWAY" if k == "PICK" else k) for t, k in shift]  # no PICK: not rated for it
            if i == 2 and s == 0:
                # A gap of exactly 4 hours: still the same shift (a new one starts after more than 4 h).
                t0 = shift[2][0]
                shift = shift[:3] + [(t + (t0 + dt.timedelta(hours=4) - shift[3][0]), k) for t, k in shift[3:]]
            if i == 3 and s == 1:
                # A gap of 4 hours and 1 second: a new shift on the same day.
                t0 = shift[2][0]
                shift = shift[:3] + [(t + (t0 + dt.timedelta(hours=4, seconds=1) - shift[3][0]), k)
                                     for t, k in shift[3:]]
            evs += shift
        for t, k in evs:
            if k == "PICK":
                units = rng.randint(25, 60) if fast[w] else rng.randint(10, 36)
            else:
                units = rng.randint(1, 20)
            text = "" if rng.random() < 0.04 else str(units)
            events.append((t, w, k, text, "%d" % rng.randint(100000000, 199999999),
                           "%s-%02d-%02d" % (rng.choice("ABCDEFGH"), rng.randint(1, 40), rng.randint(1, 6))))
        by_worker[w] = [(t, k, float(u) if u else 1.0) for t, ww, k, u, _, _ in events if ww == w]
    events.sort(key=lambda e: (e[0], e[1]))
    rows = [[w, t.strftime("%d-%m-%Y %H:%M:%S"), k, u, task, loc] for t, w, k, u, task, loc in events]
    write("wms-scanner-events.csv", ["OperatorID", "Timestamp", "TransactionType", "Units", "TaskID", "Location"],
          rows, delimiter=";")
    badges = unique_ids(rng, len(in_file), lambda r: "B-%05d" % r.randint(10000, 99999))
    write("wms-scanner-workers.csv", ["OperatorID", "Badge", "Team", "Contract"],
          [[w, badges[i], team[w], contract[w]] for i, w in enumerate(in_file)], delimiter=";")
    check_norm(by_worker, *WMS_TARGET, groups={"Contract": contract, "Team": team}, label="wms")


# ---------------------------------------------------------------------------------------------
# 2. A Viva Insights person query: one row per person and week (M/D/YYYY), HR attributes in every row.


def hexid(rng):
    h = "%032x" % rng.getrandbits(128)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def viva():
    rng = random.Random(2026)
    people = unique_ids(rng, 40, hexid)
    org = dict(zip(people, split(people, [("Finance", 14), ("Operations", 14), ("Sales", 12)])))
    fn = dict(zip(people, split(people, [("Specialist", 14), ("Advisor", 13), ("Manager", 13)])))
    level = dict(zip(people, split(people, [("Junior IC", 20), ("Senior IC", 20)])))
    # Shuffle the attribute combinations so the attributes are not aligned.
    for d in (fn, level):
        vals = list(d.values())
        rng.shuffle(vals)
        d.update(zip(people, vals))
    weeks = [dt.date(2026, 2, 1) + dt.timedelta(weeks=k) for k in range(6)]  # Sundays, as Viva's weeks
    rows = []
    for p in people:
        missing = rng.choice([None, None, None] + weeks)
        base = rng.gauss(17, 4) + (3 if level[p] == "Senior IC" else 0) + (2 if fn[p] == "Manager" else 0)
        after = rng.uniform(0.3, 2.0) + (1.5 if org[p] == "Sales" else 0)
        for wk in weeks:
            if wk == missing:
                continue
            collab = max(2.0, base + rng.gauss(0, 2.5))
            meeting = collab * rng.uniform(0.4, 0.6)
            email = collab * rng.uniform(0.2, 0.35)
            after_h = max(0.0, after + rng.gauss(0, 0.8))
            rows.append([p, f"{wk.month}/{wk.day}/{wk.year}", f"{collab:.4f}", f"{after_h:.4f}", f"{meeting:.4f}",
                         f"{email:.4f}", str(rng.randint(5, 90)), org[p], fn[p], level[p]])
    write("viva-person-query.csv",
          ["PersonId", "MetricDate", "Collaboration_hours", "After_hours_collaboration_hours", "Meeting_hours",
           "Email_hours", "Emails_sent", "Organization", "FunctionType", "LevelDesignation"], rows)


# ---------------------------------------------------------------------------------------------
# 3. Hubstaff activities: one row per user and 10-minute slot, seconds tracked and active.


def hubstaff():
    rng = random.Random(600)
    users = unique_ids(rng, 37, lambda r: str(r.randint(1000000, 1999999)))
    members, unknown = users[:35], users[35:]
    working = members[:34] + unknown
    team = dict(zip(members[:34], split(members[:34], [("Support", 12), ("Development", 12), ("Design", 10)])))
    contract = dict(zip(members[:34], split(members[:34], [("employee", 20), ("contractor", 14)])))
    vals = list(contract.values())
    rng.shuffle(vals)
    contract.update(zip(members[:34], vals))
    team[members[34]], contract[members[34]] = "Support", "employee"
    rows, ident = [], 88000000
    for u in working:
        level = rng.uniform(0.35, 0.85) - (0.08 if contract.get(u) == "contractor" else 0)
        project = rng.choice(["3011", "3012", "3047"])
        for day in sorted(rng.sample(WEEKDAYS[:5], rng.randint(2, 3))):
            t = dt.datetime.combine(day, dt.time(rng.randint(7, 10), 10 * rng.randint(0, 5)))
            n = rng.randint(3, 5)
            for k in range(n):
                tracked = 600 if 0 < k < n - 1 else rng.choice([600, 600, 540, 420, 300])
                ident += rng.randint(1, 9)
                if rng.random() < 0.04:
                    # Time added by hand: no input tracked, so no activity rate.
                    input_tracked, keyboard, mouse, overall, manual = 0, 0, 0, 0, tracked
                else:
                    share = min(1.0, max(0.05, rng.gauss(level, 0.12)))
                    input_tracked, manual = tracked, 0
                    overall = round(tracked * share)
                    keyboard = round(overall * rng.uniform(0.3, 0.9))
                    mouse = round(overall * rng.uniform(0.5, 1.0))
                # The slot's date where the user works (UTC+1 in this sample, the same date here).
                date = (t + dt.timedelta(hours=1)).date().isoformat()
                rows.append([str(ident), date, u, project, t.strftime("%Y-%m-%dT%H:%M:%SZ"), str(tracked),
                             str(input_tracked), str(keyboard), str(mouse), str(overall), str(manual), "0",
                             str(tracked)])
                t += dt.timedelta(minutes=10)
    rows.sort(key=lambda r: (r[4], r[2]))
    write("hubstaff-activities.csv",
          ["id", "date", "user_id", "project_id", "starts_at", "tracked", "input_tracked", "keyboard", "mouse",
           "overall", "manual", "idle", "billable"], rows)
    write("hubstaff-workers.csv", ["user_id", "team", "contract"], [[u, team[u], contract[u]] for u in members])


# ---------------------------------------------------------------------------------------------
# 4. An ActivTrak activity log: one row per application or site in use, durations as h:mm:ss.

APPS = [
    ("EXCEL.EXE", "", "Quarterly figures, draft - Excel", "Productive"),
    ("OUTLOOK.EXE", "", "Inbox - Outlook", "Productive"),
    ("chrome.exe", "intranet.example.com", "Timesheets - Intranet", "Productive"),
    ("chrome.exe", "docs.example.com", "Project plan, v3 - Docs", "Productive"),
    ("Teams.exe", "", "Weekly stand-up | Microsoft Teams", "Productive"),
    ("chrome.exe", "news.example.org", "Front page - News", "Unproductive"),
    ("chrome.exe", "video.example.net", "Watch - Video", "Unproductive"),
    ("explorer.exe", "", "Downloads", "Undefined"),
    ("chrome.exe", "search.example.com", "results - Search", "Undefined"),
]


def activtrak():
    rng = random.Random(3107)
    users = unique_ids(rng, 32, lambda r: "emp%04d@example.com" % r.randint(1000, 9999))
    rows, by_worker = [], {}
    for u in users:
        computer = "LT-%04d" % rng.randint(1000, 9999)
        focus = rng.uniform(0.35, 0.8)
        evs = []
        for day in sorted(rng.sample(WEEKDAYS, 2)):
            t = dt.datetime.combine(day, dt.time(rng.randint(7, 9), rng.randint(0, 59), rng.randint(0, 59)))
            for _ in range(rng.randint(5, 7)):
                prod = rng.random() < focus
                choices = [a for a in APPS if (a[3] == "Productive") == prod]
                exe, site, title, category = rng.choice(choices)
                secs = rng.randint(60, 25 * 60)
                rows.append([t.strftime("%Y-%m-%d %H:%M:%S"), u, computer, exe, site, title,
                             "%d:%02d:%02d" % (secs // 3600, secs % 3600 // 60, secs % 60), category])
                evs.append((t, category.lower(), float(secs)))
                t += dt.timedelta(seconds=secs + rng.randint(0, 40 * 60))
        by_worker[u] = evs
    rows.sort(key=lambda r: (r[0], r[1]))
    write("activtrak-activity-log.csv",
          ["Time", "User", "Computer", "Executable", "Website", "Title", "Duration", "Productivity"], rows)
    check_norm(by_worker, *ACTIVTRAK_TARGET, label="activtrak")


# ---------------------------------------------------------------------------------------------
# 5. Uber driver data: trips, pooled from several drivers' own downloads with a `driver` column.


def uber():
    rng = random.Random(1120)
    drivers = unique_ids(rng, 30, lambda r: "drv-%06x" % r.getrandbits(24))
    rows, by_worker = [], {}
    iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    for i, d in enumerate(drivers):
        evs = []
        for s, day in enumerate(sorted(rng.sample(WEEKDAYS, 2))):
            t = dt.datetime.combine(day, dt.time(rng.randint(5, 15), rng.randint(0, 59), rng.randint(0, 59)))
            n = 1 if (i == 0 and s == 1) else rng.randint(3, 6)
            for k in range(n):
                if k:
                    t += dt.timedelta(minutes=rng.randint(15, 75), seconds=rng.randint(0, 59))
                status = rng.choices(["completed", "rider_canceled", "driver_canceled"], [80, 12, 8])[0]
                if i == 1 and s == 1:
                    status = "rider_canceled"  # a session without a completed trip
                if status == "completed":
                    begin = t + dt.timedelta(minutes=rng.randint(3, 12), seconds=rng.randint(0, 59))
                    secs = rng.randint(8 * 60, 40 * 60)
                    drop = begin + dt.timedelta(seconds=secs)
                    miles = secs / 60 * rng.uniform(0.25, 0.5)
                    fare = 4 + miles * 1.6 + secs / 60 * 0.3
                    rows.append([d, "Amsterdam", rng.choice(["UberX", "UberX", "Comfort"]), status, iso(t),
                                 iso(begin), iso(drop), "%.2f" % miles, str(secs), "%.2f" % fare, "EUR"])
                else:
                    rows.append([d, "Amsterdam", "UberX", status, iso(t), "", "", "0.00", "0", "0.00", "EUR"])
                evs.append((t, status, 1.0))
        by_worker[d] = evs
    rows.sort(key=lambda r: (r[4], r[0]))
    write("uber-driver-trips.csv",
          ["driver", "city_name", "product_type_name", "status", "request_timestamp_utc", "begintrip_timestamp_utc",
           "dropoff_timestamp_utc", "trip_distance_miles", "trip_duration_seconds", "original_fare_local",
           "currency_code"], rows)
    check_norm(by_worker, *UBER_TARGET, label="uber")


# ---------------------------------------------------------------------------------------------
# 6. A generic HR export (columns as in IBM's HR Analytics sample), and events in inzage's own
#    columns for the same employees, to audit the two together.

ROLES = {
    "Research & Development": ["Research Scientist", "Laboratory Technician", "Manager"],
    "Sales": ["Sales Executive", "Sales Representative", "Manager"],
    "Human Resources": ["Human Resources", "Manager"],
}
FIELDS = ["Life Sciences", "Medical", "Marketing", "Technical Degree", "Human Resources", "Other"]


def hr():
    rng = random.Random(1470)
    numbers = sorted(unique_ids(rng, 40, lambda r: r.randint(1001, 1999)))
    staff = [str(n) for n in numbers]
    dept = dict(zip(staff, split(staff, [("Research & Development", 16), ("Sales", 13), ("Human Resources", 11)])))
    gender = dict(zip(staff, split(staff, [("Female", 19), ("Male", 21)])))
    vals = list(gender.values())
    rng.shuffle(vals)
    gender.update(zip(staff, vals))
    rows = []
    for e in staff:
        age = rng.randint(21, 60)
        level = rng.choices([1, 2, 3, 4, 5], [30, 30, 20, 12, 8])[0]
        role = "Manager" if level >= 4 else rng.choice([r for r in ROLES[dept[e]] if r != "Manager"])
        rows.append([str(age), rng.choice(["No"] * 5 + ["Yes"]),
                     rng.choice(["Travel_Rarely", "Travel_Rarely", "Travel_Frequently", "Non-Travel"]), dept[e],
                     str(rng.randint(1, 29)), str(rng.randint(1, 5)), rng.choice(FIELDS), "1", e, gender[e],
                     str(level), role, rng.choice(["Single", "Married", "Married", "Divorced"]),
                     str(1000 * level + rng.randint(1500, 4500)), rng.choice(["No", "No", "Yes"]), "80",
                     str(rng.randint(0, min(age - 18, 30)))])
    write("hr-export.csv",
          ["Age", "Attrition", "BusinessTravel", "Department", "DistanceFromHome", "Education", "EducationField",
           "EmployeeCount", "EmployeeNumber", "Gender", "JobLevel", "JobRole", "MaritalStatus", "MonthlyIncome",
           "OverTime", "StandardHours", "YearsAtCompany"], rows)
    assert len({r[0] for r in rows}) > 20, "Age has enough values to be binned"

    # Events: 38 of the 40 employees (both without events in R&D), and one id not in the file.
    with_events = [e for e in staff if dept[e] != "Research & Development"] + \
        [e for e in staff if dept[e] == "Research & Development"][:14] + ["2999"]
    kinds = [("scan", 85), ("pack", 15)]
    events, by_worker = [], {}
    for i, w in enumerate(with_events):
        fast = i % 2 == 0
        evs = []
        for s, day in enumerate(sorted(rng.sample(WEEKDAYS, 2))):
            start = dt.datetime.combine(day, dt.time(rng.choice([7, 8, 13])))
            shift = shift_events(rng, start, rng.randint(4, 6), kinds, gap_min=(10, 60))
            if s == 0:
                shift[0] = (shift[0][0], "scan")
            for t, k in shift:
                q = (rng.randint(20, 55) if fast else rng.randint(8, 30)) if k == "scan" else rng.randint(1, 6)
                evs.append((t, k, float(q)))
                events.append((t, w, k, q))
        by_worker[w] = evs
    events.sort(key=lambda e: (e[0], e[1]))
    write("hr-export-events.csv", ["worker", "time", "kind", "quantity"],
          [[w, t.strftime("%Y-%m-%d %H:%M:%S"), k, str(q)] for t, w, k, q in events])
    check_norm(by_worker, *HR_TARGET, groups={"Department": dept, "Gender": gender}, label="hr-export")


if __name__ == "__main__":
    wms()
    viva()
    hubstaff()
    activtrak()
    uber()
    hr()
