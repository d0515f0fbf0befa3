#!/bin/sh
# Memory short before the diagrams: mapa says so in its words (exit 70) instead of letting
# GLib abort inside Graphviz (SIGTRAP, exit 133); with room enough the plan completes.
mapa=$1 root=$2
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $1"; fail=$((fail + 1)); }
for limit in 120000 150000 180000; do
  (ulimit -v $limit; "$mapa" plan -q "$root/scenarios/east-midlands" -o "$tmp/o$limit" 2>"$tmp/e$limit")
  rc=$?
  [ $rc = 70 ] && grep -q "out of memory" "$tmp/e$limit" && ok || { bad "ulimit -v $limit: exit $rc"; cat "$tmp/e$limit"; }
  [ -z "$(find "$tmp" -name '*.tmp*')" ] && ok || bad "ulimit -v $limit: a temporary is left"
done
(ulimit -v 400000; "$mapa" plan -q "$root/scenarios/east-midlands" -o "$tmp/big" 2>"$tmp/ebig") \
  && [ -f "$tmp/big/diagrams/network.svg" ] && ok || { bad "ulimit -v 400000: the plan should complete"; cat "$tmp/ebig"; }
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
