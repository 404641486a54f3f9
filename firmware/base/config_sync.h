/* config_sync: the [sync] section (struct sync_config in base/config.h):
 * its keys, defaults, bounds and errors, read for config's INI reader.
 * Owns: the [sync] rows — a table of their own until the settings table
 * (which [display] and the others are read through) takes them.  Never:
 * acts on a setting (live/sync does). */
#ifndef TICKER_CONFIG_SYNC_H
#define TICKER_CONFIG_SYNC_H

#include <stdbool.h>
#include <stddef.h>

#include "base/config.h"

/* Every [sync] default; false on OOM. */
bool config_sync_defaults(struct sync_config *sync);
/* One "name = value" line of [sync]: 1 read, 0 refused (err says which
 * key and what it wants), -1 out of memory. */
int config_sync_line(struct sync_config *sync, const char *name, const char *value, char *err, size_t err_size);

#endif
