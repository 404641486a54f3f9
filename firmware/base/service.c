#include "base/service.h"

#include <stdbool.h>
#include <stdlib.h>
#include <systemd/sd-daemon.h>

void service_notify_ready(void)
{
    sd_notify(0, "READY=1");
}

void service_watchdog_feed(uint64_t now_ms, uint64_t *last_feed_ms)
{
    /* A clock compare first: the getenv inside sd_watchdog_enabled runs only
     * once a second, not every frame. */
    if (now_ms - *last_feed_ms < 1000)
        return;
    *last_feed_ms = now_ms;
    uint64_t interval_us = 0;
    if (sd_watchdog_enabled(0, &interval_us) <= 0 || interval_us == 0)
        return;
    sd_notify(0, "WATCHDOG=1");
}

void service_notify_status(const char *status)
{
    sd_notifyf(0, "STATUS=%s", status);
}

void service_notify_stopping(void)
{
    sd_notify(0, "STOPPING=1");
}
