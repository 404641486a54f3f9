/* The clears table: alerts a CAP Cancel or all-clear said are over (items
 * of clears set, ingest/cap_refs), taken off every alert source at once
 * and kept off while a source still says it or carries them (see cache.h,
 * cache_store_items). A row lasts until the later of its alert's own
 * expiry and CACHE_CLEARED_KEEP_SECONDS after it was last said (read, or
 * its source confirmed unchanged) or last met in a source, in the file: a
 * power cut does not bring the alert back. */
#include <sqlite3.h>
#include <stdio.h>

#include "live/cache/cache.h"
#include "live/cache/cache_db.h"

/* A relay may carry an alert a day after its agency cancelled it. */
#define CACHE_CLEARED_KEEP_SECONDS (48 * 3600)

/* Runs sql with ?1 = id (when not NULL), ?2, ?3, ?4 = a, b, c and ?5 =
 * origin (when not NULL), as many as it names. */
static bool run(sqlite3 *db, const char *sql, const char *id, int64_t a, int64_t b, int64_t c, const char *origin)
{
    sqlite3_stmt *stmt = NULL;
    bool ok = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
              (!id || sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC) == SQLITE_OK) &&
              (!origin || sqlite3_bind_text(stmt, 5, origin, -1, SQLITE_STATIC) == SQLITE_OK);
    const int64_t values[] = {a, b, c};
    for (int k = 2; ok && k <= sqlite3_bind_parameter_count(stmt) && k <= 4; k++)
        ok = sqlite3_bind_int64(stmt, k, values[k - 2]) == SQLITE_OK;
    ok = ok && sqlite3_step(stmt) == SQLITE_DONE;
    sqlite3_finalize(stmt);
    return ok;
}

bool cache_cleared_record(sqlite3 *db, const char *origin, const struct item *clear, int64_t now, size_t *changed)
{
    int64_t sent = clear->has_published ? clear->published : 0;
    /* The alert's own expiry is kept with the word that it is over (the
     * relay may carry it until then); a sent of 0 clears whatever was sent. */
    bool ok = run(db,
                  "INSERT INTO clears(id, sent, expires, seen, origin) VALUES(?1, ?2, MAX(?3, COALESCE((SELECT"
                  " MAX(expires) FROM items WHERE id = ?1 COLLATE NOCASE AND severity != ''), 0)), ?4, ?5)"
                  " ON CONFLICT(id) DO UPDATE SET sent = CASE WHEN clears.sent = 0 OR excluded.sent = 0 THEN 0"
                  " ELSE MAX(clears.sent, excluded.sent) END, expires = MAX(clears.expires, excluded.expires),"
                  " seen = MAX(clears.seen, excluded.seen), origin = excluded.origin",
                  clear->id, sent, clear->expires, now, origin);
    /* Whichever source's row it is: one row per id, so every source's copy. */
    ok = ok && run(db,
                   "DELETE FROM items WHERE id = ?1 COLLATE NOCASE AND severity != ''"
                   " AND (?2 = 0 OR published IS NULL OR published < ?2)",
                   clear->id, sent, 0, 0, NULL);
    if (ok)
        *changed += (size_t)sqlite3_changes(db);
    return ok;
}

bool cache_cleared_blocks(sqlite3 *db, const struct item *item, int64_t now, bool *blocked)
{
    *blocked = false;
    if (item->severity == ITEM_SEVERITY_NONE || !item->id || !item->id[0])
        return true;
    sqlite3_stmt *stmt = NULL;
    bool ok = sqlite3_prepare_v2(db, "SELECT 1 FROM clears WHERE id = ?1 AND (sent = 0 OR ?2 IS NULL OR ?2 < sent)",
                                 -1, &stmt, NULL) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 1, item->id, -1, SQLITE_STATIC) == SQLITE_OK &&
              (item->has_published ? sqlite3_bind_int64(stmt, 2, item->published) : sqlite3_bind_null(stmt, 2)) ==
                  SQLITE_OK;
    int rc = ok ? sqlite3_step(stmt) : SQLITE_ERROR;
    ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
    *blocked = rc == SQLITE_ROW;
    sqlite3_finalize(stmt);
    /* Still carried somewhere: remembered as long as it is, and to its own expiry. */
    return ok && (!*blocked || run(db, "UPDATE clears SET seen = MAX(seen, ?2), expires = MAX(expires, ?3)"
                                       " WHERE id = ?1",
                                   item->id, now, item->expires, 0, NULL));
}

bool cache_cleared_confirm(sqlite3 *db, const char *origin, int64_t now)
{
    return run(db, "UPDATE clears SET seen = MAX(seen, ?2) WHERE origin = ?5", NULL, now, 0, 0, origin);
}

bool cache_cleared_expire(sqlite3 *db, int64_t now)
{
    return run(db, "DELETE FROM clears WHERE MAX(expires, seen + ?3) <= ?2", NULL, now, CACHE_CLEARED_KEEP_SECONDS, 0,
               NULL);
}
