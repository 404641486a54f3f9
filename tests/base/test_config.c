#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* A long line is read whole: real news URLs with their query strings are
 * easily over the 200 bytes of Debian's libinih default buffer, which used
 * to cut them in two (then refuse them). A 2,000-byte URL is read exactly,
 * and the lines around it keep their numbers. */
static void a_long_url_is_read_exactly(void **state)
{
    (void)state;
    static char text[8192], url[4096];
    int n = snprintf(url, sizeof url, "https://baomoi.example.vn/rss/the-gioi.rss?utm_source=kiosk&q=");
    while (n < 2000)
        url[n] = (char)('a' + n % 26), n++;
    url[n] = '\0';
    snprintf(text, sizeof text, "[source long]\nlocation = %s\nrefresh = 600\n[display]\nrotate = 45\n", url);
    char *path = write_temp(text);
    struct config *c = config_create();
    char err[512] = "";
    assert_false(config_load_file(c, path, err, sizeof err)); /* rotate 45: an error after the long line */
    assert_non_null(strstr(err, ":5: [display] rotate")); /* its own line */
    config_destroy(c);
    remove(path);

    snprintf(text, sizeof text, "[source long]\nlocation = %s\nrefresh = 600\n[display]\nrotate = 90\n", url);
    path = write_temp(text);
    c = config_create();
    if (!config_load_file(c, path, err, sizeof err))
        fail_msg("%s", err);
    assert_int_equal(c->source_count, 1);
    assert_int_equal(strlen(c->sources[0].location), 2000);
    assert_string_equal(c->sources[0].location, url);
    assert_int_equal(c->sources[0].refresh_seconds, 600);
    assert_int_equal(c->display.rotate, 90);
    config_destroy(c);
    remove(path);
}

/* An absurd line (1 MB) is still refused, with the file, its own line
 * number and its length; nothing after it is read. */
static void an_absurd_line_is_refused_with_its_number(void **state)
{
    (void)state;
    size_t size = 1024 * 1024;
    char *text = malloc(size + 256);
    assert_non_null(text);
    int n = snprintf(text, size + 256, "[fetch]\nrefresh = 60\n; a comment\n[source long]\nlocation = https://x.vn/");
    memset(text + n, 'a', size);
    snprintf(text + n + size, 256, "\nrefresh = 600\n");
    char *path = write_temp(text);
    free(text);
    struct config *c = config_create();
    char err[512] = "";
    assert_false(config_load_file(c, path, err, sizeof err));
    print_message("%s\n", err);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, ":5: the line is 1048600 bytes long"));
    config_destroy(c);
    remove(path);
}

/* The first error is reported with its own reason: the loader went on
 * after it and the last error's reason came out beside the first one's
 * line number. */
static void the_first_error_keeps_its_own_reason(void **state)
{
    (void)state;
    char *path = write_temp("[display]\nrotate = 45\nwidth = wide\n");
    struct config *c = config_create();
    char err[512] = "";
    assert_false(config_load_file(c, path, err, sizeof err));
    assert_non_null(strstr(err, ":2: [display] rotate"));
    config_destroy(c);
    remove(path);
}

/* Each error says what the line wanted: "syntax error" alone, "unknown
 * setting [] location" and "invalid value" without the range left a new
 * user guessing. */
static void errors_say_what_was_wanted(void **state)
{
    (void)state;
    static const struct { const char *text, *error; } cases[] = {
        {"location = https://x.vn/rss\n",
         ":1: location is set before any [section]: settings go in one, such as [source NAME] or [display]"},
        {"[display\ntitle = x\n", ":1: syntax error: a section name without its closing ']'"},
        {"[display]\ntitle\n", ":2: syntax error: neither [section], name = value nor a comment (; or #)"},
        {"[display]\nwidth = 1920px\n", ":2: [display] width: invalid value \"1920px\" (a whole number from 0 to 16384)"},
        {"[display]\ncrawl_speed = 5\n", ":2: [display] crawl_speed: invalid value \"5\" (a number from 10 to 2000)"},
        {"[display]\nqr_code = maybe\n", ":2: [display] qr_code: invalid value \"maybe\" (true or false)"},
        {"[display]\ntitle = Exposition \xe9t\xe9 2026\n", /* Latin-1: "été" was shown as "t" */
         ":2: not UTF-8 text (byte 0xE9 at column 20): save the file as UTF-8"},
        {"[source a]\nlocation =\n",
         ":2: [source a] location is empty: give a feed URL (https://...), a file or a folder"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *path = write_temp(cases[i].text);
        struct config *c = config_create();
        char err[512] = "";
        assert_false(config_load_file(c, path, err, sizeof err));
        if (strncmp(err, path, strlen(path)) || strcmp(err + strlen(path), cases[i].error))
            fail_msg("got \"%s\", wanted \"%s%s\"", err, path, cases[i].error);
        config_destroy(c);
        remove(path);
    }
}

/* A location in quotes is read without them: it was taken whole, quotes
 * and all, and refused as "only http and https URLs are supported". */
static void a_quoted_location_loses_its_quotes(void **state)
{
    (void)state;
    char *path = write_temp("[source a]\nlocation = \"https://vnexpress.net/rss/the-gioi.rss\"\n"
                            "[source b]\nlocation = '/media/usb/news'\n");
    struct config *c = config_create();
    char err[512] = "";
    if (!config_load_file(c, path, err, sizeof err))
        fail_msg("%s", err);
    assert_int_equal(c->source_count, 2);
    assert_string_equal(c->sources[0].location, "https://vnexpress.net/rss/the-gioi.rss");
    assert_string_equal(c->sources[1].location, "/media/usb/news");
    config_destroy(c);
    remove(path);
}

/* Anything but a regular file is refused with its path and what it is: a
 * folder was read as an empty config, and the kiosk ran on the defaults
 * without a word; a FIFO would wait for a writer for ever. A binary file
 * (a NUL byte) is no INI file. */
static void a_folder_a_fifo_or_a_binary_file_is_no_config(void **state)
{
    (void)state;
    char dir[] = "/tmp/ticker-config-dir-XXXXXX";
    assert_non_null(mkdtemp(dir));
    struct config *c = config_create();
    char err[512] = "";
    assert_false(config_load_file(c, dir, err, sizeof err));
    assert_non_null(strstr(err, dir));
    assert_non_null(strstr(err, "it is a folder"));

    char fifo[300];
    snprintf(fifo, sizeof fifo, "%s/ticker.ini", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_false(config_load_file(c, fifo, err, sizeof err)); /* never blocks */
    assert_non_null(strstr(err, fifo));
    assert_non_null(strstr(err, "it is a FIFO"));
    remove(fifo);
    rmdir(dir);

    static const char binary[] = "[display]\nrotate = 90\n\x7f" "ELF\x02\x01\x01\0\0\0garbage\n";
    char *path = write_temp("");
    FILE *f = fopen(path, "wb");
    fwrite(binary, 1, sizeof binary - 1, f);
    fclose(f);
    assert_false(config_load_file(c, path, err, sizeof err));
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, ":3: a NUL byte"));
    config_destroy(c);
    remove(path);
}

/* The file, as an operator wrote it: each setting belongs to the
 * section it is written in. Settings attached to the source defined last,
 * so `type = alert` turned the news feed into a full-screen alert (and the
 * other order was refused: "type must follow a location"). */
static void a_setting_belongs_to_its_own_section(void **state)
{
    (void)state;
    static const char *const files[] = {
        "[source demo]\nlocation = /srv/news/demo.rss\n\n[source canh-bao]\ntype = alert\nlocation = /srv/news/alert.txt\n",
        "[source canh-bao]\ntype = alert\nlocation = /srv/news/alert.txt\n\n[source demo]\nlocation = /srv/news/demo.rss\n",
        "[source canh-bao]\nlocation = /srv/news/alert.txt\ntype = alert\n[source demo]\nlocation = /srv/news/demo.rss\n",
        "[source demo]\nrefresh = 600\nlocation = /srv/news/demo.rss\n[source canh-bao]\ntype = alert\n"
        "location = /srv/news/alert.txt\nseverity = moderate\n",
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char *path = write_temp(files[i]);
        struct config *c = config_create();
        char err[512] = "";
        if (!config_load_file(c, path, err, sizeof err))
            fail_msg("file %zu: %s", i, err);
        assert_int_equal(c->source_count, 2);
        const struct source_config *news = config_find_source(c, "/srv/news/demo.rss");
        const struct source_config *alert = config_find_source(c, "/srv/news/alert.txt");
        assert_non_null(news);
        assert_non_null(alert);
        assert_false(news->alert);
        assert_true(alert->alert);
        assert_int_equal(news->refresh_seconds, i == 3 ? 600 : 0);
        assert_int_equal(alert->refresh_seconds, 0);
        config_destroy(c);
        remove(path);
    }
}

/* `-c /dev/null` says "no config file", as with ssh -F /dev/null; it was
 * refused as a character device. An empty file sets nothing too. */
/* Every setting in seconds takes a duration as operators write it ("2d",
 * "15m", "1h30m"), in the file and on the command line alike, and a
 * duration that is not whole where the row is whole, or has no known unit,
 * is refused naming what was wanted. */
static void durations_take_units(void **state)
{
    (void)state;
    char *path = write_temp("[editorial]\nmax_age = 2d\n[fetch]\nrefresh = 15m\n[display]\nfeatured_seconds = 0.25 min\n"
                            "[source a]\nlocation = /srv/a.rss\nmax_age = 1h30m\nrefresh = 2 hours\n");
    struct config *c = config_create();
    char err[512] = "";
    if (!config_load_file(c, path, err, sizeof err))
        fail_msg("%s", err);
    assert_int_equal(c->editorial.rules.max_age_seconds, 2 * 86400);
    assert_int_equal(c->fetch.refresh_seconds, 900);
    assert_true(c->display.featured_seconds > 14.99 && c->display.featured_seconds < 15.01);
    const struct source_config *a = config_find_source(c, "/srv/a.rss");
    assert_non_null(a);
    assert_int_equal(a->rules.max_age_seconds, 5400);
    assert_int_equal(a->refresh_seconds, 7200);
    config_destroy(c);
    remove(path);
    static const char *const bad[] = {"0.5s", "-5m", "3x", "5m3", "2 fortnights", "9999w"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[128];
        snprintf(text, sizeof text, "[editorial]\nmax_age = %s\n", bad[i]);
        path = write_temp(text);
        c = config_create();
        err[0] = '\0';
        if (config_load_file(c, path, err, sizeof err))
            fail_msg("max_age = %s was taken", bad[i]);
        assert_non_null(strstr(err, "[editorial] max_age"));
        assert_non_null(strstr(err, "duration"));
        config_destroy(c);
        remove(path);
    }
}

static void dev_null_and_an_empty_file_set_nothing(void **state)
{
    (void)state;
    const char *paths[] = {"/dev/null", write_temp("")};
    for (size_t i = 0; i < 2; i++) {
        struct config *c = config_create();
        char err[512] = "";
        if (!config_load_file(c, paths[i], err, sizeof err))
            fail_msg("%s", err);
        assert_int_equal(c->source_count, 0);
        assert_int_equal(c->fetch.refresh_seconds, 300);
        config_destroy(c);
    }
    remove(paths[1]);
    struct config *c = config_create();
    char err[512] = "";
    assert_false(config_load_file(c, "/dev/zero", err, sizeof err)); /* another device is still no file */
    assert_non_null(strstr(err, "character device"));
    config_destroy(c);
}

/* A key twice in one section names both lines; an unknown key or section
 * names the closest known one. */
static void duplicates_and_misspellings_are_named(void **state)
{
    (void)state;
    static const struct { const char *text, *error; } cases[] = {
        {"[display]\ntitle = A\nrotate = 90\ntitle = B\n", ":4: [display] title is set twice, on lines 2 and 4"},
        {"[source a]\nlocation = /x\nrefresh = 60\n[source b]\nlocation = /y\n[source a]\nrefresh = 90\n",
         ":7: [source a] refresh is set twice, on lines 3 and 7"},
        {"[source a]\nlocaton = /x\n", ":2: unknown setting [source a] locaton (did you mean location?)"},
        {"[fetch]\nrefersh = 60\n", ":2: unknown setting [fetch] refersh (did you mean refresh?)"},
        {"[dispaly]\nwidth = 1\nheight = 2\n", ":2: unknown section [dispaly] (did you mean [display]?)"},
        {"[display]\nwobble = 1\n", ":2: unknown setting [display] wobble"},
        {"[source a]\nurl = /x\nlocation = /y\n", ":3: [source a] location is set twice, on lines 2 and 3"},
        /* a place outside the wall was drawn as column 0, said nowhere */
        {"[sync]\ncolumns = 3\ncolumn = 3\n", ":3: [sync] column = 3 is outside the wall: columns = 3 (from 0 to 2)"},
        {"[sync]\nrow = 1\ncolumns = 2\n", ":2: [sync] row = 1 is outside the wall: rows = 1 (from 0 to 0)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *path = write_temp(cases[i].text);
        struct config *c = config_create();
        char err[512] = "";
        assert_false(config_load_file(c, path, err, sizeof err));
        if (strncmp(err, path, strlen(path)) || strcmp(err + strlen(path), cases[i].error))
            fail_msg("got \"%s\", wanted \"%s%s\"", err, path, cases[i].error);
        config_destroy(c);
        remove(path);
    }
}

/* "[display @HOST]" is over "[display]" wherever it stands. */
static void a_host_section_wins_wherever_it_stands(void **state)
{
    (void)state;
    char text[512];
    struct config *probe = config_create();
    snprintf(text, sizeof text, "[display @%s]\ntitle = mine\n[display]\ntitle = all\n[display @other]\ntitle = no\n",
             probe->hostname);
    config_destroy(probe);
    char *path = write_temp(text);
    struct config *c = config_create();
    char err[512] = "";
    if (!config_load_file(c, path, err, sizeof err))
        fail_msg("%s", err);
    assert_string_equal(c->display.title, "mine");
    config_destroy(c);
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_example_config_in_assets_loads),
        cmocka_unit_test(sources_rules_and_settings_are_read),
        cmocka_unit_test(bad_values_name_the_file_line_and_reason),
        cmocka_unit_test(a_long_url_is_read_exactly),
        cmocka_unit_test(an_absurd_line_is_refused_with_its_number),
        cmocka_unit_test(the_first_error_keeps_its_own_reason),
        cmocka_unit_test(a_folder_a_fifo_or_a_binary_file_is_no_config),
        cmocka_unit_test(errors_say_what_was_wanted),
        cmocka_unit_test(a_quoted_location_loses_its_quotes),
        cmocka_unit_test(a_setting_belongs_to_its_own_section),
        cmocka_unit_test(durations_take_units),
        cmocka_unit_test(dev_null_and_an_empty_file_set_nothing),
        cmocka_unit_test(duplicates_and_misspellings_are_named),
        cmocka_unit_test(a_host_section_wins_wherever_it_stands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
