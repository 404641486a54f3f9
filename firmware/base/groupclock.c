#include "base/groupclock.h"

#include "base/clocks.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static struct {
    pthread_once_t once;
    double real0, mono0, offset, rate;
} local_clock = {PTHREAD_ONCE_INIT, 0, 0, 0, 1};

static double realtime_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void local_clock_start(void)
{
    local_clock.mono0 = clocks_monotonic_seconds();
    local_clock.real0 = realtime_seconds();
    /* The harness's injected fault (bench/sync_harness.py): the one place
     * that reads it, so nothing else can tell a test from a kiosk. */
    const char *test = getenv("TICKER_TEST_CLOCK");
    double offset_ms = 0, ppm = 0;
    if (test && sscanf(test, "%lf,%lf", &offset_ms, &ppm) >= 1 && fabs(offset_ms) < 1e7 && fabs(ppm) < 1e5) {
        local_clock.offset = offset_ms / 1000;
        local_clock.rate = 1 + ppm / 1e6;
    }
}

double groupclock_local_now(void)
{
    pthread_once(&local_clock.once, local_clock_start);
    return local_clock.real0 + local_clock.offset + (clocks_monotonic_seconds() - local_clock.mono0) * local_clock.rate;
}

double groupclock_fix_offset(const struct groupclock_fix *fix, double local)
{
    return fix->offset + fix->skew * (local - fix->at);
}

void groupclock_filter_init(struct groupclock_filter *f)
{
    f->count = f->next = 0;
}

void groupclock_filter_add(struct groupclock_filter *f, double t0, double leader, double t2)
{
    if (!(t2 >= t0) || !isfinite(leader))
        return;
    f->samples[f->next].delay = t2 - t0;
    f->samples[f->next].at = (t0 + t2) / 2;
    /* Cristian: the leader read its clock about half way through the trip. */
    f->samples[f->next].offset = leader - (t0 + t2) / 2;
    f->next = (f->next + 1) % GROUPCLOCK_DRIFT_OF;
    if (f->count < GROUPCLOCK_DRIFT_OF)
        f->count++;
}

/* The i-th newest sample. */
static size_t newest(const struct groupclock_filter *f, size_t i)
{
    return (f->next + GROUPCLOCK_DRIFT_OF - 1 - i) % GROUPCLOCK_DRIFT_OF;
}

/* The drift: a least-squares line through the offsets of the last polls,
 * none when they span under 10 s (too short to tell drift from jitter). */
static double drift(const struct groupclock_filter *f)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0, t_ref = f->samples[newest(f, 0)].at;
    double first = t_ref;
    for (size_t i = 0; i < f->count; i++) {
        const double x = f->samples[newest(f, i)].at - t_ref, y = f->samples[newest(f, i)].offset;
        sx += x, sy += y, sxx += x * x, sxy += x * y;
        first = f->samples[newest(f, i)].at;
    }
    double n = (double)f->count, den = n * sxx - sx * sx;
    if (f->count < 4 || t_ref - first < 10 || !(den > 0))
        return 0;
    double slope = (n * sxy - sx * sy) / den;
    return fabs(slope) < 0.001 ? slope : 0; /* over 1000 ppm is no crystal: a step of the leader's clock */
}

bool groupclock_filter_fix(const struct groupclock_filter *f, double now, struct groupclock_fix *fix)
{
    if (!f->count)
        return false;
    size_t best = newest(f, 0);
    for (size_t i = 1; i < f->count && i < GROUPCLOCK_BEST_OF; i++)
        if (f->samples[newest(f, i)].delay < f->samples[best].delay)
            best = newest(f, i);
    fix->skew = drift(f);
    fix->at = now;
    /* An older sample with a shorter trip, carried to now by the drift. */
    fix->offset = f->samples[best].offset + fix->skew * (now - f->samples[best].at);
    fix->uncertainty = f->samples[best].delay / 2;
    return true;
}

void groupclock_slew_init(struct groupclock_slew *s)
{
    s->has_fix = s->started = false;
    s->applied = s->last = s->last_group = 0;
}

void groupclock_slew_set(struct groupclock_slew *s, const struct groupclock_fix *fix, bool step)
{
    s->fix = *fix;
    if (step) {
        /* Nothing of the group is on screen yet: the time may go back. */
        s->applied = groupclock_fix_offset(fix, s->started ? s->last : fix->at);
        s->last_group = s->started ? s->last + s->applied : 0;
    }
    s->has_fix = true;
}

double groupclock_slew_time(struct groupclock_slew *s, double local)
{
    if (!s->started) {
        s->started = true;
        s->last = local;
        s->applied = s->has_fix ? groupclock_fix_offset(&s->fix, local) : 0;
    }
    double dt = local - s->last;
    if (dt < 0)
        dt = 0;
    if (s->has_fix) {
        double want = groupclock_fix_offset(&s->fix, local), limit = GROUPCLOCK_SLEW_RATE * dt;
        /* The drift the fix knows is followed whole; only the correction on
         * top of it is slewed. */
        double follow = s->fix.skew * dt, err = want - (s->applied + follow);
        s->applied += follow + (err > limit ? limit : err < -limit ? -limit : err);
    }
    s->last = local;
    double group = local + s->applied;
    if (group < s->last_group)
        group = s->last_group;
    s->last_group = group;
    return group;
}

double groupclock_slew_error(const struct groupclock_slew *s)
{
    return s->has_fix ? s->applied - groupclock_fix_offset(&s->fix, s->last) : 0;
}
