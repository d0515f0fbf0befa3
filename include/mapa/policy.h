/* The names of the allocation and Critical Friend policies, spelt once for every caller. */
#ifndef MAPA_POLICY_H
#define MAPA_POLICY_H

#include <stdbool.h>

#include <mapa/alloc.h>
#include <mapa/cf.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The names in a sentence: "optimal, greedy or random". */
#define MAPA_ALLOC_POLICY_NAMES "optimal, greedy or random"
#define MAPA_CF_POLICY_NAMES "optimal, random or none"

/** "optimal", "greedy" or "random" (static text). */
const char *mapa_alloc_policy_name(mapa_alloc_policy policy);

/** Parse a policy name; false (and *out untouched) when it is not one. */
bool mapa_alloc_policy_parse(mapa_alloc_policy *out, const char *name);

/** "optimal", "random" or "none" (static text). */
const char *mapa_cf_policy_name(mapa_cf_policy policy);

/** Parse a Critical Friend policy name; false (and *out untouched) when it is not one. */
bool mapa_cf_policy_parse(mapa_cf_policy *out, const char *name);

#ifdef __cplusplus
}
#endif

#endif
