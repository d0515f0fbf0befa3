/* Scores, permissions and figures of an allocation, shared by the flow, GLPK and baselines. */
#include "solver/alloc_problem.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/util.h"

static int64_t ipow(int64_t base, size_t e, bool *overflow)
{
    int64_t v = 1;
    for (size_t i = 0; i < e; i++) {
        if (v > INT64_MAX / base / 64) {
            *overflow = true;
            return 1;
        }
        v *= base;
    }
    return v;
}

double mapa__alloc_remaining(const mapa__alloc_problem *pr)
{
    return pr->deadline > 0 ? pr->deadline - mapa__now() : INFINITY;
}

int mapa__glpk_ms(double seconds)
{
    if (!(seconds < 2e6))
        return INT32_MAX;
    return seconds <= 0.001 ? 1 : (int)(seconds * 1000);
}

/*
 * Weights and penalties in thousandths must keep every objective total exact:
 * |value| x 1000 x members below 2^53 (GLPK's doubles), which also keeps
 * llround and the flow's 64-bit costs from overflowing.
 */
static mapa_err check_magnitude(const mapa__alloc_problem *pr, double value, const char *what)
{
    double n = (double)(pr->n + 1);
    if (isfinite(value) && fabs(value) * MAPA_SCORE_SCALE * n < MAPA_EXACT_LIMIT)
        return MAPA_OK;
    return mapa_error_set(MAPA_EINVAL,
                          "%s %g is too large for exact arithmetic with %zu members: totals "
                          "must stay below 2^53 thousandths of a point, so use at most %.6g",
                          what, value, pr->n, MAPA_EXACT_LIMIT / MAPA_SCORE_SCALE / n);
}

static mapa_err fill_scores(mapa__alloc_problem *pr)
{
    const mapa_settings *s = pr->s;
    size_t K = pr->K;
    bool overflow = false;
    pr->scale = MAPA_SCORE_SCALE;
    mapa_err err = s->objective == MAPA_OBJECTIVE_RANK_MAXIMAL
                       ? MAPA_OK
                       : check_magnitude(pr, s->move_penalty, "move_penalty");
    for (size_t r = 0; err == MAPA_OK && s->objective == MAPA_OBJECTIVE_WEIGHTS &&
                       r < s->n_weights && r < K;
         r++)
        err = check_magnitude(pr, s->weights[r], "weight");
    if (err != MAPA_OK)
        return err;
    pr->stay_bonus = s->objective == MAPA_OBJECTIVE_RANK_MAXIMAL
                         ? 0
                         : (int64_t)llround(s->move_penalty * MAPA_SCORE_SCALE);
    for (size_t r = 1; r <= K; r++) {
        int64_t v = 0;
        switch (s->objective) {
        case MAPA_OBJECTIVE_BORDA:
        case MAPA_OBJECTIVE_FAIR: v = (int64_t)(K + 1 - r) * MAPA_SCORE_SCALE; break;
        case MAPA_OBJECTIVE_CONVEX: v = ipow(2, K - r, &overflow) * MAPA_SCORE_SCALE; break;
        case MAPA_OBJECTIVE_WEIGHTS:
            v = r <= s->n_weights ? (int64_t)llround(s->weights[r - 1] * MAPA_SCORE_SCALE) : 0;
            break;
        case MAPA_OBJECTIVE_RANK_MAXIMAL:
            /* one more level below rank K for staying: lexicographic in (ranks, stays) */
            v = ipow((int64_t)pr->n + 1, K - r + 1, &overflow);
            break;
        }
        pr->rank_score[r] = v;
    }
    if (s->objective == MAPA_OBJECTIVE_RANK_MAXIMAL) {
        pr->scale = 1;
        pr->stay_bonus = s->move_penalty > 0 ? 1 : 0;
        /* the total, not one score: n members x (n+1)^K must stay exact in a double */
        double total = (double)pr->n * ((double)pr->rank_score[1 <= K ? 1 : 0] + 1);
        overflow |= !(total < MAPA_EXACT_LIMIT);
    } else if (s->objective == MAPA_OBJECTIVE_CONVEX && K >= 1) {
        overflow |= !((double)pr->n * (double)pr->rank_score[1] < MAPA_EXACT_LIMIT);
    }
    if (overflow)
        return mapa_error_set(MAPA_EINVAL,
                              "objective '%s' with %zu ranks and %zu members is beyond exact "
                              "integer arithmetic; use fewer ranks or another objective",
                              mapa_objective_name(s->objective), K, pr->n);
    return MAPA_OK;
}

mapa_err mapa__alloc_problem_init(mapa__alloc_problem *pr, const mapa_partnership *p)
{
    *pr = (mapa__alloc_problem){.p = p, .s = &p->settings, .K = p->max_prefs};
    pr->rank_limit = pr->K + 1;
    pr->member = malloc((p->n_members ? p->n_members : 1) * sizeof *pr->member);
    pr->rank_score = calloc(pr->K + 1, sizeof *pr->rank_score);
    if (!pr->member || !pr->rank_score) {
        mapa__alloc_problem_dispose(pr);
        return mapa_error_set(MAPA_ENOMEM, "out of memory for the allocation");
    }
    for (size_t i = 0; i < p->n_members; i++) {
        if (p->members[i].coordinator)
            continue;
        pr->member[pr->n++] = i;
        pr->n_with_previous += p->members[i].previous_team != MAPA_NONE;
    }
    mapa_err err = fill_scores(pr);
    if (err != MAPA_OK)
        mapa__alloc_problem_dispose(pr);
    return err;
}

void mapa__alloc_problem_dispose(mapa__alloc_problem *pr)
{
    free(pr->member);
    free(pr->rank_score);
    pr->member = NULL;
    pr->rank_score = NULL;
}

int64_t mapa__alloc_score(const mapa__alloc_problem *pr, size_t m, size_t t)
{
    const mapa_member *mm = &pr->p->members[m];
    int64_t v = pr->rank_score[mapa_member_rank(mm, t)];
    return mm->previous_team == t ? v + pr->stay_bonus : v;
}

int64_t mapa__alloc_max_score(const mapa__alloc_problem *pr)
{
    int64_t best = 0;
    for (size_t r = 1; r <= pr->K; r++)
        if (pr->rank_score[r] > best)
            best = pr->rank_score[r];
    return best + (pr->stay_bonus > 0 ? pr->stay_bonus : 0);
}

bool mapa__alloc_allowed(const mapa__alloc_problem *pr, size_t m, size_t t)
{
    const mapa_member *mm = &pr->p->members[m];
    if (mm->fixed_team != MAPA_NONE)
        return mm->fixed_team == t;
    for (size_t i = 0; i < mm->n_avoid; i++)
        if (mm->avoid[i] == t)
            return false;
    if (pr->rank_limit <= pr->K && mm->n_prefs > 0) {
        size_t r = mapa_member_rank(mm, t);
        return r >= 1 && r <= pr->rank_limit;
    }
    return true;
}

bool mapa__alloc_pooled(const mapa__alloc_problem *pr, size_t m)
{
    const mapa_member *mm = &pr->p->members[m];
    if (mm->fixed_team != MAPA_NONE || mm->n_avoid > 0)
        return false;
    return pr->rank_limit > pr->K || mm->n_prefs == 0;
}

bool mapa__alloc_explicit(const mapa__alloc_problem *pr, size_t m, size_t t)
{
    if (!mapa__alloc_allowed(pr, m, t))
        return false;
    return !mapa__alloc_pooled(pr, m) || mapa__alloc_score(pr, m, t) > 0 ||
           pr->p->members[m].previous_team == t;
}

static unsigned char team_violations(const mapa__alloc_problem *pr, size_t t, size_t willing,
                                     size_t distinct, size_t statutory, size_t voluntary)
{
    unsigned char bits = 0;
    if (distinct < pr->p->topics[t].min_agencies)
        bits |= MAPA_SIDE_AGENCIES;
    if (willing == 0)
        bits |= MAPA_SIDE_SPOC;
    if (pr->s->require_statutory && statutory == 0)
        bits |= MAPA_SIDE_STATUTORY;
    if (pr->s->require_voluntary && voluntary == 0)
        bits |= MAPA_SIDE_VOLUNTARY;
    return bits;
}

static size_t add_bits(unsigned char *slot, unsigned char bits)
{
    size_t added = 0;
    for (unsigned char b = 1; b <= MAPA_SIDE_MOVES; b <<= 1)
        added += (bits & b) && !(*slot & b);
    *slot |= bits;
    return added;
}

size_t mapa__alloc_side_violations(const mapa__alloc_problem *pr, const size_t *team,
                                   unsigned char *mask)
{
    const mapa_partnership *p = pr->p;
    size_t T = p->n_topics, A = p->n_agencies, added = 0, moves = 0;
    size_t *count = calloc(4 * T + 1, sizeof *count); /* willing, distinct, statutory, voluntary */
    unsigned char *seen = calloc(T * A + 1, 1);
    if (!count || !seen) { /* cannot tell: ask for every row, and say so */
        for (size_t t = 0; t <= T; t++)
            add_bits(&mask[t], 0x1F);
        free(count);
        free(seen);
        return MAPA__ALLOC_UNKNOWN;
    }
    for (size_t i = 0; i < pr->n; i++) {
        size_t m = pr->member[i], t = team[m];
        const mapa_member *mm = &p->members[m];
        const mapa_agency *ag = &p->agencies[mm->agency];
        count[4 * t] += mm->spoc_willing;
        count[4 * t + 1] += !seen[t * A + mm->agency]++;
        count[4 * t + 2] += ag->statutory;
        count[4 * t + 3] += mapa_sector_voluntary(ag->sector);
        moves += mm->previous_team != MAPA_NONE && mm->previous_team != t;
    }
    for (size_t t = 0; t < T; t++)
        added += add_bits(&mask[t], team_violations(pr, t, count[4 * t], count[4 * t + 1],
                                                    count[4 * t + 2], count[4 * t + 3]));
    if (pr->s->max_moves != MAPA_UNLIMITED && moves > pr->s->max_moves)
        added += add_bits(&mask[T], MAPA_SIDE_MOVES);
    free(count);
    free(seen);
    return added;
}

int64_t mapa__alloc_total(const mapa__alloc_problem *pr, const size_t *team)
{
    int64_t total = 0, moves = 0;
    for (size_t i = 0; i < pr->n; i++) {
        size_t m = pr->member[i];
        const mapa_member *mm = &pr->p->members[m];
        total += pr->rank_score[mapa_member_rank(mm, team[m])];
        moves += mm->previous_team != MAPA_NONE && mm->previous_team != team[m];
    }
    return total - pr->stay_bonus * moves;
}

void mapa__alloc_figures(mapa_alloc *a, const mapa__alloc_problem *pr)
{
    const mapa_partnership *p = pr->p;
    size_t K = pr->K;
    memset(a->rank_counts, 0, (K + 2) * sizeof *a->rank_counts);
    a->worst_rank = 0;
    a->moves = 0;
    int64_t total = 0;
    for (size_t i = 0; i < pr->n; i++) {
        size_t m = pr->member[i], t = a->team[m];
        const mapa_member *mm = &p->members[m];
        size_t r = mapa_member_rank(mm, t);
        a->rank_counts[r ? r : K + 1]++;
        if (mm->n_prefs > 0 && mm->fixed_team == MAPA_NONE) {
            size_t worst = r ? r : K + 1;
            if (worst > a->worst_rank)
                a->worst_rank = worst;
        }
        bool moved = mm->previous_team != MAPA_NONE && mm->previous_team != t;
        a->moves += moved;
        total += pr->rank_score[r];
    }
    int64_t penalty = pr->stay_bonus * (int64_t)a->moves;
    a->objective = (double)(total - penalty) / (double)pr->scale;
}

bool mapa__alloc_note(mapa_alloc *a, size_t topic, size_t agency, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = mapa__vformat(fmt, ap);
    va_end(ap);
    mapa_alloc_note *notes = text ? realloc(a->notes, (a->n_notes + 1) * sizeof *notes) : NULL;
    if (!notes) {
        free(text);
        return false;
    }
    a->notes = notes;
    a->notes[a->n_notes++] = (mapa_alloc_note){topic, agency, text};
    return true;
}
