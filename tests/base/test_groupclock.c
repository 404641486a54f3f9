/* base/groupclock: Cristian's offset from the shortest round trips, the
 * drift, the slew that never goes back, and the test clock's injection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/groupclock.h"

/* A leader whose clock is ahead by 40 ms; trips of 1..9 ms whose way out
 * and way back differ (the leader reads its clock a third of the way). */
static void offset_rests_on_the_shortest_trip(void **state)
{
    (void)state;
    struct groupclock_filter f;
    groupclock_filter_init(&f);
    double delays[] = {0.009, 0.004, 0.007, 0.001, 0.008, 0.006, 0.005, 0.003};
    for (int i = 0; i < 8; i++) {
        double t0 = 100 + i, t2 = t0 + delays[i], leader = t0 + delays[i] / 3 + 0.040;
        groupclock_filter_add(&f, t0, leader, t2);
    }
    struct groupclock_fix fix;
    assert_true(groupclock_filter_fix(&f, 108, &fix));
    /* The 1 ms trip: off by (1/3 - 1/2) ms, within its half trip. */
    assert_true(fabs(fix.offset - 0.040) < 0.0005);
    assert_true(fabs(fix.offset - 0.040) <= fix.uncertainty);
    assert_true(fabs(fix.uncertainty - 0.0005) < 1e-9);
    groupclock_filter_add(&f, 110, 0, 109); /* received before it was sent: no sample */
    assert_true(groupclock_filter_fix(&f, 110, &fix));
    assert_true(fabs(fix.offset - 0.040) < 0.0005);
}

/* 100 ppm: the leader's clock gains 0.1 ms a second on this one's. */
static void drift_is_measured(void **state)
{
    (void)state;
    struct groupclock_filter f;
    groupclock_filter_init(&f);
    for (int i = 0; i < 60; i++) {
        double t0 = 1000 + i, d = 0.0004 + 0.0002 * (i % 3);
        groupclock_filter_add(&f, t0, t0 + d / 2 + 0.025 + 1e-4 * i, t0 + d);
    }
    struct groupclock_fix fix;
    assert_true(groupclock_filter_fix(&f, 1060, &fix));
    assert_true(fabs(fix.skew - 1e-4) < 5e-6);
    /* Carried to now by the drift: the offset at 1060, not at the best sample's time. */
    assert_true(fabs(groupclock_fix_offset(&fix, 1060) - (0.025 + 1e-4 * 60)) < 0.0002);
    assert_true(fabs(groupclock_fix_offset(&fix, 1120) - (0.025 + 1e-4 * 120)) < 0.0005);
}

/* A correction 10 ms back is slewed at most 2 ms a second: the group time
 * never goes back, and arrives. A first fix is taken at once. */
static void slew_never_goes_back(void **state)
{
    (void)state;
    struct groupclock_slew s;
    groupclock_slew_init(&s);
    struct groupclock_fix fix = {.offset = 0.5, .at = 0};
    groupclock_slew_set(&s, &fix, true);
    assert_true(fabs(groupclock_slew_time(&s, 10) - 10.5) < 1e-9);
    fix = (struct groupclock_fix){.offset = 0.49, .at = 10};
    groupclock_slew_set(&s, &fix, false);
    double last = 10.5, t;
    for (double local = 10 + 1.0 / 60; local < 30; local += 1.0 / 60) {
        t = groupclock_slew_time(&s, local);
        assert_true(t >= last);
        assert_true(t - last <= 1.0 / 60 + 1e-9); /* never faster than the clock itself */
        last = t;
    }
    assert_true(fabs(groupclock_slew_error(&s)) < 1e-9);
    assert_true(fabs(groupclock_slew_time(&s, 40) - 40.49) < 1e-9);
}

/* TICKER_TEST_CLOCK is read once, at the first reading of the clock. */
static void test_clock_is_injected(void **state)
{
    (void)state;
    setenv("TICKER_TEST_CLOCK", "40,100", 1);
    double local = groupclock_local_now();
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    double real = (double)ts.tv_sec + ts.tv_nsec / 1e9;
    assert_true(fabs(local - real - 0.040) < 0.005);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(offset_rests_on_the_shortest_trip),
        cmocka_unit_test(drift_is_measured),
        cmocka_unit_test(slew_never_goes_back),
        cmocka_unit_test(test_clock_is_injected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
