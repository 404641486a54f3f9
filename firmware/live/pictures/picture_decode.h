/* picture_decode: an image file's bytes — JPEG, PNG, WebP, the first frame
 * of a GIF — decoded and scaled to the size picture_fit gives for a box, on
 * the caller's thread (never the render thread).
 * With libvips (the build's choice when pkg-config finds it): its thumbnail
 * operation shrinks while it loads (JPEG's DCT scaling, WebP's scaled
 * decode; PNG and GIF are streamed), applies the EXIF orientation and
 * filters with Lanczos, so a 50-megapixel photo never exists whole in memory
 * (measured in the README: bench_picture_decode). Without libvips (the arm64
 * cross build here: libvips-dev is not Multi-Arch, so it cannot be installed
 * beside the build machine's), SDL2_image decodes the whole picture and
 * SDL_SoftStretchLinear scales it; pictures over PICTURE_DECODE_MAX_PIXELS
 * are refused there, and EXIF orientation is not applied.
 * Owns: the decoded pixels until handed over.  Never: fetches or draws. */
#ifndef TICKER_PICTURE_DECODE_H
#define TICKER_PICTURE_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Pictures larger than this are refused before decoding (a decompression
 * bomb, or more than the decoder without shrink-on-load can hold). */
#define PICTURE_DECODE_MAX_PIXELS (200L * 1000 * 1000)
#define PICTURE_DECODE_MAX_PIXELS_WHOLE (24L * 1000 * 1000)

struct picture_pixels {
    int width, height;
    size_t pitch;  /* bytes between rows: width * 4 */
    uint8_t *rgba; /* RGBA8888, opaque (transparency flattened onto white); caller frees */
};

/* Once, from main, before threads start. False with err when the decoder
 * cannot start. */
bool picture_decode_init(const char *argv0, char *err, size_t err_size);
void picture_decode_shutdown(void);
/* "libvips 8.14.1" or "SDL2_image 2.6.3": what decodes, for the log. */
const char *picture_decode_backend(void);

/* Decodes bytes (a whole file) to fit box_w x box_h (picture_fit). False
 * with err naming the reason (not an image, a format not supported, too
 * large, truncated); name is the picture's URL or path, for the message. */
bool picture_decode(const void *bytes, size_t size, const char *name, int box_w, int box_h,
                    struct picture_pixels *out, char *err, size_t err_size);
void picture_pixels_clear(struct picture_pixels *pixels);

#endif
