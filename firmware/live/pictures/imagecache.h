/* imagecache: pictures' bytes on disk, as fetched, so they are fetched once
 * and shown from there after a reboot or while offline.
 * Owns: a directory of files named by a hash of the URL (imagecache_name:
 * the names never change, so a cache made by an older build keeps
 * working), an index of them in memory (hashed: a lookup never scans), the
 * size cap counted in disk blocks (st_blocks), the eviction of the least
 * recently used, and the list of pictures that killed their decoder
 * (bad-pictures, one name a line). Written for an SD card: each picture is
 * written once (a temporary file renamed into place: a power cut leaves
 * the old state or the new, and a lost picture is only fetched again, so
 * no fsync), and a read writes nothing — recency is kept in memory,
 * starting from the files' modification times at open.
 * Never: deletes a file it did not name (16 hex digits, a regular file
 * holding a picture, or its own .tmp-NAME), stores bytes that are not a
 * JPEG, PNG, WebP or GIF, writes into the room kept free for the item
 * cache (IMAGECACHE_RESERVE_BYTES on the file system), decodes, or is used
 * by two threads at once.  Thread: the picture thread. */
#ifndef TICKER_IMAGECACHE_H
#define TICKER_IMAGECACHE_H

#include <stdbool.h>
#include <stddef.h>

/* Free room on the cache's file system the picture cache never writes
 * into: the item cache's database and its journal live beside it. */
#define IMAGECACHE_RESERVE_BYTES (32L * 1024 * 1024)
/* At most this many pictures are remembered as bad (the oldest go). */
#define IMAGECACHE_MAX_BAD 1024

struct imagecache;

/* Opens (creating) dir, indexing the pictures it holds. cap_bytes: disk
 * use allowed (blocks, as du counts them); reserve_bytes: free room left
 * on the file system (IMAGECACHE_RESERVE_BYTES; the tests pass less).
 * NULL with err on failure. */
struct imagecache *imagecache_open(const char *dir, size_t cap_bytes, size_t reserve_bytes, char *err,
                                   size_t err_size);
void imagecache_close(struct imagecache *cache);

/* The file name of url in the cache: FNV-1a 64 of its bytes from
 * base/hash's legacy basis, as 16 lowercase hex digits. Fixed for ever
 * (existing caches rely on it; tests/base/test_hash.c pins it). */
void imagecache_name(const char *url, char out[17]);

/* The bytes cached for url (caller frees), or NULL. */
char *imagecache_get(struct imagecache *cache, const char *url, size_t *size);
/* Stores url's bytes when they are a picture (JPEG, PNG, WebP or GIF by
 * their magic bytes), then evicts the least recently used beyond the cap
 * (never the one just stored). A full disk (ENOSPC, EDQUOT, EFBIG) or too
 * little free room evicts and tries once more. False with err when not
 * stored (not a picture, or a write failure). */
bool imagecache_put(struct imagecache *cache, const char *url, const void *bytes, size_t size, char *err,
                    size_t err_size);
/* Disk use of the pictures held, in bytes of blocks; their count. */
size_t imagecache_bytes(const struct imagecache *cache);
size_t imagecache_count(const struct imagecache *cache);

/* Remembers url as a picture that killed its decoder, on disk at once.
 * False on a write failure. */
bool imagecache_mark_bad(struct imagecache *cache, const char *url);
bool imagecache_is_bad(const struct imagecache *cache, const char *url);

#endif
