/*
 * Sweeps and the HDF5 dataset, read back through the HDF5 C API: the /runs
 * table's shape, types and values against the runs recomputed unit by unit;
 * the per-run arrays; the attributes; resuming after a stop; workers giving
 * the same rows as one process; a file of another sweep refused; a file that
 * cannot be created is an error with nothing left behind.
 */
#define _DEFAULT_SOURCE
#include <hdf5.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <mapa/mapa.h>
#include <mapa/sweep.h>

static const char SWEEP[] =
    "{\n"
    "  \"name\": \"test\",\n"
    "  \"generator\": {\"members\": 60, \"topics\": 5, \"agencies\": 8, \"actions\": 40,\n"
    "                \"duplicate_share\": 0.2},\n"
    "  \"grid\": {\"dispersion\": [0.5, 3]},\n"
    "  \"policies\": {\"allocation\": [\"optimal\", \"random\"], \"cf\": [\"optimal\", "
    "\"none\"]},\n"
    "  \"replicates\": 2,\n"
    "  \"seed\": 11\n"
    "}\n";

static char dir[] = "/tmp/mapa-sweep-XXXXXX";

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void load(mapa_sweep *s, const char *text)
{
    char path[600];
    snprintf(path, sizeof path, "%s/sweep.json", dir);
    write_text(path, text);
    mapa_diags d = MAPA_DIAGS_INIT;
    assert_int_equal(mapa_sweep_load(s, path, &d), MAPA_OK);
    assert_int_equal(d.n_errors, 0);
    mapa_diags_dispose(&d);
}

static void stop_after_first(const mapa_sweep_progress *p, void *payload)
{
    (void)p;
    *(volatile sig_atomic_t *)payload = 1;
}

static void run_sweep(const mapa_sweep *s, const char *path, size_t jobs, bool stop_early,
                      bool *resumed)
{
    mapa_runs_file *f = NULL;
    assert_int_equal(
        mapa_runs_file_open(&f, path, s->json, (const char *const *)s->param, s->n_params, resumed),
        MAPA_OK);
    volatile sig_atomic_t stop = 0;
    mapa_sweep_options o = {jobs, stop_early ? stop_after_first : NULL, (void *)&stop, &stop, false};
    bool stopped = false;
    assert_int_equal(mapa_sweep_execute(s, f, &o, &stopped), MAPA_OK);
    assert_true(stopped == stop_early);
    assert_int_equal(mapa_runs_file_close(f, false), MAPA_OK);
}

/* /runs read back: rows sorted by run_id. */
static mapa_run_row *read_runs(const char *path, const mapa_sweep *s, size_t *n)
{
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    assert_true(file >= 0);
    hid_t d = H5Dopen2(file, "runs", H5P_DEFAULT);
    assert_true(d >= 0);
    hid_t space = H5Dget_space(d);
    *n = (size_t)H5Sget_simple_extent_npoints(space);
    /* the stored type: a compound with the documented columns */
    hid_t ftype = H5Dget_type(d);
    assert_int_equal(H5Tget_class(ftype), H5T_COMPOUND);
    int run_id = H5Tget_member_index(ftype, "run_id"),
        pol = H5Tget_member_index(ftype, "cf_policy");
    int param = H5Tget_member_index(ftype, "param_dispersion");
    assert_true(run_id >= 0 && pol >= 0 && param >= 0);
    hid_t t = H5Tget_member_type(ftype, (unsigned)run_id);
    assert_int_equal(H5Tget_class(t), H5T_INTEGER);
    assert_int_equal(H5Tget_size(t), 8);
    H5Tclose(t);
    t = H5Tget_member_type(ftype, (unsigned)pol);
    assert_int_equal(H5Tget_class(t), H5T_STRING);
    assert_int_equal(H5Tget_cset(t), H5T_CSET_UTF8);
    H5Tclose(t);
    t = H5Tget_member_type(ftype, (unsigned)param);
    assert_int_equal(H5Tget_class(t), H5T_FLOAT);
    H5Tclose(t);
    assert_true(H5Tget_member_index(ftype, "rank_1") >= 0);
    assert_true(H5Tget_member_index(ftype, "planted_spotted_share") >= 0);
    /* chunked and compressed */
    hid_t plist = H5Dget_create_plist(d);
    assert_int_equal(H5Pget_layout(plist), H5D_CHUNKED);
    assert_true(H5Pget_nfilters(plist) >= 1);
    H5Pclose(plist);
    H5Tclose(ftype);
    /* read with the memory type mapa writes with: same layout as mapa_run_row */
    mapa_run_row *rows = calloc(*n + 1, sizeof *rows);
    hid_t mtype = H5Tcreate(H5T_COMPOUND, sizeof(mapa_run_row));
    hid_t text = H5Tcopy(H5T_C_S1);
    H5Tset_size(text, MAPA_RUN_TEXT);
    H5Tset_strpad(text, H5T_STR_NULLPAD);
    H5Tset_cset(text, H5T_CSET_UTF8);
    H5Tinsert(mtype, "run_id", offsetof(mapa_run_row, run_id), H5T_NATIVE_INT64);
    H5Tinsert(mtype, "replicate", offsetof(mapa_run_row, replicate), H5T_NATIVE_INT32);
    H5Tinsert(mtype, "seed", offsetof(mapa_run_row, seed), H5T_NATIVE_UINT64);
    H5Tinsert(mtype, "param_dispersion", offsetof(mapa_run_row, param), H5T_NATIVE_DOUBLE);
    H5Tinsert(mtype, "cf_policy", offsetof(mapa_run_row, cf_policy), text);
    H5Tinsert(mtype, "alloc_policy", offsetof(mapa_run_row, alloc_policy), text);
    H5Tinsert(mtype, "alloc_objective", offsetof(mapa_run_row, alloc_objective), H5T_NATIVE_DOUBLE);
    H5Tinsert(mtype, "rank_1", offsetof(mapa_run_row, rank_count), H5T_NATIVE_INT32);
    H5Tinsert(mtype, "unranked", offsetof(mapa_run_row, unranked), H5T_NATIVE_INT32);
    H5Tinsert(mtype, "cf_filled", offsetof(mapa_run_row, cf_filled), H5T_NATIVE_INT32);
    H5Tinsert(mtype, "reach_two_steps", offsetof(mapa_run_row, reach_two_steps), H5T_NATIVE_DOUBLE);
    H5Tinsert(mtype, "density", offsetof(mapa_run_row, density), H5T_NATIVE_DOUBLE);
    H5Tinsert(mtype, "planted_found", offsetof(mapa_run_row, planted_found), H5T_NATIVE_INT32);
    H5Tinsert(mtype, "members", offsetof(mapa_run_row, members), H5T_NATIVE_INT32);
    assert_true(H5Dread(d, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows) >= 0);
    H5Tclose(mtype);
    H5Tclose(text);
    H5Sclose(space);
    H5Dclose(d);
    /* the attributes */
    assert_true(H5Aexists(file, "sweep") > 0 && H5Aexists(file, "mapa_version") > 0 &&
                H5Aexists(file, "created") > 0);
    H5Fclose(file);
    for (size_t i = 1; i < *n; i++) /* insertion sort by run_id */
        for (size_t k = i; k > 0 && rows[k].run_id < rows[k - 1].run_id; k--) {
            mapa_run_row x = rows[k];
            rows[k] = rows[k - 1];
            rows[k - 1] = x;
        }
    (void)s;
    return rows;
}

static void team_of_run(const char *path, int64_t run, int32_t *team, size_t n)
{
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    char name[64];
    snprintf(name, sizeof name, "run/%07lld/team", (long long)run);
    hid_t d = H5Dopen2(file, name, H5P_DEFAULT);
    assert_true(d >= 0);
    hid_t space = H5Dget_space(d);
    assert_int_equal(H5Sget_simple_extent_npoints(space), (hssize_t)n);
    assert_true(H5Dread(d, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, team) >= 0);
    H5Sclose(space);
    H5Dclose(d);
    H5Fclose(file);
}

static void sweep_read_back(void **state)
{
    (void)state;
    mapa_sweep s;
    load(&s, SWEEP);
    assert_int_equal(mapa_sweep_runs(&s), 2 * 2 * 4);
    char path[600];
    snprintf(path, sizeof path, "%s/results.h5", dir);
    bool resumed = true;
    run_sweep(&s, path, 1, false, &resumed);
    assert_false(resumed);
    size_t n;
    mapa_run_row *rows = read_runs(path, &s, &n);
    assert_int_equal(n, 16);
    size_t R = mapa_sweep_runs_per_unit(&s);
    for (size_t u = 0; u < mapa_sweep_units(&s); u++) {
        mapa_run_row *expect;
        mapa_run_arrays *arrays;
        assert_int_equal(mapa_sweep_unit(&s, u, &expect, &arrays), MAPA_OK);
        for (size_t k = 0; k < R; k++) {
            const mapa_run_row *got = &rows[u * R + k], *e = &expect[k];
            assert_int_equal(got->run_id, (int64_t)(u * R + k));
            assert_int_equal(got->replicate, (int32_t)(u % 2));
            assert_int_equal(got->seed, 11 + u % 2); /* base seed + replicate */
            assert_true(got->param[0] == (u / 2 == 0 ? 0.5 : 3.0));
            assert_string_equal(got->alloc_policy, e->alloc_policy);
            assert_string_equal(got->cf_policy, e->cf_policy);
            assert_true(got->alloc_objective == e->alloc_objective);
            assert_int_equal(got->rank_count[0], e->rank_count[0]);
            assert_int_equal(got->unranked, e->unranked);
            assert_int_equal(got->cf_filled, e->cf_filled);
            assert_true(got->reach_two_steps == e->reach_two_steps ||
                        (isnan(got->reach_two_steps) && isnan(e->reach_two_steps)));
            assert_true(fabs(got->density - e->density) < 1e-12);
            assert_int_equal(got->planted_found, e->planted_found);
            assert_int_equal(got->members, 60);
            int32_t team[60];
            team_of_run(path, got->run_id, team, 60);
            assert_memory_equal(team, arrays[k].team, sizeof team);
            /* the figures hold up on their own: ranks add up, CF none fills nothing */
            int32_t placed = e->unranked + e->rank_later;
            for (int r = 0; r < MAPA_RUN_RANKS; r++)
                placed += e->rank_count[r];
            assert_int_equal(placed, 60 - 2); /* two co-ordinators */
            if (strcmp(e->cf_policy, "none") == 0)
                assert_int_equal(e->cf_filled, 0);
            mapa_run_arrays_dispose(&arrays[k]);
        }
        free(expect);
        free(arrays);
    }
    /* the optimal allocation beats the random one on its own objective (same partnership) */
    for (size_t u = 0; u < mapa_sweep_units(&s); u++)
        assert_true(rows[u * R].alloc_objective >= rows[u * R + 2].alloc_objective);
    free(rows);
    unlink(path);
    mapa_sweep_dispose(&s);
}

/* Stopped after the first unit, then resumed: every run once, equal to an uninterrupted run. */
static void resume_after_stop(void **state)
{
    (void)state;
    mapa_sweep s;
    load(&s, SWEEP);
    char path[600], whole[600];
    snprintf(path, sizeof path, "%s/resumed.h5", dir);
    snprintf(whole, sizeof whole, "%s/whole.h5", dir);
    bool resumed;
    run_sweep(&s, path, 1, true, &resumed);
    size_t n;
    mapa_run_row *rows = read_runs(path, &s, &n);
    assert_int_equal(n, mapa_sweep_runs_per_unit(&s)); /* one unit written, whole */
    free(rows);
    run_sweep(&s, path, 2, false, &resumed); /* the rest, in two workers */
    assert_true(resumed);
    run_sweep(&s, whole, 1, false, &resumed);
    size_t m;
    mapa_run_row *a = read_runs(path, &s, &n), *b = read_runs(whole, &s, &m);
    assert_int_equal(n, 16);
    assert_int_equal(m, 16);
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(a[k].run_id, (int64_t)k); /* each run once */
        assert_true(a[k].alloc_objective == b[k].alloc_objective);
        assert_int_equal(a[k].cf_filled, b[k].cf_filled);
        assert_int_equal(a[k].planted_found, b[k].planted_found);
    }
    free(a);
    free(b);
    /* a third run finds nothing to do */
    run_sweep(&s, path, 1, false, &resumed);
    a = read_runs(path, &s, &n);
    assert_int_equal(n, 16);
    free(a);
    /* another sweep on the same file is refused */
    mapa_sweep other;
    load(&other, "{\"generator\": {\"members\": 30, \"topics\": 3, \"agencies\": 4}}");
    mapa_runs_file *f = NULL;
    assert_int_equal(mapa_runs_file_open(&f, path, other.json, NULL, 0, &resumed), MAPA_EFORMAT);
    assert_non_null(strstr(mapa_error_last(), "another sweep"));
    mapa_sweep_dispose(&other);
    unlink(path);
    unlink(whole);
    mapa_sweep_dispose(&s);
}

/* A file that cannot be created: an error naming it, nothing left behind. */
static void unwritable(void **state)
{
    (void)state;
    mapa_sweep s;
    load(&s, SWEEP);
    mapa_runs_file *f = NULL;
    bool resumed;
    char path[600];
    snprintf(path, sizeof path, "%s/no-such-folder/results.h5", dir);
    assert_int_equal(mapa_runs_file_open(&f, path, s.json, NULL, 0, &resumed), MAPA_EIO);
    assert_non_null(strstr(mapa_error_last(), "could not create"));
    assert_non_null(strstr(mapa_error_last(), "results.h5"));
    assert_null(f);
    /* a file that is not HDF5 is not touched */
    snprintf(path, sizeof path, "%s/notes.h5", dir);
    write_text(path, "not HDF5\n");
    assert_int_equal(mapa_runs_file_open(&f, path, s.json, NULL, 0, &resumed), MAPA_EIO);
    FILE *fp = fopen(path, "r");
    char line[32] = "";
    assert_non_null(fp);
    assert_non_null(fgets(line, sizeof line, fp));
    fclose(fp);
    assert_string_equal(line, "not HDF5\n");
    unlink(path);
    mapa_sweep_dispose(&s);
}

/* Bad sweep files: every problem at its line and column. */
static void bad_files(void **state)
{
    (void)state;
    char path[600];
    snprintf(path, sizeof path, "%s/bad.json", dir);
    write_text(path, "{\n  \"generator\": {\"members\": 30, \"topics\": 3, \"agencies\": 4,\n"
                     "                \"colour\": 2},\n"
                     "  \"grid\": {\"dispersion\": [1, \"high\"]},\n"
                     "  \"policies\": {\"allocation\": [\"best\"]},\n"
                     "  \"replicates\": 0\n}\n");
    mapa_sweep s;
    mapa_diags d = MAPA_DIAGS_INIT;
    assert_int_equal(mapa_sweep_load(&s, path, &d), MAPA_EFORMAT);
    assert_int_equal(d.n_errors, 4);
    mapa_diags_sort(&d);
    assert_int_equal(d.items[0].line, 3); /* colour */
    assert_non_null(strstr(d.items[0].message, "'colour' is not a generator parameter"));
    assert_int_equal(d.items[1].line, 4); /* dispersion */
    assert_int_equal(d.items[2].line, 5); /* allocation */
    assert_non_null(strstr(d.items[2].message, "'best' is not a policy"));
    assert_int_equal(d.items[3].line, 6); /* replicates */
    assert_int_equal(d.items[3].col, 3);
    mapa_diags_dispose(&d);
    /* a grid point that cannot make a partnership */
    write_text(path, "{\"generator\": {\"topics\": 10, \"agencies\": 4},\n"
                     " \"grid\": {\"members\": [100, 5]}}");
    d = (mapa_diags)MAPA_DIAGS_INIT;
    assert_int_equal(mapa_sweep_load(&s, path, &d), MAPA_EFORMAT);
    assert_int_equal(d.n_errors, 1);
    assert_non_null(strstr(d.items[0].message, "at members=5"));
    assert_int_equal(d.items[0].line, 2);
    mapa_diags_dispose(&d);
    /* not JSON */
    write_text(path, "{\"generator\": {\"members\": 30,}");
    d = (mapa_diags)MAPA_DIAGS_INIT;
    assert_int_equal(mapa_sweep_load(&s, path, &d), MAPA_EFORMAT);
    assert_non_null(strstr(d.items[0].message, "not valid JSON"));
    mapa_diags_dispose(&d);
    unlink(path);
}

static void add_action(mapa_partnership *p, const char *id, size_t team, const char *title)
{
    size_t idx;
    mapa_action a = {.id = (char *)id,
                     .team = team,
                     .title = (char *)title,
                     .description = "",
                     .target_group = "",
                     .start = INT32_MIN,
                     .end = INT32_MAX};
    assert_int_equal(mapa_partnership_add_action(p, &idx, &a), MAPA_OK);
}

/*
 * A run's figures against a plan worked by hand: 9 members in 3 teams (min 2 agencies,
 * one CF each) and a co-ordinator; agencies A (even members) and B (odd).
 *   t0 = {m0 A r1, m5 B r2}, t1 = {m1 B r1, m3 B r2, m4 A r1, m7 B r1}, t2 = {m2 A r1,
 *   m6 A unranked, m8 A r1}; CFs: m0 (t0) reviews t1, m1 (t1) reviews t2.
 * Actions a0 (t0) and a1 (t1) say the same; planted pairs (a0,a1), (a1,a2), (a0,a2),
 * (a0,a3) with a3 in t0.
 */
static void figures_by_hand(void **state)
{
    (void)state;
    mapa_partnership *p = NULL;
    assert_int_equal(mapa_partnership_new(&p), MAPA_OK);
    size_t idx;
    assert_int_equal(mapa_partnership_add_agency(p, &idx, "A", "A", MAPA_SECTOR_POLICE, true), 0);
    assert_int_equal(mapa_partnership_add_agency(p, &idx, "B", "B", MAPA_SECTOR_NGO, false), 0);
    for (size_t t = 0; t < 3; t++) {
        char id[8];
        snprintf(id, sizeof id, "t%zu", t);
        mapa_topic topic = {.id = id,
                            .name = id,
                            .min_size = 1,
                            .max_size = MAPA_UNLIMITED,
                            .min_agencies = 2,
                            .max_per_agency = MAPA_UNLIMITED,
                            .cf_required = 1};
        assert_int_equal(mapa_partnership_add_topic(p, &idx, &topic), MAPA_OK);
    }
    size_t team[10] = {0, 1, 2, 1, 1, 0, 2, 1, 2, MAPA_NONE}, spoc[3] = {0, 1, 2};
    for (size_t i = 0; i < 10; i++) {
        char id[8];
        snprintf(id, sizeof id, "m%zu", i);
        size_t prefs[2] = {i % 3, (i + 1) % 3};
        mapa_member m = {.id = id,
                         .name = id,
                         .agency = i % 2,
                         .role = "",
                         .discipline = "",
                         .cf_capacity = 1,
                         .prefs = prefs,
                         .n_prefs = i == 9 ? 0 : 2,
                         .coordinator = i == 9,
                         .fixed_team = MAPA_NONE,
                         .previous_team = MAPA_NONE};
        assert_int_equal(mapa_partnership_add_member(p, &idx, &m), MAPA_OK);
    }
    add_action(p, "a0", 0, "Leaflet for car wash workers about wages and rights");
    add_action(p, "a1", 1, "Leaflet for car wash workers about wages and rights");
    add_action(p, "a2", 2, "Audit of farm labour providers in the county");
    add_action(p, "a3", 0, "Training day for hospital reception staff");
    mapa_alloc al = MAPA_ALLOC_INIT;
    al.status = MAPA_STATUS_OPTIMAL;
    al.team = team;
    al.spoc = spoc;
    al.worst_rank = 3;
    mapa_cf_pair pairs[2] = {{0, 1, MAPA_STAGE_DECISION | MAPA_STAGE_EVALUATION, 0, false},
                             {1, 2, MAPA_STAGE_DECISION | MAPA_STAGE_EVALUATION, 0, false}};
    mapa_cf cf = MAPA_CF_INIT;
    cf.status = MAPA_STATUS_OPTIMAL;
    cf.method = "min-cost flow";
    cf.pairs = pairs, cf.n_pairs = 2, cf.places = 3, cf.filled = 2;
    mapa_planted_pair truth[4] = {{0, 1}, {1, 2}, {0, 2}, {0, 3}};
    mapa_run_row row;
    memset(&row, 0, sizeof row);
    mapa_run_arrays arr;
    mapa_run_options o = {false, true};
    assert_int_equal(mapa_run_measure(&row, &arr, p, &al, &cf, truth, 4, &o), MAPA_OK);
    assert_int_equal(row.rank_count[0], 6); /* m0 m1 m2 m4 m7 m8 */
    assert_int_equal(row.rank_count[1], 2); /* m3 m5 */
    assert_int_equal(row.unranked, 1);      /* m6 */
    assert_true(fabs(row.mean_rank - 13.0 / 9.0) < 1e-12);
    assert_true(fabs(row.first_choice_share - 6.0 / 9.0) < 1e-12);
    assert_true(fabs(row.mean_agencies_per_team - 5.0 / 3.0) < 1e-12);
    assert_int_equal(row.min_agencies_per_team, 1);
    assert_int_equal(row.teams_below_min_agencies, 1); /* t2: agency A only */
    assert_true(row.largest_agency_share == 1.0);
    assert_int_equal(row.cf_places, 3);
    assert_int_equal(row.cf_filled, 2);
    assert_true(fabs(row.cf_coverage - 2.0 / 3.0) < 1e-12);
    assert_string_equal(row.cf_status, "optimal");
    assert_int_equal(row.duplicate_pairs, 1); /* a0 and a1 */
    assert_int_equal(row.duplicates_spotted, 1);
    assert_int_equal(row.planted_pairs, 3); /* (a0,a3) is inside t0 */
    assert_int_equal(row.planted_found, 1);
    assert_int_equal(row.planted_spotted, 2); /* t0-t1 and t1-t2 have a CF link, t0-t2 not */
    assert_true(fabs(row.planted_spotted_share - 2.0 / 3.0) < 1e-12);
    assert_true(isnan(row.density)); /* metrics off */
    int32_t want_rank[10] = {1, 1, 1, 2, 1, 2, 0, 1, 1, -1};
    assert_memory_equal(arr.rank, want_rank, sizeof want_rank);
    assert_int_equal(arr.team[9], -1);
    assert_int_equal(arr.cf_member[1], 1);
    assert_int_equal(arr.cf_team[1], 2);
    assert_null(arr.betweenness);
    assert_string_equal(row.alloc_status, "optimal");
    assert_int_equal(row.rules_broken, 0);
    mapa_run_arrays_dispose(&arr);
    /* the same plan from a baseline that reports broken rules: recorded, rules counted by
       hand (t2 has one agency; no SPOC is willing: 3) */
    al.status = MAPA_STATUS_INFEASIBLE;
    memset(&row, 0, sizeof row);
    assert_int_equal(mapa_run_measure(&row, &arr, p, &al, &cf, truth, 4, &o), MAPA_OK);
    assert_string_equal(row.alloc_status, "breaks_rules");
    assert_int_equal(row.rules_broken, 1 + 3);
    assert_int_equal(row.rank_count[0], 6);
    mapa_run_arrays_dispose(&arr);
    /* no plan (a member without a team): sizes and status, figures NaN, arrays -1 */
    team[4] = MAPA_NONE;
    memset(&row, 0, sizeof row);
    assert_int_equal(mapa_run_measure(&row, &arr, p, &al, NULL, NULL, 0, &o), MAPA_OK);
    assert_string_equal(row.alloc_status, "infeasible");
    assert_true(isnan(row.mean_rank) && isnan(row.first_choice_share));
    assert_int_equal(row.rank_count[0], 0);
    assert_int_equal(row.members, 10);
    assert_int_equal(arr.team[0], -1);
    mapa_run_arrays_dispose(&arr);
    mapa_partnership_free(p);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(sweep_read_back),
                                       cmocka_unit_test(resume_after_stop),
                                       cmocka_unit_test(unwritable), cmocka_unit_test(bad_files),
                                       cmocka_unit_test(figures_by_hand)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
