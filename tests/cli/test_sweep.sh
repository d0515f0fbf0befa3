#!/bin/sh
# End-to-end checks of mapa generate, mapa sweep and mapa plan --hdf5.
. "$(dirname "$0")/lib.sh"

# generate: an ordinary folder, the same bytes for the same seed
"$mapa" generate --members 120 --topics 6 --agencies 12 --seed 4 --actions 60 --interactions 300 -o "$tmp/g1" -q; rc=$?
[ $rc = 0 ] && ok || bad "generate exit $rc"
"$mapa" generate --members 120 --topics 6 --agencies 12 --seed 4 --actions 60 --interactions 300 -o "$tmp/g2" -q
for f in agencies.csv topics.csv members.csv settings.json actions.csv interactions.csv planted_duplicates.csv; do
    cmp -s "$tmp/g1/$f" "$tmp/g2/$f" && ok || bad "generate: $f differs for the same seed"
done
"$mapa" validate "$tmp/g1" >"$tmp/v.txt" 2>&1; rc=$?
# the only warning allowed: an agency the Zipf sizes left without members is listed
[ $rc = 0 ] && grep -q "^No errors" "$tmp/v.txt" && [ -z "$(grep 'warning:' "$tmp/v.txt" | grep -v -e ' has no members: ' -e ' have no members: ')" ] && ok || bad "generated folder validates cleanly ($rc)"
"$mapa" plan "$tmp/g1" -o "$tmp/g1/out" -q; rc=$?
[ $rc = 0 ] && [ -s "$tmp/g1/out/critical_friends.csv" ] && ok || bad "generated folder plans ($rc)"
"$mapa" generate --members 120 --topics 6 -o "$tmp/x" 2>/dev/null; [ $? = 64 ] && ok || bad "generate without --agencies: 64"
"$mapa" generate --members 5 --topics 10 --agencies 2 -o "$tmp/x" 2>"$tmp/e.txt"; rc=$?
[ $rc = 64 ] && grep -q "cannot fill 10 teams" "$tmp/e.txt" && ok || bad "generate 5 members for 10 teams: 64 and why"
"$mapa" generate --members 50 --topics 3 --agencies 2 --colour 1 -o "$tmp/x" 2>"$tmp/e.txt"; rc=$?
[ $rc = 64 ] && grep -q "unknown option '--colour'" "$tmp/e.txt" && ok || bad "unknown generator option"

# sweep: a small one, read by h5dump
cat >"$tmp/s.json" <<'JSON'
{"name": "cli", "generator": {"members": 40, "topics": 4, "agencies": 6, "actions": 20},
 "grid": {"dispersion": [0.5, 2]},
 "policies": {"allocation": ["optimal", "greedy"], "cf": ["optimal", "random", "none"]},
 "replicates": 2, "seed": 3}
JSON
"$mapa" sweep "$tmp/s.json" -o "$tmp/s.h5" >"$tmp/out.txt"; rc=$?
[ $rc = 0 ] && grep -q "24 runs" "$tmp/out.txt" && ok || bad "sweep exit $rc"
h5dump -H "$tmp/s.h5" >"$tmp/dump.txt" 2>&1; rc=$?
[ $rc = 0 ] && grep -q 'DATASET "runs"' "$tmp/dump.txt" && grep -q "param_dispersion" "$tmp/dump.txt" && ok || bad "h5dump reads the sweep ($rc)"
[ "$(h5dump -d /runs -H "$tmp/s.h5" | grep -c 'DATASPACE  SIMPLE { ( 24 )')" = 1 ] && ok || bad "/runs has 24 rows"
# the same sweep again: resumed, nothing new
"$mapa" sweep "$tmp/s.json" -o "$tmp/s.h5" >"$tmp/out.txt"; rc=$?
[ $rc = 0 ] && grep -q "24 runs already there" "$tmp/out.txt" && grep -q "(0 new)" "$tmp/out.txt" && ok || bad "re-run resumes ($rc)"
# --jobs 2 writes the same runs
"$mapa" sweep "$tmp/s.json" -o "$tmp/j.h5" --jobs 2 -q; rc=$?
[ $rc = 0 ] && [ "$(h5dump -d /runs -H "$tmp/j.h5" | grep -c '( 24 )')" = 1 ] && ok || bad "--jobs 2 ($rc)"

# interrupted (the signal path) after 6 runs: exit 130, a readable file, resumed to the end
MAPA_SWEEP_INTERRUPT_AFTER=6 "$mapa" sweep "$tmp/s.json" -o "$tmp/i.h5" -q 2>"$tmp/e.txt"; rc=$?
[ $rc = 130 ] && grep -q "interrupted after 6 of 24 runs" "$tmp/e.txt" && ok || bad "interrupt: exit $rc"
h5dump -H "$tmp/i.h5" >/dev/null 2>&1 && ok || bad "interrupted file is readable"
"$mapa" sweep "$tmp/s.json" -o "$tmp/i.h5" >"$tmp/out.txt"; rc=$?
[ $rc = 0 ] && grep -q "6 runs already there" "$tmp/out.txt" && grep -q "24 runs (18 new)" "$tmp/out.txt" && ok || bad "resume after interrupt ($rc)"
# killed outright after a unit (no clean close): still readable and resumable
MAPA_SWEEP_CRASH_AFTER=12 "$mapa" sweep "$tmp/s.json" -o "$tmp/c.h5" -q 2>/dev/null; rc=$?
[ $rc = 137 ] && ok || bad "crash hook exit $rc"
h5dump -d /runs -H "$tmp/c.h5" >"$tmp/dump.txt" 2>&1 && grep -q '( 12' "$tmp/dump.txt" && ok || bad "file left by a crash is readable with 12 runs"
"$mapa" sweep "$tmp/s.json" -o "$tmp/c.h5" -q; rc=$?
[ $rc = 0 ] && [ "$(h5dump -d /runs -H "$tmp/c.h5" | grep -c '( 24 )')" = 1 ] && ok || bad "resume after a crash ($rc)"

# failures: no folder, a full disk (file size limit), another sweep's file, a bad sweep file
"$mapa" sweep "$tmp/s.json" -o /proc/mapa-sweep.h5 -q 2>"$tmp/e.txt"; rc=$?
[ $rc = 74 ] && grep -q "could not create /proc/mapa-sweep.h5" "$tmp/e.txt" && ok || bad "unwritable place: 74 ($rc)"
"$mapa" sweep "$tmp/s.json" -o "$tmp/none/s.h5" -q 2>"$tmp/e.txt"; rc=$?
[ $rc = 74 ] && grep -q "could not create" "$tmp/e.txt" && [ ! -e "$tmp/none/s.h5" ] && ok || bad "missing folder: 74 ($rc)"
(ulimit -f 40; "$mapa" sweep "$tmp/s.json" -o "$tmp/full.h5" -q 2>"$tmp/e.txt"); rc=$?
[ $rc = 74 ] && grep -q "could not" "$tmp/e.txt" && [ ! -e "$tmp/full.h5" ] && ok || bad "full disk: 74 and no file left ($rc: $(cat "$tmp/e.txt"))"
cp "$tmp/s.json" "$tmp/t.json" && sed -i 's/"seed": 3/"seed": 4/' "$tmp/t.json"
"$mapa" sweep "$tmp/t.json" -o "$tmp/s.h5" -q 2>"$tmp/e.txt"; rc=$?
[ $rc = 65 ] && grep -q "another sweep" "$tmp/e.txt" && ok || bad "another sweep's file: 65 ($rc)"
printf '{\n  "generator": {"members": 40, "topics": 4, "agencies": 6},\n  "replicates": -1\n}\n' >"$tmp/b.json"
"$mapa" sweep "$tmp/b.json" -o "$tmp/b.h5" 2>"$tmp/e.txt"; rc=$?
[ $rc = 65 ] && grep -q "b.json:3:3: error: 'replicates' must be" "$tmp/e.txt" && [ ! -e "$tmp/b.h5" ] && ok || bad "bad sweep file: 65 at 3:3 ($rc)"
"$mapa" sweep "$tmp/missing.json" -o "$tmp/m.h5" 2>/dev/null; [ $? = 66 ] && ok || bad "missing sweep file: 66"
"$mapa" sweep "$tmp/s.json" 2>/dev/null; [ $? = 64 ] && ok || bad "no -o: 64"
# the shipped sweep files are valid
for f in "$root"/scenarios/sweeps/*.json "$root"/bench/sweeps/*.json; do
    "$mapa" sweep "$f" -o "$tmp/none/x.h5" -q 2>"$tmp/e.txt"; rc=$?
    [ $rc = 74 ] && ok || bad "$(basename "$f") does not load ($rc: $(head -2 "$tmp/e.txt"))"
done

# mapa plan --hdf5: the example as run 0
"$mapa" plan "$root/scenarios/east-midlands" -o "$tmp/p" --hdf5 "$tmp/p/plan.h5" -q; rc=$?
[ $rc = 0 ] && ok || bad "plan --hdf5 exit $rc"
h5dump -n "$tmp/p/plan.h5" >"$tmp/dump.txt" 2>&1 && grep -q "/run/0000000/team" "$tmp/dump.txt" && grep -q "/run/0000000/betweenness" "$tmp/dump.txt" && ok || bad "plan.h5 has run 0's arrays"
[ "$(h5dump -d /run/0000000/team -H "$tmp/p/plan.h5" | grep -c '( 70 )')" = 1 ] && ok || bad "a team per member (70)"
h5dump -a /sweep "$tmp/p/plan.h5" | grep -q '"plan"' && ok || bad "plan.h5 says which plan"
"$mapa" plan "$root/scenarios/east-midlands" -o "$tmp/q" --hdf5 /proc/mapa-plan.h5 -q 2>"$tmp/e.txt"; rc=$?
[ $rc = 74 ] && grep -q "hdf5 /proc/mapa-plan.h5 not written" "$tmp/e.txt" && [ ! -e /proc/mapa-plan.h5 ] && ok || bad "plan --hdf5 to an unwritable place: 74 ($rc)"
"$mapa" allocate "$root/scenarios/east-midlands" -o "$tmp/q" --hdf5 "$tmp/q.h5" 2>/dev/null; [ $? = 64 ] && ok || bad "--hdf5 is for mapa plan only"
finish
