/* libFuzzer target for base/tzone's TZif parser (RFC 8536) and ingest/date
 * reading local times in the zone: any bytes as a zone file, the same bytes
 * as a date; never a crash, an over-read or a leak. Build: clang
 * -fsanitize=fuzzer,address with the ticker_ingest and ticker_base
 * libraries (see tests/fuzz/ for the folder's build). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/tzone.h"
#include "ingest/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tzone *zone = tzone_from_tzif(data, size);
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    int64_t when;
    date_parse_in_zone(text, zone, &when);
    if (zone)
        tzone_utc_of_local(zone, (int64_t)size * 86400);
    free(text);
    tzone_destroy(zone);
    return 0;
}
