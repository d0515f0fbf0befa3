import csv, os
COLS = ["id","team","title","description","tags","target_group","start","end","stage"]
def write_set(folder, actions, pairs, teams):
    """actions: list of dicts; pairs: list of (a,b); teams: list of (id,name)."""
    os.makedirs(folder, exist_ok=True)
    team_of = {a["id"]: a["team"] for a in actions}
    # transitive closure
    parent = {}
    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]; x = parent[x]
        return x
    for a, b in pairs:
        parent[find(a)] = find(b)
    groups = {}
    for x in list(parent):
        groups.setdefault(find(x), []).append(x)
    out = set()
    for g in groups.values():
        g = sorted(g)
        for i in range(len(g)):
            for j in range(i+1, len(g)):
                assert team_of[g[i]] != team_of[g[j]], (g[i], g[j])
                out.add((g[i], g[j]))
    with open(os.path.join(folder, "actions.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(COLS)
        for a in actions:
            w.writerow([a.get(c, "") for c in COLS])
    with open(os.path.join(folder, "labels.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f); w.writerow(["a","b"])
        for p in sorted(out): w.writerow(p)
    with open(os.path.join(folder, "topics.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f); w.writerow(["id","name","min_size","max_size"])
        for tid, name in teams: w.writerow([tid, name, 1, 10])
    with open(os.path.join(folder, "members.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f); w.writerow(["id","name","agency","pref1"])
        for i, (tid, name) in enumerate(teams): w.writerow([f"m{i}", f"Member {i}", f"agency{i}", tid])
    return len(actions), len(out)
