/* windows.csv: the observed network's figures per time window, one row each. */
#include <stdio.h>

#include <mapa/date.h>
#include <mapa/metrics_output.h>

#include "io/atomic_file.h"
#include "io/csv_table.h"

mapa_err mapa_write_windows_csv(const char *path, const mapa_window_row *rows, size_t n)
{
    mapa__atomic_file f = {NULL, NULL, NULL};
    mapa_err err = mapa__atomic_open(&f, path);
    if (err != MAPA_OK)
        return err;
    mapa__csv_begin(f.fp, "window_start,window_end,contacts,active_members,ties,density,components,"
          "transitivity,average_path_length,ei_index_agency,modularity_teams\n");
    for (size_t k = 0; k < n; k++) {
        const mapa_metrics *m = rows[k].m;
        char a[11], b[11];
        mapa_date_format(rows[k].first, a);
        mapa_date_format(rows[k].last, b);
        fprintf(f.fp, "%s,%s,%zu,%zu,%zu,%.6g,%zu,%.6g,%.6g,%.6g,%.6g\n", a, b, rows[k].contacts,
                m->n - m->isolates, m->n_ties, m->density, m->components, m->transitivity,
                m->average_path, m->ei, m->modularity_team);
    }
    return mapa__atomic_commit(&f);
}
