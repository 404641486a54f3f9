/* config_source: the settings of one [source NAME] section that are more
 * than a number — alert type, severity and expiry, and the source's hours
 * (dayparting, read by base/onhours) — for config.c's INI reader.
 * Owns: those checks and their error texts, and (declared in config.h) a
 * source's memory: config_add_source, config_find_source,
 * config_source_clear.  Never: reads the file itself
 * (config.c does) or is used outside base/config*.c. */
#ifndef TICKER_CONFIG_SOURCE_H
#define TICKER_CONFIG_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/config.h"

/* type, severity, expire_after of the section's source: 1, or 0 with err set. */
int config_source_alert_setting(struct source_config *source, const char *section, const char *name, const char *value,
                                char *err, size_t err_size);
/* The keys of a [source]'s hours as struct source_config's hours[] holds
 * them: hours_mon .. hours_sun (0..6), then `hours` (7, every day). */
extern const char *const config_source_hours_keys[8];
/* hours, hours_mon .. hours_sun of the section's source, each value
 * checked on its own line: 1, or 0 with err set. */
int config_source_hours_setting(struct source_config *source, const char *section, const char *name,
                                const char *value, char *err, size_t err_size);
/* Each source's week from its hours as they stand once a file is read (a
 * day's key overrides `hours` wherever it stands). False with err. */
bool config_read_source_hours(struct config *config, char *err, size_t err_size);

#endif
