/* libFuzzer target for ingest/text: UTF-8 repair, cleaning (NFC, tags,
 * entities, controls), HTML to text, references, case folding, word search
 * and cutting. Any bytes: never a crash or a leak, and what comes out is
 * valid UTF-8; cleaning twice changes nothing. */
#include <stdint.h>

#include "fuzz_check.h"

static bool on_caption(void *context, const char *caption)
{
    (void)context;
    fuzz_check_text(caption);
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = (const char *)data;
    char *repaired = text_repair_utf8(bytes, size);
    if (repaired)
        fuzz_check_text(repaired);
    char *clean = text_clean(bytes, size);
    if (clean) {
        fuzz_check_text(clean);
        char *again = text_clean(clean, strlen(clean));
        if (again && strcmp(again, clean) != 0)
            abort(); /* cleaning is idempotent */
        free(again);
        char *folded = text_casefold(clean);
        if (folded)
            fuzz_check_text(folded);
        /* The second half as words to find in the first, cut at a
         * character boundary as every caller does. */
        char *haystack = strdup(clean);
        if (haystack) {
            text_cut_utf8(haystack, strlen(clean) / 2);
            fuzz_check_text(haystack);
            (void)text_contains_words(haystack, clean + strlen(haystack));
        }
        free(haystack);
        free(folded);
        text_truncate(clean, size / 3);
        fuzz_check_text(clean);
    }
    char *plain = text_from_html(bytes, size, on_caption, NULL);
    if (plain)
        fuzz_check_text(plain);
    char *references = fuzz_string(data, size);
    text_decode_references(references);
    free(references);
    free(repaired);
    free(clean);
    free(plain);
    return 0;
}
