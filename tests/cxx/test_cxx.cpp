// A C++ caller of the public API: <mapa/mapa.h> compiles as C++, and a function from every
// public header links. It plans a generated partnership through mapa_plan_run and checks
// the result, so a header whose declarations lack extern "C" fails to link here.
#include <mapa/mapa.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <stdlib.h>

static int failures = 0;

static void check(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "FAIL: %s\n", what);
        failures++;
    }
}

int main()
{
    // error.h, policy.h, settings.h, alloc.h, date.h
    check(std::strlen(mapa_version()) > 0, "mapa_version");
    check(std::strcmp(mapa_alloc_policy_name(MAPA_POLICY_GREEDY), "greedy") == 0, "policy name");
    check(std::strcmp(mapa_objective_name(MAPA_OBJECTIVE_BORDA), "borda") == 0, "objective name");
    check(std::strcmp(mapa_status_name(MAPA_STATUS_OPTIMAL), "optimal") == 0, "status name");
    int32_t day = 0;
    check(mapa_date_parse("2027-01-11", &day), "mapa_date_parse");
    check(mapa_plan_window_valid("30d") && !mapa_plan_window_valid("0d"), "window");

    // generate.h: a small partnership
    mapa_generator g = MAPA_GENERATOR_INIT;
    g.members = 60;
    g.topics = 4;
    g.agencies = 12;
    g.actions = 20;
    mapa_partnership *p = nullptr;
    mapa_planted_pair *truth = nullptr;
    size_t n_truth = 0;
    check(mapa_generate_partnership(&p, &g, &truth, &n_truth) == MAPA_OK, "generate");
    if (!p)
        return 1;

    // plan.h: allocation, Critical Friends, metrics, duplicates (nothing written)
    mapa_plan_options o;
    mapa_plan_options_init(&o);
    o.stages = MAPA_PLAN_ALLOCATE | MAPA_PLAN_CF | MAPA_PLAN_METRICS | MAPA_PLAN_DUPLICATES;
    mapa_plan_result r;
    mapa_plan_result_init(&r);
    check(mapa_plan_run(&r, p, &o) == MAPA_OK, mapa_error_last());
    check(r.planned && r.cf_planned, "planned");
    check(r.teams.n_teams == 4, "team counts");

    // metrics.h, network.h, team_metrics.h, team_graph.h directly
    mapa_network net = MAPA_NETWORK_INIT;
    mapa_metrics m{};
    check(mapa_network_from_plan(&net, p, r.team, r.spoc, &r.cf) == MAPA_OK, "network");
    check(mapa_metrics_compute(&m, &net, nullptr) == MAPA_OK, "metrics");
    check(m.n == p->n_members, "metrics size");
    mapa_team_counts c = MAPA_TEAM_COUNTS_INIT;
    check(mapa_team_counts_compute(&c, p, r.team) == MAPA_OK && c.size[0] == r.teams.size[0],
          "team counts again");
    mapa_team_graph_figures tg{};
    size_t from[1] = {0}, to[1] = {1};
    check(mapa_team_graph_measure(&tg, 2, from, to, 1) == MAPA_OK, "team graph");

    // summary.h, runs.h, text.h, diag.h, cf.h, duplicates.h, output.h, io.h, sweep.h
    mapa_summary s = MAPA_SUMMARY_INIT;
    check(mapa_summary_compute(&s, p) == MAPA_OK, "summary");
    mapa_run_row row;
    std::memset(&row, 0, sizeof row);
    mapa_run_text(row.cf_policy, "optimal");
    mapa_text *text = nullptr;
    check(mapa_text_new(&text) == MAPA_OK, "text");
    check(mapa_text_stop_word("the"), "stop word");
    mapa_diags d = MAPA_DIAGS_INIT;
    mapa_partnership *none = nullptr;
    check(mapa_partnership_load(&none, &d, "/nonexistent/mapa") != MAPA_OK, "load missing");
    mapa_saved_plan sp = MAPA_SAVED_PLAN_INIT;
    mapa_saved_plan_dispose(&sp);
    mapa_sweep sw;
    std::memset(&sw, 0, sizeof sw);
    check(mapa_sweep_units(&sw) == 0, "sweep units");
    // diagrams.h, metrics_output.h, duplicates_output.h: written into a temporary folder
    char dir[] = "/tmp/mapa-cxx-XXXXXX";
    check(mkdtemp(dir) != nullptr, "mkdtemp");
    mapa_metrics_report rep = {&net, &m, "plan", p, nullptr, nullptr};
    check(mapa_write_metrics(dir, "", &rep) == MAPA_OK, "write metrics");
    check(mapa_write_duplicates(dir, p, &r.duplicates) == MAPA_OK, "write duplicates");
    mapa_window_row w = {0, 30, 0, &m};
    std::string windows = std::string(dir) + "/windows.csv";
    check(mapa_write_windows_csv(windows.c_str(), &w, 1) == MAPA_OK, "write windows");
    mapa_diagram_input in = {p, r.team, r.spoc, &r.cf, MAPA_DIAGRAM_AUTO};
    size_t drawn = 0;
    check(mapa_draw_diagrams(dir, &in, MAPA_DIAGRAM_SVG, &drawn) == MAPA_OK && drawn >= 4,
          "draw diagrams");
    std::string rm = std::string("rm -rf ") + dir;
    check(std::system(rm.c_str()) == 0, "clean up");

    mapa_diags_dispose(&d);
    mapa_text_free(text);
    mapa_summary_dispose(&s);
    mapa_team_counts_dispose(&c);
    mapa_metrics_dispose(&m);
    mapa_network_dispose(&net);
    mapa_plan_result_dispose(&r);
    std::free(truth);
    mapa_partnership_free(p);
    std::printf("%d passed, %d failed\n", failures ? 0 : 1, failures ? 1 : 0);
    return failures ? 1 : 0;
}
