#!/usr/bin/env python3
"""The briefings checked against the plan for every member: briefings.csv has one row per
member of members.csv; each body and each briefings/MEMBER.html names the member's team
(teams.csv), its SPOC, every other member of the team, and each team the member is a
Critical Friend of (critical_friends.csv) with that team's SPOC and the duties; no one is
told of a team they are not in. When the plan has a schedule (sessions.csv), each names
the dates of its team's sessions and of the sessions of every team the member reviews.
Also on the hostile-names fixture (escaped pages), and on a Forms import, where the email
(the member's id) goes into briefings.csv's email column.

Usage: check_briefings.py MAPA_BINARY SOURCE_ROOT
"""
import csv
import html
import os
import re
import subprocess
import sys
import tempfile

mapa, root = sys.argv[1], sys.argv[2]
failures = []


def fail(what):
    failures.append(what)
    print("FAIL: " + what)


def rows(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return [{k: (v[1:] if v[:1] == "'" else v) for k, v in r.items()}
                for r in csv.DictReader(f)]


def safe(ident):
    """The briefing's file name: letters, digits and '-' kept, other bytes as _XX."""
    out = ""
    for b in ident.encode("utf-8"):
        c = chr(b)
        out += c if (c.isascii() and c.isalnum()) or c == "-" else "_%02X" % b
    return out or "_"


def page_text(path):
    with open(path, encoding="utf-8") as f:
        s = f.read()
    if re.search(r"<script|\son\w+=", s, re.I):
        fail("%s: a script or an event handler" % path)
    return html.unescape(re.sub(r"<[^>]+>", "\n", s))


def check(folder, label):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "p")
        r = subprocess.run([mapa, "plan", folder, "-o", out, "-q"], capture_output=True)
        if r.returncode != 0:
            fail("%s: plan exit %d" % (label, r.returncode))
            return
        members = rows(os.path.join(folder, "members.csv"))
        teams = rows(os.path.join(out, "teams.csv"))
        cfs = rows(os.path.join(out, "critical_friends.csv"))
        briefs = rows(os.path.join(out, "briefings.csv"))
        if len(briefs) != len(members):
            fail("%s: %d briefings for %d members" % (label, len(briefs), len(members)))
        team_of = {t["member_id"]: t for t in teams}
        spoc = {t["team_id"]: t["name"] for t in teams if t["spoc"] == "yes"}
        team_names = {t["team_id"]: t["team_name"] for t in teams}
        when = {}  # (team, stage) -> "Decision-making: 2027-01-11 13:30-15:30"
        for x in rows(os.path.join(out, "sessions.csv")):
            words = "Decision-making" if x["stage"] == "decision" else "Evaluation"
            when[(x["team_id"], x["stage"])] = "%s: %s %s-%s" % (words, x["date"], x["start"], x["end"])
        if label == "example" and len(when) != 2 * len(team_names):
            fail("%s: %d sessions scheduled for %d teams" % (label, len(when), len(team_names)))
        if label == "forms":
            for k, m in enumerate(members):
                if k < len(briefs) and briefs[k]["email"] != m["id"]:
                    fail("%s: email %r for member %r" % (label, briefs[k]["email"], m["id"]))
        for k, m in enumerate(members):
            mid = m["id"].strip()
            b = briefs[k] if k < len(briefs) else {"name": "", "subject": "", "body": ""}
            path = os.path.join(out, "briefings", safe(mid) + ".html")
            if not os.path.exists(path):
                fail("%s: no briefing page for %r" % (label, mid))
                continue
            page = page_text(path)
            for text, where in ((b["body"], "briefings.csv"), (page, "page")):
                def need(s, what):
                    if s not in text:
                        fail("%s: %s of %r does not name %s %r" % (label, where, mid, what, s))
                need(m["name"].strip(), "the member")
                t = team_of.get(mid)
                if t is None:
                    if "co-ordination team" not in text:
                        fail("%s: %s of %r: not in a team, and not told why" % (label, where, mid))
                    continue
                need("You are in the sub-team " + t["team_name"], "the team")
                if t["spoc"] == "yes":
                    need("You are the team's Single Point of Contact", "the SPOC duty")
                elif t["team_id"] in spoc:
                    need(spoc[t["team_id"]], "the SPOC")
                mates = [o["name"] for o in teams
                         if o["team_id"] == t["team_id"] and o["member_id"] != mid]
                if len(mates) <= 40:  # every team mate is named
                    for name in mates:
                        need(name, "a team mate")
                else:  # 40 named, the rest counted (io/write_briefings.c MATES_MAX)
                    named = sum(1 for name in mates if name + " (" in text)
                    if named != 40:
                        fail("%s: %s of %r names %d of %d team mates, not 40"
                             % (label, where, mid, named, len(mates)))
                    need("... and %d more: the plan's report" % (len(mates) - 40), "the count")
                for stage in ("decision", "evaluation"):
                    if (t["team_id"], stage) in when:
                        need(when[(t["team_id"], stage)], "its team's session")
                mine = [c for c in cfs if c["member_id"] == mid]
                for c in mine:
                    for stage in ("decision", "evaluation"):
                        if (c["reviewed_team"], stage) in when and stage in c.get("stages", stage):
                            need(when[(c["reviewed_team"], stage)], "a reviewed team's session")
                    need(team_names[c["reviewed_team"]] + ", in its", "a team it reviews")
                    if c["reviewed_team"] in spoc:
                        need(spoc[c["reviewed_team"]], "the reviewed team's SPOC")
                if mine:
                    need("At the Decision-making stage", "the Critical Friend's duty")
                    need("At the Evaluation stage", "the Critical Friend's duty")
                elif "You are not a Critical Friend" not in text:
                    fail("%s: %s of %r: no word on Critical Friend duty" % (label, where, mid))
                for other, name in team_names.items():
                    if other != t["team_id"] and ("sub-team " + name + ":") in text:
                        fail("%s: %s of %r names the wrong team %r" % (label, where, mid, name))
            if t := team_of.get(mid):
                if t["team_name"] not in b["subject"]:
                    fail("%s: subject of %r does not name the team" % (label, mid))


check(os.path.join(root, "scenarios", "east-midlands"), "example")
with tempfile.TemporaryDirectory() as imported:
    forms = os.path.join(root, "tests", "data", "import", "google-forms")
    part = os.path.join(imported, "partnership")
    r = subprocess.run([mapa, "import", "-q", "--responses", os.path.join(forms, "responses.csv"),
                        "--organisations", os.path.join(forms, "organisations.csv"),
                        "--topics", os.path.join(forms, "topics.csv"), "-o", part],
                       capture_output=True)
    if r.returncode != 0:
        fail("forms: import exit %d" % r.returncode)
    else:
        check(part, "forms")
check(os.path.join(root, "tests", "data", "hostile", "names"), "hostile")
with tempfile.TemporaryDirectory() as big:  # teams of about 100: 40 mates named, the rest counted
    r = subprocess.run([mapa, "generate", "-q", "--members", "400", "--topics", "4",
                        "--agencies", "12", "--seed", "3", "-o", big], capture_output=True)
    if r.returncode != 0:
        fail("big teams: generate exit %d" % r.returncode)
    else:
        check(big, "big teams")
with tempfile.TemporaryDirectory() as big:  # above MAPA_REPORT_PAGES_MAX: briefings.csv alone
    part, out, again = (os.path.join(big, d) for d in ("p", "o", "r"))
    r = subprocess.run([mapa, "generate", "-q", "--members", "5001", "--topics", "30",
                        "--agencies", "40", "--seed", "2", "-o", part], capture_output=True)
    r = r.returncode == 0 and subprocess.run([mapa, "plan", part, "-o", out],
                                             capture_output=True, text=True)
    if not r or r.returncode != 0:
        fail("5,001 members: generate or plan failed")
    else:
        n = len(rows(os.path.join(part, "members.csv")))
        if len(rows(os.path.join(out, "briefings.csv"))) != n:
            fail("5,001 members: briefings.csv has not a row per member")
        if os.path.exists(os.path.join(out, "briefings")):
            fail("5,001 members: a page per member above 5,000 members")
        if "add --briefing-pages" not in r.stdout:
            fail("5,001 members: stdout does not say how to get the pages")
        r = subprocess.run([mapa, "report", part, "--plan", out, "-o", again, "-q",
                            "--briefing-pages"], capture_output=True)
        pages = os.listdir(os.path.join(again, "briefings")) if r.returncode == 0 else []
        if len(pages) != n:
            fail("5,001 members: --briefing-pages wrote %d pages for %d members" % (len(pages), n))
print("%d failure(s)" % len(failures))
sys.exit(1 if failures else 0)
