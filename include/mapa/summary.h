/* A co-ordinator's summary of a partnership: who is in it and what they asked for. */
#ifndef MAPA_SUMMARY_H
#define MAPA_SUMMARY_H

#include <stddef.h>

#include <mapa/error.h>
#include <mapa/partnership.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mapa_summary {
    size_t n_members;
    size_t n_coordinators;
    size_t n_allocatable;
    size_t n_spoc_willing;  /**< among allocatable members */
    size_t n_without_prefs; /**< allocatable members who ranked nothing */
    size_t n_agencies;
    size_t by_sector[MAPA_SECTOR_COUNT]; /**< agencies per sector */
    size_t n_topics;
    size_t *first;  /**< per topic: members who ranked it first */
    size_t *ranked; /**< per topic: members who ranked it at all */
    size_t total_min_size;
    size_t total_max_size; /**< MAPA_UNLIMITED if any topic is unbounded */
} mapa_summary;

#define MAPA_SUMMARY_INIT {.n_members = 0}

/** Count what the summary shows; O(members x K + topics). */
mapa_err mapa_summary_compute(mapa_summary *out, const mapa_partnership *p);
void mapa_summary_dispose(mapa_summary *s);

#ifdef __cplusplus
}
#endif
#endif
