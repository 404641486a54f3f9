#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"

static char *write_temp(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/ticker-config-XXXXXX");
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static void the_example_config_in_assets_loads(void **state)
{
    (void)state;
    struct config *c = config_create();
    char err[512] = "";
    bool ok = config_load_file(c, TICKER_SOURCE_DIR "/assets/ticker.ini", err, sizeof err);
    if (!ok)
        fail_msg("%s", err);
    config_destroy(c);
}

static void sources_rules_and_settings_are_read(void **state)
{
    (void)state;
    char *path = write_temp("[display]\nrotate = 90\ncrawl_speed = 180\n"
                            "[source vnexpress]\nlocation = https://vnexpress.net/rss/the-gioi.rss\nrefresh = 600\n"
                            "[source usb]\nlocation = /media/usb/news\n"
                            "[kinds]\ndialogue_keywords = hội đàm, tham vấn\ndialogue_keywords = đối thoại\n");
    struct config *c = config_create();
    char err[512] = "";
    assert_true(config_load_file(c, path, err, sizeof err));
    assert_int_equal(c->display.rotate, 90);
    assert_true(c->display.crawl_speed == 180.0);
    assert_int_equal(c->source_count, 2);
    assert_string_equal(c->sources[0].location, "https://vnexpress.net/rss/the-gioi.rss");
    assert_int_equal(c->sources[0].refresh_seconds, 600);
    assert_int_equal(c->sources[1].refresh_seconds, 0);
    /* the file's list replaces the defaults, and repeated keys accumulate */
    assert_int_equal(c->rules.dialogue_keywords.count, 3);
    assert_string_equal(c->rules.dialogue_keywords.values[2], "đối thoại");
    config_destroy(c);
    remove(path);
}

static void bad_values_name_the_file_line_and_reason(void **state)
{
    (void)state;
    char *path = write_temp("[display]\nwidth = 1920\nrotate = 45\n");
    struct config *c = config_create();
    char err[512] = "";
    assert_false(config_load_file(c, path, err, sizeof err));
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, ":3:"));
    assert_non_null(strstr(err, "rotate"));
    config_destroy(c);
    remove(path);

    path = write_temp("[fetch]\nrefersh = 60\n");
    c = config_create();
    assert_false(config_load_file(c, path, err, sizeof err));
    assert_non_null(strstr(err, "unknown setting [fetch] refersh"));
    config_destroy(c);
    remove(path);

    c = config_create();
    assert_false(config_load_file(c, "/nonexistent/ticker.ini", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/ticker.ini: cannot open"));
    config_destroy(c);
}

/* A line over inih's buffer (Debian's libinih: 200 bytes) is an error that
 * names its own line and length; the old loader let inih cut it in two, so
 * a long value was cut short or the error named the line after it. A line
 * that just fits keeps its whole value. */
static void a_long_line_is_reported_with_its_own_number(void **state)
{
    (void)state;
    char text[2048], url[400];
    snprintf(url, sizeof url, "https://example.vn/%0*d", 168, 7); /* 198 bytes with "location = " */
    snprintf(text, sizeof text, "[source fits]\nlocation = %s\n", url);
    char *path = write_temp(text);
    struct config *c = config_create();
    char err[512] = "";
    if (!config_load_file(c, path, err, sizeof err))
        fail_msg("%s", err);
    assert_int_equal(strlen("location = ") + strlen(url), 198);
    assert_int_equal(c->source_count, 1);
    assert_string_equal(c->sources[0].location, url);
    config_destroy(c);
    remove(path);

    snprintf(url, sizeof url, "https://example.vn/%0*d", 300, 7);
    snprintf(text, sizeof text, "[fetch]\nrefresh = 60\n; a comment\n[source long]\nlocation = %s\nrefresh = 600\n", url);
    path = write_temp(text);
    c = config_create();
    assert_false(config_load_file(c, path, err, sizeof err));
    print_message("%s\n", err);
    assert_non_null(strstr(err, ":5: the line is 330 bytes long"));
    config_destroy(c);
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_example_config_in_assets_loads),
        cmocka_unit_test(sources_rules_and_settings_are_read),
        cmocka_unit_test(bad_values_name_the_file_line_and_reason),
        cmocka_unit_test(a_long_line_is_reported_with_its_own_number),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
