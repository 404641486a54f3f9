/* The picture cache (live/pictures/imagecache): least recently used first within a
 * cap counted in disk blocks, kept across a reopen; only its own files are
 * ever deleted; only pictures are stored; names stay those of older
 * builds; the hashed index stays right through many evictions; a full
 * disk evicts and the item cache's room is never taken (on a small tmpfs
 * in a private mount namespace, as root; skipped elsewhere); pictures that
 * killed their decoder are remembered across a reopen. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "live/pictures/imagecache.h"

#define PRIVATE_MOUNTS_ENV "TICKER_TEST_PRIVATE_MOUNTS"

/* size bytes that are a JPEG by their magic. */
static char *picture(size_t size, char fill)
{
    char *b = malloc(size);
    memset(b, fill, size);
    memcpy(b, "\xff\xd8\xff\xe0\0\x10JFIF\0\x01", 12);
    return b;
}

static char *temp_dir(void)
{
    char *dir = strdup("/tmp/ticker-imagecache-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static void remove_dir(char *dir)
{
    char command[256];
    snprintf(command, sizeof command, "rm -rf %s", dir);
    assert_int_equal(system(command), 0);
    free(dir);
}

static void url_of(int i, char *out, size_t size) { snprintf(out, size, "https://example.vn/anh/%d.jpg", i); }

static void evicts_least_recently_used_and_survives_a_reopen(void **state)
{
    (void)state;
    char *dir = temp_dir(), err[512];
    char *blob = picture(4000, 'x');
    struct imagecache *c = imagecache_open(dir, 10000, 0, err, sizeof err); /* two files of one 4 KB block each */
    assert_non_null(c);
    assert_true(imagecache_put(c, "https://a/1.jpg", blob, 4000, err, sizeof err));
    assert_true(imagecache_put(c, "https://a/2.jpg", blob, 4000, err, sizeof err));
    size_t size;
    free(imagecache_get(c, "https://a/1.jpg", &size)); /* 1 is now used more recently than 2 */
    assert_true(imagecache_put(c, "https://a/3.jpg", blob, 4000, err, sizeof err));
    assert_true(imagecache_bytes(c) <= 10000);
    assert_null(imagecache_get(c, "https://a/2.jpg", &size)); /* the least recently used went */
    char *got = imagecache_get(c, "https://a/1.jpg", &size);
    assert_non_null(got);
    assert_int_equal(size, 4000);
    assert_memory_equal(got, blob, 4000);
    free(got);
    imagecache_close(c);
    c = imagecache_open(dir, 10000, 0, err, sizeof err); /* after a reboot */
    assert_int_equal(imagecache_count(c), 2);
    got = imagecache_get(c, "https://a/3.jpg", &size);
    assert_non_null(got);
    free(got);
    imagecache_close(c);
    free(blob);
    remove_dir(dir);
}

static void touch(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static bool exists(const char *dir, const char *name)
{
    char path[512];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return lstat(path, &st) == 0;
}

/* A folder shared with other files (a wrong [cache] path, an operator's
 * notes): eviction deletes only pictures it named itself. Before, any
 * 16-character name went, and a symbolic link or FIFO so named was taken. */
static void only_its_own_files_are_deleted(void **state)
{
    (void)state;
    char *dir = temp_dir(), *outside = temp_dir(), err[512], path[512], target[512];
    touch(dir, "notes.txt", "the operator's");
    touch(dir, "abcdefghijklmnop", "sixteen characters, not hex");
    touch(dir, "0123456789ABCDEF", "hex, but not as this cache writes it");
    touch(dir, "0123456789abcdef", "a name of its kind, but no picture inside");
    snprintf(target, sizeof target, "%s/precious.jpg", outside);
    char *blob = picture(5000, 'p');
    FILE *f = fopen(target, "wb");
    fwrite(blob, 1, 5000, f);
    fclose(f);
    snprintf(path, sizeof path, "%s/fedcba9876543210", dir);
    assert_int_equal(symlink(target, path), 0);
    snprintf(path, sizeof path, "%s/00000000000000ff", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    struct imagecache *c = imagecache_open(dir, 3 * 8192, 0, err, sizeof err);
    assert_non_null(c);
    assert_int_equal(imagecache_count(c), 0);
    for (int i = 0; i < 20; i++) { /* far past the cap: evictions */
        char url[64];
        url_of(i, url, sizeof url);
        assert_true(imagecache_put(c, url, blob, 5000, err, sizeof err));
    }
    assert_true(imagecache_count(c) <= 3);
    imagecache_close(c);
    const char *kept[] = {"notes.txt", "abcdefghijklmnop", "0123456789ABCDEF", "0123456789abcdef",
                          "fedcba9876543210", "00000000000000ff"};
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
        printf("%s %s\n", kept[i], exists(dir, kept[i]) ? "kept" : "DELETED");
        assert_true(exists(dir, kept[i]));
    }
    assert_true(exists(outside, "precious.jpg"));
    free(blob);
    remove_dir(dir);
    remove_dir(outside);
}

/* A captive portal's 200 page, an empty 200 or a text error is no picture:
 * not stored, so the picture is fetched again once the network is right;
 * a picture stored before is still there after the bad answer. */
static void only_pictures_are_stored(void **state)
{
    (void)state;
    char *dir = temp_dir(), err[512];
    struct imagecache *c = imagecache_open(dir, 1 << 20, 0, err, sizeof err);
    char *good = picture(3000, 'g');
    assert_true(imagecache_put(c, "https://example.vn/a.jpg", good, 3000, err, sizeof err));
    const char portal[] = "<!DOCTYPE html><html><body>Đăng nhập Wi-Fi khách sạn</body></html>";
    assert_false(imagecache_put(c, "https://example.vn/b.jpg", portal, sizeof portal - 1, err, sizeof err));
    assert_non_null(strstr(err, "https://example.vn/b.jpg"));
    assert_false(imagecache_put(c, "https://example.vn/c.jpg", "", 0, err, sizeof err));
    assert_false(imagecache_put(c, "https://example.vn/a.jpg", portal, sizeof portal - 1, err, sizeof err));
    size_t size;
    assert_null(imagecache_get(c, "https://example.vn/b.jpg", &size));
    assert_null(imagecache_get(c, "https://example.vn/c.jpg", &size));
    char *got = imagecache_get(c, "https://example.vn/a.jpg", &size);
    assert_non_null(got);
    assert_memory_equal(got, good, 3000);
    free(got);
    free(good);
    assert_int_equal(imagecache_count(c), 1);
    imagecache_close(c);
    remove_dir(dir);
}

static size_t disk_use(const char *dir)
{
    char command[512];
    snprintf(command, sizeof command, "du -s -B1 %s", dir);
    FILE *p = popen(command, "r");
    size_t bytes = 0;
    assert_int_equal(fscanf(p, "%zu", &bytes), 1);
    pclose(p);
    return bytes;
}

/* 60-byte pictures under a 64 KB cap: each takes a block on disk, and the
 * cap holds for the disk, not for the bytes (before: 69 MB of disk under
 * a 1 MB cap). */
static void the_cap_counts_disk_blocks(void **state)
{
    (void)state;
    char *dir = temp_dir(), err[512];
    struct imagecache *c = imagecache_open(dir, 64 * 1024, 0, err, sizeof err);
    char *tiny = picture(60, 't');
    for (int i = 0; i < 1000; i++) {
        char url[64];
        url_of(i, url, sizeof url);
        assert_true(imagecache_put(c, url, tiny, 60, err, sizeof err));
    }
    size_t du = disk_use(dir);
    printf("1000 pictures of 60 bytes: %zu kept, %zu bytes counted, %zu bytes on disk (du)\n", imagecache_count(c),
           imagecache_bytes(c), du);
    assert_true(imagecache_bytes(c) <= 64 * 1024);
    assert_true(du <= 64 * 1024 + 2 * 4096); /* the folder's own blocks beside */
    imagecache_close(c);
    free(tiny);
    remove_dir(dir);
}

/* Names made by the code before this cache was rewritten (FNV-1a 64 of
 * the URL, 16 hex digits): a cache of an older build is still found. */
static void names_stay_those_of_older_builds(void **state)
{
    (void)state;
    char name[17];
    imagecache_name("https://example.vn/a.jpg", name);
    assert_string_equal(name, "2ff955d26ac4d709");
    imagecache_name("https://vnexpress.net/ảnh/1.jpg", name);
    assert_string_equal(name, "07b9e4e0938e59d1");
    char *dir = temp_dir(), err[512];
    char *blob = picture(100, 'o');
    FILE *f;
    char path[512];
    snprintf(path, sizeof path, "%s/2ff955d26ac4d709", dir);
    assert_non_null(f = fopen(path, "wb"));
    fwrite(blob, 1, 100, f);
    fclose(f);
    struct imagecache *c = imagecache_open(dir, 1 << 20, 0, err, sizeof err);
    size_t size;
    char *got = imagecache_get(c, "https://example.vn/a.jpg", &size);
    assert_non_null(got);
    assert_int_equal(size, 100);
    free(got);
    imagecache_close(c);
    free(blob);
    remove_dir(dir);
}

/* 3000 pictures through a cap of 500: every lookup of one kept finds it,
 * every evicted one is gone, through the index's deletions and growth. */
static void the_index_stays_right_through_many_evictions(void **state)
{
    (void)state;
    char *dir = temp_dir(), err[512];
    struct imagecache *c = imagecache_open(dir, 500 * 4096, 0, err, sizeof err);
    char *tiny = picture(100, 'i');
    for (int i = 0; i < 3000; i++) {
        char url[64];
        url_of(i, url, sizeof url);
        assert_true(imagecache_put(c, url, tiny, 100, err, sizeof err));
    }
    assert_int_equal(imagecache_count(c), 500);
    size_t found = 0, size;
    for (int i = 0; i < 3000; i++) {
        char url[64];
        url_of(i, url, sizeof url);
        char *got = imagecache_get(c, url, &size);
        if (got)
            assert_true(i >= 2500); /* the newest 500 */
        found += got != NULL;
        free(got);
    }
    assert_int_equal(found, 500);
    imagecache_close(c);
    free(tiny);
    remove_dir(dir);
}

static void bad_pictures_are_remembered_across_a_reopen(void **state)
{
    (void)state;
    char *dir = temp_dir(), err[512];
    struct imagecache *c = imagecache_open(dir, 8192, 0, err, sizeof err);
    assert_false(imagecache_is_bad(c, "https://example.vn/crash.jpg"));
    assert_true(imagecache_mark_bad(c, "https://example.vn/crash.jpg"));
    char *blob = picture(5000, 'b');
    for (int i = 0; i < 10; i++) { /* evictions leave the list alone */
        char url[64];
        url_of(i, url, sizeof url);
        assert_true(imagecache_put(c, url, blob, 5000, err, sizeof err));
    }
    imagecache_close(c);
    c = imagecache_open(dir, 8192, 0, err, sizeof err);
    assert_true(imagecache_is_bad(c, "https://example.vn/crash.jpg"));
    assert_false(imagecache_is_bad(c, "https://example.vn/other.jpg"));
    imagecache_close(c);
    free(blob);
    remove_dir(dir);
}

static long long free_bytes(const char *dir)
{
    struct statvfs v;
    assert_int_equal(statvfs(dir, &v), 0);
    return (long long)v.f_bavail * (long long)v.f_frsize;
}

/* On a 4 MB file system, a cap far larger than the disk: the cache evicts
 * instead of failing (before: once the disk was full, every picture
 * failed and nothing was evicted), leaves the reserve free, and the item
 * cache can still write its 512 KB there. */
static void a_full_disk_evicts_and_leaves_the_item_cache_room(void **state)
{
    (void)state;
    if (!getenv(PRIVATE_MOUNTS_ENV))
        skip(); /* not root, or no unshare here */
    char *dir = temp_dir(), err[512], command[512];
    snprintf(command, sizeof command, "mount -t tmpfs -o size=4m tmpfs %s", dir);
    if (system(command) != 0) {
        remove_dir(dir);
        skip();
    }
    char pictures[512];
    snprintf(pictures, sizeof pictures, "%s/pictures", dir);
    struct imagecache *c = imagecache_open(pictures, 1 << 30, 1 << 20, err, sizeof err);
    assert_non_null(c);
    char *blob = picture(200 * 1000, 'f');
    for (int i = 0; i < 60; i++) { /* 12 MB through 4 MB */
        char url[64];
        url_of(i, url, sizeof url);
        bool ok = imagecache_put(c, url, blob, 200 * 1000, err, sizeof err);
        if (!ok)
            printf("put %d: %s\n", i, err);
        assert_true(ok);
        assert_true(free_bytes(dir) >= (1 << 20) - 4096);
    }
    printf("full disk: %zu pictures kept, %lld bytes free\n", imagecache_count(c), free_bytes(dir));
    size_t size;
    char url[64];
    url_of(59, url, sizeof url);
    char *got = imagecache_get(c, url, &size);
    assert_non_null(got);
    free(got);
    imagecache_close(c);
    char db[600];
    snprintf(db, sizeof db, "%s/cache.db", dir);
    int fd = open(db, O_WRONLY | O_CREAT, 0644);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, blob, 200 * 1000), 200 * 1000);
    assert_int_equal(write(fd, blob, 200 * 1000), 200 * 1000);
    assert_int_equal(write(fd, blob, 112 * 1000), 112 * 1000);
    close(fd);
    free(blob);
    snprintf(command, sizeof command, "umount %s", dir);
    assert_int_equal(system(command), 0);
    remove_dir(dir);
}

int main(int argc, char **argv)
{
    (void)argc;
    /* The full-disk case mounts a tmpfs: in a private mount namespace, as
     * test_storage_faults does, so nothing leaks onto the machine. */
    /* The namespace is entered with the system call, not by exec'ing this
     * program again under unshare(1): in the arm64 build the program runs
     * under qemu-user, and unshare cannot exec an arm64 file. */
    (void)argv;
    if (geteuid() == 0 && unshare(CLONE_NEWNS) == 0 &&
        mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0)
        setenv(PRIVATE_MOUNTS_ENV, "1", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(evicts_least_recently_used_and_survives_a_reopen),
        cmocka_unit_test(only_its_own_files_are_deleted),
        cmocka_unit_test(only_pictures_are_stored),
        cmocka_unit_test(the_cap_counts_disk_blocks),
        cmocka_unit_test(names_stay_those_of_older_builds),
        cmocka_unit_test(the_index_stays_right_through_many_evictions),
        cmocka_unit_test(bad_pictures_are_remembered_across_a_reopen),
        cmocka_unit_test(a_full_disk_evicts_and_leaves_the_item_cache_room),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
