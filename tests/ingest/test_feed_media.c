/* feed_media: what a feed names beside an item's text, in the real shapes
 * of the feeds that carry them -- YouTube's video entries, Media RSS of
 * every completeness -- end to end through source_parse_in (so the kind is
 * the classifier's and the pictures those picture_ref lets through). */
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

static struct item_list *parse_in(const struct ingest_context *context, const char *data, size_t size)
{
    struct config *config = config_create();
    struct item_list *items = item_list_create();
    struct source_info info = {0};
    char reason[512] = "";
    if (!source_parse_in(context, data, size, &config->rules, items, &info, reason, sizeof reason))
        fail_msg("%s: %s", context->name, reason);
    config_destroy(config);
    return items;
}

static struct item_list *parse_text(const char *name, const char *xml)
{
    struct ingest_context context = {.name = name};
    return parse_in(&context, xml, strlen(xml));
}

static struct item_list *parse_fixture(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", FIXTURES_DIR, name);
    size_t size;
    char *data = testutil_read_file(path, &size);
    assert_non_null(data);
    struct ingest_context context = {.name = name, .url = "https://www.youtube.com/feeds/videos.xml?channel_id=x"};
    struct item_list *items = parse_in(&context, data, size);
    free(data);
    return items;
}

/* A YouTube channel's feed (yt:, media:group): each entry is a video, its
 * media:description its text (it was a photo caption and the summary ""),
 * its media:title its title when the entry's is empty, its thumbnail its
 * picture (the Flash player URL none). */
static void youtube_entries_are_videos_with_their_description(void **state)
{
    (void)state;
    struct item_list *items = parse_fixture("youtube.xml");
    assert_int_equal(items->count, 2);
    const struct item *first = &items->items[0];
    assert_int_equal(first->kind, ITEM_VIDEO);
    assert_string_equal(first->title, "Hội đàm cấp cao Việt Nam - Singapore");
    assert_string_equal(first->summary, "Hai bên trao đổi về hợp tác quốc phòng và an ninh khu vực. Đăng ký kênh: "
                                        "https://www.youtube.com/channel/UCvnQDNDTest000000000000?sub_confirmation=1&hl=vi");
    assert_int_equal(first->caption_count, 0);
    assert_string_equal(first->link, "https://www.youtube.com/watch?v=a1B2c3D4e5F");
    assert_string_equal(first->source, "Truyền hình Quốc phòng");
    assert_int_equal(first->picture_count, 1);
    assert_string_equal(first->pictures[0].url, "https://i3.ytimg.com/vi/a1B2c3D4e5F/hqdefault.jpg");
    const struct item *second = &items->items[1];
    assert_int_equal(second->kind, ITEM_VIDEO);
    assert_string_equal(second->title, "Diễn tập cứu hộ cứu nạn 2025");
    assert_string_equal(second->summary, "");
    assert_int_equal(second->caption_count, 0);
    assert_string_equal(second->pictures[0].url, "https://i1.ytimg.com/vi/Z9y8X7w6V5u/hqdefault.jpg");
    item_list_destroy(items);
}

/* The same kind in other feeds: an RSS item whose media:content is a video
 * (medium or type), an enclosure of video/mp4, an Atom entry with YouTube's
 * id only and the yt: prefix undeclared; a photo's media:group stays news
 * with its description as the photo's caption. */
static void media_of_video_makes_a_video_and_its_text(void **state)
{
    (void)state;
    const char *rss =
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel>"
        "<title>K</title><link>https://tv.example.vn/</link>"
        "<item><title>Một</title><link>https://tv.example.vn/1</link><media:content url=\"https://tv.example.vn/1.mp4\""
        " medium=\"video\"><media:description>Lễ duyệt binh.</media:description></media:content>"
        "<media:thumbnail url=\"https://tv.example.vn/1.jpg\"/></item>"
        "<item><title>Hai</title><link>https://tv.example.vn/2</link><media:group><media:content "
        "url=\"https://tv.example.vn/2.webm\" type=\"video/webm\"/><media:description type=\"html\">&lt;p&gt;Bắn "
        "đạn thật.&lt;/p&gt;</media:description></media:group></item>"
        "<item><title>Ba</title><link>https://tv.example.vn/3</link><enclosure url=\"https://tv.example.vn/3.mp4\""
        " type=\"video/mp4\" length=\"1000\"/><media:description>Hành quân.</media:description></item>"
        "<item><title>Bốn</title><link>https://tv.example.vn/4</link><media:group><media:content "
        "url=\"https://tv.example.vn/4.jpg\" medium=\"image\"/><media:description>Đội hình xuất quân."
        "</media:description></media:group></item>"
        "</channel></rss>";
    struct item_list *items = parse_text("video.rss", rss);
    assert_int_equal(items->count, 4);
    const char *const texts[] = {"Lễ duyệt binh.", "Bắn đạn thật.", "Hành quân."};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(items->items[i].kind, ITEM_VIDEO);
        assert_string_equal(items->items[i].summary, texts[i]);
        assert_int_equal(items->items[i].caption_count, 0);
    }
    assert_int_equal(items->items[3].kind, ITEM_NEWS);
    assert_string_equal(items->items[3].summary, "");
    assert_int_equal(items->items[3].caption_count, 1);
    assert_string_equal(items->items[3].captions[0], "Đội hình xuất quân.");
    item_list_destroy(items);
    const char *atom = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>K</title>"
                       "<entry><id>yt:video:Q1w2E3r4T5y</id><title>Năm</title>"
                       "<link href=\"https://www.youtube.com/watch?v=Q1w2E3r4T5y\"/><media:group><media:thumbnail "
                       "url=\"https://i4.ytimg.com/vi/Q1w2E3r4T5y/hqdefault.jpg\"/><media:description>Tin chiều."
                       "</media:description></media:group></entry></feed>";
    items = parse_text("yt.atom", atom);
    assert_int_equal(items->count, 1);
    assert_int_equal(items->items[0].kind, ITEM_VIDEO);
    assert_string_equal(items->items[0].summary, "Tin chiều.");
    assert_int_equal(items->items[0].picture_count, 1);
    item_list_destroy(items);
}

int main(void)
{
    source_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(youtube_entries_are_videos_with_their_description),
        cmocka_unit_test(media_of_video_makes_a_video_and_its_text),
    };
    int status = cmocka_run_group_tests(tests, NULL, NULL);
    source_global_cleanup();
    return status;
}
