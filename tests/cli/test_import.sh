#!/bin/sh
# End-to-end checks of mapa import on co-ordinators' own files (tests/data/import, made by a
# helper who did not see the code; each folder's EXPECTED.md says what must come out), on
# inputs built to break it, and of the loader accepting names, aliases and near misses.
. "$(dirname "$0")/lib.sh"
data=$root/tests/data/import
py=/usr/bin/python3

# run_in DIR ARGS...: mapa ARGS run in DIR, so that messages name the files as a user types them
case $mapa in /*) ;; *) mapa=$PWD/$mapa ;; esac
run_in() { (cd "$1" && shift && "$mapa" "$@"); }
# has_line FILE LINE: FILE holds exactly this line
has_line() { grep -Fxq -- "$2" "$1"; }
# count_lines FILE TEXT: how many lines of FILE hold TEXT
count_lines() { grep -Fc -- "$2" "$1"; }
# csv_rows FILE: data rows of a CSV file, read by Python's csv module (an independent reader)
csv_rows() { "$py" -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))))' "$1"; }

# ---- google-forms: the issue's export, the cp1252 list and mapa's topics.csv ----
g=$data/google-forms
run_in "$g" import --responses responses.csv --organisations organisations.csv \
    --topics topics.csv -o "$tmp/g" >"$tmp/g.out" 2>"$tmp/g.err"; rc=$?
[ $rc = 0 ] && ok || bad "google-forms import exit $rc"
has_line "$tmp/g.out" "Imported 57 responses: 56 members (1 double submission merged), 23 agencies (1 not in the organisations list, 3 listed without members), 8 topics." && ok || bad "google-forms summary line"
[ "$(csv_rows "$tmp/g/members.csv")" = 56 ] && ok || bad "56 members"
[ "$(csv_rows "$tmp/g/agencies.csv")" = 23 ] && ok || bad "23 agencies, not 37"
[ "$(csv_rows "$tmp/g/topics.csv")" = 8 ] && ok || bad "8 topics"
r=$tmp/g/import_report.txt
has_line "$r" '- "Email address" -> id (the email address: the form has no id column)' && ok || bad "report: email becomes the id"
has_line "$r" '- "Are you willing to be the team'"'"'s single point of contact (SPOC)?" -> spoc_willing' && ok || bad "report: SPOC column"
has_line "$r" '- "Third choice of topic" -> pref3' && ok || bad "report: pref3 column"
has_line "$r" '- organisations.csv: Windows-1252 (not UTF-8: converted to UTF-8; the warning says which character told)' && ok || bad "report: cp1252 assumed"
has_line "$r" '- responses.csv: UTF-8' && ok || bad "report: responses UTF-8"
has_line "$r" '- fatima.walsh@salvationarmy.example: lines 33 (2026/11/08 7:28:30 pm GMT) and 52 (2026/11/11 1:46:13 pm GMT): line 52 kept, the later; line 33 dropped' && ok || bad "report: the double submission"
has_line "$r" '- "Nottinghamshire Polcie" (line 3): Nottinghamshire Police, a near miss: check it' && ok || bad "report: Polcie near miss"
has_line "$r" '- "Derbyshire Constabulory" (line 10): Derbyshire Constabulary, a near miss: check it' && ok || bad "report: Constabulory"
has_line "$r" '- "Open Doors Cafe Network" (line 42): Open Doors Café Network, a near miss: check it' && ok || bad "report: Cafe/Café"
has_line "$r" '- "GLAA" (lines 13, 56): Gangmasters and Labour Abuse Authority, by its initials: check it' && ok || bad "report: GLAA initials"
has_line "$r" '- "DWP" (line 16): Department for Work and Pensions, by its initials: check it' && ok || bad "report: DWP initials"
has_line "$r" '- "EMAS" (line 31): East Midlands Ambulance Service, by its initials: check it' && ok || bad "report: EMAS initials"
has_line "$r" '- "Barnardo’s" (line 40): Barnardo'"'"'s, by its name, ignoring case, spaces and punctuation' && ok || bad "report: curly apostrophe"
has_line "$r" '- "Gangmasters & Labour Abuse Authority" (line 15): Gangmasters and Labour Abuse Authority, by its name, ignoring case, spaces and punctuation' && ok || bad "report: & as and"
has_line "$r" '- "Crimestoppers" (line 54): not in the list: a new agency '"'"'crimestoppers'"'"' of unknown sector' && ok || bad "report: Crimestoppers new"
has_line "$r" '- "Child criminal exploitation & county lines" (lines 7, 20, 37): Child criminal exploitation and county lines (county-lines), by its name, ignoring case, spaces and punctuation' && ok || bad "report: topic & as and"
has_line "$r" 'Organisations in the list with no members (3)' && ok || bad "report: 3 idle organisations"
for o in "HM Revenue and Customs (line 8)" "Boston Borough Council (line 11)" "Riverside Hotels Group (line 23)"; do
    has_line "$r" "- $o" && ok || bad "report: idle $o"
done
has_line "$r" '- SPOC answer "Maybe" (lines 4, 15, 35, 48) is neither yes nor no: read as no (not willing); write yes in members.csv for those who are' && ok || bad "report: Maybe"
has_line "$r" '- responses.csv line 21: the role of una.kaur@nottscc.example held a line break or a tab: written on one line' && ok || bad "report: line break in a role"
has_line "$r" 'Problems left (2)' && ok || bad "report: 2 problems left"
# messages: one each, as file:line:column
e=$tmp/g.err
[ "$(count_lines "$e" "read as Windows-1252")" = 1 ] && ok || bad "one encoding warning, not 22"
has_line "$e" "organisations.csv:18:15: warning: the file is not UTF-8: read as Windows-1252 (what Excel saves as \"CSV\"), which makes byte 0xE9 here 'é'; save it as \"CSV UTF-8\" to be sure of every character" && ok || bad "the encoding warning's words"
has_line "$e" "responses.csv:33:1: warning: 'fatima.walsh@salvationarmy.example' answered twice (lines 33 and 52): line 52, the later, is kept and this one is dropped" && ok || bad "double submission warning"
has_line "$e" "responses.csv:4:212: warning: SPOC answer 'Maybe' is neither yes nor no: read as no (not willing) (4 times, on lines 4, 15, 35 and 48)" && ok || bad "one Maybe warning naming the 4 rows"
has_line "$e" "responses.csv:3:73: warning: organisation 'Nottinghamshire Polcie' is read as 'Nottinghamshire Police' (a near miss); correct it if that is wrong" && ok || bad "near miss warning"
has_line "$e" "responses.csv:54:85: warning: organisation 'Crimestoppers' is not in organisations.csv: it becomes a new agency 'crimestoppers' of unknown sector" && ok || bad "new agency warning"
grep -q "not a topic" "$e" "$r" && bad "no topic errors" || ok
# the people and organisations, read back with Python's csv module against EXPECTED.md
"$py" - "$tmp/g" <<'EOF' >"$tmp/g.py" 2>&1 && ok || { bad "google-forms contents"; cat "$tmp/g.py"; }
import csv, sys, collections
d = sys.argv[1]
rows = lambda f: list(csv.DictReader(open(f"{d}/{f}", newline="", encoding="utf-8")))
members, agencies = rows("members.csv"), rows("agencies.csv")
names = {a["id"]: a["name"] for a in agencies}
count = collections.Counter(names[m["agency"]] for m in members)
expected = {"Nottinghamshire Police": 5, "Lincolnshire Police": 4, "Derbyshire Constabulary": 2,
            "Leicestershire Police": 3, "Gangmasters and Labour Abuse Authority": 4,
            "Department for Work and Pensions": 2, "Nottinghamshire County Council": 5,
            "Derby City Council": 4, "Nottinghamshire Fire and Rescue Service": 2,
            "Nottingham University Hospitals NHS Trust": 3, "East Midlands Ambulance Service": 3,
            "The Salvation Army": 3, "Hope for Justice": 2, "Barnardo's": 3,
            "Open Doors Café Network": 2, "Hope £1 Lunch Club": 2,
            "Nottingham Faith Network Against Trafficking": 2,
            "University of Nottingham Rights Lab": 2, "Midlands Growers Co-operative": 2,
            "Crimestoppers": 1}
assert dict(count) == expected, (dict(count), expected)
fatima = [m for m in members if m["id"] == "fatima.walsh@salvationarmy.example"]
assert len(fatima) == 1 and [fatima[0][f"pref{k}"] for k in (1, 2, 3)] == ["awareness", "business", "victim-care"] and fatima[0]["spoc_willing"] == "yes", fatima
assert sum(m["spoc_willing"] == "yes" for m in members) == 22
for who in ("Carys Okafor", "Nadia Mensah", "Hannah Doyle", "Ahmed Sharpe"):
    assert [m["spoc_willing"] for m in members if m["name"] == who] == ["no"], who
assert any(m["name"] == "Chloé Martin" for m in members)
assert [m["role"] for m in members if m["name"] == "Carys Okafor"] == ["Detective Sergeant, Modern Slavery Unit"]
assert [m["id"] for m in members if m["name"] == "George Osei"] == ["George.Osei@Notts.Police.example"]
two = [m for m in members if m["pref3"] == ""]
assert sorted(m["name"] for m in two) == ["Farid Nowak", "Rebecca Riley", "Wendy Lister"], two
stat = {a["name"]: a["statutory"] for a in agencies}
assert stat["Hope for Justice"] == "no" and stat["Derby City Council"] == "yes"
EOF
# the two-command path: import, then plan, with no hand editing
"$mapa" plan "$tmp/g" -o "$tmp/gp" -q 2>/dev/null; rc=$?
[ $rc = 0 ] && ok || bad "mapa plan on the imported folder exit $rc"
[ "$(csv_rows "$tmp/gp/teams.csv")" = 56 ] && ok || bad "plan allocates the 56 members"
# determinism: again into a fresh folder, and again into the same folder (its settings.json columns)
run_in "$g" import -q --responses responses.csv --organisations organisations.csv \
    --topics topics.csv -o "$tmp/g2" 2>/dev/null
run_in "$g" import -q --responses responses.csv --organisations organisations.csv \
    --topics topics.csv -o "$tmp/g" 2>/dev/null
for f in members.csv agencies.csv topics.csv settings.json; do
    cmp -s "$tmp/g/$f" "$tmp/g2/$f" && ok || bad "re-import gives the same $f"
done
has_line "$tmp/g/import_report.txt" 'Columns of responses.csv (from settings.json "columns"; headers not named there are left out)' && ok || bad "re-import uses the written columns"
# a corrected mapping is used: take the names from the Role column
sed 's/"name": "Full name"/"name": "Role"/' "$tmp/g/settings.json" >"$tmp/fixed.json"
"$mapa" import -q --responses "$g/responses.csv" --topics "$g/topics.csv" --settings "$tmp/fixed.json" -o "$tmp/g3" 2>/dev/null
grep -q '^"aisha.patel@notts.police.example","Detective Sergeant",' "$tmp/g3/members.csv" && ok || bad "settings.json columns decide the columns"
# without the lists: topics and organisations from the names the responses use
"$mapa" import --responses "$g/responses.csv" -o "$tmp/gn" >"$tmp/gn.out" 2>/dev/null; rc=$?
[ $rc = 0 ] && ok || bad "import without lists exit $rc"
has_line "$tmp/gn.out" "Imported 57 responses: 56 members (1 double submission merged), 20 agencies, 8 topics." && ok || bad "without lists: 8 topics, 20 agencies"
has_line "$tmp/gn/import_report.txt" '- "GLAA" (lines 13, 56): Gangmasters and Labour Abuse Authority, by its initials: check it' && ok || bad "without a list GLAA joins the full name"
"$mapa" plan "$tmp/gn" -o "$tmp/gnp" -q 2>/dev/null; rc=$?
[ $rc = 0 ] && ok || bad "plan after import without lists exit $rc"

# ---- microsoft-forms: BOM, M/D/YY, response numbers, two anonymous respondents ----
m=$data/microsoft-forms
run_in "$m" import --responses responses.csv --organisations organisations.csv \
    --topics topics.csv -o "$tmp/m" >"$tmp/m.out" 2>"$tmp/m.err"; rc=$?
[ $rc = 0 ] && ok || bad "microsoft-forms exit $rc"
has_line "$tmp/m.out" "Imported 30 responses: 30 members (0 double submissions merged), 22 agencies (0 not in the organisations list, 10 listed without members), 8 topics." && ok || bad "microsoft-forms summary"
r=$tmp/m/import_report.txt
has_line "$r" '- "ID" -> left out (the form'"'"'s response number, not a member id)' && ok || bad "MS ID is a response number"
has_line "$r" '- "Completion time" -> timestamp (orders double submissions; read month first, as Microsoft Forms writes them)' && ok || bad "MS month first"
has_line "$r" '- responses.csv: UTF-8 with a byte-order mark' && ok || bad "MS BOM"
has_line "$tmp/m.err" "responses.csv:11:38: warning: this response has no email address, only 'anonymous': it becomes member 'anonymous-line-11' and is never merged with another" && ok || bad "anonymous warning"
grep -q '^"anonymous-line-11",' "$tmp/m/members.csv" && grep -q '^"anonymous-line-24",' "$tmp/m/members.csv" && ok || bad "two anonymous members"
grep -q "BOM\|\xef\xbb\xbf" "$tmp/m/settings.json" && bad "BOM in a column name" || ok

# ---- utf16: Excel's Unicode Text (UTF-16 LE, tab-separated) ----
u=$data/utf16
run_in "$u" import --responses responses.txt --organisations ../google-forms/organisations.csv \
    --topics topics.csv -o "$tmp/u" >/dev/null 2>"$tmp/u.err"; rc=$?
[ $rc = 0 ] && ok || bad "utf16 exit $rc"
has_line "$tmp/u.err" "responses.txt:1:1: warning: the file is UTF-16 little-endian (with a byte-order mark): read as such; Excel's \"CSV UTF-8\" is the safer export" && ok || bad "one UTF-16 warning"
has_line "$tmp/u/import_report.txt" "- responses.txt: UTF-16 little-endian (with a byte-order mark), tab-separated (not UTF-8: converted to UTF-8; the warning says which character told)" && ok || bad "report: UTF-16, tab-separated"
"$py" - "$tmp/u" <<'EOF' && ok || bad "utf16 names decode exactly"
import csv, sys
m = list(csv.DictReader(open(sys.argv[1] + "/members.csv", newline="", encoding="utf-8")))
names = {x["name"] for x in m}
assert len(m) == 10
for n in ("Chloé Martin", "Siobhan O'Brien", "Zoë Nowak", "Łukasz Wiśniewski", "Nguy\u1ec5n Th\u1ecb Lan"):
    assert n in names, n
roles = {x["name"]: x["role"] for x in m}
assert roles["Ahmed Sharpe"] == 'Research "Fellow"' and roles["Aisha Patel"] == "Detective Sergeant, MSU", roles
EOF

# ---- windows-1252-only: a £ on every line is one warning ----
w=$data/windows-1252-only
"$mapa" import -q --responses "$g/responses.csv" --organisations "$w/organisations.csv" -o "$tmp/w" 2>"$tmp/w.err"; rc=$?
[ $rc = 0 ] && ok || bad "windows-1252 list exit $rc"
[ "$(count_lines "$tmp/w.err" "Windows-1252")" = 1 ] && ok || bad "one cp1252 warning for 22 lines"
has_line "$tmp/w/import_report.txt" '- "Annual grant" -> left out (not a column mapa knows)' && ok || bad "Annual grant left out"
grep -q '"Hope £1 Lunch Club"' "$tmp/w/agencies.csv" && ok || bad "£ decoded to U+00A3"
"$mapa" validate "$w/partnership" >/dev/null 2>"$tmp/wp.err"; rc=$?
[ $rc = 0 ] && ok || bad "cp1252 agencies.csv loads, exit $rc"
[ "$(wc -l <"$tmp/wp.err")" = 1 ] && grep -q "agencies.csv:2:37: warning: the file is not UTF-8: read as Windows-1252" "$tmp/wp.err" && ok || bad "exactly one warning for the cp1252 agencies.csv"

# ---- downloaded-names: Members.csv, topics (1).csv, names and aliases in the loader ----
dn=$data/downloaded-names
"$mapa" validate "$dn" >"$tmp/dn.out" 2>"$tmp/dn.err"; rc=$?
[ $rc = 0 ] && ok || bad "downloaded-names loads, exit $rc"
has_line "$tmp/dn.err" "$dn/Members.csv: warning: there is no members.csv in the folder: this file is read as members.csv; rename it to be sure" && ok || bad "Members.csv read as members.csv"
has_line "$tmp/dn.err" "$dn/topics (1).csv: warning: there is no topics.csv in the folder: this file is read as topics.csv; rename it to be sure" && ok || bad "topics (1).csv read as topics.csv"
[ "$(wc -l <"$tmp/dn.err")" = 2 ] && ok || bad "downloaded-names: only those two warnings"
grep -q "^Members:     12 (1 co-ordinator, 11 to allocate, 5 willing to be SPOC)" "$tmp/dn.out" && ok || bad "12 members"
grep -q "^Agencies:    6 " "$tmp/dn.out" && ok || bad "6 agencies, none added"
"$mapa" plan "$dn" -o "$tmp/dnp" -q 2>/dev/null; rc=$?
[ $rc = 0 ] && ok || bad "downloaded-names plans, exit $rc"
grep -q '^"m10",.*,"county-lines",' "$tmp/dnp/teams.csv" && ok || bad "m10's fixed_team by name"
grep -q '^"m07",.*,"county-lines",' "$tmp/dnp/teams.csv" && bad "m07 avoids county-lines by name" || ok
# near misses: matched with a warning by default, an error with "did you mean" under near_miss "error"
mkdir "$tmp/nm" && cp "$dn"/*.csv "$dn"/settings.json "$tmp/nm/"
sed -i 's/,Notts Police,/,Notts Polise,/' "$tmp/nm/Members.csv"
"$mapa" validate -q "$tmp/nm" 2>"$tmp/nm.err"; rc=$?
[ $rc = 0 ] && ok || bad "a near miss is matched by default, exit $rc"
has_line "$tmp/nm.err" "$tmp/nm/Members.csv:4:18: warning: agency 'Notts Polise' is read as 'Nottinghamshire Police' (a near miss); correct it, or add it to that agency's aliases in agencies.csv" && ok || bad "near-miss warning"
printf '{"near_miss": "error"}\n' >"$tmp/nm/settings.json"
"$mapa" validate -q "$tmp/nm" 2>"$tmp/nm.err"; rc=$?
[ $rc = 65 ] && ok || bad "near_miss error: exit $rc"
has_line "$tmp/nm.err" "$tmp/nm/Members.csv:4:18: error: agency 'Notts Polise' is not an id, name or alias in agencies.csv: did you mean 'Nottinghamshire Police'?" && ok || bad "did you mean"
printf '{"near_miss": "maybe"}\n' >"$tmp/nm/settings.json"
"$mapa" validate -q "$tmp/nm" 2>"$tmp/nm.err"; rc=$?
[ $rc = 65 ] && grep -q "setting 'near_miss' must be \"match\" or \"error\"" "$tmp/nm.err" && ok || bad "near_miss checked"

# ---- one message per distinct problem: 168 identical errors are one ----
mkdir "$tmp/rep"
printf 'id,name\nt1,Training\nt2,Awareness\n' >"$tmp/rep/topics.csv"
{ echo "id,name,agency,pref1,pref2,pref3"; i=1; while [ $i -le 56 ]; do echo "m$i,M $i,a,Business and supply chains,Victims,Support"; i=$((i + 1)); done; } >"$tmp/rep/members.csv"
"$mapa" validate -q "$tmp/rep" 2>"$tmp/rep.err"; rc=$?
[ $rc = 65 ] && ok || bad "unknown topics: exit $rc"
has_line "$tmp/rep.err" "$tmp/rep/members.csv:2:10: error: preference 'Business and supply chains' is neither a topic id nor a topic name in topics.csv (56 times, on lines 2, 3, 4, 5, 6, 7, 8, 9 and 48 more)" && ok || bad "one message with the count and lines"
has_line "$tmp/rep.err" "3 errors, 2 warnings: fix the errors and run mapa validate again." && ok || bad "3 distinct problems, not 168"
# settings.json columns in every command: the Forms headers mapped in a plain folder
mkdir "$tmp/cols"
printf 'id,name,min_size\nt1,Training,1\nt2,Awareness,1\n' >"$tmp/cols/topics.csv"
printf 'Email address,Full name,Organisation,First choice,SPOC?\na@x,Ann,Police,Training,yes\nb@x,Bob,NGO,awareness,yes\n' >"$tmp/cols/members.csv"
printf '{"columns": {"members": {"id": "Email address", "name": "Full name", "agency": "Organisation", "pref1": "First choice", "spoc_willing": "SPOC?"}}}\n' >"$tmp/cols/settings.json"
"$mapa" validate -q "$tmp/cols" 2>"$tmp/cols.err"; rc=$?
[ $rc = 0 ] && ok || { bad "columns mapping in validate, exit $rc"; cat "$tmp/cols.err"; }
"$mapa" allocate -q "$tmp/cols" -o "$tmp/colsp" 2>/dev/null; rc=$?
[ $rc = 0 ] && grep -q '^"a@x",' "$tmp/colsp/teams.csv" && ok || bad "columns mapping in allocate, exit $rc"

# ---- hostile inputs: the loader and the importer ----
h=$data/hostile
for c in empty just-quotes; do
    "$mapa" validate -q "$h/$c" 2>"$tmp/h.err"; rc=$?
    [ $rc = 65 ] && [ "$(wc -l <"$tmp/h.err")" = 2 ] && grep -q "members.csv:1:1: error: the file has no header row" "$tmp/h.err" && ok || bad "hostile/$c: one no-header error"
done
"$mapa" validate -q "$h/header-only" 2>"$tmp/h.err"; rc=$?
[ $rc = 65 ] && grep -q "members.csv:2:1: error: no members: add a row for each member below the header" "$tmp/h.err" && ok || bad "hostile/header-only"
"$mapa" validate -q "$h/duplicate-columns" 2>"$tmp/h.err"
grep -q "members.csv:1:22: error: column 'name' appears twice in the header (first as field 2, at column 4); keep one" "$tmp/h.err" && ok || bad "duplicate column names both places"
"$mapa" validate -q "$h/bad-utf8" 2>"$tmp/h.err"
[ "$(grep -c "error:" "$tmp/h.err")" = 1 ] && grep -q "members.csv:5:8: error: byte 0xFF is not UTF-8 (in Windows-1252 it would be 'ÿ'), though the rest of the file is UTF-8" "$tmp/h.err" && ok || bad "bad-utf8: one error at 5:8"
"$mapa" import -q --responses "$h/bad-utf8/members.csv" -o "$tmp/hb" 2>/dev/null
"$py" - "$tmp/hb/members.csv" <<'EOF' && ok || bad "bad-utf8: the other names exact (not re-read as cp1252)"
import csv, sys
names = [r["name"] for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))]
for n in ("Chloé Martin", "Zoë Nowak", "Łukasz Wiśniewski", "Siobhán Ní Bhriain", "Nguy\u1ec5n Th\u1ecb Lan", "Ren\ufffde Dubois"):
    assert n in names, (n, names)
EOF
"$mapa" import --responses "$h/duplicate-columns/responses.csv" -o "$tmp/hd" >/dev/null 2>"$tmp/h.err"; rc=$?
[ $rc = 0 ] && has_line "$tmp/h.err" "$h/duplicate-columns/responses.csv:1:48: warning: column 5 ('Full name') would also be name, which column 3 is: it is left out; rename one of the two, or map them in settings.json \"columns\"" && ok || bad "import: a second Full name column is said"
grep -q '"Aisha Patel"' "$tmp/hd/members.csv" && ok || bad "import: the first Full name is used"
"$mapa" import -q --responses "$h/partnership/members.csv" -o "$tmp/hp" 2>/dev/null; rc=$?
[ $rc = 0 ] && ok || bad "import of hostile names, exit $rc"
grep -q '^"'"'"'=m11","'"'"'=SUM(A1:A9)",' "$tmp/hp/members.csv" && ok || bad "import output: formulas written as text"
"$mapa" validate -q "$tmp/hp" 2>/dev/null; "$mapa" allocate -q "$tmp/hp" -o "$tmp/hpa" --soft 2>/dev/null
grep -q '^"'"'"'=m11","'"'"'=SUM(A1:A9)",' "$tmp/hpa/teams.csv" && ok || bad "imported hostile ids read back as written (no doubled apostrophe)"

# ---- adversarial form exports ----
a=$tmp/adv
mkdir "$a"
: >"$a/empty.csv"
printf '""\n' >"$a/quotes.csv"
printf 'Timestamp,Email address,Organisation\r\n' >"$a/header.csv"
printf 'Timestamp,Email address,Full name\n2026/01/01 10:00:00,a@x.example,Ann\n' >"$a/no_org.csv"
for f in empty quotes header no_org; do
    "$mapa" import --responses "$a/$f.csv" -o "$a/out-$f" >/dev/null 2>"$a/$f.err"; rc=$?
    [ $rc = 65 ] && [ ! -e "$a/out-$f" ] && ok || bad "$f: exit 65 and nothing written (exit $rc)"
done
grep -q "empty.csv:1:1: error: the file has no header row" "$a/empty.err" && ok || bad "empty form: no header row"
grep -q "quotes.csv:1:1: error: the file has no header row" "$a/quotes.err" && ok || bad '"" form: no header row'
grep -q "header.csv:2:1: error: the form has no responses below its header" "$a/header.err" && ok || bad "header only: no responses"
grep -q "no_org.csv:1:1: error: no column of the form names the member's organisation" "$a/no_org.err" && ok || bad "no organisation column"
# duplicated headers, ragged rows, a double submission with the earlier one later in the file
printf 'Email address,Organisation,Email address,First choice,Second choice\n' >"$a/rag.csv"
printf 'b@x.example,NGO,zzz@x.example,Training\n' >>"$a/rag.csv"
printf 'a@x.example,Police,,Training,Awareness,extra\n' >>"$a/rag.csv"
printf 'A@X.example,Police\n' >>"$a/rag.csv"
"$mapa" import --responses "$a/rag.csv" -o "$a/rag" >/dev/null 2>"$a/rag.err"; rc=$?
[ $rc = 0 ] && ok || bad "ragged form exit $rc"
grep -q "rag.csv:1:28: warning: column 3 ('Email address') would also be email, which column 1 is" "$a/rag.err" && ok || bad "duplicated header said"
grep -q "rag.csv:3:40: warning: this row has more fields than the header has columns: the extra ones are left out" "$a/rag.err" && ok || bad "a too long row said at its field"
grep -q "rag.csv:4:1: warning: 'a@x.example' answered twice (lines 3 and 4): line 4, the later line (the times do not tell), is kept" "$a/rag.err" && bad "wrong line dropped" || ok
has_line "$a/rag/import_report.txt" "- A@X.example: lines 3 () and 4 (): line 4 kept, the later line (the times do not tell); line 3 dropped" && ok || bad "double submission without times: the later line"
[ "$(csv_rows "$a/rag/members.csv")" = 2 ] && ok || bad "ragged: 2 members"
grep -q '^"A@X.example","","police","no","",""$' "$a/rag/members.csv" && ok || bad "a short row: its missing cells empty"
# an alias that is another agency's name is ambiguous, never a silent choice
mkdir "$a/amb"
printf 'id,name\nt1,Training\n' >"$a/amb/topics.csv"
printf 'id,name,sector,aliases\npol,Police Unit,police,Council\ncouncil,Council,local_authority,\n' >"$a/amb/agencies.csv"
printf 'id,name,agency,spoc_willing,pref1\nm1,A,Council,yes,t1\nm2,B,pol,yes,Training\n' >"$a/amb/members.csv"
"$mapa" validate -q "$a/amb" 2>"$a/amb.err"; rc=$?
[ $rc = 65 ] && grep -q "members.csv:2:6: error: agency 'Council' could be 'Police Unit' or 'Council': write the agency's id" "$a/amb.err" && ok || bad "ambiguous alias"
# a form saved as Windows-1252: names and ids decoded, ids from names in ASCII
printf 'Email address,Full name,Organisation,First choice\na@x.example,Chlo\351 Martin,Caf\351 Network,Training\n' >"$a/w.csv"
"$mapa" import -q --responses "$a/w.csv" -o "$a/w" 2>/dev/null
grep -q '^"a@x.example","Chloé Martin","cafe-network",' "$a/w/members.csv" && ok || bad "cp1252 form decoded, id cafe-network"
# a topic the list does not have is left out and said; a near miss is read
printf 'id,name\nt1,Training\n' >"$a/t.csv"
printf 'Email address,Organisation,First choice,Second choice\na@x.example,Police,Trainning,Cooking\n' >"$a/nt.csv"
"$mapa" import -q --responses "$a/nt.csv" --topics "$a/t.csv" -o "$a/nt" 2>"$a/nt.err"
grep -q "nt.csv:2:20: warning: topic 'Trainning' is read as 'Training' (a near miss); correct it if that is wrong" "$a/nt.err" && ok || bad "topic near miss in import"
grep -q "is not in $a/t.csv: left out of those members' preferences" "$a/nt/import_report.txt" && ok || bad "unknown topic left out, said"
grep -q '^"a@x.example","","police","no","t1",""$' "$a/nt/members.csv" && ok || bad "prefs after leaving a topic out"
# a usage error
"$mapa" import -o "$a/x" 2>/dev/null; [ $? = 64 ] && ok || bad "no --responses: 64"
"$mapa" import --responses "$a/none.csv" -o "$a/x" 2>/dev/null; [ $? = 66 ] && ok || bad "missing form: 66"
finish
