/* date: the date strings feeds carry, to Unix seconds UTC.
 * Owns: RFC 822/2822 (with the "GMT+7" suffix Vietnamese sites use, numeric
 * and named zones), RFC 3339 and ISO 8601 (extended and basic forms).
 * Never: guesses — a string it cannot read is unknown, never "now". */
#ifndef TICKER_DATE_H
#define TICKER_DATE_H

#include <stdbool.h>
#include <stdint.h>

/* Returns false (and leaves *out alone) when text is not a date it knows. */
bool date_parse(const char *text, int64_t *out);

#endif
