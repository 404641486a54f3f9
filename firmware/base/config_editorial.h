/* config_editorial: the parts of the editorial settings that are more than
 * a row of the settings table — a pin's times ("2026-12-07 14:00"), the
 * config's pin as a list, and the pins.ini files on a stick ([pin NAME]
 * sections: text, start, end, featured).
 * Owns: reading times and pins files, the pins' memory, their errors.
 * Never: matches an item (ingest/editorial does) or reads a file except a
 * pins file it is handed.  Thread: any; no global state. */
#ifndef TICKER_CONFIG_EDITORIAL_H
#define TICKER_CONFIG_EDITORIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/config.h"

/* A time as an operator writes it: "2026-12-07 14:00[:ss]" in the kiosk's
 * local time, or RFC 3339 with "T" and a zone ("...T14:00:00+07:00", "Z").
 * "" is none (0). False when it is none of them. */
bool config_parse_time(const char *text, int64_t *unix_seconds);

void pin_list_clear(struct pin_list *list);
/* [editorial] pin, pin_start, pin_end, pin_featured as a list of one (none
 * when pin is ""). False with why when a time cannot be read. */
bool config_editorial_pins(const struct editorial_config *editorial, struct pin_list *out, char *why,
                           size_t why_size);
/* The editorial settings checked once a file is read (the pin's times):
 * false with why. */
bool config_editorial_check(const struct config *config, char *why, size_t why_size);

/* The pins of a pins file, appended to into. False with err ("PATH:LINE:
 * reason") when a line is bad; the file's pins are then not added. At most
 * 256 pins, 400 bytes of text each. */
bool config_pins_load(const char *path, struct pin_list *into, char *err, size_t err_size);

#endif
