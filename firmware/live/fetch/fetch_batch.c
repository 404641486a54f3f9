/* The batch side of the fetch loop (see fetch_parts.h): an ended attempt
 * becomes the source's result, its schedule and its log line, and each
 * batch of ended attempts one cache transaction, one post to the screen and
 * the status. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/log.h"
#include "base/limits.h"
#include "ingest/charset.h"
#include "ingest/date.h"
#include "ingest/source.h"
#include "live/fetch/fetch_parts.h"
#include "live/fetch/reader.h"

int fetch_source_interval(const struct fetch *f, size_t i)
{
    int refresh = f->config->sources[i].refresh_seconds > 0 ? f->config->sources[i].refresh_seconds
                                                            : f->config->fetch.refresh_seconds;
    int ttl = f->runs[i].state.ttl_seconds;
    return ttl > refresh ? ttl : refresh; /* a feed's <ttl> may lengthen, never shorten */
}

static int backoff_seconds(struct fetch *f, size_t i, int failures, long retry_after)
{
    int interval = fetch_source_interval(f, i);
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

/* The reason without a leading "LOCATION: " that source.c adds (a long
 * location shortened by log_clip). */
static const char *reason_only(const char *location, const char *err)
{
    char clip[LOG_CLIP_BYTES + 8];
    location = log_clip(location, clip, sizeof clip);
    size_t n = strlen(location);
    if (strncmp(err, location, n) == 0 && err[n] == ':' && err[n + 1] == ' ')
        return err + n + 2;
    return err;
}

void fetch_take_response(struct fetch *f, size_t i, char *err, size_t err_size, long *retry_after)
{
    struct source_run *run = &f->runs[i];
    struct http_response *response = &run->response;
    const char *location = run->state.location;
    *retry_after = response->retry_after_seconds;
    if (response->outcome == HTTP_NOT_MODIFIED) {
        run->result = ATTEMPT_UNCHANGED; /* no parse, no cache write */
    } else if (response->outcome == HTTP_FAILED) {
        snprintf(err, err_size, "%s", response->error);
        run->result = ATTEMPT_FAILED;
    } else {
        struct item_list *items = item_list_create();
        char parse_err[TICKER_ERROR_MAX];
        struct source_info info = {0};
        char charset[48] = "";
        charset_from_content_type(response->content_type, charset, sizeof charset);
        int64_t changed = 0;
        if (!response->last_modified || !response->last_modified[0] ||
            !date_parse(response->last_modified, &changed))
            changed = fetch_clock(f);
        struct ingest_context context = {.name = location, .url = location, .charset = charset[0] ? charset : NULL,
                                         .zone = f->config->sources[i].zone, .changed = changed};
        if (items && f->hooks.parse(&context, response->body, response->size, f->config, items, &info, parse_err,
                                    sizeof parse_err)) {
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
                     items ? reason_only(location, parse_err) : LOG_OOM);
            run->result = ATTEMPT_FAILED;
        }
    }
    http_response_clear(response);
}

void fetch_attempt_local(struct fetch *f, size_t i, char *err, size_t err_size)
{
    struct source_run *run = &f->runs[i];
    const char *location = run->state.location;
    char signature[128];
    struct stat st;
    if (f->config->sources[i].alert && stat(location, &st) != 0 && errno == ENOENT) {
        snprintf(signature, sizeof signature, "absent"); /* an alert file removed: its alert ends */
    } else if (!reader_signature(location, signature, sizeof signature, err, err_size)) {
        run->result = ATTEMPT_FAILED;
        return;
    }
    if (strcmp(signature, run->state.signature) == 0) {
        run->result = ATTEMPT_UNCHANGED;
        return;
    }
    struct item_list *items = item_list_create();
    char load_err[TICKER_ERROR_MAX];
    if (items && f->hooks.load_local(location, f->config, items, load_err, sizeof load_err)) {
        run->items = items;
        run->result = ATTEMPT_CONTENT;
        item_set(&run->pending.signature, signature); /* kept old on OOM: the file is read again */
    } else {
        item_list_destroy(items);
        snprintf(err, err_size, "%s", items ? reason_only(location, load_err) : LOG_OOM);
        run->result = ATTEMPT_FAILED;
    }
}

/* The items of a read that are headlines or alerts: a CAP Cancel's word
 * that an alert is over (item.clears) is not one. */
static size_t shown_count(const struct item_list *items)
{
    size_t n = 0;
    for (size_t i = 0; i < items->count; i++)
        n += !items->items[i].clears;
    return n;
}

/* Schedules source i after its attempt and says how it went in one log line. */
void fetch_finish_attempt(struct fetch *f, size_t i, int64_t now, const char *err, long retry_after, bool cut_short)
{
    struct source_run *run = &f->runs[i];
    const char *location = run->state.location;
    struct cache_source *p = &run->pending;
    char clip[LOG_CLIP_BYTES + 8];
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
        log_warn("%s: %s; keeping its cached items, retry in %d s (failure %d)", log_clip(location, clip, sizeof clip),
                 err, delay, p->failures);
        return;
    }
    int interval = run->local ? FETCH_LOCAL_POLL_SECONDS : fetch_source_interval(f, i);
    if (run->result == ATTEMPT_CONTENT) {
        p->last_success = now;
        p->item_count = (int)shown_count(run->items);
        if (!run->local && p->ttl_seconds > interval)
            interval = p->ttl_seconds < FETCH_MAX_TTL_SECONDS ? p->ttl_seconds : FETCH_MAX_TTL_SECONDS;
    }
    if (p->failures)
        log_info("%s: recovered after %d failures", log_clip(location, clip, sizeof clip), p->failures);
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
static bool write_once(struct fetch *f, int64_t now, size_t *changed_total, size_t *expired, bool expire, char *err,
                       size_t err_size)
{
    *changed_total = *expired = 0;
    bool ok = cache_begin(f->cache, err, err_size);
    for (size_t i = 0; ok && i < f->count; i++) {
        struct source_run *run = &f->runs[i];
        if (!in_batch(run) || !needs_write(run))
            continue;
        run->changed = 0;
        if (run->result == ATTEMPT_CONTENT) {
            ok = cache_store_items(f->cache, run->state.location, run->items, now, &run->changed, err, err_size);
            *changed_total += run->changed;
        }
        ok = ok && cache_save_source(f->cache, &run->pending, err, err_size);
    }
    for (size_t i = 0; ok && expire && i < f->count; i++) {
        const struct source_run *run = &f->runs[i];
        if (run->loaded && !run->in_flight && run->result != ATTEMPT_CONTENT &&
            run->confirmed_at > run->state.last_success && run->state.last_success > 0)
            ok = cache_confirm_items(f->cache, run->state.location, run->state.last_success, run->confirmed_at, err,
                                     err_size);
    }
    if (ok && expire)
        ok = cache_expire(f->cache, now, f->config->cache.max_age_days, f->config->cache.max_items, expired, err,
                          err_size);
    ok = ok && cache_commit(f->cache, err, err_size);
    if (!ok) {
        cache_rollback(f->cache);
        *changed_total = *expired = 0;
    }
    return ok;
}

/* The batch is written to the file, or, when the storage refuses it (disk
 * full, read-only), to the cache's working copy in memory: the items reach
 * the screen either way, and the file catches up later (cache_maintain). */
static bool write_batch(struct fetch *f, int64_t now, size_t *changed_total, size_t *expired, bool expire)
{
    char err[TICKER_ERROR_QUOTING_MAX];
    bool ok = write_once(f, now, changed_total, expired, expire, err, sizeof err);
    if (!ok) {
        log_debug("%s", err);
        if (cache_fall_back_to_memory(f->cache))
            ok = write_once(f, now, changed_total, expired, expire, err, sizeof err);
    }
    if (!ok) {
        log_error("%s", err);
        return false;
    }
    /* Only now, after the commit: a line in the log is a change on disk. */
    char clip[LOG_CLIP_BYTES + 8];
    for (size_t i = 0; i < f->count; i++) {
        const struct source_run *run = &f->runs[i];
        if (in_batch(run) && run->result == ATTEMPT_CONTENT)
            log_info("%s: %zu items, %zu new or changed", log_clip(run->state.location, clip, sizeof clip),
                     shown_count(run->items), run->changed);
    }
    return true;
}

void fetch_update_status(struct fetch *f)
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
    char combined[sizeof f->status];
    /* Every headline past max_age: the screen says so, offline or not. */
    snprintf(combined, sizeof combined, "%s%s%s", status, f->aged_out && status[0] ? " · " : "",
             f->aged_out ? FETCH_STATUS_AGED : "");
    if (strcmp(combined, f->status) == 0)
        return;
    snprintf(f->status, sizeof f->status, "%s", combined);
    status = f->status;
    if (f->hooks.status_changed)
        f->hooks.status_changed(f->hooks.context, status);
}

static long post_visible(struct fetch *f, bool even_empty)
{
    char err[TICKER_ERROR_MAX];
    const char **hidden = calloc(f->count ? f->count : 1, sizeof *hidden);
    size_t n = 0;
    for (size_t i = 0; hidden && i < f->count; i++)
        if (!f->runs[i].in_hours)
            hidden[n++] = f->config->sources[i].location;
    struct item_list *items = hidden ? fetch_editorial_items(f, hidden, n, err, sizeof err) : NULL;
    if (!hidden)
        log_oom_reason(err, sizeof err, NULL);
    free(hidden);
    if (!items) {
        log_error("%s", err);
        return -1;
    }
    long count = (long)items->count;
    if (count || even_empty)
        f->hooks.items_changed(f->hooks.context, items);
    else
        item_list_destroy(items);
    return count;
}

void fetch_post_items(struct fetch *f)
{
    if (f->hooks.items_changed)
        post_visible(f, true);
}

long fetch_post_cached(struct fetch *f)
{
    int64_t now = fetch_clock(f);
    fetch_update_hours(f, now);
    fetch_editorial_read_hidden(f, now); /* a hidden item never shows, not even for the first second */
    return f->hooks.items_changed ? post_visible(f, false) : 0; /* nothing cached: the waiting line stays */
}

/* Commits or forgets the batch's states and counts them in the report. On a
 * failed write (not even memory took it) the validators stay the old ones,
 * so the content is fetched again, but at the source's own next time: a
 * write that fails never makes a source be fetched sooner. */
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
        } else {
            struct cache_source *s = &run->state, *p = &run->pending;
            s->next_due = p->next_due;
            s->failures = p->failures;
            s->last_error_at = p->last_error_at;
            char *error = s->last_error;
            s->last_error = p->last_error;
            p->last_error = error;
        }
        item_list_destroy(run->items);
        run->items = NULL;
        run->attempted = false;
    }
}

/* Writes, settles and posts the runs whose attempts have ended. Expiry (and
 * the count cap) rides along with every write, or runs alone when
 * expire_due. Returns false when the write failed. */
bool fetch_end_batch(struct fetch *f, int64_t now, struct fetch_cycle_report *report, bool expire_due)
{
    cache_maintain(f->cache, false); /* a deleted file rebuilt, a full disk retried: before the write */
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
        fetch_post_items(f); /* at once: the screen does not wait for slower sources */
    fetch_update_status(f);
    return ok;
}

