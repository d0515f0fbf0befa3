/* `mapa validate DIR`: report every problem in a partnership folder, then summarise it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/mapa.h>

#include "cli/cli.h"
#include "cli/options.h"

enum { OPT_MAX_PROBLEMS };

static const mapa_cli_opt opts[] = {
    {OPT_MAX_PROBLEMS, 0, "max-problems", "N", "print at most N problems (default 50; 0 prints all)",
     0},
    MAPA_CLI_OPT_END,
};

static const mapa_cli_spec spec = {
    "validate", "Usage: mapa validate [OPTIONS] DIR",
    "Check the partnership folder DIR (members.csv, topics.csv, and optionally\n"
    "agencies.csv and settings.json) and print every problem as\n"
    "file:line:column: error|warning: message, then a summary: members, agencies\n"
    "by sector, topics, co-ordinators, and for each topic how many members ranked\n"
    "it first and at all. With -q, problems only.\n",
    opts, "folder", NULL};

typedef struct options {
    const char *dir;
    bool quiet;
    size_t max_problems;
} options;

static int take(int id, const char *v, void *payload)
{
    options *o = payload;
    (void)id;
    char *end = NULL;
    if (v[0] < '0' || v[0] > '9' || (o->max_problems = strtoul(v, &end, 10), *end))
        return mapa_cli_usage_error("validate", "--max-problems needs a whole number");
    return MAPA_EXIT_OK;
}

static int parse(options *o, int argc, char **argv)
{
    *o = (options){NULL, false, 50};
    int rc = mapa_cli_parse(&spec, 0, argc, argv, take, o, &o->dir, &o->quiet);
    if (rc != MAPA_EXIT_OK)
        return rc;
    if (!o->dir)
        return mapa_cli_usage_error("validate", "missing DIR, the partnership folder");
    return MAPA_EXIT_OK;
}

static void print_sectors(const mapa_summary *s)
{
    bool first = true;
    for (int i = 1; i <= MAPA_SECTOR_COUNT; i++) {
        int sector = i % MAPA_SECTOR_COUNT; /* unknown last */
        if (!s->by_sector[sector])
            continue;
        printf("%s%s %zu", first ? " (" : ", ", mapa_sector_name((mapa_sector)sector),
               s->by_sector[sector]);
        first = false;
    }
    printf("%s\n", first ? "" : ")");
}

static void print_size(const mapa_topic *t)
{
    char buf[48];
    if (t->max_size == MAPA_UNLIMITED)
        snprintf(buf, sizeof buf, "%zu+", t->min_size);
    else
        snprintf(buf, sizeof buf, "%zu-%zu", t->min_size, t->max_size);
    printf("  %-9s", buf);
}

static void print_summary(const mapa_partnership *p, const mapa_summary *s, const char *dir)
{
    printf("Partnership: %s (%s)\n", p->settings.name ? p->settings.name : dir, dir);
    printf("Members:     %zu (%zu co-ordinator%s, %zu to allocate, %zu willing to be SPOC)\n",
           s->n_members, s->n_coordinators, s->n_coordinators == 1 ? "" : "s", s->n_allocatable,
           s->n_spoc_willing);
    printf("Agencies:    %zu", s->n_agencies);
    print_sectors(s);
    printf("Topics:      %zu, preferences ranked up to %zu\n", s->n_topics, p->max_prefs);
    if (s->n_without_prefs)
        printf("             %zu members ranked no topic\n", s->n_without_prefs);
    size_t width = 5;
    for (size_t t = 0; t < p->n_topics; t++)
        if (strlen(p->topics[t].id) > width)
            width = strlen(p->topics[t].id);
    printf("\n  %-*s  first  ranked  size       agencies  name\n", (int)width, "topic");
    for (size_t t = 0; t < p->n_topics; t++) {
        const mapa_topic *topic = &p->topics[t];
        printf("  %-*s  %5zu  %6zu", (int)width, topic->id, s->first[t], s->ranked[t]);
        print_size(topic);
        printf("  %8zu  %s\n", topic->min_agencies, topic->name);
    }
}

static int run(int argc, char **argv)
{
    options o;
    int rc = parse(&o, argc, argv);
    if (rc != MAPA_EXIT_OK)
        return rc < 0 ? MAPA_EXIT_OK : rc;
    mapa_diags diags = MAPA_DIAGS_INIT;
    mapa_partnership *p = NULL;
    mapa_err err = mapa_partnership_load(&p, &diags, o.dir);
    mapa_cli_print_problems(&diags, o.max_problems);
    if (err == MAPA_OK && !o.quiet) {
        mapa_summary s = MAPA_SUMMARY_INIT;
        err = mapa_summary_compute(&s, p);
        if (err == MAPA_OK)
            print_summary(p, &s, o.dir);
        mapa_summary_dispose(&s);
    }
    if (err == MAPA_OK) {
        if (!o.quiet)
            printf("\nNo errors, %zu warning%s.\n", diags.n_warnings,
                   diags.n_warnings == 1 ? "" : "s");
    } else if (err == MAPA_EFORMAT) {
        fprintf(stderr, "%zu error%s, %zu warning%s: fix the errors and run mapa validate again.\n",
                diags.n_errors, diags.n_errors == 1 ? "" : "s", diags.n_warnings,
                diags.n_warnings == 1 ? "" : "s");
    } else {
        fprintf(stderr, "mapa validate: %s\n", mapa_error_last());
    }
    if (diags.out_of_memory)
        fprintf(stderr, "mapa validate: some messages were lost (out of memory)\n");
    mapa_diags_dispose(&diags);
    mapa_partnership_free(p);
    return mapa_cli_exit_code(err);
}

const mapa_command mapa_cmd_validate = {"validate", "check a partnership folder and summarise it",
                                        &spec, 0, run};
