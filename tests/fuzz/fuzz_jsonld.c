/* libFuzzer target for ingest/jsonld (schema.org JSON-LD of a page, with
 * json-c) and the HTML page reader that finds it (article_html,
 * article_page): any bytes, as a script's text and as a page; never a crash,
 * an over-read or a leak, and no item without a title. Build: clang
 * -fsanitize=fuzzer,address with the ticker_ingest and ticker_base
 * libraries (see tests/fuzz/ for the folder's build). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/article.h"
#include "ingest/jsonld.h"
#include "ingest/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int initialised;
    if (!initialised) {
        source_global_init();
        initialised = 1;
    }
    struct jsonld_facts facts = {0};
    jsonld_read((const char *)data, size, &facts);
    if (facts.section_count > JSONLD_MAX_SECTIONS || memchr(facts.published, '\0', sizeof facts.published) == NULL)
        abort();
    struct item_list *out = item_list_create();
    char err[256];
    struct ingest_context context = {.name = "fuzz", .url = "https://example.vn/a/b.html"};
    article_parse_html_in(&context, (const char *)data, size, out, err, sizeof err);
    for (size_t i = 0; i < out->count; i++)
        if (!out->items[i].title[0])
            abort();
    item_list_destroy(out);
    return 0;
}
