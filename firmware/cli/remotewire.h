/* remotewire: wiring for the remote configuration — where the last good
 * copy lives, loading it at start, and the kiosk's thread that fetches
 * [remote] config_url through live/http (conditional GET, the feeds' limits
 * and User-Agent) every [remote] refresh and on SIGHUP, has ops/remote
 * check the whole file, keeps it as the last good copy and applies it:
 * live when it can (the sources to the feeder's fetch loop, the display
 * settings and the schedule to the screen through the mailbox), by a
 * clean restart when ops/remote says a change needs one. The log says
 * which, and what changed.
 * Owns: every configuration it put in force (threads may read any of them
 * until the end), the log of what happened.
 * Never: applies a file that failed its check (the running kiosk and the
 * last good copy stay as they were), or waits on the render thread. */
#ifndef TICKER_REMOTEWIRE_H
#define TICKER_REMOTEWIRE_H

#include <stdbool.h>

#include "base/config.h"

/* Where the last good copy is kept: [remote] last_good, else remote.ini in
 * the state folder ($STATE_DIRECTORY, /var/lib/ticker, the XDG state
 * folder), wherever the cache is. Caller frees. */
char *remotewire_last_good_path(const struct config *config);
/* At start, before the command line's flags: the last good copy over the
 * local file, when [remote] config_url is set and a copy exists (so a kiosk
 * that boots offline runs as configured). False only when the copy cannot
 * be read; the error is logged and the local settings stay. */
bool remotewire_load_last_good(struct config *config);

struct remotewire;

/* Where a configuration applied live goes. */
struct remotewire_targets {
    struct feeder *feeder;    /* its fetch loop takes the sources; NULL: none (made-up items) */
    struct mailbox *mailbox;  /* the screen takes the display settings and schedule */
    /* Applies the command line's flags and SOURCE arguments to a fresh
     * configuration, as at start; false when it cannot. NULL: none. */
    bool (*command_line)(struct config *config, void *context);
    void *context;
};

/* Starts the fetch thread when [remote] config_url is set (else NULL).
 * config is the configuration in force; SIGHUP must be blocked in every
 * thread (main does it before any starts): this thread takes it with
 * sigtimedwait as "fetch the file now". */
struct remotewire *remotewire_start(const struct config *config, const struct remotewire_targets *targets);
/* Whether a new file was accepted and the kiosk should restart to apply it
 * (the frame loop is told to quit through SDL_QUIT). */
bool remotewire_restart_wanted(struct remotewire *remote);
/* Stops the thread: no configuration is applied after it returns. */
void remotewire_stop(struct remotewire *remote);
/* After every thread that may read them stopped: frees the configurations
 * put in force live, and remote. */
void remotewire_destroy(struct remotewire *remote);

#endif
