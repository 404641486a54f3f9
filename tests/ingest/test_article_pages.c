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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(title_loses_its_site_and_section_trail),
        cmocka_unit_test(title_with_trailing_whitespace_loses_its_site_suffix),
        cmocka_unit_test(title_case_dateline_is_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
