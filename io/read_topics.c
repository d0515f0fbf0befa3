/* Reads topics.csv: one sub-team per topic, with its size, agency-mix and CF limits. */
#include <string.h>

#include "io/csv_fields.h"
#include "io/readers.h"

enum {
    COL_ID,
    COL_NAME,
    COL_MIN_SIZE,
    COL_MAX_SIZE,
    COL_MIN_AGENCIES,
    COL_MAX_PER_AGENCY,
    COL_CF_REQUIRED,
    N_COLS
};

/* Limits that cannot hold together within one topic, reported at the cell that breaks them. */
static bool check_limits(const mapa__csv_table *t, const mapa_topic *topic,
                         const mapa__csv_cell *cells[N_COLS], mapa_diags *d)
{
    bool ok = true;
    const mapa__csv_cell *max = cells[COL_MAX_SIZE];
    if (topic->max_size == 0) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, max->line, max->col,
                       "max_size is 0: no one could join topic '%s'; remove the topic instead",
                       topic->id);
        ok = false;
    } else if (topic->min_size > topic->max_size) {
        const mapa__csv_cell *at = max->len ? max : cells[COL_MIN_SIZE];
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, at->line, at->col,
                       "min_size %zu is above max_size %zu", topic->min_size, topic->max_size);
        ok = false;
    }
    if (topic->max_size != 0 && topic->min_agencies > topic->max_size) {
        const mapa__csv_cell *at = cells[COL_MIN_AGENCIES];
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, at->line, at->col,
                       "min_agencies %zu is above max_size %zu: a team cannot hold that many "
                       "agencies",
                       topic->min_agencies, topic->max_size);
        ok = false;
    }
    if (topic->max_per_agency == 0) {
        const mapa__csv_cell *at = cells[COL_MAX_PER_AGENCY];
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, at->line, at->col,
                       "max_per_agency is 0: no agency could send anyone to topic '%s'", topic->id);
        ok = false;
    }
    return ok;
}

mapa_err mapa__read_topics(mapa_partnership *p, const mapa__csv_table *t, size_t *topic_rows,
                           mapa_diags *d)
{
    mapa__column cols[N_COLS] = {
        {"id", true, 0, false},
        {"name", true, 0, false},
        {"min_size", false, 0, false},
        {"max_size", false, 0, false},
        {"min_agencies", false, 0, false},
        {"max_per_agency", false, 0, false},
        {"cf_required", false, 0, false},
    };
    if (!mapa__csv_columns(t, cols, N_COLS, NULL, NULL, d))
        return MAPA_OK;
    const mapa_settings *s = &p->settings;
    for (size_t r = 1; r < t->n_rows; r++) {
        if (mapa__csv_row_too_wide(t, r))
            continue; /* reported once for the row; its fields are shifted */
        mapa__csv_cell scratch[N_COLS];
        const mapa__csv_cell *c[N_COLS];
        for (int k = 0; k < N_COLS; k++)
            c[k] = mapa__csv_cell_at(t, r, cols[k].index, &scratch[k]);
        if (c[COL_ID]->len == 0) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_ID]->line, c[COL_ID]->col,
                           "empty id: every topic needs an id");
            continue;
        }
        mapa_topic topic = {
            .id = (char *)mapa__csv_text(t, c[COL_ID]),
            .name = (char *)mapa__csv_text(t, c[COL_NAME]->len ? c[COL_NAME] : c[COL_ID]),
            .min_size = s->min_size,
            .max_size = s->max_size,
            .min_agencies = s->min_agencies,
            .max_per_agency = s->max_per_agency,
            .cf_required = s->cf_required,
            .line = c[COL_ID]->line,
        };
        bool ok = mapa__field_count(&topic.min_size, t, c[COL_MIN_SIZE], "min_size", false, d);
        ok &= mapa__field_count(&topic.max_size, t, c[COL_MAX_SIZE], "max_size", true, d);
        ok &= mapa__field_count(&topic.min_agencies, t, c[COL_MIN_AGENCIES], "min_agencies", false,
                                d);
        ok &= mapa__field_count(&topic.max_per_agency, t, c[COL_MAX_PER_AGENCY], "max_per_agency",
                                true, d);
        ok &= mapa__field_count(&topic.cf_required, t, c[COL_CF_REQUIRED], "cf_required", false, d);
        if (ok)
            check_limits(t, &topic, c, d);
        size_t index;
        mapa_err err = mapa_partnership_add_topic(p, &index, &topic);
        if (err == MAPA_EINVAL) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c[COL_ID]->line, c[COL_ID]->col,
                           "duplicate topic id '%s' (first on line %zu)", topic.id,
                           p->topics[index].line);
            continue;
        }
        if (err != MAPA_OK)
            return err;
        topic_rows[index] = r;
    }
    return MAPA_OK;
}
