#!/bin/sh
# End-to-end checks of mapa draw and the diagrams of mapa plan.
. "$(dirname "$0")/lib.sh"
example=$root/scenarios/east-midlands
"$mapa" plan "$example" -o "$tmp/p" -q; rc=$?
[ $rc = 0 ] && ok || bad "plan exit $rc"
for d in structure critical_friends team_graph stages network observed duplicates; do
    [ -s "$tmp/p/diagrams/$d.dot" ] && [ -s "$tmp/p/diagrams/$d.svg" ] && ok || bad "plan drew $d"
done
"$mapa" draw "$example" --plan "$tmp/p" -o "$tmp/d" --format svg,pdf,png >"$tmp/out.txt"; rc=$?
[ $rc = 0 ] && ok || bad "draw exit $rc"
grep -q "^Diagrams: 7 drawn" "$tmp/out.txt" && ok || bad "draw reports 7 diagrams"
# the contacts of interactions.csv: every logged pair of members one link
pairs=$(tail -n +2 "$example/interactions.csv" | awk -F, '{ a = $1 < $2 ? $1 : $2; b = $1 < $2 ? $2 : $1; if (a != b) print a "," b }' | sort -u | wc -l)
grep -q "Contacts logged in interactions.csv: 70 members, $pairs ties" "$tmp/d/observed.svg" && ok || bad "observed diagram: 70 members, $pairs ties"
# the example's 70 members are drawn one by one; --network agencies aggregates
grep -q "network of the plan: 70 members" "$tmp/d/network.svg" && ok || bad "network of 70 members"
"$mapa" draw "$example" --plan "$tmp/p" -o "$tmp/a" --network agencies -q; rc=$?
[ $rc = 0 ] && ok || bad "draw --network agencies exit $rc"
agencies=$(($(wc -l <"$example/agencies.csv") - 1))
grep -q "network of the plan: $agencies agencies" "$tmp/a/network.svg" && ok || bad "network of $agencies agencies"
"$mapa" draw "$example" --plan "$tmp/p" -o "$tmp/x" --network people 2>/dev/null; [ $? = 64 ] && ok || bad "--network people is a usage error"
grep -q "blind spot" "$tmp/d/duplicates.dot" && ok || bad "duplicates map shows blind spots"
head -c 4 "$tmp/d/team_graph.pdf" | grep -q "%PDF" && ok || bad "a PDF"
head -c 8 "$tmp/d/team_graph.png" | grep -q "PNG" && ok || bad "a PNG"
[ "$(grep -c -- "->" "$tmp/d/critical_friends.dot")" = "$(grep -c -- "->" "$tmp/p/diagrams/critical_friends.dot")" ] && ok || bad "draw: as many arrows as the plan's diagram"
grep -q "Critical Friend arrangement" "$tmp/d/critical_friends.svg" && ok || bad "SVG has its title"
"$mapa" draw "$example" --plan "$tmp/p" -o "$tmp/x" --format gif 2>/dev/null; [ $? = 64 ] && ok || bad "--format gif is a usage error"
"$mapa" draw "$example" --plan "$tmp/none" -o "$tmp/x" 2>/dev/null; [ $? = 66 ] && ok || bad "missing plan: 66"
finish
