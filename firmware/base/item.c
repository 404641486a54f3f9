#include "base/item.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/array.h"
#include "base/hash.h"
#include "base/strarray.h"

static const char *const kind_names[ITEM_KIND_COUNT] = {"news", "dialogue", "infographic", "video"};

void item_init(struct item *item)
{
    memset(item, 0, sizeof *item);
    item->id = strdup("");
    item->title = strdup("");
    item->summary = strdup("");
    item->source = strdup("");
    item->link = strdup("");
}

/* Cuts text to at most max bytes at a UTF-8 character boundary, ending in
 * "…" when it cut. */
static void cap_text(char *text, size_t max)
{
    static const char ellipsis[] = "\xE2\x80\xA6";
    if (!text || max < sizeof ellipsis || strnlen(text, max + 1) <= max)
        return;
    size_t cut = max - (sizeof ellipsis - 1);
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--;
    memcpy(text + cut, ellipsis, sizeof ellipsis);
}

static void cap_list(char **values, size_t *count, size_t max_count, size_t max_bytes)
{
    for (size_t i = max_count; i < *count; i++)
        free(values[i]);
    if (*count > max_count)
        *count = max_count;
    for (size_t i = 0; i < *count; i++)
        cap_text(values[i], max_bytes);
}

void item_cap(struct item *item)
{
    cap_text(item->title, ITEM_MAX_TITLE_BYTES);
    cap_text(item->summary, ITEM_MAX_SUMMARY_BYTES);
    cap_text(item->source, ITEM_MAX_SOURCE_BYTES);
    cap_text(item->link, ITEM_MAX_LINK_BYTES);
    cap_text(item->id, ITEM_MAX_LINK_BYTES);
    cap_list(item->captions, &item->caption_count, ITEM_MAX_CAPTIONS, ITEM_MAX_CAPTION_BYTES);
    cap_list(item->categories, &item->category_count, ITEM_MAX_CATEGORIES, ITEM_MAX_CATEGORY_BYTES);
    for (size_t i = ITEM_MAX_PICTURES; i < item->picture_count; i++) {
        free(item->pictures[i].url);
        free(item->pictures[i].caption);
    }
    if (item->picture_count > ITEM_MAX_PICTURES)
        item->picture_count = ITEM_MAX_PICTURES;
    for (size_t i = 0; i < item->picture_count; i++) {
        cap_text(item->pictures[i].url, ITEM_MAX_LINK_BYTES);
        cap_text(item->pictures[i].caption, ITEM_MAX_CAPTION_BYTES);
    }
}

void item_clear(struct item *item)
{
    free(item->id);
    free(item->title);
    free(item->summary);
    free(item->source);
    free(item->link);
    strarray_free(item->captions, item->caption_count);
    strarray_free(item->categories, item->category_count);
    for (size_t i = 0; i < item->picture_count; i++) {
        free(item->pictures[i].url);
        free(item->pictures[i].caption);
    }
    free(item->pictures);
    memset(item, 0, sizeof *item);
}

bool item_set(char **field, const char *value)
{
    char *copy = strdup(value ? value : "");
    if (!copy)
        return false;
    free(*field);
    *field = copy;
    return true;
}

bool item_add_caption(struct item *item, const char *caption)
{
    return strarray_append(&item->captions, &item->caption_count, caption);
}

bool item_add_category(struct item *item, const char *category)
{
    return strarray_append(&item->categories, &item->category_count, category);
}

bool item_add_picture(struct item *item, const char *url, const char *caption, int width, int height)
{
    for (size_t i = 0; i < item->picture_count; i++)
        if (strcmp(item->pictures[i].url, url) == 0)
            return true;
    if (!ARRAY_RESIZE(item->pictures, item->picture_count + 1))
        return false;
    struct item_picture picture = {strdup(url), strdup(caption ? caption : ""), width, height};
    if (!picture.url || !picture.caption) {
        free(picture.url);
        free(picture.caption);
        return false;
    }
    item->pictures[item->picture_count++] = picture;
    return true;
}

bool item_copy(struct item *dst, const struct item *src)
{
    item_init(dst);
    bool ok = item_set(&dst->id, src->id) && item_set(&dst->title, src->title) &&
              item_set(&dst->summary, src->summary) && item_set(&dst->source, src->source) &&
              item_set(&dst->link, src->link);
    for (size_t i = 0; ok && i < src->caption_count; i++)
        ok = item_add_caption(dst, src->captions[i]);
    for (size_t i = 0; ok && i < src->category_count; i++)
        ok = item_add_category(dst, src->categories[i]);
    for (size_t i = 0; ok && i < src->picture_count; i++) {
        const struct item_picture *p = &src->pictures[i];
        ok = item_add_picture(dst, p->url, p->caption, p->width, p->height);
    }
    dst->kind = src->kind;
    dst->severity = src->severity;
    dst->expires = src->expires;
    dst->published = src->published;
    dst->has_published = src->has_published;
    dst->pinned = src->pinned;
    dst->pinned_featured = src->pinned_featured;
    dst->starts = src->starts;
    dst->clears = src->clears;
    if (!ok)
        item_clear(dst);
    return ok;
}

void item_make_id(const char *source, const char *title, char out[19])
{
    /* FNV-1a: ids only need to be stable and well spread, not secret
     * (they are stored: tests/base/test_hash.c pins them). */
    uint64_t hash = hash_text(hash_string(source) ^ 0x1f, title); /* 0x1f: unit separator */
    snprintf(out, 19, "h:%016llx", (unsigned long long)hash);
}

const char *item_kind_name(enum item_kind kind)
{
    return (unsigned)kind < ITEM_KIND_COUNT ? kind_names[kind] : "news";
}

static const char *const severity_names[] = {"", "unknown", "minor", "moderate", "severe", "extreme"};

bool item_pin_active(const struct item *item, int64_t now)
{
    return item->pinned && (item->starts == 0 || now >= item->starts) && (item->expires == 0 || now < item->expires);
}

bool item_alert_active(const struct item *item, int64_t now)
{
    return item->severity != ITEM_SEVERITY_NONE && (item->expires == 0 || now < item->expires);
}

const char *item_severity_name(enum item_severity severity)
{
    return (unsigned)severity <= ITEM_SEVERITY_EXTREME ? severity_names[severity] : "";
}

bool item_severity_from_name(const char *name, enum item_severity *severity)
{
    for (int s = ITEM_SEVERITY_UNKNOWN; s <= ITEM_SEVERITY_EXTREME; s++) {
        if (strcasecmp(name, severity_names[s]) == 0) {
            *severity = (enum item_severity)s;
            return true;
        }
    }
    return false;
}

bool item_kind_from_name(const char *name, enum item_kind *kind)
{
    for (int k = 0; k < ITEM_KIND_COUNT; k++) {
        if (strcmp(name, kind_names[k]) == 0) {
            *kind = (enum item_kind)k;
            return true;
        }
    }
    return false;
}

void item_format_published(const struct item *item, char out[32])
{
    out[0] = '\0';
    if (!item->has_published)
        return;
    time_t seconds = (time_t)item->published;
    struct tm utc;
    if (gmtime_r(&seconds, &utc))
        strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &utc);
}

/* A key of item_to_json: a constant, new to its object (json-c neither
 * copies it nor looks for it first). */
static void add(json_object *obj, const char *key, json_object *value)
{
    json_object_object_add_ex(obj, key, value, JSON_C_OBJECT_ADD_KEY_IS_NEW | JSON_C_OBJECT_KEY_IS_CONSTANT);
}

char *item_to_json(const struct item *item)
{
    json_object *obj = json_object_new_object();
    json_object *captions = json_object_new_array();
    if (!obj || !captions) {
        json_object_put(obj);
        json_object_put(captions);
        return NULL;
    }
    char published[32];
    item_format_published(item, published);
    add(obj, "id", json_object_new_string(item->id));
    add(obj, "kind", json_object_new_string(item_kind_name(item->kind)));
    add(obj, "title", json_object_new_string(item->title));
    add(obj, "summary", json_object_new_string(item->summary));
    for (size_t i = 0; i < item->caption_count; i++)
        json_object_array_add(captions, json_object_new_string(item->captions[i]));
    add(obj, "captions", captions);
    add(obj, "source", json_object_new_string(item->source));
    add(obj, "link", json_object_new_string(item->link));
    add(obj, "published", json_object_new_string(published));
    if (item->severity != ITEM_SEVERITY_NONE) {
        char expires[32] = "";
        struct item at = {.published = item->expires, .has_published = item->expires != 0};
        item_format_published(&at, expires);
        add(obj, "severity", json_object_new_string(item_severity_name(item->severity)));
        add(obj, "expires", json_object_new_string(expires));
    }
    if (item->pinned) {
        char starts[32] = "", ends[32] = "";
        struct item from = {.published = item->starts, .has_published = item->starts != 0};
        struct item to = {.published = item->expires, .has_published = item->expires != 0};
        item_format_published(&from, starts);
        item_format_published(&to, ends);
        add(obj, "pinned", json_object_new_boolean(1));
        add(obj, "starts", json_object_new_string(starts));
        add(obj, "ends", json_object_new_string(ends));
        add(obj, "featured", json_object_new_boolean(item->pinned_featured));
    }
    if (item->picture_count) {
        json_object *pictures = json_object_new_array();
        for (size_t i = 0; pictures && i < item->picture_count; i++) {
            const struct item_picture *p = &item->pictures[i];
            json_object *one = json_object_new_object();
            add(one, "url", json_object_new_string(p->url));
            add(one, "caption", json_object_new_string(p->caption));
            add(one, "width", json_object_new_int(p->width));
            add(one, "height", json_object_new_int(p->height));
            json_object_array_add(pictures, one);
        }
        add(obj, "pictures", pictures);
    }
    /* Plain UTF-8 out (no \uXXXX escapes) and no escaped slashes in links. */
    const char *text = json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
    char *copy = text ? strdup(text) : NULL;
    json_object_put(obj);
    return copy;
}

struct item_list *item_list_create(void)
{
    return calloc(1, sizeof(struct item_list));
}

void item_list_destroy(struct item_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        item_clear(&list->items[i]);
    free(list->items);
    free(list);
}

static bool reserve_one(struct item_list *list)
{
    return ARRAY_GROW(list->items, list->capacity, list->count + 1, 16);
}

bool item_list_push(struct item_list *list, struct item *item)
{
    if (!reserve_one(list))
        return false;
    item_cap(item);
    list->items[list->count++] = *item;
    item_init(item);
    return true;
}

bool item_list_take(struct item_list *list, struct item *item)
{
    if (!reserve_one(list))
        return false;
    item_cap(item);
    list->items[list->count++] = *item;
    memset(item, 0, sizeof *item);
    return true;
}

bool item_list_sink(void *list, struct item *item)
{
    return item_list_take(list, item);
}

bool item_list_append_copy(struct item_list *list, const struct item *item)
{
    if (!reserve_one(list))
        return false;
    if (!item_copy(&list->items[list->count], item))
        return false;
    list->count++;
    return true;
}

struct item_list *item_list_clone(const struct item_list *list)
{
    struct item_list *clone = item_list_create();
    for (size_t i = 0; clone && i < list->count; i++) {
        if (!item_list_append_copy(clone, &list->items[i])) {
            item_list_destroy(clone);
            return NULL;
        }
    }
    return clone;
}
