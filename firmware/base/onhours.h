/* onhours: a week of minutes, each one on or off — the plain data a
 * schedule ([schedule], read by ops/schedule) hands the frame loop, and a
 * source's own hours ([source] hours, for dayparting) hand the fetch loop;
 * both only look a minute up.  Owns the one reading of the ranges
 * ("08:00-18:00, 20:00-02:00" or "off") that both write.
 * Never: reads a clock or a file. */
#ifndef TICKER_ONHOURS_H
#define TICKER_ONHOURS_H

#include <stdbool.h>
#include <stddef.h>
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

/* Days as written: days[0..6] mon..sun, days[7] every day ("daily"); NULL
 * where the key is absent. keys names them in errors. Every day takes
 * its own key, else days[7]. Each value is "off" or comma-separated ranges
 * "HH:MM-HH:MM"; a range whose end is not after its start crosses midnight
 * into the next day ("20:00-02:00"); "24:00" ends a day and starts no
 * range, and a range that holds no minute ("24:00-00:00", "08:00-08:00")
 * is refused: "off" says off. No key at all:
 * always on; a day without its key while days[7] is absent: off. False
 * with err "[SECTION] KEY: reason" (*week untouched) when a value is bad. */
bool onhours_parse(char *const days[8], const char *section, const char *const keys[8], struct onhours *week,
                   char *err, size_t err_size);
/* Whether any minute of the week is off. */
bool onhours_has_off(const struct onhours *week);

#endif
