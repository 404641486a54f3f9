/* article pages, issue 22: the shapes of real Vietnamese news pages that
 * read wrong before — a title's site-and-section trail, datelines in title
 * case, box headings, section pages of <div> teasers, dates shown only as
 * text. Each test holds several variants of its kind and the near misses
 * that must stay as they are. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/tzone.h"
#include "ingest/article.h"
#include "testutil.h"

/* The page's items; the test fails with the reason when it is refused. */
static struct item_list *parse(const char *html)
{
    struct item_list *items = item_list_create();
    char err[256];
    if (!article_parse_html("trang.html", html, strlen(html), items, err, sizeof err))
        fail_msg("refused: %s", err);
    assert_true(items->count >= 1);
    return items;
}

/* A page with og:title title, og:site_name site (or none) and og:url url. */
static char *page_titled(const char *title, const char *site, const char *url)
{
    static char html[2048];
    char site_meta[256] = "";
    if (site)
        snprintf(site_meta, sizeof site_meta, "<meta property=\"og:site_name\" content=\"%s\">", site);
    snprintf(html, sizeof html,
             "<html><head><title>%s</title><meta property=\"og:title\" content=\"%s\">%s<meta property=\"og:url\" "
             "content=\"%s\"></head><body><article><h1>Tiêu đề</h1><p>Hàng trăm tàu cá rời cảng ra khơi đánh bắt "
             "trong những ngày đầu năm mới.</p></article></body></html>",
             title, title, site_meta, url);
    return html;
}

/* "X | Tin tức | Báo Y", "X - Thời sự - Báo Z": the site (by og:site_name
 * or by the host) and the sections before it are cut; a trail that does
 * not end in the site, and a headline's own proper names, stay. */
static void title_loses_its_site_and_section_trail(void **state)
{
    (void)state;
    const struct {
        const char *title, *site, *url, *want;
    } cases[] = {
        {"Ngư dân bám biển đầu năm | Tin tức | Báo Biển Xanh", "Báo Biển Xanh", "https://bienxanh.example.vn/a.html",
         "Ngư dân bám biển đầu năm"},
        {"Ngư dân bám biển đầu năm - Thời sự - Báo Biển Xanh", "Báo Biển Xanh", "https://bienxanh.example.vn/a.html",
         "Ngư dân bám biển đầu năm"},
        {"Ngư dân bám biển đầu năm - Thời sự - Báo Biển Xanh", NULL, "https://www.bienxanh.example.vn/a.html",
         "Ngư dân bám biển đầu năm"},
        {"Giá vàng tăng mạnh phiên sáng - Kinh doanh - Trong nước - Tuổi Trẻ Online", "Tuổi Trẻ Online",
         "https://tuoitre.example.vn/a.html", "Giá vàng tăng mạnh phiên sáng"},
        {"Giá vàng tăng mạnh phiên sáng | Kinh doanh | Dân trí", "Báo điện tử Dân trí", "https://dantri.com.vn/a.htm",
         "Giá vàng tăng mạnh phiên sáng"},
        {"Toàn cảnh lễ khai mạc - Video - VnExpress", NULL, "https://vnexpress.net/a.html",
         "Toàn cảnh lễ khai mạc"},
        {"Báo Biển Xanh - Ngư dân bám biển đầu năm", "Báo Biển Xanh", "https://bienxanh.example.vn/a.html",
         "Ngư dân bám biển đầu năm"},
        {"Ngư dân bám biển đầu năm – Thời sự – Báo Y - Tin tức 24h", "Báo Y - Tin tức 24h",
         "https://baoy.example.vn/a.html", "Ngư dân bám biển đầu năm"},
        /* parts of the headline */
        {"Đối thoại quốc phòng Việt Nam - Singapore - Báo Biển Xanh", "Báo Biển Xanh",
         "https://bienxanh.example.vn/a.html", "Đối thoại quốc phòng Việt Nam - Singapore"},
        {"Hội đàm Việt Nam - Hàn Quốc | Báo Biển Xanh", "Báo Biển Xanh", "https://bienxanh.example.vn/a.html",
         "Hội đàm Việt Nam - Hàn Quốc"},
        {"Giá vàng hôm nay - Kinh doanh - Thanh Niên", "Báo Biển Xanh", "https://bienxanh.example.vn/a.html",
         "Giá vàng hôm nay - Kinh doanh - Thanh Niên"},
        {"Đối thoại Chính sách quốc phòng Việt Nam - Singapore lần thứ 15", "Báo Biển Xanh",
         "https://bienxanh.example.vn/a.html", "Đối thoại Chính sách quốc phòng Việt Nam - Singapore lần thứ 15"},
        {"Hà Nội - Hải Phòng thông xe cao tốc mới - Báo Hà Nội Mới", "Báo Hà Nội Mới", "https://hanoimoi.example.vn/a",
         "Hà Nội - Hải Phòng thông xe cao tốc mới"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct item_list *items = parse(page_titled(cases[i].title, cases[i].site, cases[i].url));
        if (strcmp(items->items[0].title, cases[i].want))
            fail_msg("case %zu: \"%s\" read as \"%s\"", i, cases[i].title, items->items[0].title);
        item_list_destroy(items);
    }
}

/* An og:title written with whitespace after it (a space, a tab, a line
 * break, a no-break space) is cut like one without, whether the site is
 * named by og:site_name or only by its host. */
static void title_with_trailing_whitespace_loses_its_site_suffix(void **state)
{
    (void)state;
    const char *titles[] = {"Ngư dân bám biển đầu năm - VnExpress ", "Ngư dân bám biển đầu năm - VnExpress\t\n  ",
                            "Ngư dân bám biển đầu năm - VnExpress&nbsp;", "Ngư dân bám biển đầu năm - VnExpress &#160;"};
    for (size_t i = 0; i < sizeof titles / sizeof *titles; i++)
        for (int named = 0; named < 2; named++) {
            struct item_list *items = parse(page_titled(titles[i], named ? "VnExpress " : NULL,
                                                        "https://vnexpress.net/ngu-dan-bam-bien-1.html"));
            if (strcmp(items->items[0].title, "Ngư dân bám biển đầu năm"))
                fail_msg("case %zu (%s): read as \"%s\"", i, named ? "og:site_name" : "host", items->items[0].title);
            item_list_destroy(items);
        }
}

/* A dateline in title case ("Hà Nội – ", "Thừa Thiên Huế - ") is cut like
 * one in capitals; a sentence that opens with names and a dash stays. */
static void title_case_dateline_is_cut(void **state)
{
    (void)state;
    const char *rest = "Sáng 7/3, hàng trăm tàu cá rời cảng ra khơi đánh bắt đầu năm.";
    const char *datelines[] = {"Hà Nội – ", "TP.HCM - ", "(Dân trí) - ", "ĐÀ NẴNG — ", "Thừa Thiên Huế - ",
                               "TP. Hồ Chí Minh – ", "Cần Thơ (TTXVN) - ", "Bà Rịa-Vũng Tàu — ", "Đà Nẵng -"};
    for (size_t i = 0; i < sizeof datelines / sizeof *datelines; i++) {
        char html[1024];
        snprintf(html, sizeof html,
                 "<html><head><title>Tàu cá ra khơi đầu năm</title><meta name=\"description\" content=\"%s%s\">"
                 "</head><body><h1>Tàu cá ra khơi đầu năm</h1></body></html>",
                 datelines[i], rest);
        struct item_list *items = parse(html);
        if (strcmp(items->items[0].summary, rest))
            fail_msg("dateline %zu: \"%s\"", i, items->items[0].summary);
        item_list_destroy(items);
    }
    const char *sentences[] = {"Việt Nam - Lào ký kết kế hoạch hợp tác quốc phòng năm 2026.",
                               "Người dân Hà Nội - những ngày giáp Tết rộn ràng sắc xuân.",
                               "Giá vàng hôm nay - tăng mạnh ngay trong phiên sáng.",
                               "Hà Nội là thủ đô - trung tâm chính trị của cả nước.",
                               "Sáng 7/3 - Hội nghị khai mạc tại Hà Nội với nhiều đại biểu.",
                               "Bộ trưởng Quốc phòng Việt Nam Phan Văn Giang - người đứng đầu đoàn."};
    for (size_t i = 0; i < sizeof sentences / sizeof *sentences; i++) {
        char html[1024];
        snprintf(html, sizeof html,
                 "<html><head><title>Việt Nam - Lào ký kết kế hoạch hợp tác</title><meta name=\"description\" "
                 "content=\"%s\"></head><body><h1>Việt Nam - Lào ký kết kế hoạch hợp tác</h1></body></html>",
                 sentences[i]);
        struct item_list *items = parse(html);
        if (strcmp(items->items[0].summary, sentences[i]))
            fail_msg("sentence %zu cut: \"%s\"", i, items->items[0].summary);
        item_list_destroy(items);
    }
}

/* The items of a fixture page, read as `ticker dump` reads it. */
static struct item_list *load_page(const char *file)
{
    char path[512];
    snprintf(path, sizeof path, FIXTURES_DIR "/pages/%s", file);
    size_t size;
    char *data = testutil_read_file(path, &size);
    assert_non_null(data);
    struct item_list *items = item_list_create();
    char err[256];
    struct ingest_context context = {.name = file};
    if (!article_parse_html_in(&context, data, size, items, err, sizeof err))
        fail_msg("%s refused: %s", file, err);
    free(data);
    return items;
}

static void assert_teaser(const struct item *item, const char *title, const char *link, const char *picture)
{
    assert_string_equal(item->title, title);
    assert_string_equal(item->link, link);
    if (picture) {
        assert_int_equal(item->picture_count, 1);
        assert_string_equal(item->pictures[0].url, picture);
    } else
        assert_int_equal(item->picture_count, 0);
}

/* A section page of linked <div> teasers and no og:type (thumbnail links
 * with lazy-loaded pictures, titles in their own links, a link wrapping
 * picture and title): one item per teaser, never one named "Kinh tế biển";
 * a topic box's links are no teasers, a <div class="site-footer">'s
 * copyright line no lead of the page. */
static void section_of_div_teasers_is_a_listing(void **state)
{
    (void)state;
    struct item_list *items = load_page("section-div-teasers.html");
    const char *site = "https://bienxanh.example.vn/kinh-te-bien/";
    char link[256];
    assert_int_equal(items->count, 4);
    snprintf(link, sizeof link, "%scang-ca-ngay-dau-nam-a101.html", site);
    assert_teaser(&items->items[0], "Cảng cá tấp nập ngày đầu năm mới", link,
                  "https://cdn.bienxanh.example.vn/2026/12/cang-ca.jpg");
    assert_string_equal(items->items[0].summary,
                        "Hàng trăm tàu cá cập cảng với những khoang đầy cá ngừ, cá thu sau chuyến biển đầu năm.");
    snprintf(link, sizeof link, "%stau-ca-vo-thep-a102.html", site);
    assert_teaser(&items->items[1], "Ngư dân đóng mới tàu cá vỏ thép vươn khơi xa", link,
                  "https://cdn.bienxanh.example.vn/2026/12/tau-vo-thep.jpg");
    snprintf(link, sizeof link, "%sxuat-khau-thuy-san-a103.html", site);
    assert_teaser(&items->items[2], "Xuất khẩu thủy sản cán mốc 10 tỉ USD", link, NULL);
    snprintf(link, sizeof link, "%sdu-lich-dao-a104.html", site);
    assert_teaser(&items->items[3], "Du lịch biển đảo hút khách dịp cuối năm", link,
                  "https://cdn.bienxanh.example.vn/2026/12/dao.jpg");
    for (size_t i = 0; i < items->count; i++)
        assert_string_equal(items->items[i].source, "Báo Biển Xanh");
    item_list_destroy(items);
}

/* An undated page declared og:type "article" whose only paragraphs are its
 * teasers' leads: a listing of them, not one item titled "Thể thao"; the
 * box heading "Xem thêm" is no teaser. */
static void undated_article_page_of_teasers_is_a_listing(void **state)
{
    (void)state;
    struct item_list *items = load_page("article-type-listing.html");
    assert_int_equal(items->count, 3);
    assert_teaser(&items->items[0], "Đội tuyển bóng đá nữ giành vé dự giải châu Á",
                  "https://bienxanh.example.vn/the-thao/doi-tuyen-nu-a201.html",
                  "https://cdn.bienxanh.example.vn/2026/12/nu.jpg");
    assert_string_equal(items->items[0].summary,
                        "Chiến thắng 3-0 trong trận cuối vòng loại giúp đội tuyển nữ giành vé sớm một lượt trận.");
    assert_teaser(&items->items[1], "Năm nghìn vận động viên dự giải chạy ven biển",
                  "https://bienxanh.example.vn/the-thao/giai-chay-ven-bien-a202.html", NULL);
    assert_teaser(&items->items[2], "Bóng chuyền bãi biển khởi tranh mùa giải mới",
                  "https://bienxanh.example.vn/the-thao/bong-chuyen-bai-bien-a203.html", NULL);
    item_list_destroy(items);
}

/* An article (dated, with its own lead) keeps being one article with its
 * related headlines, however many teasers and linked blocks it holds. */
static void an_article_with_teaser_blocks_stays_an_article(void **state)
{
    (void)state;
    const char *html =
        "<html><head><meta property=\"og:type\" content=\"article\"><meta property=\"og:title\" content=\"Cảng cá "
        "tấp nập ngày đầu năm mới\"></head><body><article><h1>Cảng cá tấp nập ngày đầu năm mới</h1><p>Hàng trăm "
        "tàu cá cập cảng với những khoang đầy cá ngừ, cá thu sau chuyến biển đầu năm.</p><div class=\"more\">"
        "<div><a href=\"/a1.html\">Ngư dân đóng mới tàu cá vỏ thép vươn khơi xa</a></div><div><a href=\"/a2.html\">"
        "Xuất khẩu thủy sản cán mốc 10 tỉ USD</a></div><div><a href=\"/a3.html\">Du lịch biển đảo hút khách dịp "
        "cuối năm</a></div></div></article></body></html>";
    struct item_list *items = parse(html);
    assert_int_equal(items->count, 1);
    assert_string_equal(items->items[0].title, "Cảng cá tấp nập ngày đầu năm mới");
    item_list_destroy(items);
}

/* The heading of a box ("Tin liên quan", "Xem thêm", linked or not, with
 * "»" or ":"), the "Xem thêm" link at its end and a topic box ("Chủ đề")
 * in an aside or a section: none is a headline. */
static void box_headings_are_no_headlines(void **state)
{
    (void)state;
    const char *boxes[] = {
        "<section class=\"box\"><h2><a href=\"/xem-them.html\">Xem thêm</a></h2><ul><li><a href=\"/a.html\">Tàu cá "
        "mới đóng xuất bến đầu tiên</a></li><li><a href=\"/b.html\">Cảng cá tấp nập ngày đầu năm mới</a></li></ul>"
        "</section>",
        "<div class=\"related-news\"><h3><a href=\"/tin-lien-quan\">Tin liên quan »</a></h3><a href=\"/a.html\">Tàu "
        "cá mới đóng xuất bến đầu tiên</a><a href=\"/b.html\">Cảng cá tấp nập ngày đầu năm mới</a><a "
        "href=\"/tin-lien-quan/trang-2\">Xem thêm ›</a></div>",
        "<aside><h2>Chủ đề</h2><ul><li><a href=\"/a.html\">Tàu cá mới đóng xuất bến đầu tiên</a></li><li><a "
        "href=\"/b.html\">Cảng cá tấp nập ngày đầu năm mới</a></li></ul></aside>",
        "<section><h2><a href=\"/chu-de\">Chủ đề</a></h2><ul><li><a href=\"/chu-de/tau-ca\">Tàu cá vỏ thép</a></li>"
        "<li><a href=\"/chu-de/cang\">Cảng cá miền Trung</a></li></ul></section>",
        "<section class=\"box-doc-them\"><h2>Đọc thêm:</h2><ul><li><a href=\"/a.html\">Tàu cá mới đóng xuất bến đầu "
        "tiên</a></li><li><a href=\"/b.html\">Cảng cá tấp nập ngày đầu năm mới</a></li></ul></section>",
    };
    const char *never[] = {"Xem thêm", "Tin liên quan »", "Chủ đề", "Xem thêm ›", "Tàu cá vỏ thép",
                           "Cảng cá miền Trung", "Đọc thêm:"};
    for (size_t i = 0; i < sizeof boxes / sizeof *boxes; i++) {
        char html[4096];
        snprintf(html, sizeof html,
                 "<html><head><meta property=\"og:type\" content=\"article\"><meta property=\"article:published_time\" "
                 "content=\"2026-03-07T08:00:00+07:00\"><meta property=\"og:url\" content=\"https://bx.example.vn/"
                 "x.html\"></head><body><article><h1>Ngư dân bám biển đầu năm</h1><p>Hàng trăm tàu cá rời cảng ra "
                 "khơi đánh bắt trong những ngày đầu năm mới.</p></article>%s</body></html>",
                 boxes[i]);
        struct item_list *items = parse(html);
        for (size_t n = 0; n < sizeof never / sizeof *never; n++)
            for (size_t k = 0; k < items->count; k++)
                if (!strcmp(items->items[k].title, never[n]))
                    fail_msg("box %zu: \"%s\" read as a headline", i, never[n]);
        item_list_destroy(items);
    }
}

/* A date only shown in the byline ("Thứ hai, 24/9/2018, 10:00 (GMT+7)" in
 * a span.date, "24/09/2018 - 10:00" in a <time> without datetime, "Cập
 * nhật: ..." after a label, an author before it) dates the page when meta
 * and JSON-LD say nothing; the top bar's date of today, above the
 * headline, never does. */
static void date_shown_only_as_text(void **state)
{
    (void)state;
    const struct {
        const char *byline, *want;
    } cases[] = {
        {"<span class=\"date\">Thứ hai, 24/9/2018, 10:00 (GMT+7)</span>", "2018-09-24T03:00:00Z"},
        {"<time>24/09/2018 - 10:00</time>", "2018-09-24T03:00:00Z"},
        {"<div class=\"detail-time\">Cập nhật: 24/09/2018 10:00 GMT+7</div>", "2018-09-24T03:00:00Z"},
        {"<p class=\"author-time\"><b>Minh Anh</b> | 24/9/2018 10:00</p>", "2018-09-24T03:00:00Z"},
        {"<div class=\"meta\"><span>Thứ Hai, 24/09/2018 - 10:00</span></div>", "2018-09-24T03:00:00Z"},
        {"<div class=\"byline\">Bởi Minh Anh</div>", NULL},
        {"<span class=\"date\">5 phút trước</span>", NULL},
    };
    char err[128];
    struct tzone *hcm = tzone_create("Asia/Ho_Chi_Minh", NULL, err, sizeof err);
    assert_non_null(hcm);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char html[2048];
        snprintf(html, sizeof html,
                 "<html><head><title>Ngư dân bám biển đầu năm</title></head><body><header><span class=\"today\">Thứ "
                 "hai, 07/12/2026</span></header><article><h1>Ngư dân bám biển đầu năm</h1>%s<p>Hàng trăm tàu cá "
                 "rời cảng ra khơi đánh bắt trong những ngày đầu năm mới.</p></article></body></html>",
                 cases[i].byline);
        struct item_list *items = item_list_create();
        struct ingest_context context = {.name = "trang.html", .zone = hcm};
        assert_true(article_parse_html_in(&context, html, strlen(html), items, err, sizeof err));
        char when[32] = "";
        if (items->items[0].has_published)
            item_format_published(&items->items[0], when);
        if (cases[i].want ? strcmp(when, cases[i].want) : items->items[0].has_published)
            fail_msg("case %zu: published \"%s\"", i, when);
        item_list_destroy(items);
    }
    tzone_destroy(hcm);
}

/* A page with no h1 (its headline an <h2 class="title">, a <div
 * class="title-detail">, or only its og:title) reads the date its byline
 * or the start of its story shows, the one nearest the headline: not the
 * top bar's date of another day, not a sidebar teaser's, not the
 * footer's. */
static void date_shown_on_a_page_without_h1(void **state)
{
    (void)state;
    const char *lead = "<p>Hàng trăm tàu cá rời cảng ra khơi đánh bắt trong những ngày đầu năm mới.</p>";
    const char *sidebar =
        "<div class=\"col-left\"><div class=\"box-news\"><h3>Tin mới</h3><ul><li><a href=\"/cang-ca-a1.html\">Cảng "
        "cá tấp nập ngày đầu năm mới</a><span class=\"time\">06/12/2026 07:00</span></li><li><a href=\"/tau-a2.html"
        "\">Ngư dân đóng mới tàu cá vỏ thép</a><span class=\"time\">05/12/2026 09:15</span></li></ul></div></div>";
    const struct {
        const char *head, *tail, *want; /* the story: head, its lead paragraph, tail */
    } cases[] = {
        {"<div class=\"header-content\"><span class=\"date\">Thứ hai, 7/12/2026, 08:30 (GMT+7)</span></div><h2 "
         "class=\"title-detail\">Ngư dân bám biển đầu năm</h2>", "",
         "2026-12-07T01:30:00Z"},
        {"<article><header><h2 class=\"title\">Ngư dân bám biển đầu năm</h2><span class=\"time\">07/12/2026 "
         "08:30</span></header>", "</article>",
         "2026-12-07T01:30:00Z"},
        {"<div class=\"detail-content\"><p><em>Cập nhật: 08:30 07-12-2026</em></p>", "</div>",
         "2026-12-07T01:30:00Z"},
        {"<div class=\"article\"><div class=\"title-detail\">Ngư dân bám biển đầu năm</div><div class=\"author-"
         "info\"><b>Minh Anh</b> 07/12/2026 08:30</div>", "</div>",
         "2026-12-07T01:30:00Z"},
        {"<div class=\"main\"><h2 class=\"title\">Ngư dân bám biển đầu năm</h2><p><strong>07/12/2026 "
         "08:30</strong></p>", "</div>",
         "2026-12-07T01:30:00Z"},
        {"<div class=\"main\"><h3>Ngư dân bám biển đầu năm</h3><time>Thứ Hai, 07/12/2026 - 08:30</time>", "</div>",
         "2026-12-07T01:30:00Z"},
        {"<div class=\"detail\"><header class=\"detail-header\"><div class=\"detail-time\">07/12/2026 08:30 "
         "GMT+7</div><h2 class=\"detail-title\">Ngư dân bám biển đầu năm</h2></header>", "</div>",
         "2026-12-07T01:30:00Z"},
        /* nothing shown in the story: the sidebar's and the footer's dates are theirs */
        {"<div class=\"main\"><h2 class=\"title\">Ngư dân bám biển đầu năm</h2>", "</div>", NULL},
    };
    char err[128];
    struct tzone *hcm = tzone_create("Asia/Ho_Chi_Minh", NULL, err, sizeof err);
    assert_non_null(hcm);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        for (int top_bar = 0; top_bar < 2; top_bar++) {
            char html[4096];
            snprintf(html, sizeof html,
                     "<html><head><title>Ngư dân bám biển đầu năm - Báo Biển Xanh</title><meta property=\"og:title\" "
                     "content=\"Ngư dân bám biển đầu năm\"></head><body><header><span class=\"today\">Thứ hai, "
                     "07/12/2026</span></header>%s%s%s%s%s<footer><span class=\"date\">01/01/2020</span></footer>"
                     "</body></html>",
                     top_bar ? "<div class=\"top-bar\"><span class=\"date\">Thứ bảy, 05/12/2026</span></div>" : "",
                     sidebar, cases[i].head, lead, cases[i].tail);
            struct item_list *items = item_list_create();
            struct ingest_context context = {.name = "trang.html", .zone = hcm};
            assert_true(article_parse_html_in(&context, html, strlen(html), items, err, sizeof err));
            assert_string_equal(items->items[0].title, "Ngư dân bám biển đầu năm");
            char when[32] = "";
            if (items->items[0].has_published)
                item_format_published(&items->items[0], when);
            bool want_top_bar = !cases[i].want && top_bar; /* no byline: the page's only date left */
            if (want_top_bar ? strcmp(when, "2026-12-04T17:00:00Z")
                             : cases[i].want ? strcmp(when, cases[i].want) : items->items[0].has_published)
                fail_msg("case %zu%s: published \"%s\"", i, top_bar ? " (top bar)" : "", when);
            item_list_destroy(items);
        }
    }
    tzone_destroy(hcm);
}

/* A section page whose lead story (a big picture, its heading, its
 * summary) comes before the first list of teasers: the lead is the
 * listing's first item, with its summary and picture, never dropped nor
 * the page's one item named "Thời sự" — whether the lead is an <article>
 * with its heading in a wrapper or its <header>, a <figure> with the
 * heading in its caption, a card link around picture and heading, a
 * heading only its picture links, a <p class="title">, or dated by its own
 * <time datetime>. */
static void lead_story_is_one_more_teaser(void **state)
{
    (void)state;
    struct item_list *items = load_page("section-lead-story.html");
    const char *site = "https://bienxanh.example.vn/thoi-su/";
    char link[256];
    assert_int_equal(items->count, 4);
    snprintf(link, sizeof link, "%scang-ca-ngay-dau-nam-post7001.html", site);
    assert_teaser(&items->items[0], "Cảng cá tấp nập ngày đầu năm mới", link,
                  "https://cdn.bienxanh.example.vn/2026/12/07/cang-ca-lon.jpg");
    assert_string_equal(items->items[0].summary, "Hàng trăm tàu cá cập cảng với những khoang đầy cá ngừ, cá thu "
                                                 "sau chuyến biển đầu năm, giá cá tăng so với cùng kỳ.");
    snprintf(link, sizeof link, "%stau-ca-vo-thep-post7002.html", site);
    assert_teaser(&items->items[1], "Ngư dân đóng mới tàu cá vỏ thép vươn khơi xa", link,
                  "https://cdn.bienxanh.example.vn/2026/12/07/tau-vo-thep.jpg");
    assert_string_equal(items->items[1].summary,
                        "Những con tàu vỏ thép công suất lớn giúp ngư dân bám biển dài ngày hơn.");
    snprintf(link, sizeof link, "%sxuat-khau-thuy-san-post7003.html", site);
    assert_teaser(&items->items[2], "Xuất khẩu thủy sản cán mốc 10 tỉ USD", link, NULL);
    snprintf(link, sizeof link, "%sdu-lich-bien-dao-post7004.html", site);
    assert_teaser(&items->items[3], "Du lịch biển đảo hút khách dịp cuối năm", link, NULL);
    /* each dated by its own <time datetime>, the undated ones not by the lead's */
    const char *dates[] = {"2026-12-07T01:10:00Z", "", "2026-12-06T10:45:00Z", ""};
    for (size_t i = 0; i < 4; i++) {
        char when[32] = "";
        if (items->items[i].has_published)
            item_format_published(&items->items[i], when);
        if (strcmp(when, dates[i]))
            fail_msg("teaser %zu published \"%s\"", i, when);
    }
    item_list_destroy(items);

    const char *title = "Cảng cá tấp nập ngày đầu năm mới";
    const char *summary = "Hàng trăm tàu cá cập cảng với những khoang đầy cá ngừ, cá thu sau chuyến biển đầu năm.";
    const char *leads[] = {
        "<article class=\"story story--lead\"><div class=\"story__thumb\"><a href=\"/thoi-su/a1.html\"><img "
        "src=\"/big.jpg\"></a></div><div class=\"story__body\"><h2 class=\"story__heading\"><a href=\"/thoi-su/a1."
        "html\">%s</a></h2><div class=\"story__summary\">%s</div></div></article>",
        "<div class=\"lead\"><div class=\"thumb\"><a href=\"/thoi-su/a1.html\"><img src=\"/big.jpg\"></a></div><div "
        "class=\"info\"><h2><a href=\"/thoi-su/a1.html\">%s</a></h2></div><p class=\"sapo\">%s</p></div>",
        "<div class=\"lead\"><a href=\"/thoi-su/a1.html\"><img src=\"/big.jpg\"></a><h2><a href=\"/thoi-su/a1.html\">"
        "%s</a></h2><time datetime=\"2026-12-07T09:00:00+07:00\">07/12/2026 09:00</time><p>%s</p></div>",
        "<figure class=\"lead\"><a href=\"/thoi-su/a1.html\"><img src=\"/big.jpg\"></a><figcaption><h2><a href=\""
        "/thoi-su/a1.html\">%s</a></h2><p>%s</p></figcaption></figure>",
        "<div class=\"lead\"><a href=\"/thoi-su/a1.html\"><img src=\"/big.jpg\"></a><p class=\"title\"><a href=\""
        "/thoi-su/a1.html\">%s</a></p><p>%s</p></div>",
        "<a class=\"lead\" href=\"/thoi-su/a1.html\"><img src=\"/big.jpg\"><h2>%s</h2><p>%s</p></a>",
        "<article class=\"lead\"><header><h2><a href=\"/thoi-su/a1.html\">%s</a></h2></header><a href=\"/thoi-su/"
        "a1.html\"><img src=\"/big.jpg\"></a><p>%s</p></article>",
        "<div class=\"top-story\"><a href=\"/thoi-su/a1.html\"><img src=\"/big.jpg\"></a><h2 class=\"title\">%s</h2>"
        "<p class=\"sapo\">%s</p></div>",
        /* the picture's link absolute, the heading's relative */
        "<div class=\"lead\"><a href=\"https://bienxanh.example.vn/thoi-su/a1.html\"><img src=\"/big.jpg\"></a><div>"
        "<h2><a href=\"/thoi-su/a1.html\">%s</a></h2></div><p class=\"sapo\">%s</p></div>",
        /* the summary after the lead's block, which holds its picture and heading */
        "<div class=\"lead\"><div class=\"thumb\"><a href=\"/thoi-su/a1.html\"><img src=\"/big.jpg\"></a></div><div "
        "class=\"info\"><h2><a href=\"/thoi-su/a1.html\">%s</a></h2></div></div><p class=\"lead-sapo\">%s</p>",
    };
    const char *list =
        "<ul class=\"list-news\"><li><h3><a href=\"/thoi-su/a2.html\">Ngư dân đóng mới tàu cá vỏ thép vươn khơi</a>"
        "</h3><time datetime=\"2026-12-07T08:00:00+07:00\">07/12/2026 08:00</time></li><li><h3><a href=\"/thoi-su/"
        "a3.html\">Xuất khẩu thủy sản cán mốc 10 tỉ USD</a></h3></li><li><h3><a href=\"/thoi-su/a4.html\">Du lịch "
        "biển đảo hút khách dịp cuối năm</a></h3></li></ul>";
    const char *types[] = {"", "<meta property=\"og:type\" content=\"website\">",
                           "<meta property=\"og:type\" content=\"article\">"};
    for (size_t i = 0; i < sizeof leads / sizeof *leads; i++)
        for (size_t t = 0; t < sizeof types / sizeof *types; t++) {
            char lead[1024], html[4096];
            const char *at = strstr(leads[i], "%s"), *second = at ? strstr(at + 2, "%s") : NULL;
            assert_non_null(second);
            snprintf(lead, sizeof lead, "%.*s%s%.*s%s%s", (int)(at - leads[i]), leads[i], title,
                     (int)(second - at - 2), at + 2, summary, second + 2);
            snprintf(html, sizeof html,
                     "<html><head><meta charset=\"utf-8\"><title>Thời sự - Báo Biển Xanh</title><meta property=\""
                     "og:title\" content=\"Thời sự - Báo Biển Xanh\"><meta property=\"og:url\" content=\"https://"
                     "bienxanh.example.vn/thoi-su/\">%s</head><body><header><nav><a href=\"/\">Trang chủ</a></nav>"
                     "</header><h1 class=\"cate\">Thời sự</h1>%s%s</body></html>",
                     types[t], lead, list);
            struct item_list *got = parse(html);
            if (got->count != 4 || strcmp(got->items[0].title, title))
                fail_msg("lead %zu (og:type %zu): %zu items, the first \"%s\"", i, t, got->count,
                         got->items[0].title);
            assert_string_equal(got->items[0].link, "https://bienxanh.example.vn/thoi-su/a1.html");
            if (strcmp(got->items[0].summary, summary))
                fail_msg("lead %zu (og:type %zu): summary \"%s\"", i, t, got->items[0].summary);
            if (got->items[0].picture_count != 1 ||
                strcmp(got->items[0].pictures[0].url, "https://bienxanh.example.vn/big.jpg"))
                fail_msg("lead %zu (og:type %zu): no picture", i, t);
            assert_string_equal(got->items[1].title, "Ngư dân đóng mới tàu cá vỏ thép vươn khơi");
            item_list_destroy(got);
        }
    /* the lead's heading an h1 of its own, below the section's */
    char html[4096];
    snprintf(html, sizeof html,
             "<html><head><meta charset=\"utf-8\"><meta property=\"og:title\" content=\"Thời sự\"><meta property="
             "\"og:url\" content=\"https://bienxanh.example.vn/thoi-su/\"></head><body><h1>Thời sự</h1><div class=\""
             "lead\"><h1><a href=\"/thoi-su/a1.html\">%s</a></h1><a href=\"/thoi-su/a1.html\"><img src=\"/big.jpg\">"
             "</a><p>%s</p></div>%s</body></html>",
             title, summary, list);
    struct item_list *got = parse(html);
    assert_int_equal(got->count, 4);
    assert_string_equal(got->items[0].title, title);
    assert_string_equal(got->items[0].summary, summary);
    item_list_destroy(got);
}

/* A teaser block whose link holds the headline and whose summary is a
 * sibling of the link, named a summary in the site's language (G1's
 * "feed-post-resumo", "resumen", "chapo"): the teaser's summary, even a
 * short sentence; an unnamed short line or a date beside it is none. */
static void teaser_summary_beside_its_link(void **state)
{
    (void)state;
    const struct {
        const char *block, *want;
    } cases[] = {
        {"<div class=\"feed-post\"><a href=\"/economia/noticia/ouro.ghtml\"><div class=\"feed-post-title\">Preço do "
         "ouro bate recorde nesta segunda</div></a><div class=\"feed-post-resumo\">Metal sobe 3% no mercado "
         "internacional.</div><span class=\"feed-post-datetime\">Há 2 horas</span></div>",
         "Metal sobe 3% no mercado internacional."},
        {"<div class=\"feed-post\"><a href=\"/economia/noticia/ouro.ghtml\"><div class=\"feed-post-title\">Preço do "
         "ouro bate recorde nesta segunda</div></a><div class=\"feed-post-resumo\">Moeda americana recua.</div></div>",
         "Moeda americana recua."},
        {"<div class=\"noticia\"><a href=\"/economia/noticia/ouro.ghtml\"><span class=\"titular\">Preço do ouro bate "
         "recorde nesta segunda</span></a><p class=\"resumen\">El metal sube.</p></div>",
         "El metal sube."},
        {"<div class=\"article-item\"><a href=\"/economia/noticia/ouro.ghtml\"><div>Preço do ouro bate recorde nesta "
         "segunda</div></a><div class=\"chapo\">Le métal grimpe.</div></div>",
         "Le métal grimpe."},
        /* near misses: short and unnamed, a date named nothing */
        {"<div class=\"feed-post\"><a href=\"/economia/noticia/ouro.ghtml\"><div class=\"feed-post-title\">Preço do "
         "ouro bate recorde nesta segunda</div></a><div class=\"feed-post-body\">Moeda americana recua.</div></div>",
         ""},
        {"<div class=\"feed-post\"><a href=\"/economia/noticia/ouro.ghtml\"><div class=\"feed-post-title\">Preço do "
         "ouro bate recorde nesta segunda</div></a><div class=\"feed-post-resumo\">Há 2 horas</div></div>",
         ""},
    };
    const char *others = "<div class=\"feed-post\"><a href=\"/economia/noticia/dolar.ghtml\"><div>Dólar cai para R$ "
                         "5,10 após dados</div></a></div><div class=\"feed-post\"><a href=\"/economia/noticia/bolsa."
                         "ghtml\"><div>Bolsa fecha em alta com bancos</div></a></div>";
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char html[4096];
        snprintf(html, sizeof html,
                 "<html><head><meta charset=\"utf-8\"><title>Economia | G1</title><meta property=\"og:site_name\" "
                 "content=\"G1\"><meta property=\"og:url\" content=\"https://g1.globo.com/economia/\"></head><body>"
                 "<main>%s%s</main></body></html>",
                 cases[i].block, others);
        struct item_list *got = parse(html);
        if (got->count != 3 || strcmp(got->items[0].title, "Preço do ouro bate recorde nesta segunda"))
            fail_msg("case %zu: %zu items, the first \"%s\"", i, got->count, got->items[0].title);
        if (strcmp(got->items[0].summary, cases[i].want))
            fail_msg("case %zu: summary \"%s\"", i, got->items[0].summary);
        assert_string_equal(got->items[1].summary, "");
        item_list_destroy(got);
    }
}

/* A byline before the story, marked (class or itemprop byline, author,
 * date, meta) or only a name, places and a date between '|' or '-': never
 * the summary, which is the first real paragraph; its date is still the
 * page's. A dateline opening a sentence stays the summary. */
static void byline_is_no_summary(void **state)
{
    (void)state;
    const char *story = "El precio del oro alcanzó este lunes un nuevo máximo histórico en los mercados "
                        "internacionales, impulsado por la demanda.";
    const struct {
        const char *byline;
        bool is_byline;
    } cases[] = {
        {"<p class=\"byline\">Por Ana Pérez | Madrid | lunes, 7 de diciembre de 2026, 08:30</p>", true},
        {"<p>Por Ana Pérez | Madrid | lunes, 7 de diciembre de 2026, 08:30</p>", true},
        {"<p>Ana Pérez - Madrid - 7 de diciembre de 2026 - 08:30 CET</p>", true},
        {"<p>By John Smith | London | December 7, 2026 8:30 AM</p>", true},
        {"<p class=\"article-author\">Texto de la Redacción de Economía, con información de agencias</p>", true},
        {"<p itemprop=\"author\">Redacción de Economía de la agencia EFE y corresponsales en Madrid</p>", true},
        {"<p class=\"entry-meta\">Publicado el lunes, 7 de diciembre de 2026, 08:30 por Ana Pérez</p>", true},
        /* a sentence: the summary */
        {"<p>Madrid - El precio del oro subió el lunes 7 de diciembre de 2026 a su nivel más alto.</p>", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char html[4096];
        snprintf(html, sizeof html,
                 "<html><head><meta charset=\"utf-8\"><title>El oro sube</title></head><body><article><h1>El oro "
                 "sube a máximos históricos</h1>%s<p>%s</p></article></body></html>",
                 cases[i].byline, story);
        struct item_list *got = parse(html);
        assert_int_equal(got->count, 1);
        if (cases[i].is_byline && strcmp(got->items[0].summary, story))
            fail_msg("case %zu: summary \"%s\"", i, got->items[0].summary);
        if (!cases[i].is_byline && !strncmp(got->items[0].summary, story, 20))
            fail_msg("case %zu: the sentence lost", i);
        item_list_destroy(got);
    }
    /* the byline's date is the page's */
    struct item_list *got = parse("<html><head><meta charset=\"utf-8\"><title>El oro sube</title></head><body>"
                                  "<article><h1>El oro sube a máximos históricos</h1><p class=\"byline\">Por Ana "
                                  "Pérez | Madrid | lunes, 7 de diciembre de 2026, 08:30</p><p>El precio del oro "
                                  "alcanzó este lunes un nuevo máximo histórico en los mercados.</p></article>"
                                  "</body></html>");
    char when[32] = "";
    assert_true(got->items[0].has_published);
    item_format_published(&got->items[0], when);
    assert_string_equal(when, "2026-12-07T08:30:00Z");
    item_list_destroy(got);
}

/* A teaser's picture is its srcset's largest, as a story's is (its
 * <picture>'s <source>, its own srcset or a lazy loader's data-srcset),
 * else its lazy loader's data-src, else its src. */
static void teaser_picture_reads_srcset(void **state)
{
    (void)state;
    const struct {
        const char *img, *want;
    } cases[] = {
        {"<img src=\"/a-160.jpg\" srcset=\"/a-320.jpg 320w, /a-1280.jpg 1280w, /a-640.jpg 640w\">", "/a-1280.jpg"},
        {"<picture><source type=\"image/webp\" srcset=\"/a.webp 1x, /a@2x.webp 2x\"><img src=\"/a.jpg\"></picture>",
         "/a@2x.webp"},
        {"<img src=\"data:image/gif;base64,R0lGOD\" data-srcset=\"/a-640.jpg 640w, /a-1024.jpg 1024w\">",
         "/a-1024.jpg"},
        {"<img src=\"/blank.gif\" data-src=\"/a-lazy.jpg\">", "/a-lazy.jpg"},
        {"<img src=\"/a-plain.jpg\">", "/a-plain.jpg"},
    };
    const char *list = "<li><h3><a href=\"/thoi-su/a2.html\">Ngư dân đóng mới tàu cá vỏ thép vươn khơi</a></h3></li>"
                       "<li><h3><a href=\"/thoi-su/a3.html\">Xuất khẩu thủy sản cán mốc 10 tỉ USD</a></h3></li>";
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char html[4096], want[256];
        snprintf(html, sizeof html,
                 "<html><head><meta charset=\"utf-8\"><title>Thời sự - Báo Biển Xanh</title><meta property=\""
                 "og:url\" content=\"https://bienxanh.example.vn/thoi-su/\"></head><body><h1>Thời sự</h1><ul>"
                 "<li><a href=\"/thoi-su/a1.html\">%s</a><h3><a href=\"/thoi-su/a1.html\">Cảng cá tấp nập ngày đầu "
                 "năm mới</a></h3></li>%s</ul></body></html>",
                 cases[i].img, list);
        struct item_list *got = parse(html);
        if (got->count != 3 || strcmp(got->items[0].title, "Cảng cá tấp nập ngày đầu năm mới"))
            fail_msg("case %zu: %zu items, the first \"%s\"", i, got->count, got->items[0].title);
        snprintf(want, sizeof want, "https://bienxanh.example.vn%s", cases[i].want);
        if (got->items[0].picture_count != 1 || strcmp(got->items[0].pictures[0].url, want))
            fail_msg("case %zu: picture \"%s\"", i, got->items[0].picture_count ? got->items[0].pictures[0].url : "");
        assert_int_equal(got->items[1].picture_count, 0);
        item_list_destroy(got);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(title_loses_its_site_and_section_trail),
        cmocka_unit_test(title_with_trailing_whitespace_loses_its_site_suffix),
        cmocka_unit_test(title_case_dateline_is_cut),
        cmocka_unit_test(section_of_div_teasers_is_a_listing),
        cmocka_unit_test(undated_article_page_of_teasers_is_a_listing),
        cmocka_unit_test(an_article_with_teaser_blocks_stays_an_article),
        cmocka_unit_test(box_headings_are_no_headlines),
        cmocka_unit_test(date_shown_only_as_text),
        cmocka_unit_test(date_shown_on_a_page_without_h1),
        cmocka_unit_test(lead_story_is_one_more_teaser),
        cmocka_unit_test(teaser_summary_beside_its_link),
        cmocka_unit_test(byline_is_no_summary),
        cmocka_unit_test(teaser_picture_reads_srcset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
