/* libFuzzer target for ingest/feed (RSS, Atom, RDF through the repair pass
 * and libxml2's push parser): any bytes, never a crash, a leak, a read past
 * the input, or an item without a title, an id or valid UTF-8. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_check.h"
#include "ingest/feed.h"
#include "ingest/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int initialised;
    if (!initialised) {
        source_global_init();
        initialised = 1;
    }
    struct item_list *out = item_list_create();
    struct feed_info info;
    char err[512];
    feed_parse("fuzz.rss", (const char *)data, size, out, &info, err, sizeof err);
    fuzz_check_items(out);
    item_list_destroy(out);
    (void)feed_start((const char *)data, size);
    /* The stream in pieces (cut where the first byte says): the repair's
     * look-ahead and the parser's chunks meet anywhere. */
    struct ingest_context context = {.name = "fuzz-stream.rss"};
    out = item_list_create();
    struct feed_stream *stream = feed_stream_create(&context, item_list_sink, out);
    if (!stream)
        abort();
    size_t piece = size ? 1 + data[0] % 61 : 1;
    for (size_t pos = 0; pos < size; pos += piece)
        feed_stream_push(stream, (const char *)data + pos, size - pos < piece ? size - pos : piece);
    if (feed_stream_finish(stream, &info, err, sizeof err))
        fuzz_check_items(out);
    feed_stream_destroy(stream);
    item_list_destroy(out);
    return 0;
}
