#include "screen/scene/vnclock.h"

#include <stdio.h>

void vnclock_format(const struct tm *time, char *out, size_t size)
{
    /* Vietnamese counts weekdays from Monday = "Thứ Hai" (the second day). */
    static const char *const weekdays[7] = {"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
                                            "Thứ Năm",  "Thứ Sáu", "Thứ Bảy"};
    int wday = time->tm_wday >= 0 && time->tm_wday < 7 ? time->tm_wday : 0;
    snprintf(out, size, "%s, %02d/%02d/%04d %02d:%02d", weekdays[wday], time->tm_mday, time->tm_mon + 1,
             time->tm_year + 1900, time->tm_hour, time->tm_min);
}
