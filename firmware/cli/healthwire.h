/* healthwire: wiring for the health metrics — the sources' state and the
 * item count from the cache (live), the frame loop's counts (screen), into
 * ops/health's plain report; and the kiosk's writer thread that puts the
 * textfile and the proof-of-render thumbnail on disk every few seconds.
 * Never: formats metrics (ops/health) or counts frames (screen/frame/framehealth). */
#ifndef TICKER_HEALTHWIRE_H
#define TICKER_HEALTHWIRE_H

#include <stdbool.h>

#include "base/config.h"
#include "ops/health.h"
#include "screen/frame/framehealth.h"

struct cache;
/* The report's sources and cache figures, read from cache (NULL: unknown).
 * Free with healthwire_report_clear. */
void healthwire_from_cache(struct health_report *report, struct cache *cache);
void healthwire_report_clear(struct health_report *report);

struct healthwire;

/* Starts the writer when [health] textfile is set (else returns NULL, and
 * there is nothing to stop). */
struct healthwire *healthwire_start(const struct config *config, struct framehealth *frames, bool with_cache);
/* A group's state (live/sync/sync's status in the programbox, which must
 * outlive the writer) in the metrics from now on. */
void healthwire_set_sync(struct healthwire *writer, struct programbox *box);
/* Writes once more and stops. */
void healthwire_stop(struct healthwire *writer);

#endif
