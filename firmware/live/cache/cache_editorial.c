/* The cache's editorial tables (see cache.h): items hidden by hand, and
 * what the rules hid at the last post. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/log.h"
#include "base/playqueue.h"
#include "base/strarray.h"
#include "live/cache/cache.h"
#include "live/cache/cache_db.h"

static bool run_key(struct cache *cache, const char *sql, const char *key, int64_t now, char *err, size_t err_size)
{
    sqlite3_stmt *stmt = NULL;
    bool ok = sqlite3_prepare_v2(cache->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC) == SQLITE_OK &&
              (sqlite3_bind_parameter_count(stmt) < 2 || sqlite3_bind_int64(stmt, 2, now) == SQLITE_OK) &&
              sqlite3_step(stmt) == SQLITE_DONE;
    if (!ok)
        snprintf(err, err_size, "cache %s: %s", cache->path, sqlite3_errmsg(cache->db));
    sqlite3_finalize(stmt);
    return ok;
}

bool cache_hide(struct cache *cache, const char *key, int64_t now, char *err, size_t err_size)
{
    return run_key(cache, "INSERT INTO hidden(key, at) VALUES(?1, ?2) ON CONFLICT(key) DO NOTHING", key, now, err,
                   err_size);
}

bool cache_unhide(struct cache *cache, const char *key, bool *removed, char *err, size_t err_size)
{
    bool ok = run_key(cache, "DELETE FROM hidden WHERE key=?1", key, 0, err, err_size);
    *removed = ok && sqlite3_changes(cache->db) > 0;
    return ok;
}

/* Whether the table exists: a file of an older schema read as it is has
 * none, which means nothing was hidden or recorded. */
static bool has_table(struct cache *cache, const char *name)
{
    sqlite3_stmt *stmt = NULL;
    bool found = sqlite3_prepare_v2(cache->db, "SELECT 1 FROM sqlite_schema WHERE type='table' AND name=?1", -1, &stmt,
                                    NULL) == SQLITE_OK &&
                 sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW;
    sqlite3_finalize(stmt);
    return found;
}

void cache_keys_free(char **keys, size_t count)
{
    strarray_free(keys, count);
}

char **cache_hidden_keys(struct cache *cache, size_t *count, char *err, size_t err_size)
{
    *count = 0;
    char **keys = calloc(1, sizeof *keys);
    if (!keys || !has_table(cache, "hidden"))
        return keys;
    sqlite3_stmt *stmt = NULL;
    bool ok = sqlite3_prepare_v2(cache->db, "SELECT key FROM hidden ORDER BY key", -1, &stmt, NULL) == SQLITE_OK;
    int rc = SQLITE_DONE;
    while (ok && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
        ok = strarray_append(&keys, count, cache_column_text(stmt, 0));
    if (!ok || rc != SQLITE_DONE) {
        snprintf(err, err_size, "cache %s: reading the hidden items: %s", cache->path,
                 ok ? sqlite3_errmsg(cache->db) : LOG_OOM);
        strarray_free(keys, *count);
        keys = NULL;
        *count = 0;
    }
    sqlite3_finalize(stmt);
    return keys;
}

bool cache_save_editorial(struct cache *cache, const struct cache_rule_count *rules, size_t count, int64_t at,
                          char *err, size_t err_size)
{
    sqlite3_stmt *stmt = NULL;
    bool ok = cache_begin(cache, err, err_size) &&
              sqlite3_exec(cache->db, "DELETE FROM editorial", NULL, NULL, NULL) == SQLITE_OK &&
              sqlite3_prepare_v2(cache->db, "INSERT OR REPLACE INTO editorial(rule, items, at) VALUES(?1, ?2, ?3)", -1,
                                 &stmt, NULL) == SQLITE_OK;
    for (size_t i = 0; ok && i < count; i++) {
        ok = sqlite3_bind_text(stmt, 1, rules[i].rule, -1, SQLITE_STATIC) == SQLITE_OK &&
             sqlite3_bind_int64(stmt, 2, rules[i].items) == SQLITE_OK && sqlite3_bind_int64(stmt, 3, at) == SQLITE_OK &&
             sqlite3_step(stmt) == SQLITE_DONE;
        sqlite3_reset(stmt);
    }
    if (ok)
        sqlite3_finalize(stmt);
    ok = ok && cache_commit(cache, err, err_size);
    if (!ok) {
        snprintf(err, err_size, "cache %s: recording what the rules hid: %s", cache->path, sqlite3_errmsg(cache->db));
        sqlite3_finalize(stmt);
        cache_rollback(cache);
    }
    return ok;
}

void cache_rule_counts_free(struct cache_rule_count *rules, size_t count)
{
    for (size_t i = 0; rules && i < count; i++)
        free(rules[i].rule);
    free(rules);
}

struct cache_rule_count *cache_editorial(struct cache *cache, size_t *count, int64_t *at, char *err, size_t err_size)
{
    *count = 0;
    *at = 0;
    struct cache_rule_count *rules = NULL;
    if (!has_table(cache, "editorial"))
        return calloc(1, sizeof *rules);
    sqlite3_stmt *stmt = NULL;
    bool ok = sqlite3_prepare_v2(cache->db, "SELECT rule, items, at FROM editorial ORDER BY rowid", -1, &stmt, NULL) ==
              SQLITE_OK;
    int rc = SQLITE_DONE;
    while (ok && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        ok = ARRAY_RESIZE(rules, *count + 1);
        if (!ok)
            break;
        rules[*count].items = sqlite3_column_int64(stmt, 1);
        *at = sqlite3_column_int64(stmt, 2);
        ok = (rules[*count].rule = strdup(cache_column_text(stmt, 0))) != NULL;
        *count += ok;
    }
    if (!ok || rc != SQLITE_DONE) {
        snprintf(err, err_size, "cache %s: reading what the rules hid: %s", cache->path,
                 ok ? sqlite3_errmsg(cache->db) : LOG_OOM);
        cache_rule_counts_free(rules, *count);
        rules = NULL;
        *count = 0;
    }
    sqlite3_finalize(stmt);
    return rules ? rules : calloc(1, sizeof *rules);
}

bool cache_record_plays(struct cache *cache, const struct play_event *events, size_t count, int64_t prune_before,
                        char *err, size_t err_size)
{
    sqlite3_stmt *stmt = NULL;
    bool ok =
        cache_begin(cache, err, err_size) &&
        sqlite3_prepare_v2(cache->db,
                           "INSERT INTO played(kind, id, title, source, started, ended) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
                           -1, &stmt, NULL) == SQLITE_OK;
    for (size_t i = 0; ok && i < count; i++) {
        const struct play_event *e = &events[i];
        ok = sqlite3_bind_text(stmt, 1, e->kind, -1, SQLITE_STATIC) == SQLITE_OK &&
             sqlite3_bind_text(stmt, 2, e->id ? e->id : "", -1, SQLITE_STATIC) == SQLITE_OK &&
             sqlite3_bind_text(stmt, 3, e->title ? e->title : "", -1, SQLITE_STATIC) == SQLITE_OK &&
             sqlite3_bind_text(stmt, 4, e->source ? e->source : "", -1, SQLITE_STATIC) == SQLITE_OK &&
             sqlite3_bind_int64(stmt, 5, e->started) == SQLITE_OK &&
             sqlite3_bind_int64(stmt, 6, e->ended) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_DONE;
        sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    stmt = NULL;
    if (ok && prune_before)
        ok = sqlite3_prepare_v2(cache->db, "DELETE FROM played WHERE ended < ?1", -1, &stmt, NULL) == SQLITE_OK &&
             sqlite3_bind_int64(stmt, 1, prune_before) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_DONE;
    sqlite3_finalize(stmt);
    if (!ok)
        snprintf(err, err_size, "cache %s: recording what was shown: %s", cache->path, sqlite3_errmsg(cache->db));
    ok = ok && cache_commit(cache, err, err_size);
    if (!ok)
        cache_rollback(cache);
    return ok;
}

bool cache_plays(struct cache *cache, int64_t since, cache_play_fn *each, void *arg, char *err, size_t err_size)
{
    if (!has_table(cache, "played"))
        return true;
    sqlite3_stmt *stmt = NULL;
    bool ok = sqlite3_prepare_v2(cache->db,
                                 "SELECT kind, id, title, source, started, ended FROM played WHERE ended >= ?1"
                                 " ORDER BY started, rowid",
                                 -1, &stmt, NULL) == SQLITE_OK &&
              sqlite3_bind_int64(stmt, 1, since) == SQLITE_OK;
    int rc = SQLITE_DONE;
    while (ok && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        struct play_event e = {cache_column_text(stmt, 0), (char *)cache_column_text(stmt, 1),
                               (char *)cache_column_text(stmt, 2), (char *)cache_column_text(stmt, 3),
                               sqlite3_column_int64(stmt, 4), sqlite3_column_int64(stmt, 5)};
        each(arg, &e);
    }
    if (!ok || rc != SQLITE_DONE) {
        snprintf(err, err_size, "cache %s: reading what was shown: %s", cache->path, sqlite3_errmsg(cache->db));
        ok = false;
    }
    sqlite3_finalize(stmt);
    return ok;
}
