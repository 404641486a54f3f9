/* picture_transfers: the pictures' GETs, run on the HTTP client of another
 * thread — the fetch loop's multi handle (live/fetch/fetch, through its tick
 * hook), so pictures share its slots, connection cache, TLS verification,
 * redirects and timeouts — with a byte cap per picture. The picture thread
 * asks for a URL; the client's thread submits what waits at its next tick,
 * never filling more than half of the client's slots, so a source that
 * falls due always finds one free and no feed waits behind a slow picture;
 * each response is handed back to the picture thread as it ends.
 * Owns: the URLs asked for and not yet taken back, and their responses.
 * Never: decodes, touches the picture cache, or runs a transfer itself. */
#ifndef TICKER_PICTURE_TRANSFERS_H
#define TICKER_PICTURE_TRANSFERS_H

#include <stdbool.h>
#include <stddef.h>
#include "live/http/http.h"

struct picture_transfers;

typedef void (*picture_transfers_wake_fn)(void *context);

/* max_bytes: the cap of one picture's body ([fetch] picture_max_bytes);
 * a larger one fails with over_cap. wake_client (may be NULL) is called on
 * the picture thread after an ask, to have the client's thread tick soon
 * (fetch_wake); wake_pictures (may be NULL) on the client's thread when a
 * response is ready (picture_mailbox_wake). NULL on OOM. */
struct picture_transfers *picture_transfers_create(long max_bytes, picture_transfers_wake_fn wake_client,
                                                   void *client_context, picture_transfers_wake_fn wake_pictures,
                                                   void *pictures_context);
/* After the client's thread has stopped calling tick and has run or
 * dropped every submitted GET. */
void picture_transfers_destroy(struct picture_transfers *transfers);

/* Picture thread: fetch url. False when it is already asked for and not
 * yet taken back (nothing to do), or on OOM. */
bool picture_transfers_ask(struct picture_transfers *transfers, const char *url);
/* Picture thread: one ended transfer, if any: *url (caller frees) and
 * *response (moved; caller clears it with http_response_clear). */
bool picture_transfers_take(struct picture_transfers *transfers, char **url, struct http_response *response);
/* Asked for and not yet taken back. */
size_t picture_transfers_pending(struct picture_transfers *transfers);

/* The client's thread (the fetch loop's tick hook): submits the GETs that
 * wait while fewer than half of http's slots (at least one) carry pictures.
 * Their callbacks run on this thread, inside http_client_run. */
void picture_transfers_tick(struct picture_transfers *transfers, struct http_client *http);

#endif
