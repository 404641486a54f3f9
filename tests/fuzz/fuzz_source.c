/* libFuzzer target for ingest/source: sniffing (feed, HTML page, text,
 * binary) and the whole dispatch to the parsers and classification, as a
 * fetched body goes, and the same bytes as a stream in pieces, as a file
 * goes (source_stream, feed_stream, charset_stream). Any bytes: never a crash or a leak; items have a
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
    /* The same bytes as a stream (source_stream, what files go through),
     * with a small head so small inputs reach it, cut into pieces where the
     * first byte says: the same promises. */
    struct ingest_context context = {.name = "fuzz-stream"};
    out = item_list_create();
    struct source_stream *stream = source_stream_create(&context, &config->rules, item_list_sink, out);
    if (!stream)
        abort();
    source_stream_set_head(stream, 64);
    size_t piece = size ? 1 + data[0] % 97 : 1;
    for (size_t pos = 0; pos < size && source_stream_push(stream, (const char *)data + pos,
                                                          size - pos < piece ? size - pos : piece);)
        pos += piece;
    struct source_info info;
    char reason[512];
    if (source_stream_finish(stream, &info, reason, sizeof reason))
        fuzz_check_items(out);
    source_stream_destroy(stream);
    item_list_destroy(out);
    return 0;
}
