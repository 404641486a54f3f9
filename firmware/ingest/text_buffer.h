/* text_buffer: the growable byte buffer text.c and text_html.c build
 * strings in.  Internal to the text module. */
#ifndef TICKER_TEXT_BUFFER_H
#define TICKER_TEXT_BUFFER_H

#include <stdbool.h>
#include <stddef.h>

struct buffer {
    char *data;
    size_t len, cap;
    bool failed;
};

/* Appends n bytes (kept NUL-terminated); sets failed on OOM. */
void text_buffer_add(struct buffer *b, const char *bytes, size_t n);
/* The string (caller frees), or NULL when an append failed. */
char *text_buffer_finish(struct buffer *b);

#endif
