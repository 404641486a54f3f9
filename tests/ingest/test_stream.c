/* Feeds read as a stream (source_stream, reader_load_each): the same items
 * as read whole, in any cut of the bytes and any encoding, handed on while
 * the file is still being read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/config.h"
#include "ingest/source.h"
#include "live/fetch/reader.h"

/* A feed of about megabytes MB with what real feeds carry: Vietnamese
 * titles, HTML entities, a bare '&', CDATA with markup, media:content, a
 * guid reused by different items and items listed twice. */
static char *make_feed(size_t megabytes, size_t *size)
{
    size_t cap = megabytes * 1024 * 1024 + 4096, len = 0;
    char *feed = malloc(cap);
    assert_non_null(feed);
    len += (size_t)snprintf(feed, cap,
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
                            "xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>Báo Thử</title>"
                            "<link>https://bao.vn/</link>\n");
    for (unsigned k = 0; len + 2048 < cap; k++) {
        unsigned guid = k % 50 == 7 ? 7 : k; /* reused by different items */
        unsigned story = k % 97 == 5 ? k - 1 : k; /* the item before, listed again */
        len += (size_t)snprintf(
            feed + len, cap - len,
            "<item><title>Tin số %u: R&D ngân&nbsp;sách &ndash; “hội đàm” &amp; ký kết</title>"
            "<link>https://bao.vn/tin-%u.html</link><guid isPermaLink=\"false\">g-%u</guid>"
            "<pubDate>Wed, 16 Jul 2025 09:30:00 +0700</pubDate>"
            "<description><![CDATA[<p><img src=\"/anh/%u.jpg\"></p>Hai bên nhất trí thúc đẩy hợp tác "
            "gìn giữ hòa bình, khắc phục hậu quả chiến tranh &eacute; &#150; số %u.]]></description>"
            "<media:content url=\"https://bao.vn/%u-lon.jpg\" medium=\"image\" width=\"1200\" height=\"800\">"
            "<media:description>Quang cảnh số %u.</media:description></media:content></item>\n",
            story, story, k % 97 == 5 ? story : guid, story, story, story, story);
    }
    len += (size_t)snprintf(feed + len, cap - len, "</channel></rss>\n");
    *size = len;
    return feed;
}

/* The feed in another encoding (glibc iconv), with the declaration it names. */
static char *encode(const char *utf8, size_t size, const char *encoding, const char *bom, size_t bom_size,
                    size_t *out_size)
{
    iconv_t cd = iconv_open(encoding, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t cap = size * 4 + 64;
    char *out = malloc(cap);
    assert_non_null(out);
    memcpy(out, bom, bom_size);
    char *in = (char *)utf8, *w = out + bom_size;
    size_t in_left = size, out_left = cap - bom_size;
    assert_true(iconv(cd, &in, &in_left, &w, &out_left) != (size_t)-1);
    iconv_close(cd);
    *out_size = (size_t)(w - out);
    return out;
}

struct collected {
    struct item_list *items;
    const char *path; /* when set: the reader's position in this file at the first item */
    long long position_at_first;
    long long open_at_first; /* descriptors open on path then */
};

/* The offset of the descriptor this process has open on path, from
 * /proc/self/fdinfo; -1 when none is open. */
static long long position_in(const char *path, long long *open_count)
{
    DIR *dir = opendir("/proc/self/fd");
    assert_non_null(dir);
    long long position = -1;
    *open_count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir))) {
        char link[300], target[4096], info[300];
        snprintf(link, sizeof link, "/proc/self/fd/%s", entry->d_name);
        ssize_t n = readlink(link, target, sizeof target - 1);
        if (n <= 0)
            continue;
        target[n] = '\0';
        if (strcmp(target, path))
            continue;
        snprintf(info, sizeof info, "/proc/self/fdinfo/%s", entry->d_name);
        FILE *f = fopen(info, "r");
        assert_non_null(f);
        assert_int_equal(fscanf(f, "pos: %lld", &position), 1);
        fclose(f);
        (*open_count)++;
    }
    closedir(dir);
    return position;
}

static bool collect(void *arg, struct item *item)
{
    struct collected *c = arg;
    if (c->path && c->items->count == 0)
        c->position_at_first = position_in(c->path, &c->open_at_first);
    return item_list_push(c->items, item);
}

static void assert_same_items(const struct item_list *a, const struct item_list *b)
{
    assert_int_equal(a->count, b->count);
    for (size_t i = 0; i < a->count; i++) {
        char *ja = item_to_json(&a->items[i]), *jb = item_to_json(&b->items[i]);
        assert_string_equal(ja, jb);
        free(ja);
        free(jb);
    }
}

/* Read whole (source_parse_in), as every caller did before the stream. */
static struct item_list *read_whole(const struct config *config, const char *data, size_t size)
{
    struct ingest_context context = {.name = "bao.rss", .url = "https://bao.vn/rss"};
    struct item_list *items = item_list_create();
    struct source_info info;
    char reason[512];
    assert_true(source_parse_in(&context, data, size, &config->rules, items, &info, reason, sizeof reason));
    return items;
}

static struct item_list *read_streamed(const struct config *config, const char *data, size_t size, size_t piece,
                                       size_t head)
{
    struct ingest_context context = {.name = "bao.rss", .url = "https://bao.vn/rss"};
    struct collected c = {.items = item_list_create()};
    struct source_stream *stream = source_stream_create(&context, &config->rules, collect, &c);
    assert_non_null(stream);
    if (head)
        source_stream_set_head(stream, head);
    for (size_t pos = 0; pos < size; pos += piece)
        assert_true(source_stream_push(stream, data + pos, size - pos < piece ? size - pos : piece));
    struct source_info info;
    char reason[512];
    assert_true(source_stream_finish(stream, &info, reason, sizeof reason));
    assert_int_equal(info.format, SOURCE_FORMAT_FEED);
    source_stream_destroy(stream);
    return c.items;
}

/* Past the 1 MB head, in pieces that cut characters, references, CDATA
 * markers and tags anywhere: the very items the whole read gives. */
static void a_large_feed_streamed_in_any_pieces_gives_the_same_items(void **state)
{
    (void)state;
    struct config *config = config_create();
    size_t size;
    char *feed = make_feed(3, &size);
    struct item_list *whole = read_whole(config, feed, size);
    assert_true(whole->count > 3000);
    assert_string_equal(whole->items[0].title, "Tin số 0: R&D ngân sách – “hội đàm” & ký kết");
    assert_string_equal(whole->items[0].source, "Báo Thử");
    const size_t pieces[] = {1, 7, 4093, 65536, size};
    for (size_t i = 0; i < sizeof pieces / sizeof *pieces; i++) {
        struct item_list *streamed = read_streamed(config, feed, size, pieces[i], 0);
        assert_same_items(whole, streamed);
        item_list_destroy(streamed);
    }
    /* a reused guid: every different item kept, each id once; copies dropped */
    for (size_t i = 0; i < whole->count; i++)
        for (size_t j = i + 1; j < whole->count && j < i + 120; j++)
            assert_string_not_equal(whole->items[i].id, whole->items[j].id);
    item_list_destroy(whole);
    free(feed);
    config_destroy(config);
}

/* UTF-16 (a character cut between pieces) and windows-1258 (a letter held
 * back for its tone mark) decoded as they come, as read whole. */
static void a_large_feed_in_utf16_or_windows_1258_streams_like_whole(void **state)
{
    (void)state;
    struct config *config = config_create();
    size_t size;
    char *feed = make_feed(2, &size);
    struct item_list *reference = read_whole(config, feed, size);
    const struct {
        const char *encoding, *bom, *declared;
        size_t bom_size;
    } cases[] = {{"UTF-16LE", "\xFF\xFE", "UTF-8", 2}, {"WINDOWS-1258", "", "windows-1258", 0}};
    for (size_t i = 0; i < 2; i++) {
        char *declared = strdup(feed);
        char *at = strstr(declared, "UTF-8");
        char head[64];
        snprintf(head, sizeof head, "<?xml version=\"1.0\" encoding=\"%s\"?>", cases[i].declared);
        /* the declaration names the encoding (UTF-16 has its BOM and keeps "UTF-8", as servers write) */
        size_t rest = (size_t)(strstr(at, "?>") + 2 - declared);
        size_t text_size = strlen(head) + size - rest;
        char *text = malloc(text_size + 1);
        snprintf(text, text_size + 1, "%s%s", head, declared + rest);
        size_t encoded_size;
        char *encoded = encode(text, text_size, cases[i].encoding, cases[i].bom, cases[i].bom_size, &encoded_size);
        struct item_list *whole = read_whole(config, encoded, encoded_size);
        assert_same_items(reference, whole);
        struct item_list *streamed = read_streamed(config, encoded, encoded_size, 4093, 0);
        assert_same_items(whole, streamed);
        item_list_destroy(streamed);
        item_list_destroy(whole);
        free(encoded);
        free(text);
        free(declared);
    }
    item_list_destroy(reference);
    free(feed);
    config_destroy(config);
}

/* Items are handed on before the end of the bytes has come. */
static void items_arrive_before_the_feed_ends(void **state)
{
    (void)state;
    struct config *config = config_create();
    size_t size;
    char *feed = make_feed(3, &size);
    struct ingest_context context = {.name = "bao.rss"};
    struct collected c = {.items = item_list_create()};
    struct source_stream *stream = source_stream_create(&context, &config->rules, collect, &c);
    size_t half = size / 2;
    assert_true(source_stream_push(stream, feed, half));
    size_t early = c.items->count;
    assert_true(early > 1000); /* the first half's items, already out */
    assert_true(source_stream_push(stream, feed + half, size - half));
    struct source_info info;
    char reason[256];
    assert_true(source_stream_finish(stream, &info, reason, sizeof reason));
    assert_true(c.items->count > early);
    source_stream_destroy(stream);
    item_list_destroy(c.items);
    free(feed);
    config_destroy(config);
}

/* A file is read in pieces: when its first item is handed on, the reader
 * still has the file open, not yet read to its end. */
static void a_feed_file_is_handed_on_while_it_is_read(void **state)
{
    (void)state;
    struct config *config = config_create();
    config->fetch.max_bytes = 64L * 1024 * 1024;
    size_t size;
    char *feed = make_feed(4, &size);
    char dir[] = "/tmp/ticker-test-stream-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/bao.rss", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(feed, 1, size, f), size);
    assert_int_equal(fclose(f), 0);
    struct collected c = {.items = item_list_create(), .path = path};
    char err[512];
    assert_true(reader_load_each(path, config, collect, &c, err, sizeof err));
    assert_int_equal(c.open_at_first, 1);
    assert_true(c.position_at_first > 0);
    assert_true(c.position_at_first < (long long)size / 2);
    /* the same items as read whole */
    struct item_list *whole = item_list_create();
    struct ingest_context context = {.name = "bao.rss", .path = path};
    struct source_info info;
    assert_true(source_parse_in(&context, feed, size, &config->rules, whole, &info, err, sizeof err));
    assert_same_items(whole, c.items);
    item_list_destroy(whole);
    item_list_destroy(c.items);
    unlink(path);
    rmdir(dir);
    free(feed);
    config_destroy(config);
}

/* A small head (as the fuzz target uses) reaches the stream with small
 * feeds: still the same items for a plain UTF-8 feed. */
static void a_small_head_streams_small_feeds(void **state)
{
    (void)state;
    struct config *config = config_create();
    const char *xml = "<rss version=\"2.0\"><channel><title>K</title>"
                      "<item><title>Tin&nbsp;A</title><link>https://x.vn/a</link><guid>g</guid></item>"
                      "<item><title>Tin B</title><link>https://x.vn/b</link><guid>g</guid></item>"
                      "<item><title>Tin B</title><link>https://x.vn/b</link><guid>g</guid></item>"
                      "</channel></rss>";
    struct item_list *whole = read_whole(config, xml, strlen(xml));
    struct item_list *streamed = read_streamed(config, xml, strlen(xml), 3, 16);
    assert_int_equal(streamed->count, 2);
    assert_same_items(whole, streamed);
    item_list_destroy(whole);
    item_list_destroy(streamed);
    config_destroy(config);
}

int main(void)
{
    source_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_large_feed_streamed_in_any_pieces_gives_the_same_items),
        cmocka_unit_test(a_large_feed_in_utf16_or_windows_1258_streams_like_whole),
        cmocka_unit_test(items_arrive_before_the_feed_ends),
        cmocka_unit_test(a_feed_file_is_handed_on_while_it_is_read),
        cmocka_unit_test(a_small_head_streams_small_feeds),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    source_global_cleanup();
    return failed;
}
