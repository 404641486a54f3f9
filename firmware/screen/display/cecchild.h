/* cecchild: the kiosk's side of HDMI-CEC — each request runs `PROGRAM cec
 * standby|on` (screen/display/cecpower in a short-lived child process) from a
 * thread of its own, with a time limit, so libcec's faults (Debian 12's
 * libcec 6.0.2 ended its process with status 255 in about one run in ten
 * while shutting down without an adapter) end the child only.
 * Owns: the thread, the child (started with posix_spawn, its output read
 * through a pipe, killed at the time limit, always reaped).
 * Never: waits on the caller's thread (the render loop asks and polls), or
 * decides what a failure means (screen/display/screenpower does). */
#ifndef TICKER_CECCHILD_H
#define TICKER_CECCHILD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/limits.h"

#define CECCHILD_TIME_LIMIT_SECONDS 20 /* libcec may take 10 s to open an adapter */

struct cecchild;

/* program: the ticker executable (the kiosk passes /proc/self/exe); a
 * child that has not ended after time_limit_seconds is killed (SIGKILL).
 * Starts the thread; nothing runs before the first request. NULL on OOM. */
struct cecchild *cecchild_create(const char *program, int time_limit_seconds);
/* Stops the thread once the requests made so far have run (each child
 * ends or is killed at the time limit); cecchild_take still answers. */
void cecchild_stop(struct cecchild *cec);
/* cecchild_stop, then frees. */
void cecchild_destroy(struct cecchild *cec);

/* Asks for the TV on or to standby; returns at once. A request made while
 * a child runs is run after it (the newest wins). */
void cecchild_request(struct cecchild *cec, bool on);

struct cecchild_outcome {
    bool on;            /* what was asked */
    bool worked;        /* the child exited with status 0 */
    int exit_status;    /* its exit status; -1 when killed by a signal or at the time limit */
    char reason[TICKER_REASON_MAX]; /* the child's last line of output, or what ended it */
};
/* The outcome of a finished request, once (false while none finished since
 * the last take). Never waits. */
bool cecchild_take(struct cecchild *cec, struct cecchild_outcome *out);

#endif
