/* libFuzzer target for ingest/date: RFC 822/1123 and 3339/ISO 8601 dates,
 * the Vietnamese and month-first forms. Any text: never a crash, and a date
 * it accepts can be formatted back (gmtime_r accepts it). */
#include <stdint.h>
#include <time.h>

#include "fuzz_check.h"
#include "ingest/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    int64_t when = 0;
    if (date_parse(text, &when)) {
        time_t t = (time_t)when;
        struct tm utc;
        if (!gmtime_r(&t, &utc))
            abort();
        (void)date_clamp_future(when, 1800000000);
    }
    free(text);
    return 0;
}
