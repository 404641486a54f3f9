/* syncwire: a group's program on the wire — JSON (RFC 8259, json-c)
 * authenticated with the group's shared key by libsodium's crypto_auth
 * (HMAC-SHA512-256), and the group key and font identity it rests on.
 * An answer is one body: the tag in 64 hex digits, a newline, the JSON.
 * The JSON carries the follower's nonce, so an answer recorded on the LAN
 * and replayed later is refused, and the leader's clock when it answered
 * (for groupclock's offset).
 * Owns: the format, the tag check (constant time), the bounds on what a
 * decoded program may hold.  Never: does I/O but reading the key and
 * font files it is told of.
 * Thread: any; no state. */
#ifndef TICKER_SYNCWIRE_H
#define TICKER_SYNCWIRE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/config.h"
#include "base/program.h"

#define SYNCWIRE_KEY_BYTES 32
#define SYNCWIRE_MAX_BYTES (8L << 20) /* an answer: a program of a few hundred items fits in 1 MB */
#define SYNCWIRE_MAX_ITEMS 2000       /* per segment */

/* The key from [sync] key (64 hex digits) or key_file (the same, in a
 * file). False with err saying which and why. */
bool syncwire_load_key(const struct sync_config *sync, unsigned char key[SYNCWIRE_KEY_BYTES], char *err,
                       size_t err_size);

/* Hex BLAKE2b-256 of the bytes of [display] font and bold_font (as
 * config_font_path finds them): two screens with the same value lay text
 * out alike. False with err when a file cannot be read. */
bool syncwire_font_identity(const struct config *config, char out[65], char *err, size_t err_size);

/* The answer to a poll: program at leader_time, for nonce. Caller frees;
 * NULL on OOM. */
char *syncwire_encode(const struct program *program, double leader_time, const char *nonce,
                      const unsigned char key[SYNCWIRE_KEY_BYTES]);
/* A refusal: the follower may not follow (reason), equally authenticated. */
char *syncwire_encode_refusal(const char *reason, double leader_time, const char *nonce,
                              const unsigned char key[SYNCWIRE_KEY_BYTES]);

enum syncwire_result {
    SYNCWIRE_PROGRAM,  /* *program (caller owns) and *leader_time set */
    SYNCWIRE_REFUSED,  /* the leader refused: reason says why; *leader_time set */
    SYNCWIRE_BAD       /* not from the group's leader, or malformed: reason says why */
};
enum syncwire_result syncwire_decode(const char *body, size_t size, const char *nonce,
                                     const unsigned char key[SYNCWIRE_KEY_BYTES], struct program **program,
                                     double *leader_time, char *reason, size_t reason_size);

#endif
