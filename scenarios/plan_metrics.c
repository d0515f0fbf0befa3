/*
 * The pipeline's metrics stage: figures of the planned network and, when
 * the partnership logs its contacts, of the observed network as a whole and
 * per time window (docs/metrics.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/date.h>
#include <mapa/metrics_output.h>
#include <mapa/output.h>
#include <mapa/plan.h>

#include "models/util.h"
#include "scenarios/plan_internal.h"

enum { MAX_WINDOW_DAYS = 3660 };

bool mapa_plan_window_valid(const char *w)
{
    if (strcmp(w, "month") == 0 || strcmp(w, "quarter") == 0)
        return true;
    if (w[0] < '1' || w[0] > '9')
        return false;
    char *end = NULL;
    long days = strtol(w, &end, 10);
    return strcmp(end, "d") == 0 && days >= 1 && days <= MAX_WINDOW_DAYS;
}

/* The window holding `day`: [*first, *last]. */
static void window_of(const char *w, int32_t day, int32_t origin, int32_t *first, int32_t *last)
{
    int y, mo, d;
    mapa_date_to_ymd(day, &y, &mo, &d);
    if (strcmp(w, "month") == 0 || strcmp(w, "quarter") == 0) {
        int span = w[0] == 'm' ? 1 : 3, start = (mo - 1) / span * span + 1;
        *first = mapa_date_from_ymd(y, start, 1);
        int ny = start + span > 12 ? y + 1 : y,
            nm = start + span > 12 ? start + span - 12 : start + span;
        *last = mapa_date_from_ymd(ny, nm, 1) - 1;
    } else {
        int32_t n = (int32_t)strtol(w, NULL, 10);
        *first = origin + (day - origin) / n * n;
        *last = *first + n - 1;
    }
}

/* One window's figures, written with its date as the files' prefix; its row for windows.csv. */
static mapa_err one_window(const mapa_partnership *p, const size_t *team, const char *dir,
                           mapa_window_row *row, mapa_metrics *m)
{
    mapa_network net = MAPA_NETWORK_INIT;
    mapa_err err = mapa_network_from_log(&net, p, team, row->first, row->last);
    if (err != MAPA_OK)
        return err;
    err = mapa_metrics_compute(m, &net, NULL);
    if (err != MAPA_OK)
        goto cleanup;
    char a[11], prefix[32];
    mapa_date_format(row->first, a);
    snprintf(prefix, sizeof prefix, "window-%s-", a);
    mapa_metrics_report r = {&net, m, "interactions.csv", p, NULL, NULL};
    err = mapa_write_metrics(dir, prefix, &r);
    for (size_t k = 0; k < p->n_interactions; k++)
        row->contacts +=
            p->interactions[k].day >= row->first && p->interactions[k].day <= row->last;
    row->m = m;
cleanup:
    mapa_network_dispose(&net);
    return err;
}

/* Room for window n: the rows and, beside them, the figures the rows point into. */
static mapa_err grow_windows(mapa_window_row **rows, mapa_metrics **figures, size_t *cap, size_t n)
{
    size_t old_cap = *cap;
    if (!mapa__grow((void **)rows, cap, n + 1, sizeof **rows))
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    if (*cap == old_cap)
        return MAPA_OK;
    mapa_metrics *more = realloc(*figures, *cap * sizeof *more);
    if (!more)
        return mapa_error_set(MAPA_ENOMEM, "out of memory");
    *figures = more;
    for (size_t k = 0; k < n; k++)
        (*rows)[k].m = &more[k];
    return MAPA_OK;
}

static mapa_err windows(mapa__plan_ctx *c, const char *dir)
{
    const mapa_partnership *p = c->p;
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (size_t k = 0; k < p->n_interactions; k++) {
        lo = p->interactions[k].day < lo ? p->interactions[k].day : lo;
        hi = p->interactions[k].day > hi ? p->interactions[k].day : hi;
    }
    size_t n = 0, cap = 0;
    mapa_window_row *rows = NULL;
    mapa_metrics *figures = NULL;
    mapa_err err = mapa_make_dir(dir);
    if (err != MAPA_OK)
        goto cleanup;
    for (int32_t day = lo; day <= hi;) {
        err = grow_windows(&rows, &figures, &cap, n);
        if (err != MAPA_OK)
            goto cleanup;
        memset(&figures[n], 0, sizeof figures[n]);
        rows[n] = (mapa_window_row){0, 0, 0, NULL};
        window_of(c->o->window, day, lo, &rows[n].first, &rows[n].last);
        err = one_window(p, c->r->team, dir, &rows[n], &figures[n]);
        day = rows[n].last + 1;
        n++; /* counted even when it failed: its figures are freed below */
        if (err != MAPA_OK)
            goto cleanup;
    }
    c->r->windows_csv = mapa__path_join(dir, "windows.csv");
    if (!c->r->windows_csv) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory");
        goto cleanup;
    }
    err = mapa_write_windows_csv(c->r->windows_csv, rows, n);
cleanup:
    c->r->windows = n;
    for (size_t k = 0; figures && k < n; k++)
        mapa_metrics_dispose(&figures[k]);
    free(figures);
    free(rows);
    return err;
}

static mapa_err observed(mapa__plan_ctx *c, const char *metrics_dir)
{
    mapa_plan_result *r = c->r;
    char *dir = NULL;
    mapa_err err = mapa_network_from_log(&r->observed_network, c->p, r->team, INT32_MIN, INT32_MAX);
    if (err != MAPA_OK)
        goto cleanup;
    err = mapa_metrics_compute(&r->observed, &r->observed_network, NULL);
    if (err != MAPA_OK)
        goto cleanup;
    r->have_observed = true;
    if (!metrics_dir)
        goto cleanup;
    dir = mapa__path_join(metrics_dir, "observed");
    if (!dir) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory");
        goto cleanup;
    }
    mapa_metrics_report rep = {
        &r->observed_network, &r->observed, "interactions.csv", c->p, NULL, NULL};
    err = mapa_write_metrics(dir, "", &rep);
    if (err != MAPA_OK)
        goto cleanup;
    if (c->o->window)
        err = windows(c, dir);
cleanup:
    free(dir);
    return err;
}

mapa_err mapa__plan_metrics(mapa__plan_ctx *c)
{
    mapa_plan_result *r = c->r;
    char *dir = NULL;
    mapa_err err = mapa_network_from_plan(&r->network, c->p, r->team, r->spoc, c->cf);
    if (err != MAPA_OK)
        goto cleanup;
    err = mapa_metrics_compute(&r->metrics, &r->network, NULL);
    if (err != MAPA_OK)
        goto cleanup;
    err = mapa_team_metrics_compute(&r->team_metrics, c->p, r->team, c->cf);
    if (err != MAPA_OK)
        goto cleanup;
    if (c->o->out || c->o->metrics_out) {
        dir = c->o->metrics_out ? mapa__strdup(c->o->metrics_out) : mapa__plan_path(c, "metrics");
        if (!dir) {
            err = mapa_error_set(MAPA_ENOMEM, "out of memory");
            goto cleanup;
        }
        mapa_metrics_report rep = {&r->network, &r->metrics, "plan", c->p, &r->team_metrics, c->cf};
        err = mapa_write_metrics(dir, "", &rep);
        if (err != MAPA_OK)
            goto cleanup;
    }
    if (c->p->n_interactions > 0)
        err = observed(c, dir);
cleanup:
    free(dir);
    return err;
}
