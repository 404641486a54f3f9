/* dedupe: the same story from two sources is shown once; feeder posts
 * every list through it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/dedupe.h"
#include "base/item.h"

static void add(struct item_list *list, const char *title, const char *link, const char *source)
{
    struct item item;
    item_init(&item);
    assert_true(item_set(&item.title, title) && item_set(&item.link, link) && item_set(&item.source, source));
    assert_true(item_list_push(list, &item));
    item_clear(&item); /* push left an empty item behind */
}

static void same_link_or_same_folded_title_is_one_story(void **state)
{
    (void)state;
    struct item_list *list = item_list_create();
    add(list, "Hội đàm cấp cao Việt Nam - Lào", "https://vnexpress.net/hoi-dam-1.html", "VnExpress");
    add(list, "HỘI ĐÀM CẤP CAO VIỆT NAM – LÀO!", "https://dantri.com.vn/x.htm", "Dân trí");    /* title, folded */
    add(list, "Hoi dam cap cao Viet Nam Lao", "https://tuoitre.vn/y.htm", "Tuổi Trẻ");          /* no diacritics */
    add(list, "Một tiêu đề khác hẳn", "HTTPS://VnExpress.net/hoi-dam-1.html#binh-luan", "RSS"); /* link */
    add(list, "Đà Nẵng đón khách", "https://a.vn/1", "A");
    add(list, "Da Nang don khach", "https://b.vn/2", "B"); /* đ folds to d */
    add(list, "Tin khác hoàn toàn", "https://a.vn/2/", "A");
    add(list, "Một bài khác nữa ở đây", "https://a.vn/2", "C"); /* trailing slash */
    add(list, "Video", "https://a.vn/v1", "A");
    add(list, "Video", "https://a.vn/v2", "A"); /* too short to be a story by its title */
    assert_int_equal(dedupe_items(list), 5);
    assert_int_equal(list->count, 5);
    assert_string_equal(list->items[0].source, "VnExpress"); /* the first (newest) stays */
    assert_string_equal(list->items[1].title, "Đà Nẵng đón khách");
    assert_string_equal(list->items[2].title, "Tin khác hoàn toàn");
    assert_string_equal(list->items[3].link, "https://a.vn/v1");
    assert_string_equal(list->items[4].link, "https://a.vn/v2");
    item_list_destroy(list);
    char *folded = dedupe_fold_title("  Hội   ĐÀM: “Đường” ");
    assert_string_equal(folded, "hoi dam duong");
    free(folded);
}

static void many_items_are_deduplicated_in_linear_work(void **state)
{
    (void)state;
    struct item_list *list = item_list_create();
    char title[64], link[64];
    for (int i = 0; i < 100000; i++) {
        snprintf(title, sizeof title, "Tin số %d trong ngày hôm nay", i % 50000);
        snprintf(link, sizeof link, "https://x.vn/%d", i);
        add(list, title, link, "S");
    }
    assert_int_equal(dedupe_items(list), 50000);
    assert_int_equal(list->count, 50000);
    item_list_destroy(list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_link_or_same_folded_title_is_one_story),
        cmocka_unit_test(many_items_are_deduplicated_in_linear_work),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
