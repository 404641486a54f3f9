/* syncserver: the leader's answer to its followers — GET /program over
 * HTTP/1.1 with libmicrohttpd, read-only, bound to one configured
 * address, each answer sealed with the group's key (live/sync/syncwire).
 * A follower says who it is in the query (its nonce and its layout
 * identity); one whose fonts or screen differ is answered with a sealed
 * refusal naming the reason, and one that asks to join (join=1) gets a
 * fresh epoch soon (syncserver_take_join).
 * Owns: the daemon and its thread, the program it serves (a copy), the
 * limits on connections and time.  Never: changes anything on the leader
 * but its join flag, or reads a file for a request.
 * Thread: libmicrohttpd's own; the other functions from the sync thread. */
#ifndef TICKER_SYNCSERVER_H
#define TICKER_SYNCSERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/program.h"
#include "live/sync/syncwire.h"

struct syncserver;

/* bind: "ADDRESS:PORT" ("127.0.0.1:7070", "[::1]:7070"; a numeric
 * address: the leader is bound to one network, not all). NULL with err. */
struct syncserver *syncserver_start(const char *bind, const unsigned char key[SYNCWIRE_KEY_BYTES], char *err,
                                    size_t err_size);
void syncserver_stop(struct syncserver *server);

/* What is served from now on (copied; NULL on OOM keeps the old). */
void syncserver_publish(struct syncserver *server, const struct program *program);
/* Whether a follower asked for a fresh epoch since the last call. */
bool syncserver_take_join(struct syncserver *server);
/* Answers given so far, and refusals among them. */
void syncserver_counts(struct syncserver *server, unsigned long *answers, unsigned long *refusals);

/* The query a follower sends: its nonce and identity, URL-encoded into
 * out (for live/sync/sync; the server reads the same names). */
bool syncserver_query(const char *nonce, const struct program_identity *identity, bool join, char *out, size_t size);

#endif
