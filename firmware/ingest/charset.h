/* charset: which encoding a document's bytes are in, and those bytes as
 * UTF-8, the way browsers and feed readers decide it (WHATWG Encoding,
 * RFC 7303): a BOM first, then the HTTP Content-Type charset, then the XML
 * declaration or the HTML <meta charset> / http-equiv, then the content
 * itself (valid UTF-8 is UTF-8; anything else goes to uchardet).  A
 * declared 8-bit charset whose bytes are all valid multi-byte UTF-8 is read
 * as UTF-8, with a warning.  Conversion is libxml2's (glibc iconv beneath):
 * no code table here.
 * Never: parses markup beyond the declarations, or cleans text (NFC is
 * text_clean's). */
#ifndef TICKER_CHARSET_H
#define TICKER_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

struct charset_text {
    const char *data;   /* UTF-8; points into the input when it already was */
    size_t size;
    char *owned;        /* the converted copy, or NULL; charset_text_free frees it */
    char encoding[48];  /* the encoding read: "UTF-8", "windows-1258", ... */
    const char *origin; /* "BOM", "HTTP", "declaration", "detected", "default" */
    char warning[160];  /* "" or why the declaration was not followed */
};

/* Decides data's encoding and gives its text as UTF-8. http_charset is the
 * charset parameter of the response's Content-Type (NULL or "" when none).
 * Bytes that do not decode become U+FFFD (or stay as invalid UTF-8 for
 * text_repair_utf8). Returns false only on OOM. */
bool charset_decode(const char *data, size_t size, const char *http_charset, struct charset_text *out);
void charset_text_free(struct charset_text *text);

/* A document decoded as it arrives (a file read in chunks). The encoding
 * is decided on its head, the first bytes at hand (give at least the first
 * 1 MB, what uchardet reads, or all of a smaller document: the decision is
 * then charset_decode's); text says what was decided. */
struct charset_stream {
    struct charset_text text;          /* encoding, origin and warning (data and owned unused) */
    struct _xmlCharEncodingHandler *handler; /* NULL: the bytes are read as UTF-8 */
    struct _xmlBuffer *in, *out;
    size_t skip;                       /* BOM bytes still to drop */
};
/* Decides from head (not consumed: push it as the first bytes). False on OOM. */
bool charset_stream_start(struct charset_stream *stream, const char *head, size_t size, const char *http_charset);
/* The next bytes as UTF-8: data itself or a buffer of the stream's, valid
 * until the next call; *out_size its length. A character cut by the end of
 * a piece is finished with the next. last: nothing follows (data may be
 * NULL with size 0). NULL on OOM. */
const char *charset_stream_push(struct charset_stream *stream, const char *data, size_t size, bool last,
                                size_t *out_size);
void charset_stream_end(struct charset_stream *stream);

/* The charset parameter of a Content-Type value ("text/xml; charset=\"utf-8\"")
 * into out; false when there is none. */
bool charset_from_content_type(const char *content_type, char *out, size_t out_size);

/* The encoding a document declares within its first bytes: the XML
 * declaration (also after junk printed before it) or an HTML meta charset.
 * False when none. */
bool charset_declared(const char *data, size_t size, char *out, size_t out_size);

#endif
