/* The SQLite cache with items built in C: round trip, dedup across sources,
 * change counting, expiry by age and count, source state, and a corrupt or
 * unusable file moved aside while the program still gets a cache. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>

#include "live/cache/cache.h"

struct dir {
    char path[64];
    char db[128];
};

static void dir_create(struct dir *d)
{
    snprintf(d->path, sizeof d->path, "/tmp/ticker-cache-XXXXXX");
    assert_non_null(mkdtemp(d->path));
    snprintf(d->db, sizeof d->db, "%s/cache.db", d->path);
}

static void dir_destroy(struct dir *d)
{
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", d->path);
    assert_int_equal(system(command), 0);
}

static void add_item(struct item_list *list, const char *id, const char *title, int64_t published)
{
    struct item item;
    item_init(&item);
    item_set(&item.id, id);
    item_set(&item.title, title);
    item_set(&item.source, "VnExpress");
    item_set(&item.summary, "Tóm tắt");
    item_set(&item.link, "https://vnexpress.net/a");
    item_add_caption(&item, "Ảnh: TTXVN");
    item_add_category(&item, "Thời sự");
    item.kind = ITEM_DIALOGUE;
    if (published) {
        item.published = published;
        item.has_published = true;
    }
    assert_true(item_list_push(list, &item));
    item_clear(&item);
}

static size_t store(struct cache *cache, const char *origin, struct item_list *items, int64_t now)
{
    char err[256];
    size_t changed = 99;
    assert_true(cache_begin(cache, err, sizeof err));
    assert_true(cache_store_items(cache, origin, items, now, &changed, err, sizeof err));
    assert_true(cache_commit(cache, err, sizeof err));
    return changed;
}

static struct item_list *all(struct cache *cache)
{
    char err[256];
    struct item_list *items = cache_items(cache, err, sizeof err);
    assert_non_null(items);
    return items;
}

static void items_round_trip_through_the_file(void **unused)
{
    (void)unused;
    struct dir d;
    dir_create(&d);
    struct cache *cache = cache_open(d.db);
    assert_string_equal(cache_path(cache), d.db);
    struct item_list *items = item_list_create();
    add_item(items, "a", "Hội đàm cấp cao", 1752633000);
    add_item(items, "b", "Không ngày", 0);
    assert_int_equal(store(cache, "feed-1", items, 1000), 2);
    cache_close(cache);

    cache = cache_open(d.db);
    struct item_list *back = all(cache);
    assert_int_equal(back->count, 2);
    /* Newest first: the dated item (2025) before... the undated one, first seen at 1000 (1970). */
    char *json_a = item_to_json(&back->items[0]), *json_orig = item_to_json(&items->items[0]);
    assert_string_equal(json_a, json_orig);
    assert_string_equal(back->items[0].categories[0], "Thời sự");
    assert_false(back->items[1].has_published);
    free(json_a);
    free(json_orig);
    char err[256];
    assert_true(cache_integrity_ok(cache, err, sizeof err));
    item_list_destroy(back);
    item_list_destroy(items);
    cache_close(cache);
    dir_destroy(&d);
}

static void an_id_is_stored_once_and_changes_are_counted(void **unused)
{
    (void)unused;
    struct dir d;
    dir_create(&d);
    struct cache *cache = cache_open(d.db);
    struct item_list *first = item_list_create(), *second = item_list_create();
    add_item(first, "same", "Tiêu đề", 0);
    add_item(second, "same", "Tiêu đề khác", 0);
    assert_int_equal(store(cache, "feed-1", first, 1000), 1);
    assert_int_equal(store(cache, "feed-1", first, 1100), 0);  /* same content: no change */
    assert_int_equal(store(cache, "feed-2", second, 1200), 0); /* another source: no flip-flop */
    struct item_list *back = all(cache);
    assert_int_equal(back->count, 1);
    assert_string_equal(back->items[0].title, "Tiêu đề");
    item_list_destroy(back);
    assert_int_equal(store(cache, "feed-1", second, 1300), 1); /* its own source may change it */
    back = all(cache);
    assert_string_equal(back->items[0].title, "Tiêu đề khác");
    item_list_destroy(back);
    item_list_destroy(first);
    item_list_destroy(second);
    cache_close(cache);
    dir_destroy(&d);
}

static void expiry_by_age_then_by_count(void **unused)
{
    (void)unused;
    struct dir d;
    dir_create(&d);
    struct cache *cache = cache_open(d.db);
    struct item_list *old = item_list_create(), *recent = item_list_create();
    add_item(old, "old-1", "Cũ", 0);
    add_item(old, "old-2", "Cũ", 0);
    char id[16];
    for (int i = 0; i < 30; i++) {
        snprintf(id, sizeof id, "new-%02d", i);
        add_item(recent, id, "Mới", 1700000000 + i);
    }
    int64_t day = 86400, now = 1800000000;
    store(cache, "feed", old, now - 20 * day);
    store(cache, "feed", recent, now - 1 * day);
    char err[256];
    size_t removed = 0;
    assert_true(cache_begin(cache, err, sizeof err));
    assert_true(cache_expire(cache, now, 14, 1000, &removed, err, sizeof err));
    assert_int_equal(removed, 2);
    assert_true(cache_expire(cache, now, 14, 10, &removed, err, sizeof err));
    assert_int_equal(removed, 20);
    assert_true(cache_commit(cache, err, sizeof err));
    struct item_list *back = all(cache);
    assert_int_equal(back->count, 10);
    assert_string_equal(back->items[0].id, "new-29"); /* the newest stay */
    assert_string_equal(back->items[9].id, "new-20");
    item_list_destroy(back);
    item_list_destroy(old);
    item_list_destroy(recent);
    cache_close(cache);
    dir_destroy(&d);
}

static size_t count_of(const struct item_list *items, const char *prefix)
{
    size_t n = 0;
    for (size_t i = 0; i < items->count; i++)
        n += strncmp(items->items[i].id, prefix, strlen(prefix)) == 0;
    return n;
}

/* The flood: three small feeds, then one of 2,500 items, all newer, under
 * the default cap of 2,000. Each source keeps its newest 2000 / 4 = 500 at
 * least, so the small feeds keep all their items; the flood gets the rest
 * of the cap, its newest. The old cap by age alone kept only the flood. */
static void a_flood_feed_cannot_push_the_others_out(void **unused)
{
    (void)unused;
    struct dir d;
    dir_create(&d);
    struct cache *cache = cache_open(d.db);
    int64_t now = 1800000000;
    char id[32];
    const char *small[] = {"a", "b", "c"};
    for (size_t s = 0; s < 3; s++) {
        struct item_list *items = item_list_create();
        for (int i = 0; i < 20; i++) {
            snprintf(id, sizeof id, "%s-%02d", small[s], i);
            add_item(items, id, "Tin thường", 1700000000 + i);
        }
        char origin[16];
        snprintf(origin, sizeof origin, "feed-%s", small[s]);
        store(cache, origin, items, now);
        item_list_destroy(items);
    }
    struct item_list *flood = item_list_create();
    for (int i = 0; i < 2500; i++) {
        snprintf(id, sizeof id, "flood-%04d", i);
        add_item(flood, id, "Tin dồn dập", 1750000000 + i);
    }
    store(cache, "feed-flood", flood, now + 60);
    item_list_destroy(flood);
    char err[256];
    size_t removed = 0;
    assert_true(cache_begin(cache, err, sizeof err));
    assert_true(cache_expire(cache, now + 60, 14, 2000, &removed, err, sizeof err));
    assert_true(cache_commit(cache, err, sizeof err));
    struct item_list *back = all(cache);
    print_message("flood: %zu kept of 2560 (a %zu, b %zu, c %zu, flood %zu), %zu removed\n", back->count,
                  count_of(back, "a-"), count_of(back, "b-"), count_of(back, "c-"), count_of(back, "flood-"), removed);
    assert_int_equal(back->count, 2000);
    assert_int_equal(count_of(back, "a-"), 20);
    assert_int_equal(count_of(back, "b-"), 20);
    assert_int_equal(count_of(back, "c-"), 20);
    assert_int_equal(count_of(back, "flood-"), 1940);
    assert_string_equal(back->items[0].id, "flood-2499"); /* the flood keeps its newest */
    item_list_destroy(back);
    cache_close(cache);
    dir_destroy(&d);
}

/* Beyond their quota, small feeds' items compete by age with the flood's:
 * with a cap of 40 and two sources, each keeps its newest 20. */
static void each_source_keeps_its_newest_share(void **unused)
{
    (void)unused;
    struct dir d;
    dir_create(&d);
    struct cache *cache = cache_open(d.db);
    int64_t now = 1800000000;
    char id[32];
    struct item_list *quiet = item_list_create(), *flood = item_list_create();
    for (int i = 0; i < 30; i++) {
        snprintf(id, sizeof id, "quiet-%02d", i);
        add_item(quiet, id, "Tin", 1700000000 + i);
    }
    for (int i = 0; i < 300; i++) {
        snprintf(id, sizeof id, "flood-%03d", i);
        add_item(flood, id, "Tin", 1750000000 + i);
    }
    store(cache, "quiet", quiet, now);
    store(cache, "flood", flood, now + 1);
    char err[256];
    size_t removed = 0;
    assert_true(cache_begin(cache, err, sizeof err));
    assert_true(cache_expire(cache, now + 1, 14, 40, &removed, err, sizeof err));
    assert_true(cache_commit(cache, err, sizeof err));
    struct item_list *back = all(cache);
    assert_int_equal(back->count, 40);
    assert_int_equal(count_of(back, "quiet-"), 20);
    assert_int_equal(count_of(back, "flood-"), 20);
    bool newest_quiet = false;
    for (size_t i = 0; i < back->count; i++)
        newest_quiet |= strcmp(back->items[i].id, "quiet-29") == 0;
    assert_true(newest_quiet);
    item_list_destroy(back);
    item_list_destroy(quiet);
    item_list_destroy(flood);
    cache_close(cache);
    dir_destroy(&d);
}

static void a_rolled_back_cycle_leaves_nothing(void **unused)
{
    (void)unused;
    struct dir d;
    dir_create(&d);
    struct cache *cache = cache_open(d.db);
    struct item_list *items = item_list_create();
    add_item(items, "x", "X", 0);
    char err[256];
    size_t changed;
    assert_true(cache_begin(cache, err, sizeof err));
    assert_true(cache_store_items(cache, "feed", items, 1000, &changed, err, sizeof err));
    cache_rollback(cache);
    struct item_list *back = all(cache);
    assert_int_equal(back->count, 0);
    item_list_destroy(back);
    item_list_destroy(items);
    cache_close(cache);
    dir_destroy(&d);
}

static void source_state_round_trips(void **unused)
{
    (void)unused;
    struct dir d;
    dir_create(&d);
    struct cache *cache = cache_open(d.db);
    struct cache_source s, back;
    cache_source_init(&s);
    item_set(&s.location, "https://vnexpress.net/rss/tin-moi-nhat.rss");
    item_set(&s.etag, "W/\"abc\"");
    item_set(&s.last_modified, "Sun, 15 Jun 2025 15:06:40 GMT");
    item_set(&s.last_error, "HTTP 503");
    s.failures = 2;
    s.next_due = 1800000120;
    s.ttl_seconds = 1800;
    char err[256];
    bool found;
    assert_true(cache_load_source(cache, s.location, &back, &found, err, sizeof err));
    assert_false(found);
    assert_string_equal(back.location, s.location);
    cache_source_clear(&back);
    assert_true(cache_save_source(cache, &s, err, sizeof err));
    assert_true(cache_load_source(cache, s.location, &back, &found, err, sizeof err));
    assert_true(found);
    assert_string_equal(back.etag, s.etag);
    assert_string_equal(back.last_modified, s.last_modified);
    assert_string_equal(back.last_error, "HTTP 503");
    assert_int_equal(back.failures, 2);
    assert_int_equal(back.next_due, 1800000120);
    assert_int_equal(back.ttl_seconds, 1800);
    size_t count;
    struct cache_source *list = cache_sources(cache, &count, err, sizeof err);
    assert_int_equal(count, 1);
    cache_sources_free(list, count);
    cache_source_clear(&back);
    cache_source_clear(&s);
    cache_close(cache);
    dir_destroy(&d);
}

static int count_moved_aside(const struct dir *d)
{
    DIR *dir = opendir(d->path);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(dir)))
        n += strstr(e->d_name, "cache.db.corrupt-") != NULL && !strstr(e->d_name, "-wal") && !strstr(e->d_name, "-shm");
    closedir(dir);
    return n;
}

static void check_rebuilt(const struct dir *d)
{
    struct cache *cache = cache_open(d->db);
    assert_non_null(cache);
    assert_string_equal(cache_path(cache), d->db); /* a file again, not memory */
    assert_int_equal(count_moved_aside(d), 1);
    struct item_list *items = item_list_create();
    add_item(items, "after", "Sau khi dựng lại", 0);
    assert_int_equal(store(cache, "feed", items, 1000), 1);
    item_list_destroy(items);
    cache_close(cache);
    cache = cache_open(d->db);
    struct item_list *back = all(cache);
    assert_int_equal(back->count, 1);
    item_list_destroy(back);
    cache_close(cache);
}

static void garbage_file_is_moved_aside_and_rebuilt(void **unused)
{
    (void)unused;
    struct dir d;
    dir_create(&d);
    FILE *f = fopen(d.db, "w");
    for (int i = 0; i < 5000; i++)
        fputc((i * 7919) & 0xff, f);
    fclose(f);
    check_rebuilt(&d);
    dir_destroy(&d);
}

static void damaged_pages_are_found_by_quick_check(void **unused)
{
    (void)unused;
    struct dir d;
    dir_create(&d);
    struct cache *cache = cache_open(d.db);
    struct item_list *items = item_list_create();
    char id[16], title[256];
    for (int i = 0; i < 300; i++) {
        snprintf(id, sizeof id, "id-%d", i);
        snprintf(title, sizeof title, "Tin số %d với một tiêu đề khá dài để lấp đầy nhiều trang của cơ sở dữ liệu", i);
        add_item(items, id, title, 1700000000 + i);
    }
    store(cache, "feed", items, 1000);
    item_list_destroy(items);
    cache_close(cache); /* checkpoints the WAL into the file */
    /* Scribble over pages 2..5, keeping the header valid. */
    int fd = open(d.db, O_WRONLY);
    char junk[4096 * 4];
    memset(junk, 0x5a, sizeof junk);
    assert_int_equal(pwrite(fd, junk, sizeof junk, 4096), (ssize_t)sizeof junk);
    close(fd);
    check_rebuilt(&d);
    dir_destroy(&d);
}

/* `ticker cache` opening the file while the kiosk is in the middle of a
 * write must neither wait long nor take the busy file for corrupt. */
static void a_busy_cache_is_opened_not_moved_aside(void **unused)
{
    (void)unused;
    struct dir d;
    dir_create(&d);
    struct cache *kiosk = cache_open(d.db);
    struct item_list *items = item_list_create();
    add_item(items, "k", "Đang ghi", 0);
    store(kiosk, "feed", items, 1000);
    char err[256];
    size_t changed;
    assert_true(cache_begin(kiosk, err, sizeof err)); /* holds the write lock */
    assert_true(cache_store_items(kiosk, "feed", items, 2000, &changed, err, sizeof err));
    struct cache *reader = cache_open(d.db);
    assert_string_equal(cache_path(reader), d.db);
    assert_int_equal(count_moved_aside(&d), 0);
    struct item_list *back = all(reader);
    assert_int_equal(back->count, 1);
    item_list_destroy(back);
    cache_close(reader);
    assert_true(cache_commit(kiosk, err, sizeof err));
    item_list_destroy(items);
    cache_close(kiosk);
    dir_destroy(&d);
}

static void an_unusable_place_still_gives_a_cache(void **unused)
{
    (void)unused;
    struct cache *cache = cache_open("/proc/ticker-cannot-be-here/cache.db");
    assert_non_null(cache);
    assert_string_equal(cache_path(cache), ":memory:");
    struct item_list *items = item_list_create();
    add_item(items, "m", "Trong bộ nhớ", 0);
    assert_int_equal(store(cache, "feed", items, 1000), 1);
    item_list_destroy(items);
    cache_close(cache);
}

/* An empty (0-byte) file becomes a new cache in place: nothing to move
 * aside. Another program's database is never written into: it is moved
 * aside whole (nothing lost) and a new cache built. An inspection
 * (cache_open_readonly, `ticker cache`) of either says what the file is,
 * naming it, and leaves it as it is: it used to print SQLite's "no such
 * table: items". */
static void an_empty_or_foreign_file_is_told_apart(void **unused)
{
    (void)unused;
    struct dir d;
    dir_create(&d);
    char err[1024] = "";
    FILE *f = fopen(d.db, "w");
    fclose(f);
    assert_null(cache_open_readonly(d.db, err, sizeof err));
    assert_non_null(strstr(err, d.db));
    assert_non_null(strstr(err, "an empty database, no items cached yet; left as it is"));
    struct stat st;
    assert_int_equal(stat(d.db, &st), 0);
    assert_int_equal(st.st_size, 0);
    struct cache *cache = cache_open(d.db);
    assert_string_equal(cache_path(cache), d.db);
    assert_int_equal(count_moved_aside(&d), 0);
    cache_close(cache);
    dir_destroy(&d);

    dir_create(&d);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(d.db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE items (name TEXT); INSERT INTO items VALUES ('mine');"
                                      "CREATE TABLE notes (body TEXT);", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_null(cache_open_readonly(d.db, err, sizeof err));
    assert_non_null(strstr(err, d.db));
    assert_non_null(strstr(err, "not a ticker cache: another program's database (its tables: items, notes)"));
    assert_int_equal(count_moved_aside(&d), 0);
    check_rebuilt(&d);
    /* the other program's rows are all in the file moved aside */
    DIR *dir = opendir(d.path);
    struct dirent *e;
    char moved[512] = "";
    while ((e = readdir(dir)))
        if (strstr(e->d_name, ".corrupt-") && !strstr(e->d_name, "-wal") && !strstr(e->d_name, "-shm"))
            snprintf(moved, sizeof moved, "%s/%s", d.path, e->d_name);
    closedir(dir);
    assert_int_equal(sqlite3_open_v2(moved, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *stmt;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM items", -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "mine");
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    dir_destroy(&d);
}

/* `ticker cache` on a file of an older schema (2: before pictures) shows
 * its items, through a copy brought up to date in memory, and leaves the
 * file as it was: it failed with "no such column". */
static void an_inspection_reads_an_older_schema(void **unused)
{
    (void)unused;
    struct dir d;
    dir_create(&d);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(d.db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
        "CREATE TABLE items (id TEXT PRIMARY KEY, origin TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,"
        " summary TEXT NOT NULL, captions TEXT NOT NULL, source TEXT NOT NULL, link TEXT NOT NULL,"
        " published INTEGER, categories TEXT NOT NULL, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,"
        " severity TEXT NOT NULL DEFAULT '', expires INTEGER NOT NULL DEFAULT 0);"
        "INSERT INTO items(id, origin, kind, title, summary, captions, source, link, published, categories,"
        " first_seen, last_seen) VALUES('old', 'feed', 'news', 'Tin cũ', '', '[]', 's', '', NULL, '[]', 100, 100);"
        "PRAGMA user_version=2;", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    char err[1024] = "";
    struct cache *cache = cache_open_readonly(d.db, err, sizeof err);
    if (!cache)
        fail_msg("%s", err);
    struct item_list *items = all(cache);
    assert_int_equal(items->count, 1);
    assert_string_equal(items->items[0].title, "Tin cũ");
    item_list_destroy(items);
    cache_close(cache);
    assert_int_equal(sqlite3_open(d.db, &db), SQLITE_OK);
    sqlite3_stmt *stmt;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(stmt, 0), 2); /* not migrated on disk */
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    dir_destroy(&d);
}

/* A folder given as the cache (`--cache ~/news`) is never taken for a
 * damaged file: it was renamed PATH.corrupt-... and a new database put in
 * its place. It stays where it is, with what it holds, the items live in
 * memory, and an inspection says what it is. */
static void a_folder_given_as_the_cache_is_left_alone(void **unused)
{
    (void)unused;
    struct dir d;
    dir_create(&d);
    char folder[160], inside[200];
    snprintf(folder, sizeof folder, "%s/news", d.path);
    snprintf(inside, sizeof inside, "%s/keep.txt", folder);
    assert_int_equal(mkdir(folder, 0755), 0);
    FILE *f = fopen(inside, "w");
    fputs("mine", f);
    fclose(f);
    struct cache *cache = cache_open(folder);
    assert_non_null(cache);
    assert_string_equal(cache_path(cache), ":memory:");
    struct item_list *items = item_list_create();
    add_item(items, "m", "Trong bộ nhớ", 0);
    assert_int_equal(store(cache, "feed", items, 1000), 1);
    item_list_destroy(items);
    assert_true(cache_maintain(cache, true)); /* nothing to write back to */
    cache_close(cache);
    struct stat st;
    assert_int_equal(stat(folder, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(stat(inside, &st), 0);
    char err[512];
    assert_null(cache_open_readonly(folder, err, sizeof err));
    assert_non_null(strstr(err, folder));
    assert_non_null(strstr(err, "it is a folder, not a cache file; left as it is"));
    dir_destroy(&d);
}

static void default_path_follows_xdg_on_a_desktop(void **unused)
{
    (void)unused;
    struct stat st;
    if (stat("/var/lib/ticker", &st) == 0)
        skip(); /* a kiosk image: the system path wins there */
    struct dir d;
    dir_create(&d);
    setenv("XDG_CACHE_HOME", d.path, 1);
    char *path = cache_default_path();
    char expected[160];
    snprintf(expected, sizeof expected, "%s/ticker/cache.db", d.path);
    assert_string_equal(path, expected);
    char dir[160];
    snprintf(dir, sizeof dir, "%s/ticker", d.path);
    assert_int_equal(stat(dir, &st), 0); /* created */
    free(path);
    unsetenv("XDG_CACHE_HOME");
    dir_destroy(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(items_round_trip_through_the_file),
        cmocka_unit_test(an_id_is_stored_once_and_changes_are_counted),
        cmocka_unit_test(expiry_by_age_then_by_count),
        cmocka_unit_test(a_flood_feed_cannot_push_the_others_out),
        cmocka_unit_test(each_source_keeps_its_newest_share),
        cmocka_unit_test(a_rolled_back_cycle_leaves_nothing),
        cmocka_unit_test(source_state_round_trips),
        cmocka_unit_test(garbage_file_is_moved_aside_and_rebuilt),
        cmocka_unit_test(damaged_pages_are_found_by_quick_check),
        cmocka_unit_test(a_busy_cache_is_opened_not_moved_aside),
        cmocka_unit_test(an_unusable_place_still_gives_a_cache),
        cmocka_unit_test(an_empty_or_foreign_file_is_told_apart),
        cmocka_unit_test(an_inspection_reads_an_older_schema),
        cmocka_unit_test(a_folder_given_as_the_cache_is_left_alone),
        cmocka_unit_test(default_path_follows_xdg_on_a_desktop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
