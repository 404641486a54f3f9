/* imagecache: pictures' bytes on disk, as fetched, so they are fetched once
 * and shown from there after a reboot or while offline.
 * Owns: a directory of files named by a hash of the URL, its size cap and
 * the eviction of the least recently used. Written for an SD card: each
 * picture is written once (a temporary file renamed into place: a power cut
 * leaves the old state or the new, and a lost picture is only fetched
 * again, so no fsync), and a read writes nothing — recency is kept in
 * memory, starting from the files' modification times at open.
 * Never: decodes, or is used by two threads at once. */
#ifndef TICKER_IMAGECACHE_H
#define TICKER_IMAGECACHE_H

#include <stdbool.h>
#include <stddef.h>

struct imagecache;

/* Opens (creating) dir, reading what it holds. NULL with err on failure. */
struct imagecache *imagecache_open(const char *dir, size_t cap_bytes, char *err, size_t err_size);
void imagecache_close(struct imagecache *cache);

/* The bytes cached for url (caller frees), or NULL. */
char *imagecache_get(struct imagecache *cache, const char *url, size_t *size);
/* Stores url's bytes, then evicts the least recently used files beyond the
 * cap (never the one just stored). False with err on a write failure. */
bool imagecache_put(struct imagecache *cache, const char *url, const void *bytes, size_t size, char *err,
                    size_t err_size);
size_t imagecache_bytes(const struct imagecache *cache);
size_t imagecache_count(const struct imagecache *cache);

#endif
