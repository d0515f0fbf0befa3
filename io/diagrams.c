/* mapa_draw_diagrams: every diagram the input allows, into one folder. */
#include <mapa/duplicates.h>
#include <mapa/output.h>

#include "io/diagram_common.h"

mapa_err mapa_draw_diagrams(const char *dir, const mapa_diagram_input *in, unsigned formats,
                            size_t *written)
{
    *written = 0;
    formats |= MAPA_DIAGRAM_SVG;
    mapa_err err = mapa_make_dir(dir);
    if (err == MAPA_OK)
        err = mapa__diagram_structure(in, dir, formats);
    *written += err == MAPA_OK;
    if (err == MAPA_OK && in->cf && in->team) {
        err = mapa__diagram_cf(in, dir, formats);
        *written += err == MAPA_OK;
        if (err == MAPA_OK)
            err = mapa__diagram_team_graph(in, dir, formats);
        *written += err == MAPA_OK;
        if (err == MAPA_OK)
            err = mapa__diagram_stages(in, dir, formats);
        *written += err == MAPA_OK;
    }
    if (err == MAPA_OK && in->team) {
        err = mapa__diagram_network(in, dir, formats);
        *written += err == MAPA_OK;
    }
    if (err == MAPA_OK && in->team && in->p->n_interactions > 0) {
        err = mapa__diagram_observed(in, dir, formats);
        *written += err == MAPA_OK;
    }
    if (err == MAPA_OK && in->cf && in->team && in->p->n_actions > 0 && in->duplicates) {
        err = mapa__diagram_duplicates(in, in->duplicates, dir, formats); /* the plan's own */
        *written += err == MAPA_OK;
    } else if (err == MAPA_OK && in->cf && in->team && in->p->n_actions > 0) {
        mapa_duplicates d;
        err = mapa_duplicates_find(&d, in->p, in->team, in->cf, NULL);
        if (err == MAPA_OK) {
            err = mapa__diagram_duplicates(in, &d, dir, formats);
            *written += err == MAPA_OK;
            mapa_duplicates_dispose(&d);
        }
    }
    return err;
}
