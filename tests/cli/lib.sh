# Shared by the end-to-end shell tests: sourced with the mapa binary and the
# source root as $1 and $2. Counts checks and cleans up its temporary folder.
mapa=$1
root=$2
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

# json_value KEY FILE [SECTION]: the first "KEY": value (in SECTION, when given) of a summary.json
json_value() {
    if [ -n "${3:-}" ]; then
        sed -n "/\"$3\"/,\$p" "$2"
    else
        cat "$2"
    fi | grep -m1 "\"$1\":" | sed 's/.*: *//; s/[",]//g'
}

# glpsol_objective NAME SOLUTION: the objective NAME in a glpsol solution file
glpsol_objective() {
    sed -n "s/^Objective: *$1 = \([0-9.e+-]*\).*/\1/p" "$2"
}

# same_number A B TOLERANCE: whether |A - B| < TOLERANCE
same_number() {
    awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; exit !(d < t && d > -t) }'
}

finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" = 0 ]
}
