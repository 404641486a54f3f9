/* config_source: a source's memory — config_add_source, config_find_source,
 * config_source_clear (declared in config.h) — and what is read from a
 * [source NAME] section once all of it is read: its time zone and its
 * week of hours (dayparting, base/onhours).
 * Owns: those.  Never: reads the file itself (config_load does) or is
 * used outside base/config*.c (and ops/remote's change log, for the keys). */
#ifndef TICKER_CONFIG_SOURCE_H
#define TICKER_CONFIG_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/config.h"

/* The keys of a [source]'s hours as struct source_config's hours[] holds
 * them: hours_mon .. hours_sun (0..6), then `hours` (7, every day). */
extern const char *const config_source_hours_keys[8];
/* A new source named after its section (name: "demo" for [source demo]),
 * with the table's defaults and no location yet; NULL on OOM. Its address
 * holds until the next source is added. */
struct source_config *config_add_named_source(struct config *config, const char *name);
/* Each source's zone and week from its settings as they stand once a file
 * is read. False with err ("[source demo] hours: ..."). */
bool config_read_sources(struct config *config, char *err, size_t err_size);
/* The table's defaults of a struct config (source false) or a struct
 * source_config (source true). False on OOM. */
bool config_apply_defaults(void *base, bool source);
/* origins[index] = a copy of origin (NULL: the default). False on OOM. */
bool config_set_origin(char **origins, size_t index, const char *origin);

#endif
