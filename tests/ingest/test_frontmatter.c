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

/* No item shows a nested value or a list item of the block. */
static void no_nested_text(const struct item_list *items, const char *const *nested)
{
    for (size_t i = 0; i < items->count; i++)
        for (const char *const *n = nested; *n; n++)
            if (strstr(items->items[i].title, *n) || strstr(items->items[i].summary, *n))
                fail_msg("item %zu shows \"%s\" of the block: \"%s\" / \"%s\"", i, *n, items->items[i].title,
                         items->items[i].summary);
}

/* A Hugo page of YAML (description: folded over three lines, author: and
 * seo: mappings each with a title:, tags: a list, categories: a flow list):
 * the description is the summary, the top-level title the title, and no
 * nested value or list item is text (the summary was the lead paragraph). */
static void hugo_yaml_description_is_the_summary(void **state)
{
    (void)state;
    size_t size;
    char *data = testutil_read_file(FIXTURES_DIR "/frontmatter-hugo-yaml.md", &size);
    assert_non_null(data);
    struct item_list *items = read_text(data);
    free(data);
    assert_int_equal(items->count, 1);
    assert_string_equal(items->items[0].title, "Bộ trưởng Quốc phòng hội đàm với người đồng cấp Nhật Bản");
    assert_string_equal(items->items[0].summary, "Bộ trưởng Quốc phòng Phan Văn Giang hội đàm với Bộ trưởng Quốc "
                                                 "phòng Nhật Bản, hai bên nhất trí thúc đẩy hợp tác gìn giữ hòa bình.");
    published_is(&items->items[0], "2024-03-05T07:30:00Z"); /* publishDate before date */
    static const char *const nested[] = {"Phóng viên", "Nguyễn Văn An", "Hội đàm quốc phòng", "Mô tả cho",
                                         "quốc phòng", "ngoại giao", "Thời sự", "hoi-dam.jpg", NULL};
    no_nested_text(items, nested);
    item_list_destroy(items);
}

/* Jekyll's excerpt: and Hugo's summary: as YAML writes them: double-quoted
 * with \" and \u escapes, single-quoted with '', literal (|) over lines;
 * a nested seo: title: is never the title, even with no title: above it;
 * a block libyaml refuses (a colon in a plain title) is still read, by
 * hand; TOML's description too. Each summary was the lead paragraph. */
static void summaries_in_every_yaml_scalar(void **state)
{
    (void)state;
    static const struct {
        const char *page, *title, *summary;
    } cases[] = {
        {"---\nlayout: post\ntitle: 'Chuyện ''phố cổ'' về đêm'\nexcerpt: \"Phố cổ \\\"thức\\\" đến khuya: "
         "h\\u00e0ng qu\\u00e1n m\\u1edf c\\u1eeda.\"\nauthor:\n  name: Trần Thị Bình\ntags:\n- du lịch\n- hà "
         "nội\n---\nĐoạn mở đầu của bài viết, đủ dài để là một đoạn văn.\n",
         "Chuyện 'phố cổ' về đêm", "Phố cổ \"thức\" đến khuya: hàng quán mở cửa."},
        {"---\ntitle: Giá vàng hôm nay\nsummary: |\n  Giá vàng miếng tăng mạnh.\n  Giá nhẫn cũng tăng theo.\n"
         "keywords:\n  - vàng\n---\nĐoạn mở đầu của bài viết, đủ dài để là một đoạn văn.\n",
         "Giá vàng hôm nay", "Giá vàng miếng tăng mạnh. Giá nhẫn cũng tăng theo."},
        {"---\nseo:\n  title: Tiêu đề cho máy tìm kiếm\ndescription: 'Mưa lớn ở Hà Nội, it''s ngập'\n---\n"
         "# Mưa lớn kéo dài ở Hà Nội\n\nĐoạn mở đầu của bài viết, đủ dài để là một đoạn văn.\n",
         "Mưa lớn kéo dài ở Hà Nội", "Mưa lớn ở Hà Nội, it's ngập"},
        {"---\ntitle: Hà Nội: mưa lớn cả ngày\ndescription: >-\n  Nhiều tuyến phố\n  ngập sâu.\nseo:\n  "
         "description: không phải\n---\nĐoạn mở đầu của bài viết.\n",
         "Hà Nội: mưa lớn cả ngày", "Nhiều tuyến phố ngập sâu."},
        {"+++\ntitle = \"Khai mạc lễ hội\"\ndescription = \"L\\u1ec5 h\\u1ed9i di\\u1ec5n ra ba ng\\u00e0y.\"\n"
         "+++\nĐoạn mở đầu của bài viết.\n",
         "Khai mạc lễ hội", "Lễ hội diễn ra ba ngày."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct item_list *items = read_text(cases[i].page);
        assert_true(items->count >= 1);
        if (strcmp(items->items[0].title, cases[i].title))
            fail_msg("case %zu: title \"%s\", wanted \"%s\"", i, items->items[0].title, cases[i].title);
        if (strcmp(items->items[0].summary, cases[i].summary))
            fail_msg("case %zu: summary \"%s\", wanted \"%s\"", i, items->items[0].summary, cases[i].summary);
        static const char *const nested[] = {"Trần Thị Bình", "du lịch", "máy tìm kiếm", "không phải",
                                             NULL};
        no_nested_text(items, nested);
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

static struct item_list *read_fixture(const char *name)
{
    struct config *config = config_create();
    struct item_list *items = item_list_create();
    char err[1024], path[512];
    snprintf(path, sizeof path, "%s/%s", FIXTURES_DIR, name);
    if (!reader_load(path, config, items, err, sizeof err))
        fail_msg("%s: %s", name, err);
    config_destroy(config);
    no_front_matter_text(items);
    return items;
}

/* A "---" never closed, then "title:" and "date:" lines and the body: the
 * title was `title: "Unclosed front matter"` and the summary the date
 * line. The run of keys is the front matter. */
static void unclosed_front_matter_is_its_run_of_keys(void **state)
{
    (void)state;
    struct item_list *items = read_fixture("markdown-unclosed-front-matter.md");
    assert_int_equal(items->count, 1);
    assert_string_equal(items->items[0].title, "Unclosed front matter");
    assert_string_equal(items->items[0].summary, "Body m13 never closed.");
    published_is(&items->items[0], "2026-12-07T00:00:00Z");
    item_list_destroy(items);
    items = read_text("---\ntitle: Lễ hội hoa ban\ndate: 2026-12-07\n\nĐoạn mở đầu của bài viết.\n");
    assert_string_equal(items->items[0].title, "Lễ hội hoa ban");
    assert_string_equal(items->items[0].summary, "Đoạn mở đầu của bài viết.");
    item_list_destroy(items);
    /* a rule then a line that only looks like a key: text, as before */
    items = item_list_create();
    char err[512];
    const char *rule = "---\nGhi chú: văn phòng đóng cửa hôm nay\nĐoạn mở đầu.\n";
    assert_true(article_parse_text("page.md", rule, strlen(rule), items, err, sizeof err));
    assert_string_equal(items->items[0].title, "Ghi chú: văn phòng đóng cửa hôm nay");
    item_list_destroy(items);
}

/* The lead paragraph showed its Markdown raw: "**bold**", "[link](url)",
 * "`code`", "<p>…</p>", "![img](pic.jpg)". */
static void the_summary_is_the_text_of_its_markup(void **state)
{
    (void)state;
    struct item_list *items = read_fixture("markdown-inline-markup.md");
    assert_string_equal(items->items[0].title, "MD");
    assert_string_equal(items->items[0].summary, "This has bold, italic, a link and code.");
    assert_int_equal(items->items[0].picture_count, 1);
    item_list_destroy(items);
    items = read_fixture("markdown-raw-html.md");
    assert_string_equal(items->items[0].summary, "Raw html paragraph.");
    item_list_destroy(items);
    items = read_fixture("markdown-inline-html-image.md");
    assert_string_equal(items->items[0].title, "Title only heading");
    assert_string_equal(items->items[0].summary, "Paragraph with html and.");
    item_list_destroy(items);
    items = read_text("# Tiêu đề\n\nsnake_case, 5 * 3, \\*sao\\* và [nhãn [lồng]](https://x.example.com/a_(b)).\n");
    assert_string_equal(items->items[0].summary, "snake_case, 5 * 3, *sao* và nhãn [lồng].");
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
        cmocka_unit_test(hugo_yaml_description_is_the_summary),
        cmocka_unit_test(summaries_in_every_yaml_scalar),
        cmocka_unit_test(rules_that_are_no_front_matter),
        cmocka_unit_test(markdown_headings_lose_their_marks),
        cmocka_unit_test(unclosed_front_matter_is_its_run_of_keys),
        cmocka_unit_test(the_summary_is_the_text_of_its_markup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
