/* startneeds: what a kiosk needs to start, beyond a file that reads —
 * its fonts, data folders and logo are there and readable, the folders of
 * the cache and the metrics file can be written, [remote] config_url is a
 * URL — checked on the file system as the kiosk would find it.
 * Owns: that list, shared by `ticker config check` and the fleet file's
 * start check (a fleet file is applied only when it passes).
 * Never: opens a font or the cache, or changes anything on disk; knows
 * where the cache goes by default (cli passes live/cache's answer).
 * Thread: any. */
#ifndef TICKER_STARTNEEDS_H
#define TICKER_STARTNEEDS_H

#include <stdbool.h>

#include "base/config.h"

/* Told one line: "ORIGIN: [section] key: PATH: reason"; warning: the
 * kiosk starts all the same (a local source not there yet). */
typedef void startneeds_fn(void *context, const char *problem, bool warning);

/* Each unmet need of a start with config, in a fixed order, to each;
 * cache_file: where its cache would be (NULL: not checked). */
void startneeds_each(const struct config *config, const char *cache_file, startneeds_fn *each, void *context);

#endif
