/* The one place mapa installs and restores GSL's and igraph's error handlers (handlers.h). */
#include "models/handlers.h"

#include <gsl/gsl_errno.h>
#include <igraph/igraph.h>

void mapa__handlers_enter(mapa__handlers *saved)
{
    saved->gsl = (mapa__fn)gsl_set_error_handler_off();
    saved->igraph_error = (mapa__fn)igraph_set_error_handler(igraph_error_handler_ignore);
    saved->igraph_warning = (mapa__fn)igraph_set_warning_handler(igraph_warning_handler_ignore);
}

void mapa__handlers_leave(const mapa__handlers *saved)
{
    gsl_set_error_handler((gsl_error_handler_t *)saved->gsl);
    igraph_set_error_handler((igraph_error_handler_t *)saved->igraph_error);
    igraph_set_warning_handler((igraph_warning_handler_t *)saved->igraph_warning);
}
