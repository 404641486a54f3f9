/* healthwriter: the kiosk's health-writer thread — every 15 s (node_exporter
 * scrapes every 15-60 s) the health report (ops/health) to [health]
 * textfile and the proof-of-render thumbnail beside it, and once more as
 * the program ends.
 * Owns: the thread and its schedule, the thumbnail's path, a failing write
 * said once (and the package that makes node_exporter's folder named).
 * Never: reads the frame loop or the cache itself, nor encodes a PNG: the
 * callbacks that cli sets (screen/frame/framehealth, live/cache,
 * screen/render/pngio) hand over plain data and write the picture.
 * Thread: its own; every callback runs on it. */
#ifndef TICKER_HEALTHWRITER_H
#define TICKER_HEALTHWRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/config.h"
#include "base/program.h"
#include "ops/health.h"

/* The frame loop's newest read-back of the screen: RGB rows, width * 3
 * bytes each. */
struct health_thumbnail {
    uint8_t *rgb; /* malloc'd, freed by the writer; NULL: none since the last */
    int width, height;
};

struct healthwriter_wiring {
    /* The frame loop's part of report (frames, histogram, what is shown,
     * the screen: pointers into context's memory, valid until the next
     * call) and its newest thumbnail. */
    void (*read_frames)(void *context, struct health_report *report, struct health_thumbnail *thumbnail);
    /* The cache's part (sources, cache figures, rules; unknown when NULL),
     * released by clear_cache after the write. */
    void (*read_cache)(void *context, struct health_report *report);
    void (*clear_cache)(void *context, struct health_report *report);
    /* Writes the thumbnail as a PNG of mode at path; false with err. */
    bool (*write_png)(const char *path, int mode, const struct health_thumbnail *thumbnail, char *err,
                      size_t err_size);
    /* After the last write, on the writer's thread (its own connections
     * closed). NULL: none. */
    void (*finish)(void *context);
    void *context;
};

struct healthwriter;

/* Starts the writer when [health] textfile is set (else NULL, and there is
 * nothing to stop). config and the wiring's context outlive it. */
struct healthwriter *healthwriter_start(const struct config *config, const struct healthwriter_wiring *wiring);
/* A group's state (live/sync/sync's status in the programbox, which must
 * outlive the writer) in the metrics from now on. */
void healthwriter_set_sync(struct healthwriter *writer, struct programbox *box);
/* Writes once more and stops. */
void healthwriter_stop(struct healthwriter *writer);

/* PATH.prom -> PATH.png beside it, unless [health] thumbnail names a file.
 * Caller frees; NULL on OOM. */
char *healthwriter_thumbnail_path(const struct config *config);

#endif
