/* report.html: the whole plan in one self-contained page, in plain English (docs/report.md). */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/text.h>

#include "io/atomic_file.h"
#include "io/report_common.h"
#include "models/util.h"

/* Above this many members, the team sections start folded. */
enum { REPORT_OPEN_MEMBERS = 300, BROKERS_SHOWN = 5 };

typedef struct html {
    FILE *fp;
    const mapa__report_facts *f;
    const mapa_report_input *in;
    const mapa_partnership *p;
} html;

static void put(const html *h, const char *s)
{
    fputs(s, h->fp);
}

static void text(const html *h, const char *s)
{
    mapa__html_put(h->fp, s);
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
say(const html *h, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(h->fp, fmt, ap);
    va_end(ap);
}

static void tag_text(const html *h, const char *tag, const char *s)
{
    say(h, "<%s>", tag);
    text(h, s);
    say(h, "</%s>", tag);
}

static const char *member_name(const html *h, size_t m)
{
    return h->p->members[m].name;
}

static const char *agency_name(const html *h, size_t m)
{
    return h->p->agencies[h->p->members[m].agency].name;
}

static const char *topic_name(const html *h, size_t t)
{
    return t == MAPA_NONE ? "" : h->p->topics[t].name;
}

static size_t n_cf(const html *h)
{
    return h->in->cf ? h->in->cf->n_pairs : 0;
}

static const char css[] =
    "body{font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
    "margin:0 auto;max-width:1100px;padding:0 1.2em 3em;color:#1b1b1b}"
    "h1{font-size:1.9em;margin:.8em 0 .2em}h2{border-bottom:2px solid #0072b2;padding-bottom:.2em;"
    "margin-top:1.6em}h3{margin:.2em 0}"
    "nav ol{columns:2;background:#f3f6f9;padding:.8em 2em;border-radius:6px}"
    ".lead{font-size:1.15em}.figures{display:flex;flex-wrap:wrap;gap:.8em;padding:0;"
    "list-style:none}.figures li{background:#f3f6f9;border-radius:6px;padding:.5em .9em}"
    ".figures b{display:block;font-size:1.6em;color:#0072b2}"
    "table{border-collapse:collapse;width:100%;margin:.5em 0 1em;font-size:.95em}"
    "th,td{border-bottom:1px solid #d5dbe1;padding:.3em .5em;text-align:left;vertical-align:top}"
    "th{background:#e8eef4}table.sortable th{cursor:pointer}table.sortable th::after{"
    "content:' \\2195';color:#8a99a8}"
    "details{border:1px solid #d5dbe1;border-radius:6px;padding:.4em .9em;margin:.7em 0}"
    "summary{cursor:pointer;font-weight:600;font-size:1.1em}"
    ".spoc{background:#fff4d6}.tag{display:inline-block;background:#e8eef4;border-radius:4px;"
    "padding:0 .35em;margin:0 .2em .2em 0;font-size:.9em}"
    ".warn{border-left:4px solid #d55e00;padding-left:.8em}.ok{border-left:4px solid #009e73;"
    "padding-left:.8em}input.filter{font-size:1em;padding:.3em .5em;width:20em;margin:.3em 0}"
    "figure{margin:1em 0}figure svg{max-width:100%;height:auto}figcaption{color:#445;"
    "font-size:.95em}dt{font-weight:600;margin-top:.5em}"
    "@media print{@page{size:A4;margin:14mm}body{max-width:none;font-size:11pt}"
    "nav,input.filter{display:none}section.teams details{border:0}"
    "section.teams details~details{break-before:page}table{font-size:8.5pt}"
    "figure{break-inside:avoid}figure svg{max-height:240mm}tr{break-inside:avoid}"
    "summary{list-style:none}}";

static const char script[] =
    "document.querySelectorAll('input.filter').forEach(function(box){box.hidden=false;"
    "var t=document.getElementById(box.dataset.table);box.addEventListener('input',function(){"
    "var q=box.value.toLowerCase();Array.prototype.forEach.call(t.tBodies[0].rows,function(r){"
    "r.hidden=!!q&&r.textContent.toLowerCase().indexOf(q)<0;});});});\n"
    "document.querySelectorAll('table.sortable th').forEach(function(th){th.tabIndex=0;"
    "th.addEventListener('click',function(){var tb=th.closest('table').tBodies[0],k=th.cellIndex,"
    "d=th.dataset.dir==='up'?-1:1;th.dataset.dir=d>0?'up':'down';"
    "var rows=Array.prototype.slice.call(tb.rows);rows.sort(function(a,b){"
    "var x=a.cells[k].textContent,y=b.cells[k].textContent,nx=parseFloat(x),ny=parseFloat(y);"
    "return d*(isNaN(nx)||isNaN(ny)?x.localeCompare(y):nx-ny);});"
    "rows.forEach(function(r){tb.appendChild(r);});});});\n"
    "window.addEventListener('beforeprint',function(){"
    "document.querySelectorAll('details').forEach(function(e){e.open=true;});});\n";

static void head(const html *h)
{
    const char *title = h->p->settings.name ? h->p->settings.name : "Partnership plan";
    put(h, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">");
    tag_text(h, "title", title);
    say(h, "<style>%s</style></head>\n<body>\n", css);
    put(h, "<header><h1>");
    text(h, title);
    put(h, "</h1><p>The plan for the sub-teams, their Single Points of Contact (SPOCs) and "
           "Critical Friends. Words in <em>italics</em> are explained in the "
           "<a href=\"#glossary\">glossary</a> at the end.</p></header>\n");
}

static void contents(const html *h)
{
    put(h, "<nav><h2>Contents</h2><ol><li><a href=\"#glance\">The partnership at a glance</a>"
           "<li><a href=\"#quality\">How good the plan is</a>"
           "<li><a href=\"#teams\">The teams</a><li><a href=\"#members\">Every member</a>"
           "<li><a href=\"#cf\">Critical Friends</a>"
           "<li><a href=\"#risks\">Blind spots and single points of failure</a>"
           "<li><a href=\"#diagrams\">Diagrams</a><li><a href=\"#glossary\">Glossary</a>"
           "</ol></nav>\n");
}

/* Whether every team can hear from every other through the Critical Friends. */
static bool linked(const html *h, double *reach2)
{
    const mapa_team_metrics *tm = h->in->team_metrics;
    *reach2 = tm ? tm->graph.reach2 : h->in->cf->reach2;
    return tm ? tm->graph.strongly_connected : h->in->cf->strongly_connected;
}

static size_t sectors_present(const mapa_partnership *p)
{
    bool seen[MAPA_SECTOR_COUNT] = {false};
    size_t n = 0;
    for (size_t a = 0; a < p->n_agencies; a++)
        if (!seen[p->agencies[a].sector]) {
            seen[p->agencies[a].sector] = true;
            n++;
        }
    return n;
}

static size_t teams_without_spoc(const html *h)
{
    size_t n = 0;
    for (size_t t = 0; t < h->p->n_topics; t++)
        n += h->in->spoc[t] == MAPA_NONE;
    return n;
}

static void figure(const html *h, size_t value, const char *what)
{
    say(h, "<li><b>%zu</b>%s</li>", value, what);
}

static void glance(const html *h)
{
    const mapa_partnership *p = h->p;
    const mapa__report_facts *f = h->f;
    size_t coordinators = 0;
    for (size_t i = 0; i < p->n_members; i++)
        coordinators += p->members[i].coordinator;
    put(h, "<section id=\"glance\"><h2>The partnership at a glance</h2><ul class=\"figures\">");
    figure(h, f->allocated, "members in sub-teams");
    figure(h, p->n_topics, "sub-teams");
    figure(h, p->n_agencies, "agencies");
    figure(h, sectors_present(p), "sectors");
    figure(h, coordinators, "on the co-ordination team");
    figure(h, n_cf(h), "Critical Friend visits");
    put(h, "</ul>\n<p class=\"lead\">");
    char buf[2048];
    text(h, mapa__report_quality(buf, sizeof buf, f));
    put(h, "</p><p>");
    size_t missing = teams_without_spoc(h);
    if (missing == 0)
        put(h, "Every team has a <em>SPOC</em>. ");
    else
        say(h, "%zu team%s no <em>SPOC</em> yet. ", missing, missing == 1 ? " has" : "s have");
    const mapa_cf *cf = h->in->cf;
    if (cf) {
        double reach2;
        if (cf->places)
            say(h, "%zu of the %zu <em>Critical Friend</em> places are filled. ", cf->filled,
                cf->places);
        if (linked(h, &reach2))
            say(h,
                "Through the Critical Friends, what any team learns can reach every other "
                "team; %.0f%% of pairs of teams are linked directly or through one other team.",
                100 * reach2);
        else
            put(h, "<strong>Some teams cannot hear from others through the Critical "
                   "Friends</strong>: the arrangement does not link every team.");
    } else {
        put(h, "No Critical Friends have been chosen yet.");
    }
    put(h, "</p></section>\n");
}

static void quality(const html *h)
{
    const mapa__report_facts *f = h->f;
    const mapa_alloc *a = h->in->alloc;
    char ord[16];
    put(h, "<section id=\"quality\"><h2>How good the plan is</h2><table><thead><tr>"
           "<th>Members placed in</th><th>How many</th></tr></thead><tbody>");
    for (size_t r = 1; r <= f->max_rank; r++)
        say(h, "<tr><td>their %s choice</td><td>%zu</td></tr>", mapa__ordinal(ord, sizeof ord, r),
            f->rank_count[r]);
    say(h, "<tr><td>a team they did not rank</td><td>%zu</td></tr></tbody></table>",
        f->rank_count[0]);
    size_t min_agencies = SIZE_MAX;
    for (size_t t = 0; t < h->p->n_topics; t++) {
        size_t seen = 0;
        for (size_t k = f->team_first[t]; k < f->team_first[t + 1]; k++) {
            size_t ag = h->p->members[f->team_members[k]].agency, j = f->team_first[t];
            while (j < k && h->p->members[f->team_members[j]].agency != ag)
                j++;
            seen += j == k;
        }
        if (seen < min_agencies)
            min_agencies = seen;
    }
    if (h->p->n_topics)
        say(h, "<p>Every team mixes people from at least %zu agencies.", min_agencies);
    if (a && a->moves)
        say(h, " %zu member%s moved from the team they were in before.", a->moves,
            a->moves == 1 ? "" : "s");
    put(h, "</p>");
    if (a) {
        put(h, "<details><summary>Technical details</summary><p>");
        say(h,
            "Allocation: status %s, method %s, <em>objective</em> %s = %.6g, bound %.6g, "
            "gap %.2g%s.",
            mapa_status_name(a->status), a->method, mapa_objective_name(h->p->settings.objective),
            a->objective, a->bound, a->gap, a->certified ? ", optimality certified" : "");
        const mapa_cf *cf = h->in->cf;
        if (cf)
            say(h,
                " Critical Friends: status %s, method %s, objective %.6g, bound %.6g; team "
                "graph diameter %zu. Solve times are in summary.json.",
                mapa_status_name(cf->status), cf->method, cf->objective, cf->bound, cf->diameter);
        put(h, "</p></details>");
    }
    put(h, "</section>\n");
}

/* The names of the distinct agencies of team t, comma separated. */
static void team_agencies(const html *h, size_t t)
{
    const mapa__report_facts *f = h->f;
    size_t shown = 0;
    for (size_t k = f->team_first[t]; k < f->team_first[t + 1]; k++) {
        size_t ag = h->p->members[f->team_members[k]].agency, j = f->team_first[t];
        while (j < k && h->p->members[f->team_members[j]].agency != ag)
            j++;
        if (j < k)
            continue;
        put(h, shown++ ? ", " : "");
        text(h, h->p->agencies[ag].name);
    }
}

static void choice_cell(const html *h, size_t m)
{
    char ord[16];
    size_t r = mapa_member_rank(&h->p->members[m], h->in->team[m]);
    put(h, "<td>");
    put(h, r ? mapa__ordinal(ord, sizeof ord, r) : "not ranked");
    put(h, "</td>");
}

static void team_members(const html *h, size_t t)
{
    const mapa__report_facts *f = h->f;
    put(h, "<table><thead><tr><th>Member</th><th>Agency</th><th>Role</th><th>Choice</th>"
           "</tr></thead><tbody>");
    for (size_t k = f->team_first[t]; k < f->team_first[t + 1]; k++) {
        size_t m = f->team_members[k];
        put(h, h->in->spoc[t] == m ? "<tr class=\"spoc\">" : "<tr>");
        tag_text(h, "td", member_name(h, m));
        tag_text(h, "td", agency_name(h, m));
        put(h, "<td>");
        text(h, h->p->members[m].role);
        put(h, h->in->spoc[t] == m ? (*h->p->members[m].role ? "; SPOC" : "SPOC") : "");
        put(h, "</td>");
        choice_cell(h, m);
        put(h, "</tr>");
    }
    put(h, "</tbody></table>");
}

static void team_cfs(const html *h, size_t t)
{
    const mapa__report_facts *f = h->f;
    const mapa_cf *cf = h->in->cf;
    if (!cf)
        return;
    put(h, "<p><strong>Critical Friends visiting this team:</strong> ");
    if (f->cf_in_first[t] == f->cf_in_first[t + 1])
        put(h, "none.");
    for (size_t k = f->cf_in_first[t]; k < f->cf_in_first[t + 1]; k++) {
        const mapa_cf_pair *c = &cf->pairs[f->cf_in[k]];
        put(h, k > f->cf_in_first[t] ? "; " : "");
        say(h, "<span class=\"cf-in\">");
        text(h, member_name(h, c->member));
        put(h, "</span> (");
        text(h, agency_name(h, c->member));
        put(h, ", from ");
        text(h, topic_name(h, h->in->team[c->member]));
        say(h, "; %s)", mapa__stages_words(c->stages));
    }
    put(h, "</p><p><strong>Its members are Critical Friends of:</strong> ");
    size_t shown = 0;
    for (size_t k = f->team_first[t]; k < f->team_first[t + 1]; k++) {
        size_t m = f->team_members[k];
        for (size_t j = f->cf_first[m]; j < f->cf_first[m + 1]; j++) {
            const mapa_cf_pair *c = &cf->pairs[f->cf_order[j]];
            put(h, shown++ ? "; " : "");
            text(h, member_name(h, m));
            put(h, " of ");
            text(h, topic_name(h, c->team));
        }
    }
    put(h, shown ? ".</p>" : "none.</p>");
}

static void teams(const html *h)
{
    const mapa__report_facts *f = h->f;
    bool open = h->p->n_members <= REPORT_OPEN_MEMBERS;
    put(h, "<section id=\"teams\" class=\"teams\"><h2>The teams</h2>");
    for (size_t t = 0; t < h->p->n_topics; t++) {
        size_t s = h->in->spoc[t];
        say(h, "<details class=\"team\" id=\"team-%zu\"%s><summary>", t, open ? " open" : "");
        text(h, h->p->topics[t].name);
        say(h, " &middot; %zu members</summary>", f->team_first[t + 1] - f->team_first[t]);
        put(h, "<p><strong>SPOC:</strong> ");
        if (s == MAPA_NONE) {
            put(h, "none yet");
        } else {
            put(h, "<span class=\"spoc-name\">");
            text(h, member_name(h, s));
            put(h, "</span> (");
            text(h, agency_name(h, s));
            put(h, ")");
        }
        put(h, "</p><p><strong>Agencies:</strong> ");
        team_agencies(h, t);
        put(h, "</p>");
        team_members(h, t);
        team_cfs(h, t);
        put(h, "</details>\n");
    }
    put(h, "</section>\n");
}

static void cf_of_cell(const html *h, size_t m)
{
    const mapa__report_facts *f = h->f;
    put(h, "<td>");
    for (size_t j = f->cf_first[m]; j < f->cf_first[m + 1]; j++) {
        put(h, j > f->cf_first[m] ? "; " : "");
        text(h, topic_name(h, h->in->cf->pairs[f->cf_order[j]].team));
    }
    put(h, "</td>");
}

static void members(const html *h)
{
    char why[1024];
    put(h, "<section id=\"members\"><h2>Every member</h2><p>Each member's team and the reason "
           "for it. Click a column heading to sort.</p>"
           "<input class=\"filter\" type=\"search\" data-table=\"member-table\" "
           "placeholder=\"Search members, agencies, teams\" aria-label=\"Search members\" hidden>"
           "<table id=\"member-table\" class=\"sortable\"><thead><tr><th>Member</th><th>Agency"
           "</th><th>Team</th><th>Choice</th><th>Why this team</th><th>SPOC</th>"
           "<th>Critical Friend of</th></tr></thead><tbody>\n");
    for (size_t m = 0; m < h->p->n_members; m++) {
        size_t t = h->in->team[m];
        if (t == MAPA_NONE || h->p->members[m].coordinator)
            continue;
        put(h, "<tr class=\"member-row\">");
        tag_text(h, "td", member_name(h, m));
        tag_text(h, "td", agency_name(h, m));
        tag_text(h, "td", topic_name(h, t));
        choice_cell(h, m);
        tag_text(h, "td", mapa__report_reason(why, sizeof why, h->f, m));
        put(h, h->in->spoc[t] == m ? "<td>yes</td>" : "<td></td>");
        cf_of_cell(h, m);
        put(h, "</tr>\n");
    }
    put(h, "</tbody></table></section>\n");
}

/* Where the schedule's sessions go once the schedule stage exists: one line per session. */
static void sessions(const html *h, const mapa_report_schedule *schedule)
{
    put(h, "<h3 id=\"sessions\">When the Critical Friends visit</h3>");
    if (!schedule || schedule->n_sessions == 0) {
        put(h, "<p>The Decision-making and Evaluation sessions are not scheduled yet.</p>");
        return;
    }
    put(h, "<table><thead><tr><th>Team</th><th>Stage</th><th>When</th><th>Where</th></tr>"
           "</thead><tbody>");
    for (size_t k = 0; k < schedule->n_sessions; k++) {
        const mapa_report_session *s = &schedule->sessions[k];
        put(h, "<tr>");
        tag_text(h, "td", topic_name(h, s->team));
        tag_text(h, "td", mapa__stages_words(s->stage));
        tag_text(h, "td", s->when ? s->when : "");
        tag_text(h, "td", s->where ? s->where : "");
        put(h, "</tr>");
    }
    put(h, "</tbody></table>");
}

static void critical_friends(const html *h)
{
    const mapa_cf *cf = h->in->cf;
    const mapa__report_facts *f = h->f;
    put(h, "<section id=\"cf\"><h2>Critical Friends</h2>");
    if (!cf) {
        put(h, "<p>No Critical Friends have been chosen for this plan.</p></section>\n");
        return;
    }
    put(h, "<p>A <em>Critical Friend</em> is a member of another team who joins a team's "
           "Decision-making and Evaluation stages.</p>"
           "<input class=\"filter\" type=\"search\" data-table=\"cf-table\" "
           "placeholder=\"Search Critical Friends\" aria-label=\"Search Critical Friends\" hidden>"
           "<table id=\"cf-table\" class=\"sortable\"><thead><tr><th>Critical Friend</th>"
           "<th>Agency</th><th>Home team</th><th>Visits team</th><th>Stages</th><th>Why them"
           "</th></tr></thead><tbody>\n");
    char ord[16];
    for (size_t t = 0; t < h->p->n_topics; t++)
        for (size_t k = f->cf_in_first[t]; k < f->cf_in_first[t + 1]; k++) {
            const mapa_cf_pair *c = &cf->pairs[f->cf_in[k]];
            put(h, "<tr class=\"cf-row\">");
            tag_text(h, "td", member_name(h, c->member));
            tag_text(h, "td", agency_name(h, c->member));
            tag_text(h, "td", topic_name(h, h->in->team[c->member]));
            tag_text(h, "td", topic_name(h, c->team));
            tag_text(h, "td", mapa__stages_words(c->stages));
            put(h, "<td>");
            if (c->rank)
                say(h, "ranked this topic %s", mapa__ordinal(ord, sizeof ord, c->rank));
            if (c->novel)
                say(h, "%sbrings an agency new to the team", c->rank ? "; " : "");
            put(h, "</td></tr>\n");
        }
    put(h, "</tbody></table>");
    sessions(h, h->in->schedule);
    put(h, "</section>\n");
}

static void pair_teams(const html *h, const mapa_dup_pair *d)
{
    const mapa_action *a = &h->p->actions[d->a], *b = &h->p->actions[d->b];
    put(h, "<li>");
    text(h, topic_name(h, a->team));
    put(h, " plans &ldquo;");
    text(h, a->title);
    put(h, "&rdquo; and ");
    text(h, topic_name(h, b->team));
    put(h, " plans &ldquo;");
    text(h, b->title);
    say(h, "&rdquo; (%.0f%% alike", 100 * d->score);
    const mapa_duplicates *dup = h->in->duplicates;
    for (size_t k = 0; k < d->n_terms && dup->text; k++) {
        put(h, k ? ", " : "; both about ");
        text(h, mapa_text_stem(dup->text, d->terms[k]));
    }
    put(h, ")</li>");
}

static void blind_spots(const html *h)
{
    const mapa_duplicates *d = h->in->duplicates;
    put(h, "<h3>Duplicated actions</h3>");
    if (!d || d->n_pairs == 0) {
        put(h, h->p->n_actions ? "<p class=\"ok\">No two teams plan the same work.</p>"
                               : "<p>There are no action plans (actions.csv) to compare.</p>");
        return;
    }
    size_t across = 0;
    for (size_t k = 0; k < d->n_pairs; k++)
        across += h->p->actions[d->pairs[k].a].team != h->p->actions[d->pairs[k].b].team;
    if (d->have_plan && d->blind_spots) {
        say(h,
            "<div class=\"warn\"><p><strong>%zu <em>blind spot%s</em></strong>: two teams "
            "plan the same work and no Critical Friend goes between them, so no one is "
            "placed to notice.</p><ul>",
            d->blind_spots, d->blind_spots == 1 ? "" : "s");
        for (size_t k = 0; k < d->n_pairs; k++)
            if (!d->pairs[k].spotted &&
                h->p->actions[d->pairs[k].a].team != h->p->actions[d->pairs[k].b].team)
                pair_teams(h, &d->pairs[k]);
        put(h, "</ul></div>");
    } else if (d->have_plan) {
        put(h, "<p class=\"ok\">Every duplicated action is between teams a Critical Friend goes "
               "between.</p>");
    }
    say(h, "<details><summary>All %zu duplicated actions</summary><ul>", across);
    for (size_t k = 0; k < d->n_pairs; k++)
        if (h->p->actions[d->pairs[k].a].team != h->p->actions[d->pairs[k].b].team)
            pair_teams(h, &d->pairs[k]);
    put(h, "</ul></details>");
}

static void who(const html *h, size_t m)
{
    text(h, member_name(h, m));
    put(h, " (");
    text(h, agency_name(h, m));
    if (h->in->team[m] != MAPA_NONE) {
        put(h, ", ");
        text(h, topic_name(h, h->in->team[m]));
    }
    put(h, ")");
}

static void articulation(const html *h, const mapa_metrics *m, const char *what)
{
    if (!m || m->n != h->p->n_members)
        return;
    if (m->articulation_points == 0) {
        say(h, "<p class=\"ok\">In %s, no one member's absence would cut anyone off.</p>", what);
        return;
    }
    say(h,
        "<div class=\"warn\"><p>In %s, %zu member%s <em>single point%s of failure</em>: "
        "without them, some members would have no path to the others.</p><ul>",
        what, m->articulation_points, m->articulation_points == 1 ? " is a" : "s are",
        m->articulation_points == 1 ? "" : "s");
    for (size_t v = 0; v < m->n; v++)
        if (m->node[v].articulation) {
            put(h, "<li>");
            who(h, v);
            put(h, "</li>");
        }
    put(h, "</ul></div>");
}

static void brokers(const html *h)
{
    const mapa_metrics *m = h->in->metrics;
    if (!m || m->n != h->p->n_members || m->n == 0)
        return;
    size_t top[BROKERS_SHOWN], n = 0;
    for (; n < BROKERS_SHOWN; n++) { /* the n-th largest betweenness: O(BROKERS_SHOWN x members) */
        size_t best = MAPA_NONE;
        for (size_t v = 0; v < m->n; v++) {
            bool taken = false;
            for (size_t k = 0; k < n; k++)
                taken |= top[k] == v;
            if (!taken && m->node[v].betweenness > 0 &&
                (best == MAPA_NONE || m->node[v].betweenness > m->node[best].betweenness))
                best = v;
        }
        if (best == MAPA_NONE)
            break;
        top[n] = best;
    }
    if (!n)
        return;
    put(h, "<p>The strongest <em>brokers</em>, who sit on most of the shortest paths between "
           "others:</p><ol>");
    for (size_t k = 0; k < n; k++) {
        put(h, "<li>");
        who(h, top[k]);
        say(h, ": on %.0f%% of shortest paths</li>", 100 * m->node[top[k]].betweenness);
    }
    put(h, "</ol>");
}

static void critical_links(const html *h)
{
    const mapa_team_metrics *tm = h->in->team_metrics;
    const mapa_cf *cf = h->in->cf;
    double reach2;
    if (!tm || !cf || !linked(h, &reach2))
        return;
    if (tm->n_critical == 0) {
        put(h, "<p class=\"ok\">No single Critical Friend's absence would cut a team off from "
               "the others.</p>");
        return;
    }
    put(h, "<div class=\"warn\"><p>Without any one of these Critical Friends, some team "
           "could no longer hear from every other team:</p><ul>");
    for (size_t k = 0; k < tm->n_critical; k++) {
        const mapa_cf_pair *c = &cf->pairs[tm->critical[k]];
        put(h, "<li>");
        text(h, member_name(h, c->member));
        put(h, ", Critical Friend of ");
        text(h, topic_name(h, c->team));
        put(h, "</li>");
    }
    put(h, "</ul></div>");
}

static void risks(const html *h)
{
    put(h, "<section id=\"risks\"><h2>Blind spots and single points of failure</h2>");
    blind_spots(h);
    put(h, "<h3>Single points of failure</h3>");
    articulation(h, h->in->metrics, "the planned network");
    articulation(h, h->in->observed, "the contacts actually logged (interactions.csv)");
    critical_links(h);
    brokers(h);
    put(h, "</section>\n");
}

/* Graphviz's SVG inline: from <svg on, without comments or namespace URIs (HTML needs none). */
static void embed_svg(const html *h, const char *data)
{
    const char *s = strstr(data, "<svg");
    static const char *const drop[] = {" xmlns=\"http://www.w3.org/2000/svg\"",
                                       " xmlns:xlink=\"http://www.w3.org/1999/xlink\""};
    while (s && *s) {
        if (strncmp(s, "<!--", 4) == 0) {
            const char *e = strstr(s + 4, "-->");
            s = e ? e + 3 : s + strlen(s);
            continue;
        }
        bool dropped = false;
        for (size_t k = 0; k < sizeof drop / sizeof *drop && !dropped; k++)
            if (strncmp(s, drop[k], strlen(drop[k])) == 0) {
                s += strlen(drop[k]);
                dropped = true;
            }
        if (!dropped)
            fputc(*s++, h->fp);
    }
}

/* The whole file at `path` into *out (malloc'd), or *out NULL when it cannot be read. */
static mapa_err slurp(char **out, const char *path)
{
    *out = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return MAPA_OK; /* not drawn: the report says so */
    mapa_err err = MAPA_OK;
    long n = fseek(fp, 0, SEEK_END) == 0 ? ftell(fp) : -1;
    if (n >= 0 && fseek(fp, 0, SEEK_SET) == 0) {
        char *buf = malloc((size_t)n + 1);
        if (!buf)
            err = mapa_error_set(MAPA_ENOMEM, "out of memory while writing the report");
        else {
            buf[fread(buf, 1, (size_t)n, fp)] = '\0';
            *out = buf;
        }
    }
    fclose(fp);
    return err;
}

static const struct {
    const char *name, *caption;
} diagram_list[] = {
    {"structure", "The structure of the partnership: the co-ordination team, the sub-teams and "
                  "their SPOCs."},
    {"critical_friends", "Who comes in and who goes out: a panel per team, with the Critical "
                         "Friends it receives (left) and the members it sends (right)."},
    {"team_graph", "The team graph: an arrow from a team to each team its members are Critical "
                   "Friends of (label: how many)."},
    {"stages", "Each team's four stages, and the Critical Friends who join stages 1 and 3."},
    {"network", "The planned communication network, coloured by sector."},
    {"observed", "The contacts actually logged in interactions.csv."},
    {"duplicates", "Duplicated actions: teams that plan the same work, and whether a Critical "
                   "Friend goes between them."},
};

static mapa_err diagrams(const html *h)
{
    put(h, "<section id=\"diagrams\"><h2>Diagrams</h2>");
    size_t shown = 0;
    for (size_t k = 0; h->in->diagrams_dir && k < sizeof diagram_list / sizeof *diagram_list; k++) {
        char *path = mapa__format("%s/%s.svg", h->in->diagrams_dir, diagram_list[k].name);
        if (!path)
            return mapa_error_set(MAPA_ENOMEM, "out of memory while writing the report");
        char *svg;
        mapa_err err = slurp(&svg, path);
        free(path);
        if (err != MAPA_OK)
            return err;
        if (!svg)
            continue;
        say(h, "<figure id=\"diagram-%s\">", diagram_list[k].name);
        embed_svg(h, svg);
        free(svg);
        tag_text(h, "figcaption", diagram_list[k].caption);
        put(h, "</figure>\n");
        shown++;
    }
    if (!shown)
        put(h, "<p>No diagrams were drawn for this plan (mapa draw draws them).</p>");
    put(h, "</section>\n");
    return MAPA_OK;
}

static const char *const glossary_terms[][2] = {
    {"SPOC", "Single Point of Contact: the team member who tells the partnership and the other "
             "SPOCs when the team starts its Decision-making and Evaluation stages."},
    {"Critical Friend", "A member of another sub-team who joins a team's Decision-making and "
                        "Evaluation stages, brings what their own team knows, gives an outside "
                        "view and notices when two teams are duplicating work."},
    {"Co-ordination team", "The people who organise the multi-agency meetings and link the "
                           "sub-teams; they take no decisions and are not in a sub-team."},
    {"Choice", "The place a member gave a topic in their preferences: 1st is the topic they "
               "wanted most."},
    {"Blind spot", "Two teams planning the same work with no Critical Friend going between "
                   "them, so no one is placed to notice."},
    {"Single point of failure", "A member without whom some others would have no chain of "
                                "contacts to the rest of the partnership."},
    {"Broker", "A member who links people who are not otherwise linked; measured by the share "
               "of shortest paths between others that pass through them (betweenness)."},
    {"Team graph", "The teams, with an arrow from a team to each team one of its members is a "
                   "Critical Friend of. When every team can reach every other along the arrows, "
                   "the graph is called strongly connected."},
    {"Objective", "The score the plan maximises: points for each member's choice "
                  "(settings.json, objective), added over all members."},
};

static void glossary(const html *h)
{
    put(h, "<section id=\"glossary\"><h2>Glossary</h2><dl>");
    for (size_t k = 0; k < sizeof glossary_terms / sizeof *glossary_terms; k++) {
        tag_text(h, "dt", glossary_terms[k][0]);
        tag_text(h, "dd", glossary_terms[k][1]);
    }
    put(h, "</dl><p>Written by mapa.</p></section>\n");
}

mapa_err mapa_report_write_html(const char *path, const mapa_report_input *in)
{
    mapa__report_facts f;
    mapa_err err = mapa__report_facts_init(&f, in);
    if (err != MAPA_OK)
        return err;
    mapa__atomic_file file;
    err = mapa__atomic_open(&file, path);
    if (err != MAPA_OK)
        goto cleanup;
    html h = {file.fp, &f, in, in->p};
    head(&h);
    contents(&h);
    glance(&h);
    quality(&h);
    teams(&h);
    members(&h);
    critical_friends(&h);
    risks(&h);
    err = diagrams(&h);
    glossary(&h);
    say(&h, "<script>%s</script>\n</body></html>\n", script);
    if (err == MAPA_OK)
        err = mapa__atomic_commit(&file);
    else
        mapa__atomic_abort(&file);
cleanup:
    mapa__report_facts_dispose(&f);
    return err;
}
