#!/bin/sh
# End-to-end checks of mapa cf and the Critical Friends of mapa plan.
. "$(dirname "$0")/lib.sh"
cf_value() { json_value "$1" "$2" critical_friends; }

example=$root/scenarios/east-midlands
"$mapa" plan "$example" -o "$tmp/p" >"$tmp/out.txt" 2>&1; rc=$?
[ $rc = 0 ] && ok || bad "plan exit $rc"
grep -q "Critical Friends: optimal" "$tmp/out.txt" && ok || bad "plan reports Critical Friends"
grep -q "strongly connected: every team's knowledge reaches every other team" "$tmp/out.txt" && ok || bad "connectivity line"
[ "$(wc -l < "$tmp/p/critical_friends.csv")" = 17 ] && ok || bad "16 Critical Friends (8 teams x 2)"
grep -q '"allocation"' "$tmp/p/summary.json" && ok || bad "summary keeps the allocation"
[ "$(cf_value strongly_connected "$tmp/p/summary.json")" = true ] && ok || bad "summary: strongly connected"

# mapa cf on the saved plan gives the same Critical Friends, and glpsol agrees with its model
"$mapa" cf "$example" --teams "$tmp/p/teams.csv" -o "$tmp/c" -q; rc=$?
[ $rc = 0 ] && ok || bad "cf exit $rc"
cmp -s "$tmp/c/critical_friends.csv" "$tmp/p/critical_friends.csv" && ok || bad "cf equals plan's CFs"
# --write-lp solves with GLPK alone (a tie may pick other CFs): compare objectives
"$mapa" cf "$example" --teams "$tmp/p/teams.csv" -o "$tmp/c" --write-lp "$tmp/cf.lp" -q || bad "cf --write-lp"
[ "$(cf_value objective "$tmp/c/summary.json")" = "$(cf_value objective "$tmp/p/summary.json")" ] && ok || bad "the same optimum with GLPK alone"
if command -v glpsol >/dev/null 2>&1; then
    glpsol --lp "$tmp/cf.lp" -o "$tmp/cf.sol" >/dev/null 2>&1
    want=$(cf_value objective "$tmp/c/summary.json")
    got=$(glpsol_objective cf_score "$tmp/cf.sol")
    same_number "$want" "$got" 1e-6 && ok || bad "glpsol CF objective $got, mapa $want"
fi

"$mapa" cf "$example" --teams "$tmp/p/teams.csv" -o "$tmp/s" --cf-per-stage --no-spoc-cf -q; rc=$?
[ $rc = 0 ] && ok || bad "per-stage exit $rc"
[ "$(grep -c ',"decision",' "$tmp/s/critical_friends.csv")" = 16 ] && ok || bad "16 decision-stage CFs"
[ "$(grep -c ',"evaluation",' "$tmp/s/critical_friends.csv")" = 16 ] && ok || bad "16 evaluation-stage CFs"
spocs=$(grep ',"yes",' "$tmp/p/teams.csv" | cut -d, -f1)
clash=0
for s in $spocs; do grep -q "^$s," "$tmp/s/critical_friends.csv" && clash=1; done
[ $clash = 0 ] && ok || bad "--no-spoc-cf keeps SPOCs free"

"$mapa" cf "$example" --teams "$tmp/p/teams.csv" -o "$tmp/r" --cf-policy random -q && ok || bad "random CFs"
"$mapa" cf "$example" --teams "$tmp/p/teams.csv" -o "$tmp/n" --cf-policy none -q; [ $? = 0 ] && ok || bad "no CFs"
[ "$(cf_value strongly_connected "$tmp/n/summary.json")" = false ] && ok || bad "no CFs: not connected"

# impossible coverage: every capacity 0
mkdir -p "$tmp/zero"
cp "$root/tests/data/good/tiny/"*.csv "$tmp/zero/"
sed -i 's/,yes,[12],no,/,yes,0,no,/; s/,no,1,no,/,no,0,no,/g; s/,yes,1,no,/,yes,0,no,/g; s/,yes,2,no,/,yes,0,no,/g' "$tmp/zero/members.csv"
"$mapa" plan "$tmp/zero" -o "$tmp/z" >/dev/null 2>"$tmp/err.txt"; rc=$?
[ $rc = 65 ] && ok || bad "impossible CFs exit $rc"
grep -q "Critical Friend places are needed but the members who can serve offer only 0" "$tmp/err.txt" && ok || bad "impossible CFs explained"
[ ! -e "$tmp/z/critical_friends.csv" ] && ok || bad "no critical_friends.csv when impossible"
[ ! -e "$tmp/z/teams.csv" ] && ok || bad "a failed run leaves no half plan"

printf 'member_id,team_id,spoc\nm1,t9,yes\n' > "$tmp/bad_teams.csv"
"$mapa" cf "$root/tests/data/good/tiny" --teams "$tmp/bad_teams.csv" -o "$tmp/b" 2>"$tmp/err.txt"; rc=$?
[ $rc = 65 ] && ok || bad "bad teams.csv exit $rc"
grep -q "bad_teams.csv:2:4: error: team 't9' is not a topic id in topics.csv" "$tmp/err.txt" && ok || bad "bad teams.csv message"
"$mapa" cf "$root/tests/data/good/tiny" -o "$tmp/b" >/dev/null 2>&1; [ $? = 64 ] && ok || bad "cf without --teams is a usage error"

# cf_overlap_weight: the duplicates come before the Critical Friends, the log compares the blind
# spots with the plan without the term, and duplicates.csv is marked against the final plan
cp -r "$example" "$tmp/ov"
/usr/bin/python3 - "$tmp/ov/settings.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); s["cf_overlap_weight"] = 1
json.dump(s, open(sys.argv[1], "w"))
PY
"$mapa" plan "$tmp/ov" -o "$tmp/ovp" -v >"$tmp/ov.txt" 2>&1; rc=$?
[ $rc = 0 ] && ok || bad "plan with cf_overlap_weight exit $rc"
line=$(grep "Critical Friends where the plans overlap" "$tmp/ov.txt")
[ -n "$line" ] && ok || bad "the blind spots compared in the log"
with=$(echo "$line" | sed 's/.*overlap: \([0-9]*\) of.*/\1/')
without=$(echo "$line" | sed 's/.*against \([0-9]*\) without.*/\1/')
[ "$with" -le "$without" ] && ok || bad "blind spots $with with the term, $without without"
marked=$(grep -c '"blind spot"' "$tmp/ovp/duplicates.csv")
[ "$marked" = "$with" ] && ok || bad "duplicates.csv marks $marked blind spots, the log says $with"
grep -q "placed where the teams' action plans overlap (cf_overlap_weight 1): $with of 7 duplicated pairs .*, against $without without the term" "$tmp/ov.txt" \
    && ok || bad "the blind spots said on stdout"
/usr/bin/python3 - "$tmp/ovp/summary.json" "$with" "$without" <<'PY' && ok || bad "summary.json critical_friends.overlap"
import json, sys
o = json.load(open(sys.argv[1]))["critical_friends"]["overlap"]
sys.exit(0 if o == {"weight": 1.0, "blind_spots": int(sys.argv[2]),
                    "blind_spots_without_term": int(sys.argv[3])} else 1)
PY
/usr/bin/python3 -c 'import json, sys; o = json.load(open(sys.argv[1]))["critical_friends"]["overlap"]
sys.exit(0 if o["weight"] == 0 and o["blind_spots"] is None else 1)' "$tmp/p/summary.json" \
    && ok || bad "without the term the overlap section says none"
cf_ov=$(cf_value objective "$tmp/ovp/summary.json")
cf_plain=$(cf_value objective "$tmp/p/summary.json")
/usr/bin/python3 -c "import sys; sys.exit(0 if float('$cf_ov') > float('$cf_plain') else 1)" && ok || bad "the term adds to the objective ($cf_ov, plain $cf_plain)"

finish
