/* [schedule] to a week of minutes, and questions about it (see schedule.h). */
#include "ops/schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const day_names[8] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "daily"};

static bool valid_clock(int h, int m)
{
    return h >= 0 && m >= 0 && m <= 59 && (h < 24 || (h == 24 && m == 0));
}

/* One key's value onto its day (and what crosses midnight onto the next). */
static bool apply_day(struct onhours *week, int day, const char *value, const char *key, char *err, size_t err_size)
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
            !valid_clock(h2, m2) || h1 * 60 + m1 == h2 * 60 + m2) {
            snprintf(err, err_size, "[schedule] %s: \"%s\" is not a range HH:MM-HH:MM (or \"off\")", key, range);
            return false;
        }
        int from = h1 * 60 + m1, to = h2 * 60 + m2;
        if (from < to) {
            onhours_set(week, day, from, to, true);
        } else { /* crosses midnight: the rest of this day, then the next day's start */
            onhours_set(week, day, from, ONHOURS_MINUTES_PER_DAY, true);
            onhours_set(week, (day + 1) % 7, 0, to, true);
        }
    }
    return true;
}

bool schedule_parse(const struct schedule_config *config, struct onhours *week, char *err, size_t err_size)
{
    struct onhours parsed;
    bool any = false;
    for (int i = 0; i < 8; i++)
        any |= config->days[i] != NULL;
    onhours_fill(&parsed, !any);
    /* Ranges after midnight spill into the next day: each day's minutes are
     * added to one week that starts all off. */
    struct onhours spill;
    onhours_fill(&spill, false);
    for (int d = 0; any && d < 7; d++) {
        const char *value = config->days[d] ? config->days[d] : config->days[CONFIG_SCHEDULE_DAILY];
        const char *key = config->days[d] ? day_names[d] : day_names[CONFIG_SCHEDULE_DAILY];
        if (!value)
            continue; /* a day without a key (and no daily) is off: "mon..fri" means closed at weekends */
        struct onhours one;
        onhours_fill(&one, false);
        if (!apply_day(&one, d, value, key, err, err_size))
            return false;
        for (int day = 0; day < 7; day++)
            for (size_t b = 0; b < sizeof one.on[0]; b++)
                spill.on[day][b] |= one.on[day][b];
    }
    if (any)
        parsed = spill;
    *week = parsed;
    return true;
}

bool schedule_has_off(const struct onhours *week)
{
    for (int d = 0; d < 7; d++)
        for (size_t b = 0; b < sizeof week->on[0]; b++)
            if (week->on[d][b] != 0xFF)
                return true;
    return false;
}

bool schedule_is_on(const struct onhours *week, time_t t)
{
    struct tm local;
    localtime_r(&t, &local);
    return onhours_is_on(week, &local);
}

time_t schedule_next_change(const struct onhours *week, time_t t)
{
    bool now = schedule_is_on(week, t);
    time_t minute = t - t % 60;
    for (int i = 1; i <= 8 * ONHOURS_MINUTES_PER_DAY; i++) /* a week and a day: past any DST shift */
        if (schedule_is_on(week, minute + (time_t)i * 60) != now)
            return minute + (time_t)i * 60;
    return (time_t)-1;
}
