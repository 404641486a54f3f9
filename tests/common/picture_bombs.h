/* picture_bombs: small files that declare huge pictures (decompression
 * bombs), made by hand for the tests, the fuzz seeds and the bench: each
 * header is all the picture front end (live/pictures/picture_sniff) reads.
 * Owns: nothing; each function writes into the caller's buffer and returns
 * the bytes written.  Thread: any. */
#ifndef TICKER_PICTURE_BOMBS_H
#define TICKER_PICTURE_BOMBS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline void bomb_le16(uint8_t *p, unsigned v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline void bomb_be16(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static inline void bomb_be32(uint8_t *p, unsigned long v) { bomb_be16(p, (unsigned)(v >> 16)); bomb_be16(p + 2, (unsigned)v); }

/* A whole, valid GIF of 43 bytes: one w x h frame of colour 0 (its LZW
 * data is a clear code and an end code; a decoder fills the rest). */
static inline size_t bomb_gif(uint8_t out[64], unsigned w, unsigned h)
{
    static const uint8_t head[] = {'G', 'I', 'F', '8', '9', 'a', 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255};
    static const uint8_t gce[] = {0x21, 0xF9, 4, 0, 0, 0, 0, 0};
    size_t n = 0;
    memcpy(out, head, sizeof head);
    bomb_le16(out + 6, w);
    bomb_le16(out + 8, h);
    n = sizeof head;
    memcpy(out + n, gce, sizeof gce);
    n += sizeof gce;
    uint8_t descriptor[10] = {0x2C, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    bomb_le16(descriptor + 5, w);
    bomb_le16(descriptor + 7, h);
    memcpy(out + n, descriptor, sizeof descriptor);
    n += sizeof descriptor;
    static const uint8_t data[] = {2, 2, 0x44, 0x01, 0, 0x3B}; /* code size 2; clear, end; trailer */
    memcpy(out + n, data, sizeof data);
    return n + sizeof data;
}

/* A PNG signature and IHDR of w x h at depth bits, colour type colour
 * (6: RGBA), then IEND: the header of a 16-bit bomb. */
static inline size_t bomb_png_header(uint8_t out[64], unsigned long w, unsigned long h, int depth, int colour)
{
    memcpy(out, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
    bomb_be32(out + 16, w);
    bomb_be32(out + 20, h);
    out[24] = (uint8_t)depth;
    out[25] = (uint8_t)colour;
    out[26] = out[27] = out[28] = 0;
    memset(out + 29, 0, 4); /* CRC: the sniff does not check it */
    memcpy(out + 33, "\0\0\0\0IEND\xae\x42\x60\x82", 12);
    return 45;
}

/* SOI, a progressive (SOF2) frame header of w x h in 3 components at 4:4:4,
 * EOI. */
static inline size_t bomb_jpeg_progressive_header(uint8_t out[64], unsigned w, unsigned h)
{
    static const uint8_t head[] = {0xFF, 0xD8, 0xFF, 0xC2, 0, 17, 8, 0, 0, 0, 0, 3,
                                   1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9};
    memcpy(out, head, sizeof head);
    bomb_be16(out + 7, h);
    bomb_be16(out + 9, w);
    return sizeof head;
}

/* A RIFF WEBP with one VP8L (lossless) chunk declaring w x h (at most 16384). */
static inline size_t bomb_webp_lossless_header(uint8_t out[64], unsigned w, unsigned h)
{
    memcpy(out, "RIFF\0\0\0\0WEBPVP8L\x0a\0\0\0", 20);
    unsigned long bits = (unsigned long)(w - 1) | (unsigned long)(h - 1) << 14;
    out[20] = 0x2F;
    for (int i = 0; i < 4; i++)
        out[21 + i] = (uint8_t)(bits >> (8 * i));
    memset(out + 25, 0, 5);
    out[4] = 22; /* RIFF size: everything after the first 8 bytes */
    return 30;
}

#endif
