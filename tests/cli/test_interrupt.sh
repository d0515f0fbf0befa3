#!/bin/sh
# SIGINT and SIGTERM at several points of `mapa plan` on a generated partnership of 10,000
# members: exit 130, one line saying what was being done, no temporary left, and every file
# that is there whole (summary.json parses, teams.csv has a row per member).
mapa=$1
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $1"; fail=$((fail + 1)); }

"$mapa" generate -q --members 10000 --topics 100 --agencies 60 --actions 2000 --interactions 20000 \
  --seed 3 -o "$tmp/p" || { echo "0 passed, 1 failed"; exit 1; }
# how long an uninterrupted plan takes, to spread the signals over it
start=$(date +%s.%N)
"$mapa" plan -q "$tmp/p" -o "$tmp/full" >/dev/null 2>&1 || bad "the plan runs uninterrupted"
total=$(echo "$(date +%s.%N) - $start" | bc)

for case in INT:0.05 INT:0.35 INT:0.7 TERM:0.2 TERM:0.55; do
  sig=${case%%:*} share=${case#*:}
  {
    out="$tmp/out-$sig-$share"
    at=$(echo "$total * $share" | bc)
    "$mapa" plan -q "$tmp/p" -o "$out" --hdf5 "$out.h5" >"$out.stdout" 2>"$out.stderr" &
    pid=$!
    sleep "$at"
    kill -s "$sig" $pid 2>/dev/null
    wait $pid
    rc=$?
    left=$(find "$tmp" -name '*.tmp*' -o -name '*.mapa-new.*' -o -name '*.mapa-old.*' | head -1)
    if [ -n "$left" ]; then
      bad "SIG$sig at $share: temporary left: $left"
    elif [ $rc = 0 ]; then
      ok # finished before the signal
    elif [ $rc != 130 ]; then
      bad "SIG$sig at $share: exit $rc"; head -3 "$out.stderr"
    elif ! grep -q "while .*: nothing of this run was kept; .* was left as the previous run left it\|while .*: the new run was already complete\|while .*: nothing was written" "$out.stderr"; then
      bad "SIG$sig at $share: no line saying what was being done"; cat "$out.stderr"
    elif [ -f "$out/summary.json" ] && ! /usr/bin/python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$out/summary.json"; then
      bad "SIG$sig at $share: summary.json is not whole"
    elif [ -f "$out/teams.csv" ] && [ "$(wc -l <"$out/teams.csv")" -lt 9999 ]; then
      bad "SIG$sig at $share: teams.csv is cut short"
    else
      ok
    fi
  }
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
