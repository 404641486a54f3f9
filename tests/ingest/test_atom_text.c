/* Atom text constructs of every shape (RFC 4287 §3.1; Atom 0.3's mode):
 * type text, html, xhtml and application/xhtml+xml, mode xml, escaped and
 * base64, with and without xml:base and xml:lang, on an entry's title,
 * summary and content and on the feed's own title and subtitle. Each is
 * read whole and as a stream cut into single bytes; each gives its words.
 * (An XHTML title ended the process with SIGSEGV: the title's text has no
 * parts to collect captions into.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/context.h"
#include "ingest/feed.h"

struct shape {
    const char *attributes; /* on the text construct */
    const char *body;       /* what it holds */
};

/* Each body reads as the words "Hội đàm cấp cao" ("high-level talks"). */
static const struct shape shapes[] = {
    {"", "Hội đàm cấp cao"},
    {" type=\"text\"", "Hội đàm cấp cao"},
    {" type=\"html\"", "&lt;b&gt;Hội đàm&lt;/b&gt; cấp cao"},
    {" type=\"text/html\"", "<![CDATA[<i>Hội đàm</i> cấp cao]]>"},
    {" type=\"xhtml\"", "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Hội <b>đàm</b> cấp cao</p></div>"},
    {" type=\"xhtml\" xml:base=\"http://example.org/\" xml:lang=\"vi\"",
     "<div xmlns=\"http://www.w3.org/1999/xhtml\"><a href=\"/x\">Hội đàm</a> cấp cao</div>"},
    {" type=\"application/xhtml+xml\"", "<div xmlns=\"http://www.w3.org/1999/xhtml\">Hội đàm cấp cao</div>"},
    {" type=\"application/xhtml+xml\" mode=\"xml\"",
     "<div xmlns=\"http://www.w3.org/1999/xhtml\"><span>Hội đàm</span> cấp cao</div>"},
    {" mode=\"xml\"", "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Hội đàm cấp cao</p></div>"},
    {" type=\"text/html\" mode=\"escaped\"", "&lt;p&gt;Hội đàm cấp cao&lt;/p&gt;"},
    {" type=\"application/xhtml+xml\" mode=\"escaped\"", "&lt;div&gt;Hội đàm cấp cao&lt;/div&gt;"},
    {" mode=\"base64\"", "SOG7mWkgxJHDoG0gY+G6pXAgY2Fv"},
    {" type=\"application/octet-stream\"", "SOG7mWkgxJHDoG0gY+G6pXAgY2Fv"}, /* RFC 4287 4.1.3.3 */
    /* base64 as feeds write it: padded pieces one after another (the first
     * '=' ended the text), the URL-safe alphabet, lines in CDATA */
    {" mode=\"base64\"", "SOG7mWkgxJHDoG0=IGPhuqVwIGNhbw=="},
    {" type=\"text/html\" mode=\"base64\"", "PHA-SOG7mWkgxJHDoG0gPGI-Y-G6pXAgY2FvPC9iPjwvcD4="},
    {" type=\"text/html\" mode=\"base64\"", "<![CDATA[PHA+SOG7\nmWkgxJHD\r\noG08L3A+\n IGPhuqVw\n IGNhbw==\n]]>"},
    {" type=\"xhtml\"", "<div xmlns=\"http://www.w3.org/1999/xhtml\"><img src=\"a.jpg\" alt=\"\"/>Hội đàm cấp cao</div>"},
    {" type=\"xhtml\"", "<xhtml:div xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">Hội đàm cấp cao</xhtml:div>"},
    /* mode="base64" on text that is not base64: the text as written */
    {" mode=\"base64\"", "Hội đàm cấp cao"},
    {" type=\"text/html\" mode=\"base64\"", "&lt;p&gt;Hội đàm cấp cao&lt;/p&gt;"},
    /* UTF-16 (little-endian, its byte order mark first) in base64 */
    {" mode=\"base64\"", "//5IANkeaQAgABEB4ABtACAAYwClHnAAIABjAGEAbwA="},
};

static const char *const versions[] = {"http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"};

/* Where the construct sits: the entry's title, summary or content, or the
 * feed's title or subtitle (the entry then has a plain title). */
enum place { ENTRY_TITLE, ENTRY_SUMMARY, ENTRY_CONTENT, FEED_TITLE, FEED_SUBTITLE, PLACES };

static char *make_feed(const char *ns, enum place place, const struct shape *s)
{
    static const char *const element[PLACES] = {"title", "summary", "content", "title", "subtitle"};
    const char *name = element[place];
    if (place == FEED_SUBTITLE && strstr(ns, "purl.org"))
        name = "tagline"; /* Atom 0.3's subtitle */
    char construct[1024];
    snprintf(construct, sizeof construct, "<%s%s>%s</%s>", name, s->attributes, s->body, name);
    bool in_feed = place >= FEED_TITLE;
    char *feed = malloc(4096);
    assert_non_null(feed);
    snprintf(feed, 4096,
             "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- a comment before the root -->\n"
             "<feed xmlns=\"%s\">%s%s\n<entry><id>urn:x:1</id>%s%s"
             "<link rel=\"alternate\" href=\"https://bao.vn/tin.html\"/></entry></feed>\n",
             ns, in_feed ? construct : "<title>Báo Thử</title>", place == FEED_TITLE ? "" : "",
             in_feed || place != ENTRY_TITLE ? "<title>Tin một</title>" : "", in_feed ? "" : construct);
    return feed;
}

static bool collect(void *arg, struct item *item)
{
    return item_list_take(arg, item);
}

/* The item list's text that should hold the words, whole and streamed. */
static void expect_words(const char *feed, enum place place, const char *what)
{
    struct ingest_context context = {.name = "atom-shapes.xml"};
    for (int streamed = 0; streamed < 2; streamed++) {
        struct item_list *items = item_list_create();
        struct feed_info info;
        char err[512] = "";
        bool ok;
        if (!streamed)
            ok = feed_parse_in(&context, feed, strlen(feed), items, &info, err, sizeof err);
        else {
            struct feed_stream *s = feed_stream_create(&context, collect, items);
            assert_non_null(s);
            for (const char *p = feed; *p; p++)
                assert_true(feed_stream_push(s, p, 1));
            ok = feed_stream_finish(s, &info, err, sizeof err);
            feed_stream_destroy(s);
        }
        if (!ok || items->count != 1)
            fail_msg("%s (%s): ok %d, %zu items, %s\n%s", what, streamed ? "streamed" : "whole", ok, items->count,
                     err, feed);
        const struct item *item = &items->items[0];
        const char *text = place == ENTRY_TITLE ? item->title
                           : place == FEED_TITLE ? item->source
                           : place == FEED_SUBTITLE ? item->title
                                                    : item->summary;
        if (place == FEED_SUBTITLE)
            assert_string_equal(text, "Tin một");
        else if (!text || !strstr(text, "Hội") || !strstr(text, "cấp cao") || strchr(text, '<'))
            fail_msg("%s (%s): read \"%s\"\n%s", what, streamed ? "streamed" : "whole", text ? text : "(null)", feed);
        item_list_destroy(items);
    }
}

static void every_shape_in_every_place_reads_its_words(void **state)
{
    (void)state;
    int tried = 0;
    for (size_t v = 0; v < sizeof versions / sizeof *versions; v++)
        for (int place = 0; place < PLACES; place++)
            for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
                char *feed = make_feed(versions[v], (enum place)place, &shapes[k]);
                char what[128];
                snprintf(what, sizeof what, "Atom %s, place %d, shape %zu", v ? "0.3" : "1.0", place, k);
                expect_words(feed, (enum place)place, what);
                free(feed);
                tried++;
            }
    printf("%d Atom text constructs read whole and streamed byte by byte\n", tried);
}

/* Atom 0.3 content type="text/html" mode="base64" is HTML like any: its
 * pictures and figcaptions are the item's (they were lost: the decoded
 * HTML went to text only); bytes that are not UTF-8 are read in the
 * charset they are in (they were U+FFFD); a picture's own bytes in base64
 * (type="image/png") are no text (they were shown as garbage); of Atom 0.3's
 * multipart/alternative one version is read (they were all read at once). */
static void base64_html_is_read_like_any_html(void **state)
{
    (void)state;
    const char *feed =
        "<?xml version=\"1.0\"?><feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>B</title>"
        /* <figure><img src="https://e.org/x.jpg"><figcaption>Quang cảnh</figcaption></figure><p>Hội đàm cấp cao</p> */
        "<entry><title>Một</title><id>urn:b:1</id><content type=\"text/html\" mode=\"base64\">"
        "PGZpZ3VyZT48aW1nIHNyYz0iaHR0cHM6Ly9lLm9yZy94LmpwZyI+PGZpZ2NhcHRpb24+UXVhbmcgY+G6o25oPC9maWdjYXB0aW9uPjwvZmln\n"
        "dXJlPjxwPkjhu5lpIMSRw6BtIGPhuqVwIGNhbzwvcD4=</content></entry>"
        /* "Le café de la gare à Paris, été très chaud." in ISO-8859-1 */
        "<entry><title>Hai</title><id>urn:b:2</id><summary mode=\"base64\">"
        "TGUgY2Fm6SBkZSBsYSBnYXJlIOAgUGFyaXMsIOl06SB0cuhzIGNoYXVkLg==</summary></entry>"
        /* multipart/alternative: the same text as plain and as HTML, each in base64 */
        "<entry><title>Bốn</title><id>urn:b:4</id><content type=\"multipart/alternative\">"
        "<content type=\"text/plain\" mode=\"base64\">SOG7mWkgxJHDoG0gY+G6pXAgY2Fv</content>"
        "<content type=\"text/html\" mode=\"base64\">PHA+SOG7mWkgxJHDoG0gPGI+Y+G6pXAgY2FvPC9iPjwvcD4=</content>"
        "</content></entry>"
        "</feed>";
    const char *binary =
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>B</title>"
        "<entry><title>Ba</title><id>urn:b:3</id><content type=\"image/png\">iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAf"
        "FcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==</content></entry></feed>";
    struct ingest_context context = {.name = "base64.xml"};
    struct item_list *items = item_list_create();
    struct feed_info info;
    char err[256];
    assert_true(feed_parse_in(&context, feed, strlen(feed), items, &info, err, sizeof err));
    assert_int_equal(items->count, 3);
    const struct item *html = &items->items[0];
    assert_string_equal(html->summary, "Hội đàm cấp cao");
    assert_int_equal(html->picture_count, 1);
    assert_string_equal(html->pictures[0].url, "https://e.org/x.jpg");
    assert_string_equal(html->pictures[0].caption, "Quang cảnh");
    assert_string_equal(items->items[1].summary, "Le café de la gare à Paris, été très chaud.");
    assert_string_equal(items->items[2].summary, "Hội đàm cấp cao"); /* once, not once a version */
    item_list_destroy(items);
    items = item_list_create();
    assert_true(feed_parse_in(&context, binary, strlen(binary), items, &info, err, sizeof err));
    assert_int_equal(items->count, 1);
    assert_string_equal(items->items[0].summary, "");
    item_list_destroy(items);
}

/* A mode="base64" that is not (a CMS's mistake, or an attacker's bytes):
 * what base64_decode makes of it -- it skips what is not its alphabet -- is
 * noise, and was shown ("!!!not base64***" as "ž‹[jÇºá«Z–"); words that only
 * look like base64 decode to control bytes. Both are shown as written. */
static void base64_that_is_not_is_shown_as_written(void **state)
{
    (void)state;
    const char *feed =
        "<?xml version=\"1.0\"?><feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>B</title>"
        "<entry><title>Một</title><id>urn:n:1</id><content type=\"text/html\" mode=\"base64\">"
        "!!!not base64 at all***</content></entry>"
        "<entry><title>Hai</title><id>urn:n:2</id><summary type=\"text/plain\" mode=\"base64\">"
        "Plain words in base64 mode</summary></entry>"
        "<entry><title>Ba</title><id>urn:n:3</id><summary mode=\"base64\">"
        "UGxhaW4gd29yZHMgaW4gYmFzZTY0IG1vZGU=</summary></entry>"
        "</feed>";
    struct ingest_context context = {.name = "notbase64.xml"};
    struct item_list *items = item_list_create();
    struct feed_info info;
    char err[256];
    assert_true(feed_parse_in(&context, feed, strlen(feed), items, &info, err, sizeof err));
    assert_int_equal(items->count, 3);
    assert_string_equal(items->items[0].summary, "!!!not base64 at all***");
    assert_string_equal(items->items[1].summary, "Plain words in base64 mode");
    assert_string_equal(items->items[2].summary, "Plain words in base64 mode"); /* real base64 still decoded */
    item_list_destroy(items);
}

/* An Atom summary or content of type text (or no type) holding a CMS's
 * escaped HTML: its tags were on the screen ("<p>Giá vàng tăng</p>",
 * "<img src=…/> Tin"); read as HTML, its picture kept. The same words in a
 * title stay as written, and a tag only named stays in a summary too. */
static void a_text_summary_holding_html_is_read_as_html(void **state)
{
    (void)state;
    const char *feed =
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>B</title>"
        "<entry><title>&lt;p&gt;Một&lt;/p&gt;</title><id>urn:t:1</id>"
        "<summary>&lt;img src=\"https://e.vn/a.jpg\"/&gt; Hội đàm cấp cao</summary></entry>"
        "<entry><title>Hai</title><id>urn:t:2</id>"
        "<summary type=\"text\">&lt;p&gt;Hội &lt;b&gt;đàm&lt;/b&gt; cấp cao&lt;/p&gt;</summary></entry>"
        "<entry><title>Ba</title><id>urn:t:3</id>"
        "<content type=\"text/plain\">Dùng thẻ &lt;b&gt; để in đậm</content></entry>"
        "</feed>";
    struct ingest_context context = {.name = "text.xml"};
    struct item_list *items = item_list_create();
    struct feed_info info;
    char err[256];
    assert_true(feed_parse_in(&context, feed, strlen(feed), items, &info, err, sizeof err));
    assert_int_equal(items->count, 3);
    assert_string_equal(items->items[0].title, "<p>Một</p>");
    assert_string_equal(items->items[0].summary, "Hội đàm cấp cao");
    assert_int_equal(items->items[0].picture_count, 1);
    assert_string_equal(items->items[0].pictures[0].url, "https://e.vn/a.jpg");
    assert_string_equal(items->items[1].summary, "Hội đàm cấp cao");
    assert_string_equal(items->items[2].summary, "Dùng thẻ <b> để in đậm");
    item_list_destroy(items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_shape_in_every_place_reads_its_words),
        cmocka_unit_test(base64_html_is_read_like_any_html),
        cmocka_unit_test(base64_that_is_not_is_shown_as_written),
        cmocka_unit_test(a_text_summary_holding_html_is_read_as_html),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
