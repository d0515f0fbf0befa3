#!/bin/sh
# Runs the fuzz targets of tests/fuzz.
#   run.sh smoke BINARY NAME      one target on its committed corpus, then 1 s of fuzzing
#                                 from a fixed seed (about 2 s in all)
#   run.sh long BUILD_DIR SECONDS every target in turn, SECONDS each; new inputs kept in
#                                 BUILD_DIR/fuzz-corpus/NAME, logs and a summary in
#                                 BUILD_DIR/fuzz-logs
# A crash, leak or timeout fails the run and leaves the input as fuzz-crash-NAME-* (smoke:
# in the current folder; long: in BUILD_DIR/fuzz-logs): make it a fixture (tests/data/bad).
here=$(cd "$(dirname "$0")" && pwd)
TARGETS="members topics agencies actions interactions settings sweep edges teams cf partnership"
flags="-dict=$here/mapa.dict -timeout=10 -rss_limit_mb=2048 -print_final_stats=1"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

case $1 in
smoke)
    bin=$2 name=$3
    scratch=$(mktemp -d) # new inputs go here: the committed corpus stays as it is
    "$bin" $flags -seed=1 -max_total_time=1 -artifact_prefix="$PWD/fuzz-crash-$name-" \
        "$scratch" "$here/corpus/$name" >"$scratch.log" 2>&1
    code=$?
    grep -E "stat::number_of_executed_units|^#[0-9]+ *DONE" "$scratch.log"
    [ $code = 0 ] || tail -n 60 "$scratch.log"
    rm -rf "$scratch" "$scratch.log"
    exit $code
    ;;
long)
    build=$2 seconds=${3:-600}
    logs=$build/fuzz-logs
    mkdir -p "$logs"
    summary=$logs/summary.txt
    printf '%-13s %8s %12s %8s %8s %8s %s\n' target seconds executions cov features corpus result >"$summary"
    status=0
    for name in $TARGETS; do
        mkdir -p "$build/fuzz-corpus/$name"
        "$build/tests/fuzz/fuzz_$name" $flags -max_total_time="$seconds" \
            -artifact_prefix="$logs/fuzz-crash-$name-" \
            "$build/fuzz-corpus/$name" "$here/corpus/$name" >"$logs/$name.log" 2>&1
        code=$?
        execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$name.log" | tail -n 1)
        last=$(grep -E '^#[0-9]+' "$logs/$name.log" | tail -n 1)
        cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
        ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
        corp=$(echo "$last" | sed -n 's/.*corp: \([0-9]*\).*/\1/p')
        result=ok
        [ $code = 0 ] || { result="FAILED (exit $code, see $logs/$name.log)"; status=1; }
        printf '%-13s %8s %12s %8s %8s %8s %s\n' "$name" "$seconds" "$execs" "$cov" "$ft" "$corp" "$result" >>"$summary"
        tail -n 1 "$summary"
    done
    exit $status
    ;;
*)
    echo "usage: $0 smoke BINARY NAME | long BUILD_DIR SECONDS" >&2
    exit 64
    ;;
esac
