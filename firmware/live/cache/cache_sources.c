/* Each source's fetch state (validators, schedule, errors): kept in the
 * sources table so that a restart neither refetches early nor forgets a
 * failing source (see cache.h). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "live/cache/cache.h"
#include "base/array.h"
#include "live/cache/cache_db.h"

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
    bool ok = item_set(&s->location, cache_column_text(stmt, 0)) && item_set(&s->etag, cache_column_text(stmt, 1)) &&
              item_set(&s->last_modified, cache_column_text(stmt, 2)) &&
              item_set(&s->signature, cache_column_text(stmt, 3)) &&
              item_set(&s->last_error, cache_column_text(stmt, 4));
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
        snprintf(err, err_size, "cache %s: reading the state of %s: %s", cache->path, location,
                 sqlite3_errmsg(cache->db));
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
        ok = ARRAY_RESIZE(all, n + 1);
        if (ok) {
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

bool cache_shift_times(struct cache *cache, int64_t from, int64_t to, int64_t delta, char *err, size_t err_size)
{
    static const char *const updates[] = {
        "UPDATE items SET first_seen = first_seen + ?3 WHERE first_seen BETWEEN ?1 AND ?2",
        "UPDATE items SET last_seen = last_seen + ?3 WHERE last_seen BETWEEN ?1 AND ?2",
        "UPDATE sources SET last_success = last_success + ?3 WHERE last_success BETWEEN ?1 AND ?2",
        "UPDATE sources SET last_error_at = last_error_at + ?3 WHERE last_error_at BETWEEN ?1 AND ?2",
        "UPDATE sources SET next_due = next_due + ?3 WHERE next_due BETWEEN ?1 AND ?2",
        "UPDATE clears SET seen = seen + ?3 WHERE seen BETWEEN ?1 AND ?2",
    };
    bool ok = cache_begin(cache, err, err_size);
    for (size_t i = 0; ok && i < sizeof updates / sizeof *updates; i++) {
        sqlite3_stmt *stmt = NULL;
        ok = sqlite3_prepare_v2(cache->db, updates[i], -1, &stmt, NULL) == SQLITE_OK &&
             sqlite3_bind_int64(stmt, 1, from) == SQLITE_OK && sqlite3_bind_int64(stmt, 2, to) == SQLITE_OK &&
             sqlite3_bind_int64(stmt, 3, delta) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_DONE;
        if (!ok)
            snprintf(err, err_size, "cache %s: moving times by %lld s: %s", cache->path, (long long)delta,
                     sqlite3_errmsg(cache->db));
        sqlite3_finalize(stmt);
    }
    ok = ok && cache_commit(cache, err, err_size);
    if (!ok)
        cache_rollback(cache);
    return ok;
}
