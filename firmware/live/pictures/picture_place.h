/* picture_place: where a picture may be read from — the trust boundary of
 * local pictures, where they are opened. An http(s) URL is fetched (the
 * caller's); a local path is read only when its real path (symbolic links
 * and ".." resolved) lies inside the folder of one of the configured
 * local sources (a source folder, or the folder of a source file) or the
 * assets folder (the demo's pictures), and only when it is a regular file,
 * opened through base/safeopen (the one check of a folder's boundary:
 * O_NOFOLLOW and O_NONBLOCK, so a FIFO never blocks the picture thread,
 * fstat, the descriptor's path checked again). Anything else — a relative
 * path, another scheme — is refused.
 * Owns: the real paths of the allowed folders.  Never: fetches, or reads a
 * byte of a file it refused.  Thread: the picture thread. */
#ifndef TICKER_PICTURE_PLACE_H
#define TICKER_PICTURE_PLACE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/config.h"

struct picture_places;

/* The allowed folders of config's local sources and assets folder, as they
 * are now (one that does not exist yet is looked up again at each read).
 * NULL on OOM. */
struct picture_places *picture_places_create(const struct config *config);
void picture_places_destroy(struct picture_places *places);

/* The whole file at ref (an absolute path or a file:// URL) when allowed
 * and at most cap bytes (caller frees); NULL with err ("picture REF:
 * reason") otherwise. */
char *picture_places_read(struct picture_places *places, const char *ref, long cap, size_t *size, char *err,
                          size_t err_size);

#endif
