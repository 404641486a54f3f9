/* article: the seeds' text layout and HTML article pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/article.h"
#include "base/config.h"
#include "live/fetch/reader.h"
#include "testutil.h"

#define SEED_000 SEEDS_DIR "/000_4898ecc7a27e8ad6.txt"
#define SEED_001 SEEDS_DIR "/001_d6a304863a5f4f06.txt"

static struct item_list *load(const char *path)
{
    struct config *config = config_create();
    struct item_list *items = item_list_create();
    char err[1024];
    bool ok = reader_load(path, config, items, err, sizeof err);
    if (!ok)
        fprintf(stderr, "%s\n", err);
    assert_true(ok);
    config_destroy(config);
    return items;
}

/* The seed's lines, for checking against; lines[i] without its newline. */
static char **seed_lines(const char *path, size_t *count)
{
    char *data = testutil_read_file(path, NULL);
    assert_non_null(data);
    char **lines = NULL;
    size_t n = 0;
    char *save = NULL;
    for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        lines = realloc(lines, (n + 1) * sizeof *lines);
        lines[n++] = strdup(line);
    }
    free(data);
    *count = n;
    return lines;
}

static void free_lines(char **lines, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(lines[i]);
    free(lines);
}

static size_t index_of(char **lines, size_t count, const char *text)
{
    for (size_t i = 0; i < count; i++)
        if (!strcmp(lines[i], text))
            return i;
    fail_msg("line not in seed: %s", text);
    return 0;
}

static bool has_title(const struct item_list *items, const char *title)
{
    for (size_t i = 0; i < items->count; i++)
        if (!strcmp(items->items[i].title, title))
            return true;
    return false;
}

static void seed_000_article_first_then_the_lists(void **state)
{
    (void)state;
    size_t n;
    char **lines = seed_lines(SEED_000, &n);
    struct item_list *items = load(SEED_000);
    assert_true(items->count > 1);

    struct item *article = &items->items[0];
    assert_string_equal(article->title, lines[0]);
    assert_int_equal(article->kind, ITEM_DIALOGUE);
    assert_string_equal(article->summary, lines[1]); /* the lead paragraph */
    assert_int_equal(article->caption_count, 1);
    assert_memory_equal(article->captions[0], "Thượng tướng Hoàng Xuân Chiến", strlen("Thượng tướng Hoàng Xuân Chiến"));
    assert_non_null(strstr(article->captions[0], "(Ảnh: Bộ Quốc phòng)"));
    assert_string_equal(article->source, "000_4898ecc7a27e8ad6.txt");

    /* every [Infographic] and [Video] entry, kind set and prefix gone */
    size_t infographics = 0, videos = 0, want_infographics = 0, want_videos = 0;
    for (size_t i = 0; i < n; i++) {
        if (!strncmp(lines[i], "[Infographic] ", 14)) {
            want_infographics++;
            assert_true(has_title(items, lines[i] + 14));
        } else if (!strncmp(lines[i], "[Video] ", 8)) {
            want_videos++;
            assert_true(has_title(items, lines[i] + 8));
        }
    }
    for (size_t i = 0; i < items->count; i++) {
        infographics += items->items[i].kind == ITEM_INFOGRAPHIC;
        videos += items->items[i].kind == ITEM_VIDEO;
        assert_int_not_equal(items->items[i].title[0], '[');
    }
    assert_int_equal(want_infographics, 6);
    assert_int_equal(infographics, 6);
    assert_int_equal(videos, want_videos);
    assert_true(want_videos >= 8);

    /* headlines of each list are items */
    assert_true(has_title(items, "Việt Nam ủng hộ Ấn Độ tăng cường hợp tác quốc phòng với ASEAN"));
    assert_true(has_title(items, "Gần 200 nghìn lượt người dự Festival Thăng Long - Hà Nội 2025"));
    assert_true(has_title(items, "Bài 1: Di sản nhân đạo mở đường tương lai"));
    assert_true(has_title(items, "Lữ đoàn 127 tuyên truyền chống khai thác hải sản bất hợp pháp cho ngư dân"));
    assert_true(has_title(items, "Quan hệ hữu nghị truyền thống Việt Nam-Triều Tiên"));
    assert_true(has_title(items, "MV \"Bắc Bling\": Cụ già, em nhỏ ngân nga, du khách gần xa tỏ bày hứng thú"));

    /* no heading, menu line or body paragraph is an item */
    const char *never[] = {"Tin bài liên quan", "Các tin bài khác", "Đọc nhiều", "Bờ cõi biển đảo", "Multimedia",
                           "Miền đất - Con người Cuộc sống vùng biên Nhịp sống biển đảo Lịch sử chủ quyền Giao lưu "
                           "hữu nghị"};
    for (size_t i = 0; i < sizeof never / sizeof *never; i++) {
        index_of(lines, n, never[i]); /* the seed does have it */
        assert_false(has_title(items, never[i]));
    }
    size_t lists = index_of(lines, n, "Tin bài liên quan");
    for (size_t i = 1; i < lists; i++)
        assert_false(has_title(items, lines[i]));
    for (size_t i = 1; i < items->count; i++)
        assert_int_equal(items->items[i].caption_count, 0);

    /* each headline line is one item: lines after the first heading, less headings and the menu */
    size_t headlines = 0;
    for (size_t i = lists; i < n; i++) {
        bool excluded = false;
        for (size_t k = 0; k < sizeof never / sizeof *never; k++)
            excluded = excluded || !strcmp(lines[i], never[k]);
        headlines += !excluded && lines[i][0] != '\0';
    }
    assert_int_equal(items->count, 1 + headlines);
    free_lines(lines, n);
    item_list_destroy(items);
}

static void seed_001_is_exactly_one_item(void **state)
{
    (void)state;
    size_t n;
    char **lines = seed_lines(SEED_001, &n);
    struct item_list *items = load(SEED_001);
    assert_int_equal(items->count, 1);
    assert_string_equal(items->items[0].title, lines[0]);
    assert_string_equal(items->items[0].summary, lines[1]);
    assert_int_equal(items->items[0].kind, ITEM_DIALOGUE); /* "Họp" */
    assert_int_equal(items->items[0].caption_count, 0);
    assert_false(items->items[0].has_published);
    free_lines(lines, n);
    item_list_destroy(items);
}

static struct item_list *parse_text(const char *text)
{
    struct item_list *items = item_list_create();
    char err[256];
    assert_true(article_parse_text("trang.txt", text, strlen(text), items, err, sizeof err));
    return items;
}

/* Another site's layout: other headings, a menu, a subheading in the body,
 * CRLF line ends and a table rule under the caption. */
static void other_layout_same_rules(void **state)
{
    (void)state;
    const char *page =
        "Khai mạc Triển lãm Quốc phòng quốc tế\r\n"
        "\r\n"
        "Sáng nay, triển lãm khai mạc với sự tham gia của hơn 250 doanh nghiệp trong và ngoài nước.\r\n"
        "![ảnh](https://example.vn/a.jpg) |\r\n"
        "|---|\r\n"
        "| Đại biểu cắt băng khai mạc. |\r\n"
        "Khu trưng bày\r\n"
        "Khu trưng bày ngoài trời giới thiệu nhiều khí tài mới, thu hút đông đảo khách tham quan.\r\n"
        "Xem nhiều\r\n"
        "Thời sự Quốc tế\r\n"
        "Chính trị xã hội Kinh tế thị trường Văn hóa nghệ thuật Thể thao\r\n"
        "Video | Ảnh | Podcast | Infographic | Thế giới\r\n"
        "Thời sự \xC2\xB7 Kinh doanh \xC2\xB7 Giải trí \xC2\xB7 Pháp luật\r\n"
        "Hà Nội công bố lịch tổ chức các sự kiện cuối năm\r\n"
        "Đội tuyển bóng đá nữ giành vé dự giải châu Á\r\n"
        "Đây là một đoạn văn dài sau tiêu đề mục, kết thúc bằng dấu chấm như mọi đoạn văn khác.\r\n"
        "\xE2\x80\x9C" "Chúng tôi sẽ tiếp tục hợp tác\xE2\x80\x9D, ông nói thêm với phóng viên.\xE2\x80\x9D\r\n"
        "[Clip] Toàn cảnh lễ khai mạc\r\n";
    struct item_list *items = parse_text(page);
    assert_int_equal(items->count, 4);
    assert_string_equal(items->items[0].title, "Khai mạc Triển lãm Quốc phòng quốc tế");
    assert_string_equal(items->items[0].summary,
                        "Sáng nay, triển lãm khai mạc với sự tham gia của hơn 250 doanh nghiệp trong và ngoài nước.");
    assert_int_equal(items->items[0].caption_count, 1);
    assert_string_equal(items->items[0].captions[0], "Đại biểu cắt băng khai mạc.");
    assert_string_equal(items->items[1].title, "Hà Nội công bố lịch tổ chức các sự kiện cuối năm");
    assert_string_equal(items->items[2].title, "Đội tuyển bóng đá nữ giành vé dự giải châu Á");
    assert_string_equal(items->items[3].title, "[Clip] Toàn cảnh lễ khai mạc"); /* classify removes it later */
    item_list_destroy(items);
}

static void text_without_a_title_is_an_error(void **state)
{
    (void)state;
    struct item_list *items = item_list_create();
    char err[256];
    assert_false(article_parse_text("rong.txt", "\n \n\t\n", 5, items, err, sizeof err));
    assert_non_null(strstr(err, "no title"));
    assert_int_equal(items->count, 0);
    item_list_destroy(items);
}

static void html_article_page(void **state)
{
    (void)state;
    struct item_list *items = load(FIXTURES_DIR "/article.html");
    assert_int_equal(items->count, 3);
    struct item *a = &items->items[0];
    assert_string_equal(a->title, "Hội đàm quốc phòng Việt Nam - Hàn Quốc tại Hà Nội"); /* og:title, not the site h1 */
    assert_string_equal(a->summary, "Hai bên nhất trí mở rộng hợp tác công nghiệp quốc phòng & đào tạo.");
    assert_int_equal(a->caption_count, 2);
    assert_string_equal(a->captions[0], "Hai Bộ trưởng chủ trì hội đàm. (Ảnh: Báo Mẫu)");
    assert_string_equal(a->captions[1], "Quang cảnh lễ ký kết.");
    assert_string_equal(a->link, "https://baomau.vn/quoc-phong/hoi-dam-viet-nam-han-quoc-123.html");
    assert_string_equal(a->id, a->link);
    assert_string_equal(a->source, "Báo Mẫu");
    assert_int_equal(a->published, 1752633000);
    assert_int_equal(a->kind, ITEM_DIALOGUE);
    assert_string_equal(items->items[1].title, "Tham vấn chiến lược quốc phòng Việt Nam - Ấn Độ lần thứ 12");
    assert_string_equal(items->items[1].link, "https://baomau.vn/quoc-phong/tham-van-chien-luoc-456.html");
    assert_string_equal(items->items[2].link, "https://baomau.vn/xa-hoi/doan-thanh-nien-789.html");
    item_list_destroy(items);
}

static void html_without_og_tags_uses_h1_and_lead(void **state)
{
    (void)state;
    const char *html = "<html><head><title>Trang | Báo</title></head><body><nav><p>Trang chủ Thời sự Thế giới "
                       "Kinh doanh Giải trí Thể thao Pháp luật</p></nav><h1>Đối thoại an ninh khu vực</h1>"
                       "<p>Bởi Phóng viên</p><p>Các chuyên gia thảo luận về an ninh hàng hải và hợp tác khu vực.</p>"
                       "</body></html>";
    struct item_list *items = item_list_create();
    char err[256];
    assert_true(article_parse_html("trang.html", html, strlen(html), items, err, sizeof err));
    assert_int_equal(items->count, 1);
    assert_string_equal(items->items[0].title, "Đối thoại an ninh khu vực");
    assert_string_equal(items->items[0].summary, "Các chuyên gia thảo luận về an ninh hàng hải và hợp tác khu vực.");
    assert_string_equal(items->items[0].source, "trang.html");
    assert_false(article_parse_html("x.html", "<html><body><p>x</p></body></html>", 34, items, err, sizeof err));
    assert_non_null(strstr(err, "no title"));
    item_list_destroy(items);
}

/* JSON-LD that wraps the NewsArticle as a WebPage's mainEntity (and one
 * with a teaser list of other articles, which is not the page's date). */
static void jsonld_date_of_the_main_entity(void **state)
{
    (void)state;
    const char *html =
        "<html><head><title>Hội đàm hợp tác bảo tàng</title><script type=\"application/ld+json\">"
        "{\"@context\":\"https://schema.org\",\"@type\":\"WebPage\",\"hasPart\":{\"@type\":\"NewsArticle\","
        "\"datePublished\":\"2020-01-01T00:00:00Z\"},\"mainEntity\":{\"@type\":\"NewsArticle\","
        "\"headline\":\"Hội đàm\",\"datePublished\":\"2026-03-07T08:52:11+07:00\","
        "\"dateModified\":\"2026-03-07T10:14:40+07:00\"}}</script></head><body><article>"
        "<h1>Hội đàm hợp tác bảo tàng</h1><p>Hai bên nhất trí trao đổi hiện vật và chuyên gia trong năm 2026.</p>"
        "</article></body></html>";
    struct item_list *items = item_list_create();
    char err[256];
    assert_true(article_parse_html("trang.html", html, strlen(html), items, err, sizeof err));
    assert_true(items->count >= 1);
    assert_true(items->items[0].has_published);
    assert_int_equal(items->items[0].published, 1772848331); /* 2026-03-07T01:52:11Z */
    item_list_destroy(items);
}

/* Pages that are not articles, said another way: a 404 whose only heading
 * is an h2 ("Lỗi 404"), a Vietnamese bot check. Refused, named. */
static void error_and_bot_pages_without_the_usual_words(void **state)
{
    (void)state;
    const char *not_found =
        "<html><head><title>Báo Triển Lãm</title><meta property=\"og:type\" content=\"website\">"
        "<meta property=\"og:site_name\" content=\"Báo Triển Lãm\"></head><body><nav><ul><li><a href=\"/\">Trang chủ"
        "</a></li></ul></nav><div class=\"main-content\"><h2>Lỗi 404</h2><p>Nội dung bạn yêu cầu có thể đã bị xóa."
        "</p></div></body></html>";
    const char *bot = "<html><head><title>Xác minh truy cập</title></head><body><div class=\"captcha-box\"><h1>Vui lòng "
                      "xác minh bạn không phải là robot</h1><p>Hệ thống phát hiện lưu lượng bất thường từ mạng của bạn."
                      "</p></div></body></html>";
    struct item_list *items = item_list_create();
    char err[256];
    assert_false(article_parse_html("loi.html", not_found, strlen(not_found), items, err, sizeof err));
    assert_non_null(strstr(err, "not-found page"));
    assert_false(article_parse_html("robot.html", bot, strlen(bot), items, err, sizeof err));
    assert_non_null(strstr(err, "bot-check"));
    assert_int_equal(items->count, 0);
    item_list_destroy(items);
}

/* Datelines written with no space after the dash ("(PLVN) -Chiều") are cut
 * like "(Báo X) - ". */
static void dateline_without_space_after_the_dash(void **state)
{
    (void)state;
    const char *leads[] = {"(PLVN) -Chiều 7/3, bảo tàng khai trương phòng trưng bày mới.",
                           "(VTC News) -Chiều 7/3, bảo tàng khai trương phòng trưng bày mới.",
                           "HẢI PHÒNG -Chiều 7/3, bảo tàng khai trương phòng trưng bày mới.",
                           "(Dân trí) - Chiều 7/3, bảo tàng khai trương phòng trưng bày mới."};
    for (size_t i = 0; i < sizeof leads / sizeof *leads; i++) {
        char html[1024];
        snprintf(html, sizeof html,
                 "<html><head><title>Khai trương phòng trưng bày</title><meta name=\"description\" content=\"%s\">"
                 "</head><body><article><h1>Khai trương phòng trưng bày</h1><p>%s</p></article></body></html>",
                 leads[i], leads[i]);
        struct item_list *items = item_list_create();
        char err[256];
        assert_true(article_parse_html("trang.html", html, strlen(html), items, err, sizeof err));
        assert_string_equal(items->items[0].summary, "Chiều 7/3, bảo tàng khai trương phòng trưng bày mới.");
        item_list_destroy(items);
    }
}

/* A title suffix that names the site by its host, not by og:site_name. */
static void title_suffix_of_the_sites_host(void **state)
{
    (void)state;
    const char *html = "<html><head><title>Bảo tàng trưng bày 300 bản đồ cổ - baotrienlam.example.vn</title>"
                       "<meta property=\"og:title\" content=\"Bảo tàng trưng bày 300 bản đồ cổ - baotrienlam.example.vn\">"
                       "<meta property=\"og:url\" content=\"https://www.baotrienlam.example.vn/van-hoa/ban-do-a1.html\">"
                       "<meta property=\"og:site_name\" content=\"Báo Triển Lãm\"></head><body><article>"
                       "<p>Hơn 300 bản đồ cổ lần đầu được giới thiệu tới công chúng.</p></article></body></html>";
    struct item_list *items = item_list_create();
    char err[256];
    assert_true(article_parse_html("trang.html", html, strlen(html), items, err, sizeof err));
    assert_string_equal(items->items[0].title, "Bảo tàng trưng bày 300 bản đồ cổ");
    item_list_destroy(items);
}

/* A page declared og:type "video.other" (no JSON-LD) is a video page, so the
 * rules give it the video kind; an article with an embedded clip is not. */
static void og_type_video_is_a_video_page(void **state)
{
    (void)state;
    const char *types[] = {"video.other", "video.episode", "article"};
    for (size_t i = 0; i < 3; i++) {
        char html[1024];
        snprintf(html, sizeof html,
                 "<html><head><title>Toàn cảnh ngày khai mạc hội chợ di sản</title><meta property=\"og:type\" "
                 "content=\"%s\"></head><body><article><h1>Toàn cảnh ngày khai mạc hội chợ di sản</h1><video "
                 "src=\"/v.mp4\"></video><p>Hội chợ thu hút hàng nghìn lượt khách trong ngày đầu.</p></article>"
                 "</body></html>",
                 types[i]);
        struct item_list *items = item_list_create();
        char err[256];
        assert_true(article_parse_html("trang.html", html, strlen(html), items, err, sizeof err));
        bool video = false;
        for (size_t c = 0; c < items->items[0].category_count; c++)
            video |= !strcmp(items->items[0].categories[c], "Video");
        assert_int_equal(video, i < 2);
        item_list_destroy(items);
    }
}

/* A JSON-LD VideoObject names a video page without og:type or a section
 * called "Video": on its own, in an @graph, as a WebPage's mainEntity
 * (also by its @id), with its type as a full IRI, or in a script wrapped
 * in "<!-- -->" or "//<![CDATA[". A clip embedded in an article does not
 * make the article a video. */
static void jsonld_video_object_makes_a_video_page(void **state)
{
    (void)state;
    const struct {
        const char *json;
        bool video;
    } cases[] = {
        {"{\"@context\":\"https://schema.org\",\"@type\":\"VideoObject\",\"name\":\"v\"}", true},
        {"{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"Báo\"},"
         "{\"@type\":\"VideoObject\",\"uploadDate\":\"2026-03-05T20:15:00+07:00\"}]}", true},
        {"{\"@type\":\"WebPage\",\"mainEntity\":{\"@type\":\"VideoObject\",\"name\":\"v\"}}", true},
        {"{\"@graph\":[{\"@type\":\"NewsArticle\",\"@id\":\"#a\"},{\"@type\":\"WebPage\",\"mainEntity\":"
         "{\"@id\":\"#v\"}},{\"@type\":\"VideoObject\",\"@id\":\"#v\"}]}", true},
        {"{\"@graph\":[{\"@type\":\"NewsArticle\",\"video\":{\"@type\":\"VideoObject\"}},{\"@type\":\"WebPage\","
         "\"mainEntity\":{\"@type\":\"VideoObject\"}}]}", true},
        {"{\"@context\":\"http://schema.org/\",\"@type\":\"http://schema.org/VideoObject\"}", true},
        {"{\"@type\":[\"schema:VideoObject\"]}", true},
        {"<!--\n{\"@type\":\"VideoObject\",\"name\":\"v\"}\n-->", true},
        {"//<![CDATA[\n{\"@type\":\"VideoObject\",\"name\":\"v\"}\n//]]>", true},
        {"{\"@type\":\"NewsArticle\",\"video\":{\"@type\":\"VideoObject\"}}", false},
        {"[{\"@type\":\"NewsArticle\"},{\"@type\":\"VideoObject\"}]", false},
        {"{\"@graph\":[{\"@type\":\"NewsArticle\",\"@id\":\"#a\",\"video\":{\"@type\":\"VideoObject\"}},"
         "{\"@type\":\"WebPage\",\"mainEntity\":{\"@id\":\"#a\"}}]}", false},
        {"{\"@type\":\"MyVideoObject\"}", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char html[2048];
        snprintf(html, sizeof html,
                 "<html><head><title>Toàn cảnh ngày khai mạc hội chợ di sản</title><script "
                 "type=\"application/ld+json\">%s</script></head><body><article><h1>Toàn cảnh ngày khai mạc hội "
                 "chợ di sản</h1><p>Hội chợ thu hút hàng nghìn lượt khách trong ngày đầu tiên khai mạc.</p>"
                 "</article></body></html>",
                 cases[i].json);
        struct item_list *items = item_list_create();
        char err[256];
        assert_true(article_parse_html("trang.html", html, strlen(html), items, err, sizeof err));
        bool video = false;
        for (size_t c = 0; c < items->items[0].category_count; c++)
            video |= !strcmp(items->items[0].categories[c], "Video");
        if (video != cases[i].video)
            fail_msg("case %zu: %s", i, cases[i].json);
        item_list_destroy(items);
    }
}

/* A section page (og:type website) whose teasers carry their own <time>
 * and are each an <article>: a listing read as its headlines, never one
 * item titled with the section's name. */
static void listing_with_dated_teasers(void **state)
{
    (void)state;
    char html[4096] = "<html><head><title>Văn hóa - Tin tức mới nhất | Báo Triển Lãm</title><meta property=\"og:type\" "
                      "content=\"website\"><meta property=\"og:url\" content=\"https://btl.example.vn/van-hoa/\">"
                      "</head><body><h1>Văn hóa</h1><ul>";
    const char *titles[] = {"Khai mạc triển lãm Ký ức hải đăng", "Trưng bày 120 bức tranh cổ động",
                            "Ra mắt sách ảnh về các cửa biển xưa", "Mở lớp truyền dạy hát ví cho thiếu nhi"};
    for (size_t i = 0; i < 4; i++) {
        char teaser[512];
        snprintf(teaser, sizeof teaser,
                 "<li><article class=\"item\"><time datetime=\"2026-03-07T08:0%zu:00+07:00\">07/03</time><h3><a "
                 "href=\"/van-hoa/bai-%zu.html\">%s</a></h3></article></li>",
                 i, i, titles[i]);
        strcat(html, teaser);
    }
    strcat(html, "</ul></body></html>");
    struct item_list *items = item_list_create();
    char err[256];
    bool ok = article_parse_html("van-hoa.html", html, strlen(html), items, err, sizeof err);
    if (ok) {
        assert_int_equal(items->count, 4);
        for (size_t i = 0; i < 4; i++)
            assert_string_equal(items->items[i].title, titles[i]);
    } else
        assert_non_null(strstr(err, "listing"));
    item_list_destroy(items);
}

/* A page-to-text tool's Markdown: the title underlined with "=====" (a
 * setext heading) after the header; the underline is never the summary. */
static void markdown_underline_is_not_the_lead(void **state)
{
    (void)state;
    const char *text = "Title: Bế mạc Tuần Phim\nURL Source: https://btl.example.vn/van-hoa/be-mac-a1.html\n\n"
                       "Markdown Content:\nBế mạc Tuần Phim\n================\n\n"
                       "Tuần phim khép lại với lễ trao giải cho các tác phẩm xuất sắc nhất năm.\n\n* * *\n";
    struct item_list *items = parse_text(text);
    assert_int_equal(items->count, 1);
    assert_string_equal(items->items[0].title, "Bế mạc Tuần Phim");
    assert_string_equal(items->items[0].link, "https://btl.example.vn/van-hoa/be-mac-a1.html");
    assert_string_equal(items->items[0].summary, "Tuần phim khép lại với lễ trao giải cho các tác phẩm xuất sắc nhất năm.");
    item_list_destroy(items);
}

/* A page's HTML5 named references (which libxml2's HTML 4 parser leaves
 * as text) are decoded in its title and text. */
static void html5_named_references_in_a_page(void **state)
{
    (void)state;
    const char *html = "<!DOCTYPE html><html><head><title>Ngân sách &lbrace;2026&rbrace; - Báo X</title>"
                       "<meta property=\"og:site_name\" content=\"Báo X\"></head><body><article>"
                       "<h1>Ngân sách &lbrace;2026&rbrace; &NotEqualTilde; dự kiến</h1>"
                       "<p>Quốc hội thảo luận &lbrack;ngân sách&rbrack; nhà nước năm 2026 với nhiều nội dung.</p>"
                       "</article></body></html>";
    struct item_list *items = item_list_create();
    char err[256];
    assert_true(article_parse_html("trang.html", html, strlen(html), items, err, sizeof err));
    assert_true(items->count >= 1);
    assert_string_equal(items->items[0].title, "Ngân sách {2026} ≂̸ dự kiến");
    assert_non_null(strstr(items->items[0].summary, "[ngân sách]"));
    assert_null(strchr(items->items[0].summary, '&'));
    item_list_destroy(items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed_000_article_first_then_the_lists),
        cmocka_unit_test(seed_001_is_exactly_one_item),
        cmocka_unit_test(other_layout_same_rules),
        cmocka_unit_test(text_without_a_title_is_an_error),
        cmocka_unit_test(html_article_page),
        cmocka_unit_test(html_without_og_tags_uses_h1_and_lead),
        cmocka_unit_test(html5_named_references_in_a_page),
        cmocka_unit_test(jsonld_date_of_the_main_entity),
        cmocka_unit_test(error_and_bot_pages_without_the_usual_words),
        cmocka_unit_test(dateline_without_space_after_the_dash),
        cmocka_unit_test(title_suffix_of_the_sites_host),
        cmocka_unit_test(og_type_video_is_a_video_page),
        cmocka_unit_test(jsonld_video_object_makes_a_video_page),
        cmocka_unit_test(listing_with_dated_teasers),
        cmocka_unit_test(markdown_underline_is_not_the_lead),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
