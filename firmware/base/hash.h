/* hash: 64-bit FNV-1a (http://www.isthe.com/chongo/tech/comp/fnv/), the one
 * hash of the tree: hash tables, caches of drawn texts, item ids.
 * Owns: the constants and the byte loop.  Never: anything secret — FNV is
 * for spreading keys, not for resisting an attacker.
 * Thread: pure functions, any thread.
 * Two offset bases: the standard 14695981039346656037, and HASH_LEGACY_BASIS,
 * which is the standard one without its last digit. Until 2026 six copies
 * used the legacy basis, and two of their outputs are on disk: the picture
 * cache's file names and a source folder's fingerprint in the cache. Those
 * keep the legacy basis (hash_legacy_*) so that an upgrade finds its files;
 * everything held only in memory uses the standard one. */
#ifndef TICKER_HASH_H
#define TICKER_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_FNV1A_BASIS 14695981039346656037ULL
#define HASH_FNV1A_PRIME 1099511628211ULL
#define HASH_LEGACY_BASIS 1469598103934665603ULL
/* Mixed in after a string that another follows, so that "ab"+"c" and
 * "a"+"bc" differ (no string holds the byte 0xFF as UTF-8). */
#define HASH_SEPARATOR 0xFF

static inline uint64_t hash_byte(uint64_t h, unsigned char byte)
{
    return (h ^ byte) * HASH_FNV1A_PRIME;
}

/* h carried on through a whole word at once (a size, a time, a key), as
 * FNV-1a does a byte: faster, and spread enough for a table or a sum. */
static inline uint64_t hash_mix(uint64_t h, uint64_t word)
{
    return (h ^ word) * HASH_FNV1A_PRIME;
}

/* h carried on through size bytes. */
uint64_t hash_bytes(uint64_t h, const void *bytes, size_t size);
/* h carried on through a NUL-terminated string (NULL hashes as ""). */
uint64_t hash_text(uint64_t h, const char *text);
/* h carried on through text, then HASH_SEPARATOR. */
uint64_t hash_text_field(uint64_t h, const char *text);
/* FNV-1a of a string from the standard basis. */
uint64_t hash_string(const char *text);
/* The legacy basis' hash of a string: names on disk made before 2026
 * (imagecache's file names). Never for anything new. */
uint64_t hash_legacy_string(const char *text);

#endif
