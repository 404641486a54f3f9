/* pacer: frames on a steady grid where vsync is not honoured, the display's
 * rhythm where it is; every frame moves the scene by whole refreshes. The
 * clock is simulated: a frame's work, the present and the wake-up latency of
 * the sleep are drawn from a fixed pseudo-random sequence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "screen/frame/pacer.h"

static double noise(uint32_t *seed, double max)
{
    *seed = *seed * 1664525u + 1013904223u;
    return max * (double)(*seed >> 8) / (double)(1u << 24);
}

/* No vsync: present returns at once. Work up to 12 ms and wake-ups up to
 * 3 ms late (a loaded machine) still give one slot per frame, with never a
 * repeat: the old rule (next = when the last frame ended + a period, and the
 * scene moved by the wall time between frames) drifted across slot
 * boundaries and repeated or skipped steps. */
static void without_vsync_every_frame_is_the_next_slot(void **state)
{
    (void)state;
    const double hz = 60, period = 1 / hz;
    struct pacer p;
    double now = 100.0;
    pacer_init(&p, hz, now);
    uint32_t seed = 7;
    long long total = 0;
    for (int frame = 0; frame < 6000; frame++) {
        double start = now;
        if (frame)
            assert_int_equal(pacer_frame_slots(&p, start), 1);
        double present_start = start + noise(&seed, 0.012);
        double present_end = present_start + 0.0002;
        double next = pacer_next_start(&p, present_start, present_end);
        assert_false(p.vsync);
        /* The grid: every start a whole number of periods from the first. */
        double k = (next - 100.0) / period;
        assert_true(fabs(k - llround(k)) < 1e-6);
        now = (next > present_end ? next : present_end) + noise(&seed, 0.003);
        total++;
    }
    /* 6000 frames took 6000 refreshes: no slot was skipped either. */
    assert_true(fabs(now - 100.0 - total * period) < period);
}

/* A frame that overruns gives up the slots it missed, once: the next frame
 * counts them, and the grid does not drift. */
static void an_overrun_skips_whole_slots(void **state)
{
    (void)state;
    struct pacer p;
    pacer_init(&p, 60, 0);
    double next = pacer_next_start(&p, 0.001, 0.040); /* 40 ms: 2.4 refreshes */
    assert_true(fabs(next - 3 / 60.0) < 1e-9);
    assert_int_equal(pacer_frame_slots(&p, next + 0.0005), 3);
    next = pacer_next_start(&p, next + 0.002, next + 0.0021);
    assert_true(fabs(next - 4 / 60.0) < 1e-9);
    assert_int_equal(pacer_frame_slots(&p, next + 0.0029), 1);
}

/* Where the present waits for vsync the pacer does not sleep, and counts
 * the refreshes between frames. */
static void with_vsync_the_display_paces(void **state)
{
    (void)state;
    const double period = 1 / 60.0;
    struct pacer p;
    pacer_init(&p, 60, 0);
    double vblank = 0;
    uint32_t seed = 3;
    for (int frame = 0; frame < 100; frame++) {
        double start = vblank + noise(&seed, 0.0003);
        if (frame > 8)
            assert_int_equal(pacer_frame_slots(&p, start), frame % 10 == 0 ? 2 : 1);
        else if (frame)
            pacer_frame_slots(&p, start);
        double work = frame % 10 == 9 ? 0.02 : 0.004; /* every tenth frame misses a vblank */
        double present_start = start + work;
        vblank += frame % 10 == 9 ? 2 * period : period;
        double next = pacer_next_start(&p, present_start, vblank);
        if (frame > 8) {
            assert_true(p.vsync);
            assert_true(next == vblank);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(without_vsync_every_frame_is_the_next_slot),
        cmocka_unit_test(an_overrun_skips_whole_slots),
        cmocka_unit_test(with_vsync_the_display_paces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
