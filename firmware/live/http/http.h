/* http: conditional GETs with libcurl on one multi handle kept alive for the
 * whole run (its connection and DNS caches live there): a scheduler of
 * transfers.  Anything on the fetch thread submits a GET with a callback
 * (a source's feed, later a picture) at any moment, it joins the running
 * multi handle when a slot is free, and its callback runs as soon as it
 * ends, so a stalled server delays no other transfer.
 * Owns: the number of transfers at once (slots, from [fetch] max_transfers
 * and the file-descriptor limit), the transfer policy — timeouts, low-speed abort, size cap, redirects
 * (few, http/https only), TLS verification (always on), compression, the
 * User-Agent — and the validators (ETag, Last-Modified) of each response.
 * Never: parses the body, schedules, retries, or touches the cache. */
#ifndef TICKER_HTTP_H
#define TICKER_HTTP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include "base/config.h"

#include "base/limits.h"

enum http_outcome {
    HTTP_BODY,          /* 2xx: body holds the response */
    HTTP_NOT_MODIFIED,  /* 304: the validators matched; no body */
    HTTP_FAILED,        /* error holds one line saying why */
};

struct http_response {
    enum http_outcome outcome;
    long status;                /* last HTTP status, 0 when none arrived */
    char *body;                 /* NUL-terminated; size excludes the NUL */
    size_t size;
    char *etag;                 /* "" when the server sent none */
    char *last_modified;        /* "" when the server sent none */
    char *content_type;         /* "" when the server sent none: its charset decides the encoding */
    long retry_after_seconds;   /* 0 when absent; clamped to a day */
    bool over_cap;              /* HTTP_FAILED: the body passed settings.max_bytes */
    bool refused_status;        /* HTTP_FAILED: the server answered, but not 2xx or 304 */
    bool stopped;               /* HTTP_FAILED: cut short by the stop flag, not the server's fault */
    bool fd_shortage;           /* HTTP_FAILED: this process had no file descriptor left, not the server's fault */
    char error[TICKER_ERROR_MAX];
};

struct http_client;

/* File descriptors a transfer may hold at once (its socket, and the
 * threaded resolver's socket pair), and those kept for everything else
 * (SQLite, fonts, the display, logs). */
#define HTTP_FDS_PER_TRANSFER 3
#define HTTP_FDS_RESERVED 64

/* Raises this process's soft RLIMIT_NOFILE to its hard limit (what the
 * system allows; systemd's default soft limit is 1,024) and returns the
 * soft limit now in force, LONG_MAX when unlimited, -1 when unknown.
 * Called once at start by reader_global_init. */
long http_raise_fd_limit(void);
/* How many transfers fit in fd_limit descriptors, at most wanted (and at
 * least 1). */
size_t http_slots_for_fd_limit(long fd_limit, size_t wanted);

/* libcurl's global state: called by reader_global_init, which main() calls
 * once before any thread starts; pairs with http_global_cleanup. */
bool http_global_init(void);
void http_global_cleanup(void);

/* The settings are copied; settings->max_transfers is the number of slots.
 * stop, when not NULL, aborts a transfer in flight as soon as it becomes
 * true (checked about once a second or on progress) and ends queued ones
 * unstarted. Destroying a client drops what is still queued or running
 * without calling their callbacks. */
struct http_client *http_client_create(const struct fetch_config *settings, const atomic_bool *stop);
void http_client_destroy(struct http_client *client);
/* Fewer slots than created with (never more): the file-descriptor limit. */
void http_client_set_slots(struct http_client *client, size_t slots);
size_t http_client_slots(const struct http_client *client);
/* From any thread, after setting stop: wakes a transfer loop that waits on
 * its sockets, so the stop is seen at once rather than within a second. */
void http_client_wake(struct http_client *client);

/* Called once per submitted GET, on the thread that runs
 * http_client_run, when it ended (or, after a stop, when it was dropped
 * unstarted: response->stopped). The callee owns *response's strings:
 * keep them (a struct copy moves them) or http_response_clear it. */
typedef void (*http_done_fn)(void *context, struct http_response *response);

/* One GET to submit; the strings are copied. */
struct http_get {
    const char *url;
    const char *etag;           /* "" or NULL: unconditional */
    const char *last_modified;  /* "" or NULL */
    long max_bytes;             /* 0: the client's settings.max_bytes */
    http_done_fn done;          /* may be NULL: the response is dropped */
    void *context;
};

/* Queues a GET (first come, first served); it starts in http_client_run
 * when a slot is free. False on out of memory, and done is not called. */
bool http_submit(struct http_client *client, const struct http_get *get);
/* Runs the transfers: starts queued ones while slots are free, and calls
 * the callback of each that ends. Waits on the sockets at most timeout_ms
 * when nothing ended (less when http_client_wake is called). Returns how
 * many callbacks ran. */
size_t http_client_run(struct http_client *client, int timeout_ms);
/* Submitted GETs whose callbacks have not run yet (queued and running). */
size_t http_client_pending(const struct http_client *client);

struct http_request {
    const char *url;
    const char *etag;           /* "" or NULL: unconditional */
    const char *last_modified;  /* "" or NULL */
    struct http_response response; /* filled by http_get_all / http_get_each */
};

/* Called on the caller's thread each time transfers end (one pass over
 * curl_multi_info_read): done[0 .. done_count) index the requests whose
 * responses are now filled, while the others keep running. */
typedef void (*http_batch_fn)(void *context, struct http_request *requests, const size_t *done, size_t done_count);

/* Submits every request, hands each batch of ended transfers to on_batch
 * (may be NULL) as soon as it ends, and returns when all have ended (or
 * stop aborted them). Every response is filled once: clear each with
 * http_response_clear. Nothing else may be pending on the client. */
void http_get_each(struct http_client *client, struct http_request *requests, size_t count, http_batch_fn on_batch,
                   void *context);
/* http_get_each without a batch callback. */
void http_get_all(struct http_client *client, struct http_request *requests, size_t count);

/* One request; returns whether the outcome is HTTP_BODY or HTTP_NOT_MODIFIED. */
bool http_get(struct http_client *client, const char *url, const char *etag, const char *last_modified,
              struct http_response *response);
void http_response_clear(struct http_response *response);

#endif
