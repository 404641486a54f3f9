/* The cache and the frame loop into a health report, for ops/healthwriter's thread (see healthwire.h). */
#include "cli/healthwire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "live/cache/cache.h"
#include "ops/health.h"
#include "ops/healthwriter.h"
#include "screen/render/pngio.h"

void healthwire_from_cache(struct health_report *r, struct cache *cache)
{
    r->cache_items = r->cache_bytes = -1;
    r->sources = NULL;
    r->source_count = 0;
    if (!cache)
        return;
    char err[TICKER_ERROR_MAX];
    size_t count = 0;
    struct cache_source *sources = cache_sources(cache, &count, err, sizeof err);
    struct health_source *out = sources && count ? calloc(count, sizeof *out) : NULL;
    for (size_t i = 0; out && i < count; i++) {
        out[i] = (struct health_source){strdup(sources[i].location), sources[i].last_success,
                                        sources[i].last_error_at, sources[i].failures, sources[i].item_count,
                                        strdup(sources[i].last_error)};
        r->source_count = i + 1;
        if (!out[i].location || !out[i].last_error)
            break; /* out of memory: the sources so far */
    }
    r->sources = out;
    if (sources)
        cache_sources_free(sources, count);
    struct item_list *items = cache_items(cache, err, sizeof err);
    r->cache_items = items ? (int64_t)items->count : -1;
    item_list_destroy(items);
    r->cache_bytes = cache_disk_bytes(cache);
    size_t n = 0;
    struct cache_rule_count *rules = cache_editorial(cache, &n, &r->rules_at, err, sizeof err);
    struct health_rule *copy = rules && n ? calloc(n, sizeof *copy) : NULL;
    for (size_t i = 0; copy && i < n; i++) {
        copy[i] = (struct health_rule){rules[i].rule, rules[i].items};
        rules[i].rule = NULL; /* moved */
    }
    r->rules = copy;
    r->rule_count = copy ? n : 0;
    if (!copy)
        r->rules_at = 0;
    cache_rule_counts_free(rules, n);
}

void healthwire_report_clear(struct health_report *r)
{
    for (size_t i = 0; i < r->source_count; i++) {
        free((char *)r->sources[i].location);
        free((char *)r->sources[i].last_error);
    }
    free((void *)r->sources);
    r->sources = NULL;
    r->source_count = 0;
    for (size_t i = 0; i < r->rule_count; i++)
        free((char *)r->rules[i].rule);
    free((void *)r->rules);
    r->rules = NULL;
    r->rule_count = 0;
}

struct healthwire {
    struct framehealth *frames;
    struct framehealth_view now; /* the last read: the report points into it */
    bool with_cache;
    char *cache_path;
    struct cache *cache; /* the writer thread's own connection, opened once (WAL: it never blocks the fetch thread) */
    struct healthwriter *writer;
};

static void read_frames(void *context, struct health_report *r, struct health_thumbnail *thumbnail)
{
    struct healthwire *w = context;
    framehealth_read(w->frames, &w->now);
    const struct framehealth_view *now = &w->now;
    r->frames_presented = now->frames_presented;
    r->frames_missed = now->frames_missed;
    r->bucket_bounds = framehealth_bucket_bounds;
    r->bucket_counts = now->buckets;
    r->bucket_count = FRAMEHEALTH_BUCKETS;
    r->frame_seconds_sum = now->frame_seconds_sum;
    r->last_present = now->last_present;
    r->items_shown = now->items_shown;
    r->alerts_active = now->alerts_active;
    r->screen_on = now->screen_on;
    *thumbnail = (struct health_thumbnail){now->thumbnail, now->thumbnail_width, now->thumbnail_height};
    w->now.thumbnail = NULL; /* moved */
}

static void read_cache(void *context, struct health_report *r)
{
    struct healthwire *w = context;
    if (w->with_cache && !w->cache)
        w->cache = cache_open(w->cache_path);
    healthwire_from_cache(r, w->with_cache ? w->cache : NULL);
}

static void clear_cache(void *context, struct health_report *r)
{
    (void)context;
    healthwire_report_clear(r);
}

static bool write_png(const char *path, int mode, const struct health_thumbnail *t, char *err, size_t err_size)
{
    return pngio_write_rgb(path, (mode_t)mode, t->width, t->height, t->rgb, (size_t)t->width * 3, err, err_size);
}

static void finish(void *context)
{
    struct healthwire *w = context;
    cache_close(w->cache);
    w->cache = NULL;
}

struct healthwire *healthwire_start(const struct config *config, struct framehealth *frames, bool with_cache)
{
    if (!config->health.textfile[0] || !frames)
        return NULL;
    struct healthwire *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->frames = frames;
    w->with_cache = with_cache;
    w->cache_path = cache_path_or_default(config->cache.path);
    struct healthwriter_wiring wiring = {.read_frames = read_frames, .read_cache = read_cache,
                                         .clear_cache = clear_cache, .write_png = write_png, .finish = finish,
                                         .context = w};
    if (!w->cache_path || !(w->writer = healthwriter_start(config, &wiring))) {
        free(w->cache_path);
        free(w);
        return NULL;
    }
    return w;
}

void healthwire_set_sync(struct healthwire *w, struct programbox *box)
{
    if (w)
        healthwriter_set_sync(w->writer, box);
}

void healthwire_stop(struct healthwire *w)
{
    if (!w)
        return;
    healthwriter_stop(w->writer);
    free(w->cache_path);
    free(w);
}
