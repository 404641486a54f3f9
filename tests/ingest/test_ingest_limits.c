/* Limits every reader keeps: one cap per text field at item creation (a
 * 1 MB title is cut at a UTF-8 boundary whatever the format), and no input
 * costing more than linear work (100,000 lines, captions or items). The
 * timings are in bench/bench_ingest.c; here the counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "ingest/source.h"
#include "ingest/text.h"

struct buf {
    char *data;
    size_t len, cap;
};

static void put(struct buf *b, const char *text)
{
    size_t n = strlen(text);
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->data = realloc(b->data, b->cap);
        assert_non_null(b->data);
    }
    memcpy(b->data + b->len, text, n + 1);
    b->len += n;
}

/* A megabyte of "ệ" (3 bytes each): a cut in the middle of one would show. */
static char *huge_text(void)
{
    size_t n = 1024 * 1024 / 3;
    char *text = malloc(n * 3 + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * 3, "\xE1\xBB\x87", 3);
    text[n * 3] = '\0';
    return text;
}

static struct item_list *parse(const char *name, const char *data, size_t size)
{
    struct config *config = config_create();
    struct item_list *items = item_list_create();
    char err[512];
    if (!source_parse_buffer(name, data, size, &config->rules, items, err, sizeof err))
        fail_msg("%s", err);
    config_destroy(config);
    return items;
}

static void assert_capped(const char *text, size_t max)
{
    size_t len = strlen(text);
    assert_true(len > 0 && len <= max);
    assert_int_equal(text_invalid_utf8_bytes(text, len), 0);
}

static void a_huge_title_is_cut_by_every_reader(void **state)
{
    (void)state;
    char *huge = huge_text();
    const char *shapes[][2] = {
        {"rss.xml", "<rss version=\"2.0\"><channel><title>K</title><item><title>%s</title><link>https://x.vn/1</link>"
                    "<description>%s</description><media:content xmlns:media=\"http://search.yahoo.com/mrss/\" "
                    "url=\"https://x.vn/a.jpg\"><media:description>%s</media:description></media:content></item>"
                    "</channel></rss>"},
        {"atom.xml", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>K</title><entry><title>%s</title>"
                     "<link href=\"https://x.vn/1\"/><summary>%s</summary><content type=\"html\">&lt;figure&gt;"
                     "&lt;img src=x.jpg&gt;&lt;figcaption&gt;%s&lt;/figcaption&gt;&lt;/figure&gt;</content></entry></feed>"},
        {"page.html", "<html><head><meta property=\"og:title\" content=\"%s\"><meta property=\"og:type\" "
                      "content=\"article\"><meta name=\"description\" content=\"%s\"></head><body><article><h1>x</h1>"
                      "<figure><img src=\"a.jpg\"><figcaption>%s</figcaption></figure></article></body></html>"},
        {"page.txt", "%s\n%s\n![](a.jpg) |\n| %s |\n"},
    };
    for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++) {
        struct buf filled = {0}; /* each "%s" of the shape becomes the huge text */
        for (const char *p = shapes[s][1]; *p;) {
            const char *hole = strstr(p, "%s");
            size_t n = hole ? (size_t)(hole - p) : strlen(p);
            char *part = strndup(p, n);
            put(&filled, part);
            free(part);
            if (!hole)
                break;
            put(&filled, huge);
            p = hole + 2;
        }
        char *data = filled.data;
        struct item_list *items = parse(shapes[s][0], data, strlen(data));
        assert_true(items->count >= 1);
        const struct item *it = &items->items[0];
        assert_capped(it->title, ITEM_MAX_TITLE_BYTES);
        assert_capped(it->summary, ITEM_MAX_SUMMARY_BYTES);
        if (it->caption_count == 0)
            fail_msg("%s: no caption", shapes[s][0]);
        assert_capped(it->captions[0], ITEM_MAX_CAPTION_BYTES);
        item_list_destroy(items);
        free(data);
    }
    free(huge);
}

static void a_hundred_thousand_headline_lines(void **state)
{
    (void)state;
    struct buf b = {0};
    put(&b, "Tiêu đề của trang bài báo\nĐoạn mở đầu của bài, một câu dài đủ để là đoạn văn.\nTin liên quan\n");
    char line[128];
    for (int i = 0; i < 100000; i++) {
        snprintf(line, sizeof line, "Tin tức số %d về hoạt động của bảo tàng tỉnh\n", i);
        put(&b, line);
    }
    struct item_list *items = parse("lines.txt", b.data, b.len);
    assert_int_equal(items->count, 100001);
    item_list_destroy(items);
    free(b.data);
}

static void a_hundred_thousand_captions_and_items(void **state)
{
    (void)state;
    struct buf b = {0};
    put(&b, "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>K</title>"
            "<item><title>Một bài có rất nhiều ảnh</title><link>https://x.vn/0</link>");
    char text[256];
    for (int i = 0; i < 100000; i++) {
        snprintf(text, sizeof text, "<media:description>Ảnh số %d của bộ sưu tập</media:description>", i);
        put(&b, text);
    }
    put(&b, "</item>");
    for (int i = 1; i <= 100000; i++) {
        snprintf(text, sizeof text,
                 "<item><title>Tin số %d</title><link>https://x.vn/%d</link><media:description>Chú thích %d"
                 "</media:description></item>",
                 i, i, i);
        put(&b, text);
    }
    put(&b, "</channel></rss>");
    struct item_list *items = parse("captions.rss", b.data, b.len);
    assert_int_equal(items->count, 100001);
    assert_int_equal(items->items[0].caption_count, ITEM_MAX_CAPTIONS); /* a gallery: the first ones */
    assert_string_equal(items->items[100000].captions[0], "Chú thích 100000");
    item_list_destroy(items);
    free(b.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_huge_title_is_cut_by_every_reader),
        cmocka_unit_test(a_hundred_thousand_headline_lines),
        cmocka_unit_test(a_hundred_thousand_captions_and_items),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
