/* The fetch loop's clock (see fetch_clock in fetch.h). A Raspberry Pi has
 * no real-time clock: it may boot in 1970 (or at a saved, later time) and be
 * set by NTP minutes later, a jump of years. Within a run the loop measures
 * time on the monotonic clock, anchored to the wall clock at start; when the
 * two disagree by more than a couple of minutes the wall clock has jumped,
 * and every time this run stored by the old reckoning moves with it — in
 * the sources' schedules and in the cache — so nothing expires, and no
 * source waits years, because of the jump. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/log.h"
#include "base/clocks.h"
#include "base/limits.h"
#include "live/fetch/fetch_parts.h"

/* More than NTP's slewing or a suspended machine's catch-up is a jump. */
#define FETCH_CLOCK_JUMP_SECONDS 120
/* How far ahead this run schedules at most (a week's refresh, a day's <ttl>
 * and backoff): a next fetch due that far by the old clock moves too. */
#define FETCH_CLOCK_AHEAD_SECONDS (8 * 86400)

static int64_t wall_now(struct fetch *f)
{
    return f->hooks.wall_clock ? f->hooks.wall_clock(f->hooks.context) : (int64_t)time(NULL);
}

static int64_t monotonic_now(struct fetch *f)
{
    if (f->hooks.monotonic_clock)
        return f->hooks.monotonic_clock(f->hooks.context);
    return clocks_monotonic_whole_seconds();
}

static void shift(int64_t *t, int64_t from, int64_t to, int64_t delta)
{
    if (*t >= from && *t <= to)
        *t += delta;
}

/* Moves this run's times, [from, to] by the old clock, by delta. */
static void shift_run_times(struct fetch *f, int64_t from, int64_t to, int64_t delta)
{
    for (size_t i = 0; i < f->count; i++) {
        struct source_run *run = &f->runs[i];
        struct cache_source *states[] = {&run->state, &run->pending};
        for (size_t k = 0; k < 2; k++) {
            shift(&states[k]->last_success, from, to, delta);
            shift(&states[k]->last_error_at, from, to, delta);
            shift(&states[k]->next_due, from, to, delta);
        }
        shift(&run->confirmed_at, from, to, delta);
    }
    shift(&f->last_expiry, from, to, delta);
    char err[TICKER_ERROR_MAX];
    if (!cache_shift_times(f->cache, from, to, delta, err, sizeof err))
        log_error("%s", err);
}

static void format_utc(int64_t t, char out[32])
{
    time_t seconds = (time_t)t;
    struct tm utc;
    if (!gmtime_r(&seconds, &utc) || !strftime(out, 32, "%Y-%m-%d %H:%M:%SZ", &utc))
        snprintf(out, 32, "%lld", (long long)t);
}

int64_t fetch_clock(struct fetch *f)
{
    int64_t wall = wall_now(f), mono = monotonic_now(f);
    if (!f->clock_started) {
        f->clock_offset = wall - mono;
        f->clock_run_start = wall;
        f->clock_started = true;
        return wall;
    }
    int64_t expected = mono + f->clock_offset; /* the wall time by the monotonic clock */
    int64_t jump = wall - expected;
    if (llabs(jump) > FETCH_CLOCK_JUMP_SECONDS) {
        char was[32], is[32];
        format_utc(expected, was);
        format_utc(wall, is);
        log_warn("fetch: the wall clock jumped by %+lld s (from %s to %s); this run's times move with it, so nothing "
                 "expires and no source waits because of the jump",
                 (long long)jump, was, is);
        shift_run_times(f, f->clock_run_start, expected + FETCH_CLOCK_AHEAD_SECONDS, jump);
        f->clock_run_start += jump;
    }
    f->clock_offset = wall - mono; /* small steps (NTP slewing) are followed as they come */
    return wall;
}
