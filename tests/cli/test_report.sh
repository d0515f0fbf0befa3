#!/bin/sh
# report.html in a real browser: chromium (headless, network off) builds the page of the
# example's plan, of `mapa report` on the saved plan and of the hostile-names fixture;
# tests/io/check_report.py checks the DOM against teams.csv, critical_friends.csv and
# summary.json. A screenshot and an A4 PDF are taken; pdftoppm counts the pages.
# Skips (exit 77) only when chromium is absent.
. "$(dirname "$0")/lib.sh"
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
    echo "SKIP: chromium is not installed (make deps installs it)"
    exit 77
fi
py=/usr/bin/python3
[ -x "$py" ] || py=python3
check=$root/tests/io/check_report.py
example=$root/scenarios/east-midlands

# headless chromium with no network: every host resolves to nothing, no proxy, no extensions
browse() {
    HOME=$tmp timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
        --host-resolver-rules="MAP * ~NOTFOUND" --proxy-server="127.0.0.1:9" \
        --disable-extensions --no-first-run --user-data-dir="$tmp/chrome" "$@" 2>/dev/null
}

# no_fetch FILE: nothing in the file would fetch from the network
no_fetch() {
    ! grep -Eiq '(src|href|action|poster|data)[[:space:]]*=[[:space:]]*["'"'"']?[[:space:]]*(https?:)?//|url\([[:space:]]*["'"'"']?(https?:)?//|@import' "$1"
}

"$mapa" plan "$example" -o "$tmp/p" >"$tmp/plan.txt"; rc=$?
[ $rc = 0 ] && ok || bad "plan exit $rc"
[ -s "$tmp/p/report.html" ] && ok || bad "plan wrote report.html"
grep -q "^Report: $tmp/p/report.html" "$tmp/plan.txt" && ok || bad "plan says where the report is"
no_fetch "$tmp/p/report.html" && ok || bad "report.html fetches from the network"
! grep -Eq 'https?://' "$tmp/p/report.html" && ok || bad "the example's report names no URL at all"
[ "$(grep -c '<script' "$tmp/p/report.html")" = 1 ] && ok || bad "one script element in the source"
grep -q '<svg' "$tmp/p/report.html" && ok || bad "diagrams inline as SVG"
[ "$(grep -o '<figure id="diagram-' "$tmp/p/report.html" | wc -l)" -ge 6 ] && ok || bad "every diagram in the report"
! ls "$tmp/p"/*.tmp.* >/dev/null 2>&1 && ok || bad "no temporary left"

browse --dump-dom "file://$tmp/p/report.html" >"$tmp/dom.html"
[ -s "$tmp/dom.html" ] && ok || bad "chromium built the page"
"$py" "$check" "$tmp/dom.html" "$tmp/p" && ok || bad "the page against the plan"

# the page as a person sees it, and printed on A4
browse --window-size=1280,4000 --screenshot="$tmp/shot.png" "file://$tmp/p/report.html" >/dev/null
head -c 8 "$tmp/shot.png" 2>/dev/null | grep -q PNG && ok || bad "a screenshot"
browse --no-pdf-header-footer --print-to-pdf="$tmp/report.pdf" "file://$tmp/p/report.html" >/dev/null
pages=$(pdfinfo "$tmp/report.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
# one page per team at least (page breaks), and not a page per row: 8 teams
[ "${pages:-0}" -ge 10 ] && [ "${pages:-0}" -le 40 ] && ok || bad "PDF has $pages pages, expected 10 to 40"
pdfinfo "$tmp/report.pdf" 2>/dev/null | grep -q "Page size:.*(A4)" && ok || bad "the PDF is A4"
pdftoppm -r 20 -png "$tmp/report.pdf" "$tmp/page" && ok || bad "pdftoppm renders the PDF"
[ "$(ls "$tmp"/page-*.png | wc -l)" = "$pages" ] && ok || bad "pdftoppm rendered $pages pages"

# mapa report on the saved plan: the same page (diagrams from PLAN/diagrams)
"$mapa" report "$example" --plan "$tmp/p" -o "$tmp/r" -q; rc=$?
[ $rc = 0 ] && ok || bad "report exit $rc"
browse --dump-dom "file://$tmp/r/report.html" >"$tmp/dom2.html"
"$py" "$check" "$tmp/dom2.html" "$tmp/p" --saved && ok || bad "mapa report's page against the plan"
grep -q '<figure id="diagram-team_graph"' "$tmp/r/report.html" && ok || bad "mapa report embeds PLAN/diagrams"
"$mapa" report "$example" --plan "$tmp/none" -q 2>/dev/null; [ $? = 66 ] && ok || bad "report: missing plan is 66"
"$mapa" report "$example" 2>/dev/null; [ $? = 64 ] && ok || bad "report without --plan is 64"

# hostile names: escaped, shown as written, no script from the data
"$mapa" plan "$root/tests/data/hostile/names" -o "$tmp/h" -q; rc=$?
[ $rc = 0 ] && ok || bad "hostile plan exit $rc"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/h/report.html" && ok || bad "hostile name escaped in the source"
[ "$(grep -c '<script' "$tmp/h/report.html")" = 1 ] && ok || bad "no script element from the data"
no_fetch "$tmp/h/report.html" && ok || bad "hostile report fetches from the network"
browse --dump-dom "file://$tmp/h/report.html" >"$tmp/domh.html"
"$py" "$check" "$tmp/domh.html" "$tmp/h" --hostile && ok || bad "the hostile page against its plan"
for f in "$tmp/h"/briefings/*.html; do
    [ "$(grep -c '<script' "$f")" = 0 ] || bad "a script in briefing $f"
done
ok
finish
