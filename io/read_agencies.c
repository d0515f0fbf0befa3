/* Reads agencies.csv: id, name, sector, whether the agency is statutory, and its aliases. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_fields.h"
#include "io/readers.h"
#include "models/match.h"
#include "models/util.h"

enum { COL_ID, COL_NAME, COL_SECTOR, COL_STATUTORY, COL_ALIASES, N_COLS };

/* The agency's id, name and each `;`-separated alias, for members.csv to find it by. */
static mapa_err add_names(mapa__matcher *names, const mapa_agency *a, size_t index,
                          const char *aliases)
{
    mapa_err err = mapa__matcher_add(names, a->id, index, MAPA__MATCH_ID);
    if (err == MAPA_OK)
        err = mapa__matcher_add(names, a->name, index, MAPA__MATCH_NAME);
    while (err == MAPA_OK && *aliases) {
        const char *end = strchr(aliases, ';');
        size_t len = end ? (size_t)(end - aliases) : strlen(aliases);
        const char *s = aliases;
        while (len && isspace((unsigned char)*s)) {
            s++;
            len--;
        }
        while (len && isspace((unsigned char)s[len - 1]))
            len--;
        if (len) {
            char *alias = mapa__strndup(s, len);
            err = alias ? mapa__matcher_add(names, alias, index, MAPA__MATCH_ALIAS)
                        : mapa_error_set(MAPA_ENOMEM, "out of memory reading agencies");
            free(alias);
        }
        aliases = end ? end + 1 : aliases + strlen(aliases);
    }
    return err;
}

static const char *sector_list(void)
{
    return "police, local_authority, health, government, fire, ngo, faith, business, "
           "academia, other";
}

mapa_err mapa__read_agencies(mapa_partnership *p, const mapa__csv_table *t, mapa__matcher *names,
                             mapa_diags *d)
{
    mapa__column cols[N_COLS] = {{"id", true, 0, false},
                                 {"name", true, 0, false},
                                 {"sector", false, 0, false},
                                 {"statutory", false, 0, false},
                                 {"aliases", false, 0, false}};
    if (!mapa__csv_columns(t, cols, N_COLS, NULL, NULL, d))
        return MAPA_OK;
    for (size_t r = 1; r < t->n_rows; r++) {
        if (mapa__csv_row_too_wide(t, r))
            continue; /* reported once for the row; its fields are shifted */
        mapa__csv_cell s1, s2, s3, s4, s5;
        const mapa__csv_cell *id = mapa__csv_cell_at(t, r, cols[COL_ID].index, &s1);
        const mapa__csv_cell *name = mapa__csv_cell_at(t, r, cols[COL_NAME].index, &s2);
        const mapa__csv_cell *sector = mapa__csv_cell_at(t, r, cols[COL_SECTOR].index, &s3);
        const mapa__csv_cell *stat = mapa__csv_cell_at(t, r, cols[COL_STATUTORY].index, &s4);
        const mapa__csv_cell *aliases = mapa__csv_cell_at(t, r, cols[COL_ALIASES].index, &s5);
        if (id->len == 0) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, id->line, id->col,
                           "empty id: every agency needs an id");
            continue;
        }
        mapa_sector sec = MAPA_SECTOR_UNKNOWN;
        if (sector->len && !mapa_sector_parse(&sec, mapa__csv_text(t, sector))) {
            mapa_diags_add(d, MAPA_DIAG_WARNING, t->file, sector->line, sector->col,
                           "sector '%s' is not one mapa knows (%s); counted as 'other'",
                           mapa__csv_text(t, sector), sector_list());
            sec = MAPA_SECTOR_OTHER;
        }
        bool statutory = mapa_sector_statutory(sec);
        mapa__field_flag(&statutory, t, stat, "statutory", d);
        const char *text_name = name->len ? mapa__csv_text(t, name) : mapa__csv_text(t, id);
        size_t index;
        mapa_err err = mapa_partnership_add_agency(p, &index, mapa__csv_text(t, id), text_name, sec,
                                                   statutory);
        if (err == MAPA_EINVAL) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, id->line, id->col,
                           "duplicate agency id '%s' (first on line %zu)", mapa__csv_text(t, id),
                           p->agencies[index].line);
            continue;
        }
        if (err != MAPA_OK)
            return err;
        p->agencies[index].line = id->line;
        if (names)
            err = add_names(names, &p->agencies[index], index, mapa__csv_text(t, aliases));
        if (err != MAPA_OK)
            return err;
    }
    return MAPA_OK;
}
