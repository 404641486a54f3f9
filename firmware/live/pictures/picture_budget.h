/* picture_budget: how much a picture may cost to decode, decided from its
 * header (live/pictures/picture_sniff) before any decoder runs, per format: a
 * format the decoder shrinks while loading (baseline JPEG by DCT scaling,
 * lossy WebP by its scaled decode) may declare many more pixels than one
 * decoded whole (PNG, GIF, lossless or animated WebP, and progressive JPEG,
 * whose coefficients are all held at full size).
 * Owns: the table of limits.  Never: decodes.  Thread: any. */
#ifndef TICKER_PICTURE_BUDGET_H
#define TICKER_PICTURE_BUDGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "live/pictures/picture_sniff.h"

/* The decoder's working memory this header costs, in bytes: what the
 * decode holds at once at its largest (the whole picture for a format that
 * cannot shrink on load; an eighth of each side for one that can; the
 * coefficient buffer of a progressive JPEG). */
uint64_t picture_budget_cost(const struct picture_header *header);

/* True when header is within its format's pixel and memory limits and
 * more than a tracking pixel (base/picture_fit's PICTURE_FIT_TRACKING_PIXELS
 * on a side, whatever the document declared); else
 * false with reason, naming the size, the cost and the limit (for a
 * message after the picture's name). */
bool picture_budget_allows(const struct picture_header *header, char *reason, size_t reason_size);

/* The gate every decoder is behind: picture_sniff, then
 * picture_budget_allows. False with err "picture NAME: reason" (name: the
 * picture's URL or path); out gets the header either way. */
bool picture_budget_check(const void *bytes, size_t size, const char *name, struct picture_header *out, char *err,
                          size_t err_size);

#endif
