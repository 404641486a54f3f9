/* picture_sniff: the front door of every picture — what format its magic
 * bytes say (JPEG, PNG, WebP or GIF, nothing else) and what its header
 * declares (size, depth, progressive or lossless), read by hand from the
 * first bytes, before any decoder sees them, and the memory and pixel
 * budget (live/pictures/picture_budget) it is measured against.
 * Written by hand, not by asking a decoder: the point is that no decoder
 * runs on bytes this module has not accepted. It only reads headers (JPEG
 * ITU-T T.81 B.2, PNG ISO 15948 11.2.2, GIF89a 18-20, WebP RFC 9649).
 * Owns: nothing (pure functions of the bytes).  Never: decodes pixels,
 * allocates, or reads past size.  Thread: any. */
#ifndef TICKER_PICTURE_SNIFF_H
#define TICKER_PICTURE_SNIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum picture_format { PICTURE_UNKNOWN = 0, PICTURE_JPEG, PICTURE_PNG, PICTURE_GIF, PICTURE_WEBP };

struct picture_header {
    enum picture_format format;
    long width, height;   /* as declared, in pixels; for GIF the canvas its first frame needs */
    int channels;         /* samples per pixel once decoded (JPEG components, PNG by colour type, 4 for GIF/WebP) */
    int bytes_per_sample; /* 2 for 16-bit PNG, else 1 */
    bool progressive;     /* JPEG SOF2/SOF10: every coefficient is held at full size while decoding */
    bool lossless;        /* WebP VP8L: decoded whole */
    bool animated;        /* WebP ANIM: frames composed at the canvas size */
    uint64_t coefficient_bytes; /* progressive JPEG: the coefficient buffer libjpeg holds (2 bytes each) */
};

/* The format named by the first bytes, or PICTURE_UNKNOWN. Needs 12 bytes
 * (fewer: UNKNOWN). */
enum picture_format picture_sniff_format(const void *bytes, size_t size);
/* "JPEG", "PNG", "GIF", "WebP", or "unknown": a static string. */
const char *picture_format_name(enum picture_format format);

/* Reads the header of a JPEG, PNG, GIF or WebP into out. False with reason
 * (for a message after the picture's name) when the bytes are no such
 * picture, the header is cut short or damaged, or it declares no size. */
bool picture_sniff(const void *bytes, size_t size, struct picture_header *out, char *reason, size_t reason_size);

#endif
