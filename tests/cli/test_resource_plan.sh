#!/bin/sh
# The resource plan: before each stage mapa estimates its time and memory (printed with -v),
# and a stage estimated above --max-memory is refused in words before it starts (exit 70),
# and the output folder is left as it was (here: never made), no temporary left.
mapa=$1
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $1"; fail=$((fail + 1)); }
"$mapa" generate -q --members 3000 --topics 10 --agencies 20 --actions 300 --interactions 2000 \
  -o "$tmp/p" || bad "generate"
# 3000 members with 2000 contacts: the metrics stage is estimated at about 7 MiB, the
# allocation at about 3 MiB (bench/README.md, "The whole plan": the per-unit costs)
"$mapa" plan -v "$tmp/p" -o "$tmp/o" --cf-policy random --max-memory 5 >/dev/null 2>"$tmp/err"
rc=$?
[ $rc = 70 ] && ok || bad "--max-memory 5: exit $rc, not 70"
grep -q "out of memory before measuring the network: the stage would need about [0-9]* MiB" "$tmp/err" \
  && grep -q "more than the limit of 5 MiB; not started" "$tmp/err" && ok || { bad "no refusal message"; cat "$tmp/err"; }
grep -q "^Allocating: 3000 members, 10 sub-teams: about .* s of CPU and [0-9]* MiB" "$tmp/err" \
  && grep -q "^Allocating: done in" "$tmp/err" && ok || { bad "no estimate printed with -v"; cat "$tmp/err"; }
[ ! -e "$tmp/o" ] && ok || bad "a refused run left an output folder"
grep -q "nothing was written to" "$tmp/err" && ok || { bad "does not say nothing was written"; cat "$tmp/err"; }
[ -z "$(find "$tmp" -name '*.tmp*' -o -name '*mapa-new*')" ] && ok || bad "a temporary is left"
# with room, the same stage runs; without -v and off a terminal nothing is printed on stderr
"$mapa" plan -q "$tmp/p" -o "$tmp/o2" --cf-policy random --max-memory 400 2>"$tmp/err2" \
  && [ -f "$tmp/o2/metrics/members.csv" ] && ok || { bad "--max-memory 400 should plan"; cat "$tmp/err2"; }
grep -q "about" "$tmp/err2" && bad "estimates printed off a terminal without -v" || ok
# bounded diagrams: 80 teams (above MAPA_DIAGRAM_CIRCO_MAX, 60) and many duplicated pairs
"$mapa" generate -q --members 2000 --topics 80 --agencies 20 --actions 4000 \
  --duplicate-share 0.5 -o "$tmp/d" || bad "generate"
"$mapa" plan -q "$tmp/d" -o "$tmp/od" --cf-policy random 2>"$tmp/errd" || { bad "plan"; cat "$tmp/errd"; }
grep -q 'Team graph as a table (80 teams' "$tmp/od/diagrams/team_graph.dot" && ok || bad "team graph of 80 teams not a table"
grep -qE '^\s*t[0-9]+ -> t[0-9]+' "$tmp/od/diagrams/team_graph.dot" && bad "the team table draws arrows" || ok
# the switch is at MAPA_DIAGRAM_CIRCO_MAX (60): 60 teams are drawn on a circle, 61 a table
for T in 60 61; do
  "$mapa" generate -q --members 900 --topics $T --agencies 20 -o "$tmp/t$T" || bad "generate $T"
  "$mapa" plan -q "$tmp/t$T" -o "$tmp/ot$T" --cf-policy random 2>"$tmp/errt" || { bad "plan $T"; cat "$tmp/errt"; }
done
grep -q 'layout=circo' "$tmp/ot60/diagrams/team_graph.dot" && ! grep -q 'as a table' "$tmp/ot60/diagrams/team_graph.dot" \
  && ok || bad "60 teams: not drawn on a circle"
grep -q 'Team graph as a table (61 teams' "$tmp/ot61/diagrams/team_graph.dot" && ok || bad "61 teams: not a table"
grep -q 'more pairs of teams with' "$tmp/od/diagrams/duplicates.dot" && ok || bad "no count of the pairs left out"
pairs=$(grep -E '^\s*t[0-9]+ -> t[0-9]+' "$tmp/od/diagrams/duplicates.dot" | grep -vc 'key=row')
[ "$pairs" -gt 0 ] && [ "$pairs" -le 120 ] && ok || bad "duplicates map draws $pairs team pairs, not 1-120"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
