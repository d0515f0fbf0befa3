/* Synthetic partnerships for the benchmarks. */
#ifndef MAPA_BENCH_PARTNERSHIP_H
#define MAPA_BENCH_PARTNERSHIP_H

#include <mapa/mapa.h>

/**
 * n members of A agencies (sectors in turn: NGO, police, local authority,
 * health, business), T topics with 2 Critical Friends each; every member
 * ranks 3 topics at random, capacity 1, and `*team_out` puts each in their
 * first choice.
 */
mapa_partnership *bench_partnership(size_t n, size_t T, size_t A, unsigned long seed,
                                    size_t **team_out);

#endif
