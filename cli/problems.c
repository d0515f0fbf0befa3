/* Printing diagnostics the way every command shows them. */
#include <stdio.h>

#include <mapa/diag.h>
#include <mapa/duplicates_output.h>
#include <mapa/io.h>
#include <mapa/output.h>

#include "cli/cli.h"

void mapa_cli_print_problems(const mapa_diags *d, size_t max)
{
    size_t shown = 0;
    for (size_t i = 0; i < d->n_items && (max == 0 || shown < max); i++, shown++) {
        const mapa_diag *x = &d->items[i];
        const char *sev = x->severity == MAPA_DIAG_ERROR ? "error" : "warning";
        if (x->line)
            fprintf(stderr, "%s:%zu:%zu: %s: %s\n", x->file, x->line, x->col, sev, x->message);
        else
            fprintf(stderr, "%s: %s: %s\n", x->file, sev, x->message);
    }
    size_t rest = d->n_errors + d->n_warnings - shown;
    if (rest)
        fprintf(stderr, "... and %zu more problem%s not shown (--max-problems 0 shows all)\n", rest,
                rest == 1 ? "" : "s");
}

int mapa_cli_load(struct mapa_partnership **out, const char *verb, const char *dir)
{
    mapa_diags diags = MAPA_DIAGS_INIT;
    mapa_cli_interrupt_doing("reading the partnership");
    mapa_err err = mapa_partnership_load(out, &diags, dir);
    mapa_cli_print_problems(&diags, 50);
    if (err == MAPA_EFORMAT)
        fprintf(stderr, "%zu error%s: fix them (mapa validate %s) and run again.\n", diags.n_errors,
                diags.n_errors == 1 ? "" : "s", dir);
    else if (err != MAPA_OK)
        fprintf(stderr, "mapa %s: %s\n", verb, mapa_error_last());
    mapa_diags_dispose(&diags);
    return mapa_cli_exit_code(err);
}

mapa_err mapa_cli_read_plan(struct mapa_saved_plan *plan, const char *dir,
                            const struct mapa_partnership *p, bool need_cf)
{
    mapa_diags diags = MAPA_DIAGS_INIT;
    mapa_err err = mapa_saved_plan_read(plan, dir, p, need_cf, &diags);
    mapa_cli_print_problems(&diags, 50);
    mapa_diags_dispose(&diags);
    return err;
}

/* DIR/synonyms.csv and DIR/not_duplicates.csv, problems printed as file:line:column. */
int mapa_cli_read_lexicon(mapa_dup_lexicon *lex, const char *verb, const char *dir,
                          const mapa_partnership *p)
{
    mapa_diags diags = MAPA_DIAGS_INIT;
    mapa_err err = mapa_read_dup_lexicon(lex, dir, p, &diags);
    mapa_cli_print_problems(&diags, 50);
    if (err == MAPA_EFORMAT)
        fprintf(stderr, "%zu error%s in %s/synonyms.csv or not_duplicates.csv: fix them and run "
                        "again.\n",
                diags.n_errors, diags.n_errors == 1 ? "" : "s", dir);
    else if (err != MAPA_OK)
        fprintf(stderr, "mapa %s: %s\n", verb, mapa_error_last());
    mapa_diags_dispose(&diags);
    return mapa_cli_exit_code(err);
}
