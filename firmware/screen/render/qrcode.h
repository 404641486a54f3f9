/* qrcode: a link as a QR code image (ISO/IEC 18004, through libqrencode),
 * for visitors to take the story home on their phone.
 * Owns: the encoding (error correction level M: still reads with 15% of the
 * modules lost to glare or a smudged screen), the quiet zone (4 modules of
 * light, as the standard requires) and whole-pixel modules (a module
 * scaled by a fraction blurs and misreads).  Never: decides where or how
 * big the code is drawn (scene does). */
#ifndef TICKER_QRCODE_H
#define TICKER_QRCODE_H

#include <SDL.h>

#define QRCODE_QUIET_MODULES 4

/* The code for text, dark modules on white with the quiet zone, each module
 * the largest whole number of pixels that fits the whole in max_side x
 * max_side. NULL when the text cannot be encoded (too long for a QR code)
 * or the code does not fit with modules of at least min_module pixels
 * (logged). *modules: modules across the code, quiet zone left out. */
SDL_Surface *qrcode_render(const char *text, int max_side, int min_module, int *modules);

#endif
