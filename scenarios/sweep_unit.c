/*
 * One unit of a sweep: a grid point's replicate. Its partnership is
 * generated once and planned under every pair of policies, so the policies
 * are compared on the same partnerships. Replicate r of every grid point
 * uses seed (base seed + r): common random numbers across the grid.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/plan.h>
#include <mapa/sweep.h>

#include "models/util.h"

size_t mapa_sweep_scenarios(const mapa_sweep *s)
{
    size_t n = 1;
    for (size_t k = 0; k < s->n_params; k++) {
        if (s->n_values[k] && n > SIZE_MAX / s->n_values[k])
            return SIZE_MAX;
        n *= s->n_values[k];
    }
    return n;
}

size_t mapa_sweep_runs_per_unit(const mapa_sweep *s)
{
    return s->n_alloc * s->n_cf;
}

size_t mapa_sweep_units(const mapa_sweep *s)
{
    size_t n = mapa_sweep_scenarios(s);
    return n > SIZE_MAX / (s->replicates + 1) ? SIZE_MAX : n * s->replicates;
}

size_t mapa_sweep_runs(const mapa_sweep *s)
{
    size_t n = mapa_sweep_units(s), r = mapa_sweep_runs_per_unit(s);
    return n > SIZE_MAX / (r + 1) ? SIZE_MAX : n * r;
}

/* The grid values of grid point `point`: the last parameter varies fastest. */
static void grid_values(const mapa_sweep *s, size_t point, double *out)
{
    for (size_t k = s->n_params; k-- > 0;) {
        out[k] = s->values[k][point % s->n_values[k]];
        point /= s->n_values[k];
    }
}

mapa_generator mapa_sweep_generator(const mapa_sweep *s, size_t unit)
{
    mapa_generator g = s->base;
    double v[MAPA_RUN_PARAMS];
    grid_values(s, unit / s->replicates, v);
    for (size_t k = 0; k < s->n_params; k++)
        mapa_generator_set(&g, s->param[k], v[k]); /* checked when the file was read */
    g.seed = (unsigned long)(s->seed + unit % s->replicates);
    return g;
}

static void row_ids(mapa_run_row *row, const mapa_sweep *s, size_t unit, size_t a, size_t c,
                    const mapa_generator *g)
{
    memset(row, 0, sizeof *row);
    row->run_id = (int64_t)(unit * mapa_sweep_runs_per_unit(s) + a * s->n_cf + c);
    row->scenario = (int64_t)(unit / s->replicates);
    row->replicate = (int32_t)(unit % s->replicates);
    row->seed = g->seed;
    for (size_t k = 0; k < MAPA_RUN_PARAMS; k++)
        row->param[k] = k < s->n_params ? mapa_generator_get(g, s->param[k]) : NAN;
    mapa_run_text(row->alloc_policy, s->alloc[a].name);
    mapa_run_text(row->cf_policy, s->cf[c].name);
}

/* Plan p under allocation policy a and every CF policy: rows[c], arrays[c]. The allocation
 * runs once through the pipeline; each Critical Friend policy then runs on it. */
/* Critical Friend policy c on the allocation al (none when al has no plan), measured. */
static mapa_err cf_policy(const mapa_sweep *s, size_t c, mapa_partnership *p,
                          const mapa_plan_result *al, const mapa_planted_pair *truth,
                          size_t n_truth, mapa_run_row *row, mapa_run_arrays *arrays)
{
    mapa_plan_result cf;
    mapa_plan_result_init(&cf);
    mapa_err err = MAPA_OK;
    if (al->planned) { /* baselines' plans too, rules broken or not */
        mapa_plan_options co;
        mapa_plan_options_init(&co);
        co.stages = MAPA_PLAN_CF;
        co.team = al->team;
        co.spoc = al->spoc;
        co.cf.policy = s->cf[c].policy;
        err = mapa_plan_run(&cf, p, &co);
        if (err != MAPA_OK)
            goto cleanup;
    }
    err = mapa_run_measure(row, arrays, p, &al->alloc, al->planned ? &cf.cf : NULL, truth, n_truth,
                           &s->run);
cleanup:
    mapa_plan_result_dispose(&cf);
    return err;
}

static mapa_err plan_policy(const mapa_sweep *s, size_t unit, size_t a, mapa_partnership *p,
                            const mapa_generator *g, const mapa_planted_pair *truth, size_t n_truth,
                            mapa_run_row *rows, mapa_run_arrays *arrays)
{
    p->settings.objective = s->alloc[a].objective;
    mapa_plan_options o;
    mapa_plan_options_init(&o);
    o.stages = MAPA_PLAN_ALLOCATE;
    o.alloc.policy = s->alloc[a].policy;
    mapa_plan_result al;
    mapa_plan_result_init(&al);
    double start = mapa__now();
    mapa_err err = mapa_plan_run(&al, p, &o);
    double alloc_seconds = mapa__now() - start;
    if (err != MAPA_OK)
        goto cleanup;
    for (size_t c = 0; c < s->n_cf; c++) {
        double t0 = mapa__now();
        row_ids(&rows[c], s, unit, a, c, g);
        err = cf_policy(s, c, p, &al, truth, n_truth, &rows[c], &arrays[c]);
        rows[c].seconds = alloc_seconds + (mapa__now() - t0);
        if (err != MAPA_OK)
            goto cleanup;
    }
cleanup:
    mapa_plan_result_dispose(&al);
    return err;
}

mapa_err mapa_sweep_unit(const mapa_sweep *s, size_t unit, mapa_run_row **rows_out,
                         mapa_run_arrays **arrays_out)
{
    size_t R = mapa_sweep_runs_per_unit(s);
    mapa_run_row *rows = calloc(R, sizeof *rows);
    mapa_run_arrays *arrays = calloc(R, sizeof *arrays);
    *rows_out = NULL;
    *arrays_out = NULL;
    mapa_partnership *p = NULL;
    mapa_planted_pair *truth = NULL;
    size_t n_truth = 0;
    mapa_err err = MAPA_OK;
    if (!rows || !arrays) {
        err = mapa_error_set(MAPA_ENOMEM, "out of memory for a sweep run");
        goto cleanup;
    }
    mapa_generator g = mapa_sweep_generator(s, unit);
    err = mapa_generate_partnership(&p, &g, &truth, &n_truth);
    if (err != MAPA_OK)
        goto cleanup;
    p->settings.time_limit = s->time_limit;
    p->settings.seed = g.seed;
    for (size_t a = 0; a < s->n_alloc; a++) {
        err = plan_policy(s, unit, a, p, &g, truth, n_truth, rows + a * s->n_cf,
                          arrays + a * s->n_cf);
        if (err != MAPA_OK)
            goto cleanup;
    }
    *rows_out = rows; /* the caller owns them now */
    *arrays_out = arrays;
    rows = NULL;
    arrays = NULL;
cleanup:
    free(truth);
    mapa_partnership_free(p);
    for (size_t k = 0; arrays && k < R; k++)
        mapa_run_arrays_dispose(&arrays[k]);
    free(rows);
    free(arrays);
    return err;
}
