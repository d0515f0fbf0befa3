/* The allocation objective of a plan made elsewhere (a saved or hand-edited teams.csv). */
#include <mapa/alloc.h>

#include "solver/alloc_problem.h"

mapa_err mapa_alloc_objective(double *out, const mapa_partnership *p, const size_t *team)
{
    mapa__alloc_problem pr;
    mapa_err err = mapa__alloc_problem_init(&pr, p);
    if (err != MAPA_OK)
        return err;
    for (size_t i = 0; i < pr.n; i++)
        if (team[pr.member[i]] == MAPA_NONE || team[pr.member[i]] >= p->n_topics) {
            mapa__alloc_problem_dispose(&pr);
            return mapa_error_set(MAPA_EINVAL, "the plan leaves member '%s' without a team",
                                  p->members[pr.member[i]].id);
        }
    *out = (double)mapa__alloc_total(&pr, team) / (double)pr.scale;
    mapa__alloc_problem_dispose(&pr);
    return MAPA_OK;
}
