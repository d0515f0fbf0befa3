/* Instance families for the allocation and Critical Friend benchmarks: easy and built to be hard. */
#ifndef MAPA_BENCH_HARD_H
#define MAPA_BENCH_HARD_H

#include <stdbool.h>
#include <stddef.h>

#include <mapa/mapa.h>

typedef enum bench_kind {
    BENCH_EASY = 0, /* popular topics, agencies of skewed sizes: the flow's optimum meets every rule */
    BENCH_HARD,     /* fans of a topic from 1-2 agencies, scarce SPOCs, sector rules */
    BENCH_HARD_MOVES /* BENCH_HARD plus a previous plan for 60 % and a cap of 25 % moves */
} bench_kind;

typedef struct bench_family {
    size_t members, topics, agencies;
    bench_kind kind;
    size_t cf_required; /* per topic */
    bool tight_cf;      /* only about 1.3 x cf_required members per team can serve as CF */
    unsigned long seed;
} bench_family;

/** The family's name ("easy", "hard", "hard+moves"). */
const char *bench_kind_name(bench_kind kind);

/**
 * A synthetic partnership of the family (GSL MT19937, f->seed); NULL on out of
 * memory. The caller frees it with mapa_partnership_free.
 */
mapa_partnership *bench_family_make(const bench_family *f);

/** Each member's first choice as its team (a plan for Critical Friend benchmarks); malloc'd. */
size_t *bench_first_choice(const mapa_partnership *p);

#endif
