/* source: sniffing, files, directories and broken input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ingest/alert.h"
#include "ingest/source.h"
#include "live/fetch/reader.h"
#include "testutil.h"

struct fixture {
    char dir[64];
    struct config *config;
    struct item_list *items;
    char err[1024];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/ticker-test-source-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    f->config = config_create();
    f->items = item_list_create();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", f->dir);
    int rc = system(command);
    config_destroy(f->config);
    item_list_destroy(f->items);
    free(f);
    return rc == 0 ? 0 : -1;
}

static char *write_file(struct fixture *f, const char *name, const char *data, size_t size)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    assert_int_equal(fwrite(data, 1, size, file), size);
    assert_int_equal(fclose(file), 0);
    return path;
}

static void copy_fixture(struct fixture *f, const char *fixture, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", FIXTURES_DIR, fixture);
    size_t size;
    char *data = testutil_read_file(path, &size);
    assert_non_null(data);
    write_file(f, name, data, size);
    free(data);
}

static void sniffs_the_content_not_the_name(void **state)
{
    (void)state;
    char why[256];
    struct { const char *data; enum source_format format; } cases[] = {
        {"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c --><rss version=\"2.0\">", SOURCE_FORMAT_FEED},
        {"  <rdf:RDF xmlns:rdf=\"x\">", SOURCE_FORMAT_FEED},
        {"<?xml version='1.0'?><feed xmlns=\"http://www.w3.org/2005/Atom\">", SOURCE_FORMAT_FEED},
        {"<?xml version='1.0'?><note/>", SOURCE_FORMAT_FEED}, /* the feed parser names the root */
        {"<!DOCTYPE html><html><head>", SOURCE_FORMAT_HTML},
        {"<html lang=\"vi\">", SOURCE_FORMAT_HTML},
        {"<div><p>đoạn</p></div>", SOURCE_FORMAT_HTML},
        /* no "<?xml": the root's own namespace says XML */
        {"<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>", SOURCE_FORMAT_FEED},
        {"<!-- c -->\n<cap:alert xmlns:cap=\"urn:oasis:names:tc:emergency:cap:1.2\">", SOURCE_FORMAT_FEED},
        {"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>đoạn</p></div>", SOURCE_FORMAT_HTML},
        {"<div class=\"xmlns\"><p>đoạn</p></div>", SOURCE_FORMAT_HTML},
        {"Tiêu đề bài báo\nĐoạn mở đầu.\n", SOURCE_FORMAT_TEXT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_int_equal(source_sniff(cases[i].data, strlen(cases[i].data), why, sizeof why), cases[i].format);
    /* a declared 8-bit encoding is libxml2's to convert, not "invalid UTF-8" */
    const char *latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>\xe9\xe8\xe0\xe9\xe8\xe0";
    assert_int_equal(source_sniff(latin1, strlen(latin1), why, sizeof why), SOURCE_FORMAT_FEED);
    const char *bad = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>\xe9\xe8\xe0\xe9\xe8\xe0\xe9\xe8\xe0\xe9\xe8";
    assert_int_equal(source_sniff(bad, strlen(bad), why, sizeof why), SOURCE_FORMAT_UNKNOWN);
    assert_int_equal(source_sniff(" \n\t ", 4, why, sizeof why), SOURCE_FORMAT_UNKNOWN);
    assert_string_equal(why, "empty (no content)");
    assert_int_equal(source_sniff("PK\x03\x04\x00\x00", 6, why, sizeof why), SOURCE_FORMAT_UNKNOWN);
    assert_non_null(strstr(why, "binary data"));
    /* UTF-16 bytes are sniffed after decoding (source_parse): raw, they hold NULs */
    assert_int_equal(source_sniff("\xFF\xFE<\0r\0", 6, why, sizeof why), SOURCE_FORMAT_UNKNOWN);
}

/* UTF-16 with a BOM (either order) or without one is decoded, not refused. */
static void utf16_feeds_are_read(void **state)
{
    struct fixture *f = *state;
    const char *xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel><title>Kênh</title>"
                      "<item><title>Hội đàm cấp cao</title><link>https://x.vn/1</link></item></channel></rss>";
    const char *orders[] = {"UTF-16LE", "UTF-16BE"};
    for (int bom = 0; bom < 2; bom++) {
        for (int o = 0; o < 2; o++) {
            char command[512];
            snprintf(command, sizeof command, "printf '%%s' '%s' | iconv -f UTF-8 -t %s", xml, orders[o]);
            int status;
            char *encoded = testutil_run(command, &status);
            assert_int_equal(status, 0);
            size_t len = 0;
            while (encoded[len] || encoded[len + 1]) /* UTF-16 text holds NULs: the end is a NUL pair */
                len += 2;
            char *data = malloc(len + 2);
            size_t at = 0;
            if (bom) {
                memcpy(data, o == 0 ? "\xFF\xFE" : "\xFE\xFF", 2);
                at = 2;
            }
            memcpy(data + at, encoded, len);
            struct item_list *items = item_list_create();
            char err[512];
            assert_true(source_parse_buffer("utf16.rss", data, len + at, &f->config->rules, items, err, sizeof err));
            assert_int_equal(items->count, 1);
            assert_string_equal(items->items[0].title, "Hội đàm cấp cao");
            assert_string_equal(items->items[0].source, "Kênh");
            item_list_destroy(items);
            free(data);
            free(encoded);
        }
    }
}

static void a_feed_named_txt_is_still_a_feed(void **state)
{
    struct fixture *f = *state;
    copy_fixture(f, "tuoitre.rss", "tin.txt");
    char path[128];
    snprintf(path, sizeof path, "%s/tin.txt", f->dir);
    assert_true(reader_load(path, f->config, f->items, f->err, sizeof f->err));
    assert_int_equal(f->items->count, 2);
    assert_int_equal(f->items->items[0].kind, ITEM_DIALOGUE); /* classified: "tham vấn" */
    assert_int_equal(f->items->items[1].kind, ITEM_INFOGRAPHIC); /* category */
}

/* A USB stick of news: a feed file with its pictures beside it. Its channel
 * <link> names the web site, yet a relative picture is the file next to the
 * feed; an absolute xml:base still wins, and links stay on the web site. */
static void a_local_feeds_relative_pictures_are_files_beside_it(void **state)
{
    struct fixture *f = *state;
    static const char feed[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel>"
        "<title>USB</title><link>https://tin.example.vn/trien-lam</link>"
        "<item><title>Khu trưng bày phòng không</title><link>bai/phong-khong</link>"
        "<media:content url=\"anh/radar.jpg\" medium=\"image\"/></item>"
        "<item xml:base=\"https://cdn.example.vn/2026/\"><title>Hội đàm song phương</title>"
        "<enclosure url=\"hoi-dam.jpg\" type=\"image/jpeg\" length=\"1\"/></item>"
        "</channel></rss>";
    write_file(f, "tin.rss", feed, sizeof feed - 1);
    char path[128], want[PATH_MAX + 32], real[PATH_MAX];
    snprintf(path, sizeof path, "%s/tin.rss", f->dir);
    assert_non_null(realpath(f->dir, real));
    snprintf(want, sizeof want, "%s/anh/radar.jpg", real);
    assert_true(reader_load(path, f->config, f->items, f->err, sizeof f->err));
    assert_int_equal(f->items->count, 2);
    assert_int_equal(f->items->items[0].picture_count, 1);
    assert_string_equal(f->items->items[0].pictures[0].url, want);
    assert_string_equal(f->items->items[0].link, "https://tin.example.vn/bai/phong-khong");
    assert_int_equal(f->items->items[1].picture_count, 1);
    assert_string_equal(f->items->items[1].pictures[0].url, "https://cdn.example.vn/2026/hoi-dam.jpg");
}

static void parse_buffer_reports_format_and_ttl(void **state)
{
    struct fixture *f = *state;
    size_t size;
    char *data = testutil_read_file(FIXTURES_DIR "/dantri.rss", &size);
    struct source_info info;
    assert_true(source_parse_buffer_info("https://dantri.com.vn/rss/xa-hoi.rss", data, size, &f->config->rules, f->items,
                                         &info, f->err, sizeof f->err));
    assert_int_equal(info.format, SOURCE_FORMAT_FEED);
    assert_int_equal(info.ttl_minutes, 10);
    assert_int_equal(f->items->items[0].kind, ITEM_DIALOGUE);
    free(data);
    assert_false(source_parse_buffer("https://x.vn/rss", "", 0, &f->config->rules, f->items, f->err, sizeof f->err));
    assert_string_equal(f->err, "https://x.vn/rss: empty (no content)");
}

/* A CAP alert saved without "<?xml …?>" (as people type one into a file)
 * is read by a type = alert source as the alert it is, not refused as an
 * HTML page without a title. */
static void a_cap_alert_without_a_declaration_is_an_alert(void **state)
{
    struct fixture *f = *state;
    const char *cap = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n"
                      "<identifier>T-1</identifier><sender>hall@example.org</sender>"
                      "<sent>2026-11-30T10:00:00+07:00</sent><status>Actual</status><msgType>Alert</msgType>"
                      "<scope>Public</scope><info><category>Safety</category><event>Hall closing</event>"
                      "<urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>"
                      "<headline>Hội trường đóng cửa sau 15 phút</headline></info></alert>\n";
    struct source_config source = {.alert = true, .cap_scopes = CONFIG_CAP_SCOPE_PUBLIC};
    assert_true(alert_parse("alert.xml", cap, strlen(cap), NULL, 0, &source, f->items, f->err, sizeof f->err));
    assert_int_equal(f->items->count, 1);
    assert_int_equal(f->items->items[0].severity, ITEM_SEVERITY_SEVERE);
    assert_string_equal(f->items->items[0].title, "Hội trường đóng cửa sau 15 phút");
}

static void directory_sorted_hidden_skipped_failures_named(void **state)
{
    struct fixture *f = *state;
    copy_fixture(f, "vnexpress.rss", "b-vnexpress.rss");
    copy_fixture(f, "atom.xml", "a-atom.xml");
    copy_fixture(f, "dantri.rss", ".hidden.rss");
    write_file(f, "c-garbage.bin", "\x7f" "ELF\x02\x01\x01\x00\x00\x00", 10);
    write_file(f, "d-empty.rss", "", 0);
    assert_true(reader_load(f->dir, f->config, f->items, f->err, sizeof f->err));
    assert_int_equal(f->items->count, 3 + 3);
    assert_string_equal(f->items->items[0].source, "Báo Quân đội - Quốc phòng"); /* a-atom.xml first */
    assert_string_equal(f->items->items[3].source, "Thế giới - VnExpress RSS");
    for (size_t i = 0; i < f->items->count; i++)
        assert_string_not_equal(f->items->items[i].source, "Dân trí - Xã hội");
}

static void directory_with_nothing_readable_is_an_error(void **state)
{
    struct fixture *f = *state;
    assert_false(reader_load(f->dir, f->config, f->items, f->err, sizeof f->err));
    assert_non_null(strstr(f->err, "no files"));
    write_file(f, "x.rss", "\0\0\0", 3);
    assert_false(reader_load(f->dir, f->config, f->items, f->err, sizeof f->err));
    assert_non_null(strstr(f->err, f->dir));
    assert_non_null(strstr(f->err, "none of its 1 files"));
}

static void broken_files_get_clear_errors(void **state)
{
    struct fixture *f = *state;
    struct { const char *name, *data; size_t size; const char *reason; } cases[] = {
        {"empty.rss", "", 0, ": empty (no content)"},
        {"garbage.bin", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, ": binary data (a NUL byte at offset 8)"},
        {"latin1.txt", "\xe9\xe8\xe0\xf4\xfb\xe7\xe9\xe8 abc", 0, ": not UTF-8 text (8 of 12 bytes invalid)"},
        {"note.xml", "<?xml version=\"1.0\"?><note>x</note>", 0, ": not a feed: root element <note>"},
        {"alert.xml", "<?xml version=\"1.0\"?><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.1\"><status>Actual</status></alert>",
         0, ": a CAP alert, not a feed: only a source with type = alert shows alerts"},
        {"empty-feed.rss", "<rss version=\"2.0\"><channel><title>T</title></channel></rss>", 0,
         ": no items in this RSS 2.0"},
        {"cut.rss", "<rss version=\"2.0\"><channel><title>T</title><it", 0, ": broken XML (line 1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t size = cases[i].size ? cases[i].size : strlen(cases[i].data);
        char *path = write_file(f, cases[i].name, cases[i].data, size);
        char expected[512];
        snprintf(expected, sizeof expected, "%s%s", path, cases[i].reason);
        assert_false(reader_load(path, f->config, f->items, f->err, sizeof f->err));
        if (strncmp(f->err, expected, strlen(expected)))
            fail_msg("got \"%s\", wanted it to start with \"%s\"", f->err, expected);
    }
    assert_false(reader_load("/nonexistent/feed.rss", f->config, f->items, f->err, sizeof f->err));
    assert_string_equal(f->err, "/nonexistent/feed.rss: cannot open: No such file or directory");
    assert_false(reader_load("ftp://example.vn/feed.rss", f->config, f->items, f->err, sizeof f->err));
    assert_string_equal(f->err, "ftp://example.vn/feed.rss: only http and https URLs are supported");
    assert_int_equal(f->items->count, 0);
}

static long peak_rss_kb(void)
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

/* 50 MB of real feed: refused by its size, without reading it into memory. */
static void a_50_mb_file_is_refused_with_bounded_memory(void **state)
{
    struct fixture *f = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/huge.rss", f->dir);
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Lớn</title>", file);
    const char *entry = "<item><title>Hội đàm quốc phòng Việt Nam - Singapore</title><link>https://example.vn/a</link>"
                        "<description>Hai bên trao đổi về hợp tác quốc phòng song phương.</description></item>\n";
    size_t written = 0;
    while (written < 50u * 1024 * 1024)
        written += (size_t)fprintf(file, "%s", entry);
    fputs("</channel></rss>\n", file);
    assert_int_equal(fclose(file), 0);
    long before = peak_rss_kb();
    assert_false(reader_load(path, f->config, f->items, f->err, sizeof f->err));
    assert_non_null(strstr(f->err, "huge.rss: 50.0 MB is over the input limit of 20971520 bytes ([fetch] max_bytes)"));
    assert_true(peak_rss_kb() - before < 8 * 1024); /* nothing like 50 MB was read */
    assert_int_equal(f->items->count, 0);
}

struct load_call {
    const char *location;
    struct fixture *fixture;
    bool ok;
    atomic_bool returned;
};

static void *call_load(void *arg)
{
    struct load_call *c = arg;
    c->ok = reader_load(c->location, c->fixture->config, c->fixture->items, c->fixture->err,
                        sizeof c->fixture->err);
    atomic_store(&c->returned, true);
    return NULL;
}

/* A FIFO with no writer, given as a source or lying in a source folder: the
 * old reader's open() waited for a writer for ever, holding the fetch thread
 * (and the shutdown). Now it is refused at once with an error naming it; the
 * call runs on a thread so that a hang fails the test instead of stalling it. */
static void a_fifo_is_refused_at_once_not_waited_on(void **state)
{
    struct fixture *f = *state;
    char fifo[160];
    snprintf(fifo, sizeof fifo, "%s/pipe.rss", f->dir);
    assert_int_equal(mkfifo(fifo, 0644), 0);
    const char *locations[] = {fifo, f->dir};
    for (size_t i = 0; i < 2; i++) {
        struct load_call call = {.location = locations[i], .fixture = f};
        atomic_init(&call.returned, false);
        pthread_t thread;
        assert_int_equal(pthread_create(&thread, NULL, call_load, &call), 0);
        for (int waited = 0; !atomic_load(&call.returned) && waited < 100; waited++)
            nanosleep(&(struct timespec){.tv_nsec = 50 * 1000 * 1000}, NULL);
        if (!atomic_load(&call.returned))
            fail_msg("reader_load(%s) still waits on the FIFO after 5 s", locations[i]);
        pthread_join(thread, NULL);
        assert_false(call.ok);
        if (i == 0)
            assert_non_null(strstr(f->err, "pipe.rss: a FIFO (named pipe), not a regular file or a folder"));
        else /* the FIFO is not a file to read, and the error says it was skipped and why */
            assert_non_null(strstr(f->err, ": no regular files to read in this folder; skipped 1 entry "
                                           "(pipe.rss: a FIFO (named pipe), not a regular file"));
    }
}

/* A feed or CAP alert nested deeper than libxml2 allows (256) is refused in
 * a feed's terms, naming the file and the line: the message was libxml2's
 * "Excessive depth in document: 256 use XML_PARSE_HUGE option", an option
 * no operator can set. */
static void too_deep_a_document_is_refused_in_a_feeds_terms(void **state)
{
    struct fixture *f = *state;
    static const char *const roots[][2] = {
        {"<rss version=\"2.0\"><channel><title>T</title>\n", "</channel></rss>"},
        {"<?xml version=\"1.0\"?><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n", "</alert>"},
    };
    for (size_t r = 0; r < 2; r++) {
        char data[8192];
        size_t n = (size_t)snprintf(data, sizeof data, "%s", roots[r][0]);
        for (int i = 0; i < 300; i++)
            n += (size_t)snprintf(data + n, sizeof data - n, "<a>");
        for (int i = 0; i < 300; i++)
            n += (size_t)snprintf(data + n, sizeof data - n, "</a>");
        snprintf(data + n, sizeof data - n, "%s", roots[r][1]);
        char *path = write_file(f, r ? "deep.cap" : "deep.rss", data, strlen(data));
        if (r) { /* CAP is read only for a source of type alert */
            assert_true(config_replace_sources(f->config, &path, 1));
            f->config->sources[0].alert = true;
        }
        assert_false(reader_load(path, f->config, f->items, f->err, sizeof f->err));
        print_message("%s\n", f->err);
        assert_non_null(strstr(f->err, path));
        assert_non_null(strstr(f->err, "elements nested deeper than 256 levels at line 2"));
        assert_non_null(strstr(f->err, r ? "not an alert this kiosk can read" : "not a feed this kiosk can read"));
        assert_null(strstr(f->err, "XML_PARSE_HUGE"));
    }
}

/* A character device as a source: named, refused, nothing read. */
static void a_device_is_refused_with_its_kind(void **state)
{
    struct fixture *f = *state;
    assert_false(reader_load("/dev/zero", f->config, f->items, f->err, sizeof f->err));
    assert_non_null(strstr(f->err, "/dev/zero: a character device, not a regular file or a folder"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sniffs_the_content_not_the_name),
        cmocka_unit_test_setup_teardown(utf16_feeds_are_read, setup, teardown),
        cmocka_unit_test_setup_teardown(a_feed_named_txt_is_still_a_feed, setup, teardown),
        cmocka_unit_test_setup_teardown(parse_buffer_reports_format_and_ttl, setup, teardown),
        cmocka_unit_test_setup_teardown(a_cap_alert_without_a_declaration_is_an_alert, setup, teardown),
        cmocka_unit_test_setup_teardown(a_local_feeds_relative_pictures_are_files_beside_it, setup, teardown),
        cmocka_unit_test_setup_teardown(directory_sorted_hidden_skipped_failures_named, setup, teardown),
        cmocka_unit_test_setup_teardown(directory_with_nothing_readable_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(broken_files_get_clear_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(a_50_mb_file_is_refused_with_bounded_memory, setup, teardown),
        cmocka_unit_test_setup_teardown(a_fifo_is_refused_at_once_not_waited_on, setup, teardown),
        cmocka_unit_test_setup_teardown(a_device_is_refused_with_its_kind, setup, teardown),
        cmocka_unit_test_setup_teardown(too_deep_a_document_is_refused_in_a_feeds_terms, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
