import csv, random, os, itertools

FIELDS = ["id","team","title","description","tags","target_group","start","end","stage"]

def parse_block(text):
    rows = []
    for line in text.strip("\n").split("\n"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        assert len(parts) == 9, (len(parts), line)
        key, team, title, desc, tags, tg, start, end, stage = parts
        rows.append(dict(key=None if key == "-" else key, team=team, title=title,
                         description=desc, tags=tags, target_group=tg,
                         start=start, end=end, stage=stage))
    return rows

def write_set(folder, rows, prefix, seed, provname, reasons=None):
    """rows: dicts with 'key' (group key or None). Shuffle, assign ids, write files."""
    rnd = random.Random(seed)
    rows = list(rows)
    rnd.shuffle(rows)
    width = 3
    for i, r in enumerate(rows, 1):
        r["id"] = "%s%0*d" % (prefix, width, i)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "actions.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow(FIELDS)
        for r in rows:
            w.writerow([r[k] for k in FIELDS])
    groups = {}
    for r in rows:
        if r["key"]:
            groups.setdefault(r["key"], []).append(r)
    pairs = []
    for k, g in groups.items():
        assert len(g) >= 2, ("singleton group", k)
        teams = [x["team"] for x in g]
        assert len(set(teams)) == len(teams), ("same team in group", k)
        for a, b in itertools.combinations(g, 2):
            pairs.append(tuple(sorted([a["id"], b["id"]])))
    pairs.sort()
    with open(os.path.join(folder, "labels.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["a","b"])
        w.writerows(pairs)
    teams = sorted(set(r["team"] for r in rows))
    with open(os.path.join(folder, "topics.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["id","name","min_size","max_size"])
        for t in teams:
            w.writerow([t, t, 1, 10])
    with open(os.path.join(folder, "members.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["id","name","agency","pref1"])
        for i, t in enumerate(teams):
            w.writerow(["m%d" % i, "Member %d" % i, "agency%d" % i, t])
    # provenance (gen only)
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, provname), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["group_key","ids","teams","why"])
        for k, g in sorted(groups.items()):
            why = (reasons or {}).get(k, "same piece of work: " + k)
            w.writerow([k, ";".join(x["id"] for x in g), ";".join(x["team"] for x in g), why])
    print(folder, len(rows), "actions", len(teams), "teams", len(pairs), "pairs")
    return rows, pairs
