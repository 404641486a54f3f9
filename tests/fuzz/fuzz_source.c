/* libFuzzer target for ingest/source: sniffing (feed, HTML page, text,
 * binary) and the whole dispatch to the parsers and classification, as a
 * fetched body goes. Any bytes: never a crash or a leak; items have a
 * title, an id and valid UTF-8; an error names the source. */
#include <stdint.h>

#include "base/config.h"
#include "fuzz_check.h"
#include "ingest/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct config *config;
    if (!config) {
        source_global_init();
        config = config_create(); /* the default kind rules */
        if (!config)
            abort();
    }
    char why[256];
    (void)source_sniff((const char *)data, size, why, sizeof why);
    struct item_list *out = item_list_create();
    char err[1024] = "";
    if (source_parse_buffer("fuzz-source", (const char *)data, size, &config->rules, out, err, sizeof err))
        fuzz_check_items(out);
    else if (!strstr(err, "fuzz-source"))
        abort();
    item_list_destroy(out);
    return 0;
}
