/* alert and cap: CAP 1.2 documents and operator text files to alert items;
 * the scene keeps alerts out of the rotation, shows the most severe, and
 * drops it when its time is over. */
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
#include "ingest/alert.h"
#include "ingest/cap.h"
#include "ingest/source.h"
#include "live/cache/cache.h"
#include <sqlite3.h>
#include <unistd.h>
#include "screen/scene/scene.h"
#include "testutil.h"

static const char cap_head[] = "<?xml version=\"1.0\"?>\n<alert xmlns=\"" CAP_NAMESPACE "\">"
                               "<identifier>ID-%d</identifier><sender>s@example.vn</sender>"
                               "<sent>2026-11-22T14:00:00+07:00</sent><status>%s</status><msgType>%s</msgType>"
                               "<scope>Public</scope>%s%s</alert>";
static const char cap_info[] = "<info><category>Safety</category><event>Cháy</event><urgency>Immediate</urgency>"
                               "<severity>%s</severity><certainty>Observed</certainty>%s<headline>%s</headline>"
                               "<description>Mô tả</description></info>";

static char *cap_doc(int id, const char *status, const char *msg_type, const char *references, const char *severity,
                     const char *expires, const char *headline)
{
    static char info[1024], doc[4096];
    snprintf(info, sizeof info, cap_info, severity, expires, headline);
    snprintf(doc, sizeof doc, cap_head, id, status, msg_type, references, info);
    return doc;
}

static void cap_fixture_picks_vietnamese_info(void **state)
{
    (void)state;
    size_t size;
    char *data = testutil_read_file(FIXTURES_DIR "/alerts/cap-extreme.xml", &size);
    assert_non_null(data);
    struct item_list *out = item_list_create();
    char reason[256] = "";
    assert_true(cap_parse("cap.xml", data, size, NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
    assert_int_equal(out->count, 1);
    const struct item *a = &out->items[0];
    assert_string_equal(a->title, "Sơ tán ngay khỏi nhà A");
    assert_string_equal(a->summary, "Đề nghị quý khách rời nhà A theo lối thoát hiểm gần nhất. Không dùng thang máy. "
                                    "Tập trung tại bãi đỗ xe số 2.");
    assert_string_equal(a->source, "Ban An ninh Triển lãm");
    assert_string_equal(a->id, "cap:an-ninh@trienlam.example.vn/TL-2026-0042");
    assert_int_equal(a->severity, ITEM_SEVERITY_EXTREME);
    assert_int_equal(a->expires, 1795334400); /* 2026-11-22T15:00:00+07:00 */
    assert_int_equal(a->published, 1795334400 - 3600);
    item_list_destroy(out);
    free(data);
}

static void cap_shows_only_actual_alerts_not_cancelled(void **state)
{
    (void)state;
    struct item_list *out = item_list_create();
    char reason[256] = "";
    const char *test = cap_doc(1, "Test", "Alert", "", "Severe", "", "Thử nghiệm");
    assert_true(cap_parse("t", test, strlen(test), NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
    assert_int_equal(out->count, 0); /* a test message never reaches a public screen */

    /* A feed holding an alert and a Cancel of it: nothing is current. */
    char feed[9000];
    char first[4096];
    snprintf(first, sizeof first, "%s", cap_doc(7, "Actual", "Alert", "", "Moderate", "", "Đóng cửa"));
    const char *cancel = cap_doc(8, "Actual", "Cancel", "<references>s@example.vn,ID-7,2026-11-22T14:00:00+07:00</references>",
                                 "Moderate", "", "Huỷ");
    snprintf(feed, sizeof feed, "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"text/xml\">%s</content></entry>"
             "<entry><content type=\"text/xml\">%s</content></entry></feed>", strstr(first, "<alert"), strstr(cancel, "<alert"));
    assert_true(cap_parse("feed", feed, strlen(feed), NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
    assert_int_equal(out->count, 0);

    /* Without the Cancel the alert shows; no <expires>: sent + expire_after. */
    assert_true(cap_parse("one", first, strlen(first), NULL, 600, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
    assert_int_equal(out->count, 1);
    assert_int_equal(out->items[0].severity, ITEM_SEVERITY_MODERATE);
    assert_int_equal(out->items[0].expires, 1795334400 - 3600 + 600);
    item_list_destroy(out);
}

/* Issue 22: CAP 1.0 and 1.1 (national weather services) read like 1.2;
 * CAP 1.0 also in the namespace its own standard gave it
 * (http://www.incident.com/cap/1.0), which was refused as no CAP. */
static void cap_10_and_11_read_like_12(void **state)
{
    (void)state;
    static const char *const files[] = {FIXTURES_DIR "/alerts/cap11-weather.xml", FIXTURES_DIR "/alerts/cap10-weather.xml",
                                        FIXTURES_DIR "/alerts/cap10-incident-namespace.xml"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        size_t size;
        char *data = testutil_read_file(files[i], &size);
        assert_non_null(data);
        struct item_list *out = item_list_create();
        char reason[256] = "";
        assert_true(cap_parse("cap.xml", data, size, NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
        assert_int_equal(out->count, 1);
        assert_string_equal(out->items[0].title, "Winter Storm Warning until 6 PM CST");
        assert_string_equal(out->items[0].summary, "Heavy snow expected. Total snow accumulations of 6 to 10 "
                                                   "inches. Travel should be restricted to emergencies only.");
        assert_int_equal(out->items[0].severity, ITEM_SEVERITY_MODERATE);
        item_list_destroy(out);
        free(data);
    }
}

/* Issue 22, CAP charset kind: an alert in a declared 8-bit charset is decoded
 * once. The El Salvador file declares ISO-8859-1 but its bytes are UTF-8
 * (it was read as Latin-1 again: "UsulutÃ¡n"); the same text really in
 * Latin-1, told by HTTP or by the declaration, and a windows-1252 file
 * (curly quotes, en dash) read the same. */
static void cap_8bit_charset_decoded_once(void **state)
{
    (void)state;
    size_t size;
    char *utf8 = testutil_read_file(FIXTURES_DIR "/alerts/cap-latin1-declared-utf8-bytes.xml", &size);
    assert_non_null(utf8);
    /* The same document in real ISO-8859-1 bytes (each non-ASCII letter here is Latin-1). */
    char *latin1 = malloc(size + 1);
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)utf8; p < (const unsigned char *)utf8 + size; p++)
        latin1[n++] = *p == 0xC3 ? (char)(*++p + 0x40) : (char)*p;
    latin1[n] = '\0';
    struct { const char *data; size_t size; const char *http; } cases[] = {
        {utf8, size, NULL}, {utf8, size, "ISO-8859-1"}, {latin1, n, NULL}, {latin1, n, "iso-8859-1"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct item_list *out = item_list_create();
        char reason[256] = "";
        assert_true(cap_parse("marn", cases[i].data, cases[i].size, cases[i].http, 0, CONFIG_CAP_SCOPE_PUBLIC, out,
                              reason, sizeof reason));
        assert_int_equal(out->count, 1);
        assert_string_equal(out->items[0].title, "Alerta naranja en Usulután y San Miguel");
        assert_string_equal(out->items[0].summary,
                            "Se esperan lluvias de fuerte intensidad en la zona oriental; posibles crecidas de ríos. "
                            "Evite cruzar quebradas y ríos. Atienda las indicaciones de Protección Civil.");
        item_list_destroy(out);
    }
    /* The same as UTF-16 (declared ISO-8859-1 still): a BOM, then each Latin-1 byte a code unit. */
    char *utf16 = malloc(2 * n + 2);
    utf16[0] = (char)0xFF;
    utf16[1] = (char)0xFE;
    for (size_t i = 0; i < n; i++) {
        utf16[2 + 2 * i] = latin1[i];
        utf16[3 + 2 * i] = 0;
    }
    struct source_config alert_source = {.alert = true, .alert_severity = ITEM_SEVERITY_SEVERE};
    struct item_list *wide = item_list_create();
    char why[256] = "";
    assert_true(alert_parse("marn", utf16, 2 * n + 2, NULL, 0, &alert_source, wide, why, sizeof why));
    assert_int_equal(wide->count, 1);
    assert_string_equal(wide->items[0].title, "Alerta naranja en Usulután y San Miguel");
    item_list_destroy(wide);
    free(utf16);
    free(latin1);
    free(utf8);
    char *cp1252 = testutil_read_file(FIXTURES_DIR "/alerts/cap-windows1252.xml", &size);
    assert_non_null(cp1252);
    struct source_config source = {.alert = true, .alert_severity = ITEM_SEVERITY_SEVERE};
    struct item_list *out = item_list_create();
    char reason[256] = "";
    assert_true(alert_parse("inmet", cp1252, size, NULL, 0, &source, out, reason, sizeof reason));
    assert_int_equal(out->count, 1);
    assert_string_equal(out->items[0].title, "Aviso de “Tempestade” em São José e Florianópolis");
    assert_string_equal(out->items[0].source, "INMET – Instituto Nacional de Meteorologia");
    assert_string_equal(out->items[0].summary,
                        "Chuva entre 20 e 30 mm/h, ventos intensos (40–60 km/h). Não se abrigue debaixo de árvores.");
    item_list_destroy(out);
    free(cp1252);
}

/* Issue 22, CAP HTML kind: HTML in the text, escaped or in CDATA, becomes
 * text as a feed's description does (it showed "Not Applicable<br />LOCATION"). */
static void cap_html_in_text_read_as_text(void **state)
{
    (void)state;
    size_t size;
    char *data = testutil_read_file(FIXTURES_DIR "/alerts/cap-html-text.xml", &size);
    assert_non_null(data);
    struct item_list *out = item_list_create();
    char reason[256] = "";
    assert_true(cap_parse("pagasa", data, size, NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
    assert_int_equal(out->count, 1);
    assert_string_equal(out->items[0].title, "Wind Signal No. 2 for Catanduanes");
    assert_string_equal(out->items[0].summary, "Not Applicable LOCATION: 120 km East of Virac Winds of 62–88 km/h "
                                               "expected. Secure loose objects. Stay away from the coast & river banks.");
    assert_string_equal(out->items[0].source, "PAGASA – Weather Division");
    item_list_destroy(out);
    free(data);
    /* Markup written as XML elements, HTML's named references and a bare '&' as pasted from a web page. */
    static const char raw[] =
        "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>X-1</identifier><sender>s@x.org</sender>"
        "<sent>2026-12-07T05:00:00+08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>"
        "<info><event>Flood</event><urgency>Immediate</urgency><severity>Severe</severity><certainty>Likely</certainty>"
        "<headline>River <b>flood</b> warning</headline><description>Not Applicable<br/>LOCATION: R&D Park&nbsp;"
        "<p xmlns=\"http://www.w3.org/1999/xhtml\">Levels rising &amp; more rain&rsquo;s coming.</p></description>"
        "<instruction>Move to high ground.<![CDATA[<br>Avoid <i>bridges</i>.]]></instruction></info></alert>";
    out = item_list_create();
    assert_true(cap_parse("t", raw, strlen(raw), NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
    assert_int_equal(out->count, 1);
    assert_string_equal(out->items[0].title, "River flood warning");
    assert_string_equal(out->items[0].summary, "Not Applicable LOCATION: R&D Park Levels rising & more rain’s coming. "
                                               "Move to high ground. Avoid bridges.");
    item_list_destroy(out);
    /* Text that only looks like markup stays as it is. */
    const char *plain = cap_doc(9, "Actual", "Alert", "", "Minor", "", "Gió &lt; 40 km/h, AT&amp;T &lt;hợp tác&gt;");
    out = item_list_create();
    assert_true(cap_parse("t", plain, strlen(plain), NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
    assert_int_equal(out->count, 1);
    assert_string_equal(out->items[0].title, "Gió < 40 km/h, AT&T <hợp tác>");
    item_list_destroy(out);
}

/* Issue 22, CAP WEA kind: a US Wireless Emergency Alert whose only text is
 * its CMAMtext / CMAMlongtext parameters (the body was empty, the title
 * the event name). */
static void cap_wea_text_from_cmam_parameters(void **state)
{
    (void)state;
    size_t size;
    char *data = testutil_read_file(FIXTURES_DIR "/alerts/cap-wea-cmam.xml", &size);
    assert_non_null(data);
    struct item_list *out = item_list_create();
    char reason[256] = "";
    assert_true(cap_parse("ipaws", data, size, NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
    assert_int_equal(out->count, 1);
    assert_string_equal(out->items[0].title, "Cal OES: Evacuate now: wildfire near Ojai. Leave via Hwy 33 south.");
    assert_string_equal(out->items[0].summary,
                        "Cal OES: The Sheriff orders an immediate evacuation of Upper Ojai east of Sulphur Mountain "
                        "Rd. Leave now via Hwy 33 south. Shelter at Ventura College.");
    assert_int_equal(out->items[0].severity, ITEM_SEVERITY_EXTREME);
    /* Only CMAMtext (the 90-character message): the title and the body, whatever the case of its name. */
    static const char only_short[] =
        "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>W-2</identifier><sender>nws@noaa.gov</sender>"
        "<sent>2026-12-07T09:31:12-08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>"
        "<info><category>Met</category><event>Flash Flood Warning</event><urgency>Immediate</urgency>"
        "<severity>Severe</severity><certainty>Likely</certainty><parameter><valueName>cmamText</valueName>"
        "<value>NWS: FLASH FLOOD WARNING this area til 3:15 PM. Avoid flooded areas.</value></parameter>"
        "</info></alert>";
    assert_true(cap_parse("ipaws", only_short, strlen(only_short), NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason,
                          sizeof reason));
    /* the sentence once: the event names it, the sentence is the body (it was title and body both) */
    assert_int_equal(out->count, 2);
    assert_string_equal(out->items[1].title, "Flash Flood Warning");
    assert_string_equal(out->items[1].summary, "NWS: FLASH FLOOD WARNING this area til 3:15 PM. Avoid flooded areas.");
    /* a CMAMlongtext that goes on from the CMAMtext: the event, then the long text once */
    static const char prefix[] =
        "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>W-3</identifier><sender>nws@noaa.gov</sender>"
        "<sent>2026-12-07T09:31:12-08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>"
        "<info><event>Tsunami Warning</event><urgency>Immediate</urgency><severity>Extreme</severity>"
        "<certainty>Likely</certainty><parameter><valueName>CMAMtext</valueName><value>Tsunami danger on the coast."
        "</value></parameter><parameter><valueName>CMAMlongtext</valueName><value>Tsunami danger on the coast. "
        "Go to high ground or inland now.</value></parameter></info></alert>";
    assert_true(cap_parse("ipaws", prefix, strlen(prefix), NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason,
                          sizeof reason));
    assert_int_equal(out->count, 3);
    assert_string_equal(out->items[2].title, "Tsunami Warning");
    assert_string_equal(out->items[2].summary, "Tsunami danger on the coast. Go to high ground or inland now.");
    /* a headline the same as the description (and the event): said once, as the title */
    const char *same = cap_doc(7, "Actual", "Alert", "", "Severe", "", "Mô tả");
    assert_true(cap_parse("t", same, strlen(same), NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
    assert_int_equal(out->count, 4);
    assert_string_equal(out->items[3].title, "Cháy");
    assert_string_equal(out->items[3].summary, "Mô tả");
    item_list_destroy(out);
    free(data);
}

/* Issue 22, CAP test kind: a Required Monthly / Weekly Test, sent as status
 * Actual, took over the screen. A test by its event code (any valueName),
 * by its status, or by what its text says is not shown (and logged). */
static void cap_tests_never_reach_the_screen(void **state)
{
    (void)state;
    size_t size;
    char *data = testutil_read_file(FIXTURES_DIR "/alerts/cap-rmt.xml", &size);
    assert_non_null(data);
    struct item_list *out = item_list_create();
    char reason[256] = "";
    assert_true(cap_parse("ipaws", data, size, NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
    assert_int_equal(out->count, 0);
    free(data);
    static const struct { const char *status, *extra, *headline; } tests[] = {
        {"Actual", "<eventCode><valueName>EAS</valueName><value> rwt </value></eventCode>", "Thông báo"},
        {"Actual", "", "THIS IS A TEST of the Emergency Alert System"},
        {"Actual", "", "This is only a test. No action is required."},
        {"Actual", "", "Đây là tin thử nghiệm của hệ thống cảnh báo sớm"},
        {"Actual", "", "ĐÂY LÀ TIN DIỄN TẬP: sơ tán khỏi nhà A"},
        {"Actual", "", "Tin nhắn diễn tập phòng cháy tại nhà B"},
        {"Exercise", "", "Sơ tán"},
        {"System", "", "Heartbeat"},
        {"Draft", "", "Cháy"},
        {" test ", "", "Cháy"},
        /* the variants of the one table (cap.c test_words), any case */
        {"Actual", "", "this is a test"},
        {"Actual", "", "THIS IS A TEST MESSAGE"},
        {"Actual", "", "Evacuation of building C: only a drill"},
        {"Actual", "", "EJERCICIO: evacuación del edificio"},
        {"Actual", "", "SIMULACRO - Alerta sísmica en la Ciudad de México"},
        {"Actual", "", "Teste: alerta de inundação"},
        {"Actual", "", "Exercice : évacuation de la mairie"},
        {"Actual", "", "ÜBUNG – Warnung vor Hochwasser"},
        {"Actual", "", "Diễn tập: sơ tán khỏi toà nhà"},
        {"Actual", "", "[THỬ NGHIỆM] cảnh báo lũ quét"},
        {"Actual", "", "Test"},
    };
    for (size_t i = 0; i < sizeof tests / sizeof *tests; i++) {
        const char *doc = cap_doc((int)i, tests[i].status, "Alert", "", "Extreme", tests[i].extra, tests[i].headline);
        assert_true(cap_parse("t", doc, strlen(doc), NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
        if (out->count)
            fail_msg("shown: %s", tests[i].headline);
    }
    /* A real alert that mentions a test is an alert. */
    const char *real = cap_doc(99, "Actual", "Alert", "", "Severe", "",
                               "Tests show E. coli in the water: boil it; testing goes on");
    assert_true(cap_parse("t", real, strlen(real), NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
    assert_int_equal(out->count, 1);
    /* nor one whose words only begin like a test's, or mention one in another sense */
    static const char *const shown[] = {
        "COVID test sites closed", "Test sites closed due to flooding", "Exercise caution: roads are icy",
        "Ejercicio fiscal: oficinas cerradas por inundación", "Thử nghiệm vắc-xin tạm dừng vì lũ",
        "Übungsplatz gesperrt: Waldbrand", "Drill site fire: stay indoors", "Testing of sirens failed: sirens may not sound",
    };
    for (size_t i = 0; i < sizeof shown / sizeof *shown; i++) {
        const char *doc = cap_doc(200 + (int)i, "Actual", "Alert", "", "Severe", "", shown[i]);
        assert_true(cap_parse("t", doc, strlen(doc), NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
        if (out->count != 2 + i)
            fail_msg("not shown: %s", shown[i]);
    }
    for (size_t i = 1; i < out->count; i++)
        item_clear(&out->items[i]);
    out->count = 1;
    /* Nor is one without the required <status> (seen in the wild): a real
     * warning hidden costs more than a test shown. */
    char *bare = strdup(cap_doc(100, "Actual", "Alert", "", "Extreme", "", "Sơ tán ngay khỏi nhà A"));
    char *at = strstr(bare, "<status>Actual</status>");
    assert_non_null(at);
    memmove(at, at + strlen("<status>Actual</status>"), strlen(at + strlen("<status>Actual</status>")) + 1);
    assert_true(cap_parse("t", bare, strlen(bare), NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
    assert_int_equal(out->count, 2);
    free(bare);
    item_list_destroy(out);
}

/* Issue 22, CAP all-clear kind: an Update that ends the threat (urgency Past,
 * responseType AllClear) was shown as a live alert. It is not shown and
 * removes what it references, or what bears its identifier; so does a
 * Cancel. The next fetch's items replace the source's in the cache, so the
 * alert leaves the screen by the path an expired or removed one takes. */
static void cap_all_clear_update_clears_what_it_references(void **state)
{
    (void)state;
    size_t size;
    char *data = testutil_read_file(FIXTURES_DIR "/alerts/cap-update-allclear.xml", &size);
    assert_non_null(data);
    struct item_list *out = item_list_create();
    char reason[256] = "";
    assert_true(cap_parse("sc", data, size, NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
    assert_int_equal(out->count, 0);
    free(data);
    /* The same identifier, no <references>; a reference without its sent part. */
    static const struct { const char *msg_type, *references, *extra; int id; } cases[] = {
        {"Update", "", "<responseType> All Clear </responseType>", 7},
        {"update", "", "", 7}, /* a plain Update of the same alert replaces it: one item, the Update's */
        {"CANCEL", "", "", 7},
        {"Update", "<references>s@example.vn,ID-7</references>", "", 8},
        {"Update", "<references>x@y.vn,ID-1,2026-11-22T13:00:00+07:00\n\ts@example.vn,ID-7,2026-11-22T14:00:00+07:00</references>",
         "<responseType>AllClear</responseType>", 8},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char first[4096], second[4096], feed[9000];
        snprintf(first, sizeof first, "%s", cap_doc(7, "Actual", "Alert", "", "Severe", "", "Lũ quét"));
        snprintf(second, sizeof second, "%s",
                 cap_doc(cases[i].id, "Actual", cases[i].msg_type, cases[i].references, "Severe", cases[i].extra,
                         "Cập nhật"));
        snprintf(feed, sizeof feed, "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"text/xml\">%s"
                 "</content></entry><entry><content type=\"text/xml\">%s</content></entry></feed>",
                 strstr(first, "<alert"), strstr(second, "<alert"));
        out->count = 0;
        assert_true(cap_parse("feed", feed, strlen(feed), NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
        bool plain_update = i == 1 || i == 3;
        assert_int_equal(out->count, plain_update ? 1 : 0);
        if (plain_update)
            assert_string_equal(out->items[0].title, "Cập nhật");
        for (size_t k = 0; k < out->count; k++)
            item_clear(&out->items[k]);
    }
    /* An exercise's Cancel leaves a real alert alone. */
    {
        char first[4096], second[4096], feed[9000];
        snprintf(first, sizeof first, "%s", cap_doc(7, "Actual", "Alert", "", "Severe", "", "Lũ quét"));
        snprintf(second, sizeof second, "%s", cap_doc(8, "Exercise", "Cancel",
                                                      "<references>s@example.vn,ID-7,2026-11-22T14:00:00+07:00</references>",
                                                      "Severe", "", "Diễn tập"));
        snprintf(feed, sizeof feed, "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"text/xml\">%s"
                 "</content></entry><entry><content type=\"text/xml\">%s</content></entry></feed>",
                 strstr(first, "<alert"), strstr(second, "<alert"));
        out->count = 0;
        assert_true(cap_parse("feed", feed, strlen(feed), NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
        assert_int_equal(out->count, 1);
        item_clear(&out->items[0]);
    }
    /* An Update of urgency Past alone (its alert no longer in the feed). */
    static const char past[] =
        "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>U-3</identifier><sender>s@example.vn</sender>"
        "<sent>2026-11-22T16:00:00+07:00</sent><status>Actual</status><msgType>Update</msgType><scope>Public</scope>"
        "<references>s@example.vn,ID-7,2026-11-22T14:00:00+07:00</references><info><event>Lũ</event>"
        "<urgency>Past</urgency><severity>Severe</severity><certainty>Observed</certainty>"
        "<headline>Lũ đã rút</headline></info></alert>";
    out->count = 0;
    assert_true(cap_parse("one", past, strlen(past), NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
    assert_int_equal(out->count, 0);
    item_list_destroy(out);
}

/* An Atom index of CAP alerts (the NWS shape, inputs/c12.xml of the
 * held-out play) holds no <alert>, only entries with cap: fields linking
 * to the full alerts: it gave no item and no word why. Each entry is read
 * as its alert; a Test or Exercise entry never reaches the screen. */
static void cap_atom_index_entries_are_its_alerts(void **state)
{
    (void)state;
    static const char index[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:cap=\"urn:oasis:names:tc:emergency:cap:1.1\">"
        "<title>NWS alerts</title><id>urn:x</id><updated>2026-12-07T08:00:00Z</updated>"
        "<entry><id>urn:e1</id><updated>2026-12-07T08:00:00Z</updated><title>Flood Warning issued</title>"
        "<summary>River flooding.</summary><link href=\"https://alerts.example.gov/e1\"/>"
        "<cap:event>Flood Warning</cap:event><cap:urgency>Expected</cap:urgency><cap:severity>Severe</cap:severity>"
        "<cap:certainty>Likely</cap:certainty><cap:status>Actual</cap:status><cap:msgType>Alert</cap:msgType>"
        "<cap:expires>2026-12-07T20:00:00Z</cap:expires></entry>"
        "<entry><id>urn:e2</id><updated>2026-12-07T08:00:00Z</updated><title>Tornado Warning issued</title>"
        "<summary>Drill.</summary><cap:event>Tornado Warning</cap:event><cap:severity>Extreme</cap:severity>"
        "<cap:status>Exercise</cap:status><cap:msgType>Alert</cap:msgType></entry>"
        "<entry><id>urn:e3</id><updated>2026-12-07T08:00:00Z</updated><title>Test Message</title>"
        "<summary>This is a test message.</summary><cap:event>Test Message</cap:event>"
        "<cap:severity>Minor</cap:severity><cap:status>Test</cap:status></entry>"
        "<entry><id>urn:e4</id><updated>2026-12-07T09:00:00Z</updated><title></title>"
        "<cap:event>Wind Advisory</cap:event><cap:severity>Moderate</cap:severity><cap:status>Actual</cap:status>"
        "</entry></feed>";
    struct item_list *out = item_list_create();
    char reason[256] = "";
    if (!cap_parse("nws", index, sizeof index - 1, NULL, 3600, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason))
        fail_msg("%s", reason);
    assert_int_equal(out->count, 2);
    const struct item *a = &out->items[0];
    assert_string_equal(a->title, "Flood Warning issued");
    assert_string_equal(a->summary, "River flooding.");
    assert_string_equal(a->link, "https://alerts.example.gov/e1");
    assert_int_equal(a->severity, ITEM_SEVERITY_SEVERE);
    assert_int_equal(a->published, 1796630400); /* 2026-12-07T08:00:00Z */
    assert_int_equal(a->expires, 1796630400 + 12 * 3600);
    const struct item *b = &out->items[1];
    assert_string_equal(b->title, "Wind Advisory"); /* no title: its event */
    assert_int_equal(b->severity, ITEM_SEVERITY_MODERATE);
    assert_int_equal(b->expires, 1796634000 + 3600); /* updated + expire_after */
    item_list_destroy(out);

    /* an Atom feed without cap: fields is still no alert feed */
    static const char plain[] = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><id>1</id>"
                                "<title>News</title></entry></feed>";
    out = item_list_create();
    assert_false(cap_parse("plain", plain, sizeof plain - 1, NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason,
                           sizeof reason));
    assert_int_equal(out->count, 0);
    item_list_destroy(out);
}

static void cap_refuses_broken_and_foreign_xml(void **state)
{
    (void)state;
    struct item_list *out = item_list_create();
    char reason[256] = "";
    const char *doc = cap_doc(1, "Actual", "Alert", "", "Severe", "", "Cháy");
    assert_false(cap_parse("broken", doc, strlen(doc) - 10, NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
    assert_non_null(strstr(reason, "not well-formed"));
    const char *other = "<?xml version=\"1.0\"?><alert xmlns=\"urn:example:other\"><identifier>x</identifier></alert>";
    assert_false(cap_parse("other", other, strlen(other), NULL, 0, CONFIG_CAP_SCOPE_PUBLIC, out, reason, sizeof reason));
    assert_non_null(strstr(reason, "no CAP <alert> (1.0, 1.1 or 1.2)"));
    assert_int_equal(out->count, 0);
    item_list_destroy(out);
}

/* CAP given as an ordinary source (no type = alert) raises no alert: the
 * feed parser reads it as the feed it is not, and says so. */
static void cap_given_as_an_ordinary_source_is_no_alert(void **state)
{
    (void)state;
    const char *doc = cap_doc(3, "Actual", "Alert", "", "Severe", "", "Cháy ở nhà B");
    struct item_list *out = item_list_create();
    struct config *config = config_create();
    char err[512];
    source_parse_buffer("x", doc, strlen(doc), &config->rules, out, err, sizeof err);
    for (size_t i = 0; i < out->count; i++)
        assert_int_equal(out->items[i].severity, ITEM_SEVERITY_NONE);
    config_destroy(config);
    item_list_destroy(out);
}

static void text_alert_title_line_and_body(void **state)
{
    (void)state;
    struct source_config source = {.alert = true, .alert_severity = ITEM_SEVERITY_MODERATE, .expire_after_seconds = 900};
    const char text[] = "\n\n  Nhà triển lãm đóng cửa sau 15 phút  \nKính mời quý khách\nchuẩn bị ra về.\n";
    struct item_list *out = item_list_create();
    char reason[256] = "";
    assert_true(alert_parse("alert.txt", text, strlen(text), NULL, 1000, &source, out, reason, sizeof reason));
    assert_int_equal(out->count, 1);
    assert_string_equal(out->items[0].title, "Nhà triển lãm đóng cửa sau 15 phút");
    assert_string_equal(out->items[0].summary, "Kính mời quý khách chuẩn bị ra về.");
    assert_int_equal(out->items[0].severity, ITEM_SEVERITY_MODERATE);
    assert_int_equal(out->items[0].expires, 1900);
    /* An emptied file: no alert, and no error. */
    assert_true(alert_parse("alert.txt", " \n\n", 3, NULL, 1000, &source, out, reason, sizeof reason));
    assert_int_equal(out->count, 1);
    assert_false(alert_parse("alert.txt", "a\0b", 3, NULL, 1000, &source, out, reason, sizeof reason));
    assert_non_null(strstr(reason, "binary"));
    item_list_destroy(out);
}

/* Found by tests/fuzz/fuzz_cap.c: a doctype that ends exactly at the end of
 * the bytes was read one byte past them (ASan: heap-buffer-overflow in
 * source.c's sniff_markup). The bytes sit in a buffer of their own size. */
static void sniffing_never_reads_past_the_bytes(void **state)
{
    (void)state;
    static const char input[] = "<<o<!DOCTYPE html";
    size_t n = sizeof input - 1;
    char *exact = malloc(n);
    memcpy(exact, input, n);
    struct source_config source = {.alert = true, .alert_severity = ITEM_SEVERITY_SEVERE};
    struct item_list *out = item_list_create();
    char reason[256];
    assert_false(alert_parse("crash", exact, n, NULL, 0, &source, out, reason, sizeof reason));
    assert_non_null(strstr(reason, "an HTML page")); /* not a message to show */
    char why[256];
    assert_int_equal(source_sniff(exact, n, why, sizeof why), SOURCE_FORMAT_HTML);
    item_list_destroy(out);
    free(exact);
}

/* --- the scene ------------------------------------------------------------- */

static struct scene_font_spec specs[SCENE_FONT_COUNT];

static int fake_width(void *context, enum scene_font font, const char *text)
{
    (void)context;
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    return chars * specs[font].size_px / 2;
}

static void push(struct item_list *list, const char *id, enum item_severity severity, int64_t expires, int64_t published)
{
    struct item item;
    item_init(&item);
    assert_true(item_set(&item.id, id) && item_set(&item.title, id));
    item.severity = severity;
    item.expires = expires;
    item.published = published;
    assert_true(item_list_push(list, &item));
    item_clear(&item);
}

static void clock_at(struct scene *scene, time_t t)
{
    struct tm tm;
    gmtime_r(&t, &tm); /* tm_gmtoff 0: the wall clock is t */
    scene_set_clock(scene, &tm);
}

static bool frame_has_text(struct scene *scene, const char *text)
{
    struct scene_frame frame = {0};
    assert_true(scene_build(scene, &frame));
    bool found = false;
    for (size_t i = 0; i < frame.count; i++)
        found |= frame.ops[i].kind == SCENE_OP_TEXT && strcmp(frame.ops[i].text, text) == 0;
    scene_frame_clear(&frame);
    return found;
}

static void scene_shows_the_most_severe_current_alert(void **state)
{
    (void)state;
    scene_font_specs(1920, 1080, specs);
    struct scene_measure m = {.text_width = fake_width};
    for (int i = 0; i < SCENE_FONT_COUNT; i++)
        m.fonts[i] = (struct scene_font_metrics){specs[i].size_px, specs[i].size_px / 4, specs[i].size_px * 5 / 4};
    struct scene_settings settings = {.screen_width = 1920, .screen_height = 1080, .speed_px_per_second = 120,
                                      .featured_seconds = 8, .title = "T"};
    struct scene *scene = scene_create(&settings, &m);
    assert_non_null(scene);
    struct item_list *list = item_list_create();
    push(list, "headline", ITEM_SEVERITY_NONE, 0, 0);
    push(list, "band", ITEM_SEVERITY_MODERATE, 0, 50);
    push(list, "evacuate", ITEM_SEVERITY_EXTREME, 2000, 10);
    clock_at(scene, 1000);
    scene_adopt(scene, list);
    scene_advance(scene, 1.0);
    assert_int_equal(scene_item_count(scene), 1); /* alerts are not headlines */
    assert_string_equal(scene_alert_id(scene), "evacuate");
    assert_int_equal(scene_alert_count(scene), 2);
    assert_true(frame_has_text(scene, "evacuate"));
    assert_false(frame_has_text(scene, "headline")); /* full screen: nothing else */
    clock_at(scene, 2000); /* the extreme one expires: the band shows, the crawl runs again */
    assert_string_equal(scene_alert_id(scene), "band");
    assert_true(frame_has_text(scene, "band"));
    assert_true(frame_has_text(scene, "headline"));
    /* A rebuilt scene (the window resized) gets the alerts back with the list. */
    struct item_list *back = scene_release_list(scene);
    assert_non_null(back);
    assert_int_equal(back->count, 3);
    struct scene *rebuilt = scene_create(&settings, &m);
    clock_at(rebuilt, 2000);
    scene_adopt(rebuilt, back);
    assert_string_equal(scene_alert_id(rebuilt), "band");
    scene_destroy(rebuilt);
    /* The next list without alerts clears it. */
    list = item_list_create();
    push(list, "headline", ITEM_SEVERITY_NONE, 0, 0);
    scene_adopt(scene, list);
    assert_string_equal(scene_alert_id(scene), "");
    assert_int_equal(scene_alert_count(scene), 0);
    scene_destroy(scene);
}

/* A cache written before alerts (schema 1) keeps its items and gains the
 * alert columns; alerts round-trip and an expired one is dropped. */
static void cache_keeps_alerts_and_migrates_schema_1(void **state)
{
    (void)state;
    char path[] = "/tmp/ticker-test-alert-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
        "CREATE TABLE items (id TEXT PRIMARY KEY, origin TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,"
        " summary TEXT NOT NULL, captions TEXT NOT NULL, source TEXT NOT NULL, link TEXT NOT NULL,"
        " published INTEGER, categories TEXT NOT NULL, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL);"
        "INSERT INTO items VALUES('old', 'feed', 'news', 'Tin cũ', '', '[]', 's', '', NULL, '[]', 100, 100);"
        "PRAGMA user_version=1;", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    struct cache *cache = cache_open(path);
    assert_non_null(cache);
    assert_string_equal(cache_path(cache), path); /* not moved aside as damaged */
    char err[512];
    struct item_list *items = cache_items(cache, err, sizeof err);
    assert_non_null(items);
    assert_int_equal(items->count, 1);
    assert_string_equal(items->items[0].title, "Tin cũ");
    assert_int_equal(items->items[0].severity, ITEM_SEVERITY_NONE);
    item_list_destroy(items);

    struct item_list *alerts = item_list_create();
    push(alerts, "a1", ITEM_SEVERITY_SEVERE, 5000, 0);
    push(alerts, "a2", ITEM_SEVERITY_MINOR, 0, 0);
    size_t changed, removed;
    assert_true(cache_begin(cache, err, sizeof err));
    assert_true(cache_store_items(cache, "alert.txt", alerts, 200, &changed, err, sizeof err));
    assert_true(cache_commit(cache, err, sizeof err));
    items = cache_items(cache, err, sizeof err);
    assert_int_equal(items->count, 3);
    size_t found = 0;
    for (size_t i = 0; i < items->count; i++)
        if (!strcmp(items->items[i].id, "a1") && items->items[i].severity == ITEM_SEVERITY_SEVERE &&
            items->items[i].expires == 5000)
            found++;
    assert_int_equal(found, 1);
    item_list_destroy(items);
    /* The source now holds only a2: a1 leaves at once, not after max_age_days. */
    item_list_destroy(alerts);
    alerts = item_list_create();
    push(alerts, "a2", ITEM_SEVERITY_MINOR, 0, 0);
    assert_true(cache_store_items(cache, "alert.txt", alerts, 300, &changed, err, sizeof err));
    assert_true(changed >= 1);
    /* Expiry: a severe alert with expires 400 goes at 400, whatever its age. */
    push(alerts, "a3", ITEM_SEVERITY_SEVERE, 400, 0);
    assert_true(cache_store_items(cache, "alert.txt", alerts, 300, &changed, err, sizeof err));
    assert_true(cache_expire(cache, 400, 14, 2000, &removed, err, sizeof err));
    items = cache_items(cache, err, sizeof err);
    assert_int_equal(items->count, 2); /* old and a2 */
    for (size_t i = 0; i < items->count; i++)
        assert_true(!strcmp(items->items[i].id, "old") || !strcmp(items->items[i].id, "a2"));
    item_list_destroy(items);
    item_list_destroy(alerts);
    cache_close(cache);
    unlink(path);
    char side[64];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cap_fixture_picks_vietnamese_info),
        cmocka_unit_test(cap_shows_only_actual_alerts_not_cancelled),
        cmocka_unit_test(cap_10_and_11_read_like_12),
        cmocka_unit_test(cap_8bit_charset_decoded_once),
        cmocka_unit_test(cap_html_in_text_read_as_text),
        cmocka_unit_test(cap_wea_text_from_cmam_parameters),
        cmocka_unit_test(cap_tests_never_reach_the_screen),
        cmocka_unit_test(cap_all_clear_update_clears_what_it_references),
        cmocka_unit_test(cap_atom_index_entries_are_its_alerts),
        cmocka_unit_test(cap_refuses_broken_and_foreign_xml),
        cmocka_unit_test(cap_given_as_an_ordinary_source_is_no_alert),
        cmocka_unit_test(text_alert_title_line_and_body),
        cmocka_unit_test(sniffing_never_reads_past_the_bytes),
        cmocka_unit_test(scene_shows_the_most_severe_current_alert),
        cmocka_unit_test(cache_keeps_alerts_and_migrates_schema_1),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
