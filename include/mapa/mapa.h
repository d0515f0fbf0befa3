/* Umbrella header: everything public in the mapa library. */
#ifndef MAPA_MAPA_H
#define MAPA_MAPA_H

#include <mapa/diag.h>
#include <mapa/error.h>
#include <mapa/alloc.h>
#include <mapa/cf.h>
#include <mapa/io.h>
#include <mapa/import.h>
#include <mapa/output.h>
#include <mapa/out_dir.h>
#include <mapa/partnership.h>
#include <mapa/settings.h>
#include <mapa/summary.h>
#include <mapa/team_graph.h>
#include <mapa/date.h>
#include <mapa/network.h>
#include <mapa/metrics.h>
#include <mapa/metrics_output.h>
#include <mapa/team_metrics.h>
#include <mapa/text.h>
#include <mapa/duplicates.h>
#include <mapa/duplicates_output.h>
#include <mapa/generate.h>
#include <mapa/diagrams.h>
#include <mapa/runs.h>
#include <mapa/sweep.h>
#include <mapa/plan.h>
#include <mapa/policy.h>
#include <mapa/schedule.h>

#endif
