/* `mapa generate --members N --topics T --agencies A --seed S -o DIR`: a synthetic partnership. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/generate.h>
#include <mapa/mapa.h>

#include "cli/cli.h"

static const char help_text[] =
    "Usage: mapa generate --members N --topics T --agencies A [OPTIONS] -o DIR\n\n"
    "Write a synthetic partnership folder that every other command reads: agencies by\n"
    "sector with Zipf sizes, topics with Zipf popularity, ranked preferences from a\n"
    "Plackett-Luce model, willingness and Critical Friend capacity; optionally action\n"
    "plans with planted duplicates (planted_duplicates.csv) and a log of contacts.\n"
    "The same options and seed give the same files (docs/generator.md).\n\n"
    "Options (defaults in brackets):\n"
    "  -o, --out DIR             folder to write (created when missing)\n"
    "      --members N           members, co-ordinators included\n"
    "      --topics T            topics (sub-teams)\n"
    "      --agencies A          agencies\n"
    "      --seed S              random seed [1]\n"
    "      --prefs K             topics each member ranks [3]\n"
    "      --dispersion D        0: everyone agrees; larger: more varied rankings [1]\n"
    "      --affinity X          pull of topics close to a member's sector [1]\n"
    "      --agency-skew S       Zipf exponent of agency sizes [1]\n"
    "      --popularity-skew S   Zipf exponent of topic popularity [0.8]\n"
    "      --capacity-slack X    team size limit = X x members / topics [1.5]\n"
    "      --min-agencies N      distinct agencies per team [2]\n"
    "      --cf-required N       Critical Friends per team [2]\n"
    "      --spoc-willing P      share willing to be a SPOC [0.4]\n"
    "      --coordinators N      members on the co-ordination team [2]\n"
    "      --actions N           actions in the teams' plans [0]\n"
    "      --duplicate-share P   share of actions that duplicate another team's [0.05]\n"
    "      --interactions N      logged contacts [0]\n"
    "  -q, --quiet               no report on stdout\n"
    "  -h, --help                show this help\n";

static int run(int argc, char **argv)
{
    mapa_generator g = MAPA_GENERATOR_INIT;
    const char *out = NULL;
    bool quiet = false, sized[3] = {false, false, false};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(help_text, stdout);
            return MAPA_EXIT_OK;
        }
        if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            quiet = true;
            continue;
        }
        if (strncmp(a, "--", 2) != 0 && strcmp(a, "-o") != 0)
            return mapa_cli_usage_error("generate", "unexpected '%s'", a);
        if (i + 1 >= argc || !argv[i + 1][0])
            return mapa_cli_usage_error("generate", "%s needs a value", a);
        const char *value = argv[++i];
        if (strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0) {
            out = value;
            continue;
        }
        char key[64];
        snprintf(key, sizeof key, "%s", a + 2);
        for (char *c = key; *c; c++)
            *c = *c == '-' ? '_' : *c;
        char *end = NULL;
        double v = strtod(value, &end);
        if (end == value || *end)
            return mapa_cli_usage_error("generate", "%s needs a number (got '%s')", a, value);
        if (mapa_generator_set(&g, key, v) != MAPA_OK)
            return mapa_cli_usage_error("generate", "%s", mapa_error_last());
        for (int k = 0; k < 3; k++)
            sized[k] |= strcmp(key, (const char *[]){"members", "topics", "agencies"}[k]) == 0;
    }
    if (!out || !sized[0] || !sized[1] || !sized[2])
        return mapa_cli_usage_error("generate", "give --members, --topics, --agencies and -o DIR");
    if (mapa_generator_check(&g) != MAPA_OK)
        return mapa_cli_usage_error("generate", "%s", mapa_error_last());
    mapa_partnership *p = NULL;
    mapa_planted_pair *truth = NULL;
    size_t n_truth = 0;
    mapa_err err = mapa_generate_partnership(&p, &g, &truth, &n_truth);
    if (err == MAPA_OK)
        err = mapa_partnership_write(p, out, truth, n_truth);
    if (err != MAPA_OK)
        fprintf(stderr, "mapa generate: %s\n", mapa_error_last());
    else if (!quiet)
        printf("Generated into %s/: %zu members (%zu on the co-ordination team), %zu topics, %zu "
               "agencies, %zu actions (%zu planted duplicate pairs), %zu contacts; seed %lu\n",
               out, p->n_members, g.coordinators, p->n_topics, p->n_agencies, p->n_actions, n_truth,
               p->n_interactions, g.seed);
    free(truth);
    mapa_partnership_free(p);
    return mapa_cli_exit_code(err);
}

const mapa_command mapa_cmd_generate = {"generate", "a synthetic partnership folder", help_text,
                                        run};
