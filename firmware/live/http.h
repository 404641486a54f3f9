/* http: conditional GETs with libcurl, several at once on one multi handle
 * kept alive across cycles (its connection and DNS caches live there), so a
 * stalled server delays no other source.
 * Owns: the transfer policy — timeouts, low-speed abort, size cap, redirects
 * (few, http/https only), TLS verification (always on), compression, the
 * User-Agent — and the validators (ETag, Last-Modified) of each response.
 * Never: parses the body, schedules, retries, or touches the cache. */
#ifndef TICKER_HTTP_H
#define TICKER_HTTP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include "base/config.h"

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
    char error[512];
};

struct http_client;

/* libcurl's global state: called by reader_global_init, which main() calls
 * once before any thread starts; pairs with http_global_cleanup. */
bool http_global_init(void);
void http_global_cleanup(void);

/* The settings are copied. stop, when not NULL, aborts a transfer in flight
 * as soon as it becomes true (checked about once a second or on progress). */
struct http_client *http_client_create(const struct fetch_config *settings, const atomic_bool *stop);
void http_client_destroy(struct http_client *client);
/* From any thread, after setting stop: wakes a transfer loop that waits on
 * its sockets, so the stop is seen at once rather than within a second. */
void http_client_wake(struct http_client *client);

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

/* GETs every request in parallel, each under its own limits, hands each
 * batch of ended transfers to on_batch (may be NULL) as soon as it ends, and
 * returns when all have ended (or stop aborted them). Every response is
 * filled once: clear each with http_response_clear. */
void http_get_each(struct http_client *client, struct http_request *requests, size_t count, http_batch_fn on_batch,
                   void *context);
/* http_get_each without a batch callback. */
void http_get_all(struct http_client *client, struct http_request *requests, size_t count);

/* One request; returns whether the outcome is HTTP_BODY or HTTP_NOT_MODIFIED. */
bool http_get(struct http_client *client, const char *url, const char *etag, const char *last_modified,
              struct http_response *response);
void http_response_clear(struct http_response *response);

#endif
