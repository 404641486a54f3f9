/* Detached minisign signatures (see minisig.h). libsodium does the
 * cryptography and the base64; only the file's four lines are read here. */
#include "ops/minisig.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { KEY_BYTES = 2 + 8 + crypto_sign_PUBLICKEYBYTES, SIG_BYTES = 2 + 8 + crypto_sign_BYTES };

static bool decode(const char *text, size_t length, unsigned char *out, size_t want)
{
    size_t got = 0;
    return sodium_base642bin(out, want, text, length, " \t\r", &got, NULL, sodium_base64_VARIANT_ORIGINAL) == 0 &&
           got == want;
}

static bool read_key(const char *public_key, unsigned char key[KEY_BYTES], char *err, size_t err_size)
{
    if (sodium_init() < 0) {
        snprintf(err, err_size, "libsodium cannot start");
        return false;
    }
    if (!decode(public_key, strlen(public_key), key, KEY_BYTES) || memcmp(key, "Ed", 2) != 0) {
        snprintf(err, err_size, "[remote] public_key is not a minisign public key (the base64 line of its .pub file)");
        return false;
    }
    return true;
}

bool minisig_key_valid(const char *public_key, char *err, size_t err_size)
{
    unsigned char key[KEY_BYTES];
    return read_key(public_key, key, err, err_size);
}

/* Line n (0-based) of text: its start and length without the newline. */
static bool line_at(const char *text, size_t size, int n, const char **start, size_t *length)
{
    const char *p = text, *end = text + size;
    for (; n > 0 && p < end; n--) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return false;
        p = nl + 1;
    }
    if (n > 0 || p >= end)
        return false;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *start = p;
    *length = (size_t)((nl ? nl : end) - p);
    if (*length && p[*length - 1] == '\r')
        --*length;
    return true;
}

static const char TRUSTED[] = "trusted comment: ";

bool minisig_verify(const char *public_key, const void *message, size_t size, const char *signature, size_t sig_size,
                    char *err, size_t err_size)
{
    unsigned char key[KEY_BYTES], sig[SIG_BYTES], global[crypto_sign_BYTES];
    if (!read_key(public_key, key, err, err_size))
        return false;
    const char *line, *comment, *global_line;
    size_t length, comment_length, global_length;
    if (!line_at(signature, sig_size, 1, &line, &length) || !decode(line, length, sig, SIG_BYTES) ||
        !line_at(signature, sig_size, 2, &comment, &comment_length) || comment_length < sizeof TRUSTED - 1 ||
        memcmp(comment, TRUSTED, sizeof TRUSTED - 1) != 0 ||
        !line_at(signature, sig_size, 3, &global_line, &global_length) ||
        !decode(global_line, global_length, global, sizeof global)) {
        snprintf(err, err_size, "the signature is not a minisign signature file");
        return false;
    }
    bool prehashed = !memcmp(sig, "ED", 2);
    if (!prehashed && memcmp(sig, "Ed", 2) != 0) {
        snprintf(err, err_size, "the signature's algorithm is not Ed25519");
        return false;
    }
    if (memcmp(sig + 2, key + 2, 8) != 0) {
        snprintf(err, err_size, "the signature was made with another key than [remote] public_key");
        return false;
    }
    unsigned char digest[crypto_generichash_BYTES_MAX];
    const unsigned char *signed_bytes = message;
    size_t signed_size = size;
    if (prehashed) {
        crypto_generichash(digest, sizeof digest, message, size, NULL, 0);
        signed_bytes = digest;
        signed_size = sizeof digest;
    }
    if (crypto_sign_verify_detached(sig + 10, signed_bytes, signed_size, key + 10) != 0) {
        snprintf(err, err_size, "the signature does not match the file (altered, or signed for another)");
        return false;
    }
    /* The trusted comment is signed too: signature || comment text. */
    size_t text_length = comment_length - (sizeof TRUSTED - 1);
    unsigned char both[crypto_sign_BYTES + 4096];
    if (text_length > sizeof both - crypto_sign_BYTES) {
        snprintf(err, err_size, "the signature's trusted comment is too long");
        return false;
    }
    memcpy(both, sig + 10, crypto_sign_BYTES);
    memcpy(both + crypto_sign_BYTES, comment + sizeof TRUSTED - 1, text_length);
    if (crypto_sign_verify_detached(global, both, crypto_sign_BYTES + text_length, key + 10) != 0) {
        snprintf(err, err_size, "the signature's trusted comment was altered");
        return false;
    }
    return true;
}
