#!/usr/bin/env python3
"""Every command on the hostile-names fixture (tests/data/hostile/names): each succeeds,
nothing raw reaches the terminal (no control character in the output), every .dot is
valid UTF-8 that `dot` parses, every SVG is well-formed XML, labels are cut with an
ellipsis and Graphviz escapes in names are drawn as written, and no CSV cell is a
spreadsheet formula. The control-character
fixture (tests/data/bad/control_chars) is refused with exit 65, its messages escaped.

Usage: test_hostile_names.py MAPA_BINARY SOURCE_ROOT
"""
import csv
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import xml.dom.minidom

mapa, root = sys.argv[1], sys.argv[2]
fixture = os.path.join(root, "tests", "data", "hostile", "names")
failures = []


def fail(what):
    failures.append(what)
    print("FAIL: " + what)


def raw_controls(text):
    """The control characters a terminal would act on: C0 but the line end, DEL, C1."""
    return sorted({"U+%04X" % ord(c) for c in text
                   if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F})


def run(name, code, *args):
    r = subprocess.run([mapa, *args], capture_output=True, timeout=600)
    for stream, data in (("stdout", r.stdout), ("stderr", r.stderr)):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            fail("%s: %s is not UTF-8: %s" % (name, stream, e))
            continue
        bad = raw_controls(text)
        if bad:
            fail("%s: raw control characters on the %s: %s" % (name, stream, ", ".join(bad)))
    if r.returncode != code:
        fail("%s: exit %d, expected %d\n%s" % (name, r.returncode, code,
                                             r.stderr.decode("utf-8", "replace")[-2000:]))
    return r


def text_nodes(node):
    if node.nodeType == node.TEXT_NODE:
        yield node.data
    for child in node.childNodes:
        yield from text_nodes(child)


def check_dot(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        fail("%s is not UTF-8: %s" % (path, e))
    r = subprocess.run(["dot", "-Tsvg", "-o", os.devnull, path], capture_output=True, timeout=300)
    if r.returncode != 0 or b"rror" in r.stderr:
        fail("dot does not parse %s: %s" % (path, r.stderr.decode("utf-8", "replace")[:500]))


def check_svg(path):
    try:
        doc = xml.dom.minidom.parse(path)
    except Exception as e:  # any parse error: the file is not well-formed XML
        fail("%s is not well-formed XML: %s" % (path, e))
        return ""
    texts = list(text_nodes(doc.documentElement))
    longest = max((len(t) for t in texts), default=0)
    if longest > 200:
        fail("%s has a text of %d characters: labels are not cut" % (path, longest))
    return "\n".join(texts)


if not shutil.which("dot"):
    print("FAIL: Graphviz's dot is not installed (make deps installs graphviz)")
    sys.exit(1)
tmp = tempfile.mkdtemp(prefix="mapa-hostile-")
try:
    run("validate", 0, "validate", fixture)
    run("plan", 0, "plan", fixture, "-o", tmp + "/plan")
    run("allocate", 0, "allocate", fixture, "-o", tmp + "/allocate")
    run("cf", 0, "cf", fixture, "--teams", tmp + "/plan/teams.csv", "-o", tmp + "/cf")
    run("metrics", 0, "metrics", fixture, "--plan", tmp + "/plan", "-o", tmp + "/metrics")
    run("duplicates", 0, "duplicates", fixture, "-o", tmp + "/duplicates")
    run("draw", 0, "draw", fixture, "--plan", tmp + "/plan", "-o", tmp + "/draw",
        "--format", "svg,pdf,png")
    run("draw_agencies", 0, "draw", fixture, "--plan", tmp + "/plan", "-o", tmp + "/agencies",
        "--network", "agencies")
    run("validate_control_chars", 65, "validate", "--max-problems", "0",
        os.path.join(root, "tests", "data", "bad", "control_chars"))

    dots = glob.glob(tmp + "/**/*.dot", recursive=True)
    svgs = glob.glob(tmp + "/**/*.svg", recursive=True)
    if len(dots) < 12 or len(svgs) < 12:
        fail("expected the diagrams of plan, draw and draw --network agencies: %d .dot, %d .svg"
             % (len(dots), len(svgs)))
    for path in dots:
        check_dot(path)
    drawn = {}
    for path in svgs:
        drawn[os.path.relpath(path, tmp)] = check_svg(path)
    # the Critical Friend panels show Critical Friends and SPOCs; the network every member
    cf = drawn.get(os.path.join("plan", "diagrams", "critical_friends.svg"), "") + \
        drawn.get(os.path.join("plan", "diagrams", "network.svg"), "")
    for written in ("Ann \\N Archer", "Team \\G \\N \\L \\E \\T \\H \\n\\l\\r and a trailing backslash \\",
                    "Trailing backslash \\", "\u2026"):
        if written not in cf:
            fail("critical_friends.svg and network.svg do not show %r as written" % written)
    if "Ann m0 Archer" in cf or "Ann m1 Archer" in cf:
        fail("a Graphviz escape in a name was expanded")
    # no cell of a CSV output is a spreadsheet formula (numbers such as -0.5 are numbers)
    for path in glob.glob(tmp + "/**/*.csv", recursive=True):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.reader(f):
                for cell in row:
                    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                        try:
                            float(cell)
                        except ValueError:
                            fail("%s: a cell a spreadsheet would evaluate: %r" % (path, cell[:40]))
    left = glob.glob(tmp + "/**/*.tmp.*", recursive=True)
    if left:
        fail("temporaries left: %s" % left[:3])
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print("%d failures" % len(failures))
sys.exit(1 if failures else 0)
