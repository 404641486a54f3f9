/* syncwire_decode (see syncwire.h): an answer from the network, checked
 * before it is believed. The tag is checked first, over the exact bytes,
 * so nothing of an answer from outside the group is even parsed; then
 * every field is checked for its type and bounds, since a leader's bug
 * must not crash a follower either. */
#include <json-c/json.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "live/sync/syncwire.h"

static const char *text_of(json_object *o, const char *key)
{
    json_object *v;
    return json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_string) ? json_object_get_string(v)
                                                                                              : NULL;
}

static bool number_of(json_object *o, const char *key, double *out)
{
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v) ||
        !(json_object_is_type(v, json_type_double) || json_object_is_type(v, json_type_int)))
        return false;
    *out = json_object_get_double(v);
    return isfinite(*out);
}

static int int_of(json_object *o, const char *key, int lo, int hi, int fallback)
{
    double d;
    return number_of(o, key, &d) && d >= lo && d <= hi ? (int)d : fallback;
}

/* Pictures only from http(s): a path would be a file on the leader, and
 * a follower reads no local file because of what came over the LAN. */
static bool web_url(const char *url)
{
    return url && (!strncmp(url, "http://", 7) || !strncmp(url, "https://", 8));
}

static bool read_item(json_object *o, struct item *it)
{
    const char *title = text_of(o, "title"), *id = text_of(o, "id");
    if (!title || !id || !title[0])
        return false;
    const char *summary = text_of(o, "summary"), *source = text_of(o, "source"), *link = text_of(o, "link");
    bool ok = item_set(&it->id, id) && item_set(&it->title, title) && item_set(&it->summary, summary ? summary : "") &&
              item_set(&it->source, source ? source : "") && item_set(&it->link, link ? link : "");
    it->kind = int_of(o, "kind", 0, ITEM_KIND_COUNT - 1, 0);
    it->severity = int_of(o, "severity", 0, ITEM_SEVERITY_EXTREME, 0);
    double d;
    if (number_of(o, "published", &d) && fabs(d) < 1e12)
        it->published = (int64_t)d, it->has_published = true;
    if (number_of(o, "expires", &d) && d >= 0 && d < 1e12)
        it->expires = (int64_t)d;
    json_object *arr;
    if (json_object_object_get_ex(o, "captions", &arr) && json_object_is_type(arr, json_type_array))
        for (size_t i = 0; ok && i < json_object_array_length(arr) && i < 16; i++) {
            json_object *c = json_object_array_get_idx(arr, i);
            if (json_object_is_type(c, json_type_string))
                ok = item_add_caption(it, json_object_get_string(c));
        }
    if (json_object_object_get_ex(o, "pictures", &arr) && json_object_is_type(arr, json_type_array))
        for (size_t i = 0; ok && i < json_object_array_length(arr) && i < 16; i++) {
            json_object *p = json_object_array_get_idx(arr, i);
            const char *url = text_of(p, "url"), *caption = text_of(p, "caption");
            if (web_url(url))
                ok = item_add_picture(it, url, caption ? caption : "", int_of(p, "width", 0, 100000, 0),
                                      int_of(p, "height", 0, 100000, 0));
        }
    if (ok)
        item_cap(it);
    return ok;
}

static bool read_identity(json_object *o, struct program_identity *id)
{
    const char *fonts = text_of(o, "fonts");
    memset(id, 0, sizeof *id);
    id->width = int_of(o, "width", 16, 16384, 0);
    id->height = int_of(o, "height", 16, 16384, 0);
    id->rotate = int_of(o, "rotate", 0, 270, 0);
    id->columns = int_of(o, "columns", 1, 16, 0);
    id->rows = int_of(o, "rows", 1, 16, 0);
    id->bezel = int_of(o, "bezel", 0, 2000, -1);
    bool ok = number_of(o, "refresh_hz", &id->refresh_hz) && number_of(o, "speed", &id->speed) &&
              number_of(o, "featured_seconds", &id->featured_seconds);
    if (!ok || !fonts || strlen(fonts) != 64 || !id->width || !id->height || !id->columns || !id->rows || id->bezel < 0)
        return false;
    memcpy(id->fonts, fonts, 65);
    return true;
}

static bool read_segment(json_object *s, struct program *p)
{
    double epoch, start;
    json_object *items;
    if (!number_of(s, "epoch", &epoch) || !number_of(s, "crawl_start", &start) || fabs(start) > 9e15 ||
        !json_object_object_get_ex(s, "items", &items) || !json_object_is_type(items, json_type_array) ||
        json_object_array_length(items) > SYNCWIRE_MAX_ITEMS)
        return false;
    struct item_list *list = item_list_create();
    for (size_t i = 0; list && i < json_object_array_length(items); i++) {
        struct item it;
        item_init(&it);
        if (!read_item(json_object_array_get_idx(items, i), &it) || !item_list_push(list, &it)) {
            item_clear(&it);
            item_list_destroy(list);
            return false;
        }
        item_clear(&it);
    }
    json_object *exact;
    bool is_exact = json_object_object_get_ex(s, "exact", &exact) && json_object_get_boolean(exact);
    return list && program_push(p, epoch, (int64_t)start, is_exact, list);
}

static enum syncwire_result bad(char *reason, size_t size, const char *why)
{
    snprintf(reason, size, "%s", why);
    return SYNCWIRE_BAD;
}

static enum syncwire_result read_body(json_object *o, const char *nonce, struct program **program, double *leader_time,
                                      char *reason, size_t size)
{
    const char *their_nonce = text_of(o, "nonce"), *refused = text_of(o, "refused");
    if (!their_nonce || strcmp(their_nonce, nonce))
        return bad(reason, size, "the answer is not to this request (an old answer replayed?)");
    if (!number_of(o, "leader_time", leader_time))
        return bad(reason, size, "no leader_time");
    if (refused) {
        snprintf(reason, size, "%s", refused);
        return SYNCWIRE_REFUSED;
    }
    json_object *identity, *segments;
    struct program *p = calloc(1, sizeof *p);
    if (!p)
        return bad(reason, size, LOG_OOM);
    bool ok = json_object_object_get_ex(o, "identity", &identity) && read_identity(identity, &p->identity) &&
              json_object_object_get_ex(o, "segments", &segments) && json_object_is_type(segments, json_type_array) &&
              json_object_array_length(segments) <= PROGRAM_SEGMENTS;
    for (size_t i = 0; ok && i < json_object_array_length(segments); i++)
        ok = read_segment(json_object_array_get_idx(segments, i), p);
    if (!ok) {
        program_destroy(p);
        return bad(reason, size, "malformed program (identity or segments)");
    }
    *program = p;
    return SYNCWIRE_PROGRAM;
}

enum syncwire_result syncwire_decode(const char *body, size_t size, const char *nonce,
                                     const unsigned char key[SYNCWIRE_KEY_BYTES], struct program **program,
                                     double *leader_time, char *reason, size_t reason_size)
{
    *program = NULL;
    unsigned char tag[crypto_auth_BYTES];
    size_t len = 0;
    if (sodium_init() < 0)
        return bad(reason, reason_size, "libsodium cannot start");
    if (size < 2 * crypto_auth_BYTES + 1 || size > (size_t)SYNCWIRE_MAX_BYTES || body[2 * crypto_auth_BYTES] != '\n' ||
        sodium_hex2bin(tag, sizeof tag, body, 2 * crypto_auth_BYTES, NULL, &len, NULL) != 0 || len != sizeof tag)
        return bad(reason, reason_size, "not a group answer (no tag)");
    const char *text = body + 2 * crypto_auth_BYTES + 1;
    size_t text_len = size - 2 * crypto_auth_BYTES - 1;
    if (crypto_auth_verify(tag, (const unsigned char *)text, text_len, key) != 0)
        return bad(reason, reason_size, "the tag does not match the group's key (another group, or forged)");
    json_tokener *tok = json_tokener_new();
    json_object *o = tok ? json_tokener_parse_ex(tok, text, (int)text_len) : NULL;
    json_tokener_free(tok);
    if (!o || !json_object_is_type(o, json_type_object)) {
        json_object_put(o);
        return bad(reason, reason_size, "the JSON does not parse");
    }
    enum syncwire_result r = read_body(o, nonce, program, leader_time, reason, reason_size);
    json_object_put(o);
    return r;
}
