/* date: the date strings feeds and pages carry, to Unix seconds UTC.
 * Owns: RFC 822/2822 (with the "GMT+7" suffix Vietnamese sites use, numeric
 * and named zones), RFC 3339 and ISO 8601 (extended and basic forms), the
 * day-first numeric forms of Vietnamese sites ("Thứ 5, 28/05/2026 17:00:00
 * GMT+7", "07/03/2026 08:52 (GMT+07:00)") and their month by its number
 * ("ngày 28 tháng 5 năm 2026"), month-first forms ("May 28, 2026
 * 5:00 PM", "05/28/2026", JavaScript's "Thu May 28 2026 17:00:00 GMT+0700"),
 * the month and day names of Portuguese, Spanish, French, German, Italian,
 * Dutch and Russian dates ("Seg, 24 Set 2018", "lun., 24 sept. 2018",
 * "24. März 2018", "Пн, 24 сен 2018": ingest/date_words), and the reading
 * of a date without a zone in the source's zone.
 * Never: guesses — a string it cannot read is unknown, never "now". */
#ifndef TICKER_DATE_H
#define TICKER_DATE_H

#include <stdbool.h>
#include <stddef.h>
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

/* The dates of one document that could not be read, said once for the
 * source rather than once an item. Such an item stays undated: it counts
 * from when the kiosk first fetched it (live/cache's first_seen, which
 * ingest/editorial ages it by), not from each fetch's time, which would
 * make it new again at every fetch. */
struct date_unread {
    size_t count;
    char first[96]; /* the first such text, cut */
};
/* Counts text (not empty) as a date no item could be given. */
void date_unread_note(struct date_unread *unread, const char *text);
/* When any: one warning "NAME: N dates could not be read (the first:
 * "TEXT"); ...". */
void date_unread_warn(const struct date_unread *unread, const char *name);

/* A date more than a day after now is a mistake of the source (a wrong zone,
 * a typo): clamped to now. */
int64_t date_clamp_future(int64_t when, int64_t now);

#endif
