/* base64: RFC 4648 decoding for the text that feeds carry in base64 (Atom
 * 0.3 mode="base64", an Atom 1.0 text of a non-text MIME type).
 * Owns: nothing but the copy it returns.  Never: guesses what the bytes
 * mean (their charset is the caller's).  Thread: any. */
#ifndef TICKER_BASE64_H
#define TICKER_BASE64_H

#include <stdbool.h>
#include <stddef.h>

/* text decoded, NUL-terminated, *size its length (the bytes may hold a NUL).
 * Written as feeds write it: line breaks and spaces anywhere, the URL-safe
 * alphabet ('-', '_') as well as '+' and '/', padding optional, and padded
 * pieces one after another ("Zmlyc3Q=c2Vjb25k": each '=' ends a piece,
 * the next starts afresh). Other bytes are skipped. NULL on OOM. */
char *base64_decode(const char *text, size_t *size);

/* Whether text is written in base64 at all: some letters of either
 * alphabet and nothing but them, '=' and white space. "Giá vàng!" is
 * not (base64_decode would skip what it cannot read and give noise). */
bool base64_is_encoded(const char *text);

#endif
