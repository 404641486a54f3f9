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
        /* a video with a text of its own: the video's description is kept as its caption */
        "<item><title>Sáu</title><link>https://tv.example.vn/6</link><description>Sáu trực thăng bay.</description>"
        "<media:content url=\"https://tv.example.vn/6.mp4\" medium=\"video\"><media:description>Đội hình qua "
        "khán đài.</media:description></media:content></item>"
        "</channel></rss>";
    struct item_list *items = parse_text("video.rss", rss);
    assert_int_equal(items->count, 5);
    assert_int_equal(items->items[4].kind, ITEM_VIDEO);
    assert_string_equal(items->items[4].summary, "Sáu trực thăng bay.");
    assert_int_equal(items->items[4].caption_count, 1);
    assert_string_equal(items->items[4].captions[0], "Đội hình qua khán đài.");
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

/* The URLs of an item's pictures, in order, joined by spaces (a test's view). */
static const char *urls(const struct item *item)
{
    static char out[2048];
    out[0] = '\0';
    for (size_t i = 0; i < item->picture_count; i++)
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", i ? " " : "", item->pictures[i].url);
    return out;
}

#define RSS_HEAD "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel>" \
                 "<title>K</title><link>https://news.example.com/</link>"

/* media:content with neither type nor medium (Media RSS makes both
 * optional) was never a picture: it is one when its URL's extension is a
 * picture's, or when nothing says otherwise (no extension, and no other
 * rendition beside it declares a film or a sound); a film or sound by its
 * extension is none. An enclosure or enclosure link without a type the same. */
static void media_content_without_type_or_medium_is_a_picture(void **state)
{
    (void)state;
    const char *rss =
        RSS_HEAD
        "<item><title>1</title><link>https://news.example.com/1</link>"
        "<media:content url=\"https://cdn.example.com/2025/07/ha-noi.JPG\"/></item>"
        "<item><title>2</title><link>https://news.example.com/2</link>"
        "<media:content url=\"https://img.example.com/photo?id=77&amp;w=800\" width=\"800\" height=\"533\">"
        "<media:description>Quang cảnh.</media:description></media:content></item>"
        "<item><title>3</title><link>https://news.example.com/3</link><media:group>"
        "<media:content url=\"https://v.example.com/3/hd\" type=\"video/mp4\"/>"
        "<media:content url=\"https://v.example.com/3/sd\"/></media:group></item>"
        "<item><title>4</title><link>https://news.example.com/4</link>"
        "<media:content url=\"https://v.example.com/4.mp4\"/><media:content url=\"https://a.example.com/4.mp3\"/></item>"
        "<item><title>5</title><link>https://news.example.com/5</link>"
        "<enclosure url=\"https://cdn.example.com/5.webp\" length=\"100\"/></item>"
        "<item><title>6</title><link>https://news.example.com/6</link>"
        "<media:content url=\"https://cdn.example.com/6.png\" type=\"\" medium=\"\"/></item>"
        "</channel></rss>";
    struct item_list *items = parse_text("media.rss", rss);
    assert_int_equal(items->count, 6);
    assert_string_equal(urls(&items->items[0]), "https://cdn.example.com/2025/07/ha-noi.JPG");
    assert_string_equal(urls(&items->items[1]), "https://img.example.com/photo?id=77&w=800");
    assert_string_equal(items->items[1].pictures[0].caption, "Quang cảnh.");
    assert_int_equal(items->items[1].pictures[0].width, 800);
    assert_string_equal(urls(&items->items[2]), "");
    assert_string_equal(urls(&items->items[3]), "");
    assert_string_equal(urls(&items->items[4]), "https://cdn.example.com/5.webp");
    assert_string_equal(urls(&items->items[5]), "https://cdn.example.com/6.png");
    item_list_destroy(items);
    const char *atom = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>K</title><entry>"
                       "<title>7</title><link href=\"https://news.example.com/7\"/>"
                       "<link rel=\"enclosure\" href=\"https://cdn.example.com/7.jpeg\"/></entry></feed>";
    items = parse_text("media.atom", atom);
    assert_string_equal(urls(&items->items[0]), "https://cdn.example.com/7.jpeg");
    item_list_destroy(items);
}

/* A tracking pixel (a declared 1x1, 0x0, 2x2..., in attributes or a style,
 * or hidden) is no picture, wherever it is named and whoever serves it: it
 * was the item's only picture, or its first. The real picture beside it
 * stays, and so does the text. */
static void tracking_pixels_are_no_picture(void **state)
{
    (void)state;
    const char *rss =
        RSS_HEAD
        "<item><title>1</title><link>https://news.example.com/1</link><description><![CDATA["
        "<p>Hai bên hội đàm.</p><img src=\"https://feeds.example.net/~r/news/~4/aBcD\" height=\"1\" width=\"1\" "
        "alt=\"\"/>]]></description></item>"
        "<item><title>2</title><link>https://news.example.com/2</link><description><![CDATA["
        "<img width=\"0\" height=\"0\" src=\"https://stats.example.org/t.gif?u=2\">"
        "<img src=\"https://news.example.com/2.jpg\" width=\"640\" height=\"360\"> Hai bên hội đàm.]]></description></item>"
        "<item><title>3</title><link>https://news.example.com/3</link><description><![CDATA["
        "<img src=\"https://news.example.com/b.png\" style=\"border:0; width:1px;height:1px\"/>"
        "<img src=\"https://news.example.com/c.png\" style=\"display: none\"/>"
        "<img src=\"https://news.example.com/d.png\" width=\"3\" height=\"3\"/>"
        "<img src=\"https://news.example.com/3.jpg\" width=\"100%\" style=\"max-width:2px\"/>Hai bên hội đàm."
        "]]></description></item>"
        "<item><title>4</title><link>https://news.example.com/4</link>"
        "<media:content url=\"https://news.example.com/px.gif\" type=\"image/gif\" width=\"1\" height=\"1\"/>"
        "<media:thumbnail url=\"https://news.example.com/tn.jpg\" width=\"2\" height=\"2\"/>"
        "<media:content url=\"https://news.example.com/4.jpg\" medium=\"image\" width=\"1200\" height=\"800\"/></item>"
        "</channel></rss>";
    struct item_list *items = parse_text("pixels.rss", rss);
    assert_int_equal(items->count, 4);
    assert_string_equal(urls(&items->items[0]), "");
    assert_string_equal(items->items[0].summary, "Hai bên hội đàm.");
    assert_string_equal(urls(&items->items[1]), "https://news.example.com/2.jpg");
    assert_string_equal(items->items[1].summary, "Hai bên hội đàm.");
    assert_string_equal(urls(&items->items[2]), "https://news.example.com/3.jpg");
    assert_string_equal(urls(&items->items[3]), "https://news.example.com/4.jpg");
    item_list_destroy(items);
}

static struct item_list *parse_from(const char *url, const char *path, const char *xml)
{
    struct ingest_context context = {.name = "relative", .url = url, .path = path};
    return parse_in(&context, xml, strlen(xml));
}

/* Relative pictures: in a feed from the network against the document's own
 * URL (else the feed's link, else the item's), never a local path; in a
 * feed on a stick beside the file, except a site-relative "/pictures/..."
 * outside its folder, which is on the feed's web site (it was a path from
 * the root of the kiosk's disk). */
static void relative_pictures_resolve_where_the_feed_is(void **state)
{
    (void)state;
    const char *body = "<item><title>1</title><link>https://news.example.com/2025/07/1.html</link><description>"
                       "<![CDATA[<img src=\"/pictures/a.jpg\"> <img src=\"b.jpg\"> Hai bên hội đàm.]]></description>"
                       "<media:content url=\"../c.jpg\" medium=\"image\"/></item></channel></rss>";
    char xml[2048];
    snprintf(xml, sizeof xml, "%s%s", RSS_HEAD, body);
    struct item_list *items = parse_from("https://feeds.example.org/news/rss.xml", NULL, xml);
    assert_string_equal(urls(&items->items[0]), "https://feeds.example.org/pictures/a.jpg "
                                                "https://feeds.example.org/news/b.jpg https://feeds.example.org/c.jpg");
    item_list_destroy(items);
    /* no URL known and no feed link: the item's link */
    snprintf(xml, sizeof xml, "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/"
             "mrss/\"><channel><title>K</title>%s", body);
    items = parse_from(NULL, NULL, xml);
    assert_string_equal(urls(&items->items[0]), "https://news.example.com/pictures/a.jpg "
                                                "https://news.example.com/2025/07/b.jpg https://news.example.com/2025/c.jpg");
    item_list_destroy(items);
    /* on a stick: beside the file, and the site-relative one on the feed's site */
    snprintf(xml, sizeof xml, "%s%s", RSS_HEAD, body);
    items = parse_from(NULL, "/media/usb/news/tin.xml", xml);
    assert_string_equal(urls(&items->items[0]), "https://news.example.com/pictures/a.jpg /media/usb/news/b.jpg "
                                                "/media/usb/c.jpg");
    item_list_destroy(items);
    const char *inside = RSS_HEAD "<item><title>1</title><enclosure url=\"/media/usb/news/pics/d.jpg\" "
                                  "type=\"image/jpeg\"/></item></channel></rss>";
    items = parse_from(NULL, "/media/usb/news/tin.xml", inside);
    assert_string_equal(urls(&items->items[0]), "/media/usb/news/pics/d.jpg"); /* a path in its own folder stays */
    item_list_destroy(items);
    /* a network-path reference names a host, on a stick too: https when no base says otherwise */
    const char *host = "<rss version=\"2.0\"><channel><title>K</title><item><title>1</title><description><![CDATA["
                       "<img src=\"//cdn.example.com/x.jpg\"> Hai bên hội đàm.]]></description></item></channel></rss>";
    items = parse_from(NULL, "/media/usb/news/tin.xml", host);
    assert_string_equal(urls(&items->items[0]), "https://cdn.example.com/x.jpg");
    item_list_destroy(items);
    items = parse_from("http://news.example.com/rss", NULL, host);
    assert_string_equal(urls(&items->items[0]), "http://cdn.example.com/x.jpg");
    item_list_destroy(items);
}

/* A media:content or enclosure that says neither type nor medium and names
 * a film (".mp4", ".m3u8?token") is a video, as one of type video/ is (it
 * stayed news); a picture's or a sound's stays what it was. */
static void media_without_type_naming_a_film_is_a_video(void **state)
{
    (void)state;
    const char *xml =
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel>"
        "<title>T</title><link>https://e.vn/</link>"
        "<item><title>Một</title><link>https://e.vn/1</link><description>Tin một.</description>"
        "<media:content url=\"https://cdn.e.vn/clip.MP4\"/></item>"
        "<item><title>Hai</title><link>https://e.vn/2</link><description>Tin hai.</description>"
        "<enclosure url=\"https://cdn.e.vn/live.m3u8?token=1\" length=\"0\"/></item>"
        "<item><title>Ba</title><link>https://e.vn/3</link><description>Tin ba.</description>"
        "<media:content url=\"https://cdn.e.vn/anh.jpg\"/><enclosure url=\"https://cdn.e.vn/a.mp3\"/></item>"
        "</channel></rss>";
    struct item_list *items = parse_text("films.xml", xml);
    assert_int_equal(items->count, 3);
    assert_int_equal(items->items[0].kind, ITEM_VIDEO);
    assert_string_equal(items->items[0].summary, "Tin một.");
    assert_int_equal(items->items[1].kind, ITEM_VIDEO);
    assert_int_equal(items->items[2].kind, ITEM_NEWS);
    assert_int_equal(items->items[2].picture_count, 1);
    item_list_destroy(items);
}

/* A media:group's full picture, which declares no size, comes before its
 * 100 px rendition (the thumbnail was the item's picture); a thumbnail
 * after a picture too large for the screen as well. */
static void a_thumbnail_comes_after_the_full_picture(void **state)
{
    (void)state;
    const char *xml =
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel>"
        "<title>T</title><link>https://e.vn/</link>"
        "<item><title>Một</title><link>https://e.vn/1</link><description>Tin một.</description><media:group>"
        "<media:content url=\"https://cdn.e.vn/a.jpg\" isDefault=\"true\"/>"
        "<media:content url=\"https://cdn.e.vn/a_small.jpg\" width=\"100\" height=\"67\"/></media:group></item>"
        "<item><title>Hai</title><link>https://e.vn/2</link><description>Tin hai.</description>"
        "<media:thumbnail url=\"https://cdn.e.vn/t.jpg\" width=\"150\" height=\"100\"/>"
        "<media:content url=\"https://cdn.e.vn/big.jpg\" width=\"4000\" height=\"3000\"/>"
        "<media:content url=\"https://cdn.e.vn/fit.jpg\" width=\"1200\" height=\"800\"/></item>"
        "</channel></rss>";
    struct item_list *items = parse_text("thumbs.xml", xml);
    assert_int_equal(items->count, 2);
    assert_int_equal(items->items[0].picture_count, 2);
    assert_string_equal(items->items[0].pictures[0].url, "https://cdn.e.vn/a.jpg");
    assert_int_equal(items->items[1].picture_count, 3);
    assert_string_equal(items->items[1].pictures[0].url, "https://cdn.e.vn/fit.jpg");
    assert_string_equal(items->items[1].pictures[1].url, "https://cdn.e.vn/big.jpg");
    assert_string_equal(items->items[1].pictures[2].url, "https://cdn.e.vn/t.jpg");
    item_list_destroy(items);
}

/* srcset (HTML Standard's candidates: a URL, then a "w" or "x"
 * descriptor): the largest candidate is the picture, in a feed's
 * description as in a page's body, from an <img> with no src or a data:
 * placeholder one, or from a <picture>'s first <source> (a page's from
 * its figures, as every picture of a page); a tracking pixel
 * stays none, declared by size or by its only candidate's "1w". */
static void srcset_names_the_largest_picture(void **state)
{
    (void)state;
    const char *rss =
        RSS_HEAD
        "<item><title>1</title><link>https://news.example.com/a/b/1.html</link><description><![CDATA["
        "<img srcset=\"/s/small.jpg 300w, /s/big.jpg 1200w,/s/mid.jpg 800w\">Hai bên hội đàm.]]></description></item>"
        "<item><title>2</title><link>https://news.example.com/a/b/2.html</link><description><![CDATA["
        "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" srcset=\"s2.jpg, s2-3x.jpg 3x, s2-2x.jpg 2x\">"
        "Hai bên hội đàm.]]></description></item>"
        "<item><title>3</title><link>https://news.example.com/a/b/3.html</link><description><![CDATA["
        "<picture><source type=\"image/webp\" srcset=\"/p/narrow.webp 640w, /p/wide.webp 1600w\">"
        "<source srcset=\"/p/other.jpg 2000w\"><img src=\"/p/fallback.jpg\"></picture>Hai bên hội đàm.]]>"
        "</description></item>"
        "<item><title>4</title><link>https://news.example.com/a/b/4.html</link><description><![CDATA["
        "<img width=\"1\" height=\"1\" srcset=\"https://stats.example.org/t.gif 600w\">"
        "<img srcset=\"https://stats.example.org/u.gif 1w\">Hai bên hội đàm.]]></description></item>"
        "</channel></rss>";
    struct item_list *items = parse_text("srcset.rss", rss);
    assert_int_equal(items->count, 4);
    assert_string_equal(urls(&items->items[0]), "https://news.example.com/s/big.jpg");
    assert_string_equal(urls(&items->items[1]), "https://news.example.com/s2-3x.jpg");
    assert_string_equal(urls(&items->items[2]), "https://news.example.com/p/wide.webp");
    assert_string_equal(urls(&items->items[3]), "");
    item_list_destroy(items);
    const char *page = "<html><head><meta charset=\"utf-8\"><meta property=\"og:url\" content=\"https://x.vn/a/b.html\">"
                       "<title>Tiêu đề</title></head><body><article><h1>Tiêu đề</h1>"
                       "<figure><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" data-srcset=\"/h/1-480.jpg 480w, "
                       "/h/1-1080.jpg 1080w\"><figcaption>Chú thích ảnh.</figcaption></figure>"
                       "<p>Một đoạn mở đầu đủ dài để làm phần tóm tắt của bài báo này.</p>"
                       "<figure><picture><source srcset=\"/h/2-big.jpg 1600w, /h/2-small.jpg 400w\"><img alt=\"\"></picture>"
                       "<figcaption>Ảnh thứ hai.</figcaption></figure>"
                       "<p>Đoạn thứ hai của bài báo, cũng đủ dài.</p></article></body></html>";
    struct ingest_context context = {.name = "p.html", .url = "https://x.vn/a/b.html"};
    items = parse_in(&context, page, strlen(page));
    assert_int_equal(items->count, 1);
    assert_string_equal(urls(&items->items[0]), "https://x.vn/h/1-1080.jpg https://x.vn/h/2-big.jpg");
    assert_string_equal(items->items[0].pictures[0].caption, "Chú thích ảnh.");
    assert_string_equal(items->items[0].pictures[1].caption, "Ảnh thứ hai.");
    item_list_destroy(items);
}

int main(void)
{
    source_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(youtube_entries_are_videos_with_their_description),
        cmocka_unit_test(media_of_video_makes_a_video_and_its_text),
        cmocka_unit_test(media_content_without_type_or_medium_is_a_picture),
        cmocka_unit_test(tracking_pixels_are_no_picture),
        cmocka_unit_test(relative_pictures_resolve_where_the_feed_is),
        cmocka_unit_test(media_without_type_naming_a_film_is_a_video),
        cmocka_unit_test(a_thumbnail_comes_after_the_full_picture),
        cmocka_unit_test(srcset_names_the_largest_picture),
    };
    int status = cmocka_run_group_tests(tests, NULL, NULL);
    source_global_cleanup();
    return status;
}
