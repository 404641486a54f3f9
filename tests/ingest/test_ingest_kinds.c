/* More of each kind of fault the handed cases show, in other shapes than
 * theirs (the held-out set is of the same kinds): pages that are no
 * article, datelines and site names written otherwise, related boxes
 * marked otherwise, dates in other places, text pages with a tool's header
 * and local pictures, and pictures from every place a feed or page names one. */
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
#include "ingest/source.h"

static struct item_list *parse_in(const struct ingest_context *context, const char *data, char *reason,
                                  size_t reason_size)
{
    struct config *config = config_create();
    struct item_list *items = item_list_create();
    struct source_info info = {0};
    bool ok = source_parse_in(context, data, strlen(data), &config->rules, items, &info, reason, reason_size);
    config_destroy(config);
    if (!ok) {
        item_list_destroy(items);
        return NULL;
    }
    return items;
}

static struct item_list *must(const char *name, const char *data)
{
    struct ingest_context context = {.name = name};
    char reason[512];
    struct item_list *items = parse_in(&context, data, reason, sizeof reason);
    if (!items)
        fail_msg("%s: %s", name, reason);
    return items;
}

#define HEAD "<html><head><meta charset=\"utf-8\">"
#define ARTICLE_BODY "<article><h1>Tiêu đề bài</h1><p>Một đoạn mở đầu đủ dài để làm phần tóm tắt của bài báo này.</p></article>"

static void pages_that_are_no_article_are_refused(void **state)
{
    (void)state;
    const struct { const char *page, *why; } cases[] = {
        {HEAD "<title>Just a moment...</title></head><body><h1>Checking your browser before accessing</h1>"
              "</body></html>", "bot-check"},
        {HEAD "<title>Attention Required! | Cloudflare</title></head><body><p>Please complete the captcha"
              "</p></body></html>", "bot-check"},
        {HEAD "<title>Page not found - Báo X</title><meta property=\"og:title\" content=\"Báo X\"></head><body>"
              "<h1>Oops</h1></body></html>", "not-found"},
        {HEAD "<title>Báo X</title><meta property=\"og:type\" content=\"website\"></head><body><div class=\"error-page\">"
              "<h1>Trang không tồn tại</h1></div></body></html>", "not-found"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct ingest_context context = {.name = "p.html"};
        char reason[512];
        struct item_list *items = parse_in(&context, cases[i].page, reason, sizeof reason);
        if (items)
            fail_msg("case %zu became %zu items", i, items->count);
        assert_non_null(strstr(reason, cases[i].why));
    }
}

static void site_names_and_datelines_in_other_shapes(void **state)
{
    (void)state;
    const struct { const char *title, *site, *lead, *want_title, *want_summary; } cases[] = {
        {"Báo Biên Phòng | Khai mạc hội chợ sách mùa thu", "Báo Biên Phòng", "HÀ NỘI - Sáng nay hội chợ sách mở cửa.",
         "Khai mạc hội chợ sách mùa thu", "Sáng nay hội chợ sách mở cửa."},
        {"Khai mạc hội chợ sách mùa thu – Tuổi Trẻ Online", "Tuổi Trẻ Online",
         "TP.HCM (TTXVN) – Sáng nay hội chợ sách mở cửa.", "Khai mạc hội chợ sách mùa thu",
         "Sáng nay hội chợ sách mở cửa."},
        {"Khai mạc hội chợ sách mùa thu", "Dân trí", "(Dân trí) - Sáng nay hội chợ sách mở cửa.",
         "Khai mạc hội chợ sách mùa thu", "Sáng nay hội chợ sách mở cửa."},
        {"Hà Nội - Huế: chuyến tàu di sản", "Báo Y", "Hà Nội - Huế là chặng đường đẹp nhất.",
         "Hà Nội - Huế: chuyến tàu di sản", "Hà Nội - Huế là chặng đường đẹp nhất."}, /* no dateline: a sentence */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char page[2048];
        snprintf(page, sizeof page,
                 HEAD "<title>%s</title><meta property=\"og:title\" content=\"%s\"><meta property=\"og:site_name\" "
                      "content=\"%s\"><meta property=\"og:type\" content=\"article\"><meta name=\"description\" "
                      "content=\"%s\"></head><body><article><h1>x</h1></article></body></html>",
                 cases[i].title, cases[i].title, cases[i].site, cases[i].lead);
        struct item_list *items = must("p.html", page);
        assert_string_equal(items->items[0].title, cases[i].want_title);
        assert_string_equal(items->items[0].summary, cases[i].want_summary);
        item_list_destroy(items);
    }
}

static void related_boxes_marked_otherwise(void **state)
{
    (void)state;
    const char *boxes[] = {
        "<div id=\"lien-quan\"><ul><li><a href=\"/a.html\">Bài liên quan thứ nhất</a></li>"
        "<li><a href=\"/b.html\">Bài thứ hai</a></li></ul></div>",
        "<section><h4>Đọc thêm</h4><a href=\"/a.html\">Bài liên quan thứ nhất</a> <a href=\"/b.html\">Bài thứ hai</a>"
        "</section>",
        "<div data-box=\"tinlienquan\"><a href=\"/a.html\"><img src=\"t.jpg\"></a><a href=\"/a.html\">Bài liên quan thứ "
        "nhất</a><a href=\"/b.html\">Bài thứ hai</a><a href=\"/b.html\">Bài thứ hai</a></div>",
    };
    for (size_t i = 0; i < sizeof boxes / sizeof *boxes; i++) {
        char page[2048];
        snprintf(page, sizeof page,
                 HEAD "<meta property=\"og:url\" content=\"https://x.vn/tin/bai.html\"><meta property=\"og:type\" "
                      "content=\"article\"><title>Tiêu đề</title></head><body>" ARTICLE_BODY "%s</body></html>",
                 boxes[i]);
        struct item_list *items = must("p.html", page);
        if (items->count != 3)
            fail_msg("box %zu: %zu items", i, items->count);
        assert_string_equal(items->items[1].title, "Bài liên quan thứ nhất");
        assert_string_equal(items->items[1].link, "https://x.vn/a.html");
        assert_string_equal(items->items[2].title, "Bài thứ hai"); /* three words: still a headline */
        item_list_destroy(items);
    }
}

static void dates_in_other_places(void **state)
{
    (void)state;
    const char *heads[] = {
        "<meta content=\"2026-03-07T08:52:11+07:00\" property=\"article:published_time\">",
        "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\",\"dateModified\":\"2026-03-08T00:00:00Z\"},"
        "{\"@type\":\"NewsArticle\",\"dateModified\":\"2026-03-08T00:00:00Z\",\"datePublished\":\"2026-03-07T08:52:11+07:00\"}]}"
        "</script>",
        "<meta itemprop=\"datePublished\" content=\"07/03/2026 08:52:11 (GMT+07:00)\">",
    };
    for (size_t i = 0; i < sizeof heads / sizeof *heads; i++) {
        char page[2048];
        snprintf(page, sizeof page, HEAD "%s<title>Tiêu đề</title></head><body>" ARTICLE_BODY "</body></html>", heads[i]);
        struct item_list *items = must("p.html", page);
        char when[32];
        item_format_published(&items->items[0], when);
        if (strcmp(when, "2026-03-07T01:52:11Z"))
            fail_msg("case %zu: %s", i, when);
        item_list_destroy(items);
    }
    /* a feed's date a week ahead of the fetch is clamped to it */
    const char *feed = "<rss version=\"2.0\"><channel><title>K</title><item><title>Tin tương lai</title>"
                       "<link>https://x.vn/1</link><pubDate>Wed, 23 Jul 2025 09:30:00 +0700</pubDate></item></channel></rss>";
    struct ingest_context context = {.name = "f.rss", .now = 1752633000};
    char reason[256];
    struct item_list *items = parse_in(&context, feed, reason, sizeof reason);
    assert_non_null(items);
    assert_int_equal(items->items[0].published, 1752633000);
    item_list_destroy(items);
}

static void text_pages_with_a_header_and_local_pictures(void **state)
{
    (void)state;
    const char *text = "Title: Bảo tàng mở cửa ban đêm\n\nURL Source: https://x.vn/bao-tang.html\n\n"
                       "Published Time: 2026-03-07T08:00:00+07:00\n\nMarkdown Content:\nBảo tàng mở cửa ban đêm\n"
                       "Từ tháng này, bảo tàng mở cửa đến 22 giờ vào cuối tuần, một đoạn mở đầu dài.\n"
                       "![](anh/dem.jpg) |\n| Khách xem trưng bày buổi tối. |\n";
    struct ingest_context context = {.name = "bai.txt", .path = "/srv/news/bai.txt"};
    char reason[256];
    struct item_list *items = parse_in(&context, text, reason, sizeof reason);
    assert_non_null(items);
    const struct item *a = &items->items[0];
    assert_string_equal(a->title, "Bảo tàng mở cửa ban đêm");
    assert_string_equal(a->link, "https://x.vn/bao-tang.html");
    assert_string_equal(a->summary, "Từ tháng này, bảo tàng mở cửa đến 22 giờ vào cuối tuần, một đoạn mở đầu dài.");
    assert_int_equal(a->picture_count, 1);
    assert_string_equal(a->pictures[0].url, "https://x.vn/anh/dem.jpg"); /* against the page's URL */
    assert_string_equal(a->pictures[0].caption, "Khách xem trưng bày buổi tối.");
    item_list_destroy(items);
    /* no URL: a picture next to the file is an absolute path */
    const char *local = "Bảo tàng mở cửa ban đêm\nMột đoạn mở đầu đủ dài để là phần tóm tắt của bài này.\n"
                        "![ảnh](anh/dem.jpg) |\n| Khách xem trưng bày. |\n";
    items = parse_in(&context, local, reason, sizeof reason);
    assert_non_null(items);
    assert_int_equal(items->items[0].picture_count, 1);
    assert_string_equal(items->items[0].pictures[0].url, "/srv/news/anh/dem.jpg");
    assert_null(strstr(items->items[0].summary, "!["));
    item_list_destroy(items);
}

static void pictures_from_feeds_and_pages(void **state)
{
    (void)state;
    const char *feed =
        "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>K</title>"
        "<link>https://vnexpress.net/</link><item><title>Tin có ảnh</title><link>https://vnexpress.net/1.html</link>"
        "<description><![CDATA[<a href=\"https://vnexpress.net/1.html\"><img src=\"/anh/nho.jpg\"></a></br>Tóm tắt.]]>"
        "</description><media:thumbnail url=\"https://i.vn/t.jpg\" width=\"120\" height=\"80\"/>"
        "<media:content url=\"https://i.vn/l.jpg\" medium=\"image\" width=\"1600\" height=\"900\">"
        "<media:description>Quang cảnh.</media:description></media:content>"
        "<media:content url=\"https://i.vn/xl.jpg\" type=\"image/jpeg\" width=\"4000\" height=\"3000\"/>"
        "<enclosure url=\"https://i.vn/e.mp3\" type=\"audio/mpeg\" length=\"1\"/></item></channel></rss>";
    struct item_list *items = must("f.rss", feed);
    const struct item *it = &items->items[0];
    assert_string_equal(it->summary, "Tóm tắt."); /* no debris of the picture */
    assert_int_equal(it->picture_count, 4);
    assert_string_equal(it->pictures[0].url, "https://i.vn/l.jpg"); /* the largest that fits 1920 px first */
    assert_string_equal(it->pictures[0].caption, "Quang cảnh.");
    assert_string_equal(it->pictures[1].url, "https://vnexpress.net/anh/nho.jpg"); /* size unknown, resolved */
    assert_string_equal(it->pictures[2].url, "https://i.vn/xl.jpg");               /* too large */
    assert_string_equal(it->pictures[3].url, "https://i.vn/t.jpg");                /* a 120 px thumbnail: last */
    item_list_destroy(items);
    const char *atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://x.vn/tin/\"><title>K</title>"
                       "<entry><link href=\"a.html\"/><link rel=\"enclosure\" type=\"image/png\" href=\"a.png\"/>"
                       "<content type=\"html\">&lt;p&gt;Chỉ có nội dung, không tiêu đề, một câu.&lt;/p&gt;</content>"
                       "</entry></feed>";
    items = must("a.xml", atom);
    assert_string_equal(items->items[0].title, "Chỉ có nội dung, không tiêu đề, một câu."); /* from its content */
    assert_string_equal(items->items[0].pictures[0].url, "https://x.vn/tin/a.png");
    item_list_destroy(items);
    const char *page = HEAD "<meta property=\"og:url\" content=\"https://x.vn/a/b.html\"><meta property=\"og:image\" "
                            "content=\"/share.jpg\"><title>Tiêu đề</title></head><body><article><h1>Tiêu đề</h1>"
                            "<figure><img data-src=\"/h/1.jpg\" width=\"800\"><figcaption>Chú thích ảnh.</figcaption>"
                            "</figure><p>Một đoạn mở đầu đủ dài để làm phần tóm tắt của bài báo này.</p></article>"
                            "</body></html>";
    items = must("p.html", page);
    it = &items->items[0];
    assert_int_equal(it->picture_count, 2);
    assert_string_equal(it->pictures[0].url, "https://x.vn/h/1.jpg");
    assert_string_equal(it->pictures[0].caption, "Chú thích ảnh.");
    assert_int_equal(it->pictures[0].width, 800);
    assert_string_equal(it->pictures[1].url, "https://x.vn/share.jpg");
    assert_int_equal(it->caption_count, 1);
    item_list_destroy(items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pages_that_are_no_article_are_refused),
        cmocka_unit_test(site_names_and_datelines_in_other_shapes),
        cmocka_unit_test(related_boxes_marked_otherwise),
        cmocka_unit_test(dates_in_other_places),
        cmocka_unit_test(text_pages_with_a_header_and_local_pictures),
        cmocka_unit_test(pictures_from_feeds_and_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
