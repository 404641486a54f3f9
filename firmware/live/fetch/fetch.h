/* Stage live (firmware/live/), whose main header this is: what happens
 * over time off screen.  The fetch loop and its HTTP client, reading files
 * and folders, the SQLite cache, the feeder that posts item lists to the
 * mailbox.  Uses base and ingest.  Never draws or touches SDL.
 *
 * fetch: the loop that keeps the cache fresh — which source is due, one
 * conditional GET or one local re-read per due source, backoff with jitter
 * after failures (Retry-After honoured), and one cache transaction per batch
 * of fetches that end together, written and posted while slower ones run.
 * A due source's GET joins the running transfers (live/http/http) the moment it
 * is due: no source waits for another's transfer, hung or not.
 * Owns: the schedule, each source's live state and hours (dayparting: a
 * source outside its hours is not fetched and its items are not posted,
 * though they stay cached), the list of sources in force, the one-line log
 * of every success and error, the screen status ("" / offline / stale).
 * Never: touches SDL or the render thread's data; it only calls its hooks. */
#ifndef TICKER_FETCH_H
#define TICKER_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "live/cache/cache.h"
#include "base/config.h"
#include "base/item.h"
#include "ingest/source.h"

struct http_client;

#define FETCH_STATUS_OFFLINE "Ngoại tuyến" /* every network source is failing */
#define FETCH_STATUS_STALE "Dữ liệu cũ"    /* some source is failing */

/* The shapes of reader_parse and reader_load (the defaults). The context
 * names the source (its URL), its charset, its zone and Last-Modified (or
 * the fetch time) as changed. */
typedef bool (*fetch_parse_fn)(const struct ingest_context *context, const char *data, size_t size,
                               const struct config *config, struct item_list *out, struct source_info *info,
                               char *err, size_t err_size);
typedef bool (*fetch_load_fn)(const char *location, const struct config *config, struct item_list *out, char *err,
                              size_t err_size);

struct fetch_hooks {
    fetch_parse_fn parse;     /* NULL: reader_parse */
    fetch_load_fn load_local; /* NULL: reader_load */
    /* After each batch of a cycle that changed the cached items: the whole
     * cached list, newest first; the callee owns it. Called on the fetch
     * thread, possibly several times a cycle. */
    void (*items_changed)(void *context, struct item_list *items);
    /* When the status text changes. */
    void (*status_changed)(void *context, const char *status);
    /* Each turn of the loop, on the fetch thread: a second kind of
     * transfer (pictures) submits its GETs to the same client here, and
     * their callbacks run on this thread. May be NULL. */
    void (*tick)(void *context, struct http_client *http, int64_t now);
    /* The clocks, in seconds (tests inject them): NULL means time(NULL)
     * and CLOCK_MONOTONIC. */
    int64_t (*wall_clock)(void *context);
    int64_t (*monotonic_clock)(void *context);
    void *context;
};

struct fetch_cycle_report {
    size_t attempted;       /* sources fetched or checked this cycle */
    size_t not_modified;    /* 304s and unchanged local sources */
    size_t failed;
    size_t items_changed;   /* items new or different in content */
    size_t items_expired;
    bool committed;         /* at least one cache transaction was written */
};

struct fetch;

/* Does no I/O; config and cache must outlive the fetch. The cache is used
 * only from the thread that calls fetch_cycle / fetch_run. */
struct fetch *fetch_create(const struct config *config, struct cache *cache, const struct fetch_hooks *hooks);
void fetch_destroy(struct fetch *fetch);

/* One pass over the sources due at now (Unix seconds), or all of them when
 * force; each batch of ended fetches is committed and posted as it ends.
 * Returns false when any batch could not be written. */
bool fetch_cycle(struct fetch *fetch, int64_t now, bool force, struct fetch_cycle_report *report);

/* Runs the schedule until fetch_request_stop: each source's GET is
 * submitted when it is due, whatever else is in flight, and each batch of
 * ended transfers is written and posted at once. */
void fetch_run(struct fetch *fetch);
/* The wall time now (Unix seconds) as the fetch loop sees it: read through
 * the monotonic clock, so that a jump of the wall clock (a Pi without a
 * real-time clock that boots in 1970, then syncs over NTP) is noticed, logged
 * and the times stored during this run are moved with it. On the fetch
 * thread. */
int64_t fetch_clock(struct fetch *fetch);
/* The client the loop's transfers run on, for a tick hook's submissions. */
struct http_client *fetch_http_client(struct fetch *fetch);
/* Before fetch_run starts, on its future thread's behalf: posts the cached
 * items of the sources within their hours now (items_changed), so the first
 * frame shows them. Returns how many, or -1 when the cache cannot be read
 * (logged). */
long fetch_post_cached(struct fetch *fetch);
/* From any thread: a new configuration (sources, their refresh, hours,
 * zones and alert settings, the kind rules, the cache's limits), put in
 * force by the fetch thread at its next turn with no source's transfer in
 * flight (no new one starts meanwhile): the sources that stay keep their
 * state, validators and cached items (read again in full when what their
 * items come out as changed: kind rules, zone, alert settings); new ones
 * are fetched at once; the removed ones' items and state are deleted from
 * the cache and the screen. config must outlive the fetch; the [fetch]
 * client settings (timeouts, caps, User-Agent) stay those of the first. */
void fetch_set_config(struct fetch *fetch, const struct config *config);
/* From any thread: the loop takes a turn now (its tick hook runs), whether
 * it sleeps until the next source is due or waits on its transfers: a
 * picture asked for is submitted at once. */
void fetch_wake(struct fetch *fetch);
/* From any thread: ends fetch_run and aborts a transfer in flight. */
void fetch_request_stop(struct fetch *fetch);

/* A copy of a source's live state (index in config->sources); on the
 * thread that runs the cycles. */
bool fetch_source_state(const struct fetch *fetch, size_t index, struct cache_source *out);

#endif
