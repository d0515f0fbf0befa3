/*
 * GSL's and igraph's error handlers: mapa's entry points run with quiet
 * handlers (an error comes back as a code, never an abort) and give the
 * program's own handlers back afterwards.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include <igraph/igraph.h>

#include <mapa/metrics.h>
#include <mapa/team_graph.h>

static int gsl_calls, igraph_calls;

static void program_gsl(const char *reason, const char *file, int line, int err)
{
    (void)reason, (void)file, (void)line, (void)err;
    gsl_calls++;
}

static void program_igraph(const char *reason, const char *file, int line, igraph_error_t err)
{
    (void)reason, (void)file, (void)line, (void)err;
    igraph_calls++;
}

static void entry_points_restore_program_handlers(void **state)
{
    (void)state;
    gsl_set_error_handler(program_gsl);
    igraph_set_error_handler(program_igraph);

    size_t from[] = {0, 1, 2}, to[] = {1, 2, 0};
    mapa_team_graph_figures f;
    assert_int_equal(mapa_team_graph_measure(&f, 3, from, to, 3), MAPA_OK);
    assert_true(f.strongly_connected);
    mapa_network net = MAPA_NETWORK_INIT;
    mapa_metrics m;
    assert_int_equal(mapa_metrics_compute(&m, &net, NULL), MAPA_OK); /* the empty network */
    mapa_metrics_dispose(&m);

    /* ours again: a GSL error reaches the program's handler, not an abort */
    assert_ptr_equal(gsl_set_error_handler(program_gsl), program_gsl);
    assert_ptr_equal(igraph_set_error_handler(program_igraph), program_igraph);
    gsl_error("test", __FILE__, __LINE__, GSL_EINVAL);
    assert_int_equal(gsl_calls, 1);
    assert_int_equal(igraph_calls, 0); /* mapa's igraph errors never reached the program */
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(entry_points_restore_program_handlers)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
