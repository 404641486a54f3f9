#include "live/pictures/picture_budget.h"

#include "base/picture_fit.h"

#include <stdio.h>

#define MEGA 1000000L
#define MIB (1024L * 1024)

/* The limits, one row per way of decoding. Measured with `ticker
 * screenshot` (peak RSS, /usr/bin/time): a whole-decoded picture costs
 * its pixels at full size, so 64 MB of them stays within what a Pi 3 with
 * 1 GB can give beside the kiosk's 68 MB; a shrinking one costs an eighth
 * of each side, and its limit is the pixels a decode can get through in a
 * few seconds on a Pi. */
struct picture_limit {
    const char *what;   /* for the message */
    long max_pixels;
    int64_t max_bytes;  /* of picture_budget_cost */
};

enum picture_way { WAY_JPEG, WAY_JPEG_PROGRESSIVE, WAY_PNG, WAY_GIF, WAY_WEBP, WAY_WEBP_WHOLE, WAY_COUNT };

static const struct picture_limit limits[WAY_COUNT] = {
    [WAY_JPEG] = {"a baseline JPEG (shrunk while it loads)", 200 * MEGA, 64 * MIB},
    [WAY_JPEG_PROGRESSIVE] = {"a progressive JPEG (every coefficient held)", 100 * MEGA, 96 * MIB},
    [WAY_PNG] = {"a PNG (decoded whole)", 24 * MEGA, 64 * MIB},
    [WAY_GIF] = {"a GIF (decoded whole)", 16 * MEGA, 64 * MIB},
    [WAY_WEBP] = {"a lossy WebP (shrunk while it loads)", 100 * MEGA, 64 * MIB},
    [WAY_WEBP_WHOLE] = {"a lossless or animated WebP (decoded whole)", 16 * MEGA, 64 * MIB},
};

static enum picture_way way_of(const struct picture_header *h)
{
    switch (h->format) {
    case PICTURE_JPEG: return h->progressive ? WAY_JPEG_PROGRESSIVE : WAY_JPEG;
    case PICTURE_PNG: return WAY_PNG;
    case PICTURE_GIF: return WAY_GIF;
    default: return h->lossless || h->animated ? WAY_WEBP_WHOLE : WAY_WEBP;
    }
}

uint64_t picture_budget_cost(const struct picture_header *h)
{
    uint64_t w = (uint64_t)(h->width > 0 ? h->width : 0), ht = (uint64_t)(h->height > 0 ? h->height : 0);
    uint64_t whole = w * ht * (uint64_t)h->channels * (uint64_t)h->bytes_per_sample;
    switch (way_of(h)) {
    case WAY_JPEG:
    case WAY_WEBP: return ((w + 7) / 8) * ((ht + 7) / 8) * (uint64_t)h->channels;
    case WAY_JPEG_PROGRESSIVE: return h->coefficient_bytes > whole ? h->coefficient_bytes : whole;
    default: return whole;
    }
}

bool picture_budget_allows(const struct picture_header *h, char *reason, size_t reason_size)
{
    const struct picture_limit *limit = &limits[way_of(h)];
    uint64_t pixels = (uint64_t)h->width * (uint64_t)h->height, cost = picture_budget_cost(h);
    /* What a document declared was judged in ingest; this is the header's
     * own word, for the pixel that declared nothing. */
    if (h->width <= PICTURE_FIT_TRACKING_PIXELS || h->height <= PICTURE_FIT_TRACKING_PIXELS) {
        snprintf(reason, reason_size, "%ldx%ld is a tracking pixel or a spacer, not a picture; not shown", h->width,
                 h->height);
        return false;
    }
    if (pixels <= (uint64_t)limit->max_pixels && cost <= (uint64_t)limit->max_bytes)
        return true;
    snprintf(
        reason, reason_size,
        "%ldx%ld (%.1f megapixels, %.0f MB to decode) is over the budget of %s: %ld megapixels, %ld MB; not decoded",
        h->width, h->height, (double)pixels / MEGA, (double)cost / MIB, limit->what, limit->max_pixels / MEGA,
        (long)(limit->max_bytes / MIB));
    return false;
}

bool picture_budget_check(const void *bytes, size_t size, const char *name, struct picture_header *out, char *err,
                          size_t err_size)
{
    char reason[400];
    if (picture_sniff(bytes, size, out, reason, sizeof reason) && picture_budget_allows(out, reason, sizeof reason))
        return true;
    snprintf(err, err_size, "picture %s: %s", name, reason);
    return false;
}
