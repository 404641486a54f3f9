/* vnclock: the header's date and time in Vietnamese, e.g.
 * "Chủ Nhật, 22/11/2026 14:05".  Owns: weekday names and the format.
 * Never: reads the clock itself (the caller passes the broken-down time). */
#ifndef TICKER_VNCLOCK_H
#define TICKER_VNCLOCK_H

#include <stddef.h>
#include <time.h>

/* Writes the text into out (NUL-terminated, truncated to size). Uses
 * tm_wday, tm_mday, tm_mon, tm_year, tm_hour, tm_min. */
void vnclock_format(const struct tm *time, char *out, size_t size);

#endif
