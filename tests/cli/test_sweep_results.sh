#!/bin/sh
# Results that cannot mislead, and sweeps that grow: NaN bounds where nothing was proven,
# plan_valid, the fixed settings as attributes, rows in run order, extending a sweep with
# more replicates or grid values (the same runs as a fresh file), refusals naming the key,
# and the analysis helper (scenarios/analysis.py) checked against sums done here.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/test_sweep_common.sh"

# min_agencies 5 of 6 agencies in teams of about 6: the optimum is often infeasible and greedy
# and random often break rules, so every status appears
cat >"$tmp/s.json" <<'JSON'
{"generator": {"members": 36, "topics": 6, "agencies": 6, "actions": 20},
 "grid": {"min_agencies": [1, 5]},
 "policies": {"allocation": ["optimal", "greedy", "random"], "cf": ["optimal", "none"]},
 "replicates": 5, "seed": 2, "time_limit": 20}
JSON
"$mapa" sweep "$tmp/s.json" -o "$tmp/a.h5" --jobs 2 -q && ok || bad "the sweep runs"
/usr/bin/python3 - "$tmp/a.h5" <<'PY' && ok || bad "bounds, plan_valid, attributes, order"
import math, sys
import h5py, numpy
f = h5py.File(sys.argv[1], "r")
r = f["runs"][:]
problems = []
assert r["plan_valid"].dtype == numpy.bool_, r["plan_valid"].dtype
if list(r["run_id"]) != list(range(60)):
    problems.append("rows not in run_id order after --jobs 2")
statuses = set()
for x in r:
    alloc, cf, status = (x[c].decode() for c in ("alloc_policy", "cf_policy", "alloc_status"))
    statuses.add(status)
    proven = status in ("optimal", "time_limit")
    if proven != (not math.isnan(x["alloc_bound"])) or proven != (not math.isnan(x["alloc_gap"])):
        problems.append(f"run {x['run_id']}: {alloc} {status} bound {x['alloc_bound']}")
    if alloc != "optimal" and proven:
        problems.append(f"run {x['run_id']}: a baseline claims a proof")
    # valid: a plan keeping every hard rule; worked out here from the status columns
    valid = status in ("optimal", "feasible", "time_limit") and x["cf_status"].decode() != "infeasible"
    if bool(x["plan_valid"]) != valid:
        problems.append(f"run {x['run_id']}: plan_valid {x['plan_valid']} for {status}")
    if status == "breaks_rules" and x["rules_broken"] <= 0:
        problems.append(f"run {x['run_id']}: breaks_rules without rules broken")
for s in ("optimal", "breaks_rules", "infeasible"):
    if s not in statuses:
        problems.append(f"no run is {s}: the fixture no longer tests it ({statuses})")
a = f.attrs
want = {"generator_actions": 20, "generator_members": 36, "generator_agencies": 6,
        "replicates": 5, "base_seed": 2, "time_limit": 20, "metrics": 1, "duplicates": 1}
for k, v in want.items():
    if k not in a or float(a[k]) != v:
        problems.append(f"attribute {k}: {a.get(k)} (want {v})")
if "generator_min_agencies" in a:
    problems.append("a grid parameter is also a fixed attribute")
if a["objective_optimal"] != "borda":
    problems.append(f"objective_optimal {a['objective_optimal']}")
print("\n".join(problems[:10]))
sys.exit(1 if problems else 0)
PY

# extending: 5 -> 10 replicates adds exactly the 10 new units (60 runs), and the file then
# equals a fresh 10-replicate sweep; then a new grid value, interrupted and resumed
sed 's/"replicates": 5/"replicates": 10/' "$tmp/s.json" >"$tmp/s10.json"
"$mapa" sweep "$tmp/s10.json" -o "$tmp/a.h5" >"$tmp/out.txt"; rc=$?
[ $rc = 0 ] && grep -q "Extending .*its 60 runs are kept" "$tmp/out.txt" && grep -q "120 runs (60 new)" "$tmp/out.txt" && ok || bad "5 -> 10 replicates adds 60 runs ($rc: $(cat "$tmp/out.txt"))"
"$mapa" sweep "$tmp/s10.json" -o "$tmp/fresh10.h5" -q --jobs 2 && same_runs "$tmp/fresh10.h5" "$tmp/a.h5" && ok || bad "the extended file equals a fresh one"
/usr/bin/python3 -c 'import h5py, sys; sys.exit(int(h5py.File(sys.argv[1], "r").attrs["replicates"] != 10))' "$tmp/a.h5" && ok || bad "the replicates attribute follows"
sed 's/"replicates": 5/"replicates": 10/; s/\[1, 5\]/[1, 3, 5]/' "$tmp/s.json" >"$tmp/g3.json"
MAPA_SWEEP_INTERRUPT_AFTER=6 "$mapa" sweep "$tmp/g3.json" -o "$tmp/a.h5" -q 2>"$tmp/err.txt"; rc=$?
[ $rc = 130 ] && grep -q "interrupted after 126 of 180 runs" "$tmp/err.txt" && ok || bad "extension interrupted ($rc: $(cat "$tmp/err.txt"))"
"$mapa" sweep "$tmp/g3.json" -o "$tmp/a.h5" >"$tmp/out.txt"; rc=$?
[ $rc = 0 ] && grep -q "180 runs (54 new)" "$tmp/out.txt" && ok || bad "resumed extension ($rc: $(cat "$tmp/out.txt"))"
"$mapa" sweep "$tmp/g3.json" -o "$tmp/fresh3.h5" -q --jobs 2 && same_runs "$tmp/fresh3.h5" "$tmp/a.h5" && ok || bad "the file with a new grid value equals a fresh one"

# the same grid in another key order is the same sweep (the stored JSON has sorted keys)
# but numbers its grid points otherwise: the runs there get their ids in the new order, and
# values listed in another order too
cat >"$tmp/o1.json" <<'JSON'
{"generator": {"members": 30, "topics": 5, "agencies": 6},
 "grid": {"min_agencies": [1, 3], "dispersion": [0.5, 2]},
 "policies": {"allocation": ["optimal", "greedy"], "cf": ["none"]}, "replicates": 2, "seed": 4}
JSON
sed 's/"grid": {"min_agencies": \[1, 3\], "dispersion": \[0.5, 2\]}/"grid": {"dispersion": [0.5, 2], "min_agencies": [1, 3]}/' "$tmp/o1.json" >"$tmp/o2.json"
sed 's/"grid": {"min_agencies": \[1, 3\], "dispersion": \[0.5, 2\]}/"grid": {"dispersion": [2, 1, 0.5], "min_agencies": [3, 1]}/' "$tmp/o1.json" >"$tmp/o3.json"
! cmp -s "$tmp/o1.json" "$tmp/o2.json" && ! cmp -s "$tmp/o1.json" "$tmp/o3.json" && ok || bad "the reordered fixtures differ"
"$mapa" sweep "$tmp/o1.json" -o "$tmp/o.h5" -q && "$mapa" sweep "$tmp/o2.json" -o "$tmp/o.h5" -q && ok || bad "reordered grid runs"
"$mapa" sweep "$tmp/o2.json" -o "$tmp/o2.h5" -q && same_runs "$tmp/o2.h5" "$tmp/o.h5" && ok || bad "a reordered grid renumbers the runs there"
"$mapa" sweep "$tmp/o3.json" -o "$tmp/o.h5" >"$tmp/out.txt" && grep -q "24 runs (8 new)" "$tmp/out.txt" && ok || bad "reordered values and a new one: 8 new runs ($(cat "$tmp/out.txt"))"
"$mapa" sweep "$tmp/o3.json" -o "$tmp/o3.h5" -q && same_runs "$tmp/o3.h5" "$tmp/o.h5" && ok || bad "reordered values equal a fresh file"

# anything else is refused, naming the key, and the file is not touched
sum=$(md5sum <"$tmp/a.h5")
refuse() { # refuse NAME SED-EXPRESSION EXPECTED-TEXT
    sed "$2" "$tmp/g3.json" >"$tmp/x.json"
    "$mapa" sweep "$tmp/x.json" -o "$tmp/a.h5" -q 2>"$tmp/err.txt"; rc=$?
    [ $rc = 65 ] && grep -q -- "$3" "$tmp/err.txt" && [ "$(md5sum <"$tmp/a.h5")" = "$sum" ] && ok || bad "$1: 65 naming the key, file untouched ($rc: $(cat "$tmp/err.txt"))"
}
refuse "a fixed generator value" 's/"actions": 20/"actions": 21/' "'generator.actions' differs (20 there, 21 here)"
refuse "fewer replicates" 's/"replicates": 10/"replicates": 9/' "holds 10 replicates"
refuse "a grid value dropped" 's/\[1, 3, 5\]/[1, 5]/' "'grid.min_agencies' differs"
refuse "a new grid parameter" 's/"grid": {/"grid": {"dispersion": [1, 2], /' "'grid.dispersion' differs"
refuse "another policy" 's/"none"\]/"random"]/' "'policies.cf' differs"
refuse "the time limit" 's/"time_limit": 20/"time_limit": 30/' "'time_limit' differs"
refuse "the seed" 's/"seed": 2/"seed": 3/' "'seed' differs"

# the analysis helper: every left-out count and one confidence interval worked out here
/usr/bin/python3 "$root/scenarios/analysis.py" "$tmp/a.h5" --csv "$tmp/paired.csv" >"$tmp/analysis.txt" 2>&1; rc=$?
[ $rc = 0 ] && grep -q "first_choice_share: each alloc_policy against optimal" "$tmp/analysis.txt" && ok || bad "analysis.py runs ($rc: $(head -5 "$tmp/analysis.txt"))"
/usr/bin/python3 - "$tmp/a.h5" "$tmp/paired.csv" "$root/scenarios" <<'PY' && ok || bad "analysis.py's table checks out"
import csv, math, sys
import h5py
sys.path.insert(0, sys.argv[3])
import analysis
runs, attrs = analysis.load(sys.argv[1])
problems = []
if list(runs["run_id"]) != list(range(180)) or not isinstance(runs["alloc_policy"][0], str):
    problems.append("load: not sorted, or text not str")
raw = h5py.File(sys.argv[1], "r")["runs"][:]
table = list(csv.DictReader(open(sys.argv[2])))
if len(table) != 3 * 2 * 2:  # grid points x cf policies x (greedy, random)
    problems.append(f"{len(table)} rows in the table")
for t in table:
    m, cf, pol = float(t["param_min_agencies"]), t["cf_policy"], t["policy"]
    pick = lambda p: [x for x in raw if x["param_min_agencies"] == m and
                      x["cf_policy"].decode() == cf and x["alloc_policy"].decode() == p]
    mine, base = pick(pol), pick("optimal")
    if int(t["invalid_policy"]) != sum(not x["plan_valid"] for x in mine):
        problems.append(f"{t}: invalid count")
    by_rep = {x["replicate"]: x for x in base}
    d = [x["first_choice_share"] - by_rep[x["replicate"]]["first_choice_share"]
         for x in mine if x["plan_valid"] and by_rep[x["replicate"]]["plan_valid"]]
    if int(t["pairs"]) != len(d):
        problems.append(f"{t}: {len(d)} pairs")
    if len(d) > 1:
        mean = sum(d) / len(d)
        sd = math.sqrt(sum((v - mean) ** 2 for v in d) / (len(d) - 1))
        half = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262][len(d) - 2] * sd / math.sqrt(len(d))
        if abs(float(t["difference"]) - mean) > 1e-12 or abs(float(t["ci_high"]) - (mean + half)) > 1e-9:
            problems.append(f"{t}: mean {mean} half {half}")
print("\n".join(problems[:10]))
sys.exit(1 if problems else 0)
PY
finish
