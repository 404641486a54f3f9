/* cache_db: the cache's SQLite handle, shared by the files of the cache
 * (cache.c opens, checks and moves aside; cache_items.c and
 * cache_sources.c read and write their tables).  Internal to
 * live/cache*.c: callers use cache.h.  Never: opens the database itself. */
#ifndef TICKER_CACHE_DB_H
#define TICKER_CACHE_DB_H

#include <sqlite3.h>

struct cache {
    sqlite3 *db;
    char *path;
};

/* A text column, "" for NULL (every text column is NOT NULL; this guards
 * against a file written by something else). */
static inline const char *cache_column_text(sqlite3_stmt *stmt, int column)
{
    const char *text = (const char *)sqlite3_column_text(stmt, column);
    return text ? text : "";
}

#endif
