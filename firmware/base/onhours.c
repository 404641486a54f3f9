#include "base/onhours.h"

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
