/* libFuzzer target for ingest/jsonfeed (JSON Feed 1 and 1.1 with json-c,
 * the HTML of content_html) and ingest/frontmatter (a Markdown page's YAML
 * or TOML block): any bytes, as a JSON Feed, as a source (sniffed: JSON
 * is read as a feed or refused) and as a text page; never a crash, an
 * over-read or a leak, and no item without a title, an id or valid UTF-8.
 * Seeds: tests/fuzz/corpus/jsonfeed (other JSON, front matter pages), the
 * fixtures tests/fuzz/fixture-seeds.txt lists for it and gofeed's JSON feeds (toolchain/check/fuzz.sh). */
#include <stdint.h>

#include "base/config.h"
#include "fuzz_check.h"
#include "ingest/article.h"
#include "ingest/frontmatter.h"
#include "ingest/jsonfeed.h"
#include "ingest/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int initialised;
    if (!initialised) {
        source_global_init();
        initialised = 1;
    }
    char err[512];
    struct ingest_context context = {.name = "fuzz", .url = "https://example.vn/feed.json"};
    struct item_list *out = item_list_create();
    jsonfeed_parse_in(&context, (const char *)data, size, out, err, sizeof err);
    fuzz_check_items(out);
    item_list_destroy(out);
    static struct kind_rules rules;
    out = item_list_create();
    source_parse_buffer("https://example.vn/feed.json", (const char *)data, size, &rules, out, err, sizeof err);
    fuzz_check_items(out);
    item_list_destroy(out);
    struct front_matter front;
    if (front_matter_read((const char *)data, size, &front)) {
        if (front.body > size)
            abort();
        if ((front.title && strlen(front.title) > size * 4 + 8) || (front.date && strlen(front.date) > size * 4 + 8) ||
            (front.summary && strlen(front.summary) > size * 4 + 8))
            abort(); /* raw (the caller cleans it), but never longer than escapes can make it */
        front_matter_clear(&front);
    }
    out = item_list_create();
    article_parse_text("tin.md", (const char *)data, size, out, err, sizeof err);
    fuzz_check_items(out);
    item_list_destroy(out);
    return 0;
}
