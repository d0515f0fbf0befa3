#!/usr/bin/env python3
"""plan.xlsx read back by an independent reader (openpyxl): its sheets, frozen header rows
and autofilters, row counts against teams.csv, critical_friends.csv, duplicates.csv and
metrics/members.csv, a sample of cells against teams.csv, every cell a value (no formula,
even for names that start with = + - @), and column widths that fit their text.

Usage: check_xlsx.py MAPA_BINARY SOURCE_ROOT
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

import openpyxl

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


SHEETS = ["Teams", "Members", "Critical Friends", "Duplicates", "Network"]


def check(folder, label):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "p")
        r = subprocess.run([mapa, "plan", folder, "-o", out, "-q"], capture_output=True)
        if r.returncode != 0:
            fail("%s: plan exit %d: %s" % (label, r.returncode, r.stderr.decode()[-500:]))
            return
        summary = json.load(open(os.path.join(out, "summary.json"), encoding="utf-8"))
        teams = rows(os.path.join(out, "teams.csv"))
        cfs = rows(os.path.join(out, "critical_friends.csv"))
        dups = rows(os.path.join(out, "duplicates.csv"))
        metrics = rows(os.path.join(out, "metrics", "members.csv"))
        wb = openpyxl.load_workbook(os.path.join(out, "plan.xlsx"))
        if wb.sheetnames != SHEETS:
            fail("%s: sheets %r" % (label, wb.sheetnames))
            return
        for ws in wb:
            if ws.freeze_panes != "A2":
                fail("%s: %s: header row not frozen (%r)" % (label, ws.title, ws.freeze_panes))
            if ws.max_row > 1 and not ws.auto_filter.ref:
                fail("%s: %s: no autofilter" % (label, ws.title))
            widest = {}
            for row in ws.iter_rows():
                for c in row:
                    if c.data_type == "f" or (isinstance(c.value, str) and c.data_type != "s"):
                        fail("%s: %s!%s is a formula (%r)" % (label, ws.title, c.coordinate,
                                                             c.value))
                    if c.value is not None:
                        widest[c.column_letter] = max(widest.get(c.column_letter, 0),
                                                      len(str(c.value)))
            for col, n in widest.items():
                width = ws.column_dimensions[col].width or 0
                if width < min(n, 60):
                    fail("%s: %s column %s is %.0f wide for %d characters"
                         % (label, ws.title, col, width, n))
        alloc = summary["allocation"]
        n_teams = len(alloc["teams"])
        want = {"Teams": 1 + n_teams + len(teams) + len(cfs), "Members": 1 + len(teams),
                "Critical Friends": 1 + len(cfs), "Duplicates": 1 + len(dups),
                "Network": 1 + len(metrics)}
        for name, n in want.items():
            if wb[name].max_row != n:
                fail("%s: %s has %d rows, expected %d" % (label, name, wb[name].max_row, n))
        members = {}
        for r in wb["Members"].iter_rows(min_row=2, values_only=True):
            members[r[1]] = r
        for t in teams:
            r = members.get(t["member_id"])
            if r is None:
                fail("%s: member %r not in Members" % (label, t["member_id"]))
                continue
            rank = int(t["rank"]) if t["rank"] else "not ranked"
            if (r[0], r[3], r[4], r[6] or "no") != (t["name"], t["team_name"], rank,
                                                   "yes" if t["spoc"] == "yes" else "no"):
                fail("%s: Members row %r, teams.csv %r" % (label, r, t))
        block = {}
        for r in wb["Teams"].iter_rows(min_row=2, values_only=True):
            if r[2] is not None and not (r[3] or "").startswith("Critical Friend"):
                block.setdefault(r[0], set()).add(r[1])
        for t in alloc["teams"]:
            want_names = {x["name"] for x in teams if x["team_id"] == t["id"]}
            if block.get(t["name"]) != want_names:
                fail("%s: Teams block %r is not teams.csv's" % (label, t["name"]))
        got = sorted((r[0], r[3]) for r in wb["Critical Friends"].iter_rows(min_row=2,
                                                                           values_only=True))
        names = {t["id"]: t["name"] for t in alloc["teams"]}
        want_cf = sorted((c["name"], names[c["reviewed_team"]]) for c in cfs)
        if got != want_cf:
            fail("%s: Critical Friends sheet is not critical_friends.csv" % label)
        spof = sum(1 for r in wb["Network"].iter_rows(min_row=2, values_only=True) if r[4] == "yes")
        want_spof = sum(1 for m in metrics if m["articulation_point"] == "yes")
        if spof != want_spof:
            fail("%s: %d single points of failure, metrics say %d" % (label, spof, want_spof))
        blind = sum(1 for r in wb["Duplicates"].iter_rows(min_row=2, values_only=True)
                    if r[6] == "no: a blind spot")
        if blind != sum(1 for d in dups if d["cf_link"] == "blind spot"):
            fail("%s: blind spots in Duplicates differ from duplicates.csv" % label)
        return wb


check(os.path.join(root, "scenarios", "east-midlands"), "example")
wb = check(os.path.join(root, "tests", "data", "hostile", "names"), "hostile")
if wb is not None:
    names = {r[0] for r in wb["Members"].iter_rows(min_row=2, values_only=True)}
    if "=cmd|' /C calc'!A0" not in names:
        fail("hostile: the name '=cmd|...' is not kept as text: %r" % sorted(names))
print("%d failure(s)" % len(failures))
sys.exit(1 if failures else 0)
