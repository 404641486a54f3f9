#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/tzone.h"
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
                         "2025-13-01", "Wed, 16 Foo 2025 09:30:00 +0700",
                         "16/07/2025 09:30 XYZ", "2025-07-16T25:00:00Z", "Wed, 16 Jul 2025 09:30:00 +0700 trailing",
                         "Wed, 16 Jul 2025 09:30:00 XYZ", "2025-07-16T09:30:00+99:00",
                         "28 tháng 13 năm 2026", "ngày 28 tháng 5", "tháng 5 năm 2026", NULL};
    for (int i = 0; bad[i]; i++) {
        int64_t t = 42;
        assert_false(date_parse(bad[i], &t));
        assert_int_equal(t, 42);
    }
    int64_t t = 42;
    assert_false(date_parse(NULL, &t));
}

/* Feeds in other languages print their own month and day names, full or
 * short, with a dot or without, in any case; the day's name is ignored. */
static void month_and_day_names_of_other_languages(void **state)
{
    (void)state;
    const int64_t at_10 = 1537783200; /* 2018-09-24T10:00:00Z */
    const int64_t day = 1537747200;   /* 2018-09-24T00:00:00Z */
    assert_int_equal(parsed("Seg, 24 Set 2018 10:00:00 -0300"), at_10 + 3 * 3600);  /* Portuguese */
    assert_int_equal(parsed("segunda-feira, 24 de setembro de 2018"), day);
    assert_int_equal(parsed("lun, 24 sep 2018 10:00:00 +0000"), at_10);               /* Spanish */
    assert_int_equal(parsed("Lunes, 24 de Septiembre de 2018"), day);
    assert_int_equal(parsed("mar, 25 sep 2018"), day + 86400);   /* "mar" is Tuesday here, not March */
    assert_int_equal(parsed("mar 24, 2018"), 1521849600);        /* and March here */
    assert_int_equal(parsed("lun., 24 sept. 2018 10:00:00 +0000"), at_10);            /* French */
    assert_int_equal(parsed("24 février 2018"), 1519430400);
    assert_int_equal(parsed("24 FÉVR. 2018"), 1519430400);
    assert_int_equal(parsed("sam., 24 févr. 2018 10:00"), 1519466400);
    assert_int_equal(parsed("Mo, 24 Sep 2018 10:00:00 +0200"), at_10 - 2 * 3600);     /* German */
    assert_int_equal(parsed("24. März 2018"), 1521849600);
    assert_int_equal(parsed("Samstag, 24. Mär. 2018"), 1521849600);
    assert_int_equal(parsed("24 Mrz 2018"), 1521849600);
    assert_int_equal(parsed("Пн, 24 сен 2018 10:00:00 +0300"), at_10 - 3 * 3600);     /* Russian */
    assert_int_equal(parsed("24 сентября 2018 г."), day);
    assert_int_equal(parsed("ПН, 24 СЕН 2018"), day);
    assert_int_equal(parsed("lun, 24 set 2018"), day);                                 /* Italian */
    assert_int_equal(parsed("24 dicembre 2018"), 1545609600);
    assert_int_equal(parsed("ma, 24 sep 2018"), day);                                  /* Dutch */
    assert_int_equal(parsed("24 mrt. 2018"), 1521849600);
    assert_int_equal(parsed("zondag 24 juni 2018"), 1529798400);
    assert_int_equal(parsed("24 Sep 2018"), day);          /* the "20" of 2018 is no hour (it read 20:00) */
    assert_int_equal(parsed("16-Jul-2025"), 1752624000);
    int64_t t = 42;
    assert_false(date_parse("24 jui 2018", &t)); /* juin or juillet: not guessed */
    assert_false(date_parse("lun, 24 foo 2018", &t));
    assert_false(date_parse("24 Sep 2018 10hours", &t));
    assert_false(date_parse("24 Sep 2018 25h00", &t));
    assert_int_equal(t, 42);
}

/* French "juil."/"juill." and "juin" are read; "jui" alone names two months and stays refused. */
static void french_july_and_june_abbreviations(void **state)
{
    (void)state;
    assert_int_equal(parsed("24 juil. 2018"), 1532390400);
    assert_int_equal(parsed("24 juill. 2018"), 1532390400);
    assert_int_equal(parsed("24 juin 2018"), 1529798400);
    int64_t t = 42;
    assert_false(date_parse("24 jui. 2018", &t));
    assert_int_equal(t, 42);
}

/* Month names (full, genitive, short) of Indonesian, Turkish, Polish, Swedish, Norwegian and Danish pages. */
static void month_names_of_more_news_languages(void **state)
{
    (void)state;
    const int64_t sep24 = 1537747200, aug24 = 1535068800, mar24 = 1521849600, dec24 = 1545609600;
    assert_int_equal(parsed("24 Agustus 2018"), aug24); /* Indonesian */
    assert_int_equal(parsed("24 Des 2018"), dec24);
    assert_int_equal(parsed("24 Maret 2018"), mar24);
    assert_int_equal(parsed("24 Eylül 2018"), sep24); /* Turkish */
    assert_int_equal(parsed("24 Aralık 2018"), dec24);
    assert_int_equal(parsed("24 Ağu 2018"), aug24);
    assert_int_equal(parsed("24 września 2018"), sep24); /* Polish */
    assert_int_equal(parsed("24 sierpnia 2018"), aug24);
    assert_int_equal(parsed("24 GRU 2018"), dec24);
    assert_int_equal(parsed("24 augusti 2018"), aug24); /* Swedish */
    assert_int_equal(parsed("24 desember 2018"), dec24); /* Norwegian */
    assert_int_equal(parsed("24 marts 2018"), mar24);   /* Danish */
    assert_int_equal(parsed("24 listopada 2018"), 1543017600);
}

/* The same languages' day names before the date, and their words between
 * the parts: the whole date was lost to the unknown day name. */
static void day_names_of_more_news_languages(void **state)
{
    (void)state;
    const int64_t dec7 = 1796601600, dec7_0830 = dec7 + 8 * 3600 + 30 * 60;
    assert_int_equal(parsed("Senin, 7 Desember 2026 08:30"), dec7_0830); /* Indonesian */
    assert_int_equal(parsed("Senin, 07 Des 2026 08:30:00 +0700"), dec7_0830 - 7 * 3600);
    assert_int_equal(parsed("Jumat, 7 Desember 2026"), dec7);
    assert_int_equal(parsed("Pazartesi, 7 Aralık 2026 08:30"), dec7_0830); /* Turkish */
    assert_int_equal(parsed("Pzt, 07 Ara 2026 08:30:00 +0300"), dec7_0830 - 3 * 3600);
    assert_int_equal(parsed("Paz, 07 Ara 2026"), dec7); /* "paz" also begins październik: the later month wins */
    assert_int_equal(parsed("Çarşamba, 7 Aralık 2026"), dec7);
    assert_int_equal(parsed("pon., 7 gru 2026"), dec7); /* Polish */
    assert_int_equal(parsed("7 grudnia 2026 r."), dec7);
    assert_int_equal(parsed("poniedziałek, 7 grudnia 2026 r., 08:30"), dec7_0830);
    assert_int_equal(parsed("Ngày 7 tháng 12 năm 2026"), dec7); /* Vietnamese, the month by its number */
    assert_int_equal(parsed("T2, 07/12/2026 08:30"), dec7_0830);       /* Thứ Hai by its number */
    assert_int_equal(parsed("CN, 06/12/2026"), dec7 - 86400);          /* Chủ nhật */
}

static int64_t parsed_in(const char *text, const struct tzone *zone)
{
    int64_t t = -1;
    assert_true(date_parse_in_zone(text, zone, &t));
    return t;
}

/* The forms Vietnamese pages print, and month-first forms, all in +07:00 here. */
static void vietnamese_and_month_first_forms(void **state)
{
    (void)state;
    char err[256];
    struct tzone *hcm = tzone_create("Asia/Ho_Chi_Minh", NULL, err, sizeof err);
    assert_non_null(hcm);
    const int64_t t = 1779962400; /* 2026-05-28T10:00:00Z = 17:00 +07:00 */
    const char *forms[] = {
        "Thứ 5, 28/05/2026 17:00:00 GMT+7", "Thứ năm, 28/05/2026 17:00 (GMT+7)", "28/05/2026 17:00 (GMT+07:00)",
        "28-05-2026 17:00:00 +0700", "28.05.2026 17:00", "Thứ Năm, ngày 28/05/2026 lúc 17:00",
        "May 28, 2026 5:00 PM", "May 28, 2026 17:00:00 +07:00", "05/28/2026 17:00", "2026/05/28 17:00",
        "Thu May 28 2026 17:00:00 GMT+0700 (Indochina Time)", "Thu May 28 17:00:00 +0700 2026",
        "Thursday, May 28, 2026 at 5:00 PM", "28 May 2026 17:00", "2026-05-28 17:00",
        "2026-05-28T17:00:00", "Thu, 28 May 2026 17:00:00", "Chủ nhật, 28/05/2026 17:00 GMT+7",
        /* the clock as Vietnamese (and French) pages write it */
        "Thứ năm, 28/05/2026, 17h00 (GMT+7)", "17h00 ngày 28/05/2026", "28/05/2026 17H00", "28/05/2026 - 17h",
        "jeudi 28 mai 2026 à 17h00",
        /* the month as a number after "tháng" (month), the year after "năm" */
        "Thứ Năm, ngày 28 tháng 5 năm 2026, 17:00", "17h00 ngày 28 tháng 05 năm 2026", "28 tháng 5, 2026 17:00",
        "Thứ năm, 28 Tháng 5 2026 17:00 (GMT+7)", NULL};
    for (int i = 0; forms[i]; i++) {
        int64_t got = -1;
        assert_true(date_parse_in_zone(forms[i], hcm, &got));
        if (got != t)
            fail_msg("%s: %lld, wanted %lld", forms[i], (long long)got, (long long)t);
    }
    /* "07/03/2026": day first, as Vietnamese sites write it */
    assert_int_equal(parsed_in("07/03/2026 08:52 (GMT+07:00)", hcm), 1772848320);
    tzone_destroy(hcm);
}

/* A date without a zone is local to the source: its zone, else the kiosk's. */
static void zoneless_dates_take_the_source_zone(void **state)
{
    (void)state;
    char err[256];
    struct tzone *hcm = tzone_create("Asia/Ho_Chi_Minh", NULL, err, sizeof err);
    struct tzone *fixed = tzone_create("+07:00", NULL, err, sizeof err);
    struct tzone *paris = tzone_create("Europe/Paris", NULL, err, sizeof err);
    assert_non_null(hcm);
    assert_non_null(fixed);
    assert_non_null(paris);
    assert_int_equal(parsed_in("2025-07-16T09:30:00", hcm), T0);
    assert_int_equal(parsed_in("Wed, 16 Jul 2025 09:30:00", hcm), T0);
    assert_int_equal(parsed_in("Wed, 16 Jul 2025 09:30:00", fixed), T0);
    assert_int_equal(parsed_in("2025-07-16 04:30", paris), T0);        /* summer: +02:00 */
    assert_int_equal(parsed_in("2025-01-16 03:30", paris), 1736994600); /* winter: +01:00 */
    assert_int_equal(parsed_in("2025-07-16T09:30:00+07:00", paris), T0); /* a zone in the text wins */
    assert_int_equal(parsed_in("2025-07-16T02:30:00", NULL), T0);       /* the kiosk's zone: TZ=UTC here */
    assert_null(tzone_create("Mars/Olympus_Mons", NULL, err, sizeof err));
    assert_non_null(strstr(err, "Mars/Olympus_Mons"));
    assert_null(tzone_create("../../etc/passwd", NULL, err, sizeof err));
    /* a zone file cut short or with counts past its end is refused, not read past */
    FILE *tzif = fopen("/usr/share/zoneinfo/Europe/Paris", "rb");
    assert_non_null(tzif);
    unsigned char bytes[4096];
    size_t n = fread(bytes, 1, sizeof bytes, tzif);
    fclose(tzif);
    struct tzone *whole = tzone_from_tzif(bytes, n);
    assert_non_null(whole);
    tzone_destroy(whole);
    for (size_t cut = 0; cut < 200; cut += 7)
        assert_null(tzone_from_tzif(bytes, cut));
    bytes[35] = 0xFF; /* timecnt's low byte: more transitions than the file holds */
    assert_null(tzone_from_tzif(bytes, 200));
    tzone_destroy(hcm);
    tzone_destroy(fixed);
    tzone_destroy(paris);
    assert_int_equal(date_clamp_future(T0 + 2 * 86400, T0), T0);
    assert_int_equal(date_clamp_future(T0 + 3600, T0), T0 + 3600);
}

static void a_date_says_whether_it_names_its_zone(void **state)
{
    (void)state;
    assert_true(date_has_zone("07/03/2026 08:07 (GMT+7)"));
    assert_true(date_has_zone("2026-03-07T08:07:00+07:00"));
    assert_true(date_has_zone("Sat, 07 Mar 2026 01:07:00 GMT"));
    assert_false(date_has_zone("2026-03-07 08:07"));
    assert_false(date_has_zone("07/03/2026 08:07"));
    assert_false(date_has_zone("hôm qua"));
}

int main(void)
{
    setenv("TZ", "UTC", 1); /* the kiosk's own zone, for the tests that do not name one */
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rfc822_variants_vietnamese_sites_use),
        cmocka_unit_test(rfc3339_and_iso8601),
        cmocka_unit_test(unknown_stays_unknown),
        cmocka_unit_test(month_and_day_names_of_other_languages),
        cmocka_unit_test(french_july_and_june_abbreviations),
        cmocka_unit_test(month_names_of_more_news_languages),
        cmocka_unit_test(day_names_of_more_news_languages),
        cmocka_unit_test(vietnamese_and_month_first_forms),
        cmocka_unit_test(zoneless_dates_take_the_source_zone),
        cmocka_unit_test(a_date_says_whether_it_names_its_zone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
