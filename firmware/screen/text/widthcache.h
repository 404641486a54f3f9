/* widthcache: text widths measured once. The layout measures every word of
 * a featured item's title and summary each time the item comes round (and
 * each crawl headline as it is placed); shaping a word costs tens of
 * microseconds, and Vietnamese repeats its syllables, so a bounded table
 * keeps the answers: a direct-mapped one (a slot per hash, the newest text
 * replacing an older one in its slot), so memory is fixed and a lookup is
 * one comparison. A hand-written table because it is twenty lines and no
 * library in the build has a bounded string map.
 * Owns: copies of the texts it holds.  Never: measures (the caller does). */
#ifndef TICKER_WIDTHCACHE_H
#define TICKER_WIDTHCACHE_H

#include <stdbool.h>
#include <stddef.h>

#define WIDTHCACHE_SLOTS 4096 /* about 100 KB with the texts: every word of a few hundred headlines */

struct widthcache;

struct widthcache *widthcache_create(void);
void widthcache_destroy(struct widthcache *cache);
/* The width of text in font, when it was stored. */
bool widthcache_get(const struct widthcache *cache, int font, const char *text, int *width);
/* Keeps it (texts over 255 bytes are not kept: lines, not words). */
void widthcache_put(struct widthcache *cache, int font, const char *text, int width);

#endif
