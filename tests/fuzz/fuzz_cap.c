/* libFuzzer target for ingest/cap (CAP 1.2 via libxml2) and ingest/alert
 * (the text form): any bytes, never a crash, a leak or an item without a
 * title, and what a Cancel clears only well-formed and turned into items of
 * clears set with an id. Built and run with the other targets by toolchain/check/fuzz.sh. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "ingest/alert.h"
#include "ingest/cap.h"
#include "ingest/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int initialised;
    if (!initialised) {
        source_global_init();
        initialised = 1;
    }
    struct item_list *out = item_list_create();
    char reason[256];
    struct source_config source = {.alert = 1, .alert_severity = ITEM_SEVERITY_SEVERE, .expire_after_seconds = 60,
                                   .cap_scopes = CONFIG_CAP_SCOPE_PUBLIC};
    cap_parse("fuzz", (const char *)data, size, NULL, 60, CONFIG_CAP_SCOPE_PUBLIC | CONFIG_CAP_SCOPE_PRIVATE, out, reason,
              sizeof reason);
    struct cap_clears clears = {0};
    alert_parse_clears("fuzz", (const char *)data, size, NULL, 1000, &source, out, &clears, reason, sizeof reason);
    for (size_t i = 0; i < out->count; i++)
        if (!out->items[i].title[0] || out->items[i].severity == ITEM_SEVERITY_NONE)
            abort();
    for (size_t i = 0; i < clears.count; i++)
        if (!clears.items[i].identifier[0])
            abort();
    struct item_list *cleared = item_list_create();
    if (cleared && cap_clears_to_items(&clears, cleared))
        for (size_t i = 0; i < cleared->count; i++)
            if (!cleared->items[i].clears || strncmp(cleared->items[i].id, "cap:", 4))
                abort();
    item_list_destroy(cleared);
    cap_clears_free(&clears);
    item_list_destroy(out);
    return 0;
}
