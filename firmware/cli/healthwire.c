/* The cache and the frame loop into a health report, and the writer thread (see healthwire.h). */
#include "cli/healthwire.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/limits.h"
#include "base/log.h"
#include "base/paths.h"
#include "live/cache/cache.h"
#include "ops/health.h"
#include "screen/render/pngio.h"

#define HEALTH_WRITE_SECONDS 15 /* node_exporter scrapes every 15-60 s */

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
    struct stat st;
    char wal[TICKER_PATH_SUFFIXED_MAX];
    snprintf(wal, sizeof wal, "%s-wal", cache_path(cache));
    r->cache_bytes = stat(cache_path(cache), &st) == 0 ? st.st_size : 0;
    if (stat(wal, &st) == 0)
        r->cache_bytes += st.st_size;
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

struct health_problem {
    const char *path;
    char said[TICKER_PATH_ERROR_MAX]; /* the last failure logged; "" while it works */
};

struct healthwire {
    const struct config *config;
    struct framehealth *frames;
    bool with_cache;
    char *cache_path;
    struct cache *cache; /* the writer thread's own connection, opened once (WAL: it never blocks the fetch thread) */
    char *thumbnail;
    int64_t started;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
    struct programbox *sync; /* a group's state; NULL: on its own */
    struct health_problem problems[2]; /* the metrics, the thumbnail */
};

/* A write that fails every 15 s (a missing folder) is said once, not
 * forever: again only when the reason changes, and once when it works again. */
static void say_once(struct health_problem *p, bool ok, const char *what, const char *err)
{
    if (ok) {
        if (p->said[0])
            log_info("%s%s written again", what, p->path);
        p->said[0] = '\0';
        return;
    }
    if (strcmp(p->said, err) == 0)
        return;
    snprintf(p->said, sizeof p->said, "%s", err);
    log_warn("%s%s (said once; retried every %d s)", what, err, HEALTH_WRITE_SECONDS);
}

/* node_exporter's textfile folder on Debian, made by prometheus-node-exporter. */
#define NODE_EXPORTER_TEXTFILE_DIR "/var/lib/prometheus/node-exporter"

/* A write into a folder that does not exist says so, and which package makes
 * node_exporter's: the plain "No such file" named no culprit. */
static void name_missing_folder(const char *what, const char *path, char *err, size_t err_size)
{
    char dir[TICKER_PATH_MAX];
    struct stat st;
    if (!path_parent(path, dir, sizeof dir, true) || stat(dir, &st) == 0)
        return;
    if (strcmp(dir, NODE_EXPORTER_TEXTFILE_DIR) == 0)
        snprintf(err, err_size,
                 "%s%s: its folder %s does not exist: node_exporter's textfile folder, which Debian's "
                 "prometheus-node-exporter creates (apt install prometheus-node-exporter)",
                 what, path, dir);
    else
        snprintf(err, err_size, "%s%s: its folder %s does not exist (create it, or set [health] %s to a file in one "
                 "that does)", what, path, dir, *what ? "textfile" : "thumbnail");
}

static void write_once(struct healthwire *w)
{
    struct framehealth_view now;
    framehealth_read(w->frames, &now);
    struct health_report r = {.now = (int64_t)time(NULL), .started = w->started,
                              .frames_presented = now.frames_presented, .frames_missed = now.frames_missed,
                              .bucket_bounds = framehealth_bucket_bounds, .bucket_counts = now.buckets,
                              .bucket_count = FRAMEHEALTH_BUCKETS, .frame_seconds_sum = now.frame_seconds_sum,
                              .last_present = now.last_present, .items_shown = now.items_shown,
                              .alerts_active = now.alerts_active, .screen_on = now.screen_on,
                              .resident_bytes = health_resident_bytes()};
    pthread_mutex_lock(&w->lock);
    struct programbox *box = w->sync;
    pthread_mutex_unlock(&w->lock);
    struct program_status sync;
    if (box) {
        programbox_status(box, &sync);
        r.sync = &sync;
    }
    if (w->with_cache && !w->cache)
        w->cache = cache_open(w->cache_path);
    healthwire_from_cache(&r, w->with_cache ? w->cache : NULL);
    char err[TICKER_PATH_ERROR_MAX];
    bool ok = health_write_textfile(w->config->health.textfile, &r, err, sizeof err);
    if (!ok)
        name_missing_folder("health textfile ", w->config->health.textfile, err, sizeof err);
    say_once(&w->problems[0], ok, "", err);
    if (now.thumbnail) {
        ok = pngio_write_rgb(w->thumbnail, HEALTH_FILE_MODE, now.thumbnail_width, now.thumbnail_height, now.thumbnail,
                             (size_t)now.thumbnail_width * 3, err, sizeof err);
        if (!ok)
            name_missing_folder("", w->thumbnail, err, sizeof err);
        say_once(&w->problems[1], ok, "proof-of-render thumbnail: ", err);
    }
    free(now.thumbnail);
    healthwire_report_clear(&r);
}

static void *writer_main(void *arg)
{
    struct healthwire *w = arg;
    pthread_mutex_lock(&w->lock);
    while (!w->stop) {
        pthread_mutex_unlock(&w->lock);
        write_once(w);
        pthread_mutex_lock(&w->lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += HEALTH_WRITE_SECONDS;
        while (!w->stop && pthread_cond_timedwait(&w->wake, &w->lock, &until) == 0)
            ;
    }
    pthread_mutex_unlock(&w->lock);
    write_once(w); /* the last counts, as the program ends */
    cache_close(w->cache);
    w->cache = NULL;
    return NULL;
}

/* PATH.prom -> PATH.png beside it, unless [health] thumbnail names a file. */
static char *thumbnail_path(const struct config *config)
{
    if (config->health.thumbnail[0])
        return strdup(config->health.thumbnail);
    const char *textfile = config->health.textfile;
    size_t n = strlen(textfile);
    char *path = malloc(n + 5);
    if (!path)
        return NULL;
    memcpy(path, textfile, n + 1);
    char *dot = strrchr(path, '.');
    if (dot && !strchr(dot, '/'))
        *dot = '\0';
    strcat(path, ".png");
    return path;
}

struct healthwire *healthwire_start(const struct config *config, struct framehealth *frames, bool with_cache)
{
    if (!config->health.textfile[0] || !frames)
        return NULL;
    struct healthwire *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->config = config;
    w->frames = frames;
    w->with_cache = with_cache;
    w->started = (int64_t)time(NULL);
    w->cache_path = cache_path_or_default(config->cache.path);
    w->thumbnail = thumbnail_path(config);
    if (!w->cache_path || !w->thumbnail || pthread_mutex_init(&w->lock, NULL) != 0) {
        free(w->cache_path);
        free(w->thumbnail);
        free(w);
        return NULL;
    }
    w->problems[0].path = config->health.textfile;
    w->problems[1].path = w->thumbnail;
    pthread_cond_init(&w->wake, NULL);
    if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
        log_error("cannot start the health writer thread");
        pthread_cond_destroy(&w->wake);
        pthread_mutex_destroy(&w->lock);
        free(w->cache_path);
        free(w->thumbnail);
        free(w);
        return NULL;
    }
    log_info("health: metrics every %d s to %s, proof-of-render thumbnail to %s", HEALTH_WRITE_SECONDS,
             config->health.textfile, w->thumbnail);
    return w;
}

void healthwire_set_sync(struct healthwire *w, struct programbox *box)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->sync = box;
    pthread_mutex_unlock(&w->lock);
}

void healthwire_stop(struct healthwire *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stop = true;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    free(w->cache_path);
    free(w->thumbnail);
    free(w);
}
