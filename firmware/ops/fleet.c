/* The fleet file at work: kept, judged, applied (see fleet.h). */
#include "ops/fleet.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/array.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/mailbox.h"
#include "ops/fleetguard.h"
#include "ops/minisig.h"
#include "ops/remote.h"
#include "ops/schedule.h"

/* mkdir -p, quietly: a folder that cannot be made shows when the copy is written. */
static void make_dirs(char *dir)
{
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(dir, 0755);
            *p = '/';
        }
    mkdir(dir, 0755);
}

char *fleet_kept_path(const struct config *config)
{
    if (config->remote.last_good[0])
        return strdup(config->remote.last_good);
    char dir[TICKER_PATH_MAX];
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
    make_dirs(dir);
    size_t size = strlen(dir) + sizeof "/remote.ini";
    char *path = malloc(size);
    if (path)
        snprintf(path, size, "%s/remote.ini", dir);
    return path;
}

/* A whole file in memory (NUL-terminated); NULL when it cannot be read. */
static char *read_whole(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long length = -1;
    if (f && fseek(f, 0, SEEK_END) == 0 && (length = ftell(f)) >= 0 && length < (64L << 20) &&
        fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)length + 1)) &&
        fread(data, 1, (size_t)length, f) != (size_t)length) {
        free(data);
        data = NULL;
    }
    if (f)
        fclose(f);
    if (data) {
        data[length] = '\0';
        *size = (size_t)length;
    }
    return data;
}

struct config *fleet_judge(const char *local_path, const char *candidate, const char *signature, size_t sig_size,
                            bool (*start_check)(const struct config *, char *, size_t), char *err, size_t err_size)
{
    struct config *local = config_create();
    if (!local || (local_path[0] && !config_load_file(local, local_path, err, err_size))) {
        if (!local)
            log_oom_reason(err, err_size, NULL);
        config_destroy(local);
        return NULL;
    }
    struct config *next = NULL;
    char why[1024] = "";
    size_t size = 0;
    char *body = local->remote.public_key[0] ? read_whole(candidate, &size) : NULL;
    if (local->remote.public_key[0] && !signature)
        snprintf(why, sizeof why, "no signature (%s.minisig), and [remote] public_key wants one",
                 local->remote.config_url);
    else if (local->remote.public_key[0] && (!body || !minisig_verify(local->remote.public_key, body, size, signature,
                                                                      sig_size, why, sizeof why)))
        snprintf(why + strlen(why), sizeof why - strlen(why), "%s", body ? "" : "cannot read the file");
    else if (!(next = remote_check(local_path, candidate, why, sizeof why)))
        ;
    else if (!fleetguard_check(local, next, why, sizeof why) || (start_check && !start_check(next, why, sizeof why))) {
        config_destroy(next);
        next = NULL;
    }
    if (!next)
        snprintf(err, err_size, "%s", why);
    free(body);
    config_destroy(local);
    return next;
}

static char *with_suffix(const char *path, const char *suffix)
{
    size_t size = strlen(path) + strlen(suffix) + 1;
    char *out = malloc(size);
    if (out)
        snprintf(out, size, "%s%s", path, suffix);
    return out;
}

/* The kept copy that would not start: out of the way, for a person to read. */
static void set_aside(const char *kept, const char *why)
{
    char *aside = with_suffix(kept, ".refused"), *sig = with_suffix(kept, ".minisig");
    bool moved = aside && rename(kept, aside) == 0;
    if (sig)
        unlink(sig);
    log_error("remote config: the kept copy %s cannot be used (%s); %s, the local settings are used and the file is "
              "fetched again",
              kept, why, moved ? "set aside as .refused" : "it could not be set aside");
    if (!moved)
        unlink(kept);
    free(aside);
    free(sig);
}

bool fleet_load_kept(struct config *config, bool (*start_check)(const struct config *, char *, size_t))
{
    if (!config->remote.config_url[0])
        return false;
    char *path = fleet_kept_path(config);
    if (!path || access(path, F_OK) != 0) {
        free(path);
        return false;
    }
    char *sig_path = with_suffix(path, ".minisig");
    size_t sig_size = 0;
    char *sig = sig_path ? read_whole(sig_path, &sig_size) : NULL;
    char err[1024];
    struct config *next = fleet_judge(config->config_path, path, sig, sig_size, start_check, err, sizeof err);
    bool ok = next && remote_apply_file(config, path, err, sizeof err);
    if (ok)
        log_info("remote config: the last good copy of %s, %s, applied over the local file", config->remote.config_url,
                 path);
    else
        set_aside(path, err);
    config_destroy(next);
    free(sig);
    free(sig_path);
    free(path);
    return ok;
}

/* A configuration put in force live, with its schedule read. */
struct in_force {
    struct config *config;
    struct onhours week;
};

struct fleet {
    const struct config *config;  /* the one at start: [remote] */
    const struct config *running; /* the one in force */
    struct fleet_wiring wiring;
    struct in_force **kept;
    size_t kept_count;
    char *kept_path, *sig_url;
    bool warn_http;
    atomic_bool stop, restart;
    pthread_t thread;
    char *etag, *last_modified;
};

static bool same_file_content(const char *path, const char *data, size_t size)
{
    size_t had = 0;
    char *kept = read_whole(path, &had);
    bool same = kept && had == size && memcmp(kept, data, size) == 0;
    free(kept);
    return same;
}

/* next (with the command line applied) in force without a restart, when
 * nothing in it needs one. Takes next when it returns true; why says what
 * needs a restart otherwise. */
static bool apply_live(struct fleet *w, struct config *next, char *why, size_t why_size)
{
    if (remote_restart_needs(w->running, next, why, why_size))
        return false;
    struct in_force *record = calloc(1, sizeof *record);
    bool grown = record && ARRAY_RESIZE(w->kept, w->kept_count + 1);
    char err[512];
    if (!grown || !schedule_parse(&next->schedule, &record->week, err, sizeof err)) {
        free(record);
        snprintf(why, why_size, "%s", grown ? err : LOG_OOM);
        return false;
    }
    record->config = next;
    w->kept[w->kept_count++] = record;
    if (w->wiring.apply_sources)
        w->wiring.apply_sources(w->wiring.context, next);
    if (w->wiring.mailbox)
        mailbox_post_settings(w->wiring.mailbox, next, schedule_has_off(&record->week) ? &record->week : NULL);
    w->running = next;
    return true;
}

static bool write_file(const char *path, const char *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    bool written = f && (size == 0 || fwrite(data, 1, size, f) == size); /* data may be NULL when empty */
    written = f && fflush(f) == 0 && fsync(fileno(f)) == 0 && written;
    if (f && fclose(f) != 0)
        written = false;
    if (!written)
        unlink(path);
    return written;
}

/* The candidate written beside the kept copy and judged whole, with the
 * command line over it; NULL (the candidate removed, why in err) when it
 * fails. */
static struct config *judge_body(struct fleet *w, const char *candidate, const char *body, size_t size,
                                 const struct fleet_answer *sig, char *err, size_t err_size)
{
    if (!write_file(candidate, body, size)) {
        snprintf(err, err_size, "cannot write %s: %s", candidate, strerror(errno));
        return NULL;
    }
    struct config *next = fleet_judge(w->config->config_path, candidate, sig ? sig->body : NULL, sig ? sig->size : 0,
                                      NULL, err, err_size);
    if (next && w->wiring.command_line && !w->wiring.command_line(next, w->wiring.context)) {
        snprintf(err, err_size, "the command line cannot be applied to it");
        config_destroy(next);
        next = NULL;
    }
    if (next && w->wiring.start_check && !w->wiring.start_check(next, err, err_size)) {
        config_destroy(next);
        next = NULL;
    }
    if (!next)
        unlink(candidate);
    return next;
}

/* Keeps the signature beside the copy (or removes an old one). */
static bool keep_signature(struct fleet *w, const struct fleet_answer *sig)
{
    char *path = with_suffix(w->kept_path, ".minisig");
    bool ok = path && (sig ? write_file(path, sig->body, sig->size) : (unlink(path) == 0 || errno == ENOENT));
    free(path);
    return ok;
}

static void put_in_force(struct fleet *w, struct config *after)
{
    const char *url = w->config->remote.config_url;
    w->wiring.kept_in_force = true;
    size_t changes = remote_log_changes("remote config", w->running, after);
    const char *others = changes ? "" : ", others than those listed";
    char why[1024];
    if (apply_live(w, after, why, sizeof why)) {
        log_info("remote config %s accepted (%zu settings changed%s), kept as %s; applied without a restart", url,
                 changes, others, w->kept_path);
        after = NULL; /* in force, kept */
    } else {
        log_info("remote config %s accepted (%zu settings changed%s), kept as %s; restarting to apply it (%s: "
                 "a clean restart)",
                 url, changes, others, w->kept_path, why);
        atomic_store(&w->restart, true);
    }
    config_destroy(after);
}

/* A new body: judged whole, then renamed over the kept copy and applied;
 * anything wrong leaves everything as it was. */
static void take_body(struct fleet *w, const char *body, size_t size)
{
    const char *url = w->config->remote.config_url;
    if (w->wiring.kept_in_force && same_file_content(w->kept_path, body, size))
        return; /* the copy in force */
    struct fleet_answer sig = {0};
    if (w->config->remote.public_key[0]) {
        w->wiring.fetch(w->wiring.context, w->sig_url, NULL, NULL, &sig);
        if (sig.outcome == FLEET_STOPPED)
            goto done;
    }
    char candidate[TICKER_PATH_SUFFIXED_MAX], err[TICKER_PATH_ERROR_MAX];
    snprintf(candidate, sizeof candidate, "%s.new", w->kept_path);
    struct config *after = judge_body(w, candidate, body, size, sig.outcome == FLEET_BODY ? &sig : NULL, err,
                                      sizeof err);
    if (!after) {
        log_error("remote config %s refused, nothing changed: %s", url, err);
    } else if (rename(candidate, w->kept_path) != 0) {
        log_error("remote config %s: cannot keep it as %s (%s); nothing changed", url, w->kept_path, strerror(errno));
        unlink(candidate);
        config_destroy(after);
    } else {
        /* A copy kept without its signature is set aside at the next start
         * and fetched again: safe, so only said. */
        if (!keep_signature(w, sig.outcome == FLEET_BODY ? &sig : NULL))
            log_warn("remote config %s: cannot keep its signature beside %s", url, w->kept_path);
        put_in_force(w, after);
    }
done:
    free(sig.body);
    free(sig.etag);
    free(sig.last_modified);
}

/* Sleeps until the next refresh, a SIGHUP ("fetch it now") or the stop. */
static void wait_for_refresh(struct fleet *w)
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

static void replace(char **kept, char *fresh)
{
    free(*kept);
    *kept = fresh;
}

static void fetch_once(struct fleet *w)
{
    const char *url = w->config->remote.config_url;
    if (w->warn_http)
        log_warn("remote config %s: fetched over plain http ([remote] allow_http): anyone on the way can read or "
                 "change it",
                 url);
    struct fleet_answer a = {0};
    w->wiring.fetch(w->wiring.context, url, w->etag, w->last_modified, &a);
    if (a.outcome == FLEET_BODY) {
        take_body(w, a.body, a.size);
        replace(&w->etag, a.etag);
        replace(&w->last_modified, a.last_modified);
        a.etag = a.last_modified = NULL;
    } else if (a.outcome == FLEET_FAILED) {
        log_warn("remote config %s: %s; keeping the settings in force", url, a.error);
    }
    free(a.body);
    free(a.etag);
    free(a.last_modified);
}

static void *fleet_main(void *arg)
{
    struct fleet *w = arg;
    sigset_t hup;
    sigemptyset(&hup);
    sigaddset(&hup, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &hup, NULL); /* taken by sigtimedwait, never by a handler */
    while (!atomic_load(&w->stop) && !atomic_load(&w->restart)) {
        fetch_once(w);
        if (!atomic_load(&w->restart))
            wait_for_refresh(w);
    }
    return NULL;
}

struct fleet *fleet_start(const struct config *config, const struct fleet_wiring *wiring)
{
    char err[512];
    bool warn = false;
    if (!config->remote.config_url[0])
        return NULL;
    if (!fleetguard_url(&config->remote, &warn, err, sizeof err) ||
        (config->remote.public_key[0] && !minisig_key_valid(config->remote.public_key, err, sizeof err))) {
        log_error("remote config: %s; the fleet file is not fetched", err);
        return NULL;
    }
    struct fleet *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->config = config;
    w->running = config;
    w->wiring = *wiring;
    w->warn_http = warn;
    atomic_init(&w->stop, false);
    atomic_init(&w->restart, false);
    w->kept_path = fleet_kept_path(config);
    w->sig_url = with_suffix(config->remote.config_url, ".minisig");
    if (!w->kept_path || !w->sig_url || pthread_create(&w->thread, NULL, fleet_main, w) != 0) {
        log_error("remote config: cannot start its thread");
        free(w->kept_path);
        free(w->sig_url);
        free(w);
        return NULL;
    }
    return w;
}

const atomic_bool *fleet_restart_flag(const struct fleet *w)
{
    return w ? &w->restart : NULL;
}

bool fleet_restart_wanted(const struct fleet *w)
{
    return w && atomic_load(&w->restart);
}

void fleet_stop(struct fleet *w)
{
    if (!w || atomic_load(&w->stop))
        return;
    atomic_store(&w->stop, true);
    if (w->wiring.wake)
        w->wiring.wake(w->wiring.context);
    pthread_kill(w->thread, SIGHUP); /* ends its sigtimedwait */
    pthread_join(w->thread, NULL);
}

void fleet_destroy(struct fleet *w)
{
    if (!w)
        return;
    fleet_stop(w);
    for (size_t i = 0; i < w->kept_count; i++) {
        config_destroy(w->kept[i]->config);
        free(w->kept[i]);
    }
    free(w->kept);
    free(w->kept_path);
    free(w->sig_url);
    free(w->etag);
    free(w->last_modified);
    free(w);
}
