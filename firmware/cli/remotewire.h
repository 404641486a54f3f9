/* remotewire: wiring for the remote configuration — where the last good
 * copy lives, loading it at start, and the kiosk's thread that fetches
 * [remote] config_url through live/http (conditional GET, the feeds' limits
 * and User-Agent), has ops/remote check the whole file, keeps it as the
 * last good copy and asks for a clean restart to apply it.
 * Never: applies a file that failed its check (the running kiosk and the
 * last good copy stay as they were). */
#ifndef TICKER_REMOTEWIRE_H
#define TICKER_REMOTEWIRE_H

#include <stdbool.h>

#include "base/config.h"

/* Where the last good copy is kept: [remote] last_good, else remote.ini
 * beside the cache. Caller frees. */
char *remotewire_last_good_path(const struct config *config);
/* At start, before the command line's flags: the last good copy over the
 * local file, when [remote] config_url is set and a copy exists (so a kiosk
 * that boots offline runs as configured). False only when the copy cannot
 * be read; the error is logged and the local settings stay. */
bool remotewire_load_last_good(struct config *config);

struct remotewire;

/* Starts the fetch thread when [remote] config_url is set (else NULL). */
struct remotewire *remotewire_start(const struct config *config);
/* Whether a new file was accepted and the kiosk should restart to apply it
 * (the frame loop is told to quit through SDL_QUIT). */
bool remotewire_restart_wanted(struct remotewire *remote);
void remotewire_stop(struct remotewire *remote);

#endif
