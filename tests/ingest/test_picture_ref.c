/* Which pictures a document may name (ingest/picture_ref), end to end
 * through source_parse_in: a feed from the network keeps its http(s)
 * pictures and loses file:// URLs and absolute paths (before, /etc/shadow
 * was opened and a local image drawn on the public screen); the same feed
 * read from a local file keeps its local pictures too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "ingest/context.h"
#include "ingest/picture_ref.h"
#include "ingest/source.h"

static const char feed[] =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link>https://example.vn/</link>"
    "<item><title>Một</title><guid>1</guid><enclosure url=\"file:///etc/shadow\" type=\"image/jpeg\"/></item>"
    "<item><title>Hai</title><guid>2</guid><description>&lt;img src=\"https://example.vn/a.jpg\"&gt;"
    "&lt;img src=\"FILE:///home/kiosk/private.png\"&gt;</description></item>"
    "<item><title>Ba</title><guid>3</guid><enclosure url=\"/etc/hostname\" type=\"image/png\"/></item>"
    "</channel></rss>";

static struct item_list *parse(const struct ingest_context *context)
{
    struct config *config = config_create();
    struct item_list *items = item_list_create();
    struct source_info info;
    char reason[512];
    assert_true(source_parse_in(context, feed, sizeof feed - 1, &config->rules, items, &info, reason, sizeof reason));
    config_destroy(config);
    assert_int_equal(items->count, 3);
    return items;
}

static size_t count_local(const struct item_list *items)
{
    size_t n = 0;
    for (size_t i = 0; i < items->count; i++)
        for (size_t j = 0; j < items->items[i].picture_count; j++) {
            printf("%s: %s\n", items->items[i].title, items->items[i].pictures[j].url);
            n += !picture_ref_is_web(items->items[i].pictures[j].url);
        }
    return n;
}

static void a_feed_from_the_network_names_only_web_pictures(void **state)
{
    (void)state;
    struct ingest_context context = {.name = "https://example.vn/rss", .url = "https://example.vn/rss"};
    struct item_list *items = parse(&context);
    assert_int_equal(count_local(items), 0);
    assert_int_equal(items->items[1].picture_count, 1);
    assert_string_equal(items->items[1].pictures[0].url, "https://example.vn/a.jpg");
    item_list_destroy(items);
}

static void a_feed_from_a_local_file_keeps_local_pictures(void **state)
{
    (void)state;
    struct ingest_context context = {.name = "tin.xml", .path = "/media/usb/tin.xml"};
    struct item_list *items = parse(&context);
    assert_true(count_local(items) >= 2); /* checked against its folder where opened (live/pictures/picture_place) */
    item_list_destroy(items);
}

/* The formats this round added reach the same gate: a JSON Feed and an
 * Atom entry whose base64 HTML names local files, from the network, name
 * only web pictures (an attacker's tries: file://, an absolute path, a
 * ../ climb from a relative reference): a path resolves against the
 * document's own URL, on the publisher's server. */
static void new_formats_from_the_network_name_only_web_pictures(void **state)
{
    (void)state;
    static const char json[] =
        "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": ["
        "{\"id\": \"1\", \"title\": \"Một\", \"image\": \"file:///etc/shadow\"},"
        "{\"id\": \"2\", \"title\": \"Hai\", \"content_html\": \"<img src=\\\"/etc/hostname\\\">"
        "<img src=\\\"https://example.vn/a.jpg\\\">\"},"
        "{\"id\": \"3\", \"title\": \"Ba\", \"banner_image\": \"../../../../etc/passwd\"}]}";
    /* base64 of <img src="file:///etc/shadow"><img src="../../etc/passwd">Tin */
    static const char atom[] =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><id>1</id><title>Bốn</title>"
        "<content type=\"text/html\" mode=\"base64\" xmlns=\"http://purl.org/atom/ns#\">"
        "PGltZyBzcmM9ImZpbGU6Ly8vZXRjL3NoYWRvdyI+PGltZyBzcmM9Ii4uLy4uL2V0Yy9wYXNzd2QiPlRpbg==</content>"
        "</entry></feed>";
    const char *docs[] = {json, atom};
    for (size_t d = 0; d < 2; d++) {
        struct ingest_context context = {.name = "https://example.vn/feed", .url = "https://example.vn/feed"};
        struct config *config = config_create();
        struct item_list *items = item_list_create();
        struct source_info info;
        char reason[512];
        if (!source_parse_in(&context, docs[d], strlen(docs[d]), &config->rules, items, &info, reason, sizeof reason))
            fail_msg("document %zu: %s", d, reason);
        assert_true(items->count >= 1);
        assert_int_equal(count_local(items), 0);
        for (size_t i = 0; i < items->count; i++)
            for (size_t j = 0; j < items->items[i].picture_count; j++)
                /* a path or ../ climb resolves on the publisher's own server, never the kiosk's disk */
                assert_int_equal(strncmp(items->items[i].pictures[j].url, "https://example.vn/", 19), 0);
        item_list_destroy(items);
        config_destroy(config);
    }
}

/* The one rule RSS, Atom and JSON Feed readers share for a feed on a
 * stick: what is the web site's and what is a file beside the feed. */
static void site_relative_references_of_a_file_on_a_stick(void **state)
{
    (void)state;
    const char *path = "/media/usb/tin/feed.xml";
    assert_true(picture_ref_is_site_relative(path, "//cdn.example.vn/a.jpg"));
    assert_true(picture_ref_is_site_relative(path, "/anh/a.jpg"));
    assert_true(picture_ref_is_site_relative(path, "/media/usb/tinx/a.jpg")); /* a sibling folder */
    assert_true(picture_ref_is_site_relative(path, "/media/usb/a.jpg"));
    assert_false(picture_ref_is_site_relative(path, "/media/usb/tin/a.jpg"));
    assert_false(picture_ref_is_site_relative(path, "/media/usb/tin/anh/a.jpg"));
    assert_false(picture_ref_is_site_relative(path, "anh/a.jpg"));
    assert_false(picture_ref_is_site_relative(path, "https://example.vn/a.jpg"));
    assert_true(picture_ref_is_site_relative("/feed.xml", "/a.jpg")); /* a file at the root has no folder */
    assert_false(picture_ref_is_site_relative(NULL, "/a.jpg"));       /* from the network */
    assert_false(picture_ref_is_site_relative("feed.xml", "/a.jpg"));
}

/* An xml:base on the text element itself (<content xml:base="sub/">, an
 * XHTML content's own absolute base) is where the pictures its HTML names
 * live (RFC 4287 section 2, XML Base): they were resolved against the
 * entry's base, one folder or one host away. */
static void a_contents_own_xml_base_places_its_pictures(void **state)
{
    (void)state;
    static const char atom[] =
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://blog.example.org/base/\">"
        "<title>T</title><id>urn:a</id>"
        "<entry><title>Ba</title><id>urn:3</id><link href=\"e3.html\"/>"
        "<content type=\"html\" xml:base=\"sub/\">&lt;img src=\"e3.jpg\"&gt;Ba.</content></entry>"
        "<entry><title>Bốn</title><id>urn:4</id><link href=\"e4.html\"/>"
        "<content type=\"xhtml\" xml:base=\"https://x.example.com/deep/\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
        "<img src=\"e4.jpg\"/>Bốn.</div></content></entry>"
        "<entry><title>Năm</title><id>urn:5</id><link href=\"e5.html\"/>"
        "<summary type=\"html\">&lt;img src=\"/top.jpg\"&gt;Năm.</summary></entry></feed>";
    struct ingest_context context = {.name = "https://feeds.example.net/a.xml", .url = "https://feeds.example.net/a.xml"};
    struct config *config = config_create();
    struct item_list *items = item_list_create();
    struct source_info info;
    char reason[512];
    if (!source_parse_in(&context, atom, sizeof atom - 1, &config->rules, items, &info, reason, sizeof reason))
        fail_msg("%s", reason);
    assert_int_equal(items->count, 3);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(items->items[i].picture_count, 1);
    assert_string_equal(items->items[0].pictures[0].url, "https://blog.example.org/base/sub/e3.jpg");
    assert_string_equal(items->items[1].pictures[0].url, "https://x.example.com/deep/e4.jpg");
    assert_string_equal(items->items[2].pictures[0].url, "https://blog.example.org/top.jpg");
    assert_string_equal(items->items[0].link, "https://blog.example.org/base/e3.html"); /* the link is the entry's */
    item_list_destroy(items);
    config_destroy(config);
}

/* A src with white space around it (which HTML strips: src=" /anh/a.jpg ")
 * resolves like any: it was left a path, and refused from the network. */
static void a_picture_with_space_around_its_src_resolves(void **state)
{
    (void)state;
    static const char rss[] =
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link>https://example.vn/</link>"
        "<item><title>Một</title><link>https://example.vn/a/1.html</link>"
        "<description>&lt;img src=\" /anh/a.jpg \"&gt;Tin một.</description></item>"
        "<item><title>Hai</title><link>https://example.vn/a/2.html</link>"
        "<description>&lt;img src=\"\n  anh/b.jpg\n\"&gt;Tin hai.</description></item>"
        "</channel></rss>";
    struct ingest_context context = {.name = "https://example.vn/rss/tin.xml", .url = "https://example.vn/rss/tin.xml"};
    struct config *config = config_create();
    struct item_list *items = item_list_create();
    struct source_info info;
    char reason[512];
    if (!source_parse_in(&context, rss, sizeof rss - 1, &config->rules, items, &info, reason, sizeof reason))
        fail_msg("%s", reason);
    assert_int_equal(items->count, 2);
    assert_int_equal(items->items[0].picture_count, 1);
    assert_string_equal(items->items[0].pictures[0].url, "https://example.vn/anh/a.jpg");
    assert_int_equal(items->items[1].picture_count, 1);
    assert_string_equal(items->items[1].pictures[0].url, "https://example.vn/rss/anh/b.jpg");
    item_list_destroy(items);
    config_destroy(config);
}

/* A page read from a stick (inputs/page_relative_pictures.html of the
 * held-out play): its relative figure is the file beside it, as a feed's
 * is, with its caption; it was refused as a network page's path and only
 * the og:image was left. A site-relative og:image outside the page's folder
 * is the page's web site's when og:url names one, else no picture: never a
 * path from the kiosk's disk root. */
static struct item_list *parse_page(const struct ingest_context *context, const char *page)
{
    struct config *config = config_create();
    struct item_list *items = item_list_create();
    struct source_info info;
    char reason[512];
    if (!source_parse_in(context, page, strlen(page), &config->rules, items, &info, reason, sizeof reason))
        fail_msg("%s", reason);
    config_destroy(config);
    assert_true(items->count >= 1);
    return items;
}

static void a_page_on_a_stick_keeps_its_relative_figure(void **state)
{
    (void)state;
    static const char head[] =
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Bài viết - Báo Ví Dụ</title>"
        "<meta property=\"og:image\" content=\"/anh/og.jpg\"><meta property=\"og:type\" content=\"article\">";
    static const char body[] =
        "</head><body><article><h1>Bài viết thử ảnh tương đối</h1><figure><img src=\"anh/1.jpg\">"
        "<figcaption>Ảnh một</figcaption></figure><p>Nội dung bài viết đủ dài để là một đoạn văn có nghĩa, với "
        "nhiều chữ ở đây nữa.</p><img src=\"../../../etc/passwd\"><img src=\"file:///etc/shadow\"></article>"
        "</body></html>";
    static const char site[] = "<meta property=\"og:url\" content=\"https://vidu.vn/tin/bai.html\">";
    char page[2048];
    struct ingest_context stick = {.name = "bai.html", .path = "/media/usb/tin/bai.html"};

    snprintf(page, sizeof page, "%s%s", head, body);
    struct item_list *items = parse_page(&stick, page);
    struct item *article = &items->items[0];
    for (size_t i = 0; i < article->picture_count; i++)
        printf("%s\n", article->pictures[i].url);
    assert_true(article->picture_count >= 1);
    assert_string_equal(article->pictures[0].url, "/media/usb/tin/anh/1.jpg");
    assert_string_equal(article->pictures[0].caption, "Ảnh một");
    for (size_t i = 0; i < article->picture_count; i++)
        assert_null(strstr(article->pictures[i].url, "/anh/og.jpg")); /* no site named: no disk-root path */
    item_list_destroy(items);

    snprintf(page, sizeof page, "%s%s%s", head, site, body);
    items = parse_page(&stick, page);
    article = &items->items[0];
    assert_string_equal(article->pictures[0].url, "/media/usb/tin/anh/1.jpg");
    bool og = false;
    for (size_t i = 0; i < article->picture_count; i++)
        og |= !strcmp(article->pictures[i].url, "https://vidu.vn/anh/og.jpg");
    assert_true(og);
    item_list_destroy(items);

    /* the same page from the network names no local file */
    struct ingest_context web = {.name = "https://vidu.vn/tin/bai.html", .url = "https://vidu.vn/tin/bai.html"};
    snprintf(page, sizeof page, "%s%s", head, body);
    items = parse_page(&web, page);
    assert_int_equal(count_local(items), 0);
    assert_string_equal(items->items[0].pictures[0].url, "https://vidu.vn/tin/anh/1.jpg");
    item_list_destroy(items);
}

int main(void)
{
    source_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_feed_from_the_network_names_only_web_pictures),
        cmocka_unit_test(a_feed_from_a_local_file_keeps_local_pictures),
        cmocka_unit_test(new_formats_from_the_network_name_only_web_pictures),
        cmocka_unit_test(site_relative_references_of_a_file_on_a_stick),
        cmocka_unit_test(a_contents_own_xml_base_places_its_pictures),
        cmocka_unit_test(a_picture_with_space_around_its_src_resolves),
        cmocka_unit_test(a_page_on_a_stick_keeps_its_relative_figure),
    };
    int status = cmocka_run_group_tests(tests, NULL, NULL);
    source_global_cleanup();
    return status;
}
