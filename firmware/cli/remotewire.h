/* remotewire: wiring for the remote configuration (ops/fleet): its fetch
 * through live/http/http (the local file's client settings, never the fleet
 * file's), the feeder's fetch loop for sources applied live, the screen's
 * mailbox, the command line, and the start check a fleet file must pass.
 * Owns: the HTTP client of the fleet's thread and the local settings it
 * was made from.
 * Never: judges, keeps or applies a fleet file (ops/fleet does).
 * Thread: remotewire_load_last_good and the start check on the main
 * thread at start; the fetch callback on the fleet's thread. */
#ifndef TICKER_REMOTEWIRE_H
#define TICKER_REMOTEWIRE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/config.h"

/* Where the kept copy lives (ops/fleet's fleet_kept_path). Caller frees. */
char *remotewire_last_good_path(const struct config *config);
/* At start, before the command line's flags: the kept copy over config
 * when it passes every check, else it is set aside (ops/fleet). */
bool remotewire_load_last_good(struct config *config);

/* Whether a kiosk with config would start, by ops/startneeds (the list
 * `ticker config check` prints): false with err its first unmet need. */
bool remotewire_start_check(const struct config *config, char *err, size_t err_size);

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

/* Starts the fleet's thread when [remote] config_url is set (else NULL).
 * config is the configuration in force; SIGHUP must be blocked in every
 * thread (main does it before any starts). */
struct remotewire *remotewire_start(const struct config *config, const struct remotewire_targets *targets);
/* The flag the frame loop stops on when a file needs a clean restart
 * (NULL for none). */
const atomic_bool *remotewire_restart_flag(const struct remotewire *remote);
bool remotewire_restart_wanted(const struct remotewire *remote);
/* Stops the thread: no configuration is applied after it returns. */
void remotewire_stop(struct remotewire *remote);
/* After every thread that may read them stopped. */
void remotewire_destroy(struct remotewire *remote);

#endif
