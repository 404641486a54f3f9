#include "base/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for n more bytes and the NUL, doubling from 64. */
static bool reserve(struct strbuf *b, size_t n)
{
    if (b->failed)
        return false;
    if (n > (size_t)-1 / 2 - b->len || (b->max && b->len + n > b->max)) {
        b->failed = true;
        return false;
    }
    if (b->len + n + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n + 1)
        cap *= 2;
    char *grown = realloc(b->data, cap);
    if (!grown) {
        b->failed = true;
        return false;
    }
    b->data = grown;
    b->cap = cap;
    return true;
}

void strbuf_add(struct strbuf *b, const char *bytes, size_t n)
{
    if (!reserve(b, n))
        return;
    if (n)
        memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void strbuf_adds(struct strbuf *b, const char *text)
{
    strbuf_add(b, text, strlen(text));
}

void strbuf_addc(struct strbuf *b, char c)
{
    strbuf_add(b, &c, 1);
}

void strbuf_addf(struct strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list again;
    va_copy(again, ap);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
    } else if ((size_t)n < sizeof small) {
        strbuf_add(b, small, (size_t)n);
    } else if (reserve(b, (size_t)n)) {
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
        b->len += (size_t)n;
    }
    va_end(again);
}

char *strbuf_finish(struct strbuf *b)
{
    if (!b->failed && !b->data)
        strbuf_add(b, "", 0);
    char *out = b->failed ? NULL : b->data;
    if (!out)
        free(b->data);
    size_t max = b->max;
    *b = (struct strbuf)STRBUF_INIT;
    b->max = max;
    return out;
}

void strbuf_release(struct strbuf *b)
{
    free(b->data);
    size_t max = b->max;
    *b = (struct strbuf)STRBUF_INIT;
    b->max = max;
}
