/* playlog: the proof of play's writer — a thread that takes what the
 * screen showed from the play queue (base/playqueue) and writes it to the
 * cache database in batches (one transaction every few seconds, not one
 * per event: each commit is a write on the SD card), and deletes what is
 * older than [editorial] played_keep_days.
 * Owns: its thread and its own connection to the cache file.
 * Never: runs on the render thread or makes it wait (the queue is between). */
#ifndef TICKER_PLAYLOG_H
#define TICKER_PLAYLOG_H

#include <stdbool.h>

#include "base/config.h"
#include "base/playqueue.h"

#define PLAYLOG_BATCH_SECONDS 5 /* events wait at most this long before they are written */

struct playlog;

/* Starts the writer on the cache of config (NULL when that cannot be opened
 * or the thread cannot start: logged, and the events are dropped). */
struct playlog *playlog_start(const struct config *config, struct playqueue *queue);
/* Closes the queue, writes what is left and ends the thread. */
void playlog_stop(struct playlog *playlog);

#endif
