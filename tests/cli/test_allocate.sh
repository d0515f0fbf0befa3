#!/bin/sh
# End-to-end checks of mapa allocate and mapa plan: outputs, exit codes, and the
# written model solved by glpsol reaching the objective mapa reports.
. "$(dirname "$0")/lib.sh"

example=$root/scenarios/east-midlands

"$mapa" allocate "$example" -o "$tmp/a" >"$tmp/out.txt" 2>&1; rc=$?
[ $rc = 0 ] && ok || bad "allocate example exit $rc"
grep -q "of 67 members got their first choice" "$tmp/out.txt" && ok || bad "allocate summary line"
[ "$(wc -l < "$tmp/a/teams.csv")" = 68 ] && ok || bad "teams.csv has 67 members"
[ "$(json_value status "$tmp/a/summary.json")" = optimal ] && ok || bad "status optimal"
[ "$(grep -c ',"yes",' "$tmp/a/teams.csv")" -ge 8 ] && ok || bad "a SPOC per team"

# the written model, solved by glpsol, reaches the same objective (both formulations)
if command -v glpsol >/dev/null 2>&1; then
    for f in aggregated full; do
        "$mapa" allocate "$example" -o "$tmp/$f" -q --formulation $f --write-lp "$tmp/$f.lp" || bad "write-lp $f"
        glpsol --lp "$tmp/$f.lp" -o "$tmp/$f.sol" >/dev/null 2>&1 || bad "glpsol $f"
        want=$(json_value objective "$tmp/$f/summary.json")
        got=$(glpsol_objective preference_score "$tmp/$f.sol")
        same_number "$want" "$got" 1e-6 && ok || bad "glpsol objective $got, mapa $want ($f)"
    done
    "$mapa" allocate "$example" -o "$tmp/r" -q --objective rank-maximal --write-lp "$tmp/r.lp"
    glpsol --lp "$tmp/r.lp" -o "$tmp/r.sol" >/dev/null 2>&1
    want=$(json_value objective "$tmp/r/summary.json")
    got=$(glpsol_objective preference_score "$tmp/r.sol")
    same_number "$want" "$got" 1e-3 && ok || bad "glpsol rank-maximal objective $got, mapa $want"
else
    echo "glpsol not installed: model agreement not checked"
fi

"$mapa" plan "$example" -o "$tmp/p" >/dev/null 2>&1 && ok || bad "plan example"
cmp -s "$tmp/p/teams.csv" "$tmp/a/teams.csv" && ok || bad "plan and allocate agree"
"$mapa" allocate "$example" -o "$tmp/g" --policy greedy --seed 7 >/dev/null 2>&1; rc=$?
[ $rc = 0 ] || [ $rc = 65 ] && ok || bad "greedy exit $rc"
[ -s "$tmp/g/teams.csv" ] && ok || bad "greedy writes a plan"

"$mapa" allocate "$root/tests/data/plan/no_spoc" -o "$tmp/n" >/dev/null 2>"$tmp/err.txt"; rc=$?
[ $rc = 65 ] && ok || bad "infeasible exit $rc"
[ ! -e "$tmp/n/teams.csv" ] && ok || bad "no teams.csv when infeasible"
grep -q "Topic 'Training' needs a SPOC but no member who can join it is willing" "$tmp/err.txt" && ok || bad "infeasible reason printed"
# no plan: the output folder is left as it was (here: never made), and the command says so
[ ! -e "$tmp/n" ] && ok || bad "nothing written when infeasible"
grep -q "nothing was written to $tmp/n" "$tmp/err.txt" && ok || bad "says nothing was written"
"$mapa" allocate "$root/tests/data/plan/no_spoc" -o "$tmp/s" --soft >/dev/null 2>"$tmp/err.txt"; rc=$?
[ $rc = 0 ] && ok || bad "soft exit $rc"
grep -q "has no member willing to be its SPOC" "$tmp/err.txt" && ok || bad "soft relaxations printed"

"$mapa" allocate "$example" >/dev/null 2>&1; [ $? = 64 ] && ok || bad "missing -o is a usage error"
"$mapa" allocate "$example" -o "$tmp/x" --objective happiest >/dev/null 2>&1; [ $? = 64 ] && ok || bad "bad objective"
"$mapa" allocate "$example" -o "$tmp/x" --weights 1,x >/dev/null 2>&1; [ $? = 64 ] && ok || bad "bad weights"
"$mapa" allocate "$root/tests/data/bad/pref_gap" -o "$tmp/x" >/dev/null 2>&1; [ $? = 65 ] && ok || bad "bad data exit 65"
[ ! -e "$tmp/x" ] && ok || bad "nothing written on bad data"
touch "$tmp/file"
"$mapa" allocate "$example" -o "$tmp/file" >/dev/null 2>&1; [ $? = 74 ] && ok || bad "output folder is a file: exit 74"
"$mapa" allocate "$example" -o "$tmp/w" --weights 10,6,3 -q && ok || bad "custom weights"
[ "$(json_value objective_name "$tmp/w/summary.json")" = weights ] && ok || bad "weights objective named"

finish
