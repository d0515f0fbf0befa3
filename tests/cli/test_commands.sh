#!/bin/sh
# End-to-end checks of the mapa command: help, version, usage errors, exit codes, output.
mapa=$1
root=$2
passed=0
failed=0
out=$(mktemp)
err=$(mktemp)

# check NAME EXPECTED_CODE PATTERN_IN_STDOUT_OR_STDERR -- ARGS...
check() {
    name=$1; code=$2; pattern=$3; shift 4
    "$mapa" "$@" >"$out" 2>"$err"
    got=$?
    if [ "$got" = "$code" ] && { [ -z "$pattern" ] || cat "$out" "$err" | grep -qF -- "$pattern"; }; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $name: exit $got (expected $code), pattern '$pattern'"
        sed 's/^/  out: /' "$out"; sed 's/^/  err: /' "$err"
    fi
}

check no_args 64 "Usage: mapa" --
check help 0 "65  data error" -- --help
check help_lists_validate 0 "validate   check a partnership folder" -- --help
check version 0 "mapa 0.1.0" -- --version
check help_validate 0 "Usage: mapa validate [OPTIONS] DIR" -- help validate
check help_unknown 64 "no command 'frobnicate'" -- help frobnicate
check unknown_command 64 "'frobnicate' is not a command" -- frobnicate
check validate_no_dir 64 "missing DIR" -- validate

# Options as data: each command takes exactly the options its table lists, and its help shows them.
ex="$root/scenarios/east-midlands"
check cf_takes_no_gap 64 "--gap is not an option of mapa cf" -- cf "$ex" --teams x.csv -o /tmp/x --gap 0.1
check cf_takes_no_formulation 64 "--formulation is not an option of mapa cf" -- cf "$ex" --teams x.csv -o /tmp/x --formulation full
check cf_takes_no_objective 64 "--objective is not an option of mapa cf" -- cf "$ex" --teams x.csv -o /tmp/x --objective fair
check allocate_takes_no_window 64 "--window is not an option of mapa allocate" -- allocate "$ex" -o /tmp/x --window month
check allocate_takes_no_hdf5 64 "--hdf5 is not an option of mapa allocate" -- allocate "$ex" -o /tmp/x --hdf5 x.h5
check plan_empty_out 64 "--out needs a value (OUT), not an empty one" -- plan "$ex" -o ""
check plan_value_missing 64 "--time-limit needs a value" -- plan "$ex" -o /tmp/x --time-limit
check plan_bad_policy 64 "--policy is optimal, greedy or random, not 'best'" -- plan "$ex" -o /tmp/x --policy best
check help_plan_lists_options 0 "--cf-policy NAME" -- help plan
check help_plan_lists_hdf5 0 "--hdf5 FILE" -- help plan
check help_cf_lists_teams 0 "--teams FILE" -- help cf
check metrics_unknown 64 "unknown option '--gap'" -- metrics "$ex" --plan x -o y --gap 1
check draw_unknown 64 "unknown option '--window'" -- draw "$ex" --plan x -o y --window month
check generate_inline_value 64 "--members needs a number (got 'many')" -- generate --members=many --topics 2 --agencies 2 -o /tmp/x
check time_limit_hex 64 "--time-limit needs a number of seconds" -- plan "$ex" -o /tmp/x --time-limit 0x10
check max_moves_plus 64 "--max-moves needs a whole number" -- plan "$ex" -o /tmp/x --max-moves +1
check sweep_bad_jobs 64 "--jobs is a number from 0 to 64" -- sweep x.json -o y.h5 -j 100
check validate_bad_option 64 "unknown option '--frob'" -- validate --frob x
check validate_two_dirs 64 "one folder only" -- validate a b
check validate_bad_max 64 "--max-problems needs a whole number" -- validate --max-problems x dir
check validate_missing_dir 66 "No such file or directory" -- validate "$root/no/such/folder"
check validate_file_not_folder 66 "is not a folder" -- validate "$root/CMakeLists.txt"
check validate_no_inputs 66 "has no members.csv and no topics.csv" -- validate "$root/tests/data"
check example_ok 0 "Members:     70 (3 co-ordinators, 67 to allocate" -- validate "$root/scenarios/east-midlands"
check example_topics 0 "victim-care      14      31  6-12              4  Victim identification and safeguarding" -- validate "$root/scenarios/east-midlands"
check example_agencies 0 "Agencies:    44 (police 6, local_authority 9" -- validate "$root/scenarios/east-midlands"
check example_clean 0 "No errors, 0 warnings." -- validate "$root/scenarios/east-midlands"
check quiet_prints_nothing 0 "" -- validate -q "$root/scenarios/east-midlands"
[ -s "$out" ] && { failed=$((failed + 1)); echo "FAIL: --quiet printed a summary"; }
check bad_data 65 "fix the errors" -- validate "$root/tests/data/bad/pref_gap"
check capped 65 "... and 33 more problems not shown (--max-problems 0 shows all)" -- validate "$root/tests/data/bad/many_problems"
check capped_custom 65 "... and 80 more problems" -- validate --max-problems 3 "$root/tests/data/bad/many_problems"

# unreadable file: an I/O error (skipped as root, who reads everything)
if [ "$(id -u)" != 0 ]; then
    tmp=$(mktemp -d)
    cp "$root/tests/data/good/tiny/"*.csv "$tmp/"
    chmod 000 "$tmp/members.csv"
    check unreadable 74 "Permission denied" -- validate "$tmp"
    rm -rf "$tmp"
fi

rm -f "$out" "$err"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
