/* picture_worker: gets the pictures the screen wishes for, on its own
 * thread — a local file inside a local source's folder (live/pictures/picture_place),
 * or an http(s) URL from the picture cache or fetched and stored there
 * (only answers that are pictures) — decodes each behind the front end
 * (live/pictures/picture_budget), in a child process when started isolated
 * (live/pictures/picture_child; a picture that kills it is never tried again), and posts
 * the pixels, or the reason it failed, to the picture mailbox. Fetching
 * goes through live/pictures/picture_transfers on the fetch loop's HTTP client (its
 * multi handle, TLS, redirects and timeouts, with the picture byte cap):
 * the feeder's tick hook calls picture_worker_tick. Without a fetch loop
 * (the demo content, a screenshot, made-up items) the worker runs the same
 * transfers on a client of its own between waits.
 * Owns: the picture cache, the decoder child, the allowed folders, the
 * transfers asked for, the current wish and the set of pictures already
 * delivered for it.  Never: draws, or runs on
 * the render thread; a failure only means the item is shown without its
 * picture. */
#ifndef TICKER_PICTURE_WORKER_H
#define TICKER_PICTURE_WORKER_H

#include "base/config.h"
#include "base/picture_mailbox.h"

struct picture_worker;

struct fetch;
struct http_client;

/* NULL when the thread cannot start (logged). The config must outlive it.
 * fetch: the loop whose tick hook calls picture_worker_tick (it is woken
 * when a picture is asked for); stop it (fetch_request_stop, its thread
 * joined) before the worker. NULL: the worker runs its own client. */
struct picture_worker *picture_worker_start(const struct config *config, struct picture_mailbox *mailbox,
                                           struct fetch *fetch);
/* The same, with each picture decoded in a child process
 * (live/pictures/picture_child): decoder_program is the ticker executable
 * (/proc/self/exe). A picture that kills the child is remembered as bad in
 * the picture cache and never decoded again. NULL decoder_program: as
 * picture_worker_start. */
struct picture_worker *picture_worker_start_isolated(const struct config *config, struct picture_mailbox *mailbox,
                                                    struct fetch *fetch, const char *decoder_program);
/* On the fetch thread (its tick hook): submits the pictures asked for to
 * http, the fetch loop's client. NULL worker: nothing. */
void picture_worker_tick(struct picture_worker *worker, struct http_client *http);
void picture_worker_stop(struct picture_worker *worker);

/* The picture cache's directory for a config: pictures/ beside the item
 * cache's database. Caller frees. */
char *picture_worker_cache_dir(const struct config *config);

#endif
