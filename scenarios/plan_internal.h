/* What the pipeline's stages share inside scenarios/ (not installed). */
#ifndef MAPA_SCENARIOS_PLAN_INTERNAL_H
#define MAPA_SCENARIOS_PLAN_INTERNAL_H

#include <mapa/plan.h>

typedef struct mapa__plan_ctx {
    mapa_partnership *p;
    const mapa_plan_options *o;
    mapa_plan_result *r;
    const mapa_cf *cf; /**< the Critical Friends the later stages see, or NULL */
} mapa__plan_ctx;

/** A path inside the output folder (malloc'd; NULL on out of memory). */
char *mapa__plan_path(const mapa__plan_ctx *c, const char *name);

/** The metrics stage: the plan's network, the observed one, its windows (scenarios/plan_metrics.c). */
mapa_err mapa__plan_metrics(mapa__plan_ctx *c);

#endif
