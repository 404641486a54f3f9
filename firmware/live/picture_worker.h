/* picture_worker: gets the pictures the screen wishes for, on its own
 * thread — a local file read, or an http(s) URL from the picture cache or
 * fetched (through live/http: its TLS, redirects and timeouts, with the
 * picture byte cap) and stored there — decodes each (live/picture_decode)
 * and posts the pixels, or the reason it failed, to the picture mailbox.
 * Owns: its HTTP client, the picture cache and the set of pictures already
 * delivered for the current wish.  Never: draws, or runs on the render
 * thread; a failure only means the item is shown without its picture. */
#ifndef TICKER_PICTURE_WORKER_H
#define TICKER_PICTURE_WORKER_H

#include "base/config.h"
#include "base/picture_mailbox.h"

struct picture_worker;

/* NULL when the thread cannot start (logged). The config must outlive it. */
struct picture_worker *picture_worker_start(const struct config *config, struct picture_mailbox *mailbox);
void picture_worker_stop(struct picture_worker *worker);

/* The picture cache's directory for a config: pictures/ beside the item
 * cache's database. Caller frees. */
char *picture_worker_cache_dir(const struct config *config);

#endif
