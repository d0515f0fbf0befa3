#!/bin/sh
# End-to-end checks of mapa schedule: the example, calendars read back by python3-icalendar
# (Europe/London across the change to summer time), bad calendars, an impossible one, re-scheduling.
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
check=$root/tests/cli/check_ical.py

example=$root/scenarios/east-midlands
"$mapa" plan -q "$example" -o "$tmp/p" || bad "plan"
"$mapa" schedule "$example" --plan "$tmp/p" -o "$tmp/p" >"$tmp/out.txt" 2>&1; rc=$?
[ $rc = 0 ] && ok || { bad "schedule exit $rc"; cat "$tmp/out.txt"; }
grep -q "^Schedule: 16 sessions of 8 teams in .* slots: optimal" "$tmp/out.txt" && ok || bad "schedule report"
[ -f "$tmp/p/sessions.csv" ] && [ -f "$tmp/p/calendar/partnership.ics" ] && [ -f "$tmp/p/diagrams/timeline.svg" ] && ok || bad "outputs"
grep -q '"schedule"' "$tmp/p/summary.json" && grep -q '"allocation"' "$tmp/p/summary.json" && ok || bad "summary keeps its sections"
grep -q '"proven_by_days": true' "$tmp/p/summary.json" && ok || bad "the example proven by days"
$py "$check" "$tmp/p" >"$tmp/uids.txt" 2>"$tmp/ical.txt" && ok || { bad "ical check"; cat "$tmp/ical.txt"; }
$py -c "import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])" "$tmp/p/diagrams/timeline.svg" && ok || bad "timeline is XML"
# a second run updates the same events (stable UIDs) and leaves no stale member calendar
touch "$tmp/p/calendar/stale.ics"
"$mapa" schedule -q "$example" --plan "$tmp/p" -o "$tmp/p" || bad "second run"
$py "$check" "$tmp/p" "$tmp/uids.txt" 2>"$tmp/ical.txt" >/dev/null && ok || { bad "UIDs stable"; cat "$tmp/ical.txt"; }
[ ! -e "$tmp/p/calendar/stale.ics" ] && ok || bad "stale calendar left"

# across the change to summer time (2027-03-28): Evaluation after it, Decision-making before
bst=$root/tests/data/schedule/bst
"$mapa" plan -q "$bst" -o "$tmp/b" || bad "bst plan"
"$mapa" schedule -q "$bst" --plan "$tmp/b" -o "$tmp/b"; rc=$?
[ $rc = 0 ] && ok || bad "bst schedule exit $rc"
$py "$check" "$tmp/b" >/dev/null 2>"$tmp/ical.txt" && ok || { bad "bst ical"; cat "$tmp/ical.txt"; }
grep -q "(3 GMT, 3 BST)" "$tmp/ical.txt" && ok || { bad "3 sessions each side of the change"; cat "$tmp/ical.txt"; }
# the SPOC away on 2027-03-09: no session of theirs that day
awk -F, '$10 ~ /spoc/ && $4 ~ /2027-03-09/ && $9 ~ /Ann Archer/' "$tmp/b/sessions.csv" | grep -q . && bad "SPOC booked while away" || ok

# re-schedule: a new unavailable day moves only the sessions it touches
cp -r "$bst" "$tmp/bst2"
first=$(awk -F, 'NR > 1 && $10 ~ /spoc/ { gsub(/"/, ""); print $9 "," $4; exit }' "$tmp/b/sessions.csv")
who=${first%,*}; day=${first#*,}
id=$(awk -F, -v n="$who" '$2 == n { print $1 }' "$tmp/bst2/members.csv")
echo "$id,$day,,,," >> "$tmp/bst2/unavailable.csv"
"$mapa" schedule "$tmp/bst2" --plan "$tmp/b" -o "$tmp/r" --previous "$tmp/b/sessions.csv" >"$tmp/out.txt" 2>&1; rc=$?
[ $rc = 0 ] && ok || { bad "re-schedule exit $rc"; cat "$tmp/out.txt"; }
grep -q "re-scheduled: 1 session moved" "$tmp/out.txt" && ok || { bad "one session moved"; cat "$tmp/out.txt"; }
"$mapa" schedule "$tmp/bst2" --plan "$tmp/b" -o "$tmp/r" --previous "$tmp/b/sessions.csv" --max-moves 0 >"$tmp/out.txt" 2>&1; rc=$?
[ $rc = 65 ] && ok || bad "max-moves 0 exit $rc"
grep -q "no schedule moves at most 0 sessions: the fewest moves that keep every rule are 1" "$tmp/out.txt" && ok || { bad "max-moves reason"; cat "$tmp/out.txt"; }

# bad calendars: every problem at once, file:line:column
cp -r "$bst" "$tmp/bad"
cat > "$tmp/bad/slots.csv" <<'CSV'
date,days,from,to,except,start,end,place,capacity
2027-02-30,,,,,10:00,12:00,Derby,10
,Tusedays,2027-03-01,2027-03-20,,10:00,12:00,Derby,10
,Mondays,2027-03-01,2026-03-20,,10:00,12:00,Derby,10
2027-03-02,,,,,14:00,13:00,Derby,10
2027-03-03,,,,,25:00,26:00,Derby,0
,Fridays,2029-01-01,2029-02-01,bank holidays,10:00,11:00,online,
,Fridays,2027-01-01,2027-02-01,half term,10:00,11:00,online,
CSV
cat > "$tmp/bad/stages.csv" <<'CSV'
team,stage,earliest,latest,min_gap_days
t9,decision,week 1,week 2,
t1,action,week 1,week 2,
t2,decision,week 3,week 1,
CSV
cat > "$tmp/bad/unavailable.csv" <<'CSV'
member,date,from,to,start,end
nobody,2027-03-09,,,,
m2,,,,,
m3,2027-03-09,,,12:00,11:00
CSV
"$mapa" schedule "$tmp/bad" --plan "$tmp/b" -o "$tmp/x" >"$tmp/out.txt" 2>"$tmp/err.txt"; rc=$?
[ $rc = 65 ] && ok || bad "bad calendar exit $rc"
sed "s|$tmp/bad/||" "$tmp/err.txt" | grep -v "^mapa schedule" > "$tmp/got.txt"
cat > "$tmp/want.txt" <<'TXT'
slots.csv:2:1: error: date '2027-02-30' is not a date: write it as YYYY-MM-DD, e.g. 2026-09-01
slots.csv:3:2: error: days: 'Tusedays' is not a day of the week (write e.g. 'Tuesdays and Thursdays' or 'tue;thu')
slots.csv:4:21: error: to is before from: the pattern has no date
slots.csv:5:22: error: end 13:00 is not after start 14:00
slots.csv:6:16: error: start: '25:00' is not a time of day (HH:MM, 24-hour)
slots.csv:6:22: error: end: '26:00' is not a time of day (HH:MM, 24-hour)
slots.csv:7:32: error: mapa knows the bank holidays of 2026 to 2028 only (gov.uk); list those of 2029 in except instead
slots.csv:8:32: error: except: 'half term' is not 'bank holidays', a date (YYYY-MM-DD) or a range (YYYY-MM-DD..YYYY-MM-DD)
stages.csv:2:1: error: team 't9' is not a topic of topics.csv (give its id or name, or '*' for every team)
stages.csv:3:4: error: stage 'action' is not decision or evaluation
stages.csv:4:20: error: latest is before earliest: the window holds no day
unavailable.csv:2:1: error: member 'nobody' is not in members.csv (give the id or the name)
unavailable.csv:3:4: error: no date: give a date, or from and to (YYYY-MM-DD)
unavailable.csv:4:23: error: end is not after start
TXT
diff "$tmp/want.txt" "$tmp/got.txt" >"$tmp/diff.txt" && ok || { bad "bad calendar messages"; cat "$tmp/diff.txt"; }
[ ! -e "$tmp/x/sessions.csv" ] && ok || bad "no sessions.csv from a bad calendar"

# an impossible calendar: the reason in words, exit 65, the folder left as the last whole run
cp -r "$bst" "$tmp/imp"
printf 'member,date\nm1,2027-03-10\nm1,2027-03-11\nm1,2027-03-16\nm1,2027-03-17\nm1,2027-03-18\nm2,2027-03-09\nm2,2027-03-10\nm2,2027-03-11\nm2,2027-03-16\nm2,2027-03-17\nm2,2027-03-18\nm3,2027-03-09\nm3,2027-03-10\nm3,2027-03-11\nm3,2027-03-16\nm3,2027-03-17\nm3,2027-03-18\nm4,2027-03-09\nm4,2027-03-10\nm4,2027-03-11\nm4,2027-03-16\nm4,2027-03-17\nm4,2027-03-18\n' > "$tmp/imp/unavailable.csv"
cp -r "$tmp/b" "$tmp/i"
"$mapa" schedule "$tmp/imp" --plan "$tmp/i" -o "$tmp/i" >"$tmp/out.txt" 2>&1; rc=$?
[ $rc = 65 ] && ok || bad "impossible exit $rc"
grep -q "Decision-making has no slot it can take: its window 2027-03-09 to 2027-03-19 holds 6 slots; .* (SPOC, required) is unavailable in 6" "$tmp/out.txt" && ok || { bad "impossible reason"; cat "$tmp/out.txt"; }
diff -r "$tmp/b" "$tmp/i" >/dev/null && ok || bad "an impossible schedule changed the folder"
grep -q 'left as it was' "$tmp/out.txt" && ok || { bad "says the folder was left as it was"; cat "$tmp/out.txt"; }

"$mapa" schedule "$root/tests/data/good/tiny" --plan "$tmp/b" -o "$tmp/n" >/dev/null 2>&1; rc=$?
[ $rc = 66 ] && ok || bad "no slots.csv exit $rc"
"$mapa" schedule "$bst" -o "$tmp/b" --max-moves 2 >/dev/null 2>&1; [ $? = 64 ] && ok || bad "--max-moves without --previous"
# attendance from settings.json's "schedule" (Critical Friends optional, members required where
# they can be), and a flag given over it wins; a bad value is settings.json:line:col, exit 65
cp -r "$bst" "$tmp/set"
printf '{\n  "schedule": {"critical_friends": "optional", "cf_weight": 50,\n    "travel_minutes": 30}\n}\n' > "$tmp/set/settings.json"
"$mapa" schedule -q "$tmp/set" --plan "$tmp/b" -o "$tmp/s1" || bad "settings schedule"
awk -F, '$10 ~ /critical_friend/' "$tmp/s1/sessions.csv" | grep -q . && ok || bad "CFs listed"
awk -F, '$10 ~ /critical_friend/ && $11 !~ /optional/' "$tmp/s1/sessions.csv" | grep -q . && bad "CFs optional from settings.json" || ok
"$mapa" schedule -q "$tmp/set" --plan "$tmp/b" -o "$tmp/s2" --cf required || bad "settings and --cf"
awk -F, '$10 ~ /critical_friend/ && $11 !~ /required/' "$tmp/s2/sessions.csv" | grep -q . && bad "--cf required over settings.json" || ok
printf '{\n  "schedule": {"members": "always",\n    "member_share": 2}\n}\n' > "$tmp/set/settings.json"
"$mapa" schedule -q "$tmp/set" --plan "$tmp/b" -o "$tmp/s3" >"$tmp/out.txt" 2>&1; rc=$?
[ $rc = 65 ] && ok || bad "bad schedule settings exit $rc"
grep -q "settings.json:2:16: error: setting 'members' (in \"schedule\") must be \"required\", \"wanted\" or \"optional\"" "$tmp/out.txt" && ok || { bad "bad attendance setting message"; cat "$tmp/out.txt"; }
grep -q "settings.json:3:5: error: setting 'member_share' (in \"schedule\") must be a number from 0 to 1" "$tmp/out.txt" && ok || { bad "bad share setting message"; cat "$tmp/out.txt"; }
# mapa report on a saved plan reads its sessions.csv back: the report and briefings show the dates
cp -r "$tmp/b" "$tmp/rep"
"$mapa" report -q "$bst" --plan "$tmp/rep" || bad "report of a scheduled plan"
grep -q 'not scheduled yet' "$tmp/rep/report.html" && bad "report says not scheduled" || ok
$py - "$tmp/rep" <<'PY' && ok || bad "every session's date in the report and its people's briefings"
import csv, sys, os, html
d = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(d, "sessions.csv"), encoding="utf-8-sig")))
report = html.unescape(open(os.path.join(d, "report.html"), encoding="utf-8").read())
missing = []
for r in rows:
    when = "%s %s-%s" % (r["date"], r["start"], r["end"])
    if when not in report:
        missing.append(("report", when))
    brief = os.path.join(d, "briefings", r["member_id"] + ".html")
    if os.path.exists(brief) and r["date"] not in open(brief, encoding="utf-8").read():
        missing.append((r["member_id"], r["date"]))
if missing or not rows:
    print(missing[:5], file=sys.stderr)
    sys.exit(1)
PY
rm "$tmp/rep/sessions.csv"
"$mapa" report -q "$bst" --plan "$tmp/rep" || bad "report without sessions.csv"
grep -q 'not scheduled yet' "$tmp/rep/report.html" && ok || bad "no sessions.csv: not scheduled yet"
printf 'team_id,stage,date,start,end,place\nt1,decision,2027-13-01,10:00,12:00,online\n' > "$tmp/rep/sessions.csv"
"$mapa" report -q "$bst" --plan "$tmp/rep" >"$tmp/out.txt" 2>&1; rc=$?
[ $rc = 65 ] && ok || bad "bad sessions.csv report exit $rc"
grep -q "sessions.csv:2:13: error" "$tmp/out.txt" && ok || { bad "bad sessions.csv at line:col"; cat "$tmp/out.txt"; }
finish
