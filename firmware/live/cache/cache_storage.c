/* Storage faults of the cache (see cache.h): a file that cannot be written
 * (read-only file system, read-only file, disk full) is read into a working
 * copy in memory, whose items are shown and grow with every fetch, and
 * which is written back to the file as soon as the disk allows it; a file
 * deleted or replaced while running is rebuilt from the working copy. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/filekind.h"
#include "base/clocks.h"
#include "base/limits.h"
#include "base/log.h"
#include "live/cache/cache.h"
#include "live/cache/cache_db.h"

#define CACHE_SAVE_RETRY_SECONDS 10 /* a whole-file write: not at every batch of a full disk */

void cache_storage_reason(const char *file, int code, int sys_errno, char *out, size_t size)
{
    (void)file;
    if ((code & 0xff) == SQLITE_FULL || sys_errno == ENOSPC || sys_errno == EDQUOT)
        snprintf(out, size, "disk full");
    else if (sys_errno == EFBIG)
        snprintf(out, size, "file too large: over the file-size limit (ulimit -f, LimitFSIZE) or the file system's");
    else if (sys_errno == EROFS)
        snprintf(out, size, "read-only file system");
    else if (sys_errno == ENOENT || sys_errno == ENOTDIR) /* its folder could not be made */
        snprintf(out, size, "its folder does not exist and cannot be made: %s", strerror(sys_errno));
    else if (sys_errno == EACCES || sys_errno == EPERM || (code & 0xff) == SQLITE_READONLY)
        snprintf(out, size, "read-only file: no permission to write it");
    else if (sys_errno)
        snprintf(out, size, "%s", strerror(sys_errno));
    else
        snprintf(out, size, "%s", sqlite3_errstr(code));
}

/* "file:" URI of a path (RFC 3986 escapes for what SQLite reads in one). */
static void file_uri(const char *path, const char *query, char *out, size_t size)
{
    size_t n = (size_t)snprintf(out, size, "file:");
    for (const char *c = path; *c && n + 4 < size; c++) {
        if (*c == '%' || *c == '?' || *c == '#')
            n += (size_t)snprintf(out + n, size - n, "%%%02X", (unsigned char)*c);
        else
            out[n++] = *c;
    }
    snprintf(out + n, size - n, "?%s", query);
}

/* Copies everything in from into a new in-memory database. */
static sqlite3 *copy_to_memory(sqlite3 *from, char *err, size_t err_size)
{
    sqlite3 *memory = NULL;
    if (sqlite3_open_v2(":memory:", &memory, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) {
        log_oom_reason(err, err_size, NULL);
        sqlite3_close(memory);
        return NULL;
    }
    sqlite3_backup *backup = sqlite3_backup_init(memory, "main", from, "main");
    int rc = backup ? sqlite3_backup_step(backup, -1) : sqlite3_errcode(memory);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        snprintf(err, err_size, "copying into memory: %s", sqlite3_errstr(rc));
        sqlite3_close(memory);
        return NULL;
    }
    char *message = NULL;
    if (sqlite3_exec(memory, cache_schema, NULL, NULL, &message) != SQLITE_OK) {
        snprintf(err, err_size, "%s", message ? message : "schema");
        sqlite3_free(message);
        sqlite3_close(memory);
        return NULL;
    }
    return memory;
}

/* Read-only, as a reader that changes nothing: mode=ro first; a WAL file in
 * a folder where no -shm can be made is read as immutable (without what its
 * WAL may hold beyond the last checkpoint). */
static sqlite3 *open_readonly(const char *file, char *err, size_t err_size)
{
    static const char *const queries[] = {"mode=ro", "immutable=1"};
    for (size_t i = 0; i < 2; i++) {
        char uri[TICKER_URI_MAX];
        file_uri(file, queries[i], uri, sizeof uri);
        sqlite3 *db = NULL;
        int rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_busy_timeout(db, 5000);
            if (cache_check_ok(db, "PRAGMA quick_check", err, err_size))
                return db;
        } else {
            snprintf(err, err_size, "%s", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        }
        sqlite3_close(db);
    }
    return NULL;
}

/* memory (an in-memory copy, or NULL after a failed copy) becomes the
 * working database, unsaved and no longer tied to a file on disk. */
static bool adopt_memory(struct cache *cache, sqlite3 *memory)
{
    char *path = memory ? strdup(":memory:") : NULL;
    if (!path) {
        sqlite3_close(memory);
        return false;
    }
    sqlite3_close(cache->db);
    free(cache->path);
    cache->db = memory;
    cache->path = path;
    cache->unsaved = true;
    cache->watched = false;
    return true;
}

bool cache_storage_load_readonly(struct cache *cache, const char *file, char *err, size_t err_size)
{
    sqlite3 *db = open_readonly(file, err, err_size);
    sqlite3 *memory = db ? copy_to_memory(db, err, err_size) : NULL;
    sqlite3_close(db);
    if (!adopt_memory(cache, memory))
        return false;
    cache->next_save = clocks_monotonic_whole_seconds() + CACHE_SAVE_RETRY_SECONDS;
    return true;
}

void cache_storage_watch(struct cache *cache)
{
    struct stat st;
    cache->watched = stat(cache->file, &st) == 0;
    cache->dev = st.st_dev;
    cache->ino = st.st_ino;
}

static size_t item_count(sqlite3 *db)
{
    sqlite3_stmt *stmt = NULL;
    size_t n = 0;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM items", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        n = (size_t)sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return n;
}

/* The working copy moves into memory; the file is left as it is. */
static bool to_memory(struct cache *cache, char *err, size_t err_size)
{
    return adopt_memory(cache, copy_to_memory(cache->db, err, err_size));
}

bool cache_failure_is_storage(int code)
{
    switch (code & 0xff) {
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
        return true;
    default:
        return false;
    }
}

bool cache_fall_back_to_memory(struct cache *cache)
{
    int code = cache->failed_code, sys_errno = cache->failed_errno;
    cache->failed_code = cache->failed_errno = 0;
    if (!cache_failure_is_storage(code))
        return false; /* not the storage: busy, out of memory, a bug */
    if (cache->unsaved || !cache->file[0])
        return false; /* in memory already: nothing else to fall back to */
    char reason[TICKER_REASON_MAX], err[512];
    cache_storage_reason(cache->file, code, sys_errno, reason, sizeof reason);
    /* The open connection may not read either (a file-size limit under
     * the 32 KB of its -shm file): then a new read-only connection, which
     * reads the file as it was last checkpointed, builds the copy. */
    char again[512];
    if (!to_memory(cache, err, sizeof err) && !cache_storage_load_readonly(cache, cache->file, again, sizeof again)) {
        log_error("cache %s: cannot be written (%s), and its copy in memory failed: %s; %s", cache->file, reason,
                  err, again);
        return false;
    }
    cache->next_save = clocks_monotonic_whole_seconds() + CACHE_SAVE_RETRY_SECONDS;
    log_error("cache %s: cannot be written (%s); its %zu items and new ones are kept in memory and shown, and "
              "written to it once the disk allows it (tried every %d s)",
              cache->file, reason, item_count(cache->db), CACHE_SAVE_RETRY_SECONDS);
    return true;
}

/* Writes the working copy to FILE.saving, then renames it over the file (a
 * reader or a power cut sees the old file or the new one, whole), and opens
 * it as the working copy again. */
static bool save(struct cache *cache, char *reason, size_t reason_size)
{
    char saving[TICKER_PATH_SUFFIXED_MAX], side[TICKER_PATH_SUFFIXED_MAX];
    if (access(cache->file, W_OK) != 0 && errno != ENOENT) {
        /* A file made read-only is not replaced behind its owner's back. */
        cache_storage_reason(cache->file, SQLITE_READONLY, errno, reason, reason_size);
        return false;
    }
    snprintf(saving, sizeof saving, "%s.saving", cache->file);
    unlink(saving);
    sqlite3 *out = NULL;
    int rc = sqlite3_open_v2(saving, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_backup *backup = sqlite3_backup_init(out, "main", cache->db, "main");
        rc = backup ? sqlite3_backup_step(backup, -1) : sqlite3_extended_errcode(out);
        sqlite3_backup_finish(backup);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    int sys_errno = out ? sqlite3_system_errno(out) : errno;
    if (rc != SQLITE_OK)
        cache_storage_reason(saving, rc, sys_errno ? sys_errno : errno, reason, reason_size);
    sqlite3_close(out);
    if (rc == SQLITE_OK) {
        /* A WAL or shared-memory file left by the old database must not be
         * replayed into the new one. */
        static const char *const companions[] = {"-wal", "-shm"};
        for (size_t i = 0; i < 2; i++) {
            snprintf(side, sizeof side, "%s%s", cache->file, companions[i]);
            unlink(side);
        }
        if (rename(saving, cache->file) != 0) {
            cache_storage_reason(cache->file, SQLITE_CANTOPEN, errno, reason, reason_size);
            rc = SQLITE_CANTOPEN;
        }
    }
    if (rc != SQLITE_OK) {
        unlink(saving);
        return false;
    }
    sqlite3 *file = NULL;
    char err[TICKER_ERROR_MAX];
    if (sqlite3_open_v2(cache->file, &file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK ||
        !cache_check_ok(file, "PRAGMA quick_check", err, sizeof err) ||
        sqlite3_exec(file, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_db_readonly(file, "main") == 1) {
        snprintf(reason, reason_size, "the file written cannot be opened again");
        sqlite3_close(file);
        return false;
    }
    sqlite3_busy_timeout(file, 5000);
    sqlite3_close(cache->db);
    cache->db = file;
    free(cache->path);
    cache->path = strdup(cache->file);
    cache->unsaved = false;
    cache_storage_watch(cache);
    return cache->path != NULL;
}

bool cache_maintain(struct cache *cache, bool force_save)
{
    if (!cache->file[0])
        return true;
    char err[TICKER_ERROR_MAX], reason[256];
    if (!cache->unsaved && cache->watched) {
        struct stat st;
        bool gone = stat(cache->file, &st) != 0;
        if (!gone && st.st_dev == cache->dev && st.st_ino == cache->ino)
            return true;
        log_warn("cache %s: the file was %s while running; rebuilding it from the %zu items in memory", cache->file,
                 gone ? "deleted" : "replaced", item_count(cache->db));
        if (!to_memory(cache, err, sizeof err)) {
            log_error("cache %s: cannot rebuild it: %s", cache->file, err);
            return false;
        }
        force_save = true;
    }
    if (!cache->unsaved)
        return true;
    int64_t now = clocks_monotonic_whole_seconds();
    if (!force_save && now < cache->next_save)
        return false;
    cache->next_save = now + CACHE_SAVE_RETRY_SECONDS;
    if (!save(cache, reason, sizeof reason)) {
        log_debug("cache %s: still cannot be written (%s); the items stay in memory", cache->file, reason);
        return false;
    }
    log_info("cache %s: written again, %zu items saved", cache->file, item_count(cache->db));
    return true;
}

bool cache_saved(const struct cache *cache)
{
    return !cache->unsaved;
}

struct cache *cache_open_readonly(const char *path, char *err, size_t err_size)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) { /* SQLite would block on a FIFO */
        snprintf(err, err_size, "cache %s: it is %s, not a cache file; left as it is", path, filekind_name(st.st_mode));
        return NULL;
    }
    struct cache *cache = calloc(1, sizeof *cache);
    char reason[TICKER_ERROR_MAX] = "";
    if (!cache)
        return NULL;
    cache->db = open_readonly(path, reason, sizeof reason);
    cache->path = strdup(path);
    cache->file = strdup("");
    if (!cache->db || !cache->path || !cache->file) {
        snprintf(err, err_size, "cache %s: cannot be read (%s); left as it is", path, reason[0] ? reason : LOG_OOM);
        cache_close(cache);
        return NULL;
    }
    /* An empty file or another program's database holds no items to show:
     * it is said so, in words, not as SQLite's "no such table". A file of
     * an older schema is read through a copy in memory brought up to date,
     * the file itself left as it is. */
    int version = cache_schema_version(cache->db);
    enum cache_content content = cache_content_of(cache->db, reason, sizeof reason);
    if (content == CACHE_CONTENT_CACHE && version > CACHE_SCHEMA_VERSION)
        snprintf(reason, sizeof reason, "schema version %d, from a newer ticker than this one (%d)", version,
                 CACHE_SCHEMA_VERSION);
    if (content != CACHE_CONTENT_CACHE || version > CACHE_SCHEMA_VERSION) {
        snprintf(err, err_size, "cache %s: %s; left as it is", path, reason);
        cache_close(cache);
        return NULL;
    }
    if (version >= 1 && version < CACHE_SCHEMA_VERSION) {
        sqlite3 *memory = copy_to_memory(cache->db, reason, sizeof reason);
        if (!memory || !cache_migrate(memory, version, reason, sizeof reason)) {
            snprintf(err, err_size, "cache %s: cannot be read (%s); left as it is", path, reason);
            sqlite3_close(memory);
            cache_close(cache);
            return NULL;
        }
        sqlite3_close(cache->db);
        cache->db = memory;
    }
    return cache;
}
