/* strbuf: a growable NUL-terminated byte string, as git's strbuf and
 * curl's dynbuf, with an optional cap on its length (curl's named caps).
 * Owns: data, until strbuf_finish hands it over or strbuf_release frees it.
 * Never: reports an error itself — the first failed append (OOM, or the
 * cap) sets `failed` and every later one does nothing, so a writer appends
 * freely and checks once at the end.
 * Thread: the caller's. */
#ifndef TICKER_STRBUF_H
#define TICKER_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf {
    char *data;  /* NULL until the first append */
    size_t len;  /* bytes before the NUL */
    size_t cap;  /* bytes allocated */
    size_t max;  /* the most len may reach; 0: no cap */
    bool failed; /* an append ran out of memory or over max: data is partial */
};

#define STRBUF_INIT {NULL, 0, 0, 0, false}

/* Appends n bytes (NUL-terminated after them). */
void strbuf_add(struct strbuf *b, const char *bytes, size_t n);
void strbuf_adds(struct strbuf *b, const char *text);
void strbuf_addc(struct strbuf *b, char c);
/* Appends printf(fmt, ...) (C11 vsnprintf). */
void strbuf_addf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The string, which the caller then frees (an empty one when nothing was
 * appended), or NULL when an append failed (data freed). b is empty after. */
char *strbuf_finish(struct strbuf *b);
/* Frees data; b is empty and reusable after. */
void strbuf_release(struct strbuf *b);

#endif
