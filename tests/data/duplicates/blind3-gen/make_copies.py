import sys, os, random, datetime, re
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import parse_block, write_set
from copies_data import ORIGINALS, LIGHT, SUBST

R = random.Random(4242)
TAGPOOL = ["partnership", "awareness", "modern slavery", "safeguarding", "MS", "exploitation", "priority"]

def typo(s):
    words = [m for m in re.finditer(r"[A-Za-z]{5,}", s)]
    if not words: return s
    m = R.choice(words); w = m.group(0)
    k = R.randrange(4)
    i = R.randrange(1, len(w) - 2)
    if k == 0: w2 = w[:i] + w[i+1] + w[i] + w[i+2:]        # swap
    elif k == 1: w2 = w[:i] + w[i+1:]                       # drop letter
    elif k == 2: w2 = w[:i] + w[i] + w[i:]                  # double letter
    else: w2 = w[:i] + "e" + w[i+1:] if w[i] != "e" else w[:i] + "a" + w[i+1:]
    return s[:m.start()] + w2 + s[m.end():]

def reorder_title(t):
    for sep in [" – ", " - "]:
        if sep in t:
            a, b = t.split(sep, 1)
            return b[0].upper() + b[1:] + ": " + a[0].lower() + a[1:] if not a[:2].isupper() else b + ": " + a
    words = t.split()
    if len(words) >= 4:
        return " ".join(words[2:]) + " " + " ".join(words[:2]).lower()
    return t

def drop_word(s):
    cands = [m for m in re.finditer(r"\b(the|all|and|short|main|standard|weekly|monthly|small)\b ", s)]
    if cands:
        m = R.choice(cands); return s[:m.start()] + s[m.end():]
    return s

def add_word(s, w):
    # add before first noun-ish word after an article, title too
    m = re.search(r"\b(for|of|to|with) ", s)
    if m:
        return s[:m.end()] + w + " " + s[m.end():]
    return w[0].upper() + w[1:] + " " + s[0].lower() + s[1:]

def shift_dates(r):
    if not r["start"]: return
    d = R.choice([-28, 14, 30, 31, 61, 92])
    s = datetime.date.fromisoformat(r["start"]) + datetime.timedelta(days=d)
    e = datetime.date.fromisoformat(r["end"]) + datetime.timedelta(days=d + R.choice([0, 0, 14, 30]))
    r["start"], r["end"] = s.isoformat(), e.isoformat()

def apply_ops(r, ops):
    for op in ops:
        if op == "typo":
            if R.random() < 0.5: r["title"] = typo(r["title"])
            else: r["description"] = typo(r["description"])
        elif op == "reorder":
            r["title"] = reorder_title(r["title"])
        elif op == "dates":
            shift_dates(r)
        elif op == "drop":
            r["description"] = drop_word(r["description"])
        elif op.startswith("add:"):
            r["description"] = add_word(r["description"], op[4:])
        elif op == "tags":
            tags = [t for t in r["tags"].split(";") if t]
            if len(tags) > 1 and R.random() < 0.5: tags.pop(R.randrange(len(tags)))
            tags.append(R.choice(TAGPOOL))
            R.shuffle(tags)
            r["tags"] = ";".join(dict.fromkeys(tags))
        elif op == "trim":
            parts = re.split(r"(?<=[.!?]) ", r["description"])
            if len(parts) > 1: r["description"] = " ".join(parts[:-1])
            else:
                r["description"] = re.sub(r",[^,]*\.$", ".", r["description"])
        elif op == "case":
            r["title"] = r["title"].upper() if R.random() < 0.3 else r["title"].lower()
    if r["stage"] and R.random() < 0.15:
        r["stage"] = R.choice(["action", "decision", ""])

def main():
    text = "\n".join("x|" + line[len(line.split("|")[0])+1:] if line.strip() and not line.startswith("#") else line
                     for line in ORIGINALS.strip("\n").split("\n"))
    names = [l.split("|")[0] for l in ORIGINALS.strip("\n").split("\n") if l.strip() and not l.startswith("#")]
    base = parse_block(text)
    orig = {}
    for n, r in zip(names, base):
        r["key"] = None; r["name"] = n; orig[n] = r
    rows = list(base)
    copied = {}
    for n, team, ops in LIGHT:
        o = orig[n]
        assert o["team"] != team
        c = dict(o); c["team"] = team
        apply_ops(c, ops)
        assert (c["title"], c["description"]) != (o["title"], o["description"]) or c["tags"] != o["tags"] or c["start"] != o["start"]
        o["key"] = "copy_of_" + n; c["key"] = o["key"]
        rows.append(c)
    for n, team, reps, ops in SUBST:
        o = orig[n]
        c = dict(o); c["team"] = team; c["key"] = None
        for a, b in reps:
            for f in ["title", "description", "tags", "target_group"]:
                c[f] = c[f].replace(a, b)
        assert c["title"] != o["title"] or c["description"] != o["description"], n
        apply_ops(c, ops)
        rows.append(c)
    for r in rows: r.pop("name", None)
    here = os.path.dirname(os.path.abspath(__file__))
    write_set(os.path.join(here, "..", "copies"), rows, "C", 777, "provenance_copies.csv",
              reasons={"copy_of_" + n: "light edit copy of original %s (%s)" % (n, ",".join(ops)) for n, _, ops in LIGHT})

if __name__ == "__main__":
    main()
