/* feeder: keeps the mailbox supplied with items — from the configured
 * sources, or the bundled demo content when none is configured — on its own
 * thread.  Never: touches SDL or blocks its caller. */
#ifndef TICKER_FEEDER_H
#define TICKER_FEEDER_H

#include <stdbool.h>
#include <time.h>

#include "base/config.h"
#include "base/mailbox.h"

struct feeder;

/* Before returning, posts what there is to show now (the cached items, or
 * the demo content when no source is configured), so the first frame shows
 * it; then fetches on its own thread. NULL on OOM or when the cache or the
 * thread cannot start (logged). */
struct feeder *feeder_start(const struct config *config, struct mailbox *mailbox);
void feeder_stop(struct feeder *feeder);

/* From any thread but the feeder's: a new configuration for the fetch loop
 * (see fetch_set_config), config outliving the feeder. False when the
 * feeder shows the demo content (no sources: no fetch loop to take it). */
bool feeder_set_config(struct feeder *feeder, const struct config *config);

/* Loads every configured source (or the demo content) at once, on the
 * caller's thread: for dump, screenshot and tests; a source outside its
 * hours at local_time is left out (NULL: every source). Errors are logged,
 * one line per source. Returns NULL only on OOM; an empty list when
 * nothing loaded. */
struct item_list *feeder_load_now(const struct config *config, const struct tm *local_time);
/* The same, each item handed to sink as soon as it is read (dump prints
 * them as they come: a large feed is never held whole). */
void feeder_load_each(const struct config *config, const struct tm *local_time, item_sink_fn *sink, void *arg);

#endif
