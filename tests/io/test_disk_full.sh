#!/bin/sh
# Every command that writes, under a file-size limit (ulimit -f): exit 74, a message
# naming the file that could not be written, and no temporary file left behind; and
# with an empty output name (-o ""): a usage error, exit 64.
mapa=$1
root=$2
tiny=$root/tests/data/good/tiny
example=$root/scenarios/east-midlands
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# limited NAME BLOCKS OUTDIR -- ARGS...: run mapa with files limited to BLOCKS blocks
limited() {
    name=$1; blocks=$2; outdir=$3; shift 4
    # the limit holds for regular files: mapa's messages go through a pipe to be kept
    { ( ulimit -f "$blocks"; exec "$mapa" "$@" 2>&1 >/dev/null ); echo $? >"$tmp/code"; } \
        | cat >"$tmp/err.txt"
    code=$(cat "$tmp/code")
    left=$(find "$outdir" -name '*.tmp.*' 2>/dev/null | head -n 1)
    if [ "$code" = 74 ] && grep -Eq "could not be written: the file would exceed the file-size limit|File too large" "$tmp/err.txt" \
        && grep -q "$outdir" "$tmp/err.txt" && [ -z "$left" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $name: exit $code (expected 74), temporary left: '$left'"
        sed 's/^/  err: /' "$tmp/err.txt"
    fi
}

"$mapa" plan -q "$example" -o "$tmp/plan" >/dev/null 2>&1 || { echo "FAIL: the example's plan"; exit 1; }
limited plan 0 "$tmp/p" -- plan -q "$tiny" -o "$tmp/p"
limited plan_diagrams 8 "$tmp/p8" -- plan -q "$tiny" -o "$tmp/p8"
limited allocate 0 "$tmp/a" -- allocate -q "$tiny" -o "$tmp/a"
limited cf 0 "$tmp/c" -- cf -q "$example" --teams "$tmp/plan/teams.csv" -o "$tmp/c"
limited metrics 0 "$tmp/m" -- metrics -q "$example" --plan "$tmp/plan" -o "$tmp/m"
limited duplicates 0 "$tmp/d" -- duplicates -q "$example" -o "$tmp/d"
limited draw 0 "$tmp/g" -- draw -q "$example" --plan "$tmp/plan" -o "$tmp/g"
limited draw_svg 16 "$tmp/g16" -- draw -q "$example" --plan "$tmp/plan" -o "$tmp/g16"
limited sweep 4 "$tmp/s.h5" -- sweep -q "$root/tests/data/sweeps/tiny.json" -o "$tmp/s.h5"
limited generate 0 "$tmp/gen" -- generate -q --members 50 --topics 5 --agencies 8 -o "$tmp/gen"

# -o "": a usage error (64), for every command that writes
for args in "plan -q $tiny" "allocate -q $tiny" "cf -q $example --teams $tmp/plan/teams.csv" \
    "metrics -q $example --plan $tmp/plan" "duplicates -q $example" "draw -q $example --plan $tmp/plan" \
    "generate -q --members 50 --topics 5 --agencies 8" "sweep -q $root/tests/data/sweeps/tiny.json"; do
    # shellcheck disable=SC2086 # the words of $args are the arguments
    "$mapa" $args -o "" >/dev/null 2>&1
    code=$?
    if [ "$code" = 64 ]; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL: $args -o \"\": exit $code (expected 64)"; fi
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
