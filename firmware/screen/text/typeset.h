/* typeset: fonts and the fallback chain, turning a UTF-8 text into one
 * white-on-transparent surface with a known baseline.
 * Owns: the TTF_Font handles (one chain per style: main or bold font, then
 * the fallback fonts, each at the style's size), NFC normalization, splitting
 * a text into runs by which font has each character, and the set of
 * characters no font has (each logged once).  Never: creates textures or
 * decides where text goes. */
#ifndef TICKER_TYPESET_H
#define TICKER_TYPESET_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/config.h"

struct typeset_style {
    int size_px;
    bool bold;
};

struct typeset_metrics {
    int ascent;      /* of the main font: the line's top above the baseline */
    int descent;     /* positive */
    int height;      /* TTF_FontHeight of the main font */
    int line_height; /* TTF_FontLineSkip of the main font */
};

struct typeset;

/* Opens config's font (bold_font for bold styles) and fallback fonts from
 * its fonts directory, one chain per style. A missing main font is an error
 * (err names the file and the reason); a missing fallback font is logged. */
struct typeset *typeset_create(const struct config *config, const struct typeset_style *styles, size_t count,
                               char *err, size_t err_size);
void typeset_destroy(struct typeset *typeset);

void typeset_metrics(const struct typeset *typeset, size_t style, struct typeset_metrics *out);
/* Width in pixels of the text as typeset_render would draw it. */
int typeset_width(struct typeset *typeset, size_t style, const char *text);
/* The text in white with its coverage as alpha (ARGB8888), or NULL for an
 * empty text or on error (logged). *baseline: the baseline's row. */
SDL_Surface *typeset_render(struct typeset *typeset, size_t style, const char *text, int *baseline);
/* Which font of the style's chain draws the code point: 0 the main font,
 * 1.. the fallbacks, -1 none. */
int typeset_font_for(const struct typeset *typeset, size_t style, uint32_t codepoint);
/* How far the code point's glyph (in the font that draws it) reaches above
 * and below the baseline, in pixels. False when no font has it. */
bool typeset_glyph_extent(const struct typeset *typeset, size_t style, uint32_t codepoint, int *above, int *below);
/* How many distinct characters no font had so far. */
size_t typeset_missing_count(const struct typeset *typeset);

#endif
