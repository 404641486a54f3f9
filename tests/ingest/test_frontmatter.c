/* Markdown pages' front matter (YAML between "---" lines, Hugo's TOML
 * between "+++"): the page's title and date, never its text (the title was
 * `title: "Bộ trưởng …"` and the summary `slug: "…"`). */
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
#include "ingest/article.h"
#include "live/fetch/reader.h"
#include "testutil.h"

/* No item shows a line of the block. */
static void no_front_matter_text(const struct item_list *items)
{
    static const char *const keys[] = {"title:", "slug", "layout:", "date:", "date =", "title =", "+++", "draft", NULL};
    for (size_t i = 0; i < items->count; i++)
        for (const char *const *k = keys; *k; k++)
            if (strstr(items->items[i].title, *k) || strstr(items->items[i].summary, *k))
                fail_msg("item %zu shows the front matter: \"%s\" / \"%s\"", i, items->items[i].title,
                         items->items[i].summary);
}

static struct item_list *read_text(const char *text)
{
    struct item_list *items = item_list_create();
    char err[512];
    if (!article_parse_text("page.md", text, strlen(text), items, err, sizeof err))
        fail_msg("%s", err);
    no_front_matter_text(items);
    return items;
}

static void published_is(const struct item *item, const char *want)
{
    char when[32];
    item_format_published(item, when);
    assert_string_equal(when, want);
}

static void jekyll_yaml_page_read_through_the_reader(void **state)
{
    (void)state;
    struct config *config = config_create();
    struct item_list *items = item_list_create();
    char err[1024];
    if (!reader_load(FIXTURES_DIR "/frontmatter-jekyll.md", config, items, err, sizeof err))
        fail_msg("%s", err);
    no_front_matter_text(items);
    assert_int_equal(items->count, 1);
    assert_string_equal(items->items[0].title, "Bộ trưởng Bộ Y tế thăm bệnh viện \"tuyến cuối\" ở Hà Nội");
    assert_string_equal(items->items[0].summary, "Chiều 5/3, Bộ trưởng Bộ Y tế đã đến thăm và làm việc với lãnh "
                                                 "đạo bệnh viện về tình trạng quá tải kéo dài.");
    published_is(&items->items[0], "2024-03-05T03:00:00Z");
    assert_int_equal(items->items[0].picture_count, 1);
    item_list_destroy(items);
    config_destroy(config);
}

/* A date ahead of the fetch is a mistake of the page (a wrong year, a
 * wrong zone): clamped to now, as a feed's and an HTML page's are, so it
 * does not stay first in the crawl for a year. */
static void a_date_ahead_is_clamped_as_a_feeds(void **state)
{
    (void)state;
    int64_t before = (int64_t)time(NULL);
    struct item_list *items = read_text("---\ntitle: Lịch khai mạc\ndate: 2099-03-05\n---\nKhai mạc lúc 9 giờ tại sảnh A.\n");
    assert_int_equal(items->count, 1);
    assert_true(items->items[0].has_published);
    assert_true(items->items[0].published >= before && items->items[0].published <= (int64_t)time(NULL) + 1);
    item_list_destroy(items);
}

static void hugo_toml_page(void **state)
{
    (void)state;
    size_t size;
    char *data = testutil_read_file(FIXTURES_DIR "/frontmatter-hugo.md", &size);
    assert_non_null(data);
    struct item_list *items = read_text(data);
    free(data);
    assert_int_equal(items->count, 1);
    assert_string_equal(items->items[0].title, "Khai mạc \"Tuần lễ áo dài\" tại Huế"); /* not [params]' title */
    published_is(&items->items[0], "2024-03-05T03:00:00Z");
    assert_string_equal(items->items[0].summary, "Tuần lễ áo dài năm nay diễn ra từ ngày 5 đến 12/3 với nhiều hoạt "
                                                 "động trình diễn và triển lãm.");
    item_list_destroy(items);
}

/* YAML's other scalars: single-quoted ('' is a quote), plain (a colon
 * inside, a comment after), folded (>-) over lines, double-quoted escapes;
 * published: before date:; "..." may close the block. */
static void yaml_scalars_and_keys(void **state)
{
    (void)state;
    static const struct {
        const char *page, *title, *published;
    } cases[] = {
        {"---\ntitle: 'Chuyện ''nhà'' ở phố cổ'\npublished: \"2024-03-05T10:00:00+07:00\"\n---\nĐoạn mở đầu của bài "
         "viết, đủ dài để là một đoạn văn.\n",
         "Chuyện 'nhà' ở phố cổ", "2024-03-05T03:00:00Z"},
        {"---\ntitle: Hà Nội: mưa lớn cả ngày # bản nháp\ndate: 2024-03-05\n---\n\nĐoạn mở đầu của bài viết.\n",
         "Hà Nội: mưa lớn cả ngày", "2024-03-05T00:00:00Z"},
        {"---\ntitle: >-\n  Một tiêu đề dài\n  viết trên hai dòng\ndate: 2024-03-01\npublishDate: 2024-03-05T10:00:00Z\n...\n"
         "Đoạn mở đầu.\n",
         "Một tiêu đề dài viết trên hai dòng", "2024-03-05T10:00:00Z"},
        {"\xEF\xBB\xBF---\r\ntitle: \"Gi\\u00e1 v\\xe0ng t\\u0103ng \\\"m\\u1ea1nh\\\"\"\r\nDate: 'lun., 24 sept. 2018'\r\n---\r\n"
         "Đoạn mở đầu.\r\n",
         "Giá vàng tăng \"mạnh\"", "2018-09-24T00:00:00Z"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct item_list *items = read_text(cases[i].page);
        assert_true(items->count >= 1);
        if (strcmp(items->items[0].title, cases[i].title))
            fail_msg("case %zu: title \"%s\", wanted \"%s\"", i, items->items[0].title, cases[i].title);
        published_is(&items->items[0], cases[i].published);
        item_list_destroy(items);
    }
}

/* A page that opens with a thematic break, and a block that is never
 * closed, have no front matter: read as before. */
static void rules_that_are_no_front_matter(void **state)
{
    (void)state;
    struct item_list *items =
        read_text("---\nTiêu đề của trang\n---\nĐoạn mở đầu của bài viết, đủ dài để là một đoạn văn.\n");
    assert_string_equal(items->items[0].title, "Tiêu đề của trang");
    item_list_destroy(items);
    items = item_list_create();
    char err[512];
    const char *open = "---\nTiêu đề khác của trang\nĐoạn mở đầu.\n";
    assert_true(article_parse_text("page.md", open, strlen(open), items, err, sizeof err));
    assert_string_equal(items->items[0].title, "Tiêu đề khác của trang");
    item_list_destroy(items);
}

/* Such pages head their sections the Markdown way: "# Title", "## Tin
 * liên quan". The marks are no text: a heading is never an item, and the
 * first heading is the title (it was "# Title", and "## Tin liên quan" an
 * item of its own). */
static void markdown_headings_lose_their_marks(void **state)
{
    (void)state;
    struct item_list *items = read_text("# Tiêu đề của bài viết hôm nay #\n\nMột đoạn văn đủ dài để làm phần tóm tắt "
                                        "của trang này.\n\n## Tin liên quan\n\nMột tiêu đề khác về chủ đề kinh tế hôm "
                                        "nay\n### Giá xăng giảm lần thứ ba liên tiếp trong tháng\n");
    assert_int_equal(items->count, 2);
    assert_string_equal(items->items[0].title, "Tiêu đề của bài viết hôm nay");
    assert_string_equal(items->items[0].summary, "Một đoạn văn đủ dài để làm phần tóm tắt của trang này.");
    assert_string_equal(items->items[1].title, "Một tiêu đề khác về chủ đề kinh tế hôm nay");
    item_list_destroy(items);
    items = read_text("---\ntitle: Lễ hội hoa ban\n---\n# Lễ hội hoa ban\n\nĐoạn mở đầu của bài viết.\n");
    assert_int_equal(items->count, 1);
    assert_string_equal(items->items[0].title, "Lễ hội hoa ban");
    assert_string_equal(items->items[0].summary, "Đoạn mở đầu của bài viết.");
    item_list_destroy(items);
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jekyll_yaml_page_read_through_the_reader),
        cmocka_unit_test(hugo_toml_page),
        cmocka_unit_test(a_date_ahead_is_clamped_as_a_feeds),
        cmocka_unit_test(yaml_scalars_and_keys),
        cmocka_unit_test(rules_that_are_no_front_matter),
        cmocka_unit_test(markdown_headings_lose_their_marks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
