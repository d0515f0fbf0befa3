#!/bin/sh
# End-to-end checks of mapa duplicates and the duplicates stage of mapa plan.
. "$(dirname "$0")/lib.sh"
example=$root/scenarios/east-midlands

"$mapa" plan "$example" -o "$tmp/p" >"$tmp/out.txt" 2>&1; rc=$?
[ $rc = 0 ] && ok || bad "plan exit $rc"
grep -q "^Duplicated actions: 7 across teams, 7 clusters" "$tmp/out.txt" && ok || bad "plan reports 7 duplicates"
[ "$(wc -l < "$tmp/p/duplicates.csv")" = 8 ] && ok || bad "7 pairs in duplicates.csv"
[ "$(wc -l < "$tmp/p/duplicate_clusters.csv")" = 15 ] && ok || bad "14 actions in clusters"
grep -q '"a01","training","Car wash worker leaflet","a09","awareness"' "$tmp/p/duplicates.csv" && ok || bad "car wash pair found"
spotted=$(grep -c '"spotted",' "$tmp/p/duplicates.csv"); blind=$(grep -c '"blind spot",' "$tmp/p/duplicates.csv")
[ $((spotted + blind)) = 7 ] && ok || bad "every pair spotted or blind ($spotted + $blind)"
[ "$(json_value blind_spots "$tmp/p/summary.json" duplicates)" = "$blind" ] && ok || bad "summary blind spots"
grep -q '"allocation"' "$tmp/p/summary.json" && ok || bad "summary keeps the allocation"

# alone: without a plan no pair is spotted or blind; with it, the same as the plan's
"$mapa" duplicates "$example" -o "$tmp/d" -q; rc=$?
[ $rc = 0 ] && ok || bad "duplicates exit $rc"
[ "$(grep -c ',"",[0-9]' "$tmp/d/duplicates.csv")" = 7 ] && ok || bad "no cf_link without a plan"
[ "$(json_value blind_spots "$tmp/d/summary.json")" = null ] && ok || bad "blind spots null without a plan"
"$mapa" duplicates "$example" --plan "$tmp/p" -o "$tmp/e" -q || bad "duplicates --plan"
cmp -s "$tmp/e/duplicates.csv" "$tmp/p/duplicates.csv" && ok || bad "--plan gives the plan's pairs"
"$mapa" duplicates "$example" --block target -o "$tmp/b" -q || bad "--block target"
[ "$(wc -l < "$tmp/b/duplicates.csv")" = 8 ] && ok || bad "blocking by target group finds the 7"
"$mapa" duplicates "$example" --within-team --threshold 0.2 -o "$tmp/w" -q || bad "--within-team"
grep -q '"same team",' "$tmp/w/duplicates.csv" && ok || bad "--within-team adds pairs inside a team"

# bad input
"$mapa" duplicates "$example" -o "$tmp/x" --threshold 2 2>/dev/null; [ $? = 64 ] && ok || bad "threshold 2 is a usage error"
"$mapa" duplicates "$example" -o "$tmp/x" --block colour 2>/dev/null; [ $? = 64 ] && ok || bad "--block colour"
"$mapa" duplicates "$root/tests/data/bad/actions" -o "$tmp/x" 2>"$tmp/bad.txt"; [ $? = 65 ] && ok || bad "bad actions.csv: 65"
grep -q "actions.csv:5:58: error: end 2026-11-01 is before start 2026-12-01" "$tmp/bad.txt" && ok || bad "end before start at 5:58"
[ ! -e "$tmp/x" ] && ok || bad "nothing written for bad input"
"$mapa" duplicates "$root/tests/data/good/tiny" -o "$tmp/t" -q 2>"$tmp/none.txt"; [ $? = 0 ] && ok || bad "no actions.csv: exit 0"
grep -q "has no actions.csv" "$tmp/none.txt" && ok || bad "says there are no actions"
finish
