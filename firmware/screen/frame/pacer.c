#include "screen/frame/pacer.h"

#include <math.h>

void pacer_init(struct pacer *p, double refresh_hz, double now)
{
    p->period = 1.0 / (refresh_hz > 0 ? refresh_hz : 60);
    p->origin = now;
    p->slot = p->last_slot = 0;
    p->waited = 0;
    p->vsync = false;
    p->last_start = now;
}

static int popcount8(unsigned bits)
{
    int n = 0;
    for (int i = 0; i < 8; i++)
        n += (bits >> i) & 1;
    return n;
}

double pacer_next_start(struct pacer *p, double present_start, double present_end)
{
    /* A present that blocked for a good part of a refresh waited for vsync. */
    bool waited = present_end - present_start >= p->period / 4;
    p->waited = ((p->waited << 1) | waited) & 0xFF;
    bool vsync = popcount8(p->waited) >= 4;
    if (vsync != p->vsync && !vsync) {
        /* The display stopped pacing: a new grid from here. */
        p->origin = present_end - (double)(p->last_slot + 1) * p->period;
    }
    p->vsync = vsync;
    if (vsync)
        return present_end; /* the display's own rhythm: never fight it */
    /* The next slot on the grid after the one this frame used; a frame that
     * overran gives up the slots it missed rather than trying to catch up. */
    p->slot = p->last_slot + 1;
    double next = p->origin + (double)p->slot * p->period;
    if (present_end > next) {
        p->slot += (long long)ceil((present_end - next) / p->period);
        next = p->origin + (double)p->slot * p->period;
    }
    return next;
}

int pacer_frame_slots(struct pacer *p, double frame_start)
{
    long long slots;
    if (p->vsync) {
        /* Presents return on the display's refreshes: whole periods apart. */
        slots = llround((frame_start - p->last_start) / p->period);
        p->last_slot += slots < 1 ? 1 : slots;
    } else {
        /* On the grid the slot is known exactly, whatever the wake-up latency. */
        slots = p->slot - p->last_slot;
        p->last_slot = p->slot;
    }
    p->last_start = frame_start;
    return slots < 1 ? 1 : (int)slots;
}

double pacer_predict_present(const struct pacer *p, double now, double work)
{
    if (!p->vsync)
        return now + work;
    double k = ceil((now + work - p->last_start) / p->period);
    return p->last_start + (k < 1 ? 1 : k) * p->period;
}
