# Sourced by the sweep tests: same_runs A.h5 B.h5 checks, with h5py (an independent reader),
# that two datasets hold exactly the same runs: every /runs column but the timings, every
# run's arrays, rows in run_id order 0..N-1, and nothing else.
same_runs() {
    /usr/bin/python3 - "$1" "$2" <<'PY'
import sys
import h5py, numpy
fa, fb = (h5py.File(p, "r") for p in sys.argv[1:3])
a, b = fa["runs"][:], fb["runs"][:]
problems = []
if len(a) != len(b):
    problems.append(f"{len(a)} rows against {len(b)}")
for name, rows in (("first", a), ("second", b)):
    if list(rows["run_id"]) != list(range(len(rows))):
        problems.append(f"the {name} file's run ids are not 0..N-1 in order")
timing = {"seconds", "alloc_seconds", "cf_seconds"}
if not problems:
    for c in a.dtype.names:
        if c in timing:
            continue
        x, y = a[c], b[c]
        same = (numpy.array_equal(x, y, equal_nan=True) if x.dtype.kind == "f"
                else numpy.array_equal(x, y))
        if not same:
            problems.append(f"column {c} differs")
    ga, gb = sorted(fa["run"]), sorted(fb["run"])
    if ga != gb or ga != [f"{i:07d}" for i in range(len(a))]:
        problems.append("the run groups differ")
    for g in ga if ga == gb else []:
        for d in set(fa["run"][g]) | set(fb["run"][g]):
            if d not in fa["run"][g] or d not in fb["run"][g] or \
               not numpy.array_equal(fa["run"][g][d][:], fb["run"][g][d][:]):
                problems.append(f"run {g}: array {d} differs")
for p in problems[:10]:
    print("  " + p)
sys.exit(1 if problems else 0)
PY
}

# rows FILE: the number of rows of /runs (-1 when the file cannot be read)
rows() {
    /usr/bin/python3 -c 'import sys, h5py; print(len(h5py.File(sys.argv[1], "r")["runs"]))' "$1" 2>/dev/null || echo -1
}
