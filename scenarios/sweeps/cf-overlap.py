#!/usr/bin/python3
"""Do Critical Friends spot the planted duplicates? (issue 19, item 5)

Synthetic partnerships of 120 members, 10 teams, 15 agencies and 120 actions with
10 % planted duplicates (mapa generate), 1, 2 or 3 Critical Friends per team; on
each, `mapa plan` three times: random Critical Friends, optimal ones, and optimal
ones with the overlap term (settings.json cf_overlap_weight). A planted pair of
actions of two different teams is spotted when a Critical Friend link joins the
two teams, either way. Prints the share spotted per policy and cf_required, pooled
over the replicates, with the range of the per-replicate shares.

Usage: scenarios/sweeps/cf-overlap.py [--mapa build/mapa] [--replicates 20]
                                      [--weight 1] [--work DIR] [--csv OUT.csv]
"""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def spotted_share(folder, out):
    """(spotted, planted across teams) for the plan in `out`."""
    team_of_action = {a["id"]: a["team"] for a in read(os.path.join(folder, "actions.csv"))}
    home = {m["member_id"]: m["team_id"] for m in read(os.path.join(out, "teams.csv"))}
    links = set()
    for c in read(os.path.join(out, "critical_friends.csv")):
        links.add((home[c["member_id"]], c["reviewed_team"]))
    spotted = planted = 0
    for p in read(os.path.join(folder, "planted_duplicates.csv")):
        a, b = team_of_action[p["action_a"]], team_of_action[p["action_b"]]
        if a == b:
            continue
        planted += 1
        spotted += (a, b) in links or (b, a) in links
    return spotted, planted


def plan(mapa, folder, out, extra):
    shutil.rmtree(out, ignore_errors=True)
    r = subprocess.run([mapa, "plan", folder, "-o", out, "-q"] + extra,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise SystemExit(f"mapa plan {folder} {' '.join(extra)}: exit {r.returncode}\n{r.stderr}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mapa", default="build/mapa")
    ap.add_argument("--replicates", type=int, default=20)
    ap.add_argument("--weight", type=float, default=1.0, help="cf_overlap_weight [1]")
    ap.add_argument("--work", help="folder for the partnerships (default: a temporary one)")
    ap.add_argument("--csv", help="write one row per replicate, policy and cf_required")
    a = ap.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="mapa-cf-overlap-")
    policies = ["random", "optimal", "optimal+overlap"]
    rows = []
    for req in (1, 2, 3):
        for seed in range(1, a.replicates + 1):
            folder = os.path.join(work, f"r{req}-s{seed}")
            shutil.rmtree(folder, ignore_errors=True)
            subprocess.run([a.mapa, "generate", "--members", "120", "--topics", "10",
                            "--agencies", "15", "--actions", "120", "--duplicate-share", "0.1",
                            "--cf-required", str(req), "--seed", str(seed), "-o", folder, "-q"],
                           check=True, stderr=subprocess.DEVNULL)
            for policy in policies:
                out = folder + "-" + policy.replace("+", "-")
                settings_path = os.path.join(folder, "settings.json")
                settings = json.load(open(settings_path))
                settings["cf_overlap_weight"] = a.weight if policy == "optimal+overlap" else 0
                json.dump(settings, open(settings_path, "w"), indent=2)
                extra = ["--cf-policy", "random", "--seed", str(seed)] if policy == "random" else []
                plan(a.mapa, folder, out, extra)
                s, n = spotted_share(folder, out)
                rows.append({"cf_required": req, "seed": seed, "policy": policy,
                             "spotted": s, "planted": n})
    if a.csv:
        with open(a.csv, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    print(f"share of planted duplicates (across teams) spotted by a Critical Friend link, "
          f"{a.replicates} replicates, cf_overlap_weight {a.weight:g}")
    print("| Critical Friends per team | " + " | ".join(policies) + " |")
    print("|---|" + "---|" * len(policies))
    for req in (1, 2, 3):
        cells = []
        for policy in policies:
            mine = [r for r in rows if r["cf_required"] == req and r["policy"] == policy]
            s = sum(r["spotted"] for r in mine)
            n = sum(r["planted"] for r in mine)
            per = [r["spotted"] / r["planted"] for r in mine if r["planted"]]
            cells.append(f"{s / n:.2f} ({s}/{n}; {min(per):.2f}-{max(per):.2f})")
        print(f"| {req} | " + " | ".join(cells) + " |")
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
