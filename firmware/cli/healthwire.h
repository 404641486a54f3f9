/* healthwire: wiring for the health metrics — the sources' state and the
 * item count from the cache (live), the frame loop's counts and thumbnail
 * (screen/frame/framehealth), libpng's writer (screen/render/pngio), into
 * ops/healthwriter, whose thread writes them every few seconds.
 * Owns: the writer thread's own cache connection.
 * Never: formats metrics (ops/health), schedules or writes files
 * (ops/healthwriter) or counts frames (screen/frame/framehealth).
 * Thread: start and stop on the main thread; the callbacks on the writer's. */
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

/* Starts ops/healthwriter when [health] textfile is set (else returns
 * NULL, and there is nothing to stop). */
struct healthwire *healthwire_start(const struct config *config, struct framehealth *frames, bool with_cache);
/* A group's state (live/sync/sync's status in the programbox, which must
 * outlive the writer) in the metrics from now on. */
void healthwire_set_sync(struct healthwire *writer, struct programbox *box);
/* Writes once more and stops. */
void healthwire_stop(struct healthwire *writer);

#endif
