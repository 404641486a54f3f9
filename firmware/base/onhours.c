#include "base/onhours.h"

#include <stdio.h>
#include <string.h>

void onhours_fill(struct onhours *week, bool on)
{
    memset(week->on, on ? 0xFF : 0, sizeof week->on);
}

void onhours_set(struct onhours *week, int day, int from, int to, bool on)
{
    for (int m = from; m < to; m++) {
        if (on)
            week->on[day][m / 8] |= (uint8_t)(1u << (m % 8));
        else
            week->on[day][m / 8] &= (uint8_t)~(1u << (m % 8));
    }
}

bool onhours_is_on(const struct onhours *week, const struct tm *t)
{
    int day = (t->tm_wday + 6) % 7; /* struct tm counts from Sunday */
    int m = t->tm_hour * 60 + t->tm_min;
    if (day < 0 || day > 6 || m < 0 || m >= ONHOURS_MINUTES_PER_DAY)
        return true;
    return week->on[day][m / 8] & (1u << (m % 8));
}

static bool valid_clock(int h, int m)
{
    return h >= 0 && m >= 0 && m <= 59 && (h < 24 || (h == 24 && m == 0));
}

/* One key's value onto its day (and what crosses midnight onto the next). */
static bool apply_day(struct onhours *week, int day, const char *value, const char *section, const char *key,
                      char *err, size_t err_size)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", value);
    char *save = NULL;
    for (char *range = strtok_r(buf, ",", &save); range; range = strtok_r(NULL, ",", &save)) {
        int h1, m1, h2, m2;
        char tail, word[8];
        if (sscanf(range, " %7s %c", word, &tail) == 1 && !strcmp(word, "off"))
            continue;
        if (sscanf(range, " %d:%d - %d:%d %c", &h1, &m1, &h2, &m2, &tail) != 4 || !valid_clock(h1, m1) ||
            !valid_clock(h2, m2)) {
            snprintf(err, err_size, "[%s] %s: \"%s\" is not a range HH:MM-HH:MM (or \"off\")", section, key, range);
            return false;
        }
        int from = h1 * 60 + m1, to = h2 * 60 + m2;
        /* A range that holds no minute would mean "off" in disguise
         * ("24:00-00:00", "08:00-08:00"): refused, so "off" is said as off. */
        if (from == ONHOURS_MINUTES_PER_DAY || from == to) {
            snprintf(err, err_size, "[%s] %s: \"%s\" %s; write \"off\" for a day off, 00:00-24:00 for all day", section,
                     key, range,
                     from == to ? "holds no minute (it ends where it starts)"
                                : "starts at 24:00, which only ends a day");
            return false;
        }
        if (from < to) {
            onhours_set(week, day, from, to, true);
        } else { /* crosses midnight: the rest of this day, then the next day's start */
            onhours_set(week, day, from, ONHOURS_MINUTES_PER_DAY, true);
            onhours_set(week, (day + 1) % 7, 0, to, true);
        }
    }
    return true;
}

bool onhours_parse(char *const days[8], const char *section, const char *const keys[8], struct onhours *week,
                   char *err, size_t err_size)
{
    bool any = false;
    for (int i = 0; i < 8; i++)
        any |= days[i] != NULL;
    /* Ranges after midnight spill into the next day: each day's minutes are
     * added to one week that starts all off. */
    struct onhours parsed;
    onhours_fill(&parsed, !any);
    for (int d = 0; any && d < 7; d++) {
        const char *value = days[d] ? days[d] : days[7];
        const char *key = days[d] ? keys[d] : keys[7];
        if (!value)
            continue; /* a day without a key (and no daily) is off: "mon..fri" means closed at weekends */
        if (!apply_day(&parsed, d, value, section, key, err, err_size))
            return false;
    }
    *week = parsed;
    return true;
}

bool onhours_has_off(const struct onhours *week)
{
    for (int d = 0; d < 7; d++)
        for (size_t b = 0; b < sizeof week->on[0]; b++)
            if (week->on[d][b] != 0xFF)
                return true;
    return false;
}
