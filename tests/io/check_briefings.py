#!/usr/bin/env python3
"""The briefings checked against the plan for every member: briefings.csv has one row per
member of members.csv; each body and each briefings/MEMBER.html names the member's team
(teams.csv), its SPOC, every other member of the team, and each team the member is a
Critical Friend of (critical_friends.csv) with that team's SPOC and the duties; no one is
told of a team they are not in. Also on the hostile-names fixture (escaped pages).

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
                for o in teams:
                    if o["team_id"] == t["team_id"] and o["member_id"] != mid:
                        need(o["name"], "a team mate")
                mine = [c for c in cfs if c["member_id"] == mid]
                for c in mine:
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
check(os.path.join(root, "tests", "data", "hostile", "names"), "hostile")
print("%d failure(s)" % len(failures))
sys.exit(1 if failures else 0)
