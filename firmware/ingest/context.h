/* context: what a parser may know about the bytes besides the bytes — the
 * name to show and to blame, the URL they came from (for relative links),
 * the HTTP charset, the source's time zone and the fetch time.  Plain data,
 * filled by the caller (live/fetch/fetch, live/fetch/reader, the tests).
 * Never: read by anything outside ingest's parsers. */
#ifndef TICKER_CONTEXT_H
#define TICKER_CONTEXT_H

#include <stdint.h>

struct tzone;

struct ingest_context {
    const char *name;     /* items' source when the content names none; what errors name */
    const char *url;      /* the document's own absolute URL, or NULL: base of relative links */
    const char *path;     /* the absolute path of a local file, or NULL: base of relative pictures */
    const char *charset;  /* the HTTP Content-Type charset, or NULL */
    const struct tzone *zone; /* for dates without a zone (base/tzone.h); NULL: the kiosk's own */
    int64_t now;          /* fetch time, Unix seconds: later dates are clamped to it; 0: the clock */
    int64_t changed;      /* when the bytes last changed (a file's mtime, HTTP Last-Modified), Unix
                             seconds; 0: unknown. A text alert's expire_after counts from it */
};

#endif
