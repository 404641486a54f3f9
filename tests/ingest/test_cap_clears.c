/* cap_refs and cap_parse_clears: what a CAP Cancel or all-clear says is
 * over (OASIS CAP 1.2 §3.2.1 <references>, sender,identifier,sent), for the
 * cache to take off every alert source (issue 22). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/config.h"
#include "ingest/alert.h"
#include "ingest/cap.h"
#include "ingest/date.h"
#include "testutil.h"

#define CAP_MESSAGE(id, sent, type, extra, info)                                                                     \
    "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>" id "</identifier>"                          \
    "<sender>kttv@nchmf.gov.vn</sender><sent>" sent "</sent><status>Actual</status><msgType>" type "</msgType>"      \
    "<scope>Public</scope>" extra info "</alert>"
#define CAP_INFO_OF(urgency, more)                                                                                    \
    "<info><event>Lũ</event><urgency>" urgency "</urgency><severity>Severe</severity><certainty>Observed</certainty>" \
    more "<headline>Lũ quét ở Lào Cai</headline></info>"
#define CAP_INFO(more) CAP_INFO_OF("Immediate", more)
#define REF_X "kttv@nchmf.gov.vn,VN-2026-X,2026-12-07T06:00:00+07:00"

static int64_t when(const char *text)
{
    int64_t t = 0;
    assert_true(date_parse(text, &t));
    return t;
}

/* Parses doc as source "nguon-a.xml"; what it logs goes to *log (caller frees). */
static struct item_list *parse(const char *doc, struct cap_clears *clears, char **log)
{
    struct item_list *out = item_list_create();
    char reason[256] = "", path[] = "/tmp/ticker-capclears-XXXXXX";
    int fd = mkstemp(path), saved = dup(2);
    assert_true(fd >= 0 && saved >= 0);
    fflush(stderr);
    dup2(fd, 2);
    bool ok = cap_parse_clears("nguon-a.xml", doc, strlen(doc), NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, clears, reason,
                               sizeof reason);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(fd);
    size_t size;
    *log = testutil_read_file(path, &size);
    unlink(path);
    assert_true(ok);
    return out;
}

static void a_cancel_clears_what_it_references(void **state)
{
    (void)state;
    struct cap_clears clears = {0};
    char *log;
    struct item_list *out =
        parse(CAP_MESSAGE("VN-2026-C", "2026-12-07T09:00:00+07:00", "Cancel", "<references>" REF_X "</references>", ""),
              &clears, &log);
    assert_int_equal(out->count, 0);
    /* The reference, and the Cancel's own identifier (an agency may reissue under it). */
    assert_int_equal(clears.count, 2);
    assert_string_equal(clears.items[0].sender, "kttv@nchmf.gov.vn");
    assert_string_equal(clears.items[0].identifier, "VN-2026-X");
    assert_int_equal(clears.items[0].by_sent, when("2026-12-07T09:00:00+07:00"));
    assert_string_equal(clears.items[1].identifier, "VN-2026-C");
    assert_null(strstr(log, "warning"));
    /* As items: the id an alert of the same sender and identifier has. */
    struct item_list *items = item_list_create();
    assert_true(cap_clears_to_items(&clears, items));
    assert_int_equal(items->count, 2);
    assert_string_equal(items->items[0].id, "cap:kttv@nchmf.gov.vn/VN-2026-X");
    assert_true(items->items[0].clears);
    assert_true(items->items[0].has_published);
    assert_int_equal(items->items[0].published, when("2026-12-07T09:00:00+07:00"));
    item_list_destroy(items);
    cap_clears_free(&clears);
    item_list_destroy(out);
    free(log);
}

/* Two entries, whitespace of any kind between them; a sender written
 * otherwise in the reference than in <sender>: both ids. */
static void every_entry_and_both_senders(void **state)
{
    (void)state;
    struct cap_clears clears = {0};
    char *log;
    struct item_list *out = parse(CAP_MESSAGE("VN-2026-C", "2026-12-07T09:00:00+07:00", "Cancel",
                                              "<references>\n  NCHMF,VN-2026-Y,2026-12-07T05:00:00+07:00\n\t" REF_X
                                              "\n</references>",
                                              ""),
                                  &clears, &log);
    assert_int_equal(clears.count, 3);
    struct item_list *items = item_list_create();
    assert_true(cap_clears_to_items(&clears, items));
    assert_int_equal(items->count, 4);
    assert_string_equal(items->items[0].id, "cap:NCHMF/VN-2026-Y");
    assert_string_equal(items->items[1].id, "cap:kttv@nchmf.gov.vn/VN-2026-Y");
    assert_string_equal(items->items[2].id, "cap:kttv@nchmf.gov.vn/VN-2026-X");
    item_list_destroy(items);
    cap_clears_free(&clears);
    item_list_destroy(out);
    free(log);
}

/* An Update that ends the threat clears its own identifier and what it
 * references; a plain Update clears what it replaces and is shown. */
static void updates_all_clear_and_plain(void **state)
{
    (void)state;
    struct cap_clears clears = {0};
    char *log;
    struct item_list *out =
        parse(CAP_MESSAGE("VN-2026-X", "2026-12-07T10:00:00+07:00", "Update", "",
                          CAP_INFO("<responseType>AllClear</responseType>")),
              &clears, &log);
    assert_int_equal(out->count, 0);
    assert_int_equal(clears.count, 1);
    assert_string_equal(clears.items[0].identifier, "VN-2026-X");
    assert_int_equal(clears.items[0].by_sent, when("2026-12-07T10:00:00+07:00"));
    cap_clears_free(&clears);
    item_list_destroy(out);
    free(log);
    out = parse(CAP_MESSAGE("VN-2026-P", "2026-12-07T10:00:00+07:00", "Update", "<references>" REF_X "</references>",
                            CAP_INFO_OF("Past", "")),
                &clears, &log);
    assert_int_equal(out->count, 0);
    assert_int_equal(clears.count, 2);
    cap_clears_free(&clears);
    item_list_destroy(out);
    free(log);
    out = parse(CAP_MESSAGE("VN-2026-U", "2026-12-07T10:00:00+07:00", "Update", "<references>" REF_X "</references>",
                            CAP_INFO("")),
                &clears, &log);
    assert_int_equal(out->count, 1); /* the Update itself is the live alert now */
    assert_int_equal(clears.count, 1);
    assert_string_equal(clears.items[0].identifier, "VN-2026-X");
    cap_clears_free(&clears);
    item_list_destroy(out);
    free(log);
}

/* A reference that is not sender,identifier,sent is a warning naming the
 * source and the entry, and clears nothing; the well-formed one beside it
 * still does, and the document's alert is still shown. */
static void a_malformed_reference_is_a_warning_and_loses_nothing(void **state)
{
    (void)state;
    static const char *const bad[] = {"VN-2026-X", "kttv@nchmf.gov.vn,VN-2026-X", "kttv@nchmf.gov.vn,,2026-12-07T06:00:00+07:00",
                                      ",VN-2026-X,2026-12-07T06:00:00+07:00", "kttv@nchmf.gov.vn,VN-2026-X,hôm-qua",
                                      "a,VN-2026-X,2026-12-07T06:00:00+07:00,b"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char with[4600];
        snprintf(with, sizeof with,
                 "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"text/xml\">%s</content></entry>"
                 "<entry><content type=\"text/xml\">" CAP_MESSAGE("VN-2026-C", "2026-12-07T09:00:00+07:00", "Cancel",
                                                                  "<references>%s</references>", "")
                 "</content></entry></feed>",
                 CAP_MESSAGE("VN-2026-Z", "2026-12-07T08:00:00+07:00", "Alert", "", CAP_INFO("")), bad[i]);
        struct cap_clears clears = {0};
        char *log;
        struct item_list *out = parse(with, &clears, &log);
        assert_int_equal(out->count, 1);
        assert_int_equal(clears.count, 1); /* only the Cancel's own identifier */
        assert_string_equal(clears.items[0].identifier, "VN-2026-C");
        assert_non_null(strstr(log, "warning: nguon-a.xml: CAP message VN-2026-C: reference"));
        assert_non_null(strstr(log, bad[i]));
        assert_non_null(strstr(log, "sender,identifier,sent"));
        cap_clears_free(&clears);
        item_list_destroy(out);
        free(log);
    }
    /* Beside a good one. */
    struct cap_clears clears = {0};
    char *log;
    struct item_list *out = parse(CAP_MESSAGE("VN-2026-C", "2026-12-07T09:00:00+07:00", "Cancel",
                                              "<references>VN-2026-Y " REF_X "</references>", ""),
                                  &clears, &log);
    assert_int_equal(clears.count, 2);
    assert_string_equal(clears.items[0].identifier, "VN-2026-X");
    assert_non_null(strstr(log, "\"VN-2026-Y\""));
    cap_clears_free(&clears);
    item_list_destroy(out);
    free(log);
}

/* An exercise's Cancel, a test's Update, and an Alert clear nothing. */
static void tests_and_alerts_clear_nothing(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>E-1</identifier><sender>s</sender>"
        "<sent>2026-12-07T09:00:00+07:00</sent><status>Exercise</status><msgType>Cancel</msgType>"
        "<references>" REF_X "</references></alert>",
        CAP_MESSAGE("T-1", "2026-12-07T09:00:00+07:00", "Update", "<references>" REF_X "</references>",
                    "<info><event>RMT</event><urgency>Past</urgency><severity>Minor</severity><certainty>Observed"
                    "</certainty><eventCode><valueName>SAME</valueName><value>RMT</value></eventCode>"
                    "<headline>Required Monthly Test</headline></info>"),
        CAP_MESSAGE("VN-2026-X", "2026-12-07T06:00:00+07:00", "Alert", "<references>" REF_X "</references>",
                    CAP_INFO("")),
    };
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        struct cap_clears clears = {0};
        char *log;
        struct item_list *out = parse(docs[i], &clears, &log);
        assert_int_equal(clears.count, 0);
        cap_clears_free(&clears);
        item_list_destroy(out);
        free(log);
    }
}

/* The fixture of the all-clear kind: the Update clears the alert it
 * references across sources, through alert_parse_clears too. */
static void fixture_all_clear_through_alert_parse(void **state)
{
    (void)state;
    size_t size;
    char *data = testutil_read_file(FIXTURES_DIR "/alerts/cap-update-allclear.xml", &size);
    assert_non_null(data);
    struct source_config source = {.alert = true, .cap_scopes = CONFIG_CAP_SCOPE_PUBLIC};
    struct item_list *out = item_list_create();
    struct cap_clears clears = {0};
    char reason[256] = "";
    assert_true(alert_parse_clears("sc", data, size, NULL, 0, &source, out, &clears, reason, sizeof reason));
    assert_int_equal(out->count, 0);
    assert_int_equal(clears.count, 2);
    assert_string_equal(clears.items[0].identifier, "urn:oid:2.49.0.1.76.0.2026.12.7.1");
    assert_string_equal(clears.items[1].identifier, "urn:oid:2.49.0.1.76.0.2026.12.7.2");
    cap_clears_free(&clears);
    item_list_destroy(out);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_cancel_clears_what_it_references),
        cmocka_unit_test(every_entry_and_both_senders),
        cmocka_unit_test(updates_all_clear_and_plain),
        cmocka_unit_test(a_malformed_reference_is_a_warning_and_loses_nothing),
        cmocka_unit_test(tests_and_alerts_clear_nothing),
        cmocka_unit_test(fixture_all_clear_through_alert_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
