/* base/groupclock: Cristian's offset from the shortest round trips, the
 * drift, the slew that never goes back, and the test clock's injection;
 * base/program's wire-independent parts; live/syncwire's seal. */
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
#include "base/program.h"
#include "live/syncwire.h"

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

static struct item_list *one_item(const char *title, const char *picture)
{
    struct item_list *list = item_list_create();
    struct item item;
    item_init(&item);
    assert_true(item_set(&item.id, "id-1") && item_set(&item.title, title) && item_set(&item.summary, "Tóm tắt"));
    assert_true(item_add_picture(&item, picture, "Chú thích", 800, 600));
    assert_true(item_list_push(list, &item));
    item_clear(&item);
    return list;
}

static struct program *sample_program(void)
{
    struct program *p = calloc(1, sizeof *p);
    p->identity = (struct program_identity){1920, 1080, 0, 60, 3, 1, 40, 120, 8, ""};
    memset(p->identity.fonts, 'a', 64);
    assert_true(program_push(p, 1796600000.25, 123456789012, one_item("Hội đàm cấp cao", "https://example.org/a.jpg")));
    assert_true(program_push(p, 1796600060.5, 123456799012, one_item("Tin thứ hai", "/etc/passwd")));
    return p;
}

/* A program sealed by the leader comes back whole; a wrong key, a tampered
 * byte, an answer to another request (replayed) are refused, and so is a
 * picture that names a local file. */
static void seal_holds(void **state)
{
    (void)state;
    unsigned char key[SYNCWIRE_KEY_BYTES], other[SYNCWIRE_KEY_BYTES];
    memset(key, 7, sizeof key);
    memset(other, 8, sizeof other);
    struct program *p = sample_program();
    char *body = syncwire_encode(p, 1796600001.125, "00112233445566778899aabbccddeeff", key);
    assert_non_null(body);
    struct program *got = NULL;
    double leader = 0;
    char why[256];
    assert_int_equal(syncwire_decode(body, strlen(body), "00112233445566778899aabbccddeeff", key, &got, &leader, why,
                                     sizeof why), SYNCWIRE_PROGRAM);
    assert_true(fabs(leader - 1796600001.125) < 1e-6);
    assert_int_equal(got->count, 2);
    assert_true(fabs(got->segments[1].epoch - 1796600060.5) < 1e-6);
    assert_int_equal(got->segments[0].crawl_start, 123456789012);
    assert_string_equal(got->segments[0].items->items[0].title, "Hội đàm cấp cao");
    assert_int_equal(got->segments[0].items->items[0].picture_count, 1);
    assert_int_equal(got->segments[1].items->items[0].picture_count, 0); /* a local path is no leader's to give */
    assert_int_equal(got->identity.columns, 3);
    assert_string_equal(program_identity_mismatch(&got->identity, &p->identity, why, sizeof why), "");
    program_destroy(got);
    assert_int_equal(syncwire_decode(body, strlen(body), "00112233445566778899aabbccddeeff", other, &got, &leader, why,
                                     sizeof why), SYNCWIRE_BAD);
    assert_non_null(strstr(why, "key"));
    assert_int_equal(syncwire_decode(body, strlen(body), "ffeeddccbbaa99887766554433221100", key, &got, &leader, why,
                                     sizeof why), SYNCWIRE_BAD);
    body[strlen(body) - 5] ^= 1;
    assert_int_equal(syncwire_decode(body, strlen(body), "00112233445566778899aabbccddeeff", key, &got, &leader, why,
                                     sizeof why), SYNCWIRE_BAD);
    free(body);
    body = syncwire_encode_refusal("screen size: 1280x720", 5, "00112233445566778899aabbccddeeff", key);
    assert_int_equal(syncwire_decode(body, strlen(body), "00112233445566778899aabbccddeeff", key, &got, &leader, why,
                                     sizeof why), SYNCWIRE_REFUSED);
    assert_string_equal(why, "screen size: 1280x720");
    free(body);
    struct program_identity small = p->identity;
    small.width = 1280;
    assert_non_null(strstr(program_identity_mismatch(&p->identity, &small, why, sizeof why), "screen size"));
    small = p->identity;
    small.fonts[3] = 'b';
    assert_non_null(strstr(program_identity_mismatch(&p->identity, &small, why, sizeof why), "fonts"));
    program_destroy(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(offset_rests_on_the_shortest_trip),
        cmocka_unit_test(drift_is_measured),
        cmocka_unit_test(slew_never_goes_back),
        cmocka_unit_test(test_clock_is_injected),
        cmocka_unit_test(seal_holds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
