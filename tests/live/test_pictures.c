/* Pictures: the fit rule, decoding (a broken image, a 50-megapixel photo
 * within the memory budget, every format the issue names), the pictures
 * kept with their item in the item cache, the picture worker end to end on
 * local files, and its decoder child: a picture that kills it is reported,
 * the others still come, and the next start does not try it again. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "base/picture_fit.h"
#include "base/picture_mailbox.h"
#include "live/cache/cache.h"
#include "live/pictures/imagecache.h"
#include "live/pictures/picture_decode.h"
#include "live/pictures/picture_child.h"
#include "live/pictures/picture_worker.h"
#include "testutil.h"
#include <sqlite3.h>
#ifdef TICKER_HAVE_VIPS
#include <vips/vips.h>
#endif

static char *demo(const char *name)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/assets/demo/pictures/%s", TICKER_SOURCE_DIR, name);
    return path;
}

static void fit_keeps_proportions_and_pans_tall_pictures(void **state)
{
    (void)state;
    int w, h;
    picture_fit(6000, 4000, 740, 426, &w, &h); /* a photo: the whole of it in the box */
    assert_int_equal(h, 426);
    assert_int_equal(w, 639);
    picture_fit(400, 300, 740, 426, &w, &h); /* never enlarged */
    assert_int_equal(w, 400);
    assert_int_equal(h, 300);
    picture_fit(1000, 8000, 740, 426, &w, &h); /* an infographic: at most 4 box heights, panned */
    assert_int_equal(h, 4 * 426);
    assert_int_equal(w, 213);
    picture_fit(800, 3200, 740, 426, &w, &h);
    assert_true(h <= 4 * 426 && w <= 740);
    picture_fit(0, 10, 740, 426, &w, &h);
    assert_int_equal(w, 0);
}

static bool decode_file(const char *path, int bw, int bh, struct picture_pixels *out, char *err, size_t err_size)
{
    size_t size;
    char *bytes = testutil_read_file(path, &size);
    assert_non_null(bytes);
    bool ok = picture_decode(bytes, size, path, bw, bh, out, err, err_size);
    free(bytes);
    return ok;
}

static void broken_images_are_refused_with_the_reason(void **state)
{
    (void)state;
    char err[768];
    struct picture_pixels p;
    const char garbage[] = "<html>404 Not Found</html>";
    assert_false(picture_decode(garbage, sizeof garbage, "https://example.vn/a.jpg", 740, 426, &p, err, sizeof err));
    assert_non_null(strstr(err, "https://example.vn/a.jpg"));
    assert_null(p.rgba);
    /* A JPEG cut off in its middle (a transfer that ended early). */
    size_t size;
    char *jpeg = testutil_read_file(demo("khu-trung-bay.jpg"), &size);
    assert_non_null(jpeg);
    bool ok = picture_decode(jpeg, 600, "cut.jpg", 740, 426, &p, err, sizeof err);
    if (ok) /* a decoder may draw what arrived: then it is still the right size */
        assert_true(p.width <= 740 && p.height <= 426);
    else
        assert_non_null(strstr(err, "cut.jpg"));
    picture_pixels_clear(&p);
    free(jpeg);
}

static void formats_decode_to_the_box(void **state)
{
    (void)state;
    char err[768];
    struct picture_pixels p;
    assert_true(decode_file(demo("khu-trung-bay.jpg"), 740, 426, &p, err, sizeof err));
    assert_int_equal(p.width, 740 < 1600 * 426 / 900 ? 740 : 757);
    assert_true(p.height <= 426);
    assert_int_equal(p.pitch, (size_t)p.width * 4);
    /* Opaque: the sky's blue at the top-left, the ground's green at the foot. */
    assert_int_equal(p.rgba[3], 255);
    assert_true(p.rgba[2] > p.rgba[0]);
    const uint8_t *foot = p.rgba + (size_t)(p.height - 2) * p.pitch;
    assert_true(foot[1] > foot[0] && foot[1] > foot[2]);
    picture_pixels_clear(&p);
    assert_true(decode_file(demo("con-so.png"), 740, 426, &p, err, sizeof err));
    assert_true(p.height == 4 * 426 && p.width == 800 * 4 * 426 / 3200);
    picture_pixels_clear(&p);
}

#ifdef TICKER_HAVE_VIPS
/* 8660 x 5774 (50 megapixels): decoded whole it is 200 MB of pixels; the
 * decoder shrinks while it loads and stays within the picture budget. The
 * file is made here (streamed by libvips, in little memory) and EXIF says
 * it is turned (orientation 6): the result is portrait. */
static void a_fifty_megapixel_photo_stays_within_the_memory_budget(void **state)
{
    (void)state;
    char path[] = "/tmp/ticker-50mp-XXXXXX.jpg";
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    close(fd);
    VipsImage *noise = NULL, *u8 = NULL, *rgb = NULL;
    assert_int_equal(vips_gaussnoise(&noise, 8660, 5774, "mean", 128.0, "sigma", 30.0, NULL), 0);
    assert_int_equal(vips_cast_uchar(noise, &u8, NULL), 0);
    VipsImage *bands[3] = {u8, u8, u8};
    assert_int_equal(vips_bandjoin(bands, &rgb, 3, NULL), 0);
    vips_image_set_int(rgb, VIPS_META_ORIENTATION, 6);
    assert_int_equal(vips_jpegsave(rgb, path, "Q", 70, NULL), 0);
    g_object_unref(rgb);
    g_object_unref(u8);
    g_object_unref(noise);

    struct rusage before, after;
    getrusage(RUSAGE_SELF, &before);
    char err[768];
    struct picture_pixels p;
    assert_true(decode_file(path, 740, 426, &p, err, sizeof err));
    getrusage(RUSAGE_SELF, &after);
    printf("50 MP decoded to %dx%d\n", p.width, p.height);
    assert_true(p.height <= 426 && p.width < p.height); /* turned by its EXIF orientation */
    long grown_mb = (after.ru_maxrss - before.ru_maxrss) / 1024;
    printf("50 MP decode: peak RSS grew %ld MB\n", grown_mb);
#ifndef __SANITIZE_ADDRESS__ /* AddressSanitizer's shadow and quarantine count in the RSS */
    assert_true(grown_mb < 64); /* the file's bytes (~15 MB) and the shrunk decode; 200 MB whole */
#endif
    picture_pixels_clear(&p);
    unlink(path);
}
#endif

/* The worker, given a wish of a good picture, a broken one and a missing
 * one, posts one result for each: pixels for the first, the reason for the
 * others; nothing is delivered twice for the same wish. */
static void the_worker_answers_every_wished_picture(void **state)
{
    (void)state;
    char broken[] = "/tmp/ticker-broken-XXXXXX.png";
    int fd = mkstemps(broken, 4);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "\x89PNG\r\n\x1a\nnot really", 18), 18);
    close(fd);
    struct config *config = config_create();
    char cache[] = "/tmp/ticker-worker-XXXXXX";
    assert_non_null(mkdtemp(cache));
    char db[256];
    snprintf(db, sizeof db, "%s/cache.db", cache);
    free(config->cache.path);
    config->cache.path = strdup(db);
    assert_true(config_add_source(config, broken, 0)); /* its folder is a local source's */
    struct picture_mailbox *m = picture_mailbox_create();
    struct picture_worker *w = picture_worker_start(config, m, NULL);
    assert_non_null(w);
    const char *urls[] = {demo("khu-trung-bay.jpg"), broken, "/nonexistent/picture.jpg"};
    picture_mailbox_wish(m, urls, 3, 740, 426, 0, 0);
    int got = 0, good = 0;
    /* A minute at most: under qemu-user on a loaded machine a decode takes
     * seconds (the arm64 run waited out a 10 s budget once). */
    for (int tries = 0; tries < 6000 && got < 3; tries++) {
        struct picture_result r;
        if (!picture_mailbox_take(m, &r)) {
            usleep(10000);
            continue;
        }
        got++;
        if (strcmp(r.url, urls[0]) == 0) {
            assert_non_null(r.rgba);
            assert_true(r.width <= 740 && r.height <= 426);
            good++;
        } else {
            assert_null(r.rgba);
            assert_non_null(strstr(r.error, r.url));
        }
        picture_result_clear(&r);
    }
    assert_int_equal(got, 3);
    assert_int_equal(good, 1);
    usleep(100000);
    struct picture_result extra;
    assert_false(picture_mailbox_take(m, &extra));
    picture_worker_stop(w);
    picture_mailbox_destroy(m);
    config_destroy(config);
    unlink(broken);
    char command[256];
    snprintf(command, sizeof command, "rm -rf %s", cache);
    assert_int_equal(system(command), 0);
}

static void take_results(struct picture_mailbox *m, struct picture_result *out, int want)
{
    int got = 0;
    for (int tries = 0; tries < 6000 && got < want; tries++) /* a minute at most (qemu-user) */
        if (picture_mailbox_take(m, &out[got]))
            got++;
        else
            usleep(10000);
    assert_int_equal(got, want);
}

static const struct picture_result *result_for(const struct picture_result *r, int n, const char *url)
{
    for (int i = 0; i < n; i++)
        if (strcmp(r[i].url, url) == 0)
            return &r[i];
    fail_msg("no result for %s", url);
    return NULL;
}

/* The decoder child dies on one picture (the test hook makes it fault as
 * a codec would: SIGSEGV, or exit status 1 where AddressSanitizer catches
 * the fault): the kiosk goes on, says which picture it was, still
 * shows the good one wished after it, and at the next start (a new worker
 * on the same cache) the picture is not decoded again. */
static void a_picture_that_kills_the_decoder_is_not_tried_at_the_next_start(void **state)
{
    (void)state;
    char dir[] = "/tmp/ticker-isolation-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char crash[256], db[256], command[2200];
    snprintf(crash, sizeof crash, "%s/crash-me.jpg", dir);
    snprintf(command, sizeof command, "cp %s %s", demo("khu-trung-bay.jpg"), crash);
    assert_int_equal(system(command), 0);
    snprintf(db, sizeof db, "%s/cache.db", dir);
    struct config *config = config_create();
    free(config->cache.path);
    config->cache.path = strdup(db);
    assert_true(config_add_source(config, dir, 0));
    assert_true(config_add_source(config, TICKER_SOURCE_DIR "/assets/demo/pictures", 0));
    setenv(PICTURE_CHILD_CRASH_ENV, "crash-me", 1);
    for (int start = 0; start < 2; start++) {
        struct picture_mailbox *m = picture_mailbox_create();
        struct picture_worker *w = picture_worker_start_isolated(config, m, NULL, TICKER_BINARY);
        assert_non_null(w);
        const char *urls[] = {crash, demo("khu-trung-bay.jpg")};
        picture_mailbox_wish(m, urls, 2, 740, 426, 0, 0);
        struct picture_result r[2];
        take_results(m, r, 2);
        const struct picture_result *bad = result_for(r, 2, crash), *good = result_for(r, 2, urls[1]);
        printf("start %d: %s\n", start + 1, bad->error);
        assert_null(bad->rgba);
        assert_non_null(strstr(bad->error, crash));
        assert_non_null(strstr(bad->error, start == 0 ? "the decoder died on it ("
                                                       : "killed the picture decoder before; not tried again"));
        assert_non_null(good->rgba); /* nothing lost: the good picture after the bad one */
        picture_result_clear(&r[0]);
        picture_result_clear(&r[1]);
        picture_worker_stop(w);
        picture_mailbox_destroy(m);
    }
    unsetenv(PICTURE_CHILD_CRASH_ENV);
    config_destroy(config);
    snprintf(command, sizeof command, "rm -rf %s", dir);
    assert_int_equal(system(command), 0);
}

static void make_old_cache(const char *path, int version)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char sql[1024];
    snprintf(sql, sizeof sql,
             "CREATE TABLE items (id TEXT PRIMARY KEY, origin TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,"
             " summary TEXT NOT NULL, captions TEXT NOT NULL, source TEXT NOT NULL, link TEXT NOT NULL,"
             " published INTEGER, categories TEXT NOT NULL, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL%s);"
             "INSERT INTO items(id, origin, kind, title, summary, captions, source, link, published, categories,"
             " first_seen, last_seen) VALUES('old', 'feed', 'news', 'Tin cũ', '', '[]', 's', '', NULL, '[]', 100, 100);"
             "PRAGMA user_version=%d;",
             version >= 2 ? ", severity TEXT NOT NULL DEFAULT '', expires INTEGER NOT NULL DEFAULT 0" : "", version);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* Pictures are kept with their item in the cache (schema 3). A file of
 * schema 1 (before alerts) or 2 (before pictures) keeps its items, gains the
 * column, and then keeps pictures: url, caption and declared size, in order. */
static void the_cache_keeps_pictures_and_migrates_older_files(void **state)
{
    (void)state;
    for (int version = 1; version <= 2; version++) {
        char path[] = "/tmp/ticker-cache-pictures-XXXXXX";
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        close(fd);
        make_old_cache(path, version);
        struct cache *cache = cache_open(path);
        assert_non_null(cache);
        assert_string_equal(cache_path(cache), path); /* migrated, not moved aside */
        char err[512];
        struct item_list *items = cache_items(cache, err, sizeof err);
        assert_non_null(items);
        assert_int_equal(items->count, 1);
        assert_string_equal(items->items[0].title, "Tin cũ");
        assert_int_equal(items->items[0].picture_count, 0);
        item_list_destroy(items);

        struct item_list *fresh = item_list_create();
        struct item item;
        item_init(&item);
        assert_true(item_set(&item.id, "new"));
        assert_true(item_set(&item.title, "Tin có ảnh"));
        assert_true(item_add_picture(&item, "https://example.vn/a.jpg", "Ảnh: \"Gia Lâm\"", 1600, 900));
        assert_true(item_add_picture(&item, "/media/usb/tin/b.png", "", 0, 0));
        assert_true(item_list_push(fresh, &item));
        item_clear(&item);
        size_t changed;
        assert_true(cache_begin(cache, err, sizeof err));
        assert_true(cache_store_items(cache, "feed", fresh, 200, &changed, err, sizeof err));
        assert_true(cache_commit(cache, err, sizeof err));
        item_list_destroy(fresh);
        cache_close(cache);

        cache = cache_open(path); /* as after a reboot */
        items = cache_items(cache, err, sizeof err);
        assert_non_null(items);
        const struct item *got = NULL;
        for (size_t i = 0; i < items->count; i++)
            if (!strcmp(items->items[i].id, "new"))
                got = &items->items[i];
        assert_non_null(got);
        assert_int_equal(got->picture_count, 2);
        assert_string_equal(got->pictures[0].url, "https://example.vn/a.jpg");
        assert_string_equal(got->pictures[0].caption, "Ảnh: \"Gia Lâm\"");
        assert_int_equal(got->pictures[0].width, 1600);
        assert_int_equal(got->pictures[0].height, 900);
        assert_string_equal(got->pictures[1].url, "/media/usb/tin/b.png");
        item_list_destroy(items);
        cache_close(cache);
        char command[256];
        snprintf(command, sizeof command, "rm -f %s %s-wal %s-shm", path, path, path);
        assert_int_equal(system(command), 0);
    }
}

int main(int argc, char **argv)
{
    (void)argc;
    char err[512];
    if (!picture_decode_init(argv[0], err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fit_keeps_proportions_and_pans_tall_pictures),
        cmocka_unit_test(broken_images_are_refused_with_the_reason),
        cmocka_unit_test(formats_decode_to_the_box),
#ifdef TICKER_HAVE_VIPS
        cmocka_unit_test(a_fifty_megapixel_photo_stays_within_the_memory_budget),
#endif
        cmocka_unit_test(the_worker_answers_every_wished_picture),
        cmocka_unit_test(the_cache_keeps_pictures_and_migrates_older_files),
        cmocka_unit_test(a_picture_that_kills_the_decoder_is_not_tried_at_the_next_start),
    };
    int status = cmocka_run_group_tests(tests, NULL, NULL);
    picture_decode_shutdown();
    return status;
}
