/* onhours: a week of minutes, each one on or off — the plain data a
 * schedule (ops/schedule parses [schedule]) hands the frame loop, which
 * only looks a minute up.  Never: parses text or reads a clock. */
#ifndef TICKER_ONHOURS_H
#define TICKER_ONHOURS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define ONHOURS_MINUTES_PER_DAY 1440

struct onhours {
    uint8_t on[7][ONHOURS_MINUTES_PER_DAY / 8]; /* day 0 Monday .. 6 Sunday; bit per minute */
};

/* Every minute of the week on (on = true) or off. */
void onhours_fill(struct onhours *week, bool on);
/* Minutes [from, to) of day (0 Monday), 0 <= from <= to <= 1440. */
void onhours_set(struct onhours *week, int day, int from, int to, bool on);
/* Whether the screen is on at a local time (tm_wday, tm_hour, tm_min). */
bool onhours_is_on(const struct onhours *week, const struct tm *local_time);

#endif
