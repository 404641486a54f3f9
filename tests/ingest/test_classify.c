#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/classify.h"
#include "base/config.h"

static enum item_kind kind_of(const struct config *config, const char *title, const char *link,
                              const char *category, char *title_out, size_t title_size)
{
    struct item item;
    item_init(&item);
    item_set(&item.title, title);
    item_set(&item.link, link);
    if (category)
        item_add_category(&item, category);
    assert_true(classify_item(&item, &config->rules));
    if (title_out)
        snprintf(title_out, title_size, "%s", item.title);
    enum item_kind kind = item.kind;
    item_clear(&item);
    return kind;
}

static void prefixes_set_the_kind_and_leave_the_title(void **state)
{
    (void)state;
    struct config *config = config_create();
    char title[256];
    assert_int_equal(kind_of(config, "[Infographic] 10 tháng năm 2025: Hà Nội đón khách", "", NULL, title, sizeof title),
                     ITEM_INFOGRAPHIC);
    assert_string_equal(title, "10 tháng năm 2025: Hà Nội đón khách");
    assert_int_equal(kind_of(config, "[VIDEO]: Hội đàm cấp cao", "", NULL, title, sizeof title), ITEM_VIDEO);
    assert_string_equal(title, "Hội đàm cấp cao"); /* format wins over topic */
    assert_int_equal(kind_of(config, "[Đồ họa] Ngân sách quốc phòng", "", NULL, title, sizeof title), ITEM_INFOGRAPHIC);
    assert_string_equal(title, "Ngân sách quốc phòng");
    /* a bracket that is not a known prefix stays */
    assert_int_equal(kind_of(config, "[Ảnh] Lễ khai mạc", "", NULL, title, sizeof title), ITEM_NEWS);
    assert_string_equal(title, "[Ảnh] Lễ khai mạc");
    config_destroy(config);
}

static void link_paths_and_hosts(void **state)
{
    (void)state;
    struct config *config = config_create();
    assert_int_equal(kind_of(config, "Tàu cập cảng", "https://video.vnexpress.net/tau-123.html", NULL, NULL, 0), ITEM_VIDEO);
    assert_int_equal(kind_of(config, "Tàu cập cảng", "https://tuoitre.vn/video/tau-123.htm", NULL, NULL, 0), ITEM_VIDEO);
    assert_int_equal(kind_of(config, "Ngân sách", "https://baoquocte.vn/infographics/ngan-sach.html", NULL, NULL, 0),
                     ITEM_INFOGRAPHIC);
    assert_int_equal(kind_of(config, "Tàu cập cảng", "https://vnexpress.net/videogame-ra-mat.html", NULL, NULL, 0),
                     ITEM_NEWS);
    config_destroy(config);
}

static void categories(void **state)
{
    (void)state;
    struct config *config = config_create();
    assert_int_equal(kind_of(config, "Bản tin tối", "", "VIDEO", NULL, 0), ITEM_VIDEO);
    assert_int_equal(kind_of(config, "Ngân sách", "", "infographic", NULL, 0), ITEM_INFOGRAPHIC);
    assert_int_equal(kind_of(config, "Chuyến thăm Lào", "", "Đối ngoại", NULL, 0), ITEM_DIALOGUE);
    assert_int_equal(kind_of(config, "Chuyến thăm Lào", "", "Thời sự", NULL, 0), ITEM_NEWS);
    config_destroy(config);
}

static void dialogue_keywords_on_whole_words(void **state)
{
    (void)state;
    struct config *config = config_create();
    assert_int_equal(kind_of(config, "Đối thoại Chính sách quốc phòng Việt Nam - Singapore lần thứ 15", "", NULL, NULL, 0),
                     ITEM_DIALOGUE);
    assert_int_equal(kind_of(config, "Họp trực tuyến Nhóm công tác chung", "", NULL, NULL, 0), ITEM_DIALOGUE);
    assert_int_equal(kind_of(config, "HỘI ĐÀM CẤP CAO VIỆT NAM - LÀO", "", NULL, NULL, 0), ITEM_DIALOGUE);
    assert_int_equal(kind_of(config, "Phiên tham vấn chính trị lần thứ 5", "", NULL, NULL, 0), ITEM_DIALOGUE);
    /* NFD title: ọ as o + U+0323 */
    assert_int_equal(kind_of(config, "Cuộc ho\xCC\xA3p thường kỳ", "", NULL, NULL, 0), ITEM_DIALOGUE);
    /* "hợp" is not "họp"; "đối thoại" must be both words */
    assert_int_equal(kind_of(config, "Hợp tác quốc phòng song phương", "", NULL, NULL, 0), ITEM_NEWS);
    assert_int_equal(kind_of(config, "Điện thoại thông minh giá rẻ", "", NULL, NULL, 0), ITEM_NEWS);
    assert_int_equal(kind_of(config, "Tọa đàm về chuyển đổi số", "", NULL, NULL, 0), ITEM_DIALOGUE);
    assert_int_equal(kind_of(config, "Hòa bình đàm luận", "", NULL, NULL, 0), ITEM_NEWS);
    config_destroy(config);
}

static void a_press_conference_is_not_a_dialogue(void **state)
{
    (void)state;
    struct config *config = config_create();
    /* "họp" inside "họp báo" does not count; another keyword in the title does */
    assert_int_equal(kind_of(config, "Họp báo công bố Triển lãm Quốc phòng quốc tế", "", NULL, NULL, 0), ITEM_NEWS);
    assert_int_equal(kind_of(config, "HỌP BÁO thường kỳ Bộ Ngoại giao", "", NULL, NULL, 0), ITEM_NEWS);
    assert_int_equal(kind_of(config, "Họp báo sau hội đàm Việt Nam - Lào", "", NULL, NULL, 0), ITEM_DIALOGUE);
    assert_int_equal(kind_of(config, "Họp báo xong, hai đoàn họp riêng", "", NULL, NULL, 0), ITEM_DIALOGUE);
    /* the exclusion list is a setting: emptied, "họp báo" counts again */
    string_list_clear(&config->rules.dialogue_exclusions);
    assert_int_equal(kind_of(config, "Họp báo công bố Triển lãm Quốc phòng quốc tế", "", NULL, NULL, 0), ITEM_DIALOGUE);
    config_destroy(config);
}

static void rules_are_configurable(void **state)
{
    (void)state;
    struct config *config = config_create();
    string_list_clear(&config->rules.dialogue_keywords);
    string_list_add_csv(&config->rules.dialogue_keywords, "giao lưu");
    string_list_clear(&config->rules.video_prefixes);
    string_list_add(&config->rules.video_prefixes, "[Phóng sự]");
    char title[128];
    assert_int_equal(kind_of(config, "Giao lưu sĩ quan trẻ", "", NULL, NULL, 0), ITEM_DIALOGUE);
    assert_int_equal(kind_of(config, "Hội đàm cấp cao", "", NULL, NULL, 0), ITEM_NEWS);
    assert_int_equal(kind_of(config, "[Phóng sự] Biên giới", "", NULL, title, sizeof title), ITEM_VIDEO);
    assert_string_equal(title, "Biên giới");
    assert_int_equal(kind_of(config, "[Video] Biên giới", "", NULL, NULL, 0), ITEM_NEWS);
    config_destroy(config);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(prefixes_set_the_kind_and_leave_the_title),
        cmocka_unit_test(link_paths_and_hosts),
        cmocka_unit_test(categories),
        cmocka_unit_test(dialogue_keywords_on_whole_words),
        cmocka_unit_test(a_press_conference_is_not_a_dialogue),
        cmocka_unit_test(rules_are_configurable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
