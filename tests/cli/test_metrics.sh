#!/bin/sh
# End-to-end checks of mapa metrics and the network figures of mapa plan.
. "$(dirname "$0")/lib.sh"
example=$root/scenarios/east-midlands
# csv_field FILE ROW_KEY COLUMN_NAME: the value of a column in the row whose first field is ROW_KEY
csv_field() {
    awk -F, -v key="\"$2\"" -v plain="$2" -v col="$3" '
        NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
        ($1 == key || $1 == plain) { print $c; exit }' "$1"
}

"$mapa" plan "$example" -o "$tmp/p" --window month >"$tmp/out.txt" 2>&1; rc=$?
[ $rc = 0 ] && ok || bad "plan exit $rc"
grep -q "^Network (plan): 70 members" "$tmp/out.txt" && ok || bad "plan reports the network"
grep -q "^Network (observed in interactions.csv)" "$tmp/out.txt" && ok || bad "observed network reported"
for f in members.csv teams.csv agencies.csv network.json observed/members.csv observed/network.json observed/windows.csv; do
    [ -s "$tmp/p/metrics/$f" ] && ok || bad "plan wrote metrics/$f"
done
[ "$(wc -l < "$tmp/p/metrics/members.csv")" = 71 ] && ok || bad "a row per member"
[ "$(wc -l < "$tmp/p/metrics/teams.csv")" = 9 ] && ok || bad "a row per team"
[ "$(wc -l < "$tmp/p/metrics/observed/windows.csv")" = 4 ] && ok || bad "three monthly windows (Sep-Nov)"
[ "$(json_value nodes "$tmp/p/metrics/network.json")" = 70 ] && ok || bad "network.json: 70 nodes"
[ "$(json_value strongly_connected "$tmp/p/metrics/network.json" team_graph)" = true ] && ok || bad "team graph strongly connected"

# the saved plan gives the same figures
"$mapa" metrics "$example" --plan "$tmp/p" -o "$tmp/m" -q; rc=$?
[ $rc = 0 ] && ok || bad "metrics exit $rc"
cmp -s "$tmp/m/members.csv" "$tmp/p/metrics/members.csv" && ok || bad "metrics on the saved plan = plan's"
cmp -s "$tmp/m/teams.csv" "$tmp/p/metrics/teams.csv" && ok || bad "teams.csv the same"

# an edge list worked by hand: a star of 5 around hub, agencies A (hub, l1) and B (l2..l4)
printf 'from,to,weight,from_group,to_group\nhub,l1,,A,A\nhub,l2,2,A,B\nhub,l3,,A,B\nl4,hub,1,B,A\n' > "$tmp/star.csv"
"$mapa" metrics --edges "$tmp/star.csv" -o "$tmp/s" >"$tmp/s.txt"; rc=$?
[ $rc = 0 ] && ok || bad "edges exit $rc"
[ "$(csv_field "$tmp/s/members.csv" hub betweenness)" = 1 ] && ok || bad "hub betweenness 1"
[ "$(csv_field "$tmp/s/members.csv" hub articulation_point)" = yes ] && ok || bad "hub is an articulation point"
[ "$(csv_field "$tmp/s/members.csv" hub strength)" = 5 ] && ok || bad "hub strength 5"
[ "$(csv_field "$tmp/s/members.csv" hub ei_index)" = 0.5 ] && ok || bad "hub E-I (3-1)/4"
# brokerage of the hub (ordered open pairs of leaves): l1->hub->lB representative (3),
# lB->hub->l1 gatekeeper (3), lB->hub->lB' itinerant (6), 12 in all
[ "$(csv_field "$tmp/s/members.csv" hub representative)" = 3 ] && ok || bad "hub representative 3"
[ "$(csv_field "$tmp/s/members.csv" hub gatekeeper)" = 3 ] && ok || bad "hub gatekeeper 3"
[ "$(csv_field "$tmp/s/members.csv" hub itinerant)" = 6 ] && ok || bad "hub itinerant 6"
[ "$(csv_field "$tmp/s/members.csv" hub brokerage)" = 12 ] && ok || bad "hub brokerage 12"
[ "$(csv_field "$tmp/s/agencies.csv" B ties_outside)" = 3 ] && ok || bad "agency B: 3 ties out"

# bad input: exit codes and file:line:column
printf 'from,to,weight\na,b,1\nb,,1\nc,d,heavy\n' > "$tmp/bad.csv"
"$mapa" metrics --edges "$tmp/bad.csv" -o "$tmp/b" 2>"$tmp/b.txt"; rc=$?
[ $rc = 65 ] && ok || bad "bad edge list exit $rc"
grep -q "bad.csv:3:3: error: empty node" "$tmp/b.txt" && ok || bad "empty node at 3:3"
grep -q "bad.csv:4:5: error: weight 'heavy'" "$tmp/b.txt" && ok || bad "bad weight at 4:5"
[ ! -e "$tmp/b" ] && ok || bad "nothing written for a bad edge list"
"$mapa" metrics "$example" --plan "$tmp/p" -o "$tmp/w" --window fortnight 2>/dev/null; [ $? = 64 ] && ok || bad "bad --window is a usage error"
"$mapa" metrics "$example" -o "$tmp/w" 2>/dev/null; [ $? = 64 ] && ok || bad "missing --plan is a usage error"
"$mapa" metrics "$example" --plan "$tmp/nowhere" -o "$tmp/w" 2>/dev/null; [ $? = 66 ] && ok || bad "missing plan folder: 66"
sed 's/^"m1",/"zz",/' "$tmp/p/critical_friends.csv" > "$tmp/cf.csv"
mkdir -p "$tmp/q" && cp "$tmp/p/teams.csv" "$tmp/q/" && head -3 "$tmp/p/critical_friends.csv" > "$tmp/q/critical_friends.csv"
printf '"zz","Nobody","x","t","victim-id","decision;evaluation","-"\n' >> "$tmp/q/critical_friends.csv"
"$mapa" metrics "$example" --plan "$tmp/q" -o "$tmp/w" 2>"$tmp/q.txt"; [ $? = 65 ] && ok || bad "unknown CF member: 65"
grep -q "critical_friends.csv:4:1: error: member 'zz' is not in members.csv" "$tmp/q.txt" && ok || bad "unknown CF member at 4:1"
finish
