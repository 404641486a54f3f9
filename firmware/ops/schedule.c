/* [schedule] to a week of minutes, and questions about it (see schedule.h). */
#include "ops/schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const day_names[8] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "daily"};

bool schedule_parse(const struct schedule_config *config, struct onhours *week, char *err, size_t err_size)
{
    return onhours_parse(config->days, "schedule", day_names, week, err, err_size);
}

bool schedule_has_off(const struct onhours *week)
{
    return onhours_has_off(week);
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
