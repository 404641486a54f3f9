/* libFuzzer target for ingest/feed (RSS, Atom, RDF through the repair pass
 * and libxml2's push parser): any bytes, never a crash, a leak, a read past
 * the input, or an item without a title, an id or valid UTF-8; and the
 * repair pass gives the same bytes whole and in pieces. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "fuzz_check.h"
#include "ingest/feed.h"
#include "ingest/source.h"
#include "ingest/xmlrepair.h"

/* data repaired in pieces of piece bytes (0: whole), the bytes from
 * repair.pos on kept before the next piece, as feed.c does. */
static char *repaired(const uint8_t *data, size_t size, size_t piece, size_t *len)
{
    struct strbuf out = STRBUF_INIT;
    char chunk[128], *held = malloc(size ? size : 1);
    if (!held)
        abort();
    struct xmlrepair r;
    xmlrepair_init(&r, (const char *)data, size);
    size_t held_len = 0, from = 0;
    do {
        size_t take = !piece || size - from < piece ? size - from : piece;
        memcpy(held + held_len, data + from, take);
        held_len += take;
        from += take;
        xmlrepair_feed(&r, held, held_len, from < size);
        for (size_t n; (n = xmlrepair_next(&r, chunk, sizeof chunk)) > 0;)
            strbuf_add(&out, chunk, n);
        memmove(held, held + r.pos, held_len - r.pos);
        held_len -= r.pos;
    } while (from < size);
    if (held_len)
        abort(); /* the last piece is repaired to its end */
    free(held);
    *len = out.len;
    char *text = strbuf_finish(&out);
    if (!text)
        abort();
    return text;
}

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
    size_t whole_len, pieces_len;
    char *whole = repaired(data, size, 0, &whole_len), *in_pieces = repaired(data, size, piece, &pieces_len);
    if (whole_len != pieces_len || memcmp(whole, in_pieces, whole_len))
        abort(); /* the chunks of a stream changed what was read */
    free(whole);
    free(in_pieces);
    for (size_t pos = 0; pos < size; pos += piece)
        feed_stream_push(stream, (const char *)data + pos, size - pos < piece ? size - pos : piece);
    if (feed_stream_finish(stream, &info, err, sizeof err))
        fuzz_check_items(out);
    feed_stream_destroy(stream);
    item_list_destroy(out);
    return 0;
}
