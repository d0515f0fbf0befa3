/*
 * Ctrl-C and SIGTERM in every command: the temporaries are removed, one line
 * says what was being done, and the exit code is 130. Only async-signal-safe
 * calls in the handler (unlink, write, _exit). mapa sweep installs its own,
 * which lets the runs being written finish.
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <mapa/interrupt.h>
#include <mapa/out_dir.h>

#include "cli/cli.h"

static const char *volatile verb_now = "";
static const char *volatile doing_now = "starting";

static void say(const char *s)
{
    ssize_t ignored = write(STDERR_FILENO, s, strlen(s));
    (void)ignored;
}

static void on_interrupt(int sig)
{
    mapa_remove_temporaries();
    say("\nmapa ");
    say(verb_now);
    say(sig == SIGINT ? ": interrupted (Ctrl-C) while " : ": stopped (SIGTERM) while ");
    say(doing_now);
    bool committed = false;
    const char *target = mapa_out_dir_interrupted(&committed);
    if (target && committed) {
        say(": the new run was already complete in ");
        say(target);
    } else if (target) {
        say(": nothing of this run was kept; ");
        say(target);
        say(" was left as the previous run left it");
    } else {
        say(": nothing was written");
    }
    say(", and no temporary is left\n");
    _exit(130);
}

void mapa_cli_interrupt_install(const char *verb)
{
    verb_now = verb;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGINT);
    sigaddset(&sa.sa_mask, SIGTERM);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

void mapa_cli_interrupt_doing(const char *doing)
{
    doing_now = doing;
}
