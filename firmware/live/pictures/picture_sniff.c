#include "live/pictures/picture_sniff.h"

#include <stdio.h>
#include <string.h>

static unsigned be16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned le16(const uint8_t *p) { return (unsigned)p[1] << 8 | p[0]; }
static unsigned long le24(const uint8_t *p) { return (unsigned long)p[2] << 16 | (unsigned long)p[1] << 8 | p[0]; }
static unsigned long le32(const uint8_t *p) { return (unsigned long)p[3] << 24 | le24(p); }
static unsigned long be32(const uint8_t *p) { return (unsigned long)be16(p) << 16 | be16(p + 2); }

enum picture_format picture_sniff_format(const void *bytes, size_t size)
{
    const uint8_t *b = bytes;
    if (size < 12)
        return PICTURE_UNKNOWN;
    if (b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        return PICTURE_JPEG;
    if (memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
        return PICTURE_PNG;
    if (memcmp(b, "GIF87a", 6) == 0 || memcmp(b, "GIF89a", 6) == 0)
        return PICTURE_GIF;
    if (memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WEBP", 4) == 0)
        return PICTURE_WEBP;
    return PICTURE_UNKNOWN;
}

const char *picture_format_name(enum picture_format format)
{
    static const char *const names[] = {"unknown", "JPEG", "PNG", "GIF", "WebP"};
    return format <= PICTURE_WEBP ? names[format] : names[0];
}

static bool fail(char *reason, size_t reason_size, const char *format, const char *what)
{
    snprintf(reason, reason_size, "%s header %s", format, what);
    return false;
}

/* --- JPEG (ITU-T T.81 B.1.1.3, B.2.2) ------------------------------------------ */

static bool jpeg_frame(const uint8_t *s, unsigned length, unsigned marker, struct picture_header *out, char *reason,
                       size_t reason_size)
{
    /* Baseline, extended, progressive, in Huffman or arithmetic coding; not
     * lossless (C3, C7, CB, CF) nor hierarchical (C5-C7, CD-CF). */
    if (marker != 0xC0 && marker != 0xC1 && marker != 0xC2 && marker != 0xC9 && marker != 0xCA)
        return fail(reason, reason_size, "JPEG", "names a coding process (lossless or hierarchical) not decoded here");
    if (length < 8)
        return fail(reason, reason_size, "JPEG", "has a frame header cut short");
    unsigned components = s[5];
    if (components != 1 && components != 3 && components != 4)
        return fail(reason, reason_size, "JPEG", "declares a number of components other than 1, 3 or 4");
    /* The length counts its own 2 bytes: 6 bytes, then 3 per component. */
    if (length < 2 + 6 + 3 * components)
        return fail(reason, reason_size, "JPEG", "has a frame header cut short");
    out->height = be16(s + 1);
    out->width = be16(s + 3);
    out->channels = (int)components;
    out->bytes_per_sample = 1;
    out->progressive = marker == 0xC2 || marker == 0xCA;
    unsigned hmax = 1, vmax = 1;
    for (unsigned i = 0; i < components; i++) {
        unsigned h = s[7 + 3 * i] >> 4, v = s[7 + 3 * i] & 15;
        if (h < 1 || h > 4 || v < 1 || v > 4)
            return fail(reason, reason_size, "JPEG", "declares a sampling factor outside 1-4");
        hmax = h > hmax ? h : hmax;
        vmax = v > vmax ? v : vmax;
    }
    /* What libjpeg holds for a progressive scan: every block of every
     * component, 64 coefficients of 2 bytes (T.81 A.2.4). */
    out->coefficient_bytes = 0;
    for (unsigned i = 0; i < components; i++) {
        unsigned h = s[7 + 3 * i] >> 4, v = s[7 + 3 * i] & 15;
        uint64_t bw = ((uint64_t)out->width * h + 8 * hmax - 1) / (8 * hmax);
        uint64_t bh = ((uint64_t)out->height * v + 8 * vmax - 1) / (8 * vmax);
        out->coefficient_bytes += bw * bh * 64 * 2;
    }
    return true;
}

static bool sniff_jpeg(const uint8_t *b, size_t size, struct picture_header *out, char *reason, size_t reason_size)
{
    size_t at = 2;
    while (at + 4 <= size) {
        if (b[at] != 0xFF)
            return fail(reason, reason_size, "JPEG", "has bytes between its segments");
        unsigned marker = b[at + 1];
        if (marker == 0xFF) { /* fill bytes (B.1.1.2) */
            at++;
            continue;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { /* no length */
            at += 2;
            continue;
        }
        if (marker == 0xD8 || marker == 0xD9 || marker == 0xDA)
            return fail(reason, reason_size, "JPEG", "has no frame header before its data");
        unsigned length = be16(b + at + 2);
        if (length < 2)
            return fail(reason, reason_size, "JPEG", "has a segment of a length under 2");
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
            if (at + 2 + length > size)
                return fail(reason, reason_size, "JPEG", "has a frame header cut short");
            return jpeg_frame(b + at + 4, length, marker, out, reason, reason_size);
        }
        at += 2 + (size_t)length;
    }
    return fail(reason, reason_size, "JPEG", "is cut short before its frame header");
}

/* --- PNG (ISO/IEC 15948 11.2.2) ------------------------------------------------ */

static bool sniff_png(const uint8_t *b, size_t size, struct picture_header *out, char *reason, size_t reason_size)
{
    if (size < 8 + 8 + 13 || memcmp(b + 12, "IHDR", 4) != 0 || be32(b + 8) != 13)
        return fail(reason, reason_size, "PNG", "has no IHDR chunk first");
    out->width = (long)(be32(b + 16) & 0x7FFFFFFFUL); /* at most 2^31-1 (12.2) */
    out->height = (long)(be32(b + 20) & 0x7FFFFFFFUL);
    unsigned depth = b[24], colour = b[25];
    static const int channels[] = {1, 0, 3, 4, 2, 0, 4}; /* by colour type; a palette becomes RGB(A) */
    if (colour > 6 || !channels[colour])
        return fail(reason, reason_size, "PNG", "declares an unknown colour type");
    if (depth != 1 && depth != 2 && depth != 4 && depth != 8 && depth != 16)
        return fail(reason, reason_size, "PNG", "declares an unknown bit depth");
    out->channels = channels[colour];
    out->bytes_per_sample = depth == 16 ? 2 : 1;
    return true;
}

/* --- GIF (GIF89a 18, 20, 23) ----------------------------------------------------- */

/* Skips a run of data sub-blocks; the offset after its terminator, or 0. */
static size_t skip_sub_blocks(const uint8_t *b, size_t size, size_t at)
{
    while (at < size) {
        if (!b[at])
            return at + 1;
        at += 1 + (size_t)b[at];
    }
    return 0;
}

static bool sniff_gif(const uint8_t *b, size_t size, struct picture_header *out, char *reason, size_t reason_size)
{
    out->width = le16(b + 6);
    out->height = le16(b + 8);
    out->channels = 4;
    out->bytes_per_sample = 1;
    size_t at = 13;
    if (b[10] & 0x80) /* the global colour table */
        at += 3u << ((b[10] & 7) + 1);
    /* The first frame may reach past the logical screen: a decoder makes
     * room for it, so the budget counts the canvas it needs. */
    while (at < size) {
        if (b[at] == 0x21 && at + 2 <= size) {
            size_t next = skip_sub_blocks(b, size, at + 2);
            if (!next)
                break;
            at = next;
        } else if (b[at] == 0x2C && at + 10 <= size) {
            long right = (long)le16(b + at + 1) + le16(b + at + 5);
            long bottom = (long)le16(b + at + 3) + le16(b + at + 7);
            out->width = right > out->width ? right : out->width;
            out->height = bottom > out->height ? bottom : out->height;
            return true;
        } else {
            break;
        }
    }
    if (size >= 13 + 10) /* no frame found: the logical screen stands */
        return true;
    return fail(reason, reason_size, "GIF", "is cut short");
}

/* --- WebP (RFC 9649 2.5-2.7) ----------------------------------------------------- */

static bool webp_lossy(const uint8_t *p, size_t n, struct picture_header *out)
{
    if (n < 10 || p[3] != 0x9D || p[4] != 0x01 || p[5] != 0x2A)
        return false;
    out->width = le16(p + 6) & 0x3FFF;
    out->height = le16(p + 8) & 0x3FFF;
    return true;
}

static bool webp_lossless(const uint8_t *p, size_t n, struct picture_header *out)
{
    if (n < 5 || p[0] != 0x2F)
        return false;
    unsigned long bits = le32(p + 1);
    out->width = (long)(bits & 0x3FFF) + 1;
    out->height = (long)((bits >> 14) & 0x3FFF) + 1;
    out->lossless = true;
    return true;
}

/* The chunks after VP8X: whether the picture is lossless or animated. */
static void webp_extended(const uint8_t *b, size_t size, size_t at, struct picture_header *out)
{
    for (int chunks = 0; at + 8 <= size && chunks < 64; chunks++) {
        unsigned long length = le32(b + at + 4);
        if (memcmp(b + at, "VP8L", 4) == 0)
            out->lossless = true;
        if (memcmp(b + at, "ANIM", 4) == 0 || memcmp(b + at, "ANMF", 4) == 0)
            out->animated = true;
        if (length > size - at - 8)
            return;
        at += 8 + (size_t)length + (length & 1);
    }
}

static bool sniff_webp(const uint8_t *b, size_t size, struct picture_header *out, char *reason, size_t reason_size)
{
    out->channels = 4;
    out->bytes_per_sample = 1;
    if (size < 20 + 10)
        return fail(reason, reason_size, "WebP", "is cut short");
    const uint8_t *p = b + 20;
    size_t n = size - 20;
    bool ok = false;
    if (memcmp(b + 12, "VP8 ", 4) == 0)
        ok = webp_lossy(p, n, out);
    else if (memcmp(b + 12, "VP8L", 4) == 0)
        ok = webp_lossless(p, n, out);
    else if (memcmp(b + 12, "VP8X", 4) == 0) {
        out->width = (long)le24(p + 4) + 1;
        out->height = (long)le24(p + 7) + 1;
        out->animated = (p[0] & 0x02) != 0;
        webp_extended(b, size, 30, out);
        ok = true;
    }
    return ok || fail(reason, reason_size, "WebP", "has no VP8, VP8L or VP8X chunk first");
}

bool picture_sniff(const void *bytes, size_t size, struct picture_header *out, char *reason, size_t reason_size)
{
    memset(out, 0, sizeof *out);
    out->format = picture_sniff_format(bytes, size);
    bool ok;
    switch (out->format) {
    case PICTURE_JPEG: ok = sniff_jpeg(bytes, size, out, reason, reason_size); break;
    case PICTURE_PNG: ok = sniff_png(bytes, size, out, reason, reason_size); break;
    case PICTURE_GIF: ok = sniff_gif(bytes, size, out, reason, reason_size); break;
    case PICTURE_WEBP: ok = sniff_webp(bytes, size, out, reason, reason_size); break;
    default:
        snprintf(reason, reason_size, "not a JPEG, PNG, WebP or GIF (its first bytes say otherwise)");
        return false;
    }
    if (ok && (out->width <= 0 || out->height <= 0)) {
        snprintf(reason, reason_size, "%s header declares an empty picture (%ldx%ld)", picture_format_name(out->format),
                 out->width, out->height);
        return false;
    }
    return ok;
}
