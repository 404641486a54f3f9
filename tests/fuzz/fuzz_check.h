/* What every fuzz target asks of the items a parser made: a title and an
 * id, and valid UTF-8 in every text (ingest/text cleans them all). A
 * violation aborts, which libFuzzer reports as a crash with its input. */
#ifndef TICKER_FUZZ_CHECK_H
#define TICKER_FUZZ_CHECK_H

#include <stdlib.h>
#include <string.h>

#include "base/item.h"
#include "ingest/text.h"

static inline void fuzz_check_text(const char *text)
{
    if (!text || text_invalid_utf8_bytes(text, strlen(text)) != 0)
        abort();
}

static inline void fuzz_check_items(const struct item_list *items)
{
    for (size_t i = 0; i < items->count; i++) {
        const struct item *it = &items->items[i];
        if (!it->title[0] || !it->id[0])
            abort();
        fuzz_check_text(it->title);
        fuzz_check_text(it->summary);
        for (size_t c = 0; c < it->caption_count; c++)
            fuzz_check_text(it->captions[c]);
    }
}

/* A NUL-terminated copy, for the entry points that take a C string; the
 * input's own bytes are passed where a size is taken, so that ASan sees a
 * read past them. */
static inline char *fuzz_string(const unsigned char *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

#endif
