/* A compatibility suite from the real shapes of feeds: every feed format
 * readers meet (RSS 0.90, 0.91 with its DTD, 0.92, 1.0, 2.0, Atom 0.3 and
 * 1.0) crossed with every markup, structure, encoding and date case of the
 * ingest issue; each case one feed, built here, read through source_parse
 * like any source, its title, link and date asserted. The count is printed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/tzone.h"
#include "ingest/source.h"
#include "testutil.h"

enum format { RSS090, RSS091, RSS092, RSS10, RSS20, ATOM03, ATOM10, FORMAT_COUNT };
static const char *const format_names[] = {"RSS 0.90", "RSS 0.91", "RSS 0.92", "RSS 1.0", "RSS 2.0", "Atom 0.3",
                                           "Atom 1.0"};

struct feed_parts {
    const char *prolog; /* before the root ("" or junk, a comment, a declaration) */
    const char *title;  /* the item's title element content, as written */
    const char *link;   /* the item's link as written */
    const char *date;   /* as written, or NULL */
    const char *base;   /* xml:base on the item, or NULL */
};

static void append(char **buf, size_t *len, const char *text)
{
    size_t n = strlen(text);
    *buf = realloc(*buf, *len + n + 1);
    assert_non_null(*buf);
    memcpy(*buf + *len, text, n + 1);
    *len += n;
}

/* fmt with each "%s" replaced by a, then b. */
static void appendf(char **buf, size_t *len, const char *fmt, const char *a, const char *b)
{
    const char *args[2] = {a, b ? b : ""};
    int next = 0;
    for (const char *p = fmt; *p;) {
        const char *hole = strstr(p, "%s");
        size_t n = hole ? (size_t)(hole - p) : strlen(p);
        char *part = strndup(p, n);
        append(buf, len, part);
        free(part);
        if (!hole)
            break;
        append(buf, len, next < 2 ? args[next++] : "");
        p = hole + 2;
    }
}

/* One feed of the format with one item (and a second, plain one). */
static char *build(enum format f, const struct feed_parts *p)
{
    char *x = NULL;
    size_t n = 0;
    append(&x, &n, p->prolog);
    const char *date = p->date;
    char base[256] = "";
    if (p->base)
        snprintf(base, sizeof base, " xml:base=\"%s\"", p->base);
    switch (f) {
    case RSS090:
    case RSS10:
        append(&x, &n, "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                       "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns=\"");
        append(&x, &n, f == RSS090 ? "http://my.netscape.com/rdf/simple/0.9/\">" : "http://purl.org/rss/1.0/\">");
        append(&x, &n, "<channel rdf:about=\"https://example.vn/\"><title>Kênh thử</title>"
                       "<link>https://example.vn/</link></channel>");
        appendf(&x, &n, "<item%s><title>%s</title>", base, p->title);
        appendf(&x, &n, "<link>%s</link>", p->link, NULL);
        if (date)
            appendf(&x, &n, "<dc:date>%s</dc:date>", date, NULL);
        append(&x, &n, "</item><item><title>Tin thứ hai</title><link>https://example.vn/2</link></item></rdf:RDF>");
        break;
    case RSS091:
    case RSS092:
    case RSS20:
        if (f == RSS091)
            append(&x, &n, "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
                           "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n");
        appendf(&x, &n, "<rss version=\"%s\"><channel><title>Kênh thử</title><link>https://example.vn/</link>"
                        "<description>Thu nghiem</description>",
                f == RSS091 ? "0.91" : f == RSS092 ? "0.92" : "2.0", NULL);
        appendf(&x, &n, "<item%s><title>%s</title>", base, p->title);
        appendf(&x, &n, "<link>%s</link>", p->link, NULL);
        if (date)
            appendf(&x, &n, "<pubDate>%s</pubDate>", date, NULL);
        append(&x, &n, "</item><item><title>Tin thứ hai</title><link>https://example.vn/2</link></item></channel></rss>");
        break;
    case ATOM03:
    case ATOM10:
        append(&x, &n, f == ATOM03 ? "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\">"
                                   : "<feed xmlns=\"http://www.w3.org/2005/Atom\">");
        append(&x, &n, "<title>Kênh thử</title><link rel=\"alternate\" type=\"text/html\" href=\"https://example.vn/\"/>");
        appendf(&x, &n, "<entry%s><title mode=\"escaped\" type=\"html\">%s</title>", base, p->title);
        appendf(&x, &n, "<link rel=\"alternate\" type=\"text/html\" href=\"%s\"/><id>tag:example.vn,2025:1</id>",
                p->link, NULL);
        if (date)
            appendf(&x, &n, f == ATOM03 ? "<issued>%s</issued>" : "<published>%s</published>", date, NULL);
        append(&x, &n, "</entry><entry><title>Tin thứ hai</title><link href=\"https://example.vn/2\"/>"
                       "<id>tag:example.vn,2025:2</id></entry></feed>");
        break;
    default:
        fail();
    }
    return x;
}

static struct tzone *hcm;
static size_t case_count;

/* Reads data as a source and checks the first item. */
static const char *second_title = "Tin thứ hai";

static void check(enum format f, const char *what, const char *data, size_t size, const char *title,
                  const char *link, const char *published)
{
    struct config *config = config_create();
    struct item_list *items = item_list_create();
    struct ingest_context context = {.name = "compat", .zone = hcm};
    struct source_info info = {0};
    char reason[512];
    bool ok = source_parse_in(&context, data, size, &config->rules, items, &info, reason, sizeof reason);
    case_count++;
    if (!ok)
        fail_msg("%s, %s: refused: %s", format_names[f], what, reason);
    if (items->count != 2)
        fail_msg("%s, %s: %zu items", format_names[f], what, items->count);
    const struct item *it = &items->items[0];
    if (strcmp(it->title, title))
        fail_msg("%s, %s: title \"%s\", wanted \"%s\"", format_names[f], what, it->title, title);
    if (link && strcmp(it->link, link))
        fail_msg("%s, %s: link \"%s\", wanted \"%s\"", format_names[f], what, it->link, link);
    char when[32];
    item_format_published(it, when);
    if (published && strcmp(when, published))
        fail_msg("%s, %s: published \"%s\", wanted \"%s\"", format_names[f], what, when, published);
    assert_string_equal(items->items[1].title, second_title);
    item_list_destroy(items);
    config_destroy(config);
}

/* read_rss: what RSS (whose titles are plain text) reads where it differs
 * from Atom's type="html" (markup read for its text). */
static const struct {
    const char *what, *written, *read, *read_rss;
} markup[] = {
    {"plain", "Hội đàm cấp cao", "Hội đàm cấp cao", NULL},
    {"HTML named entities", "Hội&nbsp;đàm &ndash; cấp&rsquo;s &eacute;", "Hội đàm – cấp’s é", NULL},
    {"bare ampersands", "R&D và AT&T: Xuất & nhập", "R&D và AT&T: Xuất & nhập", NULL},
    {"numeric references of windows-1252", "Giá &#150; chi phí &#128;5", "Giá – chi phí €5", NULL},
    {"escaped CDATA", "&lt;![CDATA[Khai trương phòng mới]]&gt;", "Khai trương phòng mới", NULL},
    {"CDATA with markup", "<![CDATA[<b>Nóng:</b> Khai trương]]>", "Nóng: Khai trương", NULL}, /* a CMS's HTML */
    {"escaped twice inside CDATA", "<![CDATA[Ảnh &amp;apos;Đất Bắc&amp;apos;]]>", "Ảnh 'Đất Bắc'", NULL},
    {"&apos;", "Nhà sưu tập &apos;cả đời&apos;", "Nhà sưu tập 'cả đời'", NULL},
    {"escaped HTML", "&lt;b&gt;Nóng&lt;/b&gt; tin &amp;amp; ảnh", "Nóng tin & ảnh", "<b>Nóng</b> tin & ảnh"},
    {"CDATA escaped twice", "&amp;lt;![CDATA[Khai trương phòng mới]]&amp;gt;", "Khai trương phòng mới", NULL},
    {"escaped CDATA inside CDATA", "<![CDATA[&lt;![CDATA[Khai trương phòng mới]]&gt;]]>", "Khai trương phòng mới", NULL},
};

static void markup_cases(void **state)
{
    (void)state;
    for (int f = 0; f < FORMAT_COUNT; f++)
        for (size_t m = 0; m < sizeof markup / sizeof *markup; m++) {
            struct feed_parts p = {"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", markup[m].written,
                                   "https://example.vn/1", NULL, NULL};
            char *x = build((enum format)f, &p);
            const char *read = f < ATOM03 && markup[m].read_rss ? markup[m].read_rss : markup[m].read;
            check((enum format)f, markup[m].what, x, strlen(x), read, "https://example.vn/1", NULL);
            free(x);
        }
}

static void structure_cases(void **state)
{
    (void)state;
    const struct {
        const char *what, *prolog, *link, *base, *want_link;
    } cases[] = {
        {"relative link", "<?xml version=\"1.0\"?>", "/tin/1.html", NULL, "https://example.vn/tin/1.html"},
        {"xml:base", "<?xml version=\"1.0\"?>", "bai-1.html", "https://example.vn/tin/2025/",
         "https://example.vn/tin/2025/bai-1.html"},
        {"comment before the declaration", "<!-- generated by a CMS -->\n<?xml version=\"1.0\"?>\n",
         "https://example.vn/1", NULL, "https://example.vn/1"},
        {"server warning before the feed",
         "<br />\n<b>Warning</b>: Cannot modify header information in <b>/var/www/feed.php</b> on line <b>7</b><br />\n"
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
         "https://example.vn/1", NULL, "https://example.vn/1"},
        {"plain-text warning, no declaration", "Notice: Undefined index: id in /srv/rss.php on line 3\n",
         "https://example.vn/1", NULL, "https://example.vn/1"},
        {"HTML error page before the declaration",
         "<html><body><div class=\"error\">Database warning: slow query</div></body></html>\n"
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
         "https://example.vn/1", NULL, "https://example.vn/1"},
        {"leading whitespace and BOM", "\xEF\xBB\xBF\n\n  <?xml version=\"1.0\"?>", "https://example.vn/1", NULL,
         "https://example.vn/1"},
    };
    for (int f = 0; f < FORMAT_COUNT; f++)
        for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
            struct feed_parts p = {cases[c].prolog, "Tin thử nghiệm", cases[c].link, NULL, cases[c].base};
            char *x = build((enum format)f, &p);
            check((enum format)f, cases[c].what, x, strlen(x), "Tin thử nghiệm", cases[c].want_link, NULL);
            free(x);
        }
}

/* utf8 converted with iconv (the test's own tool) to charset; size set. */
static char *encode(const char *utf8, const char *charset, size_t *size)
{
    char in[] = "/tmp/ticker-compat-XXXXXX", out[64];
    int fd = mkstemp(in);
    assert_true(fd >= 0);
    FILE *file = fdopen(fd, "wb");
    fputs(utf8, file);
    fclose(file);
    snprintf(out, sizeof out, "%s.out", in);
    char command[256];
    snprintf(command, sizeof command, "iconv -f UTF-8 -t %s %s > %s", charset, in, out);
    int status;
    free(testutil_run(command, &status));
    if (status != 0)
        fail_msg("iconv to %s failed on: %s", charset, utf8);
    char *bytes = testutil_read_file(out, size);
    assert_non_null(bytes);
    remove(in);
    remove(out);
    return bytes;
}

static void encoding_cases(void **state)
{
    (void)state;
    const struct {
        const char *what, *declared, *iconv, *title, *bom;
    } cases[] = {
        {"UTF-8", "UTF-8", "UTF-8", "Hội đàm “cấp cao” ở Hà Nội", ""},
        {"UTF-8 with a BOM", "UTF-8", "UTF-8", "Hội đàm “cấp cao” ở Hà Nội", "\xEF\xBB\xBF"},
        {"UTF-16LE with a BOM", "UTF-16", "UTF-16LE", "Hội đàm “cấp cao” ở Hà Nội", "\xFF\xFE"},
        {"UTF-16BE with a BOM", "UTF-16", "UTF-16BE", "Hội đàm “cấp cao” ở Hà Nội", "\xFE\xFF"},
        {"windows-1258, combining tone marks", "windows-1258", "WINDOWS-1258", "Hội đàm “cấp cao” ở Hà Nội", ""},
        {"windows-1252", "windows-1252", "WINDOWS-1252", "Museum’s café “opens” – Déjà vu", ""},
        {"ISO-8859-1 declared, UTF-8 sent", "ISO-8859-1", "UTF-8", "Hội đàm “cấp cao” ở Hà Nội", ""},
    };
    for (int f = 0; f < FORMAT_COUNT; f++)
        for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
            char prolog[128];
            snprintf(prolog, sizeof prolog, "<?xml version=\"1.0\" encoding=\"%s\"?>\n", cases[c].declared);
            struct feed_parts p = {prolog, cases[c].title, "https://example.vn/1", NULL, NULL};
            char *x = build((enum format)f, &p);
            bool latin = !strcmp(cases[c].iconv, "WINDOWS-1252"); /* no Vietnamese in that code page */
            second_title = latin ? "Tin thu hai" : "Tin thứ hai";
            for (char *v; latin && (v = strstr(x, "Tin thứ hai"));)
                memmove(v + 9, v + 11, strlen(v + 11) + 1), memcpy(v, "Tin thu h", 9);
            for (char *v; latin && (v = strstr(x, "Kênh thử"));)
                memmove(v + 8, v + 11, strlen(v + 11) + 1), memcpy(v, "Kenh thu", 8);
            size_t size;
            char *bytes = encode(x, cases[c].iconv, &size);
            size_t bom = strlen(cases[c].bom);
            char *data = malloc(size + bom + 1);
            memcpy(data, cases[c].bom, bom);
            memcpy(data + bom, bytes, size);
            check((enum format)f, cases[c].what, data, size + bom, cases[c].title, NULL, NULL);
            second_title = "Tin thứ hai";
            free(data);
            free(bytes);
            free(x);
        }
}

static void date_cases(void **state)
{
    (void)state;
    const char *dates[] = {"Wed, 16 Jul 2025 09:30:00 +0700", "Wed, 16 Jul 2025 09:30:00 GMT+7",
                           "2025-07-16T02:30:00Z",           "2025-07-16T09:30:00+07:00",
                           "2025-07-16T09:30:00",            "Wed, 16 Jul 2025 09:30:00",
                           "Thứ 4, 16/07/2025 09:30 (GMT+7)", "16/07/2025 09:30",
                           "July 16, 2025 9:30 AM",          "Wed Jul 16 2025 09:30:00 GMT+0700 (Indochina Time)"};
    for (int f = 0; f < FORMAT_COUNT; f++)
        for (size_t d = 0; d < sizeof dates / sizeof *dates; d++) {
            struct feed_parts p = {"<?xml version=\"1.0\"?>", "Tin có ngày", "https://example.vn/1", dates[d], NULL};
            char *x = build((enum format)f, &p);
            check((enum format)f, dates[d], x, strlen(x), "Tin có ngày", NULL, "2025-07-16T02:30:00Z");
            free(x);
        }
    /* an undeclared dc: prefix is still read */
    const char *undeclared = "<rss version=\"2.0\"><channel><title>K</title><item><title>Tin có ngày</title>"
                             "<link>https://example.vn/1</link><dc:date>2025-07-16T02:30:00Z</dc:date>"
                             "<content:encoded>&lt;p&gt;Nội dung&lt;/p&gt;</content:encoded></item><item>"
                             "<title>Tin thứ hai</title><link>https://example.vn/2</link></item></channel></rss>";
    check(RSS20, "undeclared dc: and content: prefixes", undeclared, strlen(undeclared), "Tin có ngày", NULL,
          "2025-07-16T02:30:00Z");
}

static int report(void **state)
{
    (void)state;
    printf("compatibility suite: %zu feeds (%d formats)\n", case_count, FORMAT_COUNT);
    return 0;
}

int main(void)
{
    char err[256];
    hcm = tzone_create("Asia/Ho_Chi_Minh", NULL, err, sizeof err);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(markup_cases),
        cmocka_unit_test(structure_cases),
        cmocka_unit_test(encoding_cases),
        cmocka_unit_test(date_cases),
    };
    int failed = cmocka_run_group_tests(tests, NULL, report);
    tzone_destroy(hcm);
    return failed;
}
