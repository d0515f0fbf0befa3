"""Reads mapa's calendars back with python3-icalendar (an independent reader) and checks them
against sessions.csv: per member exactly the sessions attended, attendees and roles, times in
Europe/London (across the change to summer time), stable UIDs. Usage: check_ical.py OUT [UIDS]"""
import csv
import datetime
import os
import sys
import zoneinfo

import icalendar

out = sys.argv[1]
london = zoneinfo.ZoneInfo("Europe/London")
rows = list(csv.DictReader(open(os.path.join(out, "sessions.csv"), encoding="utf-8")))
fail = []


def clean(v):
    return v[1:] if v.startswith("'") else v


sessions = {}
for r in rows:
    key = (clean(r["team_id"]), r["stage"])
    sessions.setdefault(key, []).append(r)


def load(path):
    return icalendar.Calendar.from_ical(open(path, "rb").read())


def events(cal):
    return [c for c in cal.walk() if c.name == "VEVENT"]


part = load(os.path.join(out, "calendar", "partnership.ics"))
tzids = [c.get("TZID") for c in part.walk() if c.name == "VTIMEZONE"]
if tzids != ["Europe/London"]:
    fail.append("VTIMEZONE %r" % tzids)
held = {k: v for k, v in sessions.items() if v[0]["date"]}
if len(events(part)) != len(held):
    fail.append("partnership.ics: %d events, sessions.csv %d" % (len(events(part)), len(held)))
uids = {}


def key_of(uid):
    """The session a UID names: the longest team id it ends with (ids may hold hyphens)."""
    ks = [k for k in sessions if uid.endswith("-%s-%s@mapa" % k)]
    return max(ks, key=lambda k: len(k[0])) if ks else None


for ev in events(part):
    uid = str(ev.get("UID"))
    k = key_of(uid)
    if k not in held:
        fail.append("UID %s matches no session" % uid)
        continue
    r = held[k]
    uids[uid] = 1
    start = ev.decoded("DTSTART")
    want = datetime.datetime.fromisoformat(r[0]["date"] + "T" + r[0]["start"]).replace(tzinfo=london)
    if start != want or start.utcoffset() != want.utcoffset():
        fail.append("%s: DTSTART %s, sessions.csv %s" % (uid, start, want))
    if str(ev["DTSTART"].params.get("TZID")) != "Europe/London":
        fail.append("%s: DTSTART without TZID Europe/London" % uid)
    att = ev.get("ATTENDEE")
    att = att if isinstance(att, list) else [att]
    if len(att) != len(r):
        fail.append("%s: %d attendees, sessions.csv %d" % (uid, len(att), len(r)))
    roles = sorted(str(a.params["ROLE"]) for a in att)
    want_roles = sorted("REQ-PARTICIPANT" if x["attendance"] == "required" else "OPT-PARTICIPANT" for x in r)
    if roles != want_roles:
        fail.append("%s: roles %s, want %s" % (uid, roles, want_roles))
    spoc = [x for x in r if x["role"] == "spoc"]
    org = ev.get("ORGANIZER")
    if spoc and (org is None or str(org.params.get("CN")) != clean(spoc[0]["name"])):
        fail.append("%s: ORGANIZER %r, SPOC %s" % (uid, org, spoc[0]["name"]))
    if not str(ev.get("DESCRIPTION", "")).strip():
        fail.append("%s: no DESCRIPTION" % uid)

# per member: exactly the sessions attended
members = {}
for r in rows:
    if r["date"] and r["status"] == "attending":
        members.setdefault(clean(r["member_id"]), set()).add((clean(r["team_id"]), r["stage"]))
files = [f for f in os.listdir(os.path.join(out, "calendar")) if f != "partnership.ics"]
for m, want in members.items():
    path = os.path.join(out, "calendar", m + ".ics")
    if not os.path.exists(path):
        fail.append("no calendar for %s" % m)
        continue
    got = set()
    for ev in events(load(path)):
        got.add(key_of(str(ev.get("UID"))))
    if got != want:
        fail.append("%s.ics: %s, sessions.csv %s" % (m, sorted(got), sorted(want)))
if len(sys.argv) > 2:  # the UIDs of an earlier run: the same events, updated not duplicated
    earlier = set(open(sys.argv[2]).read().split())
    if earlier != set(uids):
        fail.append("UIDs changed between runs")
else:
    print("\n".join(sorted(uids)))
summer = [e for e in events(part) if e.decoded("DTSTART").utcoffset() == datetime.timedelta(hours=1)]
winter = [e for e in events(part) if e.decoded("DTSTART").utcoffset() == datetime.timedelta(0)]
sys.stderr.write("%d events (%d GMT, %d BST), %d member calendars\n" % (len(events(part)), len(winter), len(summer), len(files)))
for f in fail:
    sys.stderr.write("FAIL: %s\n" % f)
sys.exit(1 if fail else 0)
