/* libFuzzer target for the picture front end (live/pictures/picture_sniff and
 * live/pictures/picture_budget): any bytes as a picture. Never a crash or a read
 * past the end; a header it accepts declares a picture of at least one
 * pixel with a known format and sample layout; the gate decides as sniff
 * and budget do, and what it lets through is within the largest budget
 * (200 megapixels, 96 MB). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "live/pictures/picture_budget.h"
#include "live/pictures/picture_sniff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A copy of exactly size bytes: AddressSanitizer sees a read past it. */
    uint8_t *bytes = malloc(size ? size : 1);
    memcpy(bytes, data, size);
    struct picture_header h;
    char reason[400], err[768];
    bool sniffed = picture_sniff(bytes, size, &h, reason, sizeof reason);
    if (sniffed) {
        if (h.format == PICTURE_UNKNOWN || h.width <= 0 || h.height <= 0 || h.channels < 1 || h.channels > 4 ||
            (h.bytes_per_sample != 1 && h.bytes_per_sample != 2))
            abort();
        if (h.format != picture_sniff_format(bytes, size))
            abort();
    } else if (!reason[0]) {
        abort(); /* a refusal always says why */
    }
    bool allowed = sniffed && picture_budget_allows(&h, reason, sizeof reason);
    struct picture_header again;
    if (picture_budget_check(bytes, size, "fuzz", &again, err, sizeof err) != allowed)
        abort();
    if (allowed && ((uint64_t)h.width * (uint64_t)h.height > 200000000ULL || picture_budget_cost(&h) > (96ULL << 20)))
        abort();
    free(bytes);
    return 0;
}
