/* textmaker: texts made ahead on a thread of their own. The render thread
 * asks for a text it will draw soon (a PREFETCH op: the next featured
 * item's lines, a crawl headline about to scroll in); this thread typesets
 * it with fonts of its own (a second typeset: FreeType faces are not used
 * from two threads) and paints it in its colour; the render thread takes
 * the finished surface and only uploads it, a copy. Rasterizing a line of
 * large type costs 0.1-0.4 ms, two to three crawl frames: made in frames,
 * those texts were the slowest frames of the bench.
 * Owns: its typeset, the texts asked for and those made and not taken.
 * Never: creates textures or touches the renderer. */
#ifndef TICKER_TEXTMAKER_H
#define TICKER_TEXTMAKER_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/config.h"
#include "screen/text/typeset.h"

#define TEXTMAKER_MAX_PENDING 64 /* texts asked for and not taken: a bound on the surfaces held */

struct textmaker;

/* Opens its own fonts (as typeset_create) and starts the thread. NULL with
 * err when it cannot (the caller then makes texts itself). */
struct textmaker *textmaker_create(const struct config *config, const struct typeset_style *styles, size_t count,
                                   char *err, size_t err_size);
/* Stops the thread (after the text it is making) and frees what is left. */
void textmaker_destroy(struct textmaker *maker);

/* Render thread: make text in style and colour rgb (0xRRGGBB). False when
 * it is already asked for, when TEXTMAKER_MAX_PENDING are pending, or on
 * OOM: ask again later. */
bool textmaker_ask(struct textmaker *maker, int style, uint32_t rgb, const char *text);
/* Render thread: one finished text, if any; the caller owns *text and
 * *surface (ARGB8888 in its colour, coverage as alpha). A text that could
 * not be made comes back with *surface NULL. */
bool textmaker_take(struct textmaker *maker, int *style, uint32_t *rgb, char **text, SDL_Surface **surface,
                    int *baseline);

/* Asked for and not made yet (waiting, or being made). */
size_t textmaker_pending(struct textmaker *maker);

/* A typeset surface (white, coverage as alpha) painted in rgb, in place:
 * drawing it is then a plain alpha blend (SDL's software renderer has a
 * fast path for that and a slow one for colour modulation). */
void textmaker_paint(SDL_Surface *surface, uint32_t rgb);

#endif
