#include "live/cache/cache.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/filekind.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/paths.h"
#include "live/cache/cache_db.h"



const char cache_schema[] =
    "CREATE TABLE IF NOT EXISTS items ("
    " id TEXT PRIMARY KEY, origin TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,"
    " summary TEXT NOT NULL, captions TEXT NOT NULL, source TEXT NOT NULL, link TEXT NOT NULL,"
    " published INTEGER, categories TEXT NOT NULL, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,"
    " severity TEXT NOT NULL DEFAULT '', expires INTEGER NOT NULL DEFAULT 0, pictures TEXT NOT NULL DEFAULT '[]',"
    " pin INTEGER NOT NULL DEFAULT 0, starts INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX IF NOT EXISTS items_last_seen ON items(last_seen);"
    "CREATE TABLE IF NOT EXISTS sources ("
    " location TEXT PRIMARY KEY, etag TEXT NOT NULL, last_modified TEXT NOT NULL, signature TEXT NOT NULL,"
    " last_error TEXT NOT NULL, last_success INTEGER NOT NULL, last_error_at INTEGER NOT NULL,"
    " next_due INTEGER NOT NULL, failures INTEGER NOT NULL, item_count INTEGER NOT NULL,"
    " ttl_seconds INTEGER NOT NULL);"
    CACHE_EDITORIAL_SCHEMA CACHE_CLEARED_SCHEMA;

/* --- where the file lives ------------------------------------------------- */

char *cache_default_path(void)
{
    char path[TICKER_PATH_MAX];
    if (access("/var/lib/ticker", W_OK) == 0)
        return strdup("/var/lib/ticker/cache.db");
    char dir[TICKER_DIR_MAX];
    path_user_cache_dir(dir, sizeof dir);
    if (!path_make_dirs(dir))
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
    char dir[TICKER_PATH_MAX];
    if (!path_parent(path, dir, sizeof dir, false) || !strcmp(dir, "/"))
        return;
    if (!path_make_dirs(dir))
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

bool cache_check_ok(sqlite3 *db, const char *pragma, char *err, size_t err_size)
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

enum cache_content cache_content_of(sqlite3 *db, char *why, size_t why_size)
{
    /* The columns every schema has had: a table named "items" from
     * another program is not taken for this one's. */
    static const char sql[] =
        "SELECT (SELECT count(*) FROM pragma_table_info('items') WHERE name IN"
        " ('id', 'origin', 'title', 'first_seen', 'last_seen')),"
        " (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'),"
        " (SELECT group_concat(name, ', ') FROM (SELECT name FROM sqlite_schema WHERE type = 'table'"
        " AND name NOT LIKE 'sqlite_%' ORDER BY name LIMIT 6))";
    sqlite3_stmt *stmt = NULL;
    enum cache_content content = CACHE_CONTENT_UNREADABLE;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK || sqlite3_step(stmt) != SQLITE_ROW) {
        snprintf(why, why_size, "%s", sqlite3_errmsg(db));
    } else if (sqlite3_column_int(stmt, 0) == 5) {
        content = CACHE_CONTENT_CACHE;
    } else if (sqlite3_column_int(stmt, 1) == 0) {
        content = CACHE_CONTENT_EMPTY;
        snprintf(why, why_size, "an empty database, no items cached yet");
    } else {
        content = CACHE_CONTENT_FOREIGN;
        snprintf(why, why_size, "not a ticker cache: another program's database (its tables: %s%s)",
                 cache_column_text(stmt, 2), sqlite3_column_int(stmt, 1) > 6 ? ", ..." : "");
    }
    sqlite3_finalize(stmt);
    return content;
}

int cache_schema_version(sqlite3 *db)
{
    sqlite3_stmt *stmt = NULL;
    int version = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        version = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return version;
}

bool cache_migrate(sqlite3 *db, int version, char *err, size_t err_size)
{
    /* Older versions lack columns; their items are kept. Version 1 lacks
     * the alert columns, versions 1 and 2 the pictures (an item cached by
     * them gets its pictures at its next fetch). */
    if (version == 1 && !exec_sql(db, "ALTER TABLE items ADD COLUMN severity TEXT NOT NULL DEFAULT '';"
                                      "ALTER TABLE items ADD COLUMN expires INTEGER NOT NULL DEFAULT 0;"
                                      "PRAGMA user_version=2", err, err_size))
        return false;
    if ((version == 1 || version == 2) &&
        !exec_sql(db, "ALTER TABLE items ADD COLUMN pictures TEXT NOT NULL DEFAULT '[]'; PRAGMA user_version=3", err,
                  err_size))
        return false;
    /* Version 3 lacks the pins (items.pin, items.starts) and the editorial
     * tables (hidden items, what the rules hid, proof of play). */
    if (version >= 1 && version <= 3 &&
        !exec_sql(db, "ALTER TABLE items ADD COLUMN pin INTEGER NOT NULL DEFAULT 0;"
                      "ALTER TABLE items ADD COLUMN starts INTEGER NOT NULL DEFAULT 0;" CACHE_EDITORIAL_SCHEMA
                      "PRAGMA user_version=4", err, err_size))
        return false;
    return true;
}

/* WAL: readers (`ticker cache`) never block the writer. synchronous=FULL:
 * in WAL mode NORMAL keeps the file consistent but may lose the last
 * committed cycles on power loss, and this kiosk loses power every evening;
 * FULL syncs the WAL at each commit, which costs one fsync per fetch cycle
 * (a few minutes apart). */
static bool configure(sqlite3 *db, bool *damaged, char *err, size_t err_size)
{
    sqlite3_busy_timeout(db, 5000);
    if (!cache_check_ok(db, "PRAGMA quick_check", err, err_size)) {
        int code = sqlite3_errcode(db);
        *damaged = code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE || is_damage(code);
        return false;
    }
    int version = cache_schema_version(db);
    if (version < 0) {
        snprintf(err, err_size, "%s", sqlite3_errmsg(db));
        *damaged = is_damage(sqlite3_errcode(db));
        return false;
    }
    /* Another program's database (or an old one whose items table is
     * gone) is never written into: it is moved aside like a damaged file,
     * so nothing of it is lost. An empty file becomes a new cache. */
    enum cache_content content = cache_content_of(db, err, err_size);
    if (content == CACHE_CONTENT_FOREIGN || content == CACHE_CONTENT_UNREADABLE) {
        *damaged = content == CACHE_CONTENT_FOREIGN || is_damage(sqlite3_errcode(db));
        return false;
    }
    if (content == CACHE_CONTENT_EMPTY)
        version = 0;
    if (!cache_migrate(db, version, err, err_size)) {
        *damaged = is_damage(sqlite3_errcode(db));
        return false;
    }
    if (version >= 1 && version < CACHE_SCHEMA_VERSION)
        version = CACHE_SCHEMA_VERSION;
    if (version != 0 && version != CACHE_SCHEMA_VERSION) {
        snprintf(err, err_size, "schema version %d, expected %d", version, CACHE_SCHEMA_VERSION);
        *damaged = true;
        return false;
    }
    bool ok = exec_sql(db, "PRAGMA journal_mode=WAL", err, err_size) &&
              exec_sql(db, "PRAGMA synchronous=FULL", err, err_size) && exec_sql(db, cache_schema, err, err_size) &&
              (version != 0 || exec_sql(db, "PRAGMA user_version=4" /* PRAGMA takes no parameters */, err, err_size));
    if (!ok)
        *damaged = is_damage(sqlite3_errcode(db));
    return ok;
}

/* *code and *sys_errno say why it failed (SQLite's and the system's). */
static sqlite3 *open_checked(const char *path, bool *damaged, int *code, int *sys_errno, char *err, size_t err_size)
{
    sqlite3 *db = NULL;
    *damaged = false;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, err_size, "%s", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        *damaged = is_damage(rc);
        *code = db ? sqlite3_extended_errcode(db) : rc;
        *sys_errno = db ? sqlite3_system_errno(db) : 0;
        sqlite3_close(db);
        return NULL;
    }
    if (!configure(db, damaged, err, err_size)) {
        *code = sqlite3_extended_errcode(db);
        *sys_errno = sqlite3_system_errno(db);
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
    /* Only a file is ever moved: a folder or a FIFO at the path is not a
     * cache gone bad (cache_open refuses them before this). */
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || rename(path, moved_to) != 0)
        return false;
    /* The old WAL and shared-memory files belong to the old database. */
    static const char *const companions[] = {"-wal", "-shm"};
    for (size_t i = 0; i < 2; i++) {
        char from[TICKER_PATH_SUFFIXED_MAX], to[TICKER_PATH_SUFFIXED_MAX];
        snprintf(from, sizeof from, "%s%s", path, companions[i]);
        snprintf(to, sizeof to, "%s%s", moved_to, companions[i]);
        if (rename(from, to) != 0 && errno != ENOENT)
            unlink(from);
    }
    return true;
}

/* Whether this process may write the file and its folder (where the WAL
 * goes); errno says why not. A file that cannot be written is never taken
 * for corrupt and moved aside: it is read as it is. */
static bool writable(const char *path)
{
    char dir[TICKER_PATH_MAX];
    path_parent(path, dir, sizeof dir, true); /* cut: then access() fails on it, as on the path */
    return access(dir, W_OK) == 0 && (access(path, W_OK) == 0 || errno == ENOENT);
}

struct cache *cache_open(const char *path)
{
    struct cache *cache = calloc(1, sizeof *cache);
    if (!cache)
        return NULL;
    char err[TICKER_ERROR_MAX] = "", reason[256] = "";
    make_parent_dir(path);
    bool damaged = false;
    int code = 0, sys_errno = 0;
    struct stat st;
    bool exists = stat(path, &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) {
        /* A folder given as the cache (`--cache ~/cache`) was renamed
         * PATH.corrupt-... and a new file put in its place; a FIFO blocked
         * the open for ever. Neither is touched: the items live in memory. */
        log_error("cache %s: cannot be used: it is %s, and the cache is one SQLite file ([cache] path, --cache: "
                  "e.g. %s/cache.db); keeping this run's items in memory only",
                  path, filekind_name(st.st_mode), S_ISDIR(st.st_mode) ? path : "/var/lib/ticker");
        cache->db = open_checked(":memory:", &damaged, &code, &sys_errno, err, sizeof err);
        cache->path = strdup(":memory:");
        cache->file = strdup("");
        if (!cache->db || !cache->path || !cache->file) {
            cache_close(cache);
            return NULL;
        }
        return cache;
    }
    if (writable(path))
        cache->db = open_checked(path, &damaged, &code, &sys_errno, err, sizeof err);
    else
        cache_storage_reason(path, SQLITE_READONLY, errno, reason, sizeof reason);
    if (!cache->db && cache_failure_is_storage(code))
        cache_storage_reason(path, code, sys_errno, reason, sizeof reason); /* a full disk is no corrupt file */
    if (cache->db && sqlite3_db_readonly(cache->db, "main") == 1) {
        cache_storage_reason(path, SQLITE_READONLY, EACCES, reason, sizeof reason); /* e.g. a file mode 0444 */
        sqlite3_close(cache->db);
        cache->db = NULL;
    }
    bool salvaged = false;
    if (!cache->db && reason[0] && exists && cache_storage_load_readonly(cache, path, err, sizeof err)) {
        salvaged = true;
        log_error("cache %s: cannot be written (%s); showing the items it holds and keeping new ones in memory, "
                  "saved to it once it can be written", path, reason);
    }
    if (!cache->db && damaged && exists) {
        char moved_to[TICKER_PATH_SUFFIXED_MAX];
        if (move_aside(path, moved_to, sizeof moved_to)) {
            log_warn("cache %s: unusable (%s); moved aside to %s and rebuilt", path, err, moved_to);
            cache->db = open_checked(path, &damaged, &code, &sys_errno, err, sizeof err);
        }
    }
    cache->file = strdup(path);
    if (salvaged) {
        /* cache_storage_load_readonly set the working copy */
    } else if (cache->db) {
        cache->path = strdup(path);
        cache_storage_watch(cache);
    } else {
        log_error("cache %s: cannot be used (%s); keeping this run's items in memory only", path,
                  reason[0] ? reason : err);
        cache->db = open_checked(":memory:", &damaged, &code, &sys_errno, err, sizeof err);
        cache->path = strdup(":memory:");
        cache->unsaved = reason[0] != '\0'; /* try the file again later: the disk may allow it */
    }
    if (!cache->db || !cache->path || !cache->file) {
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
    free(cache->file);
    free(cache);
}

const char *cache_path(const struct cache *cache)
{
    return cache->path;
}

int64_t cache_disk_bytes(const struct cache *cache)
{
    struct stat st;
    char wal[TICKER_PATH_SUFFIXED_MAX];
    snprintf(wal, sizeof wal, "%s-wal", cache->path);
    int64_t bytes = stat(cache->path, &st) == 0 ? st.st_size : 0;
    if (stat(wal, &st) == 0)
        bytes += st.st_size;
    return bytes;
}

int64_t cache_write_count(const struct cache *cache)
{
    return (int64_t)sqlite3_total_changes64(cache->db);
}

bool cache_integrity_ok(struct cache *cache, char *err, size_t err_size)
{
    return cache_check_ok(cache->db, "PRAGMA integrity_check", err, err_size);
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
    /* Why the transaction failed, before ROLLBACK resets it. */
    cache->failed_code = sqlite3_extended_errcode(cache->db);
    cache->failed_errno = sqlite3_system_errno(cache->db);
    if (!sqlite3_get_autocommit(cache->db))
        exec_sql(cache->db, "ROLLBACK", ignored, sizeof ignored);
}
