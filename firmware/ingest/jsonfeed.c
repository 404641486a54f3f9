/* JSON Feed to items (jsonfeed.h). */
#include "ingest/jsonfeed.h"

#include <ctype.h>
#include <json-c/json.h>
#include <libxml/uri.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/log.h"
#include "base/strset.h"
#include "ingest/date.h"
#include "ingest/picture_ref.h"
#include "ingest/text.h"

enum {
    MAX_TITLE_BYTES = 400,
    MAX_DERIVED_TITLE_BYTES = 160, /* a title made from the text, as for an RSS item with none */
    MAX_SUMMARY_BYTES = 1200,
    MAX_CAPTIONS = 32,
    MAX_PICTURES = 16,
};

struct jsonfeed {
    const struct ingest_context *context;
    struct item_list *out;
    const char *source; /* the feed's title, else the context's name */
    char *base;         /* the feed's home_page_url (absolute), else NULL: the base of relative links */
    struct text_html_parser *html;
    struct strset ids;  /* the ids given so far: a reused one is told apart */
    struct date_unread dates;
    bool ok;            /* false after an allocation failed */
};

struct entry {
    struct jsonfeed *feed;
    struct item item;
    const char *link;   /* what pictures in the content are relative to */
};

static const char *string_of(json_object *obj, const char *key)
{
    json_object *value;
    if (!json_object_object_get_ex(obj, key, &value) || !json_object_is_type(value, json_type_string))
        return NULL;
    const char *text = json_object_get_string(value);
    return text && *text ? text : NULL;
}

/* ref against base (NULL: as written); a clean copy. NULL on OOM. */
static char *resolve(const char *ref, const char *base)
{
    char *clean = text_clean(ref, strlen(ref));
    if (!clean || !*clean || picture_ref_is_absolute(clean) || !base)
        return clean;
    xmlChar *absolute = xmlBuildURI((const xmlChar *)clean, (const xmlChar *)base);
    char *copy = absolute ? strdup((const char *)absolute) : strdup(clean);
    xmlFree(absolute);
    free(clean);
    return copy;
}

/* A link's base: the feed's home page, else the document's own URL. */
static const char *link_base(const struct jsonfeed *f)
{
    return f->base ? f->base : f->context->url;
}

/* A picture's base: as a link's, except in a feed read from a local file
 * (a USB stick of news with its pictures), where it is the file beside it. */
static const char *picture_base(const struct entry *e)
{
    const char *path = e->feed->context->path;
    if (path && path[0] == '/')
        return path;
    return e->link && picture_ref_is_absolute(e->link) ? e->link : link_base(e->feed);
}

static void add_picture(struct entry *e, const char *url, const char *caption)
{
    if (!url || !*url || e->item.picture_count >= MAX_PICTURES)
        return;
    /* a site-relative picture on a stick is the web site's, when the feed names one */
    bool on_site = link_base(e->feed) && picture_ref_is_site_relative(e->feed->context->path, url);
    char *absolute = resolve(url, on_site ? link_base(e->feed) : picture_base(e));
    char *text = caption ? text_clean(caption, strlen(caption)) : NULL;
    if (!absolute || (caption && !text) || (*absolute && !item_add_picture(&e->item, absolute, text, 0, 0)))
        e->feed->ok = false;
    free(absolute);
    free(text);
}

static bool on_image(void *context, const char *src, const char *caption, int width, int height)
{
    struct entry *e = context;
    (void)width, (void)height; /* no sizes to order by: the feed's image comes first */
    add_picture(e, src, caption);
    return e->feed->ok;
}

static bool on_caption(void *context, const char *caption)
{
    struct item *item = &((struct entry *)context)->item;
    for (size_t i = 0; i < item->caption_count; i++)
        if (!strcmp(item->captions[i], caption))
            return true;
    return item->caption_count >= MAX_CAPTIONS || item_add_caption(item, caption);
}

/* Plain text by the spec, but generators escape it as HTML ("&amp;"): the
 * references are decoded (an unknown one and a bare "AT&T" stay). */
static char *plain_text(const char *text)
{
    char *clean = text_clean(text, strlen(text));
    if (clean && strchr(clean, '&'))
        text_decode_references(clean);
    return clean;
}

/* The item's text: summary, else content_text, else content_html read as a
 * feed's HTML description (its pictures and figcaptions taken either way). */
static char *entry_text(struct entry *e, json_object *obj)
{
    const char *html = string_of(obj, "content_html");
    struct text_html_sink sink = {on_caption, on_image, e, e->feed->html};
    char *from_html = html ? text_from_html_sink(html, strlen(html), &sink) : NULL;
    if (html && !from_html)
        e->feed->ok = false;
    const char *plain = string_of(obj, "summary");
    if (!plain)
        plain = string_of(obj, "content_text");
    if (!plain)
        return from_html;
    free(from_html);
    char *text = plain_text(plain);
    if (!text)
        e->feed->ok = false;
    return text;
}

static void read_date(struct entry *e, json_object *obj)
{
    const char *published = string_of(obj, "date_published"), *modified = string_of(obj, "date_modified");
    const char *texts[] = {published, modified};
    for (size_t i = 0; i < 2; i++) {
        int64_t when;
        if (texts[i] && date_parse_in_zone(texts[i], e->feed->context->zone, &when)) {
            int64_t now = e->feed->context->now ? e->feed->context->now : (int64_t)time(NULL);
            e->item.published = date_clamp_future(when, now);
            e->item.has_published = true;
            return;
        }
    }
    date_unread_note(&e->feed->dates, published ? published : modified);
}

static void read_tags(struct entry *e, json_object *obj)
{
    json_object *tags;
    if (!json_object_object_get_ex(obj, "tags", &tags) || !json_object_is_type(tags, json_type_array))
        return;
    for (size_t i = 0; i < json_object_array_length(tags) && i < ITEM_MAX_CATEGORIES; i++) {
        json_object *tag = json_object_array_get_idx(tags, i);
        if (!json_object_is_type(tag, json_type_string))
            continue;
        char *text = text_clean(json_object_get_string(tag), strlen(json_object_get_string(tag)));
        if (!text || (*text && !item_add_category(&e->item, text)))
            e->feed->ok = false;
        free(text);
    }
}

/* image, banner_image, then attachments of an image type; an attachment
 * of a video type makes the item a video, as an RSS enclosure's does. */
static void read_pictures(struct entry *e, json_object *obj)
{
    add_picture(e, string_of(obj, "image"), NULL);
    add_picture(e, string_of(obj, "banner_image"), NULL);
    json_object *attachments;
    if (!json_object_object_get_ex(obj, "attachments", &attachments) ||
        !json_object_is_type(attachments, json_type_array))
        return;
    for (size_t i = 0; i < json_object_array_length(attachments); i++) {
        json_object *a = json_object_array_get_idx(attachments, i);
        const char *type = json_object_is_type(a, json_type_object) ? string_of(a, "mime_type") : NULL;
        if (type && !strncasecmp(type, "image/", 6))
            add_picture(e, string_of(a, "url"), string_of(a, "title"));
        else if (type && !strncasecmp(type, "video/", 6) && string_of(a, "url"))
            e->item.kind = ITEM_VIDEO;
    }
}

/* The id as given (a string, or a number some feeds write), unless an
 * earlier item had it: then the item's own (its link, else a hash). */
static bool set_id(struct entry *e, json_object *obj)
{
    json_object *value;
    const char *id = NULL;
    if (json_object_object_get_ex(obj, "id", &value) &&
        (json_object_is_type(value, json_type_string) || json_object_is_type(value, json_type_int)))
        id = json_object_get_string(value);
    char *clean = id ? text_clean(id, strlen(id)) : NULL;
    if (id && !clean)
        return false;
    if (clean && !*clean) {
        free(clean);
        clean = NULL;
    }
    if (clean && !strset_add(&e->feed->ids, clean)) /* the set keeps clean, or frees a reused one */
        return item_set(&e->item.id, clean);
    if (*e->item.link)
        return item_set(&e->item.id, e->item.link);
    char hash[19];
    item_make_id(e->feed->source, e->item.title, hash);
    return item_set(&e->item.id, hash);
}

static void read_entry(struct jsonfeed *f, json_object *obj)
{
    struct entry e = {.feed = f};
    item_init(&e.item);
    const char *url = string_of(obj, "url");
    if (!url)
        url = string_of(obj, "external_url");
    char *link = url ? resolve(url, link_base(f)) : NULL;
    bool ok = (!url || link) && item_set(&e.item.link, link);
    e.link = link;
    read_pictures(&e, obj); /* the feed's own image before the content's */
    const char *title = string_of(obj, "title");
    char *title_text = title ? plain_text(title) : NULL;
    char *text = entry_text(&e, obj);
    ok =
        ok && f->ok && (!title || title_text) && item_set(&e.item.title, title_text) && item_set(&e.item.summary, text);
    if (ok && !*e.item.title && *e.item.summary) { /* a micro-post: its text is its title */
        ok = item_set(&e.item.title, e.item.summary);
        text_truncate(e.item.title, MAX_DERIVED_TITLE_BYTES);
    }
    text_truncate(e.item.title, MAX_TITLE_BYTES);
    text_truncate(e.item.summary, MAX_SUMMARY_BYTES);
    if (ok && *e.item.title) {
        read_date(&e, obj);
        read_tags(&e, obj);
        ok = f->ok && set_id(&e, obj) && item_set(&e.item.source, f->source) && item_list_take(f->out, &e.item);
    }
    if (!ok)
        f->ok = false;
    item_clear(&e.item);
    free(link);
    free(title_text);
    free(text);
}

/* "https://jsonfeed.org/version/1.1", "…/version/1" (http too, any later
 * version); also the bare "1.0" / "1.1" some generators write. */
static bool is_jsonfeed_version(const char *version)
{
    const char *p = version;
    if (!strncasecmp(p, "https://", 8))
        p += 8;
    else if (!strncasecmp(p, "http://", 7))
        p += 7;
    else if (strncasecmp(p, "jsonfeed.org/", 13) && strncasecmp(p, "www.jsonfeed.org/", 17))
        return !strcmp(p, "1") || !strcmp(p, "1.0") || !strcmp(p, "1.1");
    if (!strncasecmp(p, "www.", 4))
        p += 4;
    return !strncasecmp(p, "jsonfeed.org/version/", 21) && isdigit((unsigned char)p[21]);
}

/* Why root is no JSON Feed, in reason; true when it is one. */
static bool judge_root(json_object *root, json_object **items, char *reason, size_t reason_size)
{
    if (!json_object_is_type(root, json_type_object)) {
        snprintf(reason, reason_size, "a JSON document (%s), not a JSON Feed (an object whose \"version\" is "
                 "https://jsonfeed.org/version/1.1)", json_type_to_name(json_object_get_type(root)));
        return false;
    }
    const char *version = string_of(root, "version");
    if (!version) {
        snprintf(reason, reason_size, "a JSON document, not a JSON Feed: no \"version\" naming "
                 "https://jsonfeed.org/version/1 or 1.1");
        return false;
    }
    if (!is_jsonfeed_version(version)) {
        snprintf(reason, reason_size, "a JSON document with \"version\": \"%.60s\", not a JSON Feed "
                 "(https://jsonfeed.org/version/1 or 1.1)", version);
        return false;
    }
    if (!json_object_object_get_ex(root, "items", items) || !json_object_is_type(*items, json_type_array)) {
        snprintf(reason, reason_size, "a JSON Feed without an \"items\" array");
        return false;
    }
    return true;
}

/* Where a document cut short can be closed: just after the last value that
 * ends inside the root object, or inside an array the root holds (an item
 * of "items"), outside any string. *closing gets what closes it ("}" or
 * "]}"). 0: nowhere (the cut is in the first item, or the root is no
 * object). A later cut never gives an earlier place: items only grow. */
static size_t last_whole_value(const char *data, size_t size, const char **closing)
{
    char stack[3]; /* the root's container and one below: deeper is counted only */
    size_t depth = 0, at = 0;
    bool in_string = false;
    for (size_t i = 0; i < size; i++) {
        char c = data[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (depth < sizeof stack)
                stack[depth] = c;
            depth++;
        } else if ((c == '}' || c == ']') && depth > 0) {
            depth--;
            if (depth == 2 && stack[0] == '{' && stack[1] == '[') {
                at = i + 1;
                *closing = "]}";
            } else if (depth == 1 && stack[0] == '{') {
                at = i + 1;
                *closing = "}";
            } else if (depth == 0) {
                return 0; /* the document is whole: nothing to close */
            }
        }
    }
    return at;
}

static json_object *parse_whole(const char *data, size_t size, enum json_tokener_error *error, size_t *end)
{
    json_tokener *tokener = json_tokener_new(); /* its depth limit (32) holds: a feed is 4 deep */
    *end = 0;
    if (!tokener) {
        *error = json_tokener_error_size; /* told apart by the caller: no document is that large */
        return NULL;
    }
    json_object *root = size <= INT_MAX ? json_tokener_parse_ex(tokener, data, (int)size) : NULL;
    *error = size <= INT_MAX ? json_tokener_get_error(tokener) : json_tokener_error_size;
    *end = json_tokener_get_parse_end(tokener);
    json_tokener_free(tokener);
    return root;
}

/* A document that ends before its JSON does (a transfer cut short, a
 * server that stopped writing): what is whole before the cut, closed, and
 * said once, so the items complete before the cut are still shown. */
static json_object *parse_cut_short(const char *name, const char *data, size_t size)
{
    const char *closing = NULL;
    size_t at = last_whole_value(data, size, &closing);
    if (!at)
        return NULL;
    char *closed = malloc(at + 3);
    if (!closed)
        return NULL;
    memcpy(closed, data, at);
    memcpy(closed + at, closing, strlen(closing) + 1);
    enum json_tokener_error error;
    size_t end;
    json_object *root = parse_whole(closed, at + strlen(closing), &error, &end);
    free(closed);
    if (root)
        log_warn("%s: the JSON Feed is cut short (truncated: it ends after %zu bytes, inside its JSON): "
                 "the items whole before the cut are read", name, size);
    return root;
}

static json_object *parse_json(const char *name, const char *data, size_t size, char *reason, size_t reason_size)
{
    enum json_tokener_error error;
    size_t end;
    json_object *root = parse_whole(data, size, &error, &end);
    if (!root && error == json_tokener_continue)
        root = parse_cut_short(name, data, size);
    if (root)
        return root;
    if (error == json_tokener_error_size && size <= INT_MAX)
        log_oom_reason(reason, reason_size, NULL);
    else if (error == json_tokener_continue)
        snprintf(reason, reason_size, "broken JSON (it ends before the document does: cut short?), not a JSON Feed");
    else
        snprintf(reason, reason_size, "broken JSON (%s at byte %zu), not a JSON Feed", json_tokener_error_desc(error),
                 end);
    return NULL;
}

/* Where the JSON starts: past a BOM and blanks, or past what a server
 * printed before it (a PHP notice), at the first line that opens an object. */
static size_t json_start(const char *data, size_t size, const char *name)
{
    const char *p = data, *end = data + size;
    if (size >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) /* json-c reads no BOM */
        p += 3;
    while (p < end && isspace((unsigned char)*p))
        p++;
    if (p == end || *p == '{' || *p == '[')
        return (size_t)(p - data);
    for (const char *q = p; (q = memchr(q, '\n', (size_t)(end - q))) != NULL && ++q < end;)
        if (*q == '{') {
            log_warn("%s: %zu bytes before the JSON Feed (a server's message, not JSON) skipped", name,
                     (size_t)(q - data));
            return (size_t)(q - data);
        }
    return 0;
}

bool jsonfeed_parse_in(const struct ingest_context *context, const char *data, size_t size, struct item_list *out,
                       char *reason, size_t reason_size)
{
    size_t junk = json_start(data, size, context->name);
    data += junk;
    size -= junk;
    json_object *root = parse_json(context->name, data, size, reason, reason_size), *items = NULL;
    if (!root || !judge_root(root, &items, reason, reason_size)) {
        json_object_put(root);
        return false;
    }
    const char *title = string_of(root, "title");
    char *source = title ? text_clean(title, strlen(title)) : NULL;
    const char *home = string_of(root, "home_page_url");
    struct jsonfeed f = {.context = context, .out = out, .ok = true, .html = text_html_parser_create()};
    f.source = source && *source ? source : context->name ? context->name : "";
    f.base = home && picture_ref_is_absolute(home) ? text_clean(home, strlen(home)) : NULL;
    size_t count = json_object_array_length(items), first = out->count;
    f.ok = f.html && (!title || source) && (!home || !picture_ref_is_absolute(home) || f.base) &&
           strset_init(&f.ids, count, true);
    for (size_t i = 0; f.ok && i < count; i++) {
        json_object *entry = json_object_array_get_idx(items, i);
        if (json_object_is_type(entry, json_type_object))
            read_entry(&f, entry);
    }
    if (f.ok)
        date_unread_warn(&f.dates, context->name);
    else {
        for (size_t i = first; i < out->count; i++)
            item_clear(&out->items[i]);
        out->count = first;
        log_oom_reason(reason, reason_size, NULL);
    }
    strset_clear(&f.ids);
    text_html_parser_destroy(f.html);
    free(f.base);
    free(source);
    json_object_put(root);
    return f.ok;
}
