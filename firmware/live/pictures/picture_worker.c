#include "live/pictures/picture_worker.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/log.h"
#include "base/strarray.h"
#include "live/cache/cache.h"
#include "live/fetch/fetch.h"
#include "live/http/http.h"
#include "live/pictures/imagecache.h"
#include "live/pictures/picture_budget.h"
#include "live/pictures/picture_child.h"
#include "live/pictures/picture_decode.h"
#include "live/pictures/picture_place.h"
#include "ingest/picture_ref.h"
#include "live/pictures/picture_transfers.h"

struct picture_worker {
    pthread_t thread;
    const struct config *config;
    struct picture_mailbox *mailbox;
    atomic_bool stop;
    struct picture_transfers *transfers;
    struct http_client *own_http; /* without a fetch loop (demo, screenshot, made-up items): run here */
    struct imagecache *cache; /* NULL: no disk cache (logged), pictures still fetched */
    struct picture_places *places; /* where local pictures may be read; NULL on OOM */
    struct picture_child *child; /* NULL: decoded on this thread (tests, or no child could start) */
    struct picture_wish wish; /* the current one: what an arriving picture is decoded for */
    char **delivered;         /* urls of the current wish already posted */
    size_t delivered_count;
    int box_width, box_height; /* of the pictures delivered */
    int thumbnail_width, thumbnail_height;
    char last_error[768]; /* the last failure logged */
};

char *picture_worker_cache_dir(const struct config *config)
{
    char *db = cache_path_or_default(config->cache.path);
    if (!db)
        return NULL;
    char *slash = strrchr(db, '/');
    const char *dir = slash ? db : ".";
    if (slash)
        *slash = '\0';
    size_t n = strlen(dir) + sizeof "/pictures";
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%s/pictures", dir);
    free(db);
    return out;
}

static bool was_delivered(const struct picture_worker *w, const char *url)
{
    for (size_t i = 0; i < w->delivered_count; i++)
        if (strcmp(w->delivered[i], url) == 0)
            return true;
    return false;
}

/* Keeps only the urls still wished for: one that leaves the wish and comes
 * back (the screen evicted it) is delivered again. */
static void prune_delivered(struct picture_worker *w, const struct picture_wish *wish)
{
    size_t kept = 0;
    bool same_box = wish->box_width == w->box_width && wish->box_height == w->box_height &&
                    wish->thumbnail_width == w->thumbnail_width && wish->thumbnail_height == w->thumbnail_height;
    w->box_width = wish->box_width;
    w->box_height = wish->box_height;
    w->thumbnail_width = wish->thumbnail_width;
    w->thumbnail_height = wish->thumbnail_height;
    for (size_t i = 0; i < w->delivered_count; i++) {
        bool wanted = false; /* with a new box (a resized screen), every picture again */
        for (size_t j = 0; same_box && j < wish->count && !wanted; j++)
            wanted = strcmp(w->delivered[i], wish->urls[j]) == 0;
        if (wanted)
            w->delivered[kept++] = w->delivered[i];
        else
            free(w->delivered[i]);
    }
    w->delivered_count = kept;
}

static void mark_delivered(struct picture_worker *w, const char *url)
{
    (void)strarray_append(&w->delivered, &w->delivered_count, url); /* on OOM it is sent again */
}

static void post(struct picture_worker *w, const char *url, struct picture_pixels *pixels, const char *error)
{
    struct picture_result r = {.url = strdup(url), .error = strdup(error ? error : "")};
    if (pixels) {
        r.width = pixels->width;
        r.height = pixels->height;
        r.pitch = pixels->pitch;
        r.rgba = pixels->rgba;
        pixels->rgba = NULL;
    }
    /* Once per failure: a picture wished for as the panel's and as a
     * thumbnail fails the same way twice in a row. */
    if (error && strcmp(error, w->last_error) != 0) {
        log_warn("%s (the item is shown without it)", error);
        snprintf(w->last_error, sizeof w->last_error, "%s", error);
    }
    if (r.url && r.error)
        picture_mailbox_post(w->mailbox, &r);
    else
        picture_result_clear(&r);
    mark_delivered(w, url);
}

/* Decodes in the child when there is one. A picture that kills it is
 * remembered as bad in the picture cache's folder, so the next start does
 * not try it again. False with err when no pixels came; *stopped when the
 * stop cut it short (nothing to report). */
static bool decode(struct picture_worker *w, const char *url, const char *bytes, size_t size, int bw, int bh,
                   struct picture_pixels *pixels, char *err, size_t err_size, bool *stopped)
{
    struct picture_header header;
    *stopped = false;
    if (!picture_budget_check(bytes, size, url, &header, err, err_size)) /* no child for what it refuses anyway */
        return false;
    if (!w->child)
        return picture_decode(bytes, size, url, bw, bh, pixels, err, err_size);
    switch (picture_child_decode(w->child, bytes, size, url, bw, bh, pixels, err, err_size)) {
    case PICTURE_CHILD_DECODED: return true;
    case PICTURE_CHILD_REFUSED: return false;
    case PICTURE_CHILD_STOPPED: *stopped = true; return false;
    case PICTURE_CHILD_DIED:
        if (w->cache && !imagecache_mark_bad(w->cache, url))
            log_warn("picture cache: cannot remember %s as bad", url);
        return false;
    default: /* no child: this thread, as before isolation */
        log_warn("%s; pictures are decoded in the kiosk's own process", err);
        picture_child_destroy(w->child);
        w->child = NULL;
        return picture_decode(bytes, size, url, bw, bh, pixels, err, err_size);
    }
}

/* key: the url, or its thumbnail key (decoded to the thumbnail box). */
static void decode_and_post(struct picture_worker *w, const char *key, const char *bytes, size_t size,
                            const struct picture_wish *wish)
{
    struct picture_pixels pixels;
    char err[768];
    bool thumbnail, stopped;
    const char *url = picture_key_url(key, &thumbnail);
    int bw = thumbnail ? wish->thumbnail_width : wish->box_width;
    int bh = thumbnail ? wish->thumbnail_height : wish->box_height;
    if (w->cache && imagecache_is_bad(w->cache, url)) {
        snprintf(err, sizeof err, "picture %s: it killed the picture decoder before; not tried again", url);
        post(w, key, NULL, err);
    } else if (decode(w, url, bytes, size, bw, bh, &pixels, err, sizeof err, &stopped))
        post(w, key, &pixels, NULL);
    else if (!stopped)
        post(w, key, NULL, err);
}

static void serve(struct picture_worker *w, const struct picture_wish *wish)
{
    for (size_t i = 0; i < wish->count && !atomic_load(&w->stop); i++) {
        const char *key = wish->urls[i];
        if (was_delivered(w, key))
            continue;
        bool thumbnail;
        const char *url = picture_key_url(key, &thumbnail);
        char err[768] = "";
        size_t size = 0;
        char *bytes = NULL;
        if (picture_ref_is_web(url)) {
            bytes = w->cache ? imagecache_get(w->cache, url, &size) : NULL;
            if (!bytes) {
                picture_transfers_ask(w->transfers, url); /* decoded when it arrives (arrived) */
                continue;
            }
        } else if (w->places) {
            bytes = picture_places_read(w->places, url, w->config->fetch.picture_max_bytes, &size, err, sizeof err);
        } else {
            log_oom_reason(err, sizeof err, "picture %s", url);
        }
        if (bytes)
            decode_and_post(w, key, bytes, size, wish);
        else
            post(w, key, NULL, err);
        free(bytes);
    }
}

/* A transfer ended: kept in the picture cache, and decoded for each key of
 * the current wish that names it (a picture no longer wished for is only
 * kept: the next wish of it finds it there). */
/* Only an answer that is a picture is kept: a captive portal's 200 page,
 * an empty 200 or an error page would be shown as "no picture" for ever.
 * The magic bytes are imagecache_put's to check. */
static bool storable(const char *url, const struct http_response *r, char *err, size_t err_size)
{
    if (r->status < 200 || r->status > 299)
        snprintf(err, err_size, "picture %s: HTTP status %ld: not kept", url, r->status);
    else if (strncasecmp(r->content_type, "image/", 6) != 0)
        snprintf(err, err_size, "picture %s: Content-Type \"%s\" is not image/*: not kept", url, r->content_type);
    else
        return true;
    return false;
}

static void arrived(struct picture_worker *w, const char *url, struct http_response *r)
{
    char err[768];
    if (r->outcome == HTTP_BODY && w->cache &&
        (!storable(url, r, err, sizeof err) || !imagecache_put(w->cache, url, r->body, r->size, err, sizeof err)))
        log_warn("%s", err);
    if (r->outcome != HTTP_BODY && r->stopped)
        return; /* cut short by the stop: nobody's fault, nothing to show */
    for (size_t i = 0; i < w->wish.count; i++) {
        const char *key = w->wish.urls[i];
        bool thumbnail;
        if (strcmp(picture_key_url(key, &thumbnail), url) != 0 || was_delivered(w, key))
            continue;
        if (r->outcome == HTTP_BODY) {
            decode_and_post(w, key, r->body, r->size, &w->wish);
        } else {
            snprintf(err, sizeof err, "picture %s: %s", url,
                     r->outcome == HTTP_NOT_MODIFIED ? "304 to an unconditional GET" : r->error);
            post(w, key, NULL, err);
        }
    }
}

static void take_arrivals(struct picture_worker *w)
{
    char *url;
    struct http_response r;
    while (picture_transfers_take(w->transfers, &url, &r)) {
        arrived(w, url, &r);
        http_response_clear(&r);
        free(url);
    }
}

/* Without a fetch loop the worker runs the transfers itself, between
 * waits for a wish, on a client of its own with the same settings. */
static void run_own_transfers(struct picture_worker *w)
{
    picture_transfers_tick(w->transfers, w->own_http);
    http_client_run(w->own_http, 50);
}

static void *worker_main(void *arg)
{
    struct picture_worker *w = arg;
    while (!atomic_load(&w->stop)) {
        bool transferring = w->own_http && picture_transfers_pending(w->transfers);
        if (transferring)
            run_own_transfers(w);
        struct picture_wish wish = {0};
        if (picture_mailbox_wait_wish(w->mailbox, w->wish.generation, transferring ? 0 : 1000, &wish)) {
            picture_wish_clear(&w->wish);
            w->wish = wish;
            prune_delivered(w, &w->wish);
            serve(w, &w->wish);
        }
        take_arrivals(w);
    }
    if (w->own_http) { /* the stop aborts what runs; their callbacks say so */
        while (http_client_pending(w->own_http))
            http_client_run(w->own_http, 100);
    }
    return NULL;
}

static void wake_fetch(void *context)
{
    fetch_wake(context);
}

static void wake_mailbox(void *context)
{
    picture_mailbox_wake(context);
}

struct picture_worker *picture_worker_start(const struct config *config, struct picture_mailbox *mailbox,
                                           struct fetch *fetch)
{
    return picture_worker_start_isolated(config, mailbox, fetch, NULL);
}

struct picture_worker *picture_worker_start_isolated(const struct config *config, struct picture_mailbox *mailbox,
                                                    struct fetch *fetch, const char *decoder_program)
{
    struct picture_worker *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->config = config;
    w->mailbox = mailbox;
    atomic_init(&w->stop, false);
    w->transfers = picture_transfers_create(config->fetch.picture_max_bytes, fetch ? wake_fetch : NULL, fetch,
                                            wake_mailbox, mailbox);
    if (!fetch)
        w->own_http = http_client_create(&config->fetch, &w->stop);
    char *dir = picture_worker_cache_dir(config);
    char err[512];
    if (dir && !(w->cache = imagecache_open(dir, (size_t)config->cache.pictures_max_mb << 20, IMAGECACHE_RESERVE_BYTES,
                                            err, sizeof err)))
        log_warn("%s: pictures are fetched each time", err);
    free(dir);
    w->places = picture_places_create(config);
    if (decoder_program && !(w->child = picture_child_create(decoder_program, &w->stop)))
        log_warn(LOG_OOM ": pictures are decoded in the kiosk's own process");
    if (!w->transfers || (!fetch && !w->own_http) || pthread_create(&w->thread, NULL, worker_main, w) != 0) {
        log_error("cannot start the picture thread");
        picture_transfers_destroy(w->transfers);
        http_client_destroy(w->own_http);
        imagecache_close(w->cache);
        picture_child_destroy(w->child);
        picture_places_destroy(w->places);
        free(w);
        return NULL;
    }
    return w;
}

void picture_worker_tick(struct picture_worker *w, struct http_client *http)
{
    if (w)
        picture_transfers_tick(w->transfers, http);
}

void picture_worker_stop(struct picture_worker *w)
{
    if (!w)
        return;
    atomic_store(&w->stop, true);
    if (w->own_http)
        http_client_wake(w->own_http);
    picture_mailbox_wake(w->mailbox);
    pthread_join(w->thread, NULL);
    http_client_destroy(w->own_http);
    picture_transfers_destroy(w->transfers);
    picture_wish_clear(&w->wish);
    imagecache_close(w->cache);
    picture_child_destroy(w->child);
    picture_places_destroy(w->places);
    for (size_t i = 0; i < w->delivered_count; i++)
        free(w->delivered[i]);
    free(w->delivered);
    free(w);
}
