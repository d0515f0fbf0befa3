#!/bin/sh
# Fault injection over a whole `mapa plan` (tests/faultsim/faultsim.c): for N = 1, 2, ...
# up to every allocation the run makes, the N-th fails. Each run must exit 70 with an
# out-of-memory message and leave no temporary file, or succeed with the outputs of the run
# without faults. Under the sanitizers, a leak on any path fails the run (LeakSanitizer).
# Usage: test_faultsim.sh MAPA_FAULTSIM FIXTURE [JOBS]
faultsim=$1 fixture=$2 jobs=${3:-2}
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
args="plan -q $fixture --window 30d"

# The run without faults: the reference outputs and the number of allocations.
MAPA_FAULTSIM_REPORT="$tmp/count" "$faultsim" $args -o "$tmp/ref" --hdf5 "$tmp/ref.h5" \
  >"$tmp/ref.out" 2>&1 || { cat "$tmp/ref.out"; echo "0 passed, 1 failed"; exit 1; }
total=$(cat "$tmp/count")
[ "$total" -gt 100 ] || { echo "FAIL: only $total allocations counted"; exit 1; }

# What a run's outputs must equal: every file but the diagrams' layout and the timings.
digest() {
  (cd "$1" && find . -type f | sort | while read -r f; do
     case "$f" in
       *.dot|*.svg|*.xlsx) echo "$f" ;;
       *report.html) echo "$f"; sed '/<svg/,/<\/svg>/d' "$f" ;;
       *summary.json) echo "$f"; grep -v '"seconds"' "$f" ;;
       *) echo "$f"; cat "$f" ;;
     esac
   done)
}
digest "$tmp/ref" >"$tmp/ref.digest"

one() {
  n=$1 out="$tmp/run$1"
  MAPA_FAIL_AT=$n "$faultsim" $args -o "$out" --hdf5 "$out.h5" >"$out.stdout" 2>"$out.stderr"
  rc=$?
  left=$(find "$tmp" -path "$out*" -name '*.tmp*' 2>/dev/null | head -1)
  if [ -n "$left" ]; then
    echo "FAIL n=$n: temporary left behind: $left"
  elif [ $rc = 70 ]; then
    grep -q "out of memory" "$out.stderr" || { echo "FAIL n=$n: exit 70 without 'out of memory':"; cat "$out.stderr"; }
  elif [ $rc = 0 ]; then
    digest "$out" >"$out.digest"
    cmp -s "$tmp/ref.digest" "$out.digest" || { echo "FAIL n=$n: exit 0 with other outputs:"; diff "$tmp/ref.digest" "$out.digest" | head -5; }
  else
    echo "FAIL n=$n: exit $rc:"; head -5 "$out.stderr"
  fi
  rm -rf "$out" "$out".*
}

i=1
while [ $i -le "$total" ]; do echo $i; i=$((i + 1)); done >"$tmp/ns"
# two at a time: each line of the loop is one `mapa plan`
while read -r n; do
  one "$n" &
  [ $((n % jobs)) = 0 ] && wait
done <"$tmp/ns" >"$tmp/results" 2>&1
wait
failed=$(grep -c '^FAIL' "$tmp/results")
grep "^FAIL" "$tmp/results" | cut -c1-200; head -60 "$tmp/results" >&2
echo "faultsim: $total allocations, each failed once"
echo "$((total - failed)) passed, $failed failed"
[ "$failed" = 0 ]
