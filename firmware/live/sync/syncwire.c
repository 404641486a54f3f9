#include "live/sync/syncwire.h"

#include <json-c/json.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool hex_key(const char *hex, unsigned char key[SYNCWIRE_KEY_BYTES])
{
    size_t len = 0;
    const char *end;
    return sodium_hex2bin(key, SYNCWIRE_KEY_BYTES, hex, strlen(hex), " \t\r\n", &len, &end) == 0 &&
           len == SYNCWIRE_KEY_BYTES && *end == 0;
}

bool syncwire_load_key(const struct sync_config *sync, unsigned char key[SYNCWIRE_KEY_BYTES], char *err,
                       size_t err_size)
{
    if (sync->key[0]) {
        if (hex_key(sync->key, key))
            return true;
        snprintf(err, err_size, "[sync] key: want 64 hex digits (32 bytes), e.g. from `openssl rand -hex 32`");
        return false;
    }
    if (!sync->key_file[0]) {
        snprintf(err, err_size, "[sync] needs the group's key: key = 64 hex digits, or key_file = a file holding them");
        return false;
    }
    char text[256] = "";
    FILE *f = fopen(sync->key_file, "r");
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f)
        fclose(f);
    text[n] = 0;
    if (f && hex_key(text, key))
        return true;
    snprintf(err, err_size, "[sync] key_file %s: %s", sync->key_file,
             f ? "want 64 hex digits (32 bytes) in it" : "cannot be read");
    return false;
}

static bool hash_file(crypto_generichash_state *state, const char *path)
{
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f)
        return false;
    unsigned char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        crypto_generichash_update(state, buf, n);
    bool ok = !ferror(f);
    fclose(f);
    return ok;
}

bool syncwire_font_identity(const struct config *config, char out[65], char *err, size_t err_size)
{
    if (sodium_init() < 0) {
        snprintf(err, err_size, "libsodium cannot start");
        return false;
    }
    crypto_generichash_state state;
    crypto_generichash_init(&state, NULL, 0, 32);
    const char *names[] = {config->display.font, config->display.bold_font};
    for (size_t i = 0; i < 2; i++) {
        char *path = config_font_path(config, names[i]);
        bool ok = hash_file(&state, path);
        if (!ok)
            snprintf(err, err_size, "font %s cannot be read", path ? path : names[i]);
        free(path);
        if (!ok)
            return false;
    }
    unsigned char digest[32];
    crypto_generichash_final(&state, digest, sizeof digest);
    sodium_bin2hex(out, 65, digest, sizeof digest);
    return true;
}

static void add(json_object *o, const char *k, json_object *v) { json_object_object_add(o, k, v); }

static json_object *item_json(const struct item *it)
{
    json_object *o = json_object_new_object();
    add(o, "id", json_object_new_string(it->id ? it->id : ""));
    add(o, "kind", json_object_new_int(it->kind));
    add(o, "title", json_object_new_string(it->title ? it->title : ""));
    add(o, "summary", json_object_new_string(it->summary ? it->summary : ""));
    add(o, "source", json_object_new_string(it->source ? it->source : ""));
    add(o, "link", json_object_new_string(it->link ? it->link : ""));
    if (it->has_published)
        add(o, "published", json_object_new_int64(it->published));
    json_object *captions = json_object_new_array(), *pictures = json_object_new_array();
    for (size_t i = 0; i < it->caption_count; i++)
        json_object_array_add(captions, json_object_new_string(it->captions[i]));
    for (size_t i = 0; i < it->picture_count; i++) {
        json_object *p = json_object_new_object();
        add(p, "url", json_object_new_string(it->pictures[i].url ? it->pictures[i].url : ""));
        add(p, "caption", json_object_new_string(it->pictures[i].caption ? it->pictures[i].caption : ""));
        add(p, "width", json_object_new_int(it->pictures[i].width));
        add(p, "height", json_object_new_int(it->pictures[i].height));
        json_object_array_add(pictures, p);
    }
    add(o, "captions", captions);
    add(o, "pictures", pictures);
    add(o, "severity", json_object_new_int(it->severity));
    add(o, "expires", json_object_new_int64(it->expires));
    return o;
}

static json_object *identity_json(const struct program_identity *id)
{
    json_object *o = json_object_new_object();
    add(o, "width", json_object_new_int(id->width));
    add(o, "height", json_object_new_int(id->height));
    add(o, "rotate", json_object_new_int(id->rotate));
    add(o, "refresh_hz", json_object_new_double(id->refresh_hz));
    add(o, "columns", json_object_new_int(id->columns));
    add(o, "rows", json_object_new_int(id->rows));
    add(o, "bezel", json_object_new_int(id->bezel));
    add(o, "speed", json_object_new_double(id->speed));
    add(o, "featured_seconds", json_object_new_double(id->featured_seconds));
    add(o, "fonts", json_object_new_string(id->fonts));
    return o;
}

/* The tag over the JSON text, then the text: "TAG\nJSON". */
static char *seal(json_object *o, const unsigned char key[SYNCWIRE_KEY_BYTES])
{
    const char *text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
    size_t len = text ? strlen(text) : 0;
    char *out = text ? malloc(2 * crypto_auth_BYTES + 2 + len) : NULL;
    if (out) {
        unsigned char tag[crypto_auth_BYTES];
        crypto_auth(tag, (const unsigned char *)text, len, key);
        sodium_bin2hex(out, 2 * crypto_auth_BYTES + 1, tag, sizeof tag);
        out[2 * crypto_auth_BYTES] = '\n';
        memcpy(out + 2 * crypto_auth_BYTES + 1, text, len + 1);
    }
    json_object_put(o);
    return out;
}

static json_object *envelope(double leader_time, const char *nonce)
{
    json_object *o = json_object_new_object();
    add(o, "version", json_object_new_int(1));
    add(o, "leader_time", json_object_new_double(leader_time));
    add(o, "nonce", json_object_new_string(nonce));
    return o;
}

char *syncwire_encode(const struct program *p, double leader_time, const char *nonce,
                      const unsigned char key[SYNCWIRE_KEY_BYTES])
{
    json_object *o = envelope(leader_time, nonce), *segments = json_object_new_array();
    add(o, "identity", identity_json(&p->identity));
    for (size_t i = 0; i < p->count; i++) {
        json_object *s = json_object_new_object(), *items = json_object_new_array();
        add(s, "epoch", json_object_new_double(p->segments[i].epoch));
        add(s, "crawl_start", json_object_new_int64(p->segments[i].crawl_start));
        add(s, "exact", json_object_new_boolean(p->segments[i].exact));
        for (size_t j = 0; j < p->segments[i].items->count; j++)
            json_object_array_add(items, item_json(&p->segments[i].items->items[j]));
        add(s, "items", items);
        json_object_array_add(segments, s);
    }
    add(o, "segments", segments);
    return seal(o, key);
}

char *syncwire_encode_refusal(const char *reason, double leader_time, const char *nonce,
                              const unsigned char key[SYNCWIRE_KEY_BYTES])
{
    json_object *o = envelope(leader_time, nonce);
    add(o, "refused", json_object_new_string(reason));
    return seal(o, key);
}
