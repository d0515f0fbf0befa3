#!/bin/sh
# mapa check on every class of broken plan, each with its exact messages (file:line:column),
# and mapa cf / draw / metrics refusing a broken plan unless --accept-broken.
# The plan of tests/data/check/partnership (teams.csv, critical_friends.csv: tests/data/check/plan)
# is edited by hand one way per case; expected messages are in tests/data/check/expected/NAME.txt.
# Usage: test_check.sh MAPA ROOT [--record]
mapa=$1 root=$2 record=$3
data=$root/tests/data/check
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $1"; fail=$((fail + 1)); }

# case NAME PARTNERSHIP FILE SED-SCRIPT: edit plan/FILE, check, compare stderr and exit code 65
case_() {
  name=$1 dir=$data/$2 file=$3 script=$4
  rm -rf plan && cp -r "$data/plan" plan
  sed -i "$script" "plan/$file"
  "$mapa" check -q --no-optimum "$dir" --plan plan >/dev/null 2>"$name.txt"; rc=$?
  if [ "$record" = --record ]; then cp "$name.txt" "$data/expected/$name.txt"; fi
  if [ $rc != 65 ]; then bad "$name: exit $rc, not 65"
  elif ! cmp -s "$name.txt" "$data/expected/$name.txt"; then
    bad "$name: messages differ"; diff "$data/expected/$name.txt" "$name.txt"
  else ok; fi
}
T=teams.csv C=critical_friends.csv
case_ below_minimum partnership $T '/^"m6"/s/"intel","Intelligence sharing"/"victims","Victims'"'"' safeguarding"/'
case_ above_maximum partnership $T '/^"m4"/s/"victims","Victims'"'"' safeguarding"/"train","Training"/'
case_ no_spoc partnership $T '/^"m1"/s/"yes","no"$/"no","no"/'
case_ spoc_not_willing partnership $T '/^"m1"/s/"yes","no"$/"no","no"/; /^"m2"/s/"no","no"$/"yes","no"/'
case_ second_spoc partnership $T '/^"m2"/s/"no","no"$/"yes","no"/'
case_ member_twice partnership $T '$p'
case_ member_missing partnership $T '/^"m7"/d'
case_ unknown_ids partnership $T 's/^"m7"/"m9"/; /^"m5"/s/"intel"/"finance"/'
case_ coordinator_in_team partnership $T '$a"c1","Hal Coord","pol","train","Training","","no",""'
case_ agency_cap capped $T ''
case_ min_agencies free $T '/^"m6"/s/"intel","Intelligence sharing"/"train","Training"/; /^"m7"/s/"train","Training"/"intel","Intelligence sharing"/'
case_ no_statutory partnership $T '/^"m4"/s/"victims","Victims'"'"' safeguarding"/"intel","Intelligence sharing"/; /^"m6"/s/"intel","Intelligence sharing"/"victims","Victims'"'"' safeguarding"/'
case_ fixed_team free $T '/^"m5"/s/"intel","Intelligence sharing","1","yes"/"train","Training","2","no"/; /^"m7"/s/"train","Training","1","no"/"intel","Intelligence sharing","2","yes"/'
case_ avoid_team free $T '/^"m4"/s/"victims","Victims'"'"' safeguarding"/"intel","Intelligence sharing"/; /^"m6"/s/"intel","Intelligence sharing"/"victims","Victims'"'"' safeguarding"/'
case_ moves_cap partnership $T '/^"m1"/s/"train","Training","1","yes"/"victims","Victims'"'"' safeguarding","2","no"/; /^"m4"/s/"victims","Victims'"'"' safeguarding"/"train","Training"/; /^"m7"/s/"no",""$/"yes",""/'
case_ cf_own_team partnership $C '/^"m1"/s/"intel","decision/"train","decision/'
case_ cf_capacity partnership $C '/^"m1"/s/^"m1","Asha Patel","pol"/"m7","Gita Rao","la"/'
case_ cf_required partnership $C '/^"m1"/d'
case_ cf_twice partnership $C '$p'
case_ cf_two_from_one_team free $C '/^"m3"/s/"victims","train"/"victims","intel"/; /^"m1"/s/^"m1","Asha Patel","pol","train","intel"/"m4","Dev Shah","pol","victims","intel"/'
case_ cf_unknown partnership $C '/^"m5"/s/^"m5"/"m99"/; /^"m3"/s/"train","decision/"hr","decision/'
case_ cf_spoc_duty nospoccf $C ''

# the plan as mapa wrote it keeps every rule, and its objective is the optimum
rm -rf plan && cp -r "$data/plan" plan
"$mapa" check "$data/partnership" --plan plan >out.txt 2>err.txt; rc=$?
[ $rc = 0 ] && [ ! -s err.txt ] && ok || bad "the written plan: exit $rc $(cat err.txt)"
grep -qx "Objective (borda): this plan 14, the optimum 14 (this plan is optimal)" out.txt && ok || bad "objective beside the optimum: $(cat out.txt)"
# a hand edit that keeps the rules but is worse: m1 and m4 swapped, m7 SPOC of train
sed -i '/^"m1"/s/"train","Training","1","yes"/"victims","Victims'"'"' safeguarding","2","no"/; /^"m4"/s/"victims","Victims'"'"' safeguarding"/"train","Training"/; /^"m7"/s/"no",""$/"yes",""/' plan/teams.csv
"$mapa" check "$data/free" --plan plan >out.txt 2>err.txt; rc=$?
[ $rc = 0 ] && ok || bad "a worse plan that keeps the rules: exit $rc $(cat err.txt)"
grep -qx "Objective (borda): this plan 9, the optimum 14 (this plan is below it)" out.txt && ok || bad "worse objective: $(cat out.txt)"

# cf, draw and metrics refuse a plan that breaks hard rules, unless --accept-broken
rm -rf plan && cp -r "$data/plan" plan
sed -i '/^"m1"/s/"yes","no"$/"no","no"/' plan/teams.csv
msg="the plan breaks 1 rule (above); mend it (mapa check shows each), or give --accept-broken to go on with it"
"$mapa" cf -q "$data/partnership" --teams plan/teams.csv -o cfo 2>err.txt; rc=$?
[ $rc = 65 ] && grep -qx "plan/teams.csv:2:48: error: team 'train' has no SPOC" err.txt && grep -qx "mapa cf: $msg" err.txt && [ ! -e cfo ] && ok || bad "cf refuses: $rc $(cat err.txt)"
"$mapa" draw -q "$data/partnership" --plan plan -o d 2>err.txt; rc=$?
[ $rc = 65 ] && grep -qx "mapa draw: $msg" err.txt && [ ! -e d ] && ok || bad "draw refuses: $rc $(cat err.txt)"
"$mapa" metrics -q "$data/partnership" --plan plan -o m 2>err.txt; rc=$?
[ $rc = 65 ] && grep -qx "mapa metrics: $msg" err.txt && [ ! -e m ] && ok || bad "metrics refuses: $rc $(cat err.txt)"
"$mapa" cf -q --accept-broken "$data/partnership" --teams plan/teams.csv -o cfo 2>err.txt; rc=$?
[ $rc = 0 ] && [ -s cfo/critical_friends.csv ] && ok || bad "cf --accept-broken: $rc $(cat err.txt)"
grep -qx "plan/teams.csv:2:48: warning: team 'train' has no SPOC" err.txt && grep -qx "mapa cf: going on with a plan that breaks 1 rule (--accept-broken)" err.txt && ok || bad "--accept-broken warns: $(cat err.txt)"
"$mapa" draw -q --accept-broken "$data/partnership" --plan plan -o d 2>err.txt; rc=$?
[ $rc = 0 ] && [ -s d/structure.svg ] && ok || bad "draw --accept-broken: $rc $(cat err.txt)"
"$mapa" metrics -q --accept-broken "$data/partnership" --plan plan -o m 2>err.txt; rc=$?
[ $rc = 0 ] && [ -s m/members.csv ] && ok || bad "metrics --accept-broken: $rc $(cat err.txt)"
"$mapa" check "$data/partnership" --plan nowhere >/dev/null 2>&1; rc=$?
[ $rc = 66 ] && ok || bad "no plan folder: exit $rc, not 66"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
