#!/usr/bin/python3
"""Score mapa's duplicates.csv against labelled true pairs, independently of mapa's code.

usage: evaluate.py LABELS.csv OUT [--min-precision X] [--min-recall X] [--min-f1 X]
                   [--max-cluster N] [--must-not PAIRS.csv]
LABELS.csv: the true pairs, the first two columns (action ids; a header row is skipped
when its first cell is not an action id of OUT/duplicates.csv... it is always skipped).
Prints "precision recall f1 pairs largest_cluster"; exits 1 when a bound fails.
"""
import csv, sys
from collections import Counter

def pairs(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    head = [c.strip().lower() for c in rows[0]]
    ia = next((k for k, c in enumerate(head) if c in ("action_a", "a", "id_a", "first")), 0)
    ib = next((k for k, c in enumerate(head) if c in ("action_b", "b", "id_b", "second")), 1)
    out = set()
    for r in rows[1:]:
        if len(r) > max(ia, ib) and r[ia].strip() and r[ib].strip():
            label = r[2].strip().lower() if len(r) > 2 and head[2:3] == ["label"] else "1"
            if label in ("1", "yes", "true", "duplicate"):
                out.add(frozenset((r[ia].strip(), r[ib].strip())))
    return out

def main(argv):
    labels, out = argv[1], argv[2]
    bounds = dict(zip(argv[3::2], argv[4::2]))
    truth = pairs(labels)
    with open(out + "/duplicates.csv", newline="", encoding="utf-8") as f:
        found = {frozenset((r["action_a"].lstrip("'"), r["action_b"].lstrip("'")))
                 for r in csv.DictReader(f)}
    with open(out + "/duplicate_clusters.csv", newline="", encoding="utf-8") as f:
        sizes = Counter(r["cluster"] for r in csv.DictReader(f))
    hit = len(truth & found)
    p = hit / len(found) if found else 1.0
    r = hit / len(truth) if truth else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    largest = max(sizes.values()) if sizes else 0
    print(f"precision {p:.3f} recall {r:.3f} f1 {f1:.3f} pairs {len(found)} true {len(truth)} "
          f"largest_cluster {largest}")
    ok = True
    for key, val in bounds.items():
        if key == "--min-precision": ok &= p >= float(val)
        elif key == "--min-recall": ok &= r >= float(val)
        elif key == "--min-f1": ok &= f1 >= float(val)
        elif key == "--max-cluster": ok &= largest <= int(val)
        elif key == "--must-not":
            bad = pairs(val) & found
            if bad:
                print("reported although ruled out:", sorted(tuple(sorted(b)) for b in bad))
                ok = False
        else:
            sys.exit(f"evaluate.py: unknown option {key}")
    if not ok:
        print("FAILED the bounds", bounds)
    return 0 if ok else 1

if __name__ == "__main__":
    sys.exit(main(sys.argv))
