/* groupclock: the group's clock as this kiosk sees it — the local clock,
 * the offset to the leader's clock measured from polls (Cristian's
 * method, keeping the samples of the shortest round trips as NTP's clock
 * filter does, RFC 5905 section 10), its drift, and the correction slewed
 * into the time the frames are placed by.
 * Owns: the local clock's one reading (and its test-only fault injection,
 * TICKER_TEST_CLOCK, read here and nowhere else), the sample filter, the
 * slew.  Never: talks to the network or sleeps: times are passed in, in
 * seconds, so it is testable.
 * Thread: a groupclock_filter belongs to the sync thread; a
 * groupclock_slew to the render thread; what passes between them is a
 * struct groupclock_fix, plain data, through the program mailbox. */
#ifndef TICKER_GROUPCLOCK_H
#define TICKER_GROUPCLOCK_H

#include <stdbool.h>
#include <stddef.h>

/* This kiosk's clock, in seconds since 1970: the wall clock when first
 * read, then steady (CLOCK_MONOTONIC), so a step of the system clock
 * moves nothing; the group's time is the leader's reading of it. For the
 * sync harness only, TICKER_TEST_CLOCK="OFFSET_MS,PPM" shifts it by
 * OFFSET_MS and makes it run PPM parts per million fast (negative: slow).
 * Thread-safe. */
double groupclock_local_now(void);

/* The correction: group time = local + offset + skew * (local - at). */
struct groupclock_fix {
    double offset;      /* seconds, at local time at */
    double skew;        /* leader seconds per local second, minus 1 */
    double at;          /* local seconds */
    double uncertainty; /* seconds: half the round trip of the sample it rests on */
};

double groupclock_fix_offset(const struct groupclock_fix *fix, double local);

#define GROUPCLOCK_BEST_OF 8   /* the offset rests on the shortest round trip of the last 8 polls */
#define GROUPCLOCK_DRIFT_OF 64 /* the drift on the last 64 */

struct groupclock_filter {
    struct {
        double offset, delay, at;
    } samples[GROUPCLOCK_DRIFT_OF];
    size_t count, next;
};

void groupclock_filter_init(struct groupclock_filter *filter);
/* One poll: sent at local time t0, answered with the leader's time
 * leader, received at local t2. A sample with t2 < t0 is ignored. */
void groupclock_filter_add(struct groupclock_filter *filter, double t0, double leader, double t2);
/* The correction at local time now; false before any sample. */
bool groupclock_filter_fix(const struct groupclock_filter *filter, double now, struct groupclock_fix *fix);

/* The correction in force on the render thread: it moves toward the newest
 * fix at most GROUPCLOCK_SLEW_RATE seconds per second, and the group time
 * it gives never goes back. */
#define GROUPCLOCK_SLEW_RATE 0.002 /* 2 ms a second: 0.24 px/s at 120 px/s, nothing a visitor sees */
struct groupclock_slew {
    bool has_fix, started;
    struct groupclock_fix fix;
    double applied;     /* the offset applied at local time last */
    double last, last_group;
};

void groupclock_slew_init(struct groupclock_slew *slew);
/* A new fix. step: take it at once, even back (the first contact with a
 * leader, before anything of the group is on screen) rather than slew. */
void groupclock_slew_set(struct groupclock_slew *slew, const struct groupclock_fix *fix, bool step);
/* The group time at local time local (calls in increasing local time). */
double groupclock_slew_time(struct groupclock_slew *slew, double local);
/* The offset applied now minus the one the fix asks for (seconds). */
double groupclock_slew_error(const struct groupclock_slew *slew);

#endif
