/* The schedule side of the fetch loop (see fetch.h and fetch_parts.h):
 * which source is due, submitting its GET to the running multi handle the
 * moment it is due, and driving the transfers; what an ended attempt means
 * is fetch_batch.c's. */
#include "live/fetch/fetch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clocks.h"
#include "base/limits.h"
#include "base/log.h"
#include "ingest/source.h"
#include "live/fetch/fetch_parts.h"
#include "live/fetch/reader.h"

#define FETCH_STEP_MS 1000 /* the longest wait on the sockets before the schedule is looked at again */

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
        f->hooks.parse = reader_parse;
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
    /* The descriptors the process has (raised at start, see
     * http_raise_fd_limit) bound the transfers at once: a shortage is said
     * once here, as itself, instead of as servers that cannot be reached. */
    size_t wanted = http_client_slots(f->http);
    size_t fit = http_slots_for_fd_limit(http_raise_fd_limit(), wanted);
    if (fit < wanted) {
        log_warn("fetch: the file-descriptor limit (ulimit -n, LimitNOFILE) allows %zu transfers at once, not the "
                 "%zu of [fetch] max_transfers; the others wait their turn",
                 fit, wanted);
        http_client_set_slots(f->http, fit);
    }
    for (size_t i = 0; i < f->count; i++)
        fetch_run_init(f, &f->runs[i], i, config);
    fetch_editorial_configure(f);
    return f;
}

void fetch_destroy(struct fetch *f)
{
    if (!f)
        return;
    http_client_destroy(f->http); /* drops transfers still pending, without callbacks */
    for (size_t i = 0; i < f->count; i++) {
        cache_source_clear(&f->runs[i].state);
        cache_source_clear(&f->runs[i].pending);
        item_list_destroy(f->runs[i].items);
        http_response_clear(&f->runs[i].response);
    }
    free(f->runs);
    fetch_editorial_destroy(f);
    pthread_mutex_destroy(&f->lock);
    pthread_cond_destroy(&f->wake);
    free(f);
}

bool fetch_source_state(const struct fetch *f, size_t index, struct cache_source *out)
{
    return index < f->count && cache_source_copy(out, &f->runs[index].state);
}

struct http_client *fetch_http_client(struct fetch *f)
{
    return f->http;
}

/* --- one source ------------------------------------------------------------------ */

static bool load_state(struct fetch *f, size_t i, int64_t now)
{
    struct source_run *run = &f->runs[i];
    if (run->loaded)
        return true;
    char err[TICKER_ERROR_MAX];
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
    int64_t longest_wait = (int64_t)fetch_source_interval(f, i) + FETCH_MAX_TTL_SECONDS;
    if (run->state.next_due > now + longest_wait)
        run->state.next_due = now;
    run->loaded = true;
    return true;
}

/* Starts an attempt: this attempt's state begins as a copy of the last. */
static bool begin_attempt(struct fetch *f, size_t i)
{
    struct source_run *run = &f->runs[i];
    cache_source_clear(&run->pending);
    if (!cache_source_copy(&run->pending, &run->state)) {
        cache_source_init(&run->pending);
        log_oom("%s", run->state.location);
        return false;
    }
    run->attempted = true;
    return true;
}

/* The transfer's callback, on the fetch thread inside http_client_run: only
 * keeps the response; collect_ended turns it into the attempt's result. */
static void on_transfer_done(void *context, struct http_response *response)
{
    struct source_run *run = context;
    run->response = *response; /* moved */
    run->ended = true;
    run->fetch->ended++;
}

static void submit(struct fetch *f, size_t i, int64_t now)
{
    struct source_run *run = &f->runs[i];
    const struct cache_source *s = &run->state;
    struct http_get get = {.url = s->location, .etag = s->etag, .last_modified = s->last_modified,
                           .done = on_transfer_done, .context = run};
    run->in_flight = true;
    if (!http_submit(f->http, &get)) {
        run->in_flight = false;
        run->result = ATTEMPT_FAILED;
        fetch_finish_attempt(f, i, now, LOG_OOM, 0, false);
    }
}

/* Every source due at now that is not in flight already: a local one is
 * read at once, a network one joins the running transfers. Returns whether
 * a local source was read (a batch is waiting). */
static bool start_due(struct fetch *f, int64_t now, bool force)
{
    bool any_local = false;
    if (fetch_config_waiting(f))
        return false; /* the transfers in flight end first, then the new sources are in force */
    for (size_t i = 0; i < f->count && !atomic_load(&f->stop); i++) {
        struct source_run *run = &f->runs[i];
        if (run->in_flight || !run->in_hours || !load_state(f, i, now) || (!force && run->state.next_due > now) ||
            !begin_attempt(f, i))
            continue;
        if (run->local) {
            char err[TICKER_ERROR_QUOTING_MAX] = "";
            fetch_attempt_local(f, i, err, sizeof err);
            fetch_finish_attempt(f, i, now, err, 0, false);
            any_local = true;
        } else {
            submit(f, i, now);
        }
    }
    return any_local;
}

/* The attempts whose transfers ended since the last call, finished at now. */
static bool collect_ended(struct fetch *f, int64_t now)
{
    if (!f->ended)
        return false;
    for (size_t i = 0; i < f->count && f->ended; i++) {
        struct source_run *run = &f->runs[i];
        if (!run->ended)
            continue;
        run->ended = false;
        run->in_flight = false;
        f->ended--;
        char err[TICKER_ERROR_QUOTING_MAX] = "";
        long retry_after = 0;
        bool stopped = run->response.stopped;
        fetch_take_response(f, i, err, sizeof err, &retry_after);
        fetch_finish_attempt(f, i, now, err, retry_after, stopped);
    }
    return true;
}

static void tick(struct fetch *f, int64_t now)
{
    if (f->hooks.tick)
        f->hooks.tick(f->hooks.context, f->http, now);
}

bool fetch_cycle(struct fetch *f, int64_t now, bool force, struct fetch_cycle_report *report)
{
    memset(report, 0, sizeof *report);
    bool ok = true;
    fetch_take_next_config(f, now);
    fetch_update_hours(f, now);
    fetch_editorial_tick(f, now);
    if (start_due(f, now, force))
        ok &= fetch_end_batch(f, now, report, false); /* local files: the first batch */
    tick(f, now);
    while (http_client_pending(f->http)) {
        http_client_run(f->http, FETCH_STEP_MS);
        if (collect_ended(f, now))
            ok &= fetch_end_batch(f, now, report, false); /* at once: the others keep running */
    }
    /* The hourly expiry (and anything left over) once every transfer ended. */
    ok &= fetch_end_batch(f, now, report, now - f->last_expiry >= FETCH_EXPIRE_EVERY_SECONDS);
    return ok;
}

/* --- the loop --------------------------------------------------------------------- */

static int64_t seconds_until_next(const struct fetch *f, int64_t now)
{
    int64_t wait = FETCH_EXPIRE_EVERY_SECONDS - (now - f->last_expiry);
    for (size_t i = 0; i < f->count; i++) {
        if (f->config->sources[i].hours_week && 60 - now % 60 < wait)
            wait = 60 - now % 60; /* its hours begin or end on a minute */
        if (f->runs[i].in_flight || !f->runs[i].in_hours)
            continue;
        int64_t until = f->runs[i].state.next_due - now;
        if (until < wait)
            wait = until;
    }
    wait = fetch_editorial_wait(f, now, wait);
    return wait < 0 ? 0 : wait;
}

static void sleep_unless_stopped(struct fetch *f, int64_t seconds)
{
    struct timespec deadline = clocks_deadline_in((double)seconds);
    pthread_mutex_lock(&f->lock);
    while (!atomic_load(&f->stop) && !f->woken && !f->next_config) {
        if (pthread_cond_timedwait(&f->wake, &f->lock, &deadline) == ETIMEDOUT)
            break;
    }
    f->woken = false;
    pthread_mutex_unlock(&f->lock);
}

/* One turn of the loop: what is due joins the running transfers, what
 * ended is written and shown, and the thread waits on the sockets (or
 * sleeps when nothing runs) until the next source is due. No cycle waits
 * for its slowest transfer. */
void fetch_run(struct fetch *f)
{
    while (!atomic_load(&f->stop)) {
        struct fetch_cycle_report report = {0};
        int64_t now = fetch_clock(f);
        fetch_take_next_config(f, now);
        fetch_update_hours(f, now);
        fetch_editorial_tick(f, now);
        bool expire_due = now - f->last_expiry >= FETCH_EXPIRE_EVERY_SECONDS;
        if (start_due(f, now, false) || expire_due)
            fetch_end_batch(f, now, &report, expire_due);
        tick(f, now);
        if (http_client_pending(f->http)) {
            http_client_run(f->http, FETCH_STEP_MS); /* returns early when a transfer ends */
            now = fetch_clock(f);
            if (collect_ended(f, now))
                fetch_end_batch(f, now, &report, false);
        } else {
            int64_t wait = seconds_until_next(f, now);
            sleep_unless_stopped(f, wait > 0 ? wait : 1);
        }
    }
    /* The stop ends what runs (the progress callback) and drops what waits:
     * their callbacks say so, and nothing of it is the sources' fault. */
    while (http_client_pending(f->http))
        http_client_run(f->http, 100);
    struct fetch_cycle_report report = {0};
    if (collect_ended(f, fetch_clock(f)))
        fetch_end_batch(f, fetch_clock(f), &report, false);
}

void fetch_wake(struct fetch *f)
{
    pthread_mutex_lock(&f->lock);
    f->woken = true;
    http_client_wake(f->http);
    pthread_cond_broadcast(&f->wake);
    pthread_mutex_unlock(&f->lock);
}

void fetch_request_stop(struct fetch *f)
{
    pthread_mutex_lock(&f->lock);
    atomic_store(&f->stop, true);
    http_client_wake(f->http);
    pthread_cond_broadcast(&f->wake);
    pthread_mutex_unlock(&f->lock);
}
