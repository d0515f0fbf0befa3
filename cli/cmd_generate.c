/* `mapa generate --members N --topics T --agencies A --seed S -o DIR`: a synthetic partnership. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/generate.h>
#include <mapa/mapa.h>

#include "cli/cli.h"
#include "cli/options.h"

enum { OPT_OUT = -10 };

/* Each generator parameter is an option --NAME (NAME with '-' for '_'); its id is its index. */
static const mapa_cli_opt opts[] = {
    {OPT_OUT, 'o', "out", "DIR", "folder to write (created when missing)", 0},
    {1, 0, "members", "N", "members, co-ordinators included", 0},
    {2, 0, "topics", "T", "topics (sub-teams)", 0},
    {3, 0, "agencies", "A", "agencies", 0},
    {4, 0, "seed", "S", "random seed [1]", 0},
    {5, 0, "prefs", "K", "topics each member ranks [3]", 0},
    {6, 0, "dispersion", "D", "0: everyone agrees; larger: more varied rankings [1]", 0},
    {7, 0, "affinity", "X", "pull of topics close to a member's sector [1]", 0},
    {8, 0, "agency-skew", "S", "Zipf exponent of agency sizes [1]", 0},
    {9, 0, "popularity-skew", "S", "Zipf exponent of topic popularity [0.8]", 0},
    {10, 0, "capacity-slack", "X", "team size limit = X x members / topics [1.5]", 0},
    {11, 0, "min-agencies", "N", "distinct agencies per team [2]", 0},
    {12, 0, "cf-required", "N", "Critical Friends per team [2]", 0},
    {13, 0, "spoc-willing", "P", "share willing to be a SPOC [0.4]", 0},
    {14, 0, "coordinators", "N", "members on the co-ordination team [2]", 0},
    {15, 0, "actions", "N", "actions in the teams' plans [0]", 0},
    {16, 0, "duplicate-share", "P", "share of actions that duplicate another team's [0.05]",
     0},
    {17, 0, "interactions", "N", "logged contacts [0]", 0},
    MAPA_CLI_OPT_END,
};

static const mapa_cli_spec spec = {
    "generate", "Usage: mapa generate --members N --topics T --agencies A [OPTIONS] -o DIR",
    "Write a synthetic partnership folder that every other command reads: agencies by\n"
    "sector with Zipf sizes, topics with Zipf popularity, ranked preferences from a\n"
    "Plackett-Luce model, willingness and Critical Friend capacity; optionally action\n"
    "plans with planted duplicates (planted_duplicates.csv) and a log of contacts.\n"
    "The same options and seed give the same files (docs/generator.md).\n",
    opts, NULL, NULL};

typedef struct state {
    mapa_generator g;
    const char *out;
    bool sized[3];
} state;

static int take(int id, const char *value, void *payload)
{
    state *st = payload;
    if (id == OPT_OUT) {
        st->out = value;
        return MAPA_EXIT_OK;
    }
    const mapa_cli_opt *o = &opts[id];
    char key[64];
    snprintf(key, sizeof key, "%s", o->long_name);
    for (char *c = key; *c; c++)
        *c = *c == '-' ? '_' : *c;
    char *end = NULL;
    double v = strtod(value, &end);
    if (end == value || *end)
        return mapa_cli_usage_error("generate", "--%s needs a number (got '%s')", o->long_name,
                                    value);
    if (mapa_generator_set(&st->g, key, v) != MAPA_OK)
        return mapa_cli_usage_error("generate", "%s", mapa_error_last());
    for (int k = 0; k < 3; k++)
        st->sized[k] |= strcmp(key, (const char *[]){"members", "topics", "agencies"}[k]) == 0;
    return MAPA_EXIT_OK;
}

static int run(int argc, char **argv)
{
    state st = {MAPA_GENERATOR_INIT, NULL, {false, false, false}};
    bool quiet = false;
    const char *none = NULL;
    int rc = mapa_cli_parse(&spec, 0, argc, argv, take, &st, &none, &quiet);
    if (rc != MAPA_EXIT_OK)
        return rc < 0 ? MAPA_EXIT_OK : rc;
    mapa_generator g = st.g;
    const char *out = st.out;
    bool *sized = st.sized;
    if (!out || !sized[0] || !sized[1] || !sized[2])
        return mapa_cli_usage_error("generate", "give --members, --topics, --agencies and -o DIR");
    if (mapa_generator_check(&g) != MAPA_OK)
        return mapa_cli_usage_error("generate", "%s", mapa_error_last());
    mapa_partnership *p = NULL;
    mapa_planted_pair *truth = NULL;
    size_t n_truth = 0;
    static const char *const owned[] = {"members.csv",      "topics.csv",
                                        "agencies.csv",     "settings.json",
                                        "actions.csv",      "interactions.csv",
                                        "planted_duplicates.csv", NULL};
    mapa_out_dir_options oo = {.owned = owned};
    mapa_out_dir *d = NULL;
    mapa_err err = mapa_generate_partnership(&p, &g, &truth, &n_truth);
    if (err == MAPA_OK && (rc = mapa_cli_out_open(&d, "generate", out, &oo)) != MAPA_EXIT_OK) {
        free(truth);
        mapa_partnership_free(p);
        return rc;
    }
    if (err == MAPA_OK)
        err = mapa_partnership_write(p, mapa_out_dir_path(d), truth, n_truth);
    if (err != MAPA_OK)
        fprintf(stderr, "mapa generate: %s\n", mapa_error_last());
    else if (!quiet)
        printf("Generated into %s/: %zu members (%zu on the co-ordination team), %zu topics, %zu "
               "agencies, %zu actions (%zu planted duplicate pairs), %zu contacts; seed %lu\n",
               out, p->n_members, g.coordinators, p->n_topics, p->n_agencies, p->n_actions, n_truth,
               p->n_interactions, g.seed);
    free(truth);
    mapa_partnership_free(p);
    return mapa_cli_out_close(d, "generate", mapa_cli_exit_code(err));
}

const mapa_command mapa_cmd_generate = {"generate", "a synthetic partnership folder", &spec, 0,
                                        run};
