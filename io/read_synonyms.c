/* Reads a partnership's synonyms.csv: its own equivalent terms ("flyer" = "leaflet"). */
#include <stdlib.h>
#include <string.h>

#include <mapa/duplicates_output.h>

#include "io/csv_fields.h"
#include "io/csv_table.h"
#include "models/util.h"

enum { COL_TERM, COL_SAME, N_COLS };

/* Whether `phrase` keeps a word after stop words (else it can match nothing). */
static bool has_words(mapa_text *text, const char *phrase, size_t **ids, size_t *cap)
{
    size_t n = 0;
    return mapa_text_stems(text, phrase, ids, &n, cap) == MAPA_OK && n > 0;
}

static mapa_err read_rows(mapa_dup_lexicon *l, const mapa__csv_table *t, const mapa__column *cols,
                          mapa_diags *d)
{
    mapa_text *text = NULL;
    mapa_err err = mapa_text_new(&text);
    size_t *ids = NULL, cap = 0;
    char buf[1024];
    for (size_t r = 1; err == MAPA_OK && r < t->n_rows; r++) {
        mapa__csv_cell s1, s2;
        const mapa__csv_cell *ct = mapa__csv_cell_at(t, r, cols[COL_TERM].index, &s1);
        const mapa__csv_cell *cs = mapa__csv_cell_at(t, r, cols[COL_SAME].index, &s2);
        const char *term = mapa__csv_text(t, ct), *same = mapa__csv_text(t, cs);
        if (!*term || !*same) {
            const mapa__csv_cell *c = *term ? cs : ct;
            mapa_diags_add(d, MAPA_DIAG_ERROR, t->file, c->line, c->col,
                           "empty %s: a row is a term and what means the same, e.g. "
                           "flyer,leaflet",
                           *term ? "same_as" : "term");
            continue;
        }
        if (!has_words(text, term, &ids, &cap)) {
            mapa_diags_add(d, MAPA_DIAG_WARNING, t->file, ct->line, ct->col,
                           "'%s' is only stop words or one letter, which duplicate detection "
                           "leaves out: the row changes nothing",
                           term);
            continue;
        }
        for (const char *s = same; *s && err == MAPA_OK;) { /* same_as may list several: a;b */
            size_t len = strcspn(s, ";");
            snprintf(buf, sizeof buf, "%.*s", (int)len, s);
            char *p = buf + strlen(buf);
            while (p > buf && p[-1] == ' ')
                *--p = '\0';
            const char *q = buf + strspn(buf, " ");
            if (*q && !has_words(text, q, &ids, &cap))
                mapa_diags_add(d, MAPA_DIAG_WARNING, t->file, cs->line, cs->col,
                               "'%s' is only stop words or one letter, which duplicate "
                               "detection leaves out: it changes nothing",
                               q);
            else if (*q)
                err = mapa_dup_lexicon_add_synonym(l, term, q);
            s += len + (s[len] == ';');
        }
    }
    free(ids);
    mapa_text_free(text);
    return err;
}

mapa_err mapa_read_synonyms(mapa_dup_lexicon *l, const char *path, mapa_diags *d)
{
    mapa__csv_table t = MAPA__CSV_TABLE_INIT;
    size_t errors = d->n_errors;
    mapa_err err = mapa__csv_read(&t, path, path, "term, same_as", d);
    if (err != MAPA_OK)
        return err;
    mapa__column cols[N_COLS] = {{"term", true, 0, false}, {"same_as", true, 0, false}};
    if (mapa__csv_columns(&t, cols, N_COLS, NULL, NULL, d))
        err = read_rows(l, &t, cols, d);
    if (err == MAPA_OK && d->n_errors > errors)
        err = MAPA_EFORMAT;
    mapa__csv_table_dispose(&t);
    return err;
}
