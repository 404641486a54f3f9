/* Who may raise an alert: only a source the operator marked type = alert.
 * CAP in an ordinary feed is no alert and the feed's news stays; CAP's
 * Private and Restricted scopes are not shown unless cap_scope says so; a
 * text alert over HTTP is an alert like a text alert file; a feed that
 * only names the CAP namespace is read. Through live/fetch/reader, where every
 * source's items are accepted (files, folders, and the fetch loop's HTTP
 * bodies through reader_parse), and live/fetch/admit, the gate itself. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/config.h"
#include "live/fetch/admit.h"
#include "live/fetch/reader.h"

#define CAP_NS "urn:oasis:names:tc:emergency:cap:1.2"

/* One CAP <alert> (prefix "" or "cap:"), its scope as given. */
static const char *cap_alert(const char *prefix, const char *scope)
{
    static char text[2048];
    snprintf(text, sizeof text,
             "<%1$salert xmlns%2$s%3$s=\"" CAP_NS "\"><%1$sidentifier>X-%4$s</%1$sidentifier>"
             "<%1$ssender>ops@example.vn</%1$ssender><%1$ssent>2026-11-22T14:00:00+07:00</%1$ssent>"
             "<%1$sstatus>Actual</%1$sstatus><%1$smsgType>Alert</%1$smsgType><%1$sscope>%4$s</%1$sscope>"
             "<%1$sinfo><%1$sevent>Sơ tán</%1$sevent><%1$surgency>Immediate</%1$surgency>"
             "<%1$sseverity>Extreme</%1$sseverity><%1$scertainty>Observed</%1$scertainty>"
             "<%1$sexpires>2099-01-01T00:00:00+07:00</%1$sexpires>"
             "<%1$sheadline>Sơ tán ngay khỏi nhà A (%4$s)</%1$sheadline></%1$sinfo></%1$salert>",
             prefix, prefix[0] ? ":" : "", prefix[0] ? "cap" : "", scope);
    return text;
}

/* An RSS feed of two headlines, with a CAP alert inside a third item. */
static const char *feed_holding_cap(void)
{
    static char text[4096];
    snprintf(text, sizeof text,
             "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:cap=\"" CAP_NS "\"><channel><title>Tin</title>"
             "<item><title>Khai mạc triển lãm ảnh</title><guid>n1</guid></item>"
             "<item><title>Giờ mở cửa cuối tuần</title><guid>n2</guid></item>"
             "<item><title>Thông tin an ninh</title><guid>n3</guid>%s</item></channel></rss>",
             cap_alert("cap:", "Public"));
    return text;
}

struct dir {
    char path[64];
    char file[128];
};

static void write_source(struct dir *d, const char *name, const char *text)
{
    snprintf(d->file, sizeof d->file, "%s/%s", d->path, name);
    FILE *f = fopen(d->file, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    struct dir *d = calloc(1, sizeof *d);
    snprintf(d->path, sizeof d->path, "/tmp/ticker-test-admit-XXXXXX");
    if (!mkdtemp(d->path))
        return -1;
    *state = d;
    return 0;
}

static int teardown(void **state)
{
    struct dir *d = *state;
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", d->path);
    int rc = system(command);
    free(d);
    return rc == 0 ? 0 : -1;
}

/* A config of the one source location, of type alert or not. */
static struct config *config_of(const char *location, bool alert)
{
    struct config *config = config_create();
    char *locations[] = {(char *)location};
    assert_true(config_replace_sources(config, locations, 1));
    config->sources[0].alert = alert;
    return config;
}

static size_t alerts_in(const struct item_list *items)
{
    size_t n = 0;
    for (size_t i = 0; i < items->count; i++)
        n += items->items[i].severity != ITEM_SEVERITY_NONE || items->items[i].expires != 0;
    return n;
}

static bool has_title(const struct item_list *items, const char *title)
{
    for (size_t i = 0; i < items->count; i++)
        if (strstr(items->items[i].title, title))
            return true;
    return false;
}

static void cap_in_an_ordinary_feed_is_no_alert_and_the_news_stays(void **state)
{
    struct dir *d = *state;
    write_source(d, "tin.rss", feed_holding_cap());
    struct config *config = config_of(d->file, false);
    struct item_list *items = item_list_create();
    char err[1024] = "";
    if (!reader_load(d->file, config, items, err, sizeof err))
        fail_msg("%s", err);
    assert_int_equal(alerts_in(items), 0);
    assert_int_equal(items->count, 3);
    assert_true(has_title(items, "Khai mạc triển lãm ảnh"));
    assert_true(has_title(items, "Giờ mở cửa cuối tuần"));
    item_list_destroy(items);
    config_destroy(config);

    /* The same file in a source folder (a USB stick), and a CAP document of
     * its own there: headlines at most, never an alert. */
    write_source(d, "canh-bao.xml", cap_alert("", "Public"));
    config = config_of(d->path, false);
    items = item_list_create();
    assert_true(reader_load(d->path, config, items, err, sizeof err));
    assert_int_equal(alerts_in(items), 0);
    assert_true(has_title(items, "Khai mạc triển lãm ảnh"));
    item_list_destroy(items);
    config_destroy(config);
}

static void the_same_cap_from_a_type_alert_source_is_an_alert(void **state)
{
    struct dir *d = *state;
    write_source(d, "canh-bao.xml", cap_alert("", "Public"));
    struct config *config = config_of(d->file, true);
    struct item_list *items = item_list_create();
    char err[1024] = "";
    if (!reader_load(d->file, config, items, err, sizeof err))
        fail_msg("%s", err);
    assert_int_equal(items->count, 1);
    assert_int_equal(items->items[0].severity, ITEM_SEVERITY_EXTREME);
    item_list_destroy(items);
    config_destroy(config);
}

/* The fetch loop's route: an HTTP body read through reader_parse. */
static bool parse_as(const char *url, bool alert, const char *body, struct item_list *items, char *err,
                     size_t err_size)
{
    struct config *config = config_of(url, alert);
    struct ingest_context context = {.name = url, .url = url, .changed = 1795334400};
    config->sources[0].expire_after_seconds = 600;
    bool ok = reader_parse(&context, body, strlen(body), config, items, NULL, err, err_size);
    config_destroy(config);
    return ok;
}

static void over_http_the_source_type_decides_too(void **state)
{
    (void)state;
    const char *url = "https://tin.example.vn/rss";
    struct item_list *items = item_list_create();
    char err[1024] = "";
    assert_true(parse_as(url, false, feed_holding_cap(), items, err, sizeof err));
    assert_int_equal(items->count, 3);
    assert_int_equal(alerts_in(items), 0);
    item_list_destroy(items);
    items = item_list_create();
    assert_true(parse_as(url, true, cap_alert("", "Public"), items, err, sizeof err));
    assert_int_equal(items->count, 1);
    assert_int_equal(items->items[0].severity, ITEM_SEVERITY_EXTREME);
    item_list_destroy(items);

    /* A text message served by a web server: an alert, as the same text
     * in a file is, its expire_after counted from Last-Modified. */
    items = item_list_create();
    assert_true(parse_as("https://ops.example.vn/alert.txt", true,
                         "Nhà triển lãm đóng cửa sau 15 phút\nKính mời quý khách ra về.\n", items, err, sizeof err));
    assert_int_equal(items->count, 1);
    assert_int_equal(items->items[0].severity, ITEM_SEVERITY_SEVERE);
    assert_string_equal(items->items[0].title, "Nhà triển lãm đóng cửa sau 15 phút");
    assert_int_equal(items->items[0].expires, 1795334400 + 600);
    item_list_destroy(items);
    /* A captive portal's page is no message to fill the screen with. */
    items = item_list_create();
    assert_false(parse_as("https://ops.example.vn/alert.txt", true,
                          "<!DOCTYPE html><html><body><h1>Đăng nhập Wi-Fi</h1></body></html>", items, err,
                          sizeof err));
    assert_non_null(strstr(err, "an HTML page"));
    assert_int_equal(items->count, 0);
    item_list_destroy(items);
}

static void private_and_restricted_alerts_need_the_setting(void **state)
{
    struct dir *d = *state;
    char doc[4096];
    snprintf(doc, sizeof doc, "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">");
    const char *scopes[] = {"Public", "Restricted", "Private"};
    for (size_t i = 0; i < 3; i++)
        snprintf(doc + strlen(doc), sizeof doc - strlen(doc), "<entry>%s</entry>", cap_alert("", scopes[i]));
    snprintf(doc + strlen(doc), sizeof doc - strlen(doc), "</feed>");
    write_source(d, "cap.xml", doc);
    char ini[512], ini_path[160];
    snprintf(ini_path, sizeof ini_path, "%s/ticker.ini", d->path);
    for (int wide = 0; wide < 2; wide++) {
        snprintf(ini, sizeof ini, "[source an-ninh]\nlocation = %s\ntype = alert\n%s", d->file,
                 wide ? "cap_scope = public, restricted, private\n" : "");
        FILE *f = fopen(ini_path, "w");
        fputs(ini, f);
        fclose(f);
        struct config *config = config_create();
        char err[1024] = "";
        if (!config_load_file(config, ini_path, err, sizeof err))
            fail_msg("%s", err);
        struct item_list *items = item_list_create();
        if (!reader_load(d->file, config, items, err, sizeof err))
            fail_msg("%s", err);
        assert_int_equal(items->count, wide ? 3 : 1);
        assert_true(has_title(items, "(Public)"));
        assert_int_equal(has_title(items, "(Private)"), wide);
        assert_int_equal(has_title(items, "(Restricted)"), wide);
        item_list_destroy(items);
        config_destroy(config);
    }
    struct config *config = config_create();
    char err[512] = "";
    FILE *f = fopen(ini_path, "w");
    fprintf(f, "[source x]\nlocation = %s\ntype = alert\ncap_scope = everyone\n", d->file);
    fclose(f);
    assert_false(config_load_file(config, ini_path, err, sizeof err));
    assert_non_null(strstr(err, "cap_scope"));
    config_destroy(config);
}

static void a_feed_naming_the_cap_namespace_is_read(void **state)
{
    struct dir *d = *state;
    /* The namespace in the first 4 KB, no alert in it: a feed like any. */
    write_source(d, "tin.rss",
                 "<?xml version=\"1.0\"?><!-- we also publish " CAP_NS " alerts -->"
                 "<rss version=\"2.0\" xmlns:cap=\"" CAP_NS "\"><channel><title>Tin</title>"
                 "<item><title>Khai mạc triển lãm ảnh</title><guid>n1</guid></item>"
                 "<item><title>Giờ mở cửa cuối tuần</title><guid>n2</guid></item></channel></rss>");
    struct config *config = config_of(d->file, false);
    struct item_list *items = item_list_create();
    char err[1024] = "";
    if (!reader_load(d->file, config, items, err, sizeof err))
        fail_msg("%s", err);
    assert_int_equal(items->count, 2);
    item_list_destroy(items);
    config_destroy(config);
    /* As an alert source: an alert feed with nothing in it now, which
     * clears the screen rather than keeping an old alert as a failure. */
    config = config_of(d->file, true);
    items = item_list_create();
    if (!reader_load(d->file, config, items, err, sizeof err))
        fail_msg("%s", err);
    assert_int_equal(items->count, 0);
    item_list_destroy(items);
    config_destroy(config);
}

static bool collect(void *arg, struct item *item)
{
    return item_list_push(arg, item);
}

/* The gate itself: whatever a parser gave, only an alert source's item
 * stays an alert. */
static void the_gate_lets_only_an_alert_source_raise_one(void **state)
{
    (void)state;
    struct source_config feed = {.alert = false}, alert = {.alert = true};
    const struct source_config *sources[] = {&feed, &alert, NULL};
    for (size_t s = 0; s < 3; s++) {
        struct item_list *out = item_list_create();
        struct admit gate;
        admit_init(&gate, sources[s], "nguon", collect, out);
        struct item item;
        item_init(&item);
        assert_true(item_set(&item.title, "Cảnh báo"));
        item.severity = ITEM_SEVERITY_EXTREME;
        item.expires = 4000000000;
        assert_true(admit_item(&gate, &item));
        item_clear(&item);
        admit_finish(&gate);
        assert_int_equal(out->count, 1); /* never dropped: a headline at most */
        assert_int_equal(out->items[0].severity, s == 1 ? ITEM_SEVERITY_EXTREME : ITEM_SEVERITY_NONE);
        assert_int_equal(out->items[0].expires, s == 1 ? 4000000000 : 0);
        assert_int_equal(gate.demoted, s == 1 ? 0 : 1);
        item_list_destroy(out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(cap_in_an_ordinary_feed_is_no_alert_and_the_news_stays, setup, teardown),
        cmocka_unit_test_setup_teardown(the_same_cap_from_a_type_alert_source_is_an_alert, setup, teardown),
        cmocka_unit_test(over_http_the_source_type_decides_too),
        cmocka_unit_test_setup_teardown(private_and_restricted_alerts_need_the_setting, setup, teardown),
        cmocka_unit_test_setup_teardown(a_feed_naming_the_cap_namespace_is_read, setup, teardown),
        cmocka_unit_test(the_gate_lets_only_an_alert_source_raise_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
