"""Validate blind4-{realistic,template,copies}/ (beside this script's folder) with the csv module."""
import csv, sys, os, datetime, re
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETS = {"realistic": ((100, 140), (20, 26)), "template": ((250, 350), (25, 40)), "copies": ((90, 120), (20, 28))}
COLS = ["id","team","title","description","tags","target_group","start","end","stage"]
STAGES = {"", "decision", "action", "evaluation", "dissemination"}
errs = []
def err(m): errs.append(m)
def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        raw = f.read()
    if raw.startswith("\ufeff"): err(f"{path}: BOM")
    for ch in raw:
        o = ord(ch)
        if (o < 32 and ch not in "\n\r\t") or 0x7f <= o <= 0x9f: err(f"{path}: control char {o}"); break
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))
def date(s, where):
    if s == "": return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s): err(f"{where}: bad date {s!r}"); return None
    try: return datetime.date.fromisoformat(s)
    except ValueError: err(f"{where}: impossible date {s!r}")
for name, ((amin, amax), (pmin, pmax)) in SETS.items():
    d = os.path.join(ROOT, "blind4-" + name)
    rows = read(os.path.join(d, "actions.csv"))
    if rows[0] != COLS: err(f"{name}: actions header {rows[0]}")
    acts = {}
    for ln, r in enumerate(rows[1:], 2):
        w = f"{name}/actions.csv:{ln}"
        if len(r) != len(COLS): err(f"{w}: {len(r)} fields"); continue
        a = dict(zip(COLS, r))
        for c in COLS:
            if a[c] != a[c].strip(): err(f"{w}: untrimmed {c}")
            if c != "description" and ("\n" in a[c] or "\t" in a[c]): err(f"{w}: line break/tab in {c}")
        if not a["id"]: err(f"{w}: empty id")
        if a["id"] in acts: err(f"{w}: duplicate id {a['id']}")
        if not a["title"] and not a["description"]: err(f"{w}: no title or description")
        if a["stage"] not in STAGES: err(f"{w}: stage {a['stage']!r}")
        s, e = date(a["start"], w), date(a["end"], w)
        if s and e and e < s: err(f"{w}: end before start")
        if a["tags"] and any(t.strip() == "" for t in a["tags"].split(";")): err(f"{w}: empty tag")
        acts[a["id"]] = a
    if not (amin <= len(acts) <= amax): err(f"{name}: {len(acts)} actions outside {amin}-{amax}")
    topics = read(os.path.join(d, "topics.csv"))
    if topics[0] != ["id","name","min_size","max_size"]: err(f"{name}: topics header")
    tids = [t[0] for t in topics[1:]]
    for t in topics[1:]:
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", t[0]): err(f"{name}: topic id {t[0]!r}")
        if t[2:] != ["1", "10"] or not t[1]: err(f"{name}: topic row {t}")
    if len(set(tids)) != len(tids): err(f"{name}: duplicate topic ids")
    used = {a["team"] for a in acts.values()}
    if used != set(tids): err(f"{name}: teams used {sorted(used)} != topics {sorted(tids)}")
    members = read(os.path.join(d, "members.csv"))
    if members[0] != ["id","name","agency","pref1"]: err(f"{name}: members header")
    if len(members) - 1 != len(tids): err(f"{name}: members count")
    for i, m in enumerate(members[1:]):
        if m[:3] != [f"m{i}", f"Member {i}", f"agency{i}"] or m[3] not in tids: err(f"{name}: member row {m}")
    if sorted(m[3] for m in members[1:]) != sorted(tids): err(f"{name}: not one member per team")
    labels = read(os.path.join(d, "labels.csv"))
    if labels[0] != ["a","b"]: err(f"{name}: labels header")
    pairs = [tuple(p) for p in labels[1:]]
    if pairs != sorted(set(pairs)): err(f"{name}: labels not sorted/unique")
    for a, b in pairs:
        if a not in acts or b not in acts: err(f"{name}: unknown id in {a},{b}"); continue
        if not a < b: err(f"{name}: {a} !< {b}")
        if acts[a]["team"] == acts[b]["team"]: err(f"{name}: same team {a},{b}")
    ps = set(pairs); nodes = {x for p in pairs for x in p}
    adj = {n: set() for n in nodes}
    for a, b in pairs: adj[a].add(b); adj[b].add(a)
    for n in nodes:
        for x in adj[n]:
            for y in adj[n]:
                if x < y and (x, y) not in ps: err(f"{name}: not transitive {x},{y} via {n}")
    if not (pmin <= len(pairs) <= pmax): err(f"{name}: {len(pairs)} pairs outside {pmin}-{pmax}")
    print(f"{name}: {len(acts)} actions, {len(tids)} teams, {len(pairs)} pairs")
for n in ("realistic", "template", "copies"):
    extra = set(os.listdir(os.path.join(ROOT, "blind4-" + n))) - {"actions.csv", "labels.csv", "topics.csv", "members.csv"}
    if extra: err(f"{n}: unexpected files {extra}")
if errs:
    print("\n".join(errs)); print(f"FAIL ({len(errs)} problems)"); sys.exit(1)
print("OK")
