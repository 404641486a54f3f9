/* The fetch loop's clock (see fetch_clock in fetch.h). */
#include <stdlib.h>
#include <time.h>

#include "base/log.h"
#include "live/fetch_parts.h"

static int64_t wall_now(struct fetch *f)
{
    return f->hooks.wall_clock ? f->hooks.wall_clock(f->hooks.context) : (int64_t)time(NULL);
}

static int64_t monotonic_now(struct fetch *f)
{
    if (f->hooks.monotonic_clock)
        return f->hooks.monotonic_clock(f->hooks.context);
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec;
}

int64_t fetch_clock(struct fetch *f)
{
    int64_t wall = wall_now(f), mono = monotonic_now(f);
    if (!f->clock_started) {
        f->clock_offset = wall - mono;
        f->clock_started = true;
    }
    return mono + f->clock_offset;
}
