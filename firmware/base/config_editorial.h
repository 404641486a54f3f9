/* config_editorial: the settings of [editorial], [pin NAME] and a
 * [source]'s include / exclude / max_age — what the screens may show —
 * for config.c's INI reader (and pins.ini files on a stick, through
 * config_pins_load).
 * Owns: reading durations ("2d", "36h") and local times ("2026-12-07
 * 14:00"), the pins' memory, their checks and error texts.
 * Never: matches an item (ingest/editorial does) or reads a file itself
 * except a pins file it is handed.  Thread: any; no global state. */
#ifndef TICKER_CONFIG_EDITORIAL_H
#define TICKER_CONFIG_EDITORIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/config.h"

/* The defaults of struct editorial_config (stale said, a pin every 3
 * headlines, 30 days of proof of play). */
void config_editorial_defaults(struct editorial_config *editorial);
void config_editorial_clear(struct editorial_config *editorial);
void config_show_rules_clear(struct show_rules *rules);
bool config_editorial_copy_pins(struct editorial_config *dst, const struct editorial_config *src);

/* One line of the INI file in [editorial] or [pin NAME]: 1 taken, 0 bad
 * (err says why), -1 out of memory, 2 not such a section (the caller goes
 * on). */
int config_editorial_setting(struct config *config, const char *section, const char *name, const char *value,
                             char *err, size_t err_size);

/* include, exclude or max_age of a [source NAME] (section) into its rules:
 * as config_editorial_setting; 2 when name is none of them. */
int config_show_rules_setting(struct show_rules *rules, const char *section, const char *name, const char *value,
                              char *err, size_t err_size);

/* "90" (seconds), "90s", "45m", "36h", "2d", "1w": false unless the whole
 * text is one such positive duration of at most 10 years. */
bool config_parse_duration(const char *text, int *seconds);
/* A time as an operator writes it: "2026-12-07 14:00[:ss]" in the kiosk's
 * local time, or RFC 3339 with "T" and a zone ("...T14:00:00+07:00", "Z").
 * False when it is none of them. */
bool config_parse_time(const char *text, int64_t *unix_seconds);

/* The pins of a pins file ([pin NAME] sections, the keys of the config),
 * appended to *pins: for a pins.ini on the stick. False with err
 * ("PATH:LINE: reason") when a line is bad; the file's pins are then not
 * added. */
bool config_pins_load(const char *path, struct editorial_config *into, char *err, size_t err_size);

#endif
