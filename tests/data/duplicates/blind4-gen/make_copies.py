"""Deterministic copies-set generator: light edits = duplicates; substantive swaps = distractors."""
import sys, random, datetime, re
sys.path.insert(0, "/work/blind4/gen")
from common import write_set, COLS
from copies_base import TEAMS, B
R = random.Random(7113)
TIDS = [t for t, _ in TEAMS]
EXTRA = {1: [("taxi drivers", "door supervisors"), ("taxis", "door staff"), ("licensing course", "SIA licensing course")],
         3: [("GP practice briefing pack", "Community pharmacy briefing pack"), ("primary care;GP", "pharmacy"), ("GP practice staff", "Pharmacy staff")],
         9: [("social media campaign", "radio campaign"), ("social media", "radio")],
         11: [("Bank staff", "Post office staff"), ("banks", "post offices"), ("Bank branch staff briefing", "Post office counter staff briefing")],
         7: [("council and housing association officers", "adult social workers"), ("housing;", "social care;")],
         8: [("Romanian and Bulgarian", "Romanian and Polish")]}
def swap_all(a, pairs):
    a = dict(a)
    for old, new in pairs:
        for c in ("title", "description", "tags", "target_group"):
            s = a[c]
            s = s.replace(old, new).replace(old[0].upper() + old[1:], new[0].upper() + new[1:])
            a[c] = s
    return a
def typo(a):
    c = R.choice(["title", "description"]) if a["description"] else "title"
    words = a[c].split(" "); idx = [i for i, w in enumerate(words) if len(w) > 5 and w.isalpha()]
    if not idx: return a
    i = R.choice(idx); w = words[i]; j = R.randrange(1, len(w) - 2)
    words[i] = R.choice([w[:j] + w[j+1] + w[j] + w[j+2:], w[:j] + w[j+1:], w[:j] + w[j] + w[j:]])
    a[c] = " ".join(words); return a
def reorder(a):
    t = a["title"]
    if " - " in t:
        x, y = t.split(" - ", 1); a["title"] = f"{y} - {x}" if R.random() < 0.5 else f"{y}: {x}"
    else:
        d = a["description"]; parts = re.split(r"(?<=\.) ", d)
        if len(parts) > 1: R.shuffle(parts); a["description"] = " ".join(parts)
        else: a["title"] = t.lower() if R.random() < 0.5 else t.upper()
    return a
def dates(a):
    if not a["start"]: return a
    s = datetime.date.fromisoformat(a["start"]); e = datetime.date.fromisoformat(a["end"]) if a["end"] else None
    k = R.choice([-30, -14, 7, 14, 31, 61, 92])
    s2 = s + datetime.timedelta(days=k)
    e2 = (e + datetime.timedelta(days=k + R.choice([0, 0, 14, 30]))) if e else None
    if s2.year != 2027 and R.random() < 0.5: s2 = s
    if e2 and e2 < s2: e2 = s2
    a["start"] = s2.isoformat(); a["end"] = e2.isoformat() if e2 else ""
    if R.random() < 0.15: a["end"] = ""
    return a
def word(a):
    d = a["description"]; words = d.split(" ")
    if R.random() < 0.5 and len(words) > 6:
        cands = [i for i, w in enumerate(words) if w.lower() in ("the", "a", "all", "short", "large", "and", "on", "for", "with")]
        if cands:
            del words[R.choice(cands)]; a["description"] = " ".join(words); return a
    a["description"] = (d + R.choice([" TBC.", " Dates to be confirmed.", " Lead officer tbc.", " (carried over from last year)"])).strip()
    return a
def tags(a):
    t = [x for x in a["tags"].split(";") if x]
    op = R.randrange(4)
    if op == 0 and len(t) > 1: t.pop(R.randrange(len(t)))
    elif op == 1: t.append(R.choice(["2027", "priority", "modern slavery", "MS", "awareness", "Q2"]))
    elif op == 2: R.shuffle(t); t = [x.capitalize() for x in t]
    else: t = []
    a["tags"] = ";".join(t); return a
def misc(a):
    op = R.randrange(3)
    if op == 0: a["target_group"] = a["target_group"].lower() if R.random() < 0.6 else ""
    elif op == 1: a["stage"] = "" if a["stage"] else "action"
    else: a["title"] = a["title"] + R.choice([" (2027)", " - phase 2", " *", " (copy)", " - draft"])
    return a
OPS = [typo, reorder, dates, word, tags, misc]
def light(a, n=None):
    a = dict(a)
    for op in R.sample(OPS, n or R.randint(2, 3)): a = op(a)
    return a
base = []
for i, b in enumerate(B):
    base.append(dict(title=b[0], description=b[1], tags=b[2], target_group=b[3], start=b[4], end=b[5], stage=b[6],
                     team=R.choice(TIDS), _swap=([(b[7][0], b[7][1])] + EXTRA.get(i, [])) if b[7] else None, _i=i))
actions, groups = [], []
def other_team(excl):
    return R.choice([t for t in TIDS if t not in excl])
for i, a in enumerate(base):
    x = {k: v for k, v in a.items() if not k.startswith("_")}
    actions.append(x); grp = [x]
    ncopy = 2 if i in (18, 19) else (1 if i < 18 else 0)
    for _ in range(ncopy):
        y = light(x); y["team"] = other_team([g["team"] for g in grp]); actions.append(y); grp.append(y)
    if len(grp) > 1: groups.append(grp)
    if a["_swap"]:
        z = light(swap_all(x, a["_swap"]), 1); z["team"] = other_team([x["team"]])
        assert z["title"] != x["title"] or z["description"] != x["description"]
        actions.append(z)
R.shuffle(actions)
for n, x in enumerate(actions, 1): x["id"] = f"C{n:03d}"
pairs = []
for g in groups:
    for j in range(1, len(g)): pairs.append(tuple(sorted((g[0]["id"], g[j]["id"]))))
print(write_set("/work/blind4/copies", actions, pairs, TEAMS))
