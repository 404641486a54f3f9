/* jsonfeed: JSON Feed 1 and 1.1 documents read as feeds (they were read as
 * text pages: a headline "{" and 48 more lines of JSON), and any other JSON
 * refused saying which source and why, never shown as text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "ingest/context.h"
#include "ingest/source.h"
#include "testutil.h"

static struct kind_rules no_rules;

static char *fixture(const char *name, size_t *size)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", FIXTURES_DIR, name);
    char *data = testutil_read_file(path, size);
    assert_non_null(data);
    return data;
}

static const struct item *read_ok(struct item_list *items, const char *name, size_t want)
{
    size_t size;
    char *data = fixture(name, &size);
    char err[1024];
    if (!source_parse_buffer(name, data, size, &no_rules, items, err, sizeof err))
        fail_msg("%s", err);
    free(data);
    assert_int_equal(items->count, want);
    return items->items;
}

static bool has_picture(const struct item *item, const char *url, const char *caption)
{
    for (size_t i = 0; i < item->picture_count; i++)
        if (!strcmp(item->pictures[i].url, url))
            return !caption || !strcmp(item->pictures[i].caption, caption);
    return false;
}

static void json_feed_11_items(void **state)
{
    (void)state;
    struct item_list *items = item_list_create();
    const struct item *it = read_ok(items, "jsonfeed-1.1.json", 4); /* the empty fifth one is dropped */
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(it[i].source, "Báo Ví Dụ – Thời sự");
    char when[32];
    /* title, url, id, summary before the content, image and banner first, the content's figure with its caption */
    assert_string_equal(it[0].title, "Hà Nội mở thêm 3 tuyến xe buýt điện");
    assert_string_equal(it[0].link, "https://vidu.example.vn/a/1001.html");
    assert_string_equal(it[0].id, "https://vidu.example.vn/a/1001");
    assert_string_equal(it[0].summary, "Ba tuyến xe buýt điện mới nối trung tâm với các khu đô thị.");
    assert_true(it[0].picture_count >= 3);
    assert_string_equal(it[0].pictures[0].url, "https://vidu.example.vn/anh/xe-buyt-lon.jpg");
    assert_string_equal(it[0].pictures[1].url, "https://vidu.example.vn/anh/banner.jpg");
    assert_true(has_picture(&it[0], "https://vidu.example.vn/anh/xe-buyt.jpg", "Xe buýt điện tại bến Long Biên."));
    item_format_published(&it[0], when);
    assert_string_equal(when, "2026-11-30T01:15:00Z"); /* date_published, not date_modified */
    assert_int_equal(it[0].category_count, 2);
    assert_string_equal(it[0].categories[0], "Giao thông");
    /* external_url when no url; content_text; the only date is date_modified */
    assert_string_equal(it[1].title, "Giá vàng & USD cùng tăng");
    assert_string_equal(it[1].link, "https://other.example.com/story/1002");
    assert_string_equal(it[1].id, "1002");
    assert_string_equal(it[1].summary, "Giá vàng miếng tăng thêm 500.000 đồng mỗi lượng trong phiên sáng nay.");
    item_format_published(&it[1], when);
    assert_string_equal(when, "2026-11-30T10:30:00Z");
    /* no title: its text is; a relative url against home_page_url; an unreadable date: undated */
    assert_string_equal(it[2].title, "Mưa lớn kéo dài ở miền Trung, nhiều tuyến đường bị ngập sâu.");
    assert_string_equal(it[2].summary, it[2].title);
    assert_string_equal(it[2].link, "https://vidu.example.vn/a/1003.html");
    assert_false(it[2].has_published);
    /* an id another item had: told apart by the link; an image attachment, not the audio one */
    assert_string_equal(it[3].id, "https://vidu.example.vn/a/1004.html");
    assert_string_equal(it[3].summary, "Tuần lễ diễn ra từ 1 đến 7/12.");
    assert_int_equal(it[3].picture_count, 1);
    assert_true(has_picture(&it[3], "https://vidu.example.vn/anh/tuan-le.png", "Lễ khai mạc"));
    item_list_destroy(items);
}

static void json_feed_1_items(void **state)
{
    (void)state;
    struct item_list *items = item_list_create();
    const struct item *it = read_ok(items, "jsonfeed-1.json", 2);
    assert_string_equal(it[0].source, "Sổ tay ảnh");
    assert_string_equal(it[0].title, "Hoàng hôn trên phá Tam Giang");
    assert_string_equal(it[0].id, "42"); /* a number, as some generators write it */
    assert_string_equal(it[0].summary, "Những bức ảnh chụp lúc hoàng hôn trên phá Tam Giang, Thừa Thiên Huế.");
    assert_true(has_picture(&it[0], "https://anh.example.org/2026/11/hoang-hon.jpg", NULL));
    char when[32];
    item_format_published(&it[1], when);
    assert_string_equal(when, "2026-11-26T23:00:00Z");
    assert_string_equal(it[1].summary, "Sương mù phủ kín thị trấn từ 5 giờ sáng.");
    item_list_destroy(items);
}

/* A BOM, and a server's notice printed before the feed, are no part of it. */
static void json_feed_after_a_bom_or_a_servers_notice(void **state)
{
    (void)state;
    size_t size;
    char *data = fixture("jsonfeed-1.json", &size);
    static const char *const before[] = {"\xEF\xBB\xBF\n", "<br />\nNotice: Undefined index: page in /srv/feed.php on line 9\n"};
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(before[i]);
        char *bytes = malloc(n + size);
        memcpy(bytes, before[i], n);
        memcpy(bytes + n, data, size);
        struct item_list *items = item_list_create();
        char err[1024];
        if (!source_parse_buffer("feed.json", bytes, n + size, &no_rules, items, err, sizeof err))
            fail_msg("case %zu: %s", i, err);
        assert_int_equal(items->count, 2);
        assert_string_equal(items->items[0].title, "Hoàng hôn trên phá Tam Giang");
        item_list_destroy(items);
        free(bytes);
    }
    free(data);
}

/* Read as it arrives, a JSON Feed larger than the head is read whole at
 * the end, as a page is: the same items. */
static bool count_item(void *arg, struct item *item)
{
    (*(size_t *)arg)++;
    item_clear(item);
    return true;
}

static void json_feed_streamed(void **state)
{
    (void)state;
    size_t size, delivered = 0;
    char *data = fixture("jsonfeed-1.1.json", &size);
    struct ingest_context context = {.name = "jsonfeed-1.1.json"};
    struct source_stream *s = source_stream_create(&context, &no_rules, count_item, &delivered);
    source_stream_set_head(s, 100);
    for (size_t at = 0; at < size; at += 37)
        assert_true(source_stream_push(s, data + at, size - at < 37 ? size - at : 37));
    struct source_info info;
    char reason[512];
    assert_true(source_stream_finish(s, &info, reason, sizeof reason));
    assert_int_equal(delivered, 4);
    source_stream_destroy(s);
    free(data);
}

/* Other JSON: refused, naming the source and what it is; no item. */
static void other_json_is_refused_never_shown_as_text(void **state)
{
    (void)state;
    static const struct {
        const char *json, *reason;
    } cases[] = {
        {"{\"name\": \"ticker\", \"version\": \"1.2.3\", \"items\": []}",
         "https://x.vn/data.json: a JSON document with \"version\": \"1.2.3\", not a JSON Feed"},
        {"{\"type\": \"FeatureCollection\", \"features\": []}", "https://x.vn/data.json: a JSON document, not a JSON Feed"},
        {"[{\"title\": \"Tin 1\"}, {\"title\": \"Tin 2\"}]", "https://x.vn/data.json: a JSON document (array), not a JSON Feed"},
        {"\xEF\xBB\xBF  \n{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [{\"id\": \"1\", \"title\": \"A",
         "https://x.vn/data.json: broken JSON"},
        {"{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": {}}",
         "https://x.vn/data.json: a JSON Feed without an \"items\" array"},
        {"{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": []}",
         "https://x.vn/data.json: no items in this JSON Feed"},
        {"{ version: 1, title: 'x' }", "https://x.vn/data.json: broken JSON"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct item_list *items = item_list_create();
        char err[1024];
        bool ok = source_parse_buffer("https://x.vn/data.json", cases[i].json, strlen(cases[i].json), &no_rules,
                                      items, err, sizeof err);
        if (ok || strncmp(err, cases[i].reason, strlen(cases[i].reason)))
            fail_msg("case %zu: %s, \"%s\"; wanted \"%s\"", i, ok ? "read" : "refused", ok ? items->items[0].title : err,
                     cases[i].reason);
        assert_int_equal(items->count, 0);
        item_list_destroy(items);
    }
    /* a text page's bracket label is no JSON */
    struct item_list *items = item_list_create();
    const char *text = "[Video] Lễ hội hoa ban ở Điện Biên thu hút du khách\n\nHàng nghìn người đã đến.\n";
    char err[1024];
    assert_true(source_parse_buffer("note.txt", text, strlen(text), &no_rules, items, err, sizeof err));
    assert_string_equal(items->items[0].title, "[Video] Lễ hội hoa ban ở Điện Biên thu hút du khách");
    item_list_destroy(items);
}

/* A feed cut short (a transfer that stopped, a server that stopped
 * writing) was refused whole: the items complete before the cut are read,
 * at every byte where it may be cut, and a later cut never reads fewer. */
static void json_feed_cut_short_keeps_whole_items(void **state)
{
    (void)state;
    size_t size;
    char *data = fixture("jsonfeed-1.1.json", &size);
    size_t before = 0, cuts_read = 0;
    for (size_t cut = 1; cut <= size; cut++) {
        struct item_list *items = item_list_create();
        char err[1024];
        bool ok = source_parse_buffer("https://x.vn/feed.json", data, cut, &no_rules, items, err, sizeof err);
        if (ok) {
            cuts_read++;
            assert_true(items->count > 0);
        }
        if (items->count < before)
            fail_msg("cut at byte %zu of %zu: %zu items, %zu at the byte before", cut, size, items->count, before);
        before = items->count;
        item_list_destroy(items);
    }
    assert_int_equal(before, 4); /* the whole document */
    assert_true(cuts_read > size / 2); /* most cuts fall after the first item */
    /* cut inside the third item: the first two, whole and as the whole feed reads them */
    const char *third = strstr(data, "\"id\": \"1003\"");
    assert_non_null(third);
    struct item_list *items = item_list_create();
    char err[1024];
    assert_true(source_parse_buffer("https://x.vn/feed.json", data, (size_t)(third - data) + 10, &no_rules, items,
                                    err, sizeof err));
    assert_int_equal(items->count, 2);
    assert_string_equal(items->items[0].title, "Hà Nội mở thêm 3 tuyến xe buýt điện");
    assert_string_equal(items->items[0].summary, "Ba tuyến xe buýt điện mới nối trung tâm với các khu đô thị.");
    item_list_destroy(items);
    free(data);
}

/* A JSON Feed read from a stick: "/anh/banner.jpg" and the content's
 * "/anh/xe-buyt.jpg" are the web site's (home_page_url), never a path from
 * the kiosk's disk root; a picture written as a path inside the stick's
 * folder stays that file. */
static void json_feed_on_a_stick_site_relative_pictures_are_the_sites(void **state)
{
    (void)state;
    size_t size;
    char *data = fixture("jsonfeed-1.1.json", &size);
    struct ingest_context context = {.name = "feed.json", .path = "/media/usb/tin/feed.json"};
    struct item_list *items = item_list_create();
    struct source_info info;
    char err[1024];
    assert_true(source_parse_in(&context, data, size, &no_rules, items, &info, err, sizeof err));
    assert_true(items->count >= 1);
    const struct item *it = items->items;
    assert_true(has_picture(&it[0], "https://vidu.example.vn/anh/banner.jpg", NULL));
    assert_true(has_picture(&it[0], "https://vidu.example.vn/anh/xe-buyt.jpg", "Xe buýt điện tại bến Long Biên."));
    for (size_t i = 0; i < items->count; i++)
        for (size_t p = 0; p < it[i].picture_count; p++)
            assert_true(strncmp(it[i].pictures[p].url, "/anh/", 5) != 0);
    item_list_destroy(items);
    free(data);
}

/* An attachment of a video type makes the item a video, as an RSS
 * enclosure or media:content of one does (it stayed news); a sound does not. */
static void json_feed_video_attachment_is_a_video(void **state)
{
    (void)state;
    static const char json[] =
        "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": ["
        "{\"id\": \"1\", \"title\": \"Phim\", \"content_text\": \"Một\","
        " \"attachments\": [{\"url\": \"https://e.vn/v.mp4\", \"mime_type\": \"video/mp4\"}]},"
        "{\"id\": \"2\", \"title\": \"Tiếng\", \"content_text\": \"Hai\","
        " \"attachments\": [{\"url\": \"https://e.vn/a.mp3\", \"mime_type\": \"audio/mpeg\"}]}]}";
    struct item_list *items = item_list_create();
    char err[1024];
    if (!source_parse_buffer("video.json", json, sizeof json - 1, &no_rules, items, err, sizeof err))
        fail_msg("%s", err);
    assert_int_equal(items->count, 2);
    assert_int_equal(items->items[0].kind, ITEM_VIDEO);
    assert_int_equal(items->items[1].kind, ITEM_NEWS);
    item_list_destroy(items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_feed_11_items),
        cmocka_unit_test(json_feed_1_items),
        cmocka_unit_test(json_feed_after_a_bom_or_a_servers_notice),
        cmocka_unit_test(json_feed_streamed),
        cmocka_unit_test(other_json_is_refused_never_shown_as_text),
        cmocka_unit_test(json_feed_cut_short_keeps_whole_items),
        cmocka_unit_test(json_feed_on_a_stick_site_relative_pictures_are_the_sites),
        cmocka_unit_test(json_feed_video_attachment_is_a_video),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
