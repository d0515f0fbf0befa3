#!/usr/bin/python3
"""Validate the four blind test sets (standard library only): blind3-realistic/,
blind3-template/, blind3-copies/ and blind3-terse/ beside this script's folder."""
import csv, datetime, io, os, re, sys, itertools

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PREFIX = "blind3-"
SETS = {  # folder: (actions range, teams range, pairs range)
    "realistic": ((100, 150), (9, 12), (20, 28)),
    "template": ((300, 400), (2, 99), (30, 45)),
    "copies": ((100, 130), (2, 99), (20, 30)),
    "terse": ((80, 120), (2, 99), (15, 25)),
}
ACTION_COLS = ["id", "team", "title", "description", "tags", "target_group", "start", "end", "stage"]
STAGES = {"", "decision", "action", "evaluation", "dissemination"}
CTRL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\ufffe\uffff]")
TEAM_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
errors = []

def err(where, msg):
    errors.append("%s: %s" % (where, msg))

def read(folder, name, header):
    path = os.path.join(BASE, PREFIX + folder, name)
    where = "%s/%s" % (folder, name)
    if not os.path.exists(path):
        err(where, "missing"); return []
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        err(where, "not UTF-8: %s" % e); return []
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    if not rows or rows[0] != header:
        err(where, "header %r, expected %r" % (rows[0] if rows else None, header)); return []
    out = []
    for n, r in enumerate(rows[1:], 2):
        if len(r) != len(header):
            err("%s:%d" % (where, n), "has %d fields, expected %d" % (len(r), len(header))); continue
        for c, v in zip(header, r):
            if CTRL.search(v.replace("\n", "").replace("\r", "").replace("\t", "") if c == "description" else v):
                err("%s:%d" % (where, n), "control character in %s" % c)
            if v != v.strip():
                err("%s:%d" % (where, n), "leading/trailing space in %s" % c)
        out.append(dict(zip(header, r), _line=n))
    return out

def date(s):
    try:
        d = datetime.date.fromisoformat(s)
        return d if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s) and 1900 <= d.year <= 2999 else None
    except ValueError:
        return None

def check(folder, ranges):
    (amin, amax), (tmin, tmax), (pmin, pmax) = ranges
    acts = read(folder, "actions.csv", ACTION_COLS)
    labels = read(folder, "labels.csv", ["a", "b"])
    topics = read(folder, "topics.csv", ["id", "name", "min_size", "max_size"])
    members = read(folder, "members.csv", ["id", "name", "agency", "pref1"])
    W = folder + "/actions.csv"
    ids = {}
    for r in acts:
        at = "%s:%d" % (W, r["_line"])
        if not r["id"]: err(at, "empty id")
        if r["id"] in ids: err(at, "duplicate id %s" % r["id"])
        ids[r["id"]] = r
        if not TEAM_RE.match(r["team"]): err(at, "bad team id %r" % r["team"])
        if not r["title"] and not r["description"]: err(at, "no title and no description")
        for c in ACTION_COLS:
            if c != "description" and ("\n" in r[c] or "\r" in r[c] or "\t" in r[c]):
                err(at, "line break/tab in %s" % c)
        if r["tags"] and any(not t.strip() for t in r["tags"].split(";")):
            err(at, "empty tag in %r" % r["tags"])
        s, e = r["start"], r["end"]
        ds, de = (date(s) if s else None), (date(e) if e else None)
        if s and not ds: err(at, "bad start %r" % s)
        if e and not de: err(at, "bad end %r" % e)
        if ds and de and de < ds: err(at, "end before start")
        if r["stage"] not in STAGES: err(at, "bad stage %r" % r["stage"])
    teams = sorted(set(r["team"] for r in acts))
    if not amin <= len(acts) <= amax: err(W, "%d actions, expected %d-%d" % (len(acts), amin, amax))
    if not tmin <= len(teams) <= tmax: err(W, "%d teams, expected %d-%d" % (len(teams), tmin, tmax))
    # topics
    tids = [t["id"] for t in topics]
    if sorted(tids) != teams or len(tids) != len(set(tids)):
        err(folder + "/topics.csv", "topic ids %r do not match the teams used %r" % (tids, teams))
    for t in topics:
        if t["name"] != t["id"] or t["min_size"] != "1" or t["max_size"] != "10":
            err("%s/topics.csv:%d" % (folder, t["_line"]), "expected name=id, min 1, max 10")
    # members
    if len(members) != len(teams): err(folder + "/members.csv", "%d members for %d teams" % (len(members), len(teams)))
    for i, m in enumerate(members):
        if (m["id"], m["name"], m["agency"]) != ("m%d" % i, "Member %d" % i, "agency%d" % i):
            err("%s/members.csv:%d" % (folder, m["_line"]), "expected m%d / Member %d / agency%d" % (i, i, i))
    if sorted(m["pref1"] for m in members) != teams:
        err(folder + "/members.csv", "pref1 values are not one per team")
    # labels
    L = folder + "/labels.csv"
    pairs = []
    for r in labels:
        at = "%s:%d" % (L, r["_line"])
        a, b = r["a"], r["b"]
        if a not in ids or b not in ids: err(at, "unknown id in %s,%s" % (a, b)); continue
        if not a < b: err(at, "not a < b: %s,%s" % (a, b))
        if ids[a]["team"] == ids[b]["team"]: err(at, "same team pair %s,%s" % (a, b))
        pairs.append((a, b))
    if pairs != sorted(pairs): err(L, "not sorted")
    if len(pairs) != len(set(pairs)): err(L, "repeated pair")
    if not pmin <= len(pairs) <= pmax: err(L, "%d pairs, expected %d-%d" % (len(pairs), pmin, pmax))
    # transitivity: each connected component must be a complete graph
    parent = {}
    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]; x = parent[x]
        return x
    for a, b in pairs:
        parent[find(a)] = find(b)
    comps = {}
    for x in list(parent):
        comps.setdefault(find(x), []).append(x)
    ps = set(pairs)
    for c in comps.values():
        for a, b in itertools.combinations(sorted(c), 2):
            if (a, b) not in ps: err(L, "not transitive: missing %s,%s" % (a, b))
    return len(acts), len(teams), len(pairs), max((len(c) for c in comps.values()), default=0)

def main():
    for folder, ranges in SETS.items():
        n = check(folder, ranges)
        print("%-10s actions=%d teams=%d pairs=%d largest_group=%d" % ((folder,) + n))
    for folder in SETS:
        for f in os.listdir(os.path.join(BASE, PREFIX + folder)):
            if f not in {"actions.csv", "labels.csv", "topics.csv", "members.csv"}:
                err(folder + "/" + f, "unexpected file (provenance belongs in blind3-gen/)")
    if errors:
        print("\n".join(errors)); print("FAILED: %d problem(s)" % len(errors)); sys.exit(1)
    print("OK")

if __name__ == "__main__":
    main()
