/*
 * The diagrams' bounded cost: the team graph becomes a table exactly above
 * MAPA_DIAGRAM_CIRCO_MAX teams, and the duplicates map draws at most
 * MAPA_DIAGRAM_DUP_PAIRS_MAX team pairs (the most duplicated, whole ties only),
 * counting the rest; checked on the decisions and on a drawn map.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io/diagram_limits.h"

static void team_graph_layout_switches_above_the_limit(void **state)
{
    (void)state;
    assert_string_equal(mapa__diagram_layout("circo", MAPA_DIAGRAM_CIRCO_MAX), "circo");
    assert_string_equal(mapa__diagram_layout("circo", MAPA_DIAGRAM_CIRCO_MAX + 1), "sfdp");
    assert_string_equal(mapa__diagram_layout("dot", 100000), "dot");
    assert_false(mapa__diagram_team_table(MAPA_DIAGRAM_CIRCO_MAX));
    assert_true(mapa__diagram_team_table(MAPA_DIAGRAM_CIRCO_MAX + 1));
}

static size_t drawn(const size_t *count, size_t n, size_t floor)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += count[i] && count[i] >= floor;
    return k;
}

static void duplicates_map_keeps_the_most_duplicated_pairs(void **state)
{
    (void)state;
    size_t keep = MAPA_DIAGRAM_DUP_PAIRS_MAX, n = 300 * 300;
    size_t *count = calloc(n, sizeof *count);
    assert_non_null(count);
    for (size_t k = 0; k < keep; k++) /* exactly the limit: every pair drawn */
        count[k * 7] = 1 + k % 3;
    assert_int_equal(mapa__diagram_floor(count, n, keep), 1);
    assert_int_equal(drawn(count, n, 1), keep);
    count[5] = 1; /* one more: the pairs of count 1 no longer all fit */
    size_t floor = mapa__diagram_floor(count, n, keep);
    assert_int_equal(floor, 2);
    assert_true(drawn(count, n, floor) <= keep);
    for (size_t i = 0; i < n; i++) /* 5,235 pairs as at 100,000 members: the top ones */
        count[i] = i % 17 == 0 ? 1 + (i * 2654435761u) % 9 : 0;
    floor = mapa__diagram_floor(count, n, keep);
    size_t k = drawn(count, n, floor), above = drawn(count, n, floor - 1);
    assert_true(k <= keep && above > keep);       /* as many as fit, whole ties */
    size_t least_drawn = SIZE_MAX, most_left = 0; /* drawn: the most duplicated ones */
    for (size_t i = 0; i < n; i++) {
        if (count[i] && count[i] >= floor)
            least_drawn = count[i] < least_drawn ? count[i] : least_drawn;
        else
            most_left = count[i] > most_left ? count[i] : most_left;
    }
    assert_true(most_left < least_drawn);
    free(count);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(team_graph_layout_switches_above_the_limit),
        cmocka_unit_test(duplicates_map_keeps_the_most_duplicated_pairs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
