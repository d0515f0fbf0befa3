/* Candidates, scores and figures of the Critical Friend problem, shared by every path. */
#include "solver/cf_problem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/team_graph.h>

#include "models/util.h"

mapa_err mapa__cf_problem_init(mapa__cf_problem *pr, const mapa_partnership *p, const size_t *team,
                               const size_t *spoc)
{
    const mapa_settings *s = &p->settings;
    size_t T = p->n_topics, A = p->n_agencies;
    *pr = (mapa__cf_problem){
        .p = p, .s = s, .team = team, .spoc = spoc, .T = T, .S = s->cf_per_stage ? 2 : 1};
    pr->cand = malloc((p->n_members + 1) * sizeof *pr->cand);
    pr->cap = malloc((p->n_members + 1) * sizeof *pr->cap);
    pr->present = calloc(T * A + 1, 1);
    if (!pr->cand || !pr->cap || !pr->present) {
        mapa__cf_problem_dispose(pr);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    }
    bool *is_spoc = calloc(p->n_members + 1, sizeof *is_spoc);
    if (!is_spoc) {
        mapa__cf_problem_dispose(pr);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    }
    for (size_t t = 0; t < T; t++)
        if (spoc && spoc[t] != MAPA_NONE)
            is_spoc[spoc[t]] = true;
    for (size_t m = 0; m < p->n_members; m++) {
        const mapa_member *mm = &p->members[m];
        if (team[m] == MAPA_NONE || mm->coordinator)
            continue;
        pr->present[team[m] * A + mm->agency] = 1;
        if (mm->cf_capacity == 0 || (s->no_spoc_cf && is_spoc[m]) || T < 2)
            continue;
        size_t most = (T - 1) * pr->S;
        pr->cap[pr->n] = mm->cf_capacity < most ? mm->cf_capacity : most;
        pr->cand[pr->n++] = m;
    }
    free(is_spoc);
    for (size_t t = 0; t < T; t++)
        pr->places += p->topics[t].cf_required * pr->S;
    /* interest is (K + 1 - r) / K: with K in the scale it is an integer, as are
     * weights with up to three decimals */
    pr->scale = 1000 * (int64_t)(p->max_prefs ? p->max_prefs : 1);
    /* every weight x scale x places must stay exact (doubles in GLPK, llround) */
    const double weights[] = {s->cf_interest_weight, s->cf_novelty_weight, s->cf_load_weight,
                              s->cf_reach_weight};
    const char *names[] = {"cf_interest_weight", "cf_novelty_weight", "cf_load_weight",
                           "cf_reach_weight"};
    for (size_t k = 0; k < 4; k++) {
        double most = 9007199254740992.0 / (double)pr->scale / (double)(pr->places + pr->n + 1);
        if (!isfinite(weights[k]) || fabs(weights[k]) >= most) {
            mapa__cf_problem_dispose(pr);
            return mapa_error_set(MAPA_EINVAL,
                                  "%s %g is too large for exact arithmetic: use at most %.6g",
                                  names[k], weights[k], most);
        }
    }
    pr->load_penalty = llround(s->cf_load_weight * (double)pr->scale);
    pr->interest_unit = llround(s->cf_interest_weight * 1000);
    pr->novelty_unit = llround(s->cf_novelty_weight * 1000) * (pr->scale / 1000);
    pr->reach = s->cf_reach_weight > 0 && T <= MAPA_CF_REACH_MAX_TEAMS;
    return MAPA_OK;
}

double mapa__cf_remaining(const mapa__cf_problem *pr)
{
    return pr->deadline > 0 ? pr->deadline - mapa__now() : INFINITY;
}

mapa_err mapa__cf_problem_link(mapa__cf_problem *pr, const double *overlap)
{
    double w = pr->s->cf_overlap_weight;
    if (!isfinite(w) || w < 0)
        return mapa_error_set(MAPA_EINVAL, "cf_overlap_weight %g must be a number >= 0", w);
    if (!overlap || w == 0 || pr->T < 2)
        return MAPA_OK;
    size_t T = pr->T;
    double most = 9007199254740992.0 / (double)pr->scale / (double)(pr->places + pr->n + 1);
    pr->link = calloc(T * T + 1, sizeof *pr->link);
    if (!pr->link)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    for (size_t k = 0; k < T * T; k++) {
        double v = k / T == k % T ? 0 : w * overlap[k];
        if (!isfinite(v) || v < 0 || v >= most)
            return mapa_error_set(MAPA_EINVAL,
                                  "cf_overlap_weight %g times an overlap of %g is not a number "
                                  "mapa can weigh exactly (at most %.6g, not negative)",
                                  w, overlap[k], most);
        pr->link[k] = llround(v * (double)pr->scale); /* 1/scale points, as every score */
    }
    return MAPA_OK;
}

void mapa__cf_problem_dispose(mapa__cf_problem *pr)
{
    free(pr->link);
    pr->link = NULL;
    free(pr->cand);
    free(pr->cap);
    free(pr->present);
    pr->cand = pr->cap = NULL;
    pr->present = NULL;
}

int64_t mapa__cf_score(const mapa__cf_problem *pr, size_t m, size_t t)
{
    const mapa_member *mm = &pr->p->members[m];
    size_t K = pr->p->max_prefs, r = mapa_member_rank(mm, t);
    int64_t interest = r ? (int64_t)(K + 1 - r) : 0; /* in units of 1/K */
    bool novel = !pr->present[t * pr->p->n_agencies + mm->agency];
    int64_t link = pr->link ? pr->link[pr->team[m] * pr->T + t] : 0;
    return pr->interest_unit * interest + (novel ? pr->novelty_unit : 0) + link;
}

bool mapa__cf_push(mapa_cf *out, const mapa__cf_problem *pr, size_t m, size_t t, unsigned stages)
{
    mapa_cf_pair *pairs = realloc(out->pairs, (out->n_pairs + 1) * sizeof *pairs);
    if (!pairs)
        return false;
    out->pairs = pairs;
    const mapa_member *mm = &pr->p->members[m];
    out->pairs[out->n_pairs++] = (mapa_cf_pair){m, t, stages, mapa_member_rank(mm, t),
                                                !pr->present[t * pr->p->n_agencies + mm->agency]};
    return true;
}

static mapa_err graph_figures(mapa_cf *out, const mapa__cf_problem *pr)
{
    size_t *from = malloc((out->n_pairs + 1) * sizeof *from);
    size_t *to = malloc((out->n_pairs + 1) * sizeof *to);
    if (!from || !to) {
        free(from);
        free(to);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the team graph");
    }
    for (size_t k = 0; k < out->n_pairs; k++) {
        from[k] = pr->team[out->pairs[k].member];
        to[k] = out->pairs[k].team;
    }
    mapa_team_graph_figures f;
    mapa_err err = mapa_team_graph_measure(&f, pr->T, from, to, out->n_pairs);
    if (err == MAPA_OK) {
        out->strongly_connected = f.strongly_connected;
        out->reach1 = f.reach1;
        out->reach2 = f.reach2;
        out->diameter = f.diameter;
    }
    free(from);
    free(to);
    return err;
}

mapa_err mapa__cf_figures(mapa_cf *out, const mapa__cf_problem *pr)
{
    size_t *duties = calloc(pr->p->n_members + 1, sizeof *duties);
    if (!duties)
        return mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    int64_t total = 0, links = 0;
    out->filled = 0;
    for (size_t t = 0; t < pr->T; t++)
        out->short_by[t] = pr->p->topics[t].cf_required * pr->S;
    for (size_t k = 0; k < out->n_pairs; k++) {
        const mapa_cf_pair *c = &out->pairs[k];
        size_t stages = pr->S == 1 ? 1 : (size_t)((c->stages & 1) + ((c->stages >> 1) & 1));
        out->filled += stages;
        out->short_by[c->team] -=
            stages <= out->short_by[c->team] ? stages : out->short_by[c->team];
        total += mapa__cf_score(pr, c->member, c->team) * (int64_t)stages;
        if (pr->link)
            links += pr->link[pr->team[c->member] * pr->T + c->team] * (int64_t)stages;
        duties[c->member] += stages;
    }
    for (size_t m = 0; m < pr->p->n_members; m++)
        if (duties[m] > 1)
            total -= pr->load_penalty * (int64_t)(duties[m] - 1);
    free(duties);
    out->overlap_used = pr->link != NULL;
    out->overlap_value = (double)links / (double)pr->scale;
    mapa_err err = graph_figures(out, pr);
    out->objective =
        (double)total / (double)pr->scale + (pr->reach ? pr->s->cf_reach_weight * out->reach2 : 0);
    return err;
}
