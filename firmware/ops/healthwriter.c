/* The health-writer thread (see healthwriter.h). */
#include "ops/healthwriter.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/limits.h"
#include "base/log.h"
#include "base/paths.h"

#define HEALTH_WRITE_SECONDS 15 /* node_exporter scrapes every 15-60 s */

struct health_problem {
    const char *path;
    char said[TICKER_PATH_ERROR_MAX]; /* the last failure logged; "" while it works */
};

struct healthwriter {
    const struct config *config;
    struct healthwriter_wiring wiring;
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

static void write_once(struct healthwriter *w)
{
    const struct healthwriter_wiring *wire = &w->wiring;
    struct health_report r = {.now = (int64_t)time(NULL), .started = w->started,
                              .resident_bytes = health_resident_bytes()};
    struct health_thumbnail thumbnail = {0};
    wire->read_frames(wire->context, &r, &thumbnail);
    pthread_mutex_lock(&w->lock);
    struct programbox *box = w->sync;
    pthread_mutex_unlock(&w->lock);
    struct program_status sync;
    if (box) {
        programbox_status(box, &sync);
        r.sync = &sync;
    }
    wire->read_cache(wire->context, &r);
    char err[TICKER_PATH_ERROR_MAX];
    bool ok = health_write_textfile(w->config->health.textfile, &r, err, sizeof err);
    if (!ok)
        name_missing_folder("health textfile ", w->config->health.textfile, err, sizeof err);
    say_once(&w->problems[0], ok, "", err);
    if (thumbnail.rgb) {
        ok = wire->write_png(w->thumbnail, HEALTH_FILE_MODE, &thumbnail, err, sizeof err);
        if (!ok)
            name_missing_folder("", w->thumbnail, err, sizeof err);
        say_once(&w->problems[1], ok, "proof-of-render thumbnail: ", err);
    }
    free(thumbnail.rgb);
    wire->clear_cache(wire->context, &r);
}

static void *writer_main(void *arg)
{
    struct healthwriter *w = arg;
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
    if (w->wiring.finish)
        w->wiring.finish(w->wiring.context);
    return NULL;
}

char *healthwriter_thumbnail_path(const struct config *config)
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

static void writer_free(struct healthwriter *w)
{
    free(w->thumbnail);
    free(w);
}

struct healthwriter *healthwriter_start(const struct config *config, const struct healthwriter_wiring *wiring)
{
    if (!config->health.textfile[0])
        return NULL;
    struct healthwriter *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->config = config;
    w->wiring = *wiring;
    w->started = (int64_t)time(NULL);
    w->thumbnail = healthwriter_thumbnail_path(config);
    if (!w->thumbnail || pthread_mutex_init(&w->lock, NULL) != 0) {
        writer_free(w);
        return NULL;
    }
    w->problems[0].path = config->health.textfile;
    w->problems[1].path = w->thumbnail;
    pthread_cond_init(&w->wake, NULL);
    if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
        log_error("cannot start the health writer thread");
        pthread_cond_destroy(&w->wake);
        pthread_mutex_destroy(&w->lock);
        writer_free(w);
        return NULL;
    }
    log_info("health: metrics every %d s to %s, proof-of-render thumbnail to %s", HEALTH_WRITE_SECONDS,
             config->health.textfile, w->thumbnail);
    return w;
}

void healthwriter_set_sync(struct healthwriter *w, struct programbox *box)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->sync = box;
    pthread_mutex_unlock(&w->lock);
}

void healthwriter_stop(struct healthwriter *w)
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
    writer_free(w);
}
