/* libFuzzer target for ingest/charset (encoding sniffing and decoding: BOM,
 * declarations, uchardet, libxml2's converters), ingest/xmlrepair (the byte
 * pass before the XML parser) and source_sniff: any bytes, never a crash,
 * an over-read (ASan) or a leak; the repaired bytes are never longer than
 * the worst case and every decoded text is handed back whole. Build: clang
 * -fsanitize=fuzzer,address with the ticker_ingest and ticker_base
 * libraries (see tests/fuzz/ for the folder's build). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/charset.h"
#include "ingest/source.h"
#include "ingest/xmlrepair.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int initialised;
    if (!initialised) {
        source_global_init();
        initialised = 1;
    }
    /* the first byte picks an HTTP charset, as a server would name one */
    static const char *const charsets[] = {NULL, "utf-8", "windows-1258", "windows-1252", "UTF-16", "iso-8859-1",
                                           "x-unknown"};
    const char *http = size ? charsets[data[0] % (sizeof charsets / sizeof *charsets)] : NULL;
    struct charset_text text;
    if (!charset_decode((const char *)data, size, http, &text))
        return 0;
    char why[256];
    source_sniff(text.data, text.size, why, sizeof why);
    struct xmlrepair repair;
    xmlrepair_init(&repair, text.data, text.size);
    char chunk[256];
    size_t n, total = 0;
    while ((n = xmlrepair_next(&repair, chunk, sizeof chunk)) > 0) {
        if (n > sizeof chunk)
            abort();
        total += n;
    }
    if (total > text.size * 10 + 16) /* "&#1114111;" for one byte at worst */
        abort();
    charset_text_free(&text);
    return 0;
}
