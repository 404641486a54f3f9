/* minisig: checks a detached minisign signature (Ed25519, the format of
 * https://jedisct1.github.io/minisign/: a public key "Ed" + key id (8) +
 * key (32); a signature file of four lines, "untrusted comment:", base64 of
 * "Ed" or "ED" (prehashed with BLAKE2b-512) + key id + signature (64),
 * "trusted comment:", base64 of the global signature over signature ||
 * trusted comment).
 * Owns: reading both formats and the verification (libsodium).
 * Never: reads files or trusts the untrusted comment.
 * Thread: any (libsodium is initialised on first use, thread-safely). */
#ifndef TICKER_MINISIG_H
#define TICKER_MINISIG_H

#include <stdbool.h>
#include <stddef.h>

/* Whether public_key (the base64 line of a minisign .pub file) is one.
 * False with err saying why. */
bool minisig_key_valid(const char *public_key, char *err, size_t err_size);

/* Whether signature (the text of a .minisig file, sig_size bytes, not
 * NUL-terminated) signs message with public_key, its trusted comment too.
 * False with err saying why in one line ("made with another key",
 * "does not match the file", ...). */
bool minisig_verify(const char *public_key, const void *message, size_t size, const char *signature, size_t sig_size,
                    char *err, size_t err_size);

#endif
