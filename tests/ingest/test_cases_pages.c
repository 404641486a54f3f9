/* The handed page cases (tests/fixtures/cases/ingest-pages, from
 * ../shared/cases): real shapes of Vietnamese news pages and feeds, each
 * right value of its EXPECTED.md asserted. */
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

#define CASES FIXTURES_DIR "/cases/ingest-pages/"
#define SITE "https://baotrienlam.example.vn/"

static struct tzone *hcm;

/* The items of a case, read as `ticker dump` reads a file (no zone of its
 * own: the kiosk's, +07:00 here); NULL with reason when refused. */
static struct item_list *parse_case(const char *file, char *reason, size_t reason_size)
{
    char path[512];
    snprintf(path, sizeof path, CASES "%s", file);
    size_t size;
    char *data = testutil_read_file(path, &size);
    assert_non_null(data);
    struct config *config = config_create();
    struct item_list *items = item_list_create();
    struct ingest_context context = {.name = file, .zone = hcm};
    struct source_info info = {0};
    char local[512];
    if (!reason) {
        reason = local;
        reason_size = sizeof local;
    }
    bool ok = source_parse_in(&context, data, size, &config->rules, items, &info, reason, reason_size);
    config_destroy(config);
    free(data);
    if (!ok) {
        item_list_destroy(items);
        return NULL;
    }
    return items;
}

static struct item_list *must_parse(const char *file)
{
    char reason[512];
    struct item_list *items = parse_case(file, reason, sizeof reason);
    if (!items)
        fail_msg("%s: %s", file, reason);
    return items;
}

static void assert_published(const struct item *item, const char *want)
{
    char when[32];
    item_format_published(item, when);
    assert_string_equal(when, want);
}

static void assert_related(const struct item_list *items, size_t from, const char *const *titles,
                           const char *const *links, size_t n)
{
    assert_int_equal(items->count, from + n);
    for (size_t i = 0; i < n; i++) {
        const struct item *it = &items->items[from + i];
        assert_string_equal(it->title, titles[i]);
        if (links)
            assert_string_equal(it->link, links[i]);
        assert_string_equal(it->source, "Báo Triển Lãm");
        assert_int_equal(strncmp(it->link, SITE, strlen(SITE)), 0); /* absolute */
    }
}

static void date_in_meta_pubdate(void **state)
{
    (void)state;
    struct item_list *items = must_parse("date-meta-pubdate.html");
    assert_published(&items->items[0], "2026-03-06T10:05:00Z");
    assert_int_equal(items->count, 3);
    item_list_destroy(items);
}

static void date_in_json_ld_not_date_modified(void **state)
{
    (void)state;
    struct item_list *items = must_parse("date-jsonld.html");
    assert_published(&items->items[0], "2026-03-07T01:52:11Z");
    assert_int_equal(items->items[0].kind, ITEM_DIALOGUE);
    assert_int_equal(items->count, 3);
    item_list_destroy(items);
}

static void local_time_without_zone(void **state)
{
    (void)state;
    struct item_list *items = must_parse("date-local-no-zone.html");
    assert_published(&items->items[0], "2026-03-07T01:07:00Z");
    item_list_destroy(items);
}

/* The <time> element's text names the zone its datetime attribute lost:
 * read in any source zone, the date is the same. */
static void local_time_shown_with_its_zone_needs_no_setting(void **state)
{
    (void)state;
    char err[128];
    struct tzone *saved = hcm;
    struct tzone *far = tzone_create("-05:00", NULL, err, sizeof err);
    assert_non_null(far);
    hcm = far;
    struct item_list *items = must_parse("date-local-no-zone.html");
    hcm = saved;
    assert_published(&items->items[0], "2026-03-07T01:07:00Z");
    item_list_destroy(items);
    tzone_destroy(far);
}

static void related_box_marked_in_a_data_attribute(void **state)
{
    (void)state;
    struct item_list *items = must_parse("related-box-data-attr.html");
    const char *titles[] = {"Số hóa hiện vật, bước đi mới của các bảo tàng địa phương",
                            "Học sinh tham quan bảo tàng bằng kính thực tế ảo",
                            "Nhiều bảo tàng mở cửa buổi tối vào cuối tuần trong tháng 3"};
    const char *links[] = {SITE "bao-tang/so-hoa-hien-vat-a11950.html",
                           SITE "van-hoa/hoc-sinh-tham-quan-bao-tang-kinh-thuc-te-ao-a11893.html",
                           SITE "bao-tang/mo-cua-buoi-toi-cuoi-tuan-a11860.html"};
    assert_related(items, 1, titles, links, 3);
    for (size_t i = 1; i < items->count; i++)
        assert_int_equal(items->items[i].kind, ITEM_NEWS);
    item_list_destroy(items);
}

static void related_box_marked_relation_with_a_heading(void **state)
{
    (void)state;
    struct item_list *items = must_parse("related-box-class.html");
    const char *titles[] = {"Công bố kế hoạch tổ chức Triển lãm Quốc phòng năm 2026",
                            "Hơn 150 doanh nghiệp đăng ký tham gia gian trưng bày"};
    const char *links[] = {SITE "quoc-phong/cong-bo-ke-hoach-trien-lam-quoc-phong-2026-a11802.html",
                           SITE "quoc-phong/150-doanh-nghiep-dang-ky-gian-trung-bay-a11925.html"};
    assert_related(items, 1, titles, links, 2);
    item_list_destroy(items);
}

static void title_loses_the_site_name(void **state)
{
    (void)state;
    struct item_list *items = must_parse("title-site-suffix.html");
    assert_string_equal(items->items[0].title, "Bảo tàng Lịch sử Hàng hải trưng bày 300 bản đồ cổ");
    assert_string_equal(items->items[0].source, "Báo Triển Lãm");
    item_list_destroy(items);
}

static void video_page_is_a_video(void **state)
{
    (void)state;
    struct item_list *items = must_parse("video-page-jsonld.html");
    assert_int_equal(items->items[0].kind, ITEM_VIDEO);
    assert_string_equal(items->items[0].title, "Toàn cảnh ngày khai mạc Hội chợ Di sản Miền Trung 2026");
    assert_published(&items->items[0], "2026-03-05T13:15:00Z");
    assert_int_equal(items->count, 3);
    item_list_destroy(items);
}

static void error_page_is_refused(void **state)
{
    (void)state;
    char reason[512];
    assert_null(parse_case("page-404.html", reason, sizeof reason));
    assert_non_null(strstr(reason, "not-found"));
    int status;
    char *out = testutil_run(TICKER_BINARY " dump " CASES "page-404.html 2>&1", &status);
    assert_int_not_equal(status, 0);
    assert_non_null(strstr(out, "page-404.html: an error or not-found page"));
    assert_null(strstr(out, "\"title\""));
    free(out);
}

static void section_listing_is_its_headlines(void **state)
{
    (void)state;
    struct item_list *items = must_parse("section-listing.html");
    const char *titles[] = {"Khai mạc triển lãm “Ký ức hải đăng” tại Bảo tàng Biển Đông Bắc",
                            "Trưng bày 120 bức tranh cổ động về mùa xuân biên cương",
                            "Bảo tàng Lịch sử Hàng hải trưng bày 300 bản đồ cổ",
                            "Nghệ nhân gốm trình diễn kỹ thuật nặn tay tại hội chợ",
                            "Ra mắt sách ảnh về các cửa biển xưa",
                            "Học sinh tham quan bảo tàng bằng kính thực tế ảo",
                            "Hơn 2.000 hiện vật được hiến tặng cho bảo tàng tỉnh trong năm qua",
                            "Phục dựng lễ hội đua thuyền truyền thống ở làng chài ven biển",
                            "Nhà sưu tập trẻ và bộ sưu tập 500 chiếc quạt giấy",
                            "Liên hoan ảnh nghệ thuật khu vực đồng bằng nhận hơn 3.000 tác phẩm",
                            "Mở lớp truyền dạy hát ví cho thiếu nhi dịp hè",
                            "Không gian đọc sách mới trong khuôn viên di tích"};
    assert_related(items, 0, titles, NULL, 12);
    for (size_t i = 0; i < 12; i++)
        assert_int_equal(strncmp(items->items[i].link, SITE "van-hoa/", strlen(SITE "van-hoa/")), 0);
    assert_string_equal(items->items[0].summary,
                        "Hơn 200 hiện vật, tư liệu về những người giữ đèn biển lần đầu được giới thiệu tới công chúng.");
    item_list_destroy(items);
}

static void apos_entities_in_a_feed(void **state)
{
    (void)state;
    struct item_list *items = must_parse("feed-apos-entity.rss");
    assert_int_equal(items->count, 3);
    assert_string_equal(items->items[0].title, "Triển lãm ảnh 'Đất Bắc vào xuân' mở cửa đến hết tháng 3");
    assert_string_equal(items->items[1].title, "Bộ sưu tập được ví là 'kho báu' của bảo tàng tỉnh");
    assert_string_equal(items->items[1].summary,
                        "Nhà sưu tập gọi đây là 'cả đời tích góp': gần 700 món đồ gốm, đồng và giấy dó.");
    item_list_destroy(items);
}

static void an_empty_item_is_dropped(void **state)
{
    (void)state;
    struct item_list *items = must_parse("feed-empty-item.rss");
    assert_int_equal(items->count, 3);
    assert_string_equal(items->items[0].id, "btl-12051");
    assert_int_equal(items->items[0].kind, ITEM_DIALOGUE);
    assert_string_equal(items->items[1].id, "btl-12080");
    assert_string_equal(items->items[2].id, "btl-11802");
    item_list_destroy(items);
}

static void windows_1258_page_by_its_meta_charset(void **state)
{
    (void)state;
    struct item_list *items = must_parse("html-windows-1258.html");
    const struct item *a = &items->items[0];
    assert_string_equal(a->title, "Bảo tàng Gốm Đồi Mây đón đoàn nghệ nhân quốc tế");
    assert_string_equal(a->summary, "Đoàn nghệ nhân đến từ năm nước đã trình diễn kỹ thuật vuốt gốm và vẽ men lam "
                                    "trước đông đảo khách tham quan.");
    assert_int_equal(a->caption_count, 1);
    assert_string_equal(a->captions[0], "Nghệ nhân hướng dẫn học sinh vẽ họa tiết lên bình gốm. (Ảnh: Phương Thảo)");
    assert_published(a, "2026-03-06T08:40:00Z");
    const char *titles[] = {"Phục dựng kỹ thuật làm gốm men rạn của làng nghề",
                            "Trẻ em hào hứng trải nghiệm vuốt gốm dịp cuối tuần"};
    assert_related(items, 1, titles, NULL, 2);
    item_list_destroy(items);
}

static void the_dateline_is_cut_from_the_summary(void **state)
{
    (void)state;
    struct item_list *items = must_parse("summary-dateline.html");
    assert_string_equal(items->items[0].summary, "Chiều 7/3, Bảo tàng Cổ vật Sông Đà khai trương phòng trưng bày "
                                                 "chuyên đề với hơn 400 bộ trang phục và đồ trang sức.");
    item_list_destroy(items);
}

static void text_page_headlines_with_acronyms_and_short_ones(void **state)
{
    (void)state;
    struct item_list *items = must_parse("text-headline-acronym.txt");
    const struct { enum item_kind kind; const char *title; } want[] = {
        {ITEM_NEWS, "Tuần giao lưu hữu nghị quốc phòng Việt Nam - Lào tại Bảo tàng Biên cương: 6 hoạt động chính"},
        {ITEM_NEWS, "Đoàn chuyên gia ICOM thăm Bảo tàng Phòng thủ Bờ biển"},
        {ITEM_NEWS, "Sĩ quan trẻ Việt Nam - Lào thi tìm hiểu lịch sử truyền thống hai quân đội"},
        {ITEM_NEWS, "Bế mạc Tuần Điện ảnh"},
        {ITEM_NEWS, "Khai mạc triển lãm “Ký ức hải đăng” tại Bảo tàng Biển Đông Bắc"},
        {ITEM_NEWS, "Hơn 150 doanh nghiệp đăng ký tham gia gian trưng bày tại Triển lãm Quốc phòng"},
        {ITEM_NEWS, "Hành trình đưa 300 kỷ vật từ các đồn biên phòng về bảo tàng"},
        {ITEM_NEWS, "Những cuốn nhật ký chiến trường được gia đình liệt sĩ hiến tặng"},
        {ITEM_VIDEO, "Sĩ quan trẻ hai nước giao lưu văn nghệ tại Bảo tàng Biên cương"},
        {ITEM_INFOGRAPHIC, "6 hoạt động chính của Tuần giao lưu hữu nghị quốc phòng"},
    };
    assert_int_equal(items->count, 10);
    for (size_t i = 0; i < 10; i++) {
        assert_string_equal(items->items[i].title, want[i].title);
        assert_int_equal(items->items[i].kind, want[i].kind);
        assert_string_equal(items->items[i].link, "");
        assert_string_equal(items->items[i].source, "text-headline-acronym.txt");
        assert_false(items->items[i].has_published);
    }
    assert_int_equal(items->items[0].caption_count, 1);
    assert_string_equal(items->items[0].captions[0], "Sĩ quan trẻ hai nước nghe thuyết minh tại khu trưng bày hiện "
                                                     "vật thời kỳ kháng chiến. (Ảnh: Bảo tàng Biên cương)");
    item_list_destroy(items);
}

int main(void)
{
    char err[256];
    hcm = tzone_create("Asia/Ho_Chi_Minh", NULL, err, sizeof err);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(date_in_meta_pubdate),
        cmocka_unit_test(local_time_shown_with_its_zone_needs_no_setting),
        cmocka_unit_test(date_in_json_ld_not_date_modified),
        cmocka_unit_test(local_time_without_zone),
        cmocka_unit_test(related_box_marked_in_a_data_attribute),
        cmocka_unit_test(related_box_marked_relation_with_a_heading),
        cmocka_unit_test(title_loses_the_site_name),
        cmocka_unit_test(video_page_is_a_video),
        cmocka_unit_test(error_page_is_refused),
        cmocka_unit_test(section_listing_is_its_headlines),
        cmocka_unit_test(apos_entities_in_a_feed),
        cmocka_unit_test(an_empty_item_is_dropped),
        cmocka_unit_test(windows_1258_page_by_its_meta_charset),
        cmocka_unit_test(the_dateline_is_cut_from_the_summary),
        cmocka_unit_test(text_page_headlines_with_acronyms_and_short_ones),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    tzone_destroy(hcm);
    return failed;
}
