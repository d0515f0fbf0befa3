#!/bin/sh
# Runs `mapa validate` on one fixture folder: the exit code must be the one in
# exit.txt and every line of expected.txt must be printed, prefixed by the folder.
mapa=$1
dir=$2
expected_code=$(cat "$dir/exit.txt")
err=$(mktemp)
"$mapa" validate --max-problems 0 "$dir" >/dev/null 2>"$err"
code=$?
status=0
if [ "$code" != "$expected_code" ]; then
    echo "FAIL: exit code $code, expected $expected_code"
    status=1
fi
while IFS= read -r line; do
    if ! grep -qxF "$dir/$line" "$err"; then
        echo "FAIL: missing message: $dir/$line"
        status=1
    fi
done < "$dir/expected.txt"
[ $status = 0 ] || { echo "--- stderr:"; cat "$err"; }
rm -f "$err"
exit $status
