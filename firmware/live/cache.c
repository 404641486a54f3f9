#include "live/cache.h"

#include <errno.h>
#include <json-c/json.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/log.h"

#define CACHE_SCHEMA_VERSION 1

struct cache {
    sqlite3 *db;
    char *path;
};

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS items ("
    " id TEXT PRIMARY KEY, origin TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,"
    " summary TEXT NOT NULL, captions TEXT NOT NULL, source TEXT NOT NULL, link TEXT NOT NULL,"
    " published INTEGER, categories TEXT NOT NULL, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS items_last_seen ON items(last_seen);"
    "CREATE TABLE IF NOT EXISTS sources ("
    " location TEXT PRIMARY KEY, etag TEXT NOT NULL, last_modified TEXT NOT NULL, signature TEXT NOT NULL,"
    " last_error TEXT NOT NULL, last_success INTEGER NOT NULL, last_error_at INTEGER NOT NULL,"
    " next_due INTEGER NOT NULL, failures INTEGER NOT NULL, item_count INTEGER NOT NULL,"
    " ttl_seconds INTEGER NOT NULL);";

/* --- source state -------------------------------------------------------- */

void cache_source_init(struct cache_source *s)
{
    memset(s, 0, sizeof *s);
    s->location = strdup("");
    s->etag = strdup("");
    s->last_modified = strdup("");
    s->signature = strdup("");
    s->last_error = strdup("");
}

void cache_source_clear(struct cache_source *s)
{
    free(s->location);
    free(s->etag);
    free(s->last_modified);
    free(s->signature);
    free(s->last_error);
    memset(s, 0, sizeof *s);
}

bool cache_source_copy(struct cache_source *dst, const struct cache_source *src)
{
    cache_source_init(dst);
    bool ok = item_set(&dst->location, src->location) && item_set(&dst->etag, src->etag) &&
              item_set(&dst->last_modified, src->last_modified) && item_set(&dst->signature, src->signature) &&
              item_set(&dst->last_error, src->last_error);
    dst->last_success = src->last_success;
    dst->last_error_at = src->last_error_at;
    dst->next_due = src->next_due;
    dst->failures = src->failures;
    dst->item_count = src->item_count;
    dst->ttl_seconds = src->ttl_seconds;
    if (!ok)
        cache_source_clear(dst);
    return ok;
}

/* --- where the file lives ------------------------------------------------- */

static bool make_dirs(const char *dir)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
        return false;
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0755) != 0 && errno != EEXIST)
            return false;
        *p = '/';
    }
    return mkdir(path, 0755) == 0 || errno == EEXIST;
}

char *cache_default_path(void)
{
    char path[4096];
    if (access("/var/lib/ticker", W_OK) == 0)
        return strdup("/var/lib/ticker/cache.db");
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    char dir[4000];
    if (xdg && xdg[0] == '/')
        snprintf(dir, sizeof dir, "%s/ticker", xdg);
    else if (home && *home)
        snprintf(dir, sizeof dir, "%s/.cache/ticker", home);
    else
        snprintf(dir, sizeof dir, "/tmp/ticker-cache-%ld", (long)getuid());
    if (!make_dirs(dir))
        log_warn("cache: cannot create %s: %s", dir, strerror(errno));
    snprintf(path, sizeof path, "%s/cache.db", dir);
    return strdup(path);
}

char *cache_path_or_default(const char *configured)
{
    return configured && configured[0] ? strdup(configured) : cache_default_path();
}

static void make_parent_dir(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return;
    *slash = '\0';
    if (!make_dirs(dir))
        log_warn("cache: cannot create %s: %s", dir, strerror(errno));
}

/* --- opening, checking, moving aside -------------------------------------- */

static bool exec_sql(sqlite3 *db, const char *sql, char *err, size_t err_size)
{
    char *message = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &message) == SQLITE_OK)
        return true;
    snprintf(err, err_size, "%s", message ? message : sqlite3_errmsg(db));
    sqlite3_free(message);
    return false;
}

static bool check_says_ok(sqlite3 *db, const char *pragma, char *err, size_t err_size)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, pragma, -1, &stmt, NULL) != SQLITE_OK) {
        snprintf(err, err_size, "%s", sqlite3_errmsg(db));
        return false;
    }
    int rc = sqlite3_step(stmt);
    bool ok = false;
    if (rc == SQLITE_ROW) {
        const char *answer = (const char *)sqlite3_column_text(stmt, 0);
        ok = answer && strcmp(answer, "ok") == 0;
        if (!ok) {
            snprintf(err, err_size, "%s: %s", pragma, answer ? answer : "(no answer)");
            for (char *c = err; *c; c++)
                if (*c == '\n')
                    *c = ' '; /* one log line */
        }
    } else {
        snprintf(err, err_size, "%s", sqlite3_errmsg(db));
    }
    sqlite3_finalize(stmt);
    return ok;
}

/* Whether an error means the file itself is bad (move it aside) rather
 * than the moment (busy, disk full, out of memory: never move a good file). */
static bool is_damage(int code)
{
    switch (code & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_IOERR:
    case SQLITE_FORMAT:
        return true;
    default:
        return false;
    }
}

static bool schema_version(sqlite3 *db, int *version)
{
    sqlite3_stmt *stmt = NULL;
    bool ok = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
              sqlite3_step(stmt) == SQLITE_ROW;
    if (ok)
        *version = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return ok;
}

/* WAL: readers (`ticker cache`) never block the writer. synchronous=FULL:
 * in WAL mode NORMAL keeps the file consistent but may lose the last
 * committed cycles on power loss, and this kiosk loses power every evening;
 * FULL syncs the WAL at each commit, which costs one fsync per fetch cycle
 * (a few minutes apart). */
static bool configure(sqlite3 *db, bool *damaged, char *err, size_t err_size)
{
    sqlite3_busy_timeout(db, 5000);
    int version = -1;
    if (!check_says_ok(db, "PRAGMA quick_check", err, err_size)) {
        int code = sqlite3_errcode(db);
        *damaged = code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE || is_damage(code);
        return false;
    }
    if (!schema_version(db, &version)) {
        snprintf(err, err_size, "%s", sqlite3_errmsg(db));
        *damaged = is_damage(sqlite3_errcode(db));
        return false;
    }
    if (version != 0 && version != CACHE_SCHEMA_VERSION) {
        snprintf(err, err_size, "schema version %d, expected %d", version, CACHE_SCHEMA_VERSION);
        *damaged = true;
        return false;
    }
    bool ok = exec_sql(db, "PRAGMA journal_mode=WAL", err, err_size) &&
              exec_sql(db, "PRAGMA synchronous=FULL", err, err_size) && exec_sql(db, schema, err, err_size) &&
              (version != 0 || exec_sql(db, "PRAGMA user_version=1" /* PRAGMA takes no parameters */, err, err_size));
    if (!ok)
        *damaged = is_damage(sqlite3_errcode(db));
    return ok;
}

static sqlite3 *open_checked(const char *path, bool *damaged, char *err, size_t err_size)
{
    sqlite3 *db = NULL;
    *damaged = false;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, err_size, "%s", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        *damaged = is_damage(rc);
        sqlite3_close(db);
        return NULL;
    }
    if (!configure(db, damaged, err, err_size)) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

static bool move_aside(const char *path, char *moved_to, size_t size)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm utc;
    gmtime_r(&now, &utc);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    struct stat st;
    snprintf(moved_to, size, "%s.corrupt-%s", path, stamp);
    for (int n = 2; stat(moved_to, &st) == 0 && n < 100; n++)
        snprintf(moved_to, size, "%s.corrupt-%s-%d", path, stamp, n);
    if (rename(path, moved_to) != 0)
        return false;
    /* The old WAL and shared-memory files belong to the old database. */
    static const char *const companions[] = {"-wal", "-shm"};
    for (size_t i = 0; i < 2; i++) {
        char from[4200], to[4200];
        snprintf(from, sizeof from, "%s%s", path, companions[i]);
        snprintf(to, sizeof to, "%s%s", moved_to, companions[i]);
        if (rename(from, to) != 0 && errno != ENOENT)
            unlink(from);
    }
    return true;
}

struct cache *cache_open(const char *path)
{
    struct cache *cache = calloc(1, sizeof *cache);
    if (!cache)
        return NULL;
    char err[512] = "";
    make_parent_dir(path);
    bool damaged;
    cache->db = open_checked(path, &damaged, err, sizeof err);
    if (!cache->db && damaged) {
        char moved_to[4200];
        struct stat st;
        if (stat(path, &st) == 0 && move_aside(path, moved_to, sizeof moved_to)) {
            log_warn("cache %s: unusable (%s); moved aside to %s and rebuilt", path, err, moved_to);
            cache->db = open_checked(path, &damaged, err, sizeof err);
        }
    }
    if (cache->db) {
        cache->path = strdup(path);
    } else {
        log_error("cache %s: cannot be used (%s); keeping this run's items in memory only", path, err);
        cache->db = open_checked(":memory:", &damaged, err, sizeof err);
        cache->path = strdup(":memory:");
    }
    if (!cache->db || !cache->path) {
        cache_close(cache);
        return NULL;
    }
    return cache;
}

void cache_close(struct cache *cache)
{
    if (!cache)
        return;
    sqlite3_close(cache->db);
    free(cache->path);
    free(cache);
}

const char *cache_path(const struct cache *cache)
{
    return cache->path;
}

int64_t cache_write_count(const struct cache *cache)
{
    return (int64_t)sqlite3_total_changes64(cache->db);
}

bool cache_integrity_ok(struct cache *cache, char *err, size_t err_size)
{
    return check_says_ok(cache->db, "PRAGMA integrity_check", err, err_size);
}

/* --- transactions ---------------------------------------------------------- */

bool cache_begin(struct cache *cache, char *err, size_t err_size)
{
    /* IMMEDIATE: take the write lock now, not halfway through the cycle. */
    return exec_sql(cache->db, "BEGIN IMMEDIATE", err, err_size);
}

bool cache_commit(struct cache *cache, char *err, size_t err_size)
{
    return exec_sql(cache->db, "COMMIT", err, err_size);
}

void cache_rollback(struct cache *cache)
{
    char ignored[256];
    if (!sqlite3_get_autocommit(cache->db))
        exec_sql(cache->db, "ROLLBACK", ignored, sizeof ignored);
}

/* --- items ----------------------------------------------------------------- */

static char *strings_to_json(char *const *strings, size_t count)
{
    json_object *array = json_object_new_array();
    if (!array)
        return NULL;
    for (size_t i = 0; i < count; i++)
        json_object_array_add(array, json_object_new_string(strings[i]));
    const char *text = json_object_to_json_string_ext(array, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
    char *copy = text ? strdup(text) : NULL;
    json_object_put(array);
    return copy;
}

static bool strings_from_json(const char *text, struct item *item, bool (*add)(struct item *, const char *))
{
    json_object *array = json_tokener_parse(text ? text : "[]");
    bool ok = true;
    if (array && json_object_is_type(array, json_type_array)) {
        size_t n = json_object_array_length(array);
        for (size_t i = 0; ok && i < n; i++) {
            const char *s = json_object_get_string(json_object_array_get_idx(array, i));
            ok = add(item, s ? s : "");
        }
    }
    json_object_put(array);
    return ok;
}

static const char upsert_sql[] =
    "INSERT INTO items(id, origin, kind, title, summary, captions, source, link, published, categories,"
    " first_seen, last_seen) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)"
    " ON CONFLICT(id) DO UPDATE SET kind=excluded.kind, title=excluded.title, summary=excluded.summary,"
    " captions=excluded.captions, source=excluded.source, link=excluded.link, published=excluded.published,"
    " categories=excluded.categories, last_seen=excluded.last_seen"
    " WHERE items.origin = excluded.origin AND (items.kind IS NOT excluded.kind OR items.title IS NOT excluded.title"
    " OR items.summary IS NOT excluded.summary OR items.captions IS NOT excluded.captions"
    " OR items.source IS NOT excluded.source OR items.link IS NOT excluded.link"
    " OR items.published IS NOT excluded.published OR items.categories IS NOT excluded.categories)";

static bool bind_item(sqlite3_stmt *stmt, const char *origin, const struct item *item, const char *id, int64_t now,
                      char **captions, char **categories)
{
    *captions = strings_to_json(item->captions, item->caption_count);
    *categories = strings_to_json(item->categories, item->category_count);
    if (!*captions || !*categories)
        return false;
    bool ok = sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 2, origin, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 3, item_kind_name(item->kind), -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 4, item->title, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 5, item->summary, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 6, *captions, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 7, item->source, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 8, item->link, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 10, *categories, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_int64(stmt, 11, now) == SQLITE_OK;
    if (item->has_published)
        ok = ok && sqlite3_bind_int64(stmt, 9, item->published) == SQLITE_OK;
    else
        ok = ok && sqlite3_bind_null(stmt, 9) == SQLITE_OK;
    return ok;
}

static bool store_one(sqlite3 *db, sqlite3_stmt *upsert, sqlite3_stmt *touch, const char *origin,
                      const struct item *item, int64_t now, size_t *changed)
{
    char fallback_id[19];
    const char *id = item->id;
    if (!id || !id[0]) {
        item_make_id(item->source, item->title, fallback_id);
        id = fallback_id;
    }
    char *captions = NULL, *categories = NULL;
    bool ok = bind_item(upsert, origin, item, id, now, &captions, &categories) && sqlite3_step(upsert) == SQLITE_DONE;
    if (ok && sqlite3_changes(db) > 0)
        (*changed)++;
    sqlite3_reset(upsert);
    sqlite3_clear_bindings(upsert);
    free(captions);
    free(categories);
    /* The id is still in a feed: it must not expire, whoever owns the row. */
    ok = ok && sqlite3_bind_text(touch, 1, id, -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_bind_int64(touch, 2, now) == SQLITE_OK && sqlite3_step(touch) == SQLITE_DONE;
    sqlite3_reset(touch);
    return ok;
}

bool cache_store_items(struct cache *cache, const char *origin, const struct item_list *items, int64_t now,
                       size_t *changed, char *err, size_t err_size)
{
    *changed = 0;
    sqlite3_stmt *upsert = NULL, *touch = NULL;
    bool ok = sqlite3_prepare_v2(cache->db, upsert_sql, -1, &upsert, NULL) == SQLITE_OK &&
              sqlite3_prepare_v2(cache->db, "UPDATE items SET last_seen=?2 WHERE id=?1 AND last_seen<?2", -1, &touch,
                                 NULL) == SQLITE_OK;
    for (size_t i = 0; ok && i < items->count; i++)
        ok = store_one(cache->db, upsert, touch, origin, &items->items[i], now, changed);
    if (!ok)
        snprintf(err, err_size, "cache %s: storing items of %s: %s", cache->path, origin, sqlite3_errmsg(cache->db));
    sqlite3_finalize(upsert);
    sqlite3_finalize(touch);
    return ok;
}

bool cache_confirm_items(struct cache *cache, const char *origin, int64_t content_time, int64_t now, char *err,
                         size_t err_size)
{
    sqlite3_stmt *stmt = NULL;
    bool ok = sqlite3_prepare_v2(cache->db,
                                 "UPDATE items SET last_seen=?3 WHERE origin=?1 AND last_seen>=?2 AND last_seen<?3", -1,
                                 &stmt, NULL) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 1, origin, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_int64(stmt, 2, content_time) == SQLITE_OK && sqlite3_bind_int64(stmt, 3, now) == SQLITE_OK &&
              sqlite3_step(stmt) == SQLITE_DONE;
    if (!ok)
        snprintf(err, err_size, "cache %s: confirming items of %s: %s", cache->path, origin, sqlite3_errmsg(cache->db));
    sqlite3_finalize(stmt);
    return ok;
}

bool cache_expire(struct cache *cache, int64_t now, int max_age_days, int max_items, size_t *removed, char *err,
                  size_t err_size)
{
    *removed = 0;
    sqlite3_stmt *by_age = NULL, *by_count = NULL;
    bool ok = sqlite3_prepare_v2(cache->db, "DELETE FROM items WHERE last_seen < ?1", -1, &by_age, NULL) == SQLITE_OK &&
              sqlite3_prepare_v2(cache->db,
                                 "DELETE FROM items WHERE id NOT IN (SELECT id FROM items ORDER BY last_seen DESC,"
                                 " COALESCE(published, first_seen) DESC, id LIMIT ?1)",
                                 -1, &by_count, NULL) == SQLITE_OK;
    ok = ok && sqlite3_bind_int64(by_age, 1, now - (int64_t)max_age_days * 86400) == SQLITE_OK &&
         sqlite3_step(by_age) == SQLITE_DONE;
    if (ok)
        *removed += (size_t)sqlite3_changes(cache->db);
    ok = ok && sqlite3_bind_int(by_count, 1, max_items) == SQLITE_OK && sqlite3_step(by_count) == SQLITE_DONE;
    if (ok)
        *removed += (size_t)sqlite3_changes(cache->db);
    if (!ok)
        snprintf(err, err_size, "cache %s: expiring items: %s", cache->path, sqlite3_errmsg(cache->db));
    sqlite3_finalize(by_age);
    sqlite3_finalize(by_count);
    return ok;
}

static const char *column_text(sqlite3_stmt *stmt, int column)
{
    const char *text = (const char *)sqlite3_column_text(stmt, column);
    return text ? text : "";
}

static bool row_to_item(sqlite3_stmt *stmt, struct item *item)
{
    item_init(item);
    bool ok = item_set(&item->id, column_text(stmt, 0)) && item_set(&item->title, column_text(stmt, 2)) &&
              item_set(&item->summary, column_text(stmt, 3)) && item_set(&item->source, column_text(stmt, 5)) &&
              item_set(&item->link, column_text(stmt, 6)) &&
              strings_from_json(column_text(stmt, 4), item, item_add_caption) &&
              strings_from_json(column_text(stmt, 8), item, item_add_category);
    if (!item_kind_from_name(column_text(stmt, 1), &item->kind))
        item->kind = ITEM_NEWS;
    if (sqlite3_column_type(stmt, 7) != SQLITE_NULL) {
        item->published = sqlite3_column_int64(stmt, 7);
        item->has_published = true;
    }
    return ok;
}

struct item_list *cache_items(struct cache *cache, char *err, size_t err_size)
{
    sqlite3_stmt *stmt = NULL;
    struct item_list *list = item_list_create();
    if (!list || sqlite3_prepare_v2(cache->db,
                                    "SELECT id, kind, title, summary, captions, source, link, published, categories"
                                    " FROM items ORDER BY COALESCE(published, first_seen) DESC, first_seen DESC, id",
                                    -1, &stmt, NULL) != SQLITE_OK) {
        snprintf(err, err_size, "cache %s: reading items: %s", cache->path, sqlite3_errmsg(cache->db));
        item_list_destroy(list);
        return NULL;
    }
    int rc;
    bool ok = true;
    while (ok && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct item item;
        ok = row_to_item(stmt, &item) && item_list_push(list, &item);
        item_clear(&item);
    }
    if (!ok || rc != SQLITE_DONE) {
        snprintf(err, err_size, "cache %s: reading items: %s", cache->path, ok ? sqlite3_errmsg(cache->db) : "out of memory");
        item_list_destroy(list);
        list = NULL;
    }
    sqlite3_finalize(stmt);
    return list;
}

/* --- sources ----------------------------------------------------------------- */

bool cache_save_source(struct cache *cache, const struct cache_source *s, char *err, size_t err_size)
{
    sqlite3_stmt *stmt = NULL;
    bool ok = sqlite3_prepare_v2(cache->db,
                                 "INSERT OR REPLACE INTO sources(location, etag, last_modified, signature, last_error,"
                                 " last_success, last_error_at, next_due, failures, item_count, ttl_seconds)"
                                 " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                 -1, &stmt, NULL) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 1, s->location, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 2, s->etag, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 3, s->last_modified, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 4, s->signature, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 5, s->last_error, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_int64(stmt, 6, s->last_success) == SQLITE_OK &&
              sqlite3_bind_int64(stmt, 7, s->last_error_at) == SQLITE_OK &&
              sqlite3_bind_int64(stmt, 8, s->next_due) == SQLITE_OK &&
              sqlite3_bind_int(stmt, 9, s->failures) == SQLITE_OK &&
              sqlite3_bind_int(stmt, 10, s->item_count) == SQLITE_OK &&
              sqlite3_bind_int(stmt, 11, s->ttl_seconds) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_DONE;
    if (!ok)
        snprintf(err, err_size, "cache %s: saving the state of %s: %s", cache->path, s->location,
                 sqlite3_errmsg(cache->db));
    sqlite3_finalize(stmt);
    return ok;
}

static const char source_columns[] =
    "SELECT location, etag, last_modified, signature, last_error, last_success, last_error_at, next_due,"
    " failures, item_count, ttl_seconds FROM sources";

static bool row_to_source(sqlite3_stmt *stmt, struct cache_source *s)
{
    cache_source_init(s);
    bool ok = item_set(&s->location, column_text(stmt, 0)) && item_set(&s->etag, column_text(stmt, 1)) &&
              item_set(&s->last_modified, column_text(stmt, 2)) && item_set(&s->signature, column_text(stmt, 3)) &&
              item_set(&s->last_error, column_text(stmt, 4));
    s->last_success = sqlite3_column_int64(stmt, 5);
    s->last_error_at = sqlite3_column_int64(stmt, 6);
    s->next_due = sqlite3_column_int64(stmt, 7);
    s->failures = sqlite3_column_int(stmt, 8);
    s->item_count = sqlite3_column_int(stmt, 9);
    s->ttl_seconds = sqlite3_column_int(stmt, 10);
    return ok;
}

bool cache_load_source(struct cache *cache, const char *location, struct cache_source *out, bool *found, char *err,
                       size_t err_size)
{
    char sql[512];
    snprintf(sql, sizeof sql, "%s WHERE location=?1", source_columns);
    sqlite3_stmt *stmt = NULL;
    *found = false;
    bool ok = sqlite3_prepare_v2(cache->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 1, location, -1, SQLITE_STATIC) == SQLITE_OK;
    int rc = ok ? sqlite3_step(stmt) : SQLITE_ERROR;
    if (rc == SQLITE_ROW) {
        *found = true;
        ok = row_to_source(stmt, out);
    } else {
        cache_source_init(out);
        ok = rc == SQLITE_DONE && item_set(&out->location, location);
    }
    if (!ok)
        snprintf(err, err_size, "cache %s: reading the state of %s: %s", cache->path, location, sqlite3_errmsg(cache->db));
    sqlite3_finalize(stmt);
    return ok;
}

struct cache_source *cache_sources(struct cache *cache, size_t *count, char *err, size_t err_size)
{
    char sql[512];
    snprintf(sql, sizeof sql, "%s ORDER BY location", source_columns);
    sqlite3_stmt *stmt = NULL;
    struct cache_source *all = NULL;
    size_t n = 0;
    bool ok = sqlite3_prepare_v2(cache->db, sql, -1, &stmt, NULL) == SQLITE_OK;
    int rc = SQLITE_DONE;
    while (ok && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct cache_source *grown = realloc(all, (n + 1) * sizeof *grown);
        ok = grown != NULL;
        if (ok) {
            all = grown;
            ok = row_to_source(stmt, &all[n]);
            n++;
        }
    }
    sqlite3_finalize(stmt);
    if (!ok || rc != SQLITE_DONE) {
        snprintf(err, err_size, "cache %s: reading sources: %s", cache->path, sqlite3_errmsg(cache->db));
        cache_sources_free(all, n);
        *count = 0;
        return NULL;
    }
    *count = n;
    if (!all)
        all = calloc(1, sizeof *all); /* an empty, non-NULL answer */
    return all;
}

void cache_sources_free(struct cache_source *sources, size_t count)
{
    for (size_t i = 0; sources && i < count; i++)
        cache_source_clear(&sources[i]);
    free(sources);
}
