/*
 * Critical Friend baselines for research: random (teams in a seeded random
 * order each take random eligible CFs, keeping capacity and distinct homes)
 * and none. Seeded by settings.seed with GSL's MT19937.
 */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdlib.h>

#include "solver/cf_problem.h"

static bool reviews(const mapa_cf *out, size_t m, size_t t)
{
    for (size_t k = 0; k < out->n_pairs; k++)
        if (out->pairs[k].member == m && out->pairs[k].team == t)
            return true;
    return false;
}

static mapa_err fill_team(mapa_cf *out, const mapa__cf_problem *pr, size_t t, size_t s,
                          size_t *order, size_t *left, unsigned char *home_used)
{
    size_t need = pr->p->topics[t].cf_required;
    for (size_t k = 0; k < pr->n && need > 0; k++) {
        size_t i = order[k], h = mapa__cf_home(pr, i), m = pr->cand[i];
        if (h == t || left[i] == 0 || home_used[h] || reviews(out, m, t))
            continue;
        unsigned stage = pr->S == 1 ? (MAPA_STAGE_DECISION | MAPA_STAGE_EVALUATION)
                                    : (s == 0 ? MAPA_STAGE_DECISION : MAPA_STAGE_EVALUATION);
        if (!mapa__cf_push(out, pr, m, t, stage))
            return mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
        left[i]--;
        home_used[h] = 1;
        need--;
    }
    return MAPA_OK;
}

mapa_err mapa__cf_baseline(mapa_cf *out, const mapa__cf_problem *pr, bool random)
{
    out->method = random ? "random" : "none";
    out->status = MAPA_STATUS_FEASIBLE;
    if (!random)
        return MAPA_OK;
    size_t T = pr->T;
    size_t *order = malloc((pr->n + 1) * sizeof *order), *left = malloc((pr->n + 1) * sizeof *left);
    size_t *teams = malloc((T + 1) * sizeof *teams);
    unsigned char *home_used = malloc(T + 1);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    mapa_err err = order && left && teams && home_used && rng
                       ? MAPA_OK
                       : mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    if (err == MAPA_OK) {
        gsl_rng_set(rng, (unsigned long)pr->s->seed);
        for (size_t i = 0; i < pr->n; i++) {
            order[i] = i;
            left[i] = pr->cap[i];
        }
        for (size_t t = 0; t < T; t++)
            teams[t] = t;
        gsl_ran_shuffle(rng, teams, T, sizeof *teams);
    }
    for (size_t k = 0; err == MAPA_OK && k < T; k++)
        for (size_t s = 0; err == MAPA_OK && s < pr->S; s++) {
            for (size_t h = 0; h < T; h++)
                home_used[h] = 0;
            gsl_ran_shuffle(rng, order, pr->n, sizeof *order);
            err = fill_team(out, pr, teams[k], s, order, left, home_used);
        }
    free(order);
    free(left);
    free(teams);
    free(home_used);
    gsl_rng_free(rng);
    return err;
}
