/* The fleet's INI file: fetched, checked, kept, applied live or by a clean restart (see remotewire.h). */
#include "cli/remotewire.h"

#include <SDL.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/limits.h"
#include "base/log.h"
#include "base/mailbox.h"
#include "live/feeder.h"
#include "live/http.h"
#include "ops/remote.h"
#include "ops/schedule.h"

/* The kept copy's folder: never beside the cache, whose path the fleet
 * file or the command line may change (the copy would then be looked for
 * in one place at start and kept in another). systemd's StateDirectory=
 * ($STATE_DIRECTORY), else /var/lib/ticker when writable (the kiosk), else
 * the XDG state folder (a desktop). */
static char *state_dir(void)
{
    char dir[4096];
    const char *state = getenv("STATE_DIRECTORY"), *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    if (state && state[0] == '/')
        snprintf(dir, sizeof dir, "%.*s", (int)strcspn(state, ":"), state); /* several: the first */
    else if (access("/var/lib/ticker", W_OK) == 0)
        snprintf(dir, sizeof dir, "/var/lib/ticker");
    else if (xdg && xdg[0] == '/')
        snprintf(dir, sizeof dir, "%s/ticker", xdg);
    else if (home && home[0])
        snprintf(dir, sizeof dir, "%s/.local/state/ticker", home);
    else
        snprintf(dir, sizeof dir, "/tmp/ticker-state-%ld", (long)getuid());
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(dir, 0755);
            *p = '/';
        }
    mkdir(dir, 0755);
    return strdup(dir);
}

char *remotewire_last_good_path(const struct config *config)
{
    if (config->remote.last_good[0])
        return strdup(config->remote.last_good);
    char *dir = state_dir();
    size_t size = dir ? strlen(dir) + 16 : 0;
    char *path = dir ? malloc(size) : NULL;
    if (path)
        snprintf(path, size, "%s/remote.ini", dir);
    free(dir);
    return path;
}

/* Whether the kept copy was applied at start: only then is a fetched file
 * equal to it "the copy in force" (set before any thread starts). */
static bool copy_in_force;

bool remotewire_load_last_good(struct config *config)
{
    if (!config->remote.config_url[0])
        return true;
    char *path = remotewire_last_good_path(config);
    if (!path || access(path, R_OK) != 0) {
        free(path);
        return true;
    }
    char err[TICKER_ERROR_WRAPPING_MAX];
    bool ok = remote_apply_file(config, path, err, sizeof err);
    copy_in_force = ok;
    if (ok)
        log_info("remote config: the last good copy of %s, %s, applied over the local file", config->remote.config_url,
                 path);
    else
        log_error("remote config: the last good copy cannot be read (%s); local settings only", err);
    free(path);
    return ok;
}

/* A configuration put in force live, with its schedule read. */
struct in_force {
    struct config *config;
    struct onhours week;
};

struct remotewire {
    const struct config *config;   /* the one at start: [remote], the client's settings */
    const struct config *running;  /* the one in force */
    struct remotewire_targets targets;
    struct in_force **kept;
    size_t kept_count;
    char *last_good;
    struct http_client *http;
    atomic_bool stop;
    atomic_bool restart;
    pthread_t thread;
    char *etag, *last_modified;
};

static bool same_file_content(const char *path, const char *data, size_t size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    bool same = true;
    char buf[4096];
    size_t at = 0, n;
    while (same && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        same = at + n <= size && memcmp(buf, data + at, n) == 0;
        at += n;
    }
    fclose(f);
    return same && at == size;
}

static void ask_restart(struct remotewire *w)
{
    atomic_store(&w->restart, true);
    SDL_Event quit = {.type = SDL_QUIT};
    SDL_PushEvent(&quit);
}

/* The accepted file (next, with the command line applied as at start) in
 * force without a restart, when nothing in it needs one: the sources to
 * the fetch loop, the display settings and the schedule to the screen.
 * Takes next (kept until remotewire_destroy) when it returns true; why
 * says what needs a restart otherwise. */
static bool apply_live(struct remotewire *w, struct config *next, char *why, size_t why_size)
{
    if (w->targets.command_line && !w->targets.command_line(next, w->targets.context)) {
        snprintf(why, why_size, "the command line cannot be applied to it");
        return false;
    }
    if (remote_restart_needs(w->running, next, why, why_size))
        return false;
    struct in_force *record = calloc(1, sizeof *record);
    struct in_force **grown = record ? realloc(w->kept, (w->kept_count + 1) * sizeof *grown) : NULL;
    char err[TICKER_ERROR_MAX];
    if (!grown || !schedule_parse(&next->schedule, &record->week, err, sizeof err)) {
        free(record);
        snprintf(why, why_size, "%s", grown ? err : "out of memory");
        return false;
    }
    w->kept = grown;
    record->config = next;
    w->kept[w->kept_count++] = record;
    if (w->targets.feeder)
        feeder_set_config(w->targets.feeder, next);
    if (w->targets.mailbox)
        mailbox_post_settings(w->targets.mailbox, next, schedule_has_off(&record->week) ? &record->week : NULL);
    w->running = next;
    return true;
}

/* A new body: written beside the last good copy, checked whole, then
 * renamed over it; anything wrong leaves everything as it was. */
static void take_body(struct remotewire *w, const char *body, size_t size)
{
    const char *url = w->config->remote.config_url;
    if (copy_in_force && same_file_content(w->last_good, body, size))
        return; /* the copy in force */
    char candidate[TICKER_PATH_SUFFIXED_MAX];
    snprintf(candidate, sizeof candidate, "%s.new", w->last_good);
    FILE *f = fopen(candidate, "wb");
    bool written = f && fwrite(body, 1, size, f) == size;
    written = f && fflush(f) == 0 && fsync(fileno(f)) == 0 && written;
    if (f)
        fclose(f);
    if (!written) {
        log_error("remote config %s: cannot write %s; nothing changed", url, candidate);
        unlink(candidate);
        return;
    }
    char err[TICKER_ERROR_WRAPPING_MAX];
    const char *local = w->config->config_path;
    struct config *after = remote_check(local, candidate, err, sizeof err);
    if (!after) {
        log_error("remote config %s refused, nothing changed: %s", url, err);
        unlink(candidate);
        return;
    }
    struct config *before = access(w->last_good, R_OK) == 0 ? remote_check(local, w->last_good, err, sizeof err)
                                                            : NULL;
    if (!before && (before = config_create()) && local[0])
        config_load_file(before, local, err, sizeof err);
    if (rename(candidate, w->last_good) != 0) {
        log_error("remote config %s: cannot keep it as %s; nothing changed", url, w->last_good);
        unlink(candidate);
    } else {
        copy_in_force = true;
        size_t changes = before ? remote_log_changes("remote config", before, after) : 0;
        char why[TICKER_ERROR_WRAPPING_MAX];
        if (apply_live(w, after, why, sizeof why)) {
            log_info("remote config %s accepted (%zu settings changed%s), kept as %s; applied without a restart", url,
                     changes, changes ? "" : ", others than those listed", w->last_good);
            after = NULL; /* in force, kept */
        } else {
            log_info("remote config %s accepted (%zu settings changed%s), kept as %s; restarting to apply it (%s: "
                     "a clean restart)",
                     url, changes, changes ? "" : ", others than those listed", w->last_good, why);
            ask_restart(w);
        }
    }
    config_destroy(before);
    config_destroy(after);
}

/* Sleeps until the next refresh, a SIGHUP ("fetch it now") or the stop. */
static void wait_for_refresh(struct remotewire *w)
{
    sigset_t hup;
    sigemptyset(&hup);
    sigaddset(&hup, SIGHUP);
    struct timespec until, now;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += w->config->remote.refresh_seconds;
    while (!atomic_load(&w->stop)) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec >= until.tv_sec)
            return;
        struct timespec left = {until.tv_sec - now.tv_sec, 0};
        if (sigtimedwait(&hup, NULL, &left) == SIGHUP) {
            if (!atomic_load(&w->stop))
                log_info("remote config: SIGHUP, fetching %s now", w->config->remote.config_url);
            return;
        }
    }
}

static void *remote_main(void *arg)
{
    struct remotewire *w = arg;
    sigset_t hup;
    sigemptyset(&hup);
    sigaddset(&hup, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &hup, NULL); /* taken by sigtimedwait, never by a handler */
    while (!atomic_load(&w->stop) && !atomic_load(&w->restart)) {
        struct http_response r;
        bool ok = http_get(w->http, w->config->remote.config_url, w->etag, w->last_modified, &r);
        if (ok && r.outcome == HTTP_BODY) {
            take_body(w, r.body, r.size);
            free(w->etag);
            free(w->last_modified);
            w->etag = strdup(r.etag ? r.etag : "");
            w->last_modified = strdup(r.last_modified ? r.last_modified : "");
        } else if (!ok && !r.stopped) {
            log_warn("remote config %s: %s; keeping the settings in force", w->config->remote.config_url, r.error);
        }
        http_response_clear(&r);
        if (!atomic_load(&w->restart))
            wait_for_refresh(w);
    }
    return NULL;
}

struct remotewire *remotewire_start(const struct config *config, const struct remotewire_targets *targets)
{
    if (!config->remote.config_url[0])
        return NULL;
    struct remotewire *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->config = config;
    w->running = config;
    if (targets)
        w->targets = *targets;
    atomic_init(&w->stop, false);
    atomic_init(&w->restart, false);
    w->last_good = remotewire_last_good_path(config);
    w->http = w->last_good ? http_client_create(&config->fetch, &w->stop) : NULL;
    if (!w->http || pthread_create(&w->thread, NULL, remote_main, w) != 0) {
        log_error("remote config: cannot start its thread");
        http_client_destroy(w->http);
        free(w->last_good);
        free(w);
        return NULL;
    }
    return w;
}

bool remotewire_restart_wanted(struct remotewire *w)
{
    return w && atomic_load(&w->restart);
}

void remotewire_stop(struct remotewire *w)
{
    if (!w || atomic_load(&w->stop))
        return;
    atomic_store(&w->stop, true);
    http_client_wake(w->http);
    pthread_kill(w->thread, SIGHUP); /* ends its sigtimedwait */
    pthread_join(w->thread, NULL);
}

void remotewire_destroy(struct remotewire *w)
{
    if (!w)
        return;
    remotewire_stop(w);
    http_client_destroy(w->http);
    for (size_t i = 0; i < w->kept_count; i++) {
        config_destroy(w->kept[i]->config);
        free(w->kept[i]);
    }
    free(w->kept);
    free(w->last_good);
    free(w->etag);
    free(w->last_modified);
    free(w);
}
