/*
 * Diagrams: each DOT file is read back with libcgraph and its nodes, clusters
 * and edges checked against a hand-made plan; each SVG is well-formed XML (tags
 * balanced) with the expected title; Graphviz's failures come back as errors.
 */
#define _DEFAULT_SOURCE
#include <graphviz/cgraph.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <mapa/mapa.h>

#include "io/diagram_common.h"
#include "test_util.h"

/* 3 teams of 3 members (member i in team i % 3), SPOC = member t, one CF per team. */
static mapa_partnership *plan(size_t **team, size_t **spoc, mapa_cf *cf, mapa_cf_pair *pairs)
{
    mapa_partnership *p = NULL;
    size_t idx;
    char id[32];
    assert_int_equal(mapa_partnership_new(&p), MAPA_OK);
    assert_int_equal(
        mapa_partnership_add_agency(p, &idx, "ag", "Agency & Co <Ltd>", MAPA_SECTOR_NGO, false),
        MAPA_OK);
    for (size_t t = 0; t < 3; t++) {
        snprintf(id, sizeof id, "t%zu", t);
        mapa_topic topic = {.id = id,
                            .name = id,
                            .max_size = MAPA_UNLIMITED,
                            .max_per_agency = MAPA_UNLIMITED,
                            .cf_required = 1};
        assert_int_equal(mapa_partnership_add_topic(p, &idx, &topic), MAPA_OK);
    }
    *team = malloc(10 * sizeof **team);
    *spoc = malloc(3 * sizeof **spoc);
    assert_true(*team && *spoc);
    for (size_t i = 0; i < 10; i++) {
        snprintf(id, sizeof id, "m%zu", i);
        mapa_member m = {.id = id,
                         .name = id,
                         .agency = 0,
                         .coordinator = i == 9,
                         .fixed_team = MAPA_NONE,
                         .previous_team = MAPA_NONE};
        assert_int_equal(mapa_partnership_add_member(p, &idx, &m), MAPA_OK);
        (*team)[i] = i == 9 ? MAPA_NONE : i % 3;
    }
    for (size_t t = 0; t < 3; t++)
        (*spoc)[t] = t;
    /* a cycle: a member of t0 reviews t1, of t1 reviews t2, of t2 reviews t0 */
    pairs[0] = (mapa_cf_pair){3, 1, MAPA_STAGE_DECISION | MAPA_STAGE_EVALUATION, 0, false};
    pairs[1] = (mapa_cf_pair){4, 2, MAPA_STAGE_DECISION | MAPA_STAGE_EVALUATION, 0, false};
    pairs[2] = (mapa_cf_pair){5, 0, MAPA_STAGE_DECISION | MAPA_STAGE_EVALUATION, 0, false};
    *cf = (mapa_cf)MAPA_CF_INIT;
    cf->pairs = pairs;
    cf->n_pairs = 3;
    return p;
}

static Agraph_t *read_dot(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.dot", dir, name);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    Agraph_t *g = agread(f, NULL);
    fclose(f);
    assert_non_null(g);
    return g;
}

static size_t clusters(Agraph_t *g)
{
    size_t n = 0;
    for (Agraph_t *s = agfstsubg(g); s; s = agnxtsubg(s))
        n += strncmp(agnameof(s), "cluster_t", 9) == 0;
    return n;
}

/* Nodes and edges of the drawing itself, the legend's left out. */
static size_t drawn_nodes(Agraph_t *g)
{
    size_t n = 0;
    for (Agnode_t *v = agfstnode(g); v; v = agnxtnode(g, v))
        n += strncmp(agnameof(v), "legend", 6) != 0;
    return n;
}

static size_t drawn_edges(Agraph_t *g)
{
    size_t n = 0;
    for (Agnode_t *v = agfstnode(g); v; v = agnxtnode(g, v))
        for (Agedge_t *e = agfstout(g, v); e; e = agnxtout(g, e))
            n += strncmp(agnameof(v), "legend", 6) != 0;
    return n;
}

static double attr_number(Agraph_t *g, const char *node, const char *name)
{
    Agnode_t *v = agnode(g, (char *)node, 0);
    assert_non_null(v);
    return atof(agget(v, (char *)name));
}

/* Well-formed enough: every <tag> closed in order, the XML declaration first. */
static void check_svg(const char *dir, const char *name, const char *title)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.svg", dir, name);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    assert_true(strncmp(text, "<?xml", 5) == 0);
    assert_non_null(strstr(text, title));
    char stack[64][32];
    size_t depth = 0;
    for (char *s = strchr(text, '<'); s; s = strchr(s + 1, '<')) {
        if (s[1] == '?' || s[1] == '!')
            continue;
        char *end = strchr(s, '>');
        assert_non_null(end);
        bool closing = s[1] == '/', empty = end[-1] == '/';
        char tag[32];
        size_t k = 0;
        for (char *q = s + 1 + closing; k < 31 && *q && !strchr(" />\n\t", *q); q++)
            tag[k++] = *q;
        tag[k] = '\0';
        if (closing) {
            assert_true(depth > 0);
            assert_string_equal(stack[--depth], tag);
        } else if (!empty) {
            assert_true(depth < 64);
            strcpy(stack[depth++], tag);
        }
    }
    assert_int_equal(depth, 0);
}

static void plan_diagrams(void **state)
{
    (void)state;
    size_t *team, *spoc;
    mapa_cf cf;
    mapa_cf_pair pairs[3];
    mapa_partnership *p = plan(&team, &spoc, &cf, pairs);
    char dir[] = "/tmp/mapa-diagrams-XXXXXX";
    assert_non_null(mkdtemp(dir));
    mapa_diagram_input in = {p, team, spoc, &cf, MAPA_DIAGRAM_AUTO, NULL};
    size_t written = 0;
    assert_int_equal(mapa_draw_diagrams(dir, &in, MAPA_DIAGRAM_SVG, &written), MAPA_OK);
    assert_int_equal(written, 5); /* no actions: no duplicates map */

    Agraph_t *g = read_dot(dir, "structure");
    assert_int_equal(clusters(g), 3);              /* a cluster per team */
    assert_non_null(agnode(g, "coordination", 0)); /* co-ordination team, meeting, 3 SPOCs */
    assert_non_null(agnode(g, "meeting", 0));
    assert_int_equal(drawn_edges(g), 1 + 3 + 3); /* coord->meeting, meeting<->SPOC, coord->SPOC */
    assert_true(drawn_nodes(g) == 2 + 3 && (size_t)agnnodes(g) > drawn_nodes(g)); /* and a legend */
    agclose(g);

    g = read_dot(dir, "critical_friends");
    assert_int_equal(clusters(g), 3); /* a panel per team */
    assert_int_equal(drawn_edges(g), 2 * 3); /* each CF comes into one panel, goes out of another */
    /* pair 0: m3 (of t0) reviews t1: in t1's panel it comes in, in t0's it goes out */
    Agnode_t *from = agnode(g, "in0", 0), *to = agnode(g, "team1", 0);
    assert_true(from && to && agedge(g, from, to, NULL, 0));
    assert_non_null(strstr(agget(from, "label"), "m3"));
    assert_non_null(strstr(agget(from, "label"), "from t0"));
    Agnode_t *home = agnode(g, "team0", 0), *out = agnode(g, "out0", 0);
    assert_true(home && out && agedge(g, home, out, NULL, 0));
    assert_non_null(strstr(agget(out, "label"), "to t1"));
    assert_string_equal(agget(to, "shape"), "doubleoctagon");
    assert_non_null(strstr(agget(to, "label"), "SPOC\nm1")); /* m1 is t1's SPOC */
    agclose(g);

    g = read_dot(dir, "team_graph");
    assert_int_equal(drawn_nodes(g), 3);
    assert_int_equal(drawn_edges(g), 3);
    assert_non_null(strstr(agget(agnode(g, "t0", 0), "label"), "reaches 2 of 2 teams"));
    agclose(g);

    g = read_dot(dir, "stages");
    assert_int_equal(clusters(g), 3);
    /* per team 4 stages in a chain (3) and dissemination to the meeting (1); each CF note
       joins Decision-making and Evaluation (2) */
    assert_int_equal(drawn_edges(g), 3 * 4 + 3 * 2);
    Agnode_t *note = agnode(g, "cf_m3_t1", 0);
    assert_true(note && agedge(g, note, agnode(g, "t1_s0", 0), NULL, 0) &&
                agedge(g, note, agnode(g, "t1_s2", 0), NULL, 0));
    agclose(g);

    /* the member network: 10 members; ties: 3 per team (9), each CF with the 3 members of
       the team it reviews (9), SPOC-SPOC (3), the co-ordinator with each SPOC (3) */
    g = read_dot(dir, "network");
    assert_int_equal(drawn_nodes(g), 10);
    assert_int_equal(drawn_edges(g), 9 + 9 + 3 + 3);
    assert_string_equal(agget(agnode(g, "n0", 0), "shape"), "doublecircle"); /* m0: t0's SPOC */
    assert_string_equal(agget(agnode(g, "n6", 0), "shape"), "circle");
    assert_string_equal(agget(agnode(g, "n0", 0), "xlabel"), "m0");
    /* sized by betweenness: the SPOC m0 brokers, m6 (team ties and one CF) less so */
    assert_true(attr_number(g, "n0", "width") > attr_number(g, "n6", "width"));
    agclose(g);

    check_svg(dir, "network", "Communication network of the plan: 10 members, 24 ties");
    check_svg(dir, "structure", "structure");
    check_svg(dir, "stages", "Stages of each sub&#45;team"); /* SVG escapes the hyphen */
    check_svg(dir, "critical_friends", "Critical Friend arrangement");
    check_svg(dir, "team_graph", "Team graph");
    /* aggregated to teams: 3 nodes, each pair tied (CFs and SPOCs cross every pair) */
    in.level = MAPA_DIAGRAM_TEAMS;
    assert_int_equal(mapa_draw_diagrams(dir, &in, 0, &written), MAPA_OK);
    g = read_dot(dir, "network");
    assert_int_equal(drawn_nodes(g), 3);
    assert_int_equal(drawn_edges(g), 3);
    assert_non_null(strstr(agget(agnode(g, "n0", 0), "xlabel"), "3 members, SPOC"));
    agclose(g);
    in.level = MAPA_DIAGRAM_AGENCIES; /* one agency: one node, no ties */
    assert_int_equal(mapa_draw_diagrams(dir, &in, 0, &written), MAPA_OK);
    g = read_dot(dir, "network");
    assert_int_equal(drawn_nodes(g), 1);
    assert_int_equal(drawn_edges(g), 0);
    assert_non_null(strstr(agget(agnode(g, "n0", 0), "xlabel"), "Agency & Co <Ltd>\n10 members"));
    agclose(g);
    /* without Critical Friends the structure and the network are drawn */
    in.cf = NULL;
    assert_int_equal(mapa_draw_diagrams(dir, &in, 0, &written), MAPA_OK);
    assert_int_equal(written, 2);
    /* an unwritable folder is an error, not a crash */
    assert_int_not_equal(mapa_draw_diagrams("/proc/mapa-no-such-dir", &in, 0, &written), MAPA_OK);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(team);
    free(spoc);
    mapa_partnership_free(p);
}

/* Graphviz fails to lay out (an unknown engine): an error with Graphviz's reason, nothing
   printed on stderr, no file left. */
static void graphviz_failure_reported(void **state)
{
    (void)state;
    char dir[] = "/tmp/mapa-diagrams-XXXXXX";
    assert_non_null(mkdtemp(dir));
    Agraph_t *g = mapa__diagram_new("broken", "Broken");
    assert_non_null(g);
    mapa__diagram_set(g, "layout", "no-such-engine");
    agnode(g, "a", 1);
    char log[] = "/tmp/mapa-stderr-XXXXXX";
    int fd = mkstemp(log), saved = dup(2);
    assert_true(fd >= 0 && saved >= 0);
    fflush(stderr);
    dup2(fd, 2);
    mapa_err err = mapa__diagram_write(g, dir, "broken", MAPA_DIAGRAM_SVG);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    assert_int_equal(err, MAPA_EDEPENDENCY);
    assert_non_null(strstr(mapa_error_last(), "could not lay out broken"));
    assert_non_null(strstr(mapa_error_last(), "no-such-engine"));
    assert_int_equal(lseek(fd, 0, SEEK_END), 0); /* Graphviz printed nothing itself */
    close(fd);
    unlink(log);
    char path[600];
    snprintf(path, sizeof path, "%s/broken.dot", dir);
    assert_int_not_equal(access(path, F_OK), 0);
    assert_int_equal(rmdir(dir), 0); /* empty: no partial file */
}

static char *copy(const char *s)
{
    char *c = malloc(strlen(s) + 1);
    assert_non_null(c);
    return strcpy(c, s);
}

/* Whether s is valid UTF-8 (no overlong forms, surrogates or code points past U+10FFFF). */
static bool valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = *p < 0x80                  ? 1
                   : *p >= 0xC2 && *p <= 0xDF ? 2
                   : *p >= 0xE0 && *p <= 0xEF ? 3
                   : *p >= 0xF0 && *p <= 0xF4 ? 4
                                              : 0;
        if (n == 0)
            return false;
        for (size_t k = 1; k < n; k++)
            if ((p[k] & 0xC0) != 0x80)
                return false;
        p += n;
    }
    return true;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Labels: Graphviz escapes drawn as written, cut between characters with an ellipsis. */
static void label_text_is_escaped_and_cut_on_characters(void **state)
{
    (void)state;
    char out[MAPA__LABEL_TEXT_CAP], in[4 * 200 + 1];
    assert_string_equal(mapa__diagram_text(out, "Ann \\N Archer \\G\\L\\E\\T\\H\\n\\l\\"),
                        "Ann \\\\N Archer \\\\G\\\\L\\\\E\\\\T\\\\H\\\\n\\\\l\\\\");
    assert_string_equal(mapa__diagram_text(out, "a\x1b[2Jb\x07\xC2\x9B\xff"),
                        "a\xEF\xBF\xBD[2Jb\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    static const char *const chars[] = {"a", "\xC3\xA9", "\xE2\x80\x8F", "\xF0\x9F\x98\x80", "\\"};
    for (size_t c = 0; c < 5; c++) {
        for (size_t len = MAPA__LABEL_CHARS - 1; len <= MAPA__LABEL_CHARS + 1; len++) {
            in[0] = '\0';
            for (size_t k = 0; k < len; k++)
                strcat(in, chars[c]);
            mapa__diagram_text(out, in);
            assert_true(valid_utf8(out));
            bool cut = len > MAPA__LABEL_CHARS;
            size_t shown = cut ? MAPA__LABEL_CHARS : len;
            assert_int_equal(utf8_chars(out), (c == 4 ? 2 * shown : shown) + cut);
            assert_true(cut == (strstr(out, "\xE2\x80\xA6") != NULL));
        }
    }
    size_t n = 0; /* mixed widths: the cut never splits a character */
    for (size_t k = 0; k < 200; k++) {
        memcpy(in + n, chars[k % 4], strlen(chars[k % 4]));
        n += strlen(chars[k % 4]);
    }
    in[n] = '\0';
    mapa__diagram_text(out, in);
    assert_true(valid_utf8(out));
    assert_int_equal(utf8_chars(out), MAPA__LABEL_CHARS + 1);
}

/* Names holding Graphviz escapes (\N is the node's name) are drawn as written. */
static void graphviz_escapes_in_names_are_drawn_as_written(void **state)
{
    (void)state;
    size_t *team, *spoc;
    mapa_cf cf;
    mapa_cf_pair pairs[3];
    mapa_partnership *p = plan(&team, &spoc, &cf, pairs);
    free(p->members[0].name);
    p->members[0].name = copy("Ann \\N Archer");
    free(p->topics[1].name);
    p->topics[1].name = copy("Team \\G \\T\\H \\E \\L");
    char dir[] = "/tmp/mapa-diagrams-XXXXXX";
    assert_non_null(mkdtemp(dir));
    mapa_diagram_input in = {p, team, spoc, &cf, MAPA_DIAGRAM_AUTO, NULL};
    size_t written = 0;
    assert_int_equal(mapa_draw_diagrams(dir, &in, MAPA_DIAGRAM_SVG, &written), MAPA_OK);
    static const char *const names[] = {"structure", "critical_friends", "team_graph", "stages",
                                        "network"};
    for (size_t k = 0; k < 5; k++) {
        char path[600];
        snprintf(path, sizeof path, "%s/%s.svg", dir, names[k]);
        char *svg = test_read(path, NULL);
        assert_non_null(svg);
        if (k == 0 || k == 1 || k == 4) /* where the SPOC m0 is drawn */
            assert_non_null(strstr(svg, "Ann \\N Archer"));
        if (k != 4) /* the member network shows no team */
            assert_non_null(strstr(svg, "Team \\G \\T\\H \\E \\L"));
        assert_null(strstr(svg, "Ann m0 Archer"));
        assert_null(strstr(svg, "Team structure"));
        free(svg);
    }
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(team);
    free(spoc);
    mapa_partnership_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plan_diagrams), cmocka_unit_test(graphviz_failure_reported),
        cmocka_unit_test(label_text_is_escaped_and_cut_on_characters),
        cmocka_unit_test(graphviz_escapes_in_names_are_drawn_as_written)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
