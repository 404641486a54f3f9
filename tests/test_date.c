#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ingest/date.h"

/* 2025-07-16T02:30:00Z */
#define T0 1752633000

static int64_t parsed(const char *text)
{
    int64_t t = -1;
    assert_true(date_parse(text, &t));
    return t;
}

static void rfc822_variants_vietnamese_sites_use(void **state)
{
    (void)state;
    assert_int_equal(parsed("Wed, 16 Jul 2025 09:30:00 +0700"), T0);   /* VnExpress */
    assert_int_equal(parsed("Wed, 16 Jul 2025 09:30:00 GMT+7"), T0);   /* Tuổi Trẻ, Dân Trí */
    assert_int_equal(parsed("Wed, 16 Jul 2025 09:30:00 GMT+07:00"), T0);
    assert_int_equal(parsed("Wed, 16 Jul 2025 09:30:00 +07:00"), T0);
    assert_int_equal(parsed("16 Jul 2025 02:30:00 GMT"), T0);
    assert_int_equal(parsed("Wed, 16 Jul 2025 02:30 Z"), T0);
    assert_int_equal(parsed("Wed, 16 Jul 2025 09:30:00 ICT"), T0);
    assert_int_equal(parsed("Tue, 15 Jul 2025 22:30:00 EDT"), T0);
    assert_int_equal(parsed("  Wed, 16 July 2025 09:30:00 +0700 "), T0);
    assert_int_equal(parsed("Wed, 16 Jul 25 02:30:00 UT"), T0);
    assert_int_equal(parsed("Wed, 16 Jul 2025 02:30:00"), T0); /* no zone: read as UTC */
}

static void rfc3339_and_iso8601(void **state)
{
    (void)state;
    assert_int_equal(parsed("2025-07-16T02:30:00Z"), T0);
    assert_int_equal(parsed("2025-07-16T09:30:00+07:00"), T0);
    assert_int_equal(parsed("2025-07-16T09:30:00.123+07:00"), T0);
    assert_int_equal(parsed("2025-07-16 09:30:00+0700"), T0);
    assert_int_equal(parsed("2025-07-16T09:30+07"), T0);
    assert_int_equal(parsed("20250716T093000+0700"), T0);
    assert_int_equal(parsed("2025-07-16T02:30:00z"), T0);
    assert_int_equal(parsed("2025-07-16"), T0 - 2 * 3600 - 30 * 60);
    assert_int_equal(parsed("2024-02-29T00:00:00Z"), 1709164800);
    assert_int_equal(parsed("1970-01-01T00:00:00Z"), 0);
}

static void unknown_stays_unknown(void **state)
{
    (void)state;
    const char *bad[] = {"", "   ", "hôm qua", "Wed, 32 Jul 2025 09:30:00 +0700", "2025-02-29T00:00:00Z",
                         "2025-13-01", "Wed, 16 Foo 2025 09:30:00 +0700", "16/07/2025 09:30",
                         "2025-07-16T25:00:00Z", "Wed, 16 Jul 2025 09:30:00 +0700 trailing",
                         "Wed, 16 Jul 2025 09:30:00 XYZ", "2025-07-16T09:30:00+99:00", NULL};
    for (int i = 0; bad[i]; i++) {
        int64_t t = 42;
        assert_false(date_parse(bad[i], &t));
        assert_int_equal(t, 42);
    }
    int64_t t = 42;
    assert_false(date_parse(NULL, &t));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rfc822_variants_vietnamese_sites_use),
        cmocka_unit_test(rfc3339_and_iso8601),
        cmocka_unit_test(unknown_stays_unknown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
