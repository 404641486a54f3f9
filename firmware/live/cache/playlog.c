#include "live/cache/playlog.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "base/log.h"
#include "live/cache/cache.h"

#define BATCH_MAX 256
#define PRUNE_EVERY_SECONDS 3600

struct playlog {
    pthread_t thread;
    struct playqueue *queue;
    struct cache *cache;
    int keep_days;
    int64_t pruned;
};

static void write_batch(struct playlog *p, struct play_event *events, size_t n)
{
    char err[512];
    int64_t now = (int64_t)time(NULL);
    int64_t before = now - PRUNE_EVERY_SECONDS >= p->pruned ? now - (int64_t)p->keep_days * 86400 : 0;
    if (!cache_record_plays(p->cache, events, n, before, err, sizeof err))
        log_error("%s; %zu plays not recorded", err, n);
    else if (before)
        p->pruned = now;
}

static void *playlog_main(void *arg)
{
    struct playlog *p = arg;
    struct play_event events[BATCH_MAX];
    for (;;) {
        bool closed = playqueue_closed(p->queue);
        /* Gathered for a while: one transaction for many events. */
        size_t n = playqueue_take(p->queue, events, BATCH_MAX, PLAYLOG_BATCH_SECONDS * 1000);
        if (n) {
            write_batch(p, events, n);
            for (size_t i = 0; i < n; i++)
                play_event_clear(&events[i]);
        }
        if (closed && !n)
            return NULL;
        /* A pause gathers the next batch; looked at often, so a stop waits little. */
        for (int i = 0; !closed && n < BATCH_MAX && i < PLAYLOG_BATCH_SECONDS * 4 && !playqueue_closed(p->queue); i++)
            nanosleep(&(struct timespec){0, 250000000L}, NULL);
    }
}

struct playlog *playlog_start(const struct config *config, struct playqueue *queue)
{
    struct playlog *p = calloc(1, sizeof *p);
    char *path = p ? cache_path_or_default(config->cache.path) : NULL;
    if (p && path)
        p->cache = cache_open(path);
    free(path);
    if (!p || !p->cache) {
        log_error("played: the cache cannot be opened; what is shown is not recorded");
        free(p);
        return NULL;
    }
    p->queue = queue;
    p->keep_days = config->editorial.played_keep_days;
    if (pthread_create(&p->thread, NULL, playlog_main, p) != 0) {
        cache_close(p->cache);
        free(p);
        return NULL;
    }
    return p;
}

void playlog_stop(struct playlog *p)
{
    if (!p)
        return;
    playqueue_close(p->queue);
    pthread_join(p->thread, NULL);
    cache_close(p->cache);
    free(p);
}
