#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/item.h"

static void json_has_exactly_the_agreed_keys_and_plain_utf8(void **state)
{
    (void)state;
    struct item item;
    item_init(&item);
    item_set(&item.id, "https://example.vn/a/b");
    item_set(&item.title, "Hội đàm \"cấp cao\" Việt Nam – Singapore");
    item_add_caption(&item, "Ảnh: TTXVN");
    item.kind = ITEM_DIALOGUE;
    item.published = 1752633000; /* 2025-07-16T02:30:00Z */
    item.has_published = true;
    char *json = item_to_json(&item);
    assert_string_equal(json,
                        "{\"id\":\"https://example.vn/a/b\",\"kind\":\"dialogue\",\"title\":\"Hội đàm \\\"cấp cao\\\" "
                        "Việt Nam – Singapore\",\"summary\":\"\",\"captions\":[\"Ảnh: TTXVN\"],\"source\":\"\","
                        "\"link\":\"\",\"published\":\"2025-07-16T02:30:00Z\"}");
    free(json);
    item_clear(&item);
}

static void unknown_date_prints_empty_never_now(void **state)
{
    (void)state;
    struct item item;
    item_init(&item);
    char out[32];
    item_format_published(&item, out);
    assert_string_equal(out, "");
    item_clear(&item);
}

static void ids_are_stable_and_depend_on_source_and_title(void **state)
{
    (void)state;
    char a[19], b[19], c[19];
    item_make_id("feed", "Tiêu đề", a);
    item_make_id("feed", "Tiêu đề", b);
    item_make_id("other", "Tiêu đề", c);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_int_equal(strlen(a), 18);
}

static void list_push_moves_and_clone_copies(void **state)
{
    (void)state;
    struct item_list *list = item_list_create();
    for (int i = 0; i < 100; i++) {
        struct item item;
        item_init(&item);
        item_set(&item.title, i % 2 ? "lẻ" : "chẵn");
        assert_true(item_list_push(list, &item));
        assert_string_equal(item.title, ""); /* moved out */
        item_clear(&item);
    }
    struct item_list *clone = item_list_clone(list);
    assert_int_equal(clone->count, 100);
    assert_string_equal(clone->items[99].title, "lẻ");
    assert_ptr_not_equal(clone->items[99].title, list->items[99].title);
    item_list_destroy(list);
    item_list_destroy(clone);
}

static void pictures_are_kept_once_copied_and_printed(void **state)
{
    (void)state;
    struct item item;
    item_init(&item);
    assert_true(item_add_picture(&item, "https://example.vn/a.jpg", "Ảnh: TTXVN", 1200, 800));
    assert_true(item_add_picture(&item, "https://example.vn/a.jpg", "again", 0, 0)); /* the same picture once */
    assert_true(item_add_picture(&item, "/media/usb/b.png", NULL, 0, 0));
    assert_int_equal(item.picture_count, 2);
    assert_string_equal(item.pictures[1].caption, "");
    struct item copy;
    assert_true(item_copy(&copy, &item));
    assert_int_equal(copy.picture_count, 2);
    assert_ptr_not_equal(copy.pictures[0].url, item.pictures[0].url);
    assert_int_equal(copy.pictures[0].width, 1200);
    char *json = item_to_json(&copy);
    assert_non_null(strstr(json, "\"pictures\":[{\"url\":\"https://example.vn/a.jpg\",\"caption\":\"Ảnh: TTXVN\","
                                 "\"width\":1200,\"height\":800},{\"url\":\"/media/usb/b.png\""));
    free(json);
    item_clear(&copy);
    item_clear(&item);
}

static void kind_names_round_trip(void **state)
{
    (void)state;
    for (int k = 0; k < ITEM_KIND_COUNT; k++) {
        enum item_kind back;
        assert_true(item_kind_from_name(item_kind_name((enum item_kind)k), &back));
        assert_int_equal(back, k);
    }
    enum item_kind unused;
    assert_false(item_kind_from_name("podcast", &unused));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_has_exactly_the_agreed_keys_and_plain_utf8),
        cmocka_unit_test(unknown_date_prints_empty_never_now),
        cmocka_unit_test(ids_are_stable_and_depend_on_source_and_title),
        cmocka_unit_test(list_push_moves_and_clone_copies),
        cmocka_unit_test(kind_names_round_trip),
        cmocka_unit_test(pictures_are_kept_once_copied_and_printed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
