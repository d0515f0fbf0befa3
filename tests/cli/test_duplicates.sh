#!/bin/sh
# End-to-end checks of mapa duplicates and the duplicates stage of mapa plan.
. "$(dirname "$0")/lib.sh"
example=$root/scenarios/east-midlands

"$mapa" plan "$example" -o "$tmp/p" >"$tmp/out.txt" 2>&1; rc=$?
[ $rc = 0 ] && ok || bad "plan exit $rc"
grep -q "^Duplicated actions: 7 across teams, 7 clusters" "$tmp/out.txt" && ok || bad "plan reports 7 duplicates"
[ "$(wc -l < "$tmp/p/duplicates.csv")" = 8 ] && ok || bad "7 pairs in duplicates.csv"
[ "$(wc -l < "$tmp/p/duplicate_clusters.csv")" = 15 ] && ok || bad "14 actions in clusters"
grep -q '"a01","training","Car wash worker leaflet","a09","awareness"' "$tmp/p/duplicates.csv" && ok || bad "car wash pair found"
spotted=$(grep -c '"spotted",' "$tmp/p/duplicates.csv"); blind=$(grep -c '"blind spot",' "$tmp/p/duplicates.csv")
[ $((spotted + blind)) = 7 ] && ok || bad "every pair spotted or blind ($spotted + $blind)"
[ "$(json_value blind_spots "$tmp/p/summary.json" duplicates)" = "$blind" ] && ok || bad "summary blind spots"
grep -q '"allocation"' "$tmp/p/summary.json" && ok || bad "summary keeps the allocation"

# alone: without a plan no pair is spotted or blind; with it, the same as the plan's
"$mapa" duplicates "$example" -o "$tmp/d" -q; rc=$?
[ $rc = 0 ] && ok || bad "duplicates exit $rc"
[ "$(grep -c ',"",[0-9]' "$tmp/d/duplicates.csv")" = 7 ] && ok || bad "no cf_link without a plan"
[ "$(json_value blind_spots "$tmp/d/summary.json")" = null ] && ok || bad "blind spots null without a plan"
"$mapa" duplicates "$example" --plan "$tmp/p" -o "$tmp/e" -q || bad "duplicates --plan"
cmp -s "$tmp/e/duplicates.csv" "$tmp/p/duplicates.csv" && ok || bad "--plan gives the plan's pairs"
"$mapa" duplicates "$example" --block target -o "$tmp/b" -q || bad "--block target"
[ "$(wc -l < "$tmp/b/duplicates.csv")" = 8 ] && ok || bad "blocking by target group finds the 7"
"$mapa" duplicates "$example" --within-team --threshold 0.2 -o "$tmp/w" -q || bad "--within-team"
grep -q '"same team",' "$tmp/w/duplicates.csv" && ok || bad "--within-team adds pairs inside a team"

# words, not stems; team_b in summary.json
grep -q '"carwash;hand;rights;wages"' "$tmp/d/duplicates.csv" && ok || bad "shared terms as words"
/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["duplicates"]["duplicates"]
sys.exit(0 if d and all(x["team_b"] and x["team_a"] != x["team_b"] for x in d) else 1)' "$tmp/d/summary.json" && ok || bad "summary.json pairs have team_b"

# held-out and own sets at the default settings (figures: docs/duplicates.md); the
# bounds are the measured figures less a little, so a change that loses pairs fails
sets=$root/tests/data/duplicates
check_set() { # name, evaluator bounds...
    name=$1; shift
    "$mapa" duplicates "$sets/$name" -o "$tmp/s-$name" -q 2>/dev/null || bad "$name: exit"
    /usr/bin/python3 "$sets/evaluate.py" "$sets/$name/labels.csv" "$tmp/s-$name" "$@" >"$tmp/s-$name.txt" \
        && ok || bad "$name: $(cat "$tmp/s-$name.txt")"
}
check_set own-realistic --min-precision 0.85 --min-recall 0.65 --min-f1 0.75 --max-cluster 3
check_set own-copies --min-precision 0.96 --min-recall 1.0 --min-f1 0.98 --max-cluster 2
check_set own-template --min-precision 0.2 --min-recall 0.6 --min-f1 0.33 --max-cluster 16
# the held-out sets (tests/data/duplicates/heldout-README.md) against issue 19's targets:
# F1 0.71 (target 0.75, not met), 1.00 (0.95, met), 0.33 (0.5, not met); no giant cluster
check_set heldout-realistic --min-precision 0.66 --min-recall 0.73 --min-f1 0.7 --max-cluster 3
check_set heldout-near-copies --min-precision 0.96 --min-recall 1.0 --min-f1 0.98 --max-cluster 2
check_set heldout-template --min-precision 0.2 --min-recall 0.68 --min-f1 0.32 --max-cluster 40
# the blind sets of the earlier round (blind2-README.md): F1 0.74, 0.85, 0.21
check_set blind2-realistic --min-precision 0.7 --min-recall 0.74 --min-f1 0.73 --max-cluster 3
check_set blind2-copies --min-precision 0.73 --min-recall 1.0 --min-f1 0.84 --max-cluster 3
check_set blind2-template --min-precision 0.14 --min-recall 0.31 --min-f1 0.2 --max-cluster 35
# the blind sets of this round (blind3-README.md), scored once the rule was frozen:
# F1 0.72, 0.98, 0.36, 0.44 (docs/duplicates.md, Calibration)
check_set blind3-realistic --min-precision 0.72 --min-recall 0.69 --min-f1 0.71 --max-cluster 3
check_set blind3-copies --min-precision 0.95 --min-recall 1.0 --min-f1 0.97 --max-cluster 3
check_set blind3-template --min-precision 0.23 --min-recall 0.64 --min-f1 0.35 --max-cluster 35
check_set blind3-terse --min-precision 0.95 --min-recall 0.28 --min-f1 0.43 --max-cluster 3
# written after the rule was frozen and scored once (blind4-README.md): F1 0.72, 0.26, 0.91
check_set blind4-realistic --min-precision 0.68 --min-recall 0.74 --min-f1 0.71 --max-cluster 3
check_set blind4-template --min-precision 0.16 --min-recall 0.49 --min-f1 0.25 --max-cluster 30
check_set blind4-copies --min-precision 0.82 --min-recall 1.0 --min-f1 0.9 --max-cluster 3
# the plan-scaled floor: summary.json says it; with --fixed-floor the realistic set loses
# the pairs between it and 0.30
/usr/bin/python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))["duplicates"]
sys.exit(0 if 0.1 <= d["floor"] < 0.3 and d["median"] > 0 and d["spread"] > 0 else 1)' \
    "$tmp/s-blind3-realistic/summary.json" && ok || bad "summary.json duplicates.floor, median, spread"
"$mapa" duplicates "$sets/blind3-realistic" -o "$tmp/s-fixed" -q --fixed-floor 2>/dev/null || bad "--fixed-floor: exit"
/usr/bin/python3 "$sets/evaluate.py" "$sets/blind3-realistic/labels.csv" "$tmp/s-fixed" --min-recall 0.5 >/dev/null \
    && bad "--fixed-floor: recall still 0.5" || ok
"$mapa" duplicates "$example" -o "$tmp/x" --floor-spreads 0 2>/dev/null; [ $? = 64 ] && ok || bad "--floor-spreads 0 is a usage error"
# generated plans (planted paraphrases): the plan's floor loses no precision up to 500
# actions; above, where an action's best chance match climbs, the floor is 0.30
for n in 450 1000; do
    "$mapa" generate --members 300 --topics 20 --agencies 30 --seed 2 --actions $n -o "$tmp/gen$n" >/dev/null 2>&1 || bad "generate $n"
    "$mapa" duplicates "$tmp/gen$n" -o "$tmp/gen$n-d" -q 2>/dev/null || bad "duplicates of $n generated actions"
    /usr/bin/python3 "$sets/evaluate.py" "$tmp/gen$n/planted_duplicates.csv" "$tmp/gen$n-d" --min-precision 0.97 --min-recall 0.8 \
        >"$tmp/gen$n.txt" && ok || bad "$n generated actions: $(cat "$tmp/gen$n.txt")"
done
/usr/bin/python3 -c 'import json, sys; sys.exit(0 if json.load(open(sys.argv[1]))["duplicates"]["floor"] == 0.3 else 1)' \
    "$tmp/gen1000-d/summary.json" && ok || bad "1000 actions: the floor is 0.30"
# the proper-names test carries the template set: pairs naming different places are left
# out, and said; --keep-different-names brings them back (F1 0.18)
"$mapa" duplicates "$sets/heldout-template" -o "$tmp/s-names" 2>/dev/null \
    | grep -q "pairs left out: each action names a place or body the other does not" \
    && ok || bad "the names test is said"
"$mapa" duplicates "$sets/heldout-template" -o "$tmp/s-keep" -q --keep-different-names 2>/dev/null \
    || bad "--keep-different-names: exit"
/usr/bin/python3 "$sets/evaluate.py" "$sets/heldout-template/labels.csv" "$tmp/s-keep" --min-f1 0.25 >/dev/null \
    && bad "template set with --keep-different-names: F1 still 0.25" || ok
"$mapa" duplicates "$example" -o "$tmp/x" --contrast 2 2>/dev/null; [ $? = 64 ] && ok || bad "--contrast 2 is a usage error"
# the near-best test and the natural break are what carry the near copies: without them
# (--near-best 0.01 --break 1) the decoys of the realistic set come back
"$mapa" duplicates "$sets/heldout-near-copies" -o "$tmp/s-nb" -q --near-best 0.01 --break 1 2>/dev/null || bad "--near-best --break: exit"
/usr/bin/python3 "$sets/evaluate.py" "$sets/heldout-near-copies/labels.csv" "$tmp/s-nb" --min-precision 0.9 >/dev/null \
    && bad "near copies without the near-best test and the break: precision still 0.9" || ok
"$mapa" duplicates "$sets/heldout-near-copies" -o "$tmp/s-msg" 2>/dev/null | grep -q "drop by 0.15 or more below 0.6" \
    && ok || bad "the natural break is said"
/usr/bin/python3 -c 'import json, sys; sys.exit(0 if json.load(open(sys.argv[1]))["duplicates"]["cut"] > 0.6 else 1)' \
    "$tmp/s-msg/summary.json" && ok || bad "summary.json duplicates.cut"
"$mapa" duplicates "$example" -o "$tmp/x" --near-best 2 2>/dev/null; [ $? = 64 ] && ok || bad "--near-best 2 is a usage error"
"$mapa" duplicates "$example" -o "$tmp/x" --break 0 2>/dev/null; [ $? = 64 ] && ok || bad "--break 0 is a usage error"

# not_duplicates.csv: a pair copied across from duplicates.csv is never reported again
cp -r "$example" "$tmp/ex"
head -2 "$tmp/d/duplicates.csv" > "$tmp/ex/not_duplicates.csv"
"$mapa" duplicates "$tmp/ex" -o "$tmp/n" >"$tmp/n.txt" 2>&1 || bad "with not_duplicates.csv"
/usr/bin/python3 "$sets/evaluate.py" "$tmp/ex/not_duplicates.csv" "$tmp/n" --must-not "$tmp/ex/not_duplicates.csv" >/dev/null \
    && ok || bad "a ruled-out pair is reported"
[ "$(wc -l < "$tmp/n/duplicates.csv")" = 7 ] && ok || bad "6 pairs left"
grep -q "1 pair left out: not_duplicates.csv rules it out" "$tmp/n.txt" && ok || bad "says a pair is ruled out"
[ "$(json_value ruled_out "$tmp/n/summary.json" duplicates)" = 1 ] && ok || bad "summary ruled_out 1"
"$mapa" duplicates "$example" -o "$tmp/h" 2>&1 | grep -q "into $example/not_duplicates.csv" && ok || bad "explains how to rule a pair out"
"$mapa" duplicates --help | grep -q "not_duplicates.csv" && ok || bad "help explains not_duplicates.csv"
printf 'action_a,action_b,reason\na01,zz9,typo\na01,a01,same\n' > "$tmp/ex/not_duplicates.csv"
printf 'term,same_as\nflyer,\nthe,leaflet\n' > "$tmp/ex/synonyms.csv"
"$mapa" duplicates "$tmp/ex" -o "$tmp/bad2" 2>"$tmp/bad2.txt"; [ $? = 65 ] && ok || bad "bad not_duplicates.csv: 65"
grep -q "not_duplicates.csv:2:5: error: action 'zz9' is not in actions.csv" "$tmp/bad2.txt" && ok || bad "unknown action at 2:5"
grep -q "not_duplicates.csv:3:5: error: action 'a01' twice" "$tmp/bad2.txt" && ok || bad "same action twice at 3:5"
grep -q "synonyms.csv:2:7: error: empty same_as" "$tmp/bad2.txt" && ok || bad "empty same_as at 2:7"
grep -q "synonyms.csv:3:1: warning: 'the' is only stop words" "$tmp/bad2.txt" && ok || bad "stop-word term warned at 3:1"
[ ! -e "$tmp/bad2" ] && ok || bad "nothing written for a bad not_duplicates.csv"

# synonyms.csv changes the score as documented: flyer = leaflet makes the words one term
mkdir -p "$tmp/syn"
cp "$example/topics.csv" "$example/members.csv" "$example/agencies.csv" "$tmp/syn/"
cat > "$tmp/syn/actions.csv" <<'CSV'
id,team,title,description
x1,training,Flyer for car wash staff,Print a flyer about wages and rights
x2,awareness,Leaflet for car wash staff,Print a leaflet about wages and rights
CSV
"$mapa" duplicates "$tmp/syn" -o "$tmp/s0" -q --no-glossary || bad "without synonyms"
"$mapa" duplicates "$tmp/syn" -o "$tmp/s2" -q || bad "with the everyday words"
printf 'term,same_as\nflyer,leaflet\n' > "$tmp/syn/synonyms.csv"
"$mapa" duplicates "$tmp/syn" -o "$tmp/s1" -q --no-glossary || bad "with synonyms"
c0=$(cut -d, -f9 "$tmp/s0/duplicates.csv" | sed -n 2p); c1=$(cut -d, -f9 "$tmp/s1/duplicates.csv" | sed -n 2p)
[ "$c1" = "1.0000" ] && ok || bad "flyer = leaflet: cosine $c1, not 1"
/usr/bin/python3 -c "import sys; sys.exit(0 if float('$c0') < 0.9 else 1)" && ok || bad "without the synonym the cosine ($c0) is below 0.9"
[ "$(cut -d, -f9 "$tmp/s2/duplicates.csv" | sed -n 2p)" = "1.0000" ] && ok || bad "the everyday words make flyer = leaflet without synonyms.csv"
grep -q '"flyer' "$tmp/s1/duplicates.csv" && ok || bad "the shared term is the synonym's word"
"$mapa" duplicates --glossary | grep -q '^"NRM","National Referral Mechanism"' && ok || bad "--glossary prints NRM"

# one cluster of more than 10 % of the actions: warned about, with the reason
mkdir -p "$tmp/big"
cp "$example/topics.csv" "$example/members.csv" "$example/agencies.csv" "$tmp/big/"
{
    echo "id,team,title,description"
    i=0
    for t in training awareness victim-care intelligence labour sexual county-lines business; do
        i=$((i + 1)); echo "s$i,$t,Modern slavery awareness stall,Awareness stall about modern slavery at the summer fair"
    done
    for w in apple brick cloud drum eagle fern grape harp iris jade kite lemon moss nut opal pear; do
        echo "u$w,training,$w $w planning,$w review $w notes"
    done
} > "$tmp/big/actions.csv"
"$mapa" duplicates "$tmp/big" -o "$tmp/bo" -q 2>"$tmp/big.txt" || bad "big cluster run"
grep -q "warning: cluster 1 holds 8 of the 24 actions (33%, more than 10%).*\"awareness\"" "$tmp/big.txt" \
    && ok || bad "warns about the big cluster and why: $(cat "$tmp/big.txt")"
grep -q '"largest_cluster": 8' "$tmp/bo/summary.json" && ok || bad "summary largest_cluster 8"

# bad input
"$mapa" duplicates "$example" -o "$tmp/x" --threshold 2 2>/dev/null; [ $? = 64 ] && ok || bad "threshold 2 is a usage error"
"$mapa" duplicates "$example" -o "$tmp/x" --block colour 2>/dev/null; [ $? = 64 ] && ok || bad "--block colour"
"$mapa" duplicates "$root/tests/data/bad/actions" -o "$tmp/x" 2>"$tmp/bad.txt"; [ $? = 65 ] && ok || bad "bad actions.csv: 65"
grep -q "actions.csv:5:58: error: end 2026-11-01 is before start 2026-12-01" "$tmp/bad.txt" && ok || bad "end before start at 5:58"
[ ! -e "$tmp/x" ] && ok || bad "nothing written for bad input"
"$mapa" duplicates "$root/tests/data/good/tiny" -o "$tmp/t" -q 2>"$tmp/none.txt"; [ $? = 0 ] && ok || bad "no actions.csv: exit 0"
grep -q "has no actions.csv" "$tmp/none.txt" && ok || bad "says there are no actions"
# mapa plan reads not_duplicates.csv too: the ruled-out pair is gone, a bad file is exit 65
cp -r "$example" "$tmp/rp"
"$mapa" plan -q "$tmp/rp" -o "$tmp/rpo" || bad "plan of the example"
pair=$(sed -n 2p "$tmp/rpo/duplicates.csv" | cut -d, -f3,6 | tr -d '"')
printf 'action_a,action_b,reason\n%s,ruled out by the co-ordinator\n' "$pair" > "$tmp/rp/not_duplicates.csv"
"$mapa" plan -q "$tmp/rp" -o "$tmp/rpo2" || bad "plan with not_duplicates.csv"
n1=$(wc -l < "$tmp/rpo/duplicates.csv"); n2=$(wc -l < "$tmp/rpo2/duplicates.csv")
[ "$n2" = $((n1 - 1)) ] && ok || bad "plan: the ruled-out pair $pair stays ($n1 -> $n2 lines)"
a=${pair%,*}; b=${pair#*,}
grep -q "\"$a\",.*\"$b\"" "$tmp/rpo2/duplicates.csv" && bad "plan reports the ruled-out pair" || ok
printf 'x,y\n' > "$tmp/rp/not_duplicates.csv"
"$mapa" plan -q "$tmp/rp" -o "$tmp/rpo3" 2>"$tmp/rp.txt"; [ $? = 65 ] && ok || bad "plan with a bad not_duplicates.csv: 65"
grep -q "not_duplicates.csv:1:1: error" "$tmp/rp.txt" && ok || bad "plan names not_duplicates.csv:1:1"
finish
