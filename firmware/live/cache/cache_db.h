/* cache_db: the cache's SQLite handle, shared by the files of the cache
 * (cache.c opens, checks and moves aside; cache_storage.c keeps a working
 * copy in memory when the file cannot be written, and the file in step with
 * it; cache_items.c and cache_sources.c read and write their tables).
 * Internal to live/cache/cache*.c: callers use cache.h. */
#ifndef TICKER_CACHE_DB_H
#define TICKER_CACHE_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* 2: items.severity and items.expires (alerts); 3: items.pictures; 4:
 * items.pin and items.starts (pins), the editorial tables. */
#define CACHE_SCHEMA_VERSION 4
/* Items hidden by hand (`ticker hide`), what each rule hid at the last
 * post (`ticker status`, the metrics), and the proof of play. */
#define CACHE_EDITORIAL_SCHEMA \
    "CREATE TABLE IF NOT EXISTS hidden (key TEXT PRIMARY KEY, at INTEGER NOT NULL);" \
    "CREATE TABLE IF NOT EXISTS editorial (rule TEXT PRIMARY KEY, items INTEGER NOT NULL, at INTEGER NOT NULL);" \
    "CREATE TABLE IF NOT EXISTS played (kind TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL," \
    " source TEXT NOT NULL, started INTEGER NOT NULL, ended INTEGER NOT NULL);" \
    "CREATE INDEX IF NOT EXISTS played_started ON played(started);"

struct cache {
    sqlite3 *db;
    char *path;          /* the file in use, or ":memory:" */
    char *file;          /* the file the items belong in; "" when there is none */
    bool unsaved;        /* the items live in memory and the file is behind */
    bool watched;        /* dev/ino of the open file are known */
    dev_t dev;
    ino_t ino;
    int64_t next_save;   /* monotonic seconds: the next try to write the file */
    int failed_code;     /* of the last failed transaction, kept by cache_rollback */
    int failed_errno;
};

/* cache_storage.c */
extern const char cache_schema[];
/* Opens file read-only and copies it into a new in-memory database, which
 * becomes cache->db (unsaved). False with err when it cannot be read. */
bool cache_storage_load_readonly(struct cache *cache, const char *file, char *err, size_t err_size);
/* Remembers which file is open, to notice it deleted or replaced. */
void cache_storage_watch(struct cache *cache);
/* Why the file cannot be written, in words an operator knows ("read-only
 * file system", "disk full", ...), from SQLite's code and errno. */
/* Whether an SQLite result code (extended codes too) may be the storage's
 * fault (full, read-only, I/O, permissions) rather than the file's content:
 * such a file is tried read-only, or kept in memory, before it is judged. */
bool cache_failure_is_storage(int code);
void cache_storage_reason(const char *file, int code, int sys_errno, char *out, size_t size);
/* What an opened database holds (cache.c), by its tables: a ticker cache,
 * nothing yet (a new or 0-byte file), another program's tables, or it
 * cannot be asked (why gets SQLite's message). why gets the reason in
 * words for the last three. */
enum cache_content { CACHE_CONTENT_CACHE, CACHE_CONTENT_EMPTY, CACHE_CONTENT_FOREIGN, CACHE_CONTENT_UNREADABLE };
enum cache_content cache_content_of(sqlite3 *db, char *why, size_t why_size);
/* PRAGMA user_version, -1 when it cannot be read (cache.c). */
int cache_schema_version(sqlite3 *db);
/* Brings a cache of an older schema (version 1 or 2) to the current one,
 * keeping its items; nothing to do for the others (cache.c). */
bool cache_migrate(sqlite3 *db, int version, char *err, size_t err_size);
/* PRAGMA quick_check on db says "ok" (cache.c). */
bool cache_check_ok(sqlite3 *db, const char *pragma, char *err, size_t err_size);

/* cache_cleared.c: alerts a Cancel or an all-clear ended, for every source. */
#define CACHE_CLEARED_SCHEMA \
    "CREATE TABLE IF NOT EXISTS clears (id TEXT PRIMARY KEY COLLATE NOCASE, origin TEXT NOT NULL," \
    " sent INTEGER NOT NULL, expires INTEGER NOT NULL, seen INTEGER NOT NULL);"
struct item;
/* clear (an item of clears set) read from origin at now: remembered, and
 * the alert of its id sent before it (clear->published; unknown:
 * whenever) deleted from the items, whichever source stored it; *changed
 * counts the deleted. */
bool cache_cleared_record(sqlite3 *db, const char *origin, const struct item *clear, int64_t now, size_t *changed);
/* origin is unchanged at now (a 304): what it says is over stays said. */
bool cache_cleared_confirm(sqlite3 *db, const char *origin, int64_t now);
/* Whether item is an alert a remembered clear ended (then remembered on,
 * as long as a source still carries it). False on a database error. */
bool cache_cleared_blocks(sqlite3 *db, const struct item *item, int64_t now, bool *blocked);
/* The clears whose time is over at now go. */
bool cache_cleared_expire(sqlite3 *db, int64_t now);

/* A text column, "" for NULL (every text column is NOT NULL; this guards
 * against a file written by something else). */
static inline const char *cache_column_text(sqlite3_stmt *stmt, int column)
{
    const char *text = (const char *)sqlite3_column_text(stmt, column);
    return text ? text : "";
}

#endif
