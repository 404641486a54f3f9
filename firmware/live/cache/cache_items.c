/* The items table: storing a fetch's items, confirming them on a 304,
 * expiry, and reading them back in screen order (see cache.h). */
#include <json-c/json.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "live/cache/cache.h"
#include "base/log.h"
#include "live/cache/cache_db.h"

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

/* The pictures as a JSON array of {url, caption, width, height}. */
static char *pictures_to_json(const struct item *item)
{
    json_object *array = json_object_new_array();
    for (size_t i = 0; array && i < item->picture_count; i++) {
        const struct item_picture *p = &item->pictures[i];
        json_object *o = json_object_new_object();
        json_object_object_add(o, "url", json_object_new_string(p->url ? p->url : ""));
        json_object_object_add(o, "caption", json_object_new_string(p->caption ? p->caption : ""));
        json_object_object_add(o, "width", json_object_new_int(p->width));
        json_object_object_add(o, "height", json_object_new_int(p->height));
        json_object_array_add(array, o);
    }
    const char *text =
        array ? json_object_to_json_string_ext(array, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE) : NULL;
    char *copy = text ? strdup(text) : NULL;
    json_object_put(array);
    return copy;
}

static bool pictures_from_json(const char *text, struct item *item)
{
    json_object *array = json_tokener_parse(text && text[0] ? text : "[]");
    bool ok = true;
    if (array && json_object_is_type(array, json_type_array)) {
        size_t n = json_object_array_length(array);
        for (size_t i = 0; ok && i < n; i++) {
            json_object *o = json_object_array_get_idx(array, i), *url, *caption, *w, *h;
            if (!json_object_object_get_ex(o, "url", &url))
                continue;
            json_object_object_get_ex(o, "caption", &caption);
            json_object_object_get_ex(o, "width", &w);
            json_object_object_get_ex(o, "height", &h);
            ok = item_add_picture(item, json_object_get_string(url), caption ? json_object_get_string(caption) : "",
                                  w ? json_object_get_int(w) : 0, h ? json_object_get_int(h) : 0);
        }
    }
    json_object_put(array);
    return ok;
}

static const char upsert_sql[] =
    "INSERT INTO items(id, origin, kind, title, summary, captions, source, link, published, categories,"
    " first_seen, last_seen, severity, expires, pictures, pin, starts)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?13, ?14, ?15, ?16)"
    " ON CONFLICT(id) DO UPDATE SET kind=excluded.kind, title=excluded.title, summary=excluded.summary,"
    " captions=excluded.captions, source=excluded.source, link=excluded.link, published=excluded.published,"
    " categories=excluded.categories, last_seen=excluded.last_seen, severity=excluded.severity,"
    " expires=excluded.expires, pictures=excluded.pictures, pin=excluded.pin, starts=excluded.starts"
    " WHERE items.origin = excluded.origin AND (items.kind IS NOT excluded.kind OR items.title IS NOT excluded.title"
    " OR items.summary IS NOT excluded.summary OR items.captions IS NOT excluded.captions"
    " OR items.source IS NOT excluded.source OR items.link IS NOT excluded.link"
    " OR items.published IS NOT excluded.published OR items.categories IS NOT excluded.categories"
    " OR items.pictures IS NOT excluded.pictures OR items.pin IS NOT excluded.pin"
    " OR items.starts IS NOT excluded.starts"
    " OR items.expires IS NOT excluded.expires)";

static bool bind_item(sqlite3_stmt *stmt, const char *origin, const struct item *item, const char *id, int64_t now,
                      char **captions, char **categories, char **pictures)
{
    *captions = strings_to_json(item->captions, item->caption_count);
    *categories = strings_to_json(item->categories, item->category_count);
    *pictures = pictures_to_json(item);
    if (!*captions || !*categories || !*pictures)
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
              sqlite3_bind_int64(stmt, 11, now) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 12, item_severity_name(item->severity), -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_int64(stmt, 13, item->expires) == SQLITE_OK &&
              sqlite3_bind_text(stmt, 14, *pictures, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_int(stmt, 15, item->pinned ? (item->pinned_featured ? 2 : 1) : 0) == SQLITE_OK &&
              sqlite3_bind_int64(stmt, 16, item->starts) == SQLITE_OK;
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
    char *captions = NULL, *categories = NULL, *pictures = NULL;
    bool ok = bind_item(upsert, origin, item, id, now, &captions, &categories, &pictures) &&
              sqlite3_step(upsert) == SQLITE_DONE;
    if (ok && sqlite3_changes(db) > 0)
        (*changed)++;
    sqlite3_reset(upsert);
    sqlite3_clear_bindings(upsert);
    free(captions);
    free(categories);
    free(pictures);
    /* The id is still in a feed: it must not expire, whoever owns the row. */
    ok = ok && sqlite3_bind_text(touch, 1, id, -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_bind_int64(touch, 2, now) == SQLITE_OK && sqlite3_step(touch) == SQLITE_DONE;
    sqlite3_reset(touch);
    return ok;
}

/* An alert lasts only while its source still holds it: a removed alert
 * file or a CAP feed that dropped (or cancelled) an alert clears the
 * screen, instead of waiting max_age_days like a headline. So the origin's
 * alerts are replaced by the ones it gives now; each dropped one counts as
 * a change, so the new list is posted. A pin of a pins.ini on the stick
 * goes the same way: taken off the file, off the screen. */
static bool drop_alerts(sqlite3 *db, const char *origin, size_t *changed)
{
    sqlite3_stmt *stmt = NULL;
    bool ok = sqlite3_prepare_v2(db, "DELETE FROM items WHERE origin=?1 AND (severity != '' OR pin != 0)", -1, &stmt,
                                 NULL) ==
                  SQLITE_OK &&
              sqlite3_bind_text(stmt, 1, origin, -1, SQLITE_STATIC) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_DONE;
    if (ok)
        *changed += (size_t)sqlite3_changes(db);
    sqlite3_finalize(stmt);
    return ok;
}

bool cache_store_items(struct cache *cache, const char *origin, const struct item_list *items, int64_t now,
                       size_t *changed, char *err, size_t err_size)
{
    *changed = 0;
    sqlite3_stmt *upsert = NULL, *touch = NULL;
    bool ok = sqlite3_prepare_v2(cache->db, upsert_sql, -1, &upsert, NULL) == SQLITE_OK &&
              sqlite3_prepare_v2(cache->db, "UPDATE items SET last_seen=?2 WHERE id=?1 AND last_seen<?2", -1, &touch,
                                 NULL) == SQLITE_OK &&
              drop_alerts(cache->db, origin, changed);
    /* First what is over, so that this source's own newer Update stays. */
    for (size_t i = 0; ok && i < items->count; i++)
        if (items->items[i].clears)
            ok = cache_cleared_record(cache->db, origin, &items->items[i], now, changed);
    for (size_t i = 0; ok && i < items->count; i++) {
        const struct item *item = &items->items[i];
        bool blocked = item->clears;
        ok = blocked || cache_cleared_blocks(cache->db, item, now, &blocked);
        if (ok && !blocked)
            ok = store_one(cache->db, upsert, touch, origin, item, now, changed);
    }
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
              sqlite3_step(stmt) == SQLITE_DONE && cache_cleared_confirm(cache->db, origin, now);
    if (!ok)
        snprintf(err, err_size, "cache %s: confirming items of %s: %s", cache->path, origin, sqlite3_errmsg(cache->db));
    sqlite3_finalize(stmt);
    return ok;
}

/* The count cap, shared fairly: each origin keeps its newest
 * max_items / origins (at least one), so a feed of thousands cannot push the
 * others off the screen; what is left of the cap goes to the newest of the
 * rest, whichever source they came from. */
static const char fair_share_sql[] =
    "WITH ranked AS (SELECT id, last_seen, COALESCE(published, first_seen) AS t, ROW_NUMBER() OVER"
    " (PARTITION BY origin ORDER BY last_seen DESC, COALESCE(published, first_seen) DESC, id) AS r FROM items),"
    " quota AS (SELECT MAX(1, ?1 / COUNT(DISTINCT origin)) AS n FROM items),"
    " kept AS (SELECT COUNT(*) AS n FROM ranked, quota WHERE r <= quota.n)"
    " DELETE FROM items WHERE id IN (SELECT id FROM ranked, quota WHERE r > quota.n"
    " ORDER BY last_seen DESC, t DESC, id LIMIT -1 OFFSET MAX(0, ?1 - (SELECT n FROM kept)))";

bool cache_expire(struct cache *cache, int64_t now, int max_age_days, int max_items, size_t *removed, char *err,
                  size_t err_size)
{
    *removed = 0;
    sqlite3_stmt *by_age = NULL, *by_count = NULL;
    /* An expired alert goes at once, whatever its age. */
    bool ok = sqlite3_prepare_v2(cache->db, "DELETE FROM items WHERE last_seen < ?1 OR (expires > 0 AND expires <= ?2)",
                                 -1, &by_age, NULL) == SQLITE_OK &&
              sqlite3_prepare_v2(cache->db, fair_share_sql, -1, &by_count, NULL) == SQLITE_OK;
    /* Age is counted from now or from the newest sighting, whichever is
     * earlier: with a wall clock years ahead (a Pi that booted in the
     * future) and nothing fetched, nothing has aged. */
    int64_t newest = now;
    sqlite3_stmt *stmt = NULL;
    if (ok && sqlite3_prepare_v2(cache->db, "SELECT MAX(last_seen) FROM items", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL &&
        sqlite3_column_int64(stmt, 0) < newest)
        newest = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    ok = ok && sqlite3_bind_int64(by_age, 1, newest - (int64_t)max_age_days * 86400) == SQLITE_OK &&
         sqlite3_bind_int64(by_age, 2, now) == SQLITE_OK &&
         sqlite3_step(by_age) == SQLITE_DONE;
    if (ok)
        *removed += (size_t)sqlite3_changes(cache->db);
    ok = ok && sqlite3_bind_int(by_count, 1, max_items) == SQLITE_OK && sqlite3_step(by_count) == SQLITE_DONE;
    if (ok)
        *removed += (size_t)sqlite3_changes(cache->db);
    ok = ok && cache_cleared_expire(cache->db, now);
    if (!ok)
        snprintf(err, err_size, "cache %s: expiring items: %s", cache->path, sqlite3_errmsg(cache->db));
    sqlite3_finalize(by_age);
    sqlite3_finalize(by_count);
    return ok;
}

static bool row_to_item(sqlite3_stmt *stmt, struct item *item)
{
    item_init(item);
    bool ok = item_set(&item->id, cache_column_text(stmt, 0)) && item_set(&item->title, cache_column_text(stmt, 2)) &&
              item_set(&item->summary, cache_column_text(stmt, 3)) &&
              item_set(&item->source, cache_column_text(stmt, 5)) &&
              item_set(&item->link, cache_column_text(stmt, 6)) &&
              strings_from_json(cache_column_text(stmt, 4), item, item_add_caption) &&
              strings_from_json(cache_column_text(stmt, 8), item, item_add_category) &&
              pictures_from_json(cache_column_text(stmt, 11), item);
    if (!item_kind_from_name(cache_column_text(stmt, 1), &item->kind))
        item->kind = ITEM_NEWS;
    enum item_severity severity;
    if (item_severity_from_name(cache_column_text(stmt, 9), &severity)) {
        item->severity = severity;
        item->expires = sqlite3_column_int64(stmt, 10);
    }
    if (sqlite3_column_type(stmt, 7) != SQLITE_NULL) {
        item->published = sqlite3_column_int64(stmt, 7);
        item->has_published = true;
    }
    int pin = sqlite3_column_int(stmt, 13);
    if (pin) {
        item->pinned = true;
        item->pinned_featured = pin == 2;
        item->starts = sqlite3_column_int64(stmt, 14);
        item->expires = sqlite3_column_int64(stmt, 10);
    }
    return ok;
}

struct hidden_origins {
    const char *const *origins;
    size_t count;
};

static bool origin_shown(void *arg, const char *origin, int64_t first_seen, const struct item *item)
{
    (void)first_seen;
    (void)item;
    const struct hidden_origins *h = arg;
    for (size_t i = 0; origin && i < h->count; i++)
        if (!strcmp(origin, h->origins[i]))
            return false;
    return true;
}

struct item_list *cache_items_kept(struct cache *cache, cache_keep_fn *keep, void *arg, char *err, size_t err_size)
{
    sqlite3_stmt *stmt = NULL;
    struct item_list *list = item_list_create();
    if (!list ||
        sqlite3_prepare_v2(
            cache->db,
            "SELECT id, kind, title, summary, captions, source, link, published, categories, severity, expires,"
            " pictures, origin, pin, starts, first_seen"
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
        ok = row_to_item(stmt, &item);
        if (ok && keep(arg, cache_column_text(stmt, 12), sqlite3_column_int64(stmt, 15), &item))
            ok = item_list_push(list, &item);
        item_clear(&item);
    }
    if (!ok || rc != SQLITE_DONE) {
        snprintf(err, err_size, "cache %s: reading items: %s", cache->path, ok ? sqlite3_errmsg(cache->db) : LOG_OOM);
        item_list_destroy(list);
        list = NULL;
    }
    sqlite3_finalize(stmt);
    return list;
}

struct item_list *cache_items_except(struct cache *cache, const char *const *hidden, size_t hidden_count, char *err,
                                     size_t err_size)
{
    struct hidden_origins h = {hidden, hidden_count};
    return cache_items_kept(cache, origin_shown, &h, err, err_size);
}

struct item_list *cache_items(struct cache *cache, char *err, size_t err_size)
{
    return cache_items_except(cache, NULL, 0, err, err_size);
}

bool cache_forget_origin(struct cache *cache, const char *origin, size_t *removed, char *err, size_t err_size)
{
    *removed = 0;
    static const char *const statements[] = {"DELETE FROM items WHERE origin=?1",
                                             "DELETE FROM sources WHERE location=?1"};
    for (size_t i = 0; i < 2; i++) {
        sqlite3_stmt *stmt = NULL;
        bool ok = sqlite3_prepare_v2(cache->db, statements[i], -1, &stmt, NULL) == SQLITE_OK &&
                  sqlite3_bind_text(stmt, 1, origin, -1, SQLITE_STATIC) == SQLITE_OK &&
                  sqlite3_step(stmt) == SQLITE_DONE;
        if (ok && i == 0)
            *removed = (size_t)sqlite3_changes(cache->db);
        sqlite3_finalize(stmt);
        if (!ok) {
            snprintf(err, err_size, "cache %s: forgetting %s: %s", cache->path, origin, sqlite3_errmsg(cache->db));
            return false;
        }
    }
    return true;
}
