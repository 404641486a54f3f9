/* date: the date strings feeds and pages carry, to Unix seconds UTC.
 * Owns: RFC 822/2822 (with the "GMT+7" suffix Vietnamese sites use, numeric
 * and named zones), RFC 3339 and ISO 8601 (extended and basic forms), the
 * day-first numeric forms of Vietnamese sites ("Thứ 5, 28/05/2026 17:00:00
 * GMT+7", "07/03/2026 08:52 (GMT+07:00)"), month-first forms ("May 28, 2026
 * 5:00 PM", "05/28/2026", JavaScript's "Thu May 28 2026 17:00:00 GMT+0700"),
 * and the reading of a date without a zone in the source's zone.
 * Never: guesses — a string it cannot read is unknown, never "now". */
#ifndef TICKER_DATE_H
#define TICKER_DATE_H

#include <stdbool.h>
#include <stdint.h>

struct tzone;

/* Returns false (and leaves *out alone) when text is not a date it knows.
 * A date without a zone is read in zone (base/tzone.h; NULL: the kiosk's
 * own zone). */
bool date_parse_in_zone(const char *text, const struct tzone *zone, int64_t *out);

/* date_parse_in_zone in the kiosk's own zone. */
bool date_parse(const char *text, int64_t *out);

/* Whether text is a date that names its own zone ("... (GMT+7)", "+07:00",
 * "Z"): false for a date without one, and for text that is no date. */
bool date_has_zone(const char *text);

/* A date more than a day after now is a mistake of the source (a wrong zone,
 * a typo): clamped to now. */
int64_t date_clamp_future(int64_t when, int64_t now);

#endif
