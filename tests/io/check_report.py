#!/usr/bin/env python3
"""Check report.html as a browser built it (the DOM chromium dumped) against the plan's own
files, read independently: every team, member, SPOC and Critical Friend of teams.csv and
critical_friends.csv is on the page, in the right team's section, and the counts match
summary.json. Only our one script element is in the page, nothing is fetched from the
network, and with --hostile the hostile names appear as text, never as markup.

Usage: check_report.py DOM.html PLAN_DIR [--hostile] [--saved]
"""
import csv
import html.parser
import json
import os
import re
import sys

dom_path, plan = sys.argv[1], sys.argv[2]
hostile = "--hostile" in sys.argv[3:]
saved = "--saved" in sys.argv[3:]  # mapa report on a saved plan: how it was found is not known
failures = []


def fail(what):
    failures.append(what)
    print("FAIL: " + what)


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find(self, tag=None, cls=None, ident=None):
        for c in self.children:
            if isinstance(c, str):
                continue
            if ((tag is None or c.tag == tag)
                    and (cls is None or cls in c.attrs.get("class", "").split())
                    and (ident is None or c.attrs.get("id") == ident)):
                yield c
            yield from c.find(tag, cls, ident)


VOID = {"meta", "br", "input", "img", "link", "hr", "col", "area", "base", "wbr", "path",
        "polygon", "ellipse", "polyline", "circle", "rect", "line", "stop", "use"}


class Builder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


with open(dom_path, encoding="utf-8") as f:
    dom = f.read()
b = Builder()
b.feed(dom)
root = b.root


def norm(s):
    return " ".join(s.split())


def rows(name):
    path = os.path.join(plan, name)
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return [{k: (v[1:] if v[:1] == "'" else v) for k, v in r.items()}
                for r in csv.DictReader(f)]


summary = json.load(open(os.path.join(plan, "summary.json"), encoding="utf-8"))
teams = rows("teams.csv")
cfs = rows("critical_friends.csv")
alloc = summary["allocation"]
team_ids = [t["id"] for t in alloc["teams"]]
team_names = {t["id"]: t["name"] for t in alloc["teams"]}

# every team a section, in summary.json's order
sections = list(root.find("details", cls="team"))
if len(sections) != len(team_ids):
    fail("%d team sections, summary.json has %d teams" % (len(sections), len(team_ids)))
by_name = {}
for s in sections:
    summ = next(s.find("summary"), None)
    title = norm(summ.text()) if summ else ""
    by_name[title.rsplit(" · ", 1)[0]] = s
for t in alloc["teams"]:
    s = by_name.get(norm(t["name"]))
    if s is None:
        fail("no section for team %r" % t["name"])
        continue
    m = re.search(r"· (\d+) members", norm(next(s.find("summary")).text()))
    if not m or int(m.group(1)) != t["size"]:
        fail("team %r: size on the page is not %d" % (t["name"], t["size"]))
    spoc = [norm(x.text()) for x in s.find("span", cls="spoc-name")]
    want = [norm(t["spoc"]["name"])] if t.get("spoc") else []
    if spoc != want:
        fail("team %r: SPOC %r, summary.json says %r" % (t["name"], spoc, want))
    table = next(s.find("table"), None)
    names = [norm(r.children[0].text()) for r in table.find("tr")][1:] if table else []
    expect = sorted(norm(r["name"]) for r in teams if r["team_id"] == t["id"])
    if sorted(names) != expect:
        fail("team %r: members %r, teams.csv has %r" % (t["name"], sorted(names), expect))
    incoming = sorted(norm(x.text()) for x in s.find("span", cls="cf-in"))
    want_cf = sorted(norm(r["name"]) for r in cfs if r["reviewed_team"] == t["id"])
    if incoming != want_cf:
        fail("team %r: Critical Friends %r, critical_friends.csv has %r"
             % (t["name"], incoming, want_cf))

# every member once in the member table, with the rank teams.csv gives
member_rows = list(root.find("tr", cls="member-row"))
if len(member_rows) != alloc["members_allocated"]:
    fail("%d member rows, summary.json allocated %d" % (len(member_rows),
                                                      alloc["members_allocated"]))
page = {}
for r in member_rows:
    cells = [norm(c.text()) for c in r.find("td")]
    page.setdefault(cells[0], []).append(cells)
for r in teams:
    got = page.get(norm(r["name"]), [])
    if not any(c[2] == norm(r["team_name"]) for c in got):
        fail("member %r not shown in team %r" % (r["name"], r["team_name"]))
        continue
    c = [c for c in got if c[2] == norm(r["team_name"])][0]
    rank = r["rank"]
    want = "not ranked" if not rank else rank + {"1": "st", "2": "nd", "3": "rd"}.get(rank, "th")
    if c[3] != want:
        fail("member %r: choice %r, teams.csv rank %r" % (r["name"], c[3], rank))
    if rank == "1" and c[4] != "your 1st choice":
        fail("member %r: reason %r for a first choice" % (r["name"], c[4]))
    if rank and rank != "1" and ("your %s choice" % want) not in c[4]:
        fail("member %r: reason %r does not name the %s choice" % (r["name"], c[4], want))
    if (c[5] == "yes") != (r["spoc"] == "yes"):
        fail("member %r: SPOC column %r, teams.csv %r" % (r["name"], c[5], r["spoc"]))

# the Critical Friend table: one row per pair of critical_friends.csv
cf_rows = [[norm(c.text()) for c in r.find("td")] for r in root.find("tr", cls="cf-row")]
got = sorted((c[0], c[2], c[3]) for c in cf_rows)
want = sorted((norm(r["name"]), norm(team_names[r["home_team"]]), norm(team_names[r["reviewed_team"]]))
              for r in cfs)
if got != want:
    fail("Critical Friend table %r, critical_friends.csv %r" % (got[:3], want[:3]))

# the figures in words match summary.json
text = norm(root.text())
first = alloc["rank_counts"].get("1", 0)
if "%d of %d members got their first choice" % (first, alloc["members_allocated"]) not in text:
    fail("no '%d of %d members got their first choice'" % (first, alloc["members_allocated"]))
best = "this is the best possible under the rules" in text.lower()
if best != (alloc["status"] == "optimal" and not saved):
    fail("'best possible' said %s, allocation status %s" % (best, alloc["status"]))
cfsum = summary.get("critical_friends")
if cfsum and cfsum.get("places") and not saved:
    if "%d of the %d Critical Friend places are filled" % (cfsum["filled"], cfsum["places"]) not in text:
        fail("Critical Friend places filled do not match summary.json")
dup = summary.get("duplicates")
if dup and dup.get("blind_spots"):
    n = dup["blind_spots"]
    if ("%d blind spot" % n) not in text:
        fail("%d blind spots not on the page" % n)

# one script, ours; nothing fetched
scripts = list(root.find("script"))
if len(scripts) != 1 or "src" in scripts[0].attrs:
    fail("%d script elements (only the report's own one may be there)" % len(scripts))
for n in root.find():
    for k, v in n.attrs.items():
        if k.startswith("on"):
            fail("event handler attribute %s on <%s>" % (k, n.tag))
        if k in ("src", "href", "xlink:href", "action", "data") and v and not v.startswith("#"):
            fail("<%s %s=%r> would fetch" % (n.tag, k, v))
for n in root.find("iframe"):
    fail("an iframe in the page")
for n in root.find("style"):
    if re.search(r"url\(|@import", n.text()):
        fail("a style that fetches")
for sec in ("glance", "quality", "teams", "members", "cf", "risks", "diagrams", "glossary"):
    if not list(root.find(ident=sec)):
        fail("no section #%s" % sec)

if hostile:
    if "<script>alert(1)</script>" not in text:
        fail("the hostile topic name is not shown as text")
    if "\"Bilal\" O'Brien" not in text:
        fail("quotes in a name are not shown as written")
    for t in alloc["teams"]:
        if norm(t["name"]) not in text:
            fail("hostile team name %r not on the page" % t["name"])

print("%d failure(s)" % len(failures))
sys.exit(1 if failures else 0)
