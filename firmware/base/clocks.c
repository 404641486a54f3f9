#include "base/clocks.h"

static struct timespec now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts;
}

double clocks_monotonic_seconds(void)
{
    struct timespec ts = now();
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int64_t clocks_monotonic_whole_seconds(void)
{
    return (int64_t)now().tv_sec;
}

uint64_t clocks_monotonic_ms(void)
{
    struct timespec ts = now();
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

struct timespec clocks_timespec(double seconds)
{
    struct timespec ts;
    ts.tv_sec = (time_t)seconds;
    ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    if (ts.tv_nsec < 0)
        ts.tv_nsec = 0;
    return ts;
}

struct timespec clocks_deadline_in(double seconds)
{
    struct timespec ts = now();
    time_t whole = (time_t)seconds;
    ts.tv_sec += whole;
    ts.tv_nsec += (long)((seconds - (double)whole) * 1e9);
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return ts;
}
