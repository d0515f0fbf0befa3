/*
 * Two-step reach by local search among the Critical Friend flow's optimal
 * plans. The team graph is kept as bit rows (adj[h]: the teams h sends a CF
 * to), so counting the pairs within two steps costs T x out-degree x T/64
 * word operations; a swap is tried on the flow only when it would raise that
 * count and keep the graph strongly connected.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <mapa/team_graph.h>

#include "solver/cf_reach.h"

enum { SEARCH_PASSES = 4 };

typedef struct reach_state {
    size_t T, words;
    uint64_t *adj, *row;
    size_t *from, *to, *memb;
} reach_state;

static void set_bit(uint64_t *row, size_t t, bool on)
{
    uint64_t bit = UINT64_C(1) << (t % 64);
    row[t / 64] = on ? row[t / 64] | bit : row[t / 64] & ~bit;
}

static size_t count_pairs(reach_state *st)
{
    size_t T = st->T, w = st->words, total = 0;
    for (size_t h = 0; h < T; h++) {
        const uint64_t *out = st->adj + h * w;
        memcpy(st->row, out, w * sizeof *st->row);
        for (size_t k = 0; k < w; k++)
            for (uint64_t bits = out[k]; bits; bits &= bits - 1) {
                const uint64_t *next = st->adj + (k * 64 + (size_t)__builtin_ctzll(bits)) * w;
                for (size_t x = 0; x < w; x++)
                    st->row[x] |= next[x];
            }
        set_bit(st->row, h, false);
        for (size_t x = 0; x < w; x++)
            total += (size_t)__builtin_popcountll(st->row[x]);
    }
    return total;
}

static void load(reach_state *st, const size_t *who)
{
    size_t T = st->T;
    memset(st->adj, 0, T * st->words * sizeof *st->adj);
    for (size_t h = 0; h < T; h++)
        for (size_t t = 0; t < T; t++)
            if (who[h * T + t] != MAPA_NONE)
                set_bit(st->adj + h * st->words, t, true);
}

static mapa_err strongly_connected(reach_state *st, const size_t *who, bool *yes)
{
    size_t T = st->T, n_arcs = 0, count = 0;
    for (size_t h = 0; h < T; h++)
        for (size_t t = 0; t < T; t++)
            if (who[h * T + t] != MAPA_NONE) {
                st->from[n_arcs] = h;
                st->to[n_arcs++] = t;
            }
    mapa_err err =
        mapa_team_graph_components(st->memb, &count, NULL, NULL, T, st->from, st->to, n_arcs);
    *yes = err == MAPA_OK && count == 1;
    return err;
}

/* A free candidate of home h for team t whose swap with j costs nothing; pushed. */
static size_t swap_in(const mapa__cf_problem *pr, const mapa__cf_arcs *a, const size_t *first,
                      const size_t *by_home, size_t h, size_t h2, size_t j, size_t t)
{
    size_t T = pr->T;
    for (size_t k = first[h]; k < first[h + 1]; k++) {
        size_t i = by_home[k], arc = a->arc[i * T + t];
        if (arc == MAPA_NONE || mapa__mcf_flow(a->g, a->s_arc[i]) > 0 ||
            mapa__mcf_reduced_cost(a->g, arc) != 0 || mapa__mcf_reduced_cost(a->g, a->s_arc[i]))
            continue;
        size_t cycle[6] = {a->s_arc[i],
                           arc,
                           a->pair_arc[h * T + t],
                           a->pair_arc[h2 * T + t] ^ 1,
                           a->arc[j * T + t] ^ 1,
                           a->s_arc[j] ^ 1};
        if (mapa__mcf_try_cycle(a->g, cycle, 6))
            return i;
    }
    return MAPA_NONE;
}

/* avail[h * T + t]: some free member of h could review t at no cost. */
static void mark_available(const mapa__cf_problem *pr, const mapa__cf_arcs *a, unsigned char *avail)
{
    size_t T = pr->T;
    memset(avail, 0, T * T);
    for (size_t i = 0; i < pr->n; i++) {
        if (mapa__mcf_flow(a->g, a->s_arc[i]) > 0 || mapa__mcf_reduced_cost(a->g, a->s_arc[i]))
            continue;
        size_t h = mapa__cf_home(pr, i);
        for (size_t t = 0; t < T; t++)
            if (a->arc[i * T + t] != MAPA_NONE &&
                mapa__mcf_reduced_cost(a->g, a->arc[i * T + t]) == 0)
                avail[h * T + t] = 1;
    }
}

/* One pass over every (reviewed t, replaced home h2, new home h); *kept counts swaps. */
static mapa_err pass(const mapa__cf_problem *pr, const mapa__cf_arcs *a, reach_state *st,
                     size_t *who, const unsigned char *avail, const size_t *first,
                     const size_t *by_home, size_t bound, size_t *best, size_t *kept)
{
    size_t T = pr->T, w = st->words;
    mapa_err err = MAPA_OK;
    for (size_t t = 0; t < T && err == MAPA_OK; t++)
        for (size_t h2 = 0; h2 < T && err == MAPA_OK; h2++) {
            size_t j = who[h2 * T + t];
            for (size_t h = 0; j != MAPA_NONE && h < T && err == MAPA_OK && *best < bound; h++) {
                if (h == t || h == h2 || !avail[h * T + t] || who[h * T + t] != MAPA_NONE)
                    continue;
                set_bit(st->adj + h2 * w, t, false);
                set_bit(st->adj + h * w, t, true);
                size_t value = count_pairs(st);
                bool connected = false, done = false;
                if (value > *best) {
                    who[h * T + t] = j; /* a stand-in, for the connectivity check */
                    who[h2 * T + t] = MAPA_NONE;
                    err = strongly_connected(st, who, &connected);
                    size_t i = connected && err == MAPA_OK
                                   ? swap_in(pr, a, first, by_home, h, h2, j, t)
                                   : MAPA_NONE;
                    done = i != MAPA_NONE;
                    who[h * T + t] = done ? i : MAPA_NONE;
                    who[h2 * T + t] = done ? MAPA_NONE : j;
                }
                if (done) {
                    *best = value;
                    (*kept)++;
                    j = MAPA_NONE; /* h2 no longer reviews t */
                } else {
                    set_bit(st->adj + h * w, t, false);
                    set_bit(st->adj + h2 * w, t, true);
                }
            }
        }
    return err;
}

/*
 * Each arc (h, k) reaches k and the out-arcs of k, and k has at most
 * cf_required(k) in-arcs (one per home team), so with A <= places arcs:
 *   pairs <= A + sum_k in(k) out(k) <= places (1 + max_k cf_required(k)).
 */
size_t mapa__cf_reach_bound(const mapa__cf_problem *pr)
{
    size_t most = 0, T = pr->T;
    for (size_t t = 0; t < T; t++)
        if (pr->p->topics[t].cf_required > most)
            most = pr->p->topics[t].cf_required;
    size_t bound = pr->places * (1 + most);
    return bound < T * (T - 1) ? bound : T * (T - 1);
}

mapa_err mapa__cf_raise_reach(const mapa__cf_problem *pr, const mapa__cf_arcs *a, size_t *who,
                              size_t *swaps, bool *at_bound)
{
    size_t T = pr->T, words = (T + 63) / 64;
    reach_state st = {T,
                      words,
                      calloc(T * words + 1, sizeof(uint64_t)),
                      calloc(words + 1, sizeof(uint64_t)),
                      malloc((T * T + 1) * sizeof(size_t)),
                      malloc((T * T + 1) * sizeof(size_t)),
                      malloc((T + 1) * sizeof(size_t))};
    unsigned char *avail = malloc(T * T + 1);
    size_t *first = calloc(T + 2, sizeof *first), *by_home = malloc((pr->n + 1) * sizeof *by_home);
    mapa_err err = st.adj && st.row && st.from && st.to && st.memb && avail && first && by_home
                       ? MAPA_OK
                       : mapa_error_set(MAPA_ENOMEM, "out of memory for Critical Friends");
    *swaps = 0;
    if (err == MAPA_OK) {
        for (size_t i = 0; i < pr->n; i++) /* candidates by home team, counting sort */
            first[mapa__cf_home(pr, i) + 2]++;
        for (size_t h = 2; h < T + 2; h++)
            first[h] += first[h - 1];
        for (size_t i = 0; i < pr->n; i++)
            by_home[first[mapa__cf_home(pr, i) + 1]++] = i;
        load(&st, who);
    }
    size_t best = err == MAPA_OK ? count_pairs(&st) : 0, bound = mapa__cf_reach_bound(pr);
    for (int k = 0; k < SEARCH_PASSES && err == MAPA_OK && best < bound; k++) {
        size_t kept = 0;
        mark_available(pr, a, avail);
        err = pass(pr, a, &st, who, avail, first, by_home, bound, &best, &kept);
        *swaps += kept;
        if (kept == 0)
            break;
    }
    *at_bound = err == MAPA_OK && best == bound;
    free(st.adj);
    free(st.row);
    free(st.from);
    free(st.to);
    free(st.memb);
    free(avail);
    free(first);
    free(by_home);
    return err;
}
