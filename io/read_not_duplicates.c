/*
 * Reads a partnership's not_duplicates.csv: pairs of actions a co-ordinator
 * has ruled out, never reported again. Its columns are duplicates.csv's
 * action_a and action_b, so a row can be copied across from a result.
 */
#include <stdlib.h>
#include <string.h>

#include <mapa/duplicates_output.h>

#include "io/csv_fields.h"
#include "io/csv_table.h"
#include "models/idmap.h"
#include "models/util.h"

enum { COL_A, COL_B, COL_REASON, N_COLS };

/* The other columns of duplicates.csv, copied along with a row: not warned about. */
static bool written_by_mapa(const char *name, void *payload)
{
    (void)payload;
    static const char *const names[] = {"cluster",      "score",        "team_a",
                                        "title_a",      "team_b",       "title_b",
                                        "text_cosine",  "tags_jaccard", "same_target_group",
                                        "overlap_days", "shared_terms", "cf_link",
                                        "rank_a",       "rank_b",       "z_a",
                                        "z_b",          "ratio_a",      "ratio_b",
                                        "note",         "date",         "by"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (strcmp(name, names[k]) == 0)
            return true;
    return false;
}

static size_t action(const mapa__csv_table *t, const mapa__csv_cell *c, const mapa_partnership *p,
                     mapa_diags *d)
{
    const char *id = mapa__csv_unformula(mapa__csv_text(t, c));
    if (!*id) {
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c->line, c->col,
                       "empty action id: a row names two actions of actions.csv");
        return MAPA_NONE;
    }
    size_t i = mapa__idmap_get(p->action_ids, id);
    if (i == MAPA_NONE)
        mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c->line, c->col,
                       "action '%s' is not in actions.csv: check the id, or delete the row if "
                       "the action is gone",
                       id);
    return i;
}

static mapa_err read_rows(mapa_dup_lexicon *l, const mapa__csv_table *t, const mapa__column *cols,
                          const mapa_partnership *p, mapa_diags *d)
{
    mapa_err err = MAPA_OK;
    size_t first = l->n_ruled_out;
    for (size_t r = 1; err == MAPA_OK && r < t->n_rows; r++) {
        mapa__csv_cell s1, s2;
        const mapa__csv_cell *ca = mapa__csv_cell_at(t, r, cols[COL_A].index, &s1);
        const mapa__csv_cell *cb = mapa__csv_cell_at(t, r, cols[COL_B].index, &s2);
        size_t a = action(t, ca, p, d), b = action(t, cb, p, d);
        if (a == MAPA_NONE || b == MAPA_NONE)
            continue;
        if (a == b) {
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, cb->line, cb->col,
                           "action '%s' twice: a row names two different actions",
                           p->actions[a].id);
            continue;
        }
        size_t lo = a < b ? a : b, hi = a < b ? b : a;
        bool seen = false;
        for (size_t k = first; k < l->n_ruled_out && !seen; k++)
            seen = l->ruled_out[2 * k] == lo && l->ruled_out[2 * k + 1] == hi;
        if (seen)
            mapa_diags_add(d, MAPA_DIAG_WARNING, t->file, ca->line, ca->col,
                           "the pair '%s', '%s' is already ruled out above", p->actions[a].id,
                           p->actions[b].id);
        else
            err = mapa_dup_lexicon_rule_out(l, a, b);
    }
    return err;
}

mapa_err mapa_read_not_duplicates(mapa_dup_lexicon *l, const char *path, const mapa_partnership *p,
                                  mapa_diags *d)
{
    mapa__csv_table t = MAPA__CSV_TABLE_INIT;
    size_t errors = d->n_errors;
    mapa_err err = mapa__csv_read(&t, path, path, "action_a, action_b, reason", d);
    if (err != MAPA_OK)
        return err;
    mapa__column cols[N_COLS] = {
        {"action_a", true, 0, false}, {"action_b", true, 0, false}, {"reason", false, 0, true}};
    if (mapa__csv_columns(&t, cols, N_COLS, written_by_mapa, NULL, d))
        err = read_rows(l, &t, cols, p, d);
    if (err == MAPA_OK && d->n_errors > errors)
        err = MAPA_EFORMAT;
    mapa__csv_table_dispose(&t);
    return err;
}

mapa_err mapa_read_dup_lexicon(mapa_dup_lexicon *out, const char *dir, const mapa_partnership *p,
                               mapa_diags *d)
{
    mapa_dup_lexicon l = MAPA_DUP_LEXICON_INIT;
    char *syn = mapa__path_join(dir, "synonyms.csv"),
         *not = mapa__path_join(dir, "not_duplicates.csv");
    mapa_err err = syn && not ? MAPA_OK : mapa_error_set(MAPA_ENOMEM, "out of memory");
    if (err == MAPA_OK) {
        err = mapa_read_synonyms(&l, syn, d);
        err = err == MAPA_ENOTFOUND ? MAPA_OK : err;
    }
    if (err == MAPA_OK || err == MAPA_EFORMAT) { /* every problem of both files at once */
        mapa_err e2 = mapa_read_not_duplicates(&l, not, p, d);
        err = err != MAPA_OK ? err : (e2 == MAPA_ENOTFOUND ? MAPA_OK : e2);
    }
    free(syn);
    free(not );
    if (err != MAPA_OK) {
        mapa_dup_lexicon_dispose(&l);
        return err;
    }
    *out = l; /* the caller owns it now */
    return MAPA_OK;
}
