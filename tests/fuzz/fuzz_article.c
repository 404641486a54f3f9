/* libFuzzer target for ingest/article (HTML pages: libxml2's HTML parser,
 * JSON-LD, the page's text; and the plain-text layout): any bytes, never a
 * crash, a leak, or an item without a title, an id or valid UTF-8. */
#include <stdint.h>

#include "fuzz_check.h"
#include "ingest/article.h"
#include "ingest/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int initialised;
    if (!initialised) {
        source_global_init();
        initialised = 1;
    }
    char err[512];
    struct item_list *out = item_list_create();
    article_parse_html("https://example.vn/tin/1.html", (const char *)data, size, out, err, sizeof err);
    fuzz_check_items(out);
    item_list_destroy(out);
    out = item_list_create();
    article_parse_text("tin.txt", (const char *)data, size, out, err, sizeof err);
    fuzz_check_items(out);
    item_list_destroy(out);
    return 0;
}
