/* base/hash: FNV-1a as published, and the hashes the kiosk has stored on
 * disk pinned to the values the code before base/hash made (computed with
 * the item.c, imagecache.c and reader.c of main at 2afbe43): item ids in the
 * cache, picture-cache file names, a source folder's fingerprint. A change
 * that moves any of them makes an upgraded kiosk lose its cache. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/hash.h"
#include "base/item.h"
#include "live/pictures/imagecache.h"
#include "live/fetch/reader.h"

static void standard_vectors(void **state)
{
    (void)state;
    /* the FNV reference's test vectors for FNV-1a 64 */
    assert_true(hash_string("") == 0xcbf29ce484222325ULL);
    assert_true(hash_string("a") == 0xaf63dc4c8601ec8cULL);
    assert_true(hash_string("foobar") == 0x85944171f73967e8ULL);
    assert_true(hash_bytes(HASH_FNV1A_BASIS, "foobar", 6) == hash_string("foobar"));
    assert_true(hash_text_field(HASH_FNV1A_BASIS, "ab") != hash_text_field(hash_text_field(HASH_FNV1A_BASIS, "a"), "b"));
}

static void item_ids_stay_as_stored(void **state)
{
    (void)state;
    char id[19];
    item_make_id("VnExpress", "Giá vàng hôm nay tăng mạnh", id);
    assert_string_equal(id, "h:c8ec262006d7a057");
    item_make_id(NULL, "Tin nóng", id);
    assert_string_equal(id, "h:54f984ae96887536");
    item_make_id("Tuổi Trẻ", NULL, id);
    assert_string_equal(id, "h:51a62bf6c3543021");
}

static char *make_dir(void)
{
    char *dir = strdup("/tmp/ticker-hash-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static void remove_dir(char *dir)
{
    char command[256];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    assert_int_equal(system(command), 0);
    free(dir);
}

static void picture_cache_names_stay_as_stored(void **state)
{
    (void)state;
    char *dir = make_dir();
    char err[512];
    char name[17];
    imagecache_name("https://vnexpress.net/anh/gia-vang.jpg", name);
    assert_string_equal(name, "7da6501a692ed94d");
    struct imagecache *cache = imagecache_open(dir, 1 << 20, 0, err, sizeof err);
    assert_non_null(cache);
    assert_true(imagecache_put(cache, "https://vnexpress.net/anh/gia-vang.jpg", "\xff\xd8\xff\xe0 a JPEG's head", 16, err, sizeof err));
    assert_true(imagecache_put(cache, "http://127.0.0.1:8080/p.png", "\x89PNG\r\n\x1a\n a PNG's", 16, err, sizeof err));
    imagecache_close(cache);
    char path[512];
    struct stat st;
    snprintf(path, sizeof path, "%s/7da6501a692ed94d", dir);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 16);
    snprintf(path, sizeof path, "%s/901f89ed0da2c17e", dir);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 16);
    remove_dir(dir);
}

static void write_file(const char *dir, const char *name, const char *bytes, time_t seconds, long nanoseconds)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(bytes, f);
    fclose(f);
    struct timespec times[2] = {{seconds, nanoseconds}, {seconds, nanoseconds}};
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

static void folder_fingerprints_stay_as_stored(void **state)
{
    (void)state;
    char *dir = make_dir();
    write_file(dir, "a.rss", "<rss>", 1700000000, 0);
    write_file(dir, "b.txt", "hello world", 1700000100, 500);
    char out[256], err[512];
    assert_true(reader_signature(dir, out, sizeof out, err, sizeof err));
    /* the folder's own size and time vary by file system; the files' sum is the hash */
    const char *sum = strrchr(out, ':');
    assert_non_null(sum);
    assert_string_equal(sum + 1, "8fc292c6f195210d");
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(standard_vectors),
        cmocka_unit_test(item_ids_stay_as_stored),
        cmocka_unit_test(picture_cache_names_stay_as_stored),
        cmocka_unit_test(folder_fingerprints_stay_as_stored),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
