/*
 * Critical Friends without the side rows, as a transportation flow:
 *
 *   S -> candidate (1 at cost 0, then capacity - 1 at the load penalty)
 *   candidate -> (home team, reviewed team)   cost C - score, capacity 1
 *   (home, reviewed) -> reviewed team         capacity 1: CFs from distinct homes
 *   reviewed team -> SS                       capacity cf_required
 *
 * The first unit of a candidate's capacity costs nothing and the others cost
 * the load penalty, so duties spread. Optimality is proven by the flow's dual
 * certificate; when "every team sends" and strong connectivity also hold, the
 * flow is optimal for the whole model.
 */
#include <stdlib.h>

#include "solver/cf_problem.h"
#include "solver/mcf.h"

enum { NODE_S, NODE_SS, FIRST_TEAM };

mapa_err mapa__cf_flow(mapa_cf *out, const mapa__cf_problem *pr, bool *usable, int64_t *rc)
{
    *usable = false;
    if (pr->S != 1 || pr->reach)
        return MAPA_OK;
    size_t T = pr->T, first_pair = FIRST_TEAM + T, first_cand = first_pair + T * T;
    int64_t cmax = 0;
    for (size_t i = 0; i < pr->n; i++)
        for (size_t t = 0; t < T; t++) {
            int64_t sc = t == mapa__cf_home(pr, i) ? 0 : mapa__cf_score(pr, pr->cand[i], t);
            if (sc > cmax)
                cmax = sc;
        }
    mapa__mcf *g = NULL;
    size_t *arc = malloc((pr->n * T + 1) * sizeof *arc);
    mapa_err err = arc ? mapa__mcf_new(&g, first_cand + pr->n, pr->n * (T + 1) + T * T + T)
                       : mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    for (size_t i = 0; err == MAPA_OK && i < pr->n; i++) {
        size_t u = first_cand + i, h = mapa__cf_home(pr, i);
        err = mapa__mcf_add_arc(g, NULL, NODE_S, u, 1, 0);
        if (err == MAPA_OK && pr->cap[i] > 1)
            err = mapa__mcf_add_arc(g, NULL, NODE_S, u, (int64_t)pr->cap[i] - 1, pr->load_penalty);
        for (size_t t = 0; err == MAPA_OK && t < T; t++) {
            arc[i * T + t] = MAPA_NONE;
            if (t != h)
                err = mapa__mcf_add_arc(g, &arc[i * T + t], u, first_pair + h * T + t, 1,
                                        cmax - mapa__cf_score(pr, pr->cand[i], t));
        }
    }
    for (size_t h = 0; err == MAPA_OK && h < T; h++)
        for (size_t t = 0; err == MAPA_OK && t < T; t++)
            if (h != t)
                err = mapa__mcf_add_arc(g, NULL, first_pair + h * T + t, FIRST_TEAM + t, 1, 0);
    for (size_t t = 0; err == MAPA_OK && t < T; t++)
        err = mapa__mcf_add_arc(g, NULL, FIRST_TEAM + t, NODE_SS,
                                (int64_t)pr->p->topics[t].cf_required, 0);
    int64_t sent = 0;
    if (err == MAPA_OK)
        err = mapa__mcf_solve(g, NODE_S, NODE_SS, (int64_t)pr->places, &sent);
    for (size_t i = 0; err == MAPA_OK && i < pr->n; i++)
        for (size_t t = 0; t < T && err == MAPA_OK; t++)
            if (arc[i * T + t] != MAPA_NONE && mapa__mcf_flow(g, arc[i * T + t]) > 0 &&
                !mapa__cf_push(out, pr, pr->cand[i], t,
                               MAPA_STAGE_DECISION | MAPA_STAGE_EVALUATION))
                err = mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    for (size_t i = 0; rc && err == MAPA_OK && i < pr->n; i++)
        for (size_t t = 0; t < T; t++)
            rc[i * T + t] =
                arc[i * T + t] == MAPA_NONE ? INT64_MAX : mapa__mcf_reduced_cost(g, arc[i * T + t]);
    if (err == MAPA_OK) {
        *usable = true;
        out->method = "min-cost flow";
        out->certified = mapa__mcf_certify(g);
        out->status = sent < (int64_t)pr->places ? MAPA_STATUS_INFEASIBLE
                      : out->certified           ? MAPA_STATUS_OPTIMAL
                                                 : MAPA_STATUS_FEASIBLE;
    }
    mapa__mcf_free(g);
    free(arc);
    return err;
}
