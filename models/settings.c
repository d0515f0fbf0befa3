/* Default settings and the names of the allocation objectives. */
#include <mapa/settings.h>

#include <stdlib.h>

#include "models/util.h"

static const char *const objective_names[] = {"borda", "convex", "weights", "rank-maximal", "fair"};

void mapa_settings_init(mapa_settings *s)
{
    *s = (mapa_settings){
        .name = NULL,
        .objective = MAPA_OBJECTIVE_BORDA,
        .min_size = 1,
        .max_size = MAPA_UNLIMITED,
        .min_agencies = 1,
        .max_per_agency = MAPA_UNLIMITED,
        .cf_required = 2,
        .cf_capacity = 1,
        .move_penalty = 1.0,
        .max_moves = MAPA_UNLIMITED,
        .cf_interest_weight = 1.0,
        .cf_novelty_weight = 1.0,
        .cf_load_weight = 0.5,
        .cf_reach_weight = 0.1,
        .cf_overlap_weight = 0,
        .dup_threshold = 0.30,
        .dup_text_weight = 0.6,
        .dup_tags_weight = 0.15,
        .dup_target_weight = 0.15,
        .dup_dates_weight = 0.1,
        .dup_jaccard = 0.3,
        .seed = 1,
    };
}

void mapa_settings_dispose(mapa_settings *s)
{
    free(s->name);
    free(s->weights);
    for (size_t i = 0; i < s->n_columns; i++) {
        free(s->columns[i].file);
        free(s->columns[i].column);
        free(s->columns[i].header);
    }
    free(s->columns);
    mapa_settings_init(s);
}

const char *mapa_objective_name(mapa_objective objective)
{
    unsigned i = (unsigned)objective;
    return i < sizeof objective_names / sizeof *objective_names ? objective_names[i] : "?";
}

bool mapa_objective_parse(mapa_objective *out, const char *name)
{
    for (unsigned i = 0; i < sizeof objective_names / sizeof *objective_names; i++) {
        if (mapa__streq_nocase(name, objective_names[i])) {
            *out = (mapa_objective)i;
            return true;
        }
    }
    return false;
}
