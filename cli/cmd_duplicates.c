/* `mapa duplicates DIR [--plan PLAN] -o OUT`: duplicated actions across sub-teams. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/mapa.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/report.h"

enum {
    OPT_OUT,
    OPT_PLAN,
    OPT_EXACT,
    OPT_LSH,
    OPT_BLOCK,
    OPT_WITHIN,
    OPT_THRESHOLD,
    OPT_TOP_K,
    OPT_FLOOR,
    OPT_RATIO,
    OPT_NEAR_BEST,
    OPT_BREAK,
    OPT_NO_GLOSSARY,
    OPT_GLOSSARY,
    OPT_WAIT,
    OPT_EXCEL,
    OPT_CONTRAST,
    OPT_TEMPLATE_SHARE,
    OPT_KEEP_NAMES,
    OPT_SPREADS,
    OPT_FIXED_FLOOR
};

static const mapa_cli_opt opts[] = {
    {OPT_OUT, 'o', "out", "OUT", "folder for the results", 0},
    {OPT_PLAN, 0, "plan", "PLAN", "a saved plan, for spotted / blind spot", 0},
    {OPT_EXACT, 0, "exact", NULL, "score every pair (the reference; default up to 2,000 actions)",
     0},
    {OPT_LSH, 0, "lsh", NULL, "MinHash and LSH bands, then verification (default above)", 0},
    {OPT_BLOCK, 0, "block", "KEY",
     "score the pairs sharing a target group (target) or a tag (tags)", 0},
    {OPT_WITHIN, 0, "within-team", NULL, "also pairs inside one team", 0},
    {OPT_TOP_K, 0, "top-k", "K",
     "a pair is kept when each action is among the other's K best matches (default 3)", 0},
    {OPT_FLOOR, 0, "floor", "X",
     "and its combined score is at least X (0..1, default 0.30), or the plan's own scale when "
     "lower (below)",
     0},
    {OPT_SPREADS, 0, "floor-spreads", "K",
     "every pair scored, up to 500 actions: the floor is the plan's median pair score + K "
     "robust spreads, from 0.10 up to --floor (default 7)",
     0},
    {OPT_FIXED_FLOOR, 0, "fixed-floor", NULL, "the floor as --floor gives it, not the plan's scale",
     0},
    {OPT_RATIO, 0, "min-ratio", "R",
     "and at least R times each action's mean match score (default 2.25)", 0},
    {OPT_NEAR_BEST, 0, "near-best", "X",
     "and at least X times each action's best match score (0..1, default 0.95)", 0},
    {OPT_BREAK, 0, "break", "D",
     "leave out the pairs below a drop of D in the kept scores when most are above it "
     "(default 0.15; 1 or more: never)",
     0},
    {OPT_THRESHOLD, 0, "threshold", "X",
     "instead: every pair from combined score X (0..1), the rule before mapa 0.4", 0},
    {OPT_NO_GLOSSARY, 0, "no-glossary", NULL,
     "leave out the shipped glossary's equivalent terms and the everyday words", 0},
    {OPT_GLOSSARY, 0, "glossary", NULL, "print the shipped glossary (term, same as, reference)", 0},
    {OPT_WAIT, 0, "wait", NULL, "wait for another run writing OUT instead of refusing (exit 75)",
     0},
    {OPT_EXCEL, 0, "excel", NULL, "CSV files with a UTF-8 byte-order mark, for Excel", 0},
    {OPT_CONTRAST, 0, "contrast", "C",
     "experimental, off: weigh the unmatched rare words of both actions, score x (1 - C + C x "
     "contrast) (0..1)",
     0},
    {OPT_KEEP_NAMES, 0, "keep-different-names", NULL,
     "keep pairs where each action names a place or body (a capitalised name) the other does "
     "not (default: left out when every pair is scored)",
     0},
    {OPT_TEMPLATE_SHARE, 0, "template-share", "S",
     "with --contrast: words in this share of the actions weigh 0 (default 0.05)", 0},
    MAPA_CLI_OPT_END,
};

static const mapa_cli_spec spec = {
    "duplicates",
    "Usage: mapa duplicates [OPTIONS] DIR -o OUT",
    "Find actions in DIR/actions.csv that describe the same work in different\n"
    "sub-teams: text (TF-IDF cosine of stems and stem pairs), shared tags, the same\n"
    "target group and overlapping dates make a combined score (docs/duplicates.md).\n"
    "With --plan PLAN (a folder with teams.csv and critical_friends.csv) each pair\n"
    "says whether a Critical Friend link joins the two teams (spotted) or not (a\n"
    "blind spot). Writes OUT/duplicates.csv, OUT/duplicate_clusters.csv and the\n"
    "duplicates section of OUT/summary.json.\n"
    "\n"
    "A pair is kept when each action is among the other's best matches in other\n"
    "teams (mutual top 3), its score is at least the floor and, when every pair is\n"
    "scored (--exact, the default up to 2,000 actions), within 5 % of each action's\n"
    "best match and 2.25 times each action's mean match score. The floor is 0.30, or,\n"
    "up to 500 actions, lower in a plan whose pairs all score low (short texts,\n"
    "free-text target groups): the plan's median pair score plus 7 robust spreads,\n"
    "from 0.10 (summary.json: floor, median, spread). When the kept scores drop by\n"
    "0.15 or more with most pairs above the drop, the pairs below are left out\n"
    "(the natural break). rank_a, rank_b, ratio_a, ratio_b, z_a and z_b in\n"
    "duplicates.csv say how far it stands above each action's other matches.\n"
    "\n"
    "The partnership's own words, in DIR:\n"
    "  synonyms.csv        term,same_as rows that mean the same (flyer,leaflet;\n"
    "                      same_as may list several: chemist,pharmacist;pharmacy)\n"
    "  not_duplicates.csv  pairs that are not duplicates, never reported again:\n"
    "                      columns action_a,action_b (and an optional reason). To\n"
    "                      rule out a pair, copy its row from OUT/duplicates.csv\n"
    "                      (with the header line) into DIR/not_duplicates.csv.\n"
    "The shipped glossary (--glossary) makes acronyms and their expansions the same\n"
    "term (NRM = National Referral Mechanism), and the shipped everyday words make\n"
    "the same thing named differently one term (leaflet = flyer = handout);\n"
    "--no-glossary leaves both out.\n",
    opts,
    "folder",
    NULL};

typedef struct options {
    const char *dir, *plan, *out;
    double threshold; /* < 0: the settings' */
    bool threshold_given, print_glossary;
    mapa_dup_options dup;
    bool quiet, wait, excel;
} options;

static int take(int id, const char *v, void *payload)
{
    options *o = payload;
    char *end = NULL;
    switch (id) {
    case OPT_OUT: o->out = v; break;
    case OPT_PLAN: o->plan = v; break;
    case OPT_EXACT: o->dup.method = MAPA_DUP_EXACT; break;
    case OPT_LSH: o->dup.method = MAPA_DUP_LSH; break;
    case OPT_WITHIN: o->dup.within_team = true; break;
    case OPT_WAIT: o->wait = true; break;
    case OPT_EXCEL: o->excel = true; break;
    case OPT_BLOCK:
        if (strcmp(v, "target") == 0)
            o->dup.method = MAPA_DUP_TARGET;
        else if (strcmp(v, "tags") == 0)
            o->dup.method = MAPA_DUP_TAGS;
        else
            return mapa_cli_usage_error("duplicates", "--block is target or tags, not '%s'", v);
        break;
    case OPT_THRESHOLD:
        o->threshold = strtod(v, &end);
        if (*end || !(o->threshold >= 0 && o->threshold <= 1))
            return mapa_cli_usage_error("duplicates", "--threshold is a number from 0 to 1");
        o->dup.rule = MAPA_DUP_THRESHOLD;
        break;
    case OPT_FLOOR:
        o->dup.floor = strtod(v, &end);
        if (*end || !(o->dup.floor > 0 && o->dup.floor <= 1))
            return mapa_cli_usage_error("duplicates", "--floor is a number above 0, up to 1");
        break;
    case OPT_RATIO:
        o->dup.min_ratio = strtod(v, &end);
        if (*end || !(o->dup.min_ratio > 0 && o->dup.min_ratio <= 1000))
            return mapa_cli_usage_error("duplicates", "--min-ratio is a number above 0");
        break;
    case OPT_NEAR_BEST:
        o->dup.near_best = strtod(v, &end);
        if (*end || !(o->dup.near_best > 0 && o->dup.near_best <= 1))
            return mapa_cli_usage_error("duplicates", "--near-best is a number above 0, up to 1");
        break;
    case OPT_BREAK:
        o->dup.gap = strtod(v, &end);
        if (*end || !(o->dup.gap > 0))
            return mapa_cli_usage_error("duplicates", "--break is a number above 0");
        if (o->dup.gap >= 1)
            o->dup.gap = 2; /* never */
        break;
    case OPT_TOP_K: {
        long k = strtol(v, &end, 10);
        if (*end || k < 1 || k > 1000)
            return mapa_cli_usage_error("duplicates", "--top-k is a whole number from 1 to 1000");
        o->dup.top_k = (size_t)k;
        break;
    }
    case OPT_KEEP_NAMES: o->dup.keep_different_names = true; break;
    case OPT_FIXED_FLOOR: o->dup.fixed_floor = true; break;
    case OPT_SPREADS:
        o->dup.spreads = strtod(v, &end);
        if (*end || !(o->dup.spreads > 0 && o->dup.spreads <= 100))
            return mapa_cli_usage_error("duplicates",
                                        "--floor-spreads is a number above 0, up to 100");
        break;
    case OPT_CONTRAST:
        o->dup.contrast = strtod(v, &end);
        if (*end || !(o->dup.contrast >= 0 && o->dup.contrast <= 1))
            return mapa_cli_usage_error("duplicates", "--contrast is a number from 0 to 1");
        break;
    case OPT_TEMPLATE_SHARE:
        o->dup.template_share = strtod(v, &end);
        if (*end || !(o->dup.template_share > 0 && o->dup.template_share <= 1))
            return mapa_cli_usage_error("duplicates",
                                        "--template-share is a number above 0, up to 1");
        break;
    case OPT_NO_GLOSSARY: o->dup.no_glossary = true; break;
    case OPT_GLOSSARY: o->print_glossary = true; break;
    }
    return MAPA_EXIT_OK;
}

static int parse(options *o, int argc, char **argv)
{
    *o = (options){.threshold = -1, .dup = MAPA_DUP_OPTIONS_INIT};
    int rc = mapa_cli_parse(&spec, 0, argc, argv, take, o, &o->dir, &o->quiet);
    if (rc != MAPA_EXIT_OK)
        return rc;
    if (o->print_glossary)
        return MAPA_EXIT_OK;
    if (!o->dir)
        return mapa_cli_usage_error("duplicates", "missing DIR, the partnership folder");
    if (!o->out)
        return mapa_cli_usage_error("duplicates", "missing -o OUT, the folder for the results");
    return MAPA_EXIT_OK;
}

static int find(const options *o, mapa_partnership *p)
{
    mapa_saved_plan plan = MAPA_SAVED_PLAN_INIT;
    mapa_err err = o->plan ? mapa_cli_read_plan(&plan, o->plan, p, true) : MAPA_OK;
    mapa_plan_result r;
    mapa_plan_result_init(&r);
    /* into a plan's folder: the plan stays, only the earlier duplicates go */
    static const char *const drop[] = {"duplicates.csv", "duplicate_clusters.csv", NULL};
    mapa_out_dir_options oo = {.drop = drop, .owned = drop, .wait = o->wait};
    mapa_out_dir *d = NULL;
    int rc =
        err == MAPA_OK ? mapa_cli_out_open(&d, "duplicates", o->out, &oo) : mapa_cli_exit_code(err);
    if (rc != MAPA_EXIT_OK) {
        mapa_plan_result_dispose(&r);
        mapa_saved_plan_dispose(&plan);
        return rc;
    }
    if (err == MAPA_OK) {
        mapa_plan_options po;
        mapa_plan_options_saved(&po, MAPA_PLAN_DUPLICATES, &plan);
        po.out = mapa_out_dir_path(d);
        po.dup = o->dup;
        mapa_cli_interrupt_doing("looking for duplicated actions");
        err = mapa_plan_run(&r, p, &po);
    }
    if (err == MAPA_OK && !o->quiet && r.have_duplicates) {
        mapa_cli_report_duplicates(p, &r.duplicates, o->out);
        if (r.duplicates.cut > 0)
            printf("The kept scores drop by %.2f or more below %.2f, with most pairs above: the "
                   "pairs below were left out as near topics, not copies (--break 1 keeps them).\n",
                   o->dup.gap > 0 && o->dup.gap <= 1 ? o->dup.gap : MAPA_DUP_BREAK,
                   r.duplicates.cut);
        if (r.duplicates.names_differ)
            printf("%zu pair%s left out: each action names a place or body the other does not "
                   "(--keep-different-names keeps them).\n",
                   r.duplicates.names_differ, r.duplicates.names_differ == 1 ? "" : "s");
        if (r.duplicates.ruled_out)
            printf("%zu pair%s left out: not_duplicates.csv rules %s out.\n",
                   r.duplicates.ruled_out, r.duplicates.ruled_out == 1 ? "" : "s",
                   r.duplicates.ruled_out == 1 ? "it" : "them");
        if (r.duplicates.n_pairs)
            printf(
                "Not a duplicate? Copy its row from %s/duplicates.csv into %s/not_duplicates.csv "
                "(header: action_a,action_b,reason or duplicates.csv's own) and it is never "
                "reported again.\n",
                o->out, o->dir);
    }
    if (err == MAPA_OK && r.have_duplicates && r.duplicates.warning)
        fprintf(stderr, "mapa duplicates: warning: %s.\n", r.duplicates.warning);
    if (err != MAPA_OK && err != MAPA_EFORMAT)
        fprintf(stderr, "mapa duplicates: %s\n", mapa_error_last());
    mapa_plan_result_dispose(&r);
    mapa_saved_plan_dispose(&plan);
    return mapa_cli_out_close(d, "duplicates", mapa_cli_exit_code(err));
}

static void print_glossary(void)
{
    size_t n;
    const mapa_dup_term *g = mapa_dup_glossary(&n);
    printf("term,same_as,meaning,reference\n");
    for (size_t k = 0; k < n; k++)
        printf("\"%s\",\"%s\",\"%s\",\"%s\"\n", g[k].term, g[k].same_as, g[k].meaning,
               g[k].reference);
}

static int run(int argc, char **argv)
{
    options o;
    int rc = parse(&o, argc, argv);
    if (rc != MAPA_EXIT_OK)
        return rc < 0 ? MAPA_EXIT_OK : rc;
    if (o.print_glossary) {
        print_glossary();
        return MAPA_EXIT_OK;
    }
    mapa_partnership *p = NULL;
    mapa_dup_lexicon lex = MAPA_DUP_LEXICON_INIT;
    rc = mapa_cli_load(&p, "duplicates", o.dir);
    if (rc == MAPA_EXIT_OK)
        rc = mapa_cli_read_lexicon(&lex, "duplicates", o.dir, p);
    if (rc == MAPA_EXIT_OK) {
        mapa_csv_excel(o.excel || p->settings.excel);
        o.dup.lexicon = &lex;
        if (o.threshold >= 0)
            p->settings.dup_threshold = o.threshold;
        if (p->n_actions == 0)
            fprintf(stderr,
                    "mapa duplicates: %s has no actions.csv (or no actions in it): nothing "
                    "to compare\n",
                    o.dir);
        rc = find(&o, p);
    }
    mapa_dup_lexicon_dispose(&lex);
    mapa_partnership_free(p);
    return rc;
}

const mapa_command mapa_cmd_duplicates = {
    "duplicates", "duplicated actions across sub-teams, and the blind spots", &spec, 0, run};
