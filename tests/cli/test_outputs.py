#!/usr/bin/python3
"""Output folders: no formula cell in any CSV of any command, --excel's BOM, one run per folder
(stale files go, the co-ordinator's stay), a failed, interrupted or concurrent run leaves the
previous run intact. Usage: test_outputs.py MAPA ROOT"""
import csv, fcntl, hashlib, os, shutil, signal, subprocess, sys, tempfile, time

mapa, root = sys.argv[1], sys.argv[2]
example = os.path.join(root, "scenarios/east-midlands")
hostile = os.path.join(root, "tests/data/hostile/names")
tmp = tempfile.mkdtemp()
fails = []
passed = 0


def check(cond, what):
    global passed
    if cond:
        passed += 1
    else:
        fails.append(what)
        print("FAIL:", what)


def run(*args, **kw):
    return subprocess.run([mapa, *args], capture_output=True, text=True, **kw)


def tree(d):
    """Every file under d (relative path -> sha1), the lock and the record left out."""
    out = {}
    for base, _, files in os.walk(d):
        for f in files:
            p = os.path.join(base, f)
            rel = os.path.relpath(p, d)
            if rel in (".mapa.lock", ".mapa-files"):
                continue
            out[rel] = hashlib.sha1(open(p, "rb").read()).hexdigest()
    return out


def number(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


def csv_files(d):
    for base, _, files in os.walk(d):
        for f in files:
            if f.endswith(".csv"):
                yield os.path.join(base, f)


# 1. formula injection: every CSV every command writes, on the hostile names
h = os.path.join(tmp, "h")
form = os.path.join(tmp, "form.csv")  # a form export whose answers start like formulas
with open(form, "w", newline="", encoding="utf-8") as fp:
    w = csv.writer(fp)
    w.writerow(["Timestamp", "Email address", "Full name", "Organisation", "Role",
                "First choice of topic", "Second choice of topic",
                "Are you willing to be the team's single point of contact (SPOC)?"])
    for k, (name, org, topic) in enumerate([("=HYPERLINK(\"http://x\",\"y\")", "+Police", "=Training"),
                                            ("@Ann Lee", "-Council", "@Awareness"),
                                            ("+Bo Chen", "=NHS", "=Training"),
                                            ("-Cy Dee", "@GLAA", "@Awareness")]):
        w.writerow(["2026/11/0%d 9:00:00 am GMT" % (k + 1), "p%d@example.org" % k, name, org,
                    "=cmd|' /C calc'!A0", topic, "", "Yes"])
cmds = [
    ["import", "-q", "--responses", form, "-o", h + "/import"],
    ["plan", "-q", hostile, "-o", h + "/plan"],
    ["allocate", "-q", hostile, "-o", h + "/alloc"],
    ["cf", "-q", hostile, "--teams", h + "/plan/teams.csv", "-o", h + "/cf"],
    ["metrics", "-q", hostile, "--plan", h + "/plan", "-o", h + "/metrics"],
    ["duplicates", "-q", hostile, "--plan", h + "/plan", "-o", h + "/dups"],
    ["generate", "-q", "--members", "60", "--topics", "5", "--agencies", "8", "--actions", "40",
     "--interactions", "100", "-o", h + "/gen"],
]
for c in cmds:
    r = run(*c)
    check(r.returncode == 0, "%s exit %d: %s" % (c[0], r.returncode, r.stderr[-300:]))
seen = 0
for f in csv_files(h):
    with open(f, newline="", encoding="utf-8") as fp:
        for line, row in enumerate(csv.reader(fp), 1):
            for cell in row:
                seen += 1
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not number(cell):
                    check(False, "%s:%d: a cell a spreadsheet evaluates: %r" % (f, line, cell[:40]))
check(seen > 100, "the CSV files were read (%d cells)" % seen)
teams = open(h + "/plan/teams.csv", encoding="utf-8").read()
check("\"'=m2\"" in teams and "\"'@m3\"" in teams, "guarded ids are written after an apostrophe")
check(not open(h + "/plan/teams.csv", "rb").read().startswith(b"\xef\xbb\xbf"), "no BOM by default")

# 2. --excel: a BOM in every CSV; the files read back (mapa cf on them)
x = os.path.join(tmp, "x")
r = run("plan", "-q", "--excel", example, "-o", x)
check(r.returncode == 0, "plan --excel exit %d" % r.returncode)
boms = [open(f, "rb").read(3) == b"\xef\xbb\xbf" for f in csv_files(x)]
check(len(boms) > 5 and all(boms), "--excel: every CSV starts with a BOM (%d files)" % len(boms))
r = run("cf", "-q", example, "--teams", x + "/teams.csv", "-o", x + "-cf")
check(r.returncode == 0, "a teams.csv with a BOM reads back (%s)" % r.stderr[-200:])

# 3. stale files: plan, change the input, re-plan with fewer stages
p2 = os.path.join(tmp, "p2")
shutil.copytree(example, p2)
out = os.path.join(tmp, "out")
r = run("plan", "-q", p2, "-o", out)
check(r.returncode == 0 and os.path.exists(out + "/duplicates.csv"), "first plan")
open(out + "/notes.txt", "w").write("the co-ordinator's own notes\n")
os.makedirs(out + "/mine")
open(out + "/mine/a.txt", "w").write("x\n")
os.makedirs(out + "/empty")
os.chmod(out + "/mine", 0o555)
os.remove(os.path.join(p2, "actions.csv"))
r = run("allocate", "-q", p2, "-o", out)
check(r.returncode == 0, "allocate exit %d" % r.returncode)
check(sorted(tree(out)) == ["mine/a.txt", "notes.txt", "summary.json", "teams.csv"],
      "after allocate only its files and the co-ordinator's: %s" % sorted(tree(out)))
check("duplicates" not in open(out + "/summary.json").read(), "no stale duplicates section")
check(os.path.isdir(out + "/empty") and os.stat(out + "/mine").st_mode & 0o777 == 0o555,
      "the co-ordinator's folders keep their mode, empty ones too")
os.chmod(out + "/mine", 0o755)
left = [n for n in os.listdir(tmp) if ".mapa-" in n]
check(not left, "no run folder left beside: %s" % left)
# mapa generate: the old actions.csv and interactions.csv go
g = os.path.join(tmp, "g")
run("generate", "-q", "--members", "40", "--topics", "4", "--agencies", "6", "--actions", "20",
    "--interactions", "50", "-o", g)
check(os.path.exists(g + "/actions.csv"), "generate writes actions.csv")
run("generate", "-q", "--members", "40", "--topics", "4", "--agencies", "6", "-o", g)
check(not os.path.exists(g + "/actions.csv") and not os.path.exists(g + "/interactions.csv"),
      "a second generate leaves no stale actions.csv / interactions.csv")

# OUT a symbolic link to a folder: the folder is replaced, the link stays
os.makedirs(tmp + "/real")
os.symlink("real", tmp + "/link")
r = run("allocate", "-q", example, "-o", tmp + "/link")
check(r.returncode == 0 and os.path.islink(tmp + "/link") and
      os.path.exists(tmp + "/real/teams.csv"), "OUT as a symbolic link stays one")
os.symlink("/nonexistent", out + "/dangling")
r = run("allocate", "-q", example, "-o", out)
check(os.path.islink(out + "/dangling"), "a co-ordinator's symbolic link in OUT is kept")
os.remove(out + "/dangling")
# OUT a file: exit 74, the file untouched
open(tmp + "/afile", "w").write("x")
r = run("allocate", "-q", example, "-o", tmp + "/afile")
check(r.returncode == 74 and open(tmp + "/afile").read() == "x", "OUT a file: 74 (%d)" % r.returncode)

# 4. a failed run leaves the previous complete run
r = run("plan", "-q", example, "-o", out)
before = tree(out)
r = run("allocate", "-q", os.path.join(root, "tests/data/plan/no_spoc"), "-o", out)
check(r.returncode == 65, "infeasible exit %d" % r.returncode)
check(tree(out) == before, "an infeasible run leaves the previous run as it was")
check("%s was left as it was: it still holds the previous run's files" % out in r.stderr,
      "and says so: %s" % r.stderr[-200:])

# 5. two runs at once: the second refuses (75) or, with --wait, waits
with open(out + "/.mapa.lock", "r+") as lk:
    fcntl.flock(lk, fcntl.LOCK_EX)
    r = run("plan", "-q", example, "-o", out)
    check(r.returncode == 75 and "another mapa run" in r.stderr and "--wait" in r.stderr,
          "a second run refuses: %d %s" % (r.returncode, r.stderr))
    w = subprocess.Popen([mapa, "plan", "-q", "--wait", example, "-o", out],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.0)
    check(w.poll() is None, "--wait waits while the folder is held")
check(w.wait() == 0, "--wait runs once the folder is free")
same = lambda a, b: sorted(a) == sorted(b) and a["teams.csv"] == b["teams.csv"]
check(same(tree(out), before), "the waited run wrote one whole plan")
procs = [subprocess.Popen([mapa, "plan", "-q", "--wait", example, "-o", out]) for _ in range(3)]
check([q.wait() for q in procs] == [0, 0, 0], "three concurrent runs with --wait all finish")
check(same(tree(out), before), "and the folder holds one whole run")

# 6. SIGTERM at several points leaves the previous run or the complete new one
big = os.path.join(tmp, "big")
run("generate", "-q", "--members", "3000", "--topics", "30", "--agencies", "40", "--actions", "600",
    "--interactions", "6000", "--seed", "5", "-o", big)
so = os.path.join(tmp, "so")
start = time.time()
r = run("plan", "-q", big, "-o", so)
total = time.time() - start
check(r.returncode == 0, "the big plan runs")
first = tree(so)
for share in (0.02, 0.2, 0.5, 0.8, 0.95):
    q = subprocess.Popen([mapa, "plan", "-q", big, "-o", so, "--objective", "convex"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(total * share)
    q.send_signal(signal.SIGTERM)
    _, err = q.communicate()
    now = tree(so)
    left = [n for n in os.listdir(tmp) if ".mapa-" in n]
    check(not left, "SIGTERM at %.2f: no run folder left (%s)" % (share, left))
    if q.returncode == 130 and "already complete" in err:
        check(sorted(now) == sorted(first),
              "SIGTERM at %.2f after the swap: the new run whole (%s)" % (share, err.strip()))
        first = now
    elif q.returncode == 130:
        check(now == first, "SIGTERM at %.2f: the previous run intact (%s)" % (share, err.strip()))
        # stopped before the run's folder held anything ("while reading the partnership",
        # "while preparing the output folder"): nothing was written
        check(any(s in err for s in ("was left as the previous run left it", "already complete",
                                     ": nothing was written")),
              "SIGTERM at %.2f: says so: %s" % (share, err.strip()))
    else:
        check(q.returncode == 0 and sorted(now) == sorted(first),
              "SIGTERM at %.2f: exit %d, a whole new run" % (share, q.returncode))
        first = now

shutil.rmtree(tmp)
print("%d passed, %d failed" % (passed, len(fails)))
sys.exit(1 if fails else 0)
