#include "live/fetch.h"

#include "ingest/charset.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "live/http.h"
#include "base/log.h"
#include "ingest/source.h"
#include "live/reader.h"

#define FETCH_LOCAL_POLL_SECONDS 10     /* stat() of a file or folder is cheap */
#define FETCH_BACKOFF_FIRST_SECONDS 30
#define FETCH_BACKOFF_MIN_CAP_SECONDS 900
#define FETCH_MAX_TTL_SECONDS 86400
#define FETCH_EXPIRE_EVERY_SECONDS 3600

enum attempt_result { ATTEMPT_UNCHANGED, ATTEMPT_CONTENT, ATTEMPT_FAILED };

struct source_run {
    struct cache_source state;      /* as last committed (or loaded) */
    struct cache_source pending;    /* this cycle's new state */
    struct item_list *items;        /* this cycle's content, when ATTEMPT_CONTENT */
    enum attempt_result result;
    size_t changed;                 /* of items, new or different, once written */
    int64_t confirmed_at;           /* last 304 / unchanged files; not persisted */
    bool attempted;
    bool in_flight;                 /* its transfer has not ended yet */
    bool loaded;
    bool local;
};

struct fetch {
    const struct config *config;
    struct cache *cache;
    struct fetch_hooks hooks;
    struct http_client *http;
    struct source_run *runs;
    size_t count;
    atomic_bool stop;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    unsigned int random_state;
    int64_t last_expiry;
    char status[64];
};

/* --- small helpers ----------------------------------------------------------- */

static int source_interval(const struct fetch *f, size_t i)
{
    int refresh = f->config->sources[i].refresh_seconds > 0 ? f->config->sources[i].refresh_seconds
                                                            : f->config->fetch.refresh_seconds;
    int ttl = f->runs[i].state.ttl_seconds;
    return ttl > refresh ? ttl : refresh; /* a feed's <ttl> may lengthen, never shorten */
}

static int backoff_seconds(struct fetch *f, size_t i, int failures, long retry_after)
{
    int interval = source_interval(f, i);
    int64_t delay = interval < FETCH_BACKOFF_FIRST_SECONDS ? interval : FETCH_BACKOFF_FIRST_SECONDS;
    int64_t cap = interval > FETCH_BACKOFF_MIN_CAP_SECONDS ? interval : FETCH_BACKOFF_MIN_CAP_SECONDS;
    for (int n = 1; n < failures && delay < cap; n++)
        delay *= 2;
    if (delay > cap)
        delay = cap;
    /* Equal jitter: kiosks that lost the same Wi-Fi must not retry in step. */
    int64_t half = delay / 2;
    delay = half + (half > 0 ? (int64_t)(rand_r(&f->random_state) % (half + 1)) : 0);
    if (delay < 1)
        delay = 1;
    if (retry_after > delay)
        delay = retry_after;
    return (int)delay;
}

/* The reason without a leading "LOCATION: " that source.c adds. */
static const char *reason_only(const char *location, const char *err)
{
    size_t n = strlen(location);
    if (strncmp(err, location, n) == 0 && err[n] == ':' && err[n + 1] == ' ')
        return err + n + 2;
    return err;
}

/* A fingerprint of a file, or of a folder and the files in it: sizes and
 * modification times, so an edited, added or removed file changes it. */
static bool local_signature(const char *location, char *out, size_t size, char *err, size_t err_size)
{
    struct stat st;
    if (stat(location, &st) != 0) {
        snprintf(err, err_size, "cannot read: %s", strerror(errno));
        return false;
    }
    unsigned long long sum = 0, count = 0;
    if (S_ISDIR(st.st_mode)) {
        DIR *dir = opendir(location);
        if (!dir) {
            snprintf(err, err_size, "cannot open the folder: %s", strerror(errno));
            return false;
        }
        struct dirent *entry;
        char path[4096];
        while ((entry = readdir(dir))) {
            struct stat file;
            if (entry->d_name[0] == '.' ||
                snprintf(path, sizeof path, "%s/%s", location, entry->d_name) >= (int)sizeof path ||
                stat(path, &file) != 0)
                continue;
            unsigned long long h = 1469598103934665603ULL;
            for (const char *c = entry->d_name; *c; c++)
                h = (h ^ (unsigned char)*c) * 1099511628211ULL;
            h = (h ^ (unsigned long long)file.st_size) * 1099511628211ULL;
            h = (h ^ (unsigned long long)file.st_mtim.tv_sec) * 1099511628211ULL;
            h = (h ^ (unsigned long long)file.st_mtim.tv_nsec) * 1099511628211ULL;
            sum += h; /* order-free: readdir order is not stable */
            count++;
        }
        closedir(dir);
    }
    snprintf(out, size, "%llx:%llx:%lld.%09ld:%llx", (unsigned long long)st.st_size, count, (long long)st.st_mtim.tv_sec,
             st.st_mtim.tv_nsec, sum);
    return true;
}

/* --- create / destroy ---------------------------------------------------------- */

struct fetch *fetch_create(const struct config *config, struct cache *cache, const struct fetch_hooks *hooks)
{
    struct fetch *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->config = config;
    f->cache = cache;
    if (hooks)
        f->hooks = *hooks;
    if (!f->hooks.parse)
        f->hooks.parse = source_parse_context_info;
    if (!f->hooks.load_local)
        f->hooks.load_local = reader_load;
    atomic_init(&f->stop, false);
    f->random_state = (unsigned int)time(NULL) ^ (unsigned int)(uintptr_t)f;
    f->count = config->source_count;
    f->runs = calloc(f->count ? f->count : 1, sizeof *f->runs);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    bool ok = f->runs && pthread_mutex_init(&f->lock, NULL) == 0 && pthread_cond_init(&f->wake, &attr) == 0;
    pthread_condattr_destroy(&attr);
    f->http = ok ? http_client_create(&config->fetch, &f->stop) : NULL;
    if (!f->http) {
        free(f->runs);
        free(f);
        return NULL;
    }
    for (size_t i = 0; i < f->count; i++) {
        cache_source_init(&f->runs[i].state);
        cache_source_init(&f->runs[i].pending);
        f->runs[i].local = !source_is_url(config->sources[i].location);
    }
    return f;
}

void fetch_destroy(struct fetch *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->count; i++) {
        cache_source_clear(&f->runs[i].state);
        cache_source_clear(&f->runs[i].pending);
        item_list_destroy(f->runs[i].items);
    }
    free(f->runs);
    http_client_destroy(f->http);
    pthread_mutex_destroy(&f->lock);
    pthread_cond_destroy(&f->wake);
    free(f);
}

bool fetch_source_state(const struct fetch *f, size_t index, struct cache_source *out)
{
    return index < f->count && cache_source_copy(out, &f->runs[index].state);
}

/* --- one source ------------------------------------------------------------------ */

static bool load_state(struct fetch *f, size_t i, int64_t now)
{
    struct source_run *run = &f->runs[i];
    if (run->loaded)
        return true;
    char err[512];
    bool found;
    cache_source_clear(&run->state);
    if (!cache_load_source(f->cache, f->config->sources[i].location, &run->state, &found, err, sizeof err)) {
        log_error("%s", err);
        cache_source_init(&run->state);
        if (!item_set(&run->state.location, f->config->sources[i].location))
            return false;
    }
    /* A clock that jumped back (a Pi without a real-time clock) must not
     * push the next fetch into a far future. */
    int64_t longest_wait = (int64_t)source_interval(f, i) + FETCH_MAX_TTL_SECONDS;
    if (run->state.next_due > now + longest_wait)
        run->state.next_due = now;
    run->loaded = true;
    return true;
}

/* What one HTTP response means for source i. */
static void take_response(struct fetch *f, size_t i, struct http_response *response, char *err, size_t err_size,
                          long *retry_after)
{
    struct source_run *run = &f->runs[i];
    const char *location = run->state.location;
    *retry_after = response->retry_after_seconds;
    if (response->outcome == HTTP_NOT_MODIFIED) {
        run->result = ATTEMPT_UNCHANGED; /* no parse, no cache write */
    } else if (response->outcome == HTTP_FAILED) {
        snprintf(err, err_size, "%s", response->error);
        run->result = ATTEMPT_FAILED;
    } else {
        struct item_list *items = item_list_create();
        char parse_err[512];
        struct source_info info = {0};
        char charset[48] = "";
        charset_from_content_type(response->content_type, charset, sizeof charset);
        struct ingest_context context = {.name = location, .url = location, .charset = charset[0] ? charset : NULL,
                                         .zone = f->config->sources[i].zone};
        if (items && f->hooks.parse(&context, response->body, response->size, &f->config->rules, items, &info,
                                    parse_err, sizeof parse_err)) {
            run->items = items;
            run->result = ATTEMPT_CONTENT;
            /* Out of memory here leaves the old validator: that costs one
             * full download next time, never a missed change. */
            item_set(&run->pending.etag, response->etag);
            item_set(&run->pending.last_modified, response->last_modified);
            long ttl = (long)info.ttl_minutes * 60;
            run->pending.ttl_seconds = ttl < 0 ? 0 : ttl > FETCH_MAX_TTL_SECONDS ? FETCH_MAX_TTL_SECONDS : (int)ttl;
        } else {
            item_list_destroy(items);
            snprintf(err, err_size, "HTTP %ld but %s", response->status,
                     items ? reason_only(location, parse_err) : "out of memory");
            run->result = ATTEMPT_FAILED;
        }
    }
}

static void attempt_local(struct fetch *f, size_t i, char *err, size_t err_size)
{
    struct source_run *run = &f->runs[i];
    const char *location = run->state.location;
    char signature[128];
    if (!local_signature(location, signature, sizeof signature, err, err_size)) {
        run->result = ATTEMPT_FAILED;
        return;
    }
    if (strcmp(signature, run->state.signature) == 0) {
        run->result = ATTEMPT_UNCHANGED;
        return;
    }
    struct item_list *items = item_list_create();
    char load_err[512];
    if (items && f->hooks.load_local(location, f->config, items, load_err, sizeof load_err)) {
        run->items = items;
        run->result = ATTEMPT_CONTENT;
        item_set(&run->pending.signature, signature); /* kept old on OOM: the file is read again */
    } else {
        item_list_destroy(items);
        snprintf(err, err_size, "%s", items ? reason_only(location, load_err) : "out of memory");
        run->result = ATTEMPT_FAILED;
    }
}

/* Starts an attempt: this cycle's state begins as a copy of the last. */
static bool begin_attempt(struct fetch *f, size_t i)
{
    struct source_run *run = &f->runs[i];
    cache_source_clear(&run->pending);
    if (!cache_source_copy(&run->pending, &run->state)) {
        cache_source_init(&run->pending);
        log_error("%s: out of memory", run->state.location);
        return false;
    }
    run->attempted = true;
    return true;
}

/* Schedules source i after its attempt and says how it went in one log line. */
static void finish_attempt(struct fetch *f, size_t i, int64_t now, const char *err, long retry_after, bool cut_short)
{
    struct source_run *run = &f->runs[i];
    const char *location = run->state.location;
    struct cache_source *p = &run->pending;
    run->in_flight = false;
    if (run->result == ATTEMPT_FAILED && cut_short) {
        run->attempted = false; /* cut short by a shutdown: not the source's fault, nothing to record */
        return;
    }
    if (run->result == ATTEMPT_FAILED) {
        p->failures++;
        p->last_error_at = now;
        item_set(&p->last_error, err);
        int delay = backoff_seconds(f, i, p->failures, retry_after);
        p->next_due = now + delay;
        log_warn("%s: %s; keeping its cached items, retry in %d s (failure %d)", location, err, delay, p->failures);
        return;
    }
    int interval = run->local ? FETCH_LOCAL_POLL_SECONDS : source_interval(f, i);
    if (run->result == ATTEMPT_CONTENT) {
        p->last_success = now;
        p->item_count = (int)run->items->count;
        if (!run->local && p->ttl_seconds > interval)
            interval = p->ttl_seconds < FETCH_MAX_TTL_SECONDS ? p->ttl_seconds : FETCH_MAX_TTL_SECONDS;
    }
    if (p->failures)
        log_info("%s: recovered after %d failures", location, p->failures);
    p->failures = 0;
    item_set(&p->last_error, "");
    p->next_due = now + interval;
    run->confirmed_at = now;
    if (run->result == ATTEMPT_UNCHANGED)
        log_debug("%s: %s", location, run->local ? "unchanged" : "not modified (304)");
}

/* Whether the pending state must be written: new content, a failure, or a
 * recovery. A plain 304 changes nothing durable, so it writes nothing. */
static bool needs_write(const struct source_run *run)
{
    return run->attempted && (run->result != ATTEMPT_UNCHANGED || run->state.failures != 0);
}

/* --- one batch ------------------------------------------------------------------ */

/* A run whose attempt ended and is not written or settled yet. */
static bool in_batch(const struct source_run *run)
{
    return run->attempted && !run->in_flight;
}

/* One transaction for the runs whose attempts have ended since the last
 * batch, and with expire the confirm of unchanged sources and the expiry
 * too. The spec's
 * "each fetch cycle's changes in one transaction" is kept per batch of
 * completed fetches: a hung server must not hold back the others' items. */
static bool write_batch(struct fetch *f, int64_t now, size_t *changed_total, size_t *expired, bool expire)
{
    char err[768];
    bool ok = cache_begin(f->cache, err, sizeof err);
    for (size_t i = 0; ok && i < f->count; i++) {
        struct source_run *run = &f->runs[i];
        if (!in_batch(run) || !needs_write(run))
            continue;
        run->changed = 0;
        if (run->result == ATTEMPT_CONTENT) {
            ok = cache_store_items(f->cache, run->state.location, run->items, now, &run->changed, err, sizeof err);
            *changed_total += run->changed;
        }
        ok = ok && cache_save_source(f->cache, &run->pending, err, sizeof err);
    }
    for (size_t i = 0; ok && expire && i < f->count; i++) {
        const struct source_run *run = &f->runs[i];
        if (run->loaded && !run->in_flight && run->result != ATTEMPT_CONTENT &&
            run->confirmed_at > run->state.last_success && run->state.last_success > 0)
            ok = cache_confirm_items(f->cache, run->state.location, run->state.last_success, run->confirmed_at, err,
                                     sizeof err);
    }
    if (ok && expire)
        ok = cache_expire(f->cache, now, f->config->cache.max_age_days, f->config->cache.max_items, expired, err,
                          sizeof err);
    ok = ok && cache_commit(f->cache, err, sizeof err);
    if (!ok) {
        cache_rollback(f->cache);
        *changed_total = *expired = 0;
        log_error("%s", err);
        return false;
    }
    /* Only now, after the commit: a line in the log is a change on disk. */
    for (size_t i = 0; i < f->count; i++) {
        const struct source_run *run = &f->runs[i];
        if (in_batch(run) && run->result == ATTEMPT_CONTENT)
            log_info("%s: %zu items, %zu new or changed", run->state.location, run->items->count, run->changed);
    }
    return true;
}

static void update_status(struct fetch *f)
{
    size_t network = 0, network_failing = 0, failing = 0;
    for (size_t i = 0; i < f->count; i++) {
        const struct source_run *run = &f->runs[i];
        bool down = run->state.failures > 0;
        failing += down;
        if (!run->local) {
            network++;
            network_failing += down;
        }
    }
    const char *status = network && network_failing == network ? FETCH_STATUS_OFFLINE
                         : failing                              ? FETCH_STATUS_STALE
                                                                : "";
    if (strcmp(status, f->status) == 0)
        return;
    snprintf(f->status, sizeof f->status, "%s", status);
    if (f->hooks.status_changed)
        f->hooks.status_changed(f->hooks.context, status);
}

static void post_items(struct fetch *f)
{
    if (!f->hooks.items_changed)
        return;
    char err[512];
    struct item_list *items = cache_items(f->cache, err, sizeof err);
    if (items)
        f->hooks.items_changed(f->hooks.context, items);
    else
        log_error("%s", err);
}

/* Commits or forgets the batch's states and counts them in the report. On a
 * failed write the validators stay the old ones, so the next cycle fetches
 * the content again. */
static void settle(struct fetch *f, bool written, struct fetch_cycle_report *report)
{
    for (size_t i = 0; i < f->count; i++) {
        struct source_run *run = &f->runs[i];
        if (!in_batch(run))
            continue;
        report->attempted++;
        report->not_modified += run->result == ATTEMPT_UNCHANGED;
        report->failed += run->result == ATTEMPT_FAILED;
        if (written || !needs_write(run)) {
            cache_source_clear(&run->state);
            run->state = run->pending;
            cache_source_init(&run->pending);
        }
        item_list_destroy(run->items);
        run->items = NULL;
        run->attempted = false;
    }
}

/* Writes, settles and posts the runs whose attempts have ended. Expiry (and
 * the count cap) rides along with every write, or runs alone when
 * expire_due. Returns false when the write failed. */
static bool end_batch(struct fetch *f, int64_t now, struct fetch_cycle_report *report, bool expire_due)
{
    bool any_write = false;
    for (size_t i = 0; i < f->count; i++)
        any_write |= in_batch(&f->runs[i]) && needs_write(&f->runs[i]);
    bool expire = expire_due || any_write;
    bool ok = true;
    size_t changed = 0, expired = 0;
    if (any_write || expire) {
        ok = write_batch(f, now, &changed, &expired, expire);
        report->committed |= ok;
        report->items_changed += changed;
        report->items_expired += expired;
        if (ok && expire)
            f->last_expiry = now;
    }
    settle(f, ok, report);
    if (changed || expired)
        post_items(f); /* at once: the screen does not wait for slower sources */
    update_status(f);
    return ok;
}

struct network_batch {
    struct fetch *fetch;
    const size_t *due;      /* request k is for source due[k] */
    int64_t now;
    struct fetch_cycle_report *report;
    bool ok;
};

static void on_network_batch(void *context, struct http_request *requests, const size_t *done, size_t done_count)
{
    struct network_batch *b = context;
    for (size_t k = 0; k < done_count; k++) {
        size_t i = b->due[done[k]];
        struct http_response *response = &requests[done[k]].response;
        char err[768] = "";
        long retry_after = 0;
        take_response(b->fetch, i, response, err, sizeof err, &retry_after);
        finish_attempt(b->fetch, i, b->now, err, retry_after, response->stopped);
        http_response_clear(response);
    }
    b->ok &= end_batch(b->fetch, b->now, b->report, false);
}

/* Every due network source at once: a stalled server delays no other, and
 * each batch of ended transfers is written and shown while the rest run. */
static bool attempt_network(struct fetch *f, const size_t *due, size_t count, int64_t now,
                            struct fetch_cycle_report *report)
{
    struct http_request *requests = calloc(count, sizeof *requests);
    if (!requests) {
        for (size_t k = 0; k < count; k++) {
            f->runs[due[k]].result = ATTEMPT_FAILED;
            finish_attempt(f, due[k], now, "out of memory", 0, false);
        }
        return end_batch(f, now, report, false);
    }
    for (size_t k = 0; k < count; k++) {
        const struct cache_source *state = &f->runs[due[k]].state;
        requests[k] = (struct http_request){.url = state->location, .etag = state->etag,
                                            .last_modified = state->last_modified};
        f->runs[due[k]].in_flight = true;
    }
    struct network_batch batch = {.fetch = f, .due = due, .now = now, .report = report, .ok = true};
    http_get_each(f->http, requests, count, on_network_batch, &batch);
    free(requests);
    return batch.ok;
}

bool fetch_cycle(struct fetch *f, int64_t now, bool force, struct fetch_cycle_report *report)
{
    memset(report, 0, sizeof *report);
    size_t *due = calloc(f->count ? f->count : 1, sizeof *due), due_count = 0;
    if (!due) {
        log_error("fetch: out of memory");
        return true;
    }
    bool any_local = false;
    for (size_t i = 0; i < f->count && !atomic_load(&f->stop); i++) {
        struct source_run *run = &f->runs[i];
        if (!load_state(f, i, now) || (!force && run->state.next_due > now) || !begin_attempt(f, i))
            continue;
        if (run->local) {
            char err[768] = "";
            attempt_local(f, i, err, sizeof err);
            finish_attempt(f, i, now, err, 0, false);
            any_local = true;
        } else {
            due[due_count++] = i;
        }
    }
    bool ok = true;
    if (any_local)
        ok &= end_batch(f, now, report, false); /* local files: the first batch */
    if (due_count && !atomic_load(&f->stop))
        ok &= attempt_network(f, due, due_count, now, report);
    else
        for (size_t k = 0; k < due_count; k++)
            f->runs[due[k]].attempted = false; /* shutting down: not attempted after all */
    free(due);
    /* The hourly expiry (and anything left over) once every transfer ended. */
    ok &= end_batch(f, now, report, now - f->last_expiry >= FETCH_EXPIRE_EVERY_SECONDS);
    return ok;
}

/* --- the loop --------------------------------------------------------------------- */

static int64_t seconds_until_next(const struct fetch *f, int64_t now)
{
    int64_t wait = FETCH_EXPIRE_EVERY_SECONDS;
    for (size_t i = 0; i < f->count; i++) {
        int64_t until = f->runs[i].state.next_due - now;
        if (until < wait)
            wait = until;
    }
    return wait < 0 ? 0 : wait;
}

static void sleep_unless_stopped(struct fetch *f, int64_t seconds)
{
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += seconds;
    pthread_mutex_lock(&f->lock);
    while (!atomic_load(&f->stop)) {
        if (pthread_cond_timedwait(&f->wake, &f->lock, &deadline) == ETIMEDOUT)
            break;
    }
    pthread_mutex_unlock(&f->lock);
}

void fetch_run(struct fetch *f)
{
    while (!atomic_load(&f->stop)) {
        struct fetch_cycle_report report;
        fetch_cycle(f, (int64_t)time(NULL), false, &report);
        int64_t wait = seconds_until_next(f, (int64_t)time(NULL));
        sleep_unless_stopped(f, wait > 0 ? wait : 1);
    }
}

void fetch_request_stop(struct fetch *f)
{
    pthread_mutex_lock(&f->lock);
    atomic_store(&f->stop, true);
    http_client_wake(f->http);
    pthread_cond_broadcast(&f->wake);
    pthread_mutex_unlock(&f->lock);
}
