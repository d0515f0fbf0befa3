/*
 * GSL's and igraph's error handlers, tamed in one place: their defaults abort
 * the process (GSL) or print (igraph). Each library entry point that calls
 * into them brackets its work with enter/leave, which installs handlers that
 * only return the codes and then restores whatever the program had.
 */
#ifndef MAPA_MODELS_HANDLERS_H
#define MAPA_MODELS_HANDLERS_H

/** A function pointer of no particular type (converted back before any call). */
typedef void (*mapa__fn)(void);

typedef struct mapa__handlers {
    mapa__fn gsl;          /* the program's gsl_error_handler_t */
    mapa__fn igraph_error; /* the program's igraph_error_handler_t */
    mapa__fn igraph_warning;
} mapa__handlers;

/** Install the quiet handlers; `saved` receives the program's. */
void mapa__handlers_enter(mapa__handlers *saved);

/** Put the program's handlers back. */
void mapa__handlers_leave(const mapa__handlers *saved);

#endif
