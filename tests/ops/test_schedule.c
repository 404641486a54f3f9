/* ops/schedule: [schedule] ranges to on/off minutes, crossing midnight, the
 * next change, and refusing what is not a range. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/config.h"
#include "ops/schedule.h"
#include <unistd.h>

/* 2026-11-23 is a Monday; TZ is UTC in this test. */
static time_t at(int mday, int hour, int minute)
{
    struct tm tm = {.tm_year = 126, .tm_mon = 10, .tm_mday = mday, .tm_hour = hour, .tm_min = minute};
    return timegm(&tm);
}

static void parse(struct onhours *week, const char *daily, const char *sat, const char *sun)
{
    struct schedule_config c = {0};
    c.days[CONFIG_SCHEDULE_DAILY] = (char *)daily;
    c.days[5] = (char *)sat;
    c.days[6] = (char *)sun;
    char err[256] = "";
    assert_true(schedule_parse(&c, week, err, sizeof err));
}

static void no_schedule_is_always_on(void **state)
{
    (void)state;
    struct onhours week;
    parse(&week, NULL, NULL, NULL);
    assert_false(schedule_has_off(&week));
    assert_true(schedule_is_on(&week, at(23, 3, 0)));
    assert_int_equal(schedule_next_change(&week, at(23, 3, 0)), (time_t)-1);
}

static void a_range_crosses_midnight(void **state)
{
    (void)state;
    struct onhours week;
    parse(&week, "08:00-12:00, 20:00-02:00", NULL, "off");
    assert_true(schedule_has_off(&week));
    assert_false(schedule_is_on(&week, at(23, 7, 59)));  /* Monday */
    assert_true(schedule_is_on(&week, at(23, 8, 0)));
    assert_false(schedule_is_on(&week, at(23, 12, 0)));
    assert_true(schedule_is_on(&week, at(23, 23, 30)));
    assert_true(schedule_is_on(&week, at(24, 1, 59)));   /* Tuesday, from Monday's range */
    assert_false(schedule_is_on(&week, at(24, 2, 0)));
    assert_int_equal(schedule_next_change(&week, at(23, 21, 10)), at(24, 2, 0));
    assert_int_equal(schedule_next_change(&week, at(24, 2, 0)), at(24, 8, 0));
    /* Saturday 20:00-02:00 spills into Sunday, which is "off" itself. */
    assert_true(schedule_is_on(&week, at(29, 1, 0)));
    assert_false(schedule_is_on(&week, at(29, 9, 0)));
    /* Sunday is off, so nothing spills into Monday morning. */
    assert_false(schedule_is_on(&week, at(30, 1, 0)));
}

static void a_day_overrides_daily(void **state)
{
    (void)state;
    struct onhours week;
    parse(&week, "09:00-17:00", "10:00-24:00", NULL);
    assert_false(schedule_is_on(&week, at(28, 9, 30)));  /* Saturday */
    assert_true(schedule_is_on(&week, at(28, 23, 59)));
    assert_true(schedule_is_on(&week, at(27, 9, 30)));   /* Friday */
}

static void bad_ranges_are_refused_with_the_key(void **state)
{
    (void)state;
    const char *bad[] = {"8-18", "08:00-18:60", "25:00-02:00", "08:00-08:00", "08:00-", "sometimes"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct schedule_config c = {0};
        c.days[2] = (char *)bad[i];
        struct onhours week;
        onhours_fill(&week, true);
        char err[256] = "";
        assert_false(schedule_parse(&c, &week, err, sizeof err));
        assert_non_null(strstr(err, "[schedule] wed"));
        assert_false(schedule_has_off(&week)); /* untouched */
    }
}

/* "24:00-00:00" was read as a range crossing midnight that holds no
 * minute: the screen off all day, said as a time. A range that holds no
 * minute is refused, in [schedule] and in a source's hours, with the file
 * and the line; the ranges that mean something stay as they were. */
static void ranges_that_hold_no_minute_are_refused_at_their_line(void **state)
{
    (void)state;
    const char *empty[] = {"24:00-00:00", "24:00-24:00", "24:00-02:00", "00:00-00:00", "13:30 - 13:30",
                           "08:00-18:00, 24:00-00:00"};
    for (size_t i = 0; i < sizeof empty / sizeof *empty; i++) {
        struct schedule_config c = {0};
        c.days[CONFIG_SCHEDULE_DAILY] = (char *)empty[i];
        struct onhours week;
        onhours_fill(&week, true);
        char err[256] = "";
        if (schedule_parse(&c, &week, err, sizeof err))
            fail_msg("\"%s\" was accepted", empty[i]);
        assert_non_null(strstr(err, "[schedule] daily"));
        assert_non_null(strstr(err, "write \"off\" for a day off"));
    }
    static const char *const files[][2] = {{"[schedule]\ndaily = 24:00-00:00\n", ":2: [schedule] daily"},
                                           {"[source a]\nlocation = /srv/a.rss\n\nhours = 24:00-00:00\n",
                                            ":4: [source a] hours"}};
    for (size_t i = 0; i < 2; i++) {
        char path[] = "/tmp/ticker-test-schedule-XXXXXX";
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        assert_int_equal(write(fd, files[i][0], strlen(files[i][0])), (ssize_t)strlen(files[i][0]));
        close(fd);
        struct config *config = config_create();
        char err[512] = "";
        assert_false(config_load_file(config, path, err, sizeof err));
        if (!strstr(err, path) || !strstr(err, files[i][1]))
            fail_msg("no file and line: %s", err);
        config_destroy(config);
        unlink(path);
    }
    /* What means something is kept: overnight, to midnight, all day. */
    struct onhours week;
    parse(&week, "22:00-02:00", "22:00-00:00", "00:00-24:00");
    assert_true(schedule_is_on(&week, at(23, 23, 0)));  /* Monday 23:00 */
    assert_true(schedule_is_on(&week, at(24, 1, 59)));  /* Tuesday, from Monday's range */
    assert_false(schedule_is_on(&week, at(24, 2, 0)));
    assert_true(schedule_is_on(&week, at(28, 23, 59))); /* Saturday 22:00-00:00 */
    assert_true(schedule_is_on(&week, at(29, 12, 0)));  /* Sunday all day */
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_schedule_is_always_on),
        cmocka_unit_test(a_range_crosses_midnight),
        cmocka_unit_test(a_day_overrides_daily),
        cmocka_unit_test(bad_ranges_are_refused_with_the_key),
        cmocka_unit_test(ranges_that_hold_no_minute_are_refused_at_their_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
