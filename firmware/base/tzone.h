/* tzone: a time zone for reading local times ("2025-07-16 09:30" from a
 * Vietnamese site): a fixed offset ("+07:00", "UTC+7") or an IANA zone
 * ("Asia/Ho_Chi_Minh") read once from the system's TZif file (RFC 8536).
 * Written by hand because libc converts local time only in the process's
 * own zone (the TZ variable: global state a second thread would race).
 * Owns: the zone's offsets.  Never: knows about dates in text. */
#ifndef TICKER_TZONE_H
#define TICKER_TZONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tzone;

/* NULL with err set ("unknown time zone \"X\"") when name is neither an
 * offset nor a zone in zoneinfo_dir (NULL: /usr/share/zoneinfo). */
struct tzone *tzone_create(const char *name, const char *zoneinfo_dir, char *err, size_t err_size);
void tzone_destroy(struct tzone *zone);

/* A zone from the bytes of a TZif file (RFC 8536, versions 1 to 4); NULL
 * when they are not one. The parser tzone_create uses, in memory for the
 * fuzz target. */
struct tzone *tzone_from_tzif(const unsigned char *data, size_t size);

/* UTC seconds of a local wall-clock time (given as if it were UTC seconds)
 * in zone; zone NULL is the kiosk's own zone (libc's localtime). In a gap
 * or an overlap of a DST change the earlier offset is taken. */
int64_t tzone_utc_of_local(const struct tzone *zone, int64_t local_seconds);

#endif
