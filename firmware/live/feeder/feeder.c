#include "live/feeder/feeder.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "live/cache/cache.h"
#include "live/fetch/fetch.h"
#include "base/dedupe.h"
#include "base/log.h"
#include "live/pictures/picture_worker.h"
#include "live/fetch/reader.h"

struct feeder {
    pthread_t thread;
    const struct config *config;
    struct mailbox *mailbox;
    struct fetch *fetch;  /* NULL when showing the demo content */
    struct picture_worker *pictures; /* NULL when pictures are off */
    struct cache *cache;
};

struct shown_sink {
    item_sink_fn *sink;
    void *arg;
};

/* A CAP Cancel's word that an alert is over (item.clears) is for the
 * fetch loop's cache, which takes the alert off every source; read
 * straight to the screen or to dump, without a cache, it is nothing. */
static bool only_shown(void *arg, struct item *item)
{
    const struct shown_sink *to = arg;
    return item->clears || to->sink(to->arg, item);
}

void feeder_load_each(const struct config *config, const struct tm *local_time, item_sink_fn *sink, void *arg)
{
    struct shown_sink shown = {sink, arg};
    sink = only_shown;
    arg = &shown;
    char err[TICKER_ERROR_WRAPPING_MAX];
    if (config->source_count == 0) {
        char *demo = config_asset_path(config, "demo");
        if (demo && !reader_load_each(demo, config, sink, arg, err, sizeof err))
            log_error("%s", err);
        free(demo);
    }
    for (size_t i = 0; i < config->source_count; i++)
        if ((!local_time || !config->sources[i].hours_week ||
             onhours_is_on(config->sources[i].hours_week, local_time)) &&
            !reader_load_each(config->sources[i].location, config, sink, arg, err, sizeof err))
            log_error("%s", err);
}

struct item_list *feeder_load_now(const struct config *config, const struct tm *local_time)
{
    struct item_list *list = item_list_create();
    if (list)
        feeder_load_each(config, local_time, item_list_sink, list);
    return list;
}

/* Every list reaches the screen through here: the same story from two
 * sources (same link, or same title folded) is shown once. */
static void post_items(struct feeder *feeder, struct item_list *items)
{
    dedupe_items(items);
    mailbox_post_items(feeder->mailbox, items);
}

static void on_items_changed(void *context, struct item_list *items)
{
    post_items(context, items);
}

/* Each turn of the fetch loop: the pictures asked for join its transfers. */
static void on_tick(void *context, struct http_client *http, int64_t now)
{
    (void)now;
    struct feeder *feeder = context;
    picture_worker_tick(feeder->pictures, http);
}

static void on_status_changed(void *context, const char *status)
{
    struct feeder *feeder = context;
    mailbox_post_status(feeder->mailbox, status);
}

/* The cached items reach the screen before the first fetch begins, so a
 * restart (or a power cut) never shows an empty screen when news was cached. */
static void post_cached_items(struct feeder *feeder)
{
    long posted = fetch_post_cached(feeder->fetch);
    if (posted >= 0)
        log_info("cache %s: %ld items on screen at start", cache_path(feeder->cache), posted);
}

static void *feeder_main(void *arg)
{
    struct feeder *feeder = arg;
    if (feeder->fetch)
        fetch_run(feeder->fetch);
    return NULL;
}

/* Opens the cache and builds the fetch loop; quick: no network, one
 * quick_check of the database. */
static bool prepare_fetch(struct feeder *feeder)
{
    char *path = cache_path_or_default(feeder->config->cache.path);
    feeder->cache = path ? cache_open(path) : NULL;
    free(path);
    if (!feeder->cache)
        return false;
    struct fetch_hooks hooks = {
        .items_changed = on_items_changed, .status_changed = on_status_changed, .tick = on_tick, .context = feeder};
    feeder->fetch = fetch_create(feeder->config, feeder->cache, &hooks);
    return feeder->fetch != NULL;
}

static void feeder_free(struct feeder *feeder)
{
    fetch_destroy(feeder->fetch);
    cache_close(feeder->cache);
    free(feeder);
}

struct feeder *feeder_start(const struct config *config, struct mailbox *mailbox)
{
    struct feeder *feeder = calloc(1, sizeof *feeder);
    if (!feeder)
        return NULL;
    feeder->config = config;
    feeder->mailbox = mailbox;
    /* libcurl's global state was set up by reader_global_init in main(). */
    if (config->source_count && !prepare_fetch(feeder)) {
        log_error("cannot start fetching (" LOG_OOM " or the cache cannot open)");
        feeder_free(feeder);
        return NULL;
    }
    /* What there is to show is posted before feeder_start returns, so the
     * first frame shows it: posted from the thread, it arrived a frame or
     * two after the display opened, which showed the waiting line
     * meanwhile. A quick read: the cache's items, or the demo files. */
    if (feeder->fetch) {
        post_cached_items(feeder);
    } else {
        struct item_list *list = feeder_load_now(feeder->config, NULL);
        if (list)
            post_items(feeder, list);
    }
    /* Before the fetch thread starts: its tick hook reads feeder->pictures. */
    if (config->display.pictures)
        feeder->pictures = picture_worker_start(config, mailbox_pictures(mailbox), feeder->fetch);
    if (!feeder->fetch)
        return feeder; /* nothing more to fetch: no thread */
    if (pthread_create(&feeder->thread, NULL, feeder_main, feeder) != 0) {
        picture_worker_stop(feeder->pictures);
        feeder_free(feeder);
        return NULL;
    }
    return feeder;
}

bool feeder_set_config(struct feeder *feeder, const struct config *config)
{
    if (!feeder->fetch)
        return false;
    /* feeder->config stays the first: the picture worker's, whose
     * settings need a restart (ops/remote), and the fetch thread's tick
     * hook reads feeder->pictures; the fetch loop takes config itself. */
    fetch_set_config(feeder->fetch, config);
    return true;
}

void feeder_stop(struct feeder *feeder)
{
    if (!feeder)
        return;
    /* The fetch thread first: it runs the pictures' transfers and calls the
     * worker from its tick hook. */
    if (feeder->fetch) {
        fetch_request_stop(feeder->fetch);
        pthread_join(feeder->thread, NULL);
    }
    picture_worker_stop(feeder->pictures);
    feeder_free(feeder);
}
