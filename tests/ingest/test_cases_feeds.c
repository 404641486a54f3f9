/* The handed feed cases (tests/fixtures/cases/ingest-feeds, from
 * ../shared/cases): each file one kind of fault that other readers have,
 * each right value of its EXPECTED.md asserted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/config.h"
#include "base/tzone.h"
#include "ingest/source.h"
#include "live/fetch/reader.h"
#include <unistd.h>
#include "testutil.h"

#define CASES FIXTURES_DIR "/cases/ingest-feeds/"

static struct item_list *parse_case(const char *file, const struct tzone *zone)
{
    char path[512];
    snprintf(path, sizeof path, CASES "%s", file);
    size_t size;
    char *data = testutil_read_file(path, &size);
    assert_non_null(data);
    struct config *config = config_create();
    struct item_list *items = item_list_create();
    struct ingest_context context = {.name = file, .zone = zone};
    struct source_info info = {0};
    char reason[512];
    if (!source_parse_in(&context, data, size, &config->rules, items, &info, reason, sizeof reason))
        fail_msg("%s: %s", file, reason);
    assert_int_equal(info.format, SOURCE_FORMAT_FEED);
    config_destroy(config);
    free(data);
    return items;
}

static void undefined_html_entities_are_decoded(void **state)
{
    (void)state;
    struct item_list *items = parse_case("02-undefined-html-entities.rss", NULL);
    assert_int_equal(items->count, 2);
    assert_string_equal(items->items[0].title, "Hội thảo quốc tế về di sản – ngày thứ hai");
    assert_string_equal(items->items[0].summary, "Diễn giả’s bài phát biểu khai mạc.");
    item_list_destroy(items);
}

static void escaped_cdata_loses_its_markers(void **state)
{
    (void)state;
    struct item_list *items = parse_case("10-escaped-cdata.rss", NULL);
    assert_int_equal(items->count, 1);
    assert_string_equal(items->items[0].title, "Khai trương phòng trưng bày mới");
    assert_string_equal(items->items[0].source, "Nhật ký bảo tàng");
    assert_string_equal(items->items[0].summary, "Phòng trưng bày mở cửa từ thứ Bảy.");
    item_list_destroy(items);
}

static void raw_ampersands_stay(void **state)
{
    (void)state;
    struct item_list *items = parse_case("14-raw-ampersand.rss", NULL);
    assert_int_equal(items->count, 2);
    assert_string_equal(items->items[0].title, "Xuất & nhập khẩu tăng mạnh trong quý II");
    assert_string_equal(items->items[0].link, "https://example.vn/bai?id=12&cat=kinh-te");
    assert_string_equal(items->items[0].summary, "Doanh nghiệp vừa & nhỏ hưởng lợi.");
    assert_string_equal(items->items[1].title, "R&D: ngân sách cho nghiên cứu tăng 20%");
    assert_string_equal(items->items[1].source, "Kinh tế & Đời sống");
    item_list_destroy(items);
}

static void atom_03_is_read(void **state)
{
    (void)state;
    struct item_list *items = parse_case("16a-atom03.xml", NULL);
    assert_int_equal(items->count, 1);
    assert_string_equal(items->items[0].title, "Mở cửa khu trưng bày gốm cổ");
    char when[32];
    item_format_published(&items->items[0], when);
    assert_string_equal(when, "2025-07-16T02:30:00Z"); /* issued, not modified */
    item_list_destroy(items);
}

static void xml_base_makes_links_and_ids_absolute(void **state)
{
    (void)state;
    struct item_list *items = parse_case("17-xmlbase-relative-links.atom", NULL);
    assert_int_equal(items->count, 2);
    assert_string_equal(items->items[0].link, "https://example.vn/tin/2025/07/16/khach-tang-gap-doi");
    assert_string_equal(items->items[1].link, "https://example.vn/lich-mo-cua.html");
    assert_string_equal(items->items[1].id, "https://example.vn/lich-mo-cua.html");
    item_list_destroy(items);
}

static void a_warning_before_the_xml_is_skipped(void **state)
{
    (void)state;
    struct item_list *items = parse_case("18-php-warning-before-xml.rss", NULL);
    assert_int_equal(items->count, 2);
    assert_string_equal(items->items[0].title, "Thông báo lịch nghỉ lễ Quốc khánh");
    assert_string_equal(items->items[1].title, "Tuyển dụng hướng dẫn viên bảo tàng");
    assert_string_equal(items->items[0].source, "Cổng thông tin");
    item_list_destroy(items);
    /* the warning names the junk */
    int status;
    char *out = testutil_run(TICKER_BINARY " dump " CASES "18-php-warning-before-xml.rss 2>&1 >/dev/null", &status);
    assert_int_equal(status, 0);
    assert_non_null(strstr(out, "bytes before the feed"));
    free(out);
}

static void a_reused_guid_keeps_every_item(void **state)
{
    (void)state;
    struct item_list *items = parse_case("22-duplicate-guid.rss", NULL);
    assert_int_equal(items->count, 4);
    const char *titles[] = {"Lịch tham quan cuối tuần", "Mở cửa phòng trưng bày gốm", "Hội thảo bảo tồn di sản",
                            "Triển lãm ảnh thời bao cấp"};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(items->items[i].title, titles[i]);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(items->items[i].id, items->items[j].id);
    }
    item_list_destroy(items);
    int status;
    char *out = testutil_run(TICKER_BINARY " dump " CASES "22-duplicate-guid.rss 2>&1 >/dev/null", &status);
    assert_int_equal(status, 0);
    const char *warning = strstr(out, "same id");
    assert_non_null(warning);
    assert_null(strstr(warning + 1, "same id")); /* one warning */
    free(out);
}

/* One guid on different items and on copies of one item: every story once
 * (a dropped copy was then compared again: fuzzing found the crash). */
static void a_reused_guid_with_copies(void **state)
{
    (void)state;
    const char *xml = "<rss version=\"2.0\"><channel><title>K</title>"
                      "<item><title>Tin A</title><link>https://x.vn/a</link><guid>g</guid></item>"
                      "<item><title>Tin B</title><link>https://x.vn/b</link><guid>g</guid></item>"
                      "<item><title>Tin B</title><link>https://x.vn/b</link><guid>g</guid></item>"
                      "<item><title>Tin A</title><link>https://x.vn/a</link><guid>g</guid></item>"
                      "<item><title>Tin B</title><link>https://x.vn/b</link><guid>g</guid></item>"
                      "</channel></rss>";
    struct config *config = config_create();
    struct item_list *items = item_list_create();
    char err[256];
    assert_true(source_parse_buffer("copies.rss", xml, strlen(xml), &config->rules, items, err, sizeof err));
    assert_int_equal(items->count, 2);
    assert_string_not_equal(items->items[0].id, items->items[1].id);
    item_list_destroy(items);
    config_destroy(config);
}

static void zoneless_dates_are_read_in_the_source_zone(void **state)
{
    (void)state;
    char err[256];
    struct tzone *hcm = tzone_create("Asia/Ho_Chi_Minh", NULL, err, sizeof err);
    assert_non_null(hcm);
    struct item_list *items = parse_case("26-date-no-zone.rss", hcm);
    assert_int_equal(items->count, 2);
    for (size_t i = 0; i < 2; i++) {
        char when[32];
        item_format_published(&items->items[i], when);
        assert_string_equal(when, "2025-07-16T02:30:00Z");
    }
    item_list_destroy(items);
    tzone_destroy(hcm);
    /* no source zone: the kiosk's own (TZ) */
    int status;
    char *out = testutil_run("TZ=Asia/Ho_Chi_Minh " TICKER_BINARY " dump " CASES "26-date-no-zone.rss", &status);
    assert_int_equal(status, 0);
    assert_non_null(strstr(out, "\"published\":\"2025-07-16T02:30:00Z\""));
    assert_null(strstr(out, "09:30:00Z"));
    free(out);
}

/* The per-source setting, end to end: `timezone =` in a [source] section
 * of the INI file decides how reader_load reads zoneless dates, whatever
 * the kiosk's own zone; a zone that does not exist is a config error. */
static void the_timezone_setting_of_a_source(void **state)
{
    (void)state;
    char dir[] = "/tmp/ticker-zone-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char ini[256], bad[256];
    snprintf(ini, sizeof ini, "%s/ticker.ini", dir);
    snprintf(bad, sizeof bad, "%s/bad.ini", dir);
    FILE *f = fopen(ini, "w");
    fprintf(f, "[source hcm]\nlocation = %s26-date-no-zone.rss\ntimezone = Asia/Ho_Chi_Minh\n", CASES);
    fclose(f);
    f = fopen(bad, "w");
    fprintf(f, "[source x]\nlocation = /tmp/x.rss\ntimezone = Asia/Atlantis\n");
    fclose(f);
    struct config *config = config_create();
    char err[512];
    assert_true(config_load_file(config, ini, err, sizeof err));
    struct item_list *items = item_list_create();
    setenv("TZ", "UTC", 1); /* the kiosk's own zone is not the source's */
    assert_true(reader_load(config->sources[0].location, config, items, err, sizeof err));
    unsetenv("TZ");
    char when[32];
    item_format_published(&items->items[0], when);
    assert_string_equal(when, "2025-07-16T02:30:00Z");
    item_list_destroy(items);
    config_destroy(config);
    config = config_create();
    assert_false(config_load_file(config, bad, err, sizeof err));
    assert_non_null(strstr(err, "Asia/Atlantis"));
    config_destroy(config);
    remove(ini);
    remove(bad);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(undefined_html_entities_are_decoded),
        cmocka_unit_test(escaped_cdata_loses_its_markers),
        cmocka_unit_test(raw_ampersands_stay),
        cmocka_unit_test(atom_03_is_read),
        cmocka_unit_test(xml_base_makes_links_and_ids_absolute),
        cmocka_unit_test(a_warning_before_the_xml_is_skipped),
        cmocka_unit_test(a_reused_guid_keeps_every_item),
        cmocka_unit_test(a_reused_guid_with_copies),
        cmocka_unit_test(zoneless_dates_are_read_in_the_source_zone),
        cmocka_unit_test(the_timezone_setting_of_a_source),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
