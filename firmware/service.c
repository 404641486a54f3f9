#include "service.h"

#include <stdbool.h>
#include <stdlib.h>
#include <systemd/sd-daemon.h>

/* WATCHDOG_USEC is read per call rather than cached in a global: the cost is
 * one getenv, and only every half interval. */
void service_notify_ready(void)
{
    sd_notify(0, "READY=1");
}

void service_watchdog_feed(uint64_t now_ms)
{
    static uint64_t last_feed_ms; /* the loop's own pacing state: see header */
    uint64_t interval_us = 0;
    if (sd_watchdog_enabled(0, &interval_us) <= 0 || interval_us == 0)
        return;
    if (now_ms - last_feed_ms < interval_us / 2000)
        return;
    last_feed_ms = now_ms;
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
