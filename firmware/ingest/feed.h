/* feed: RSS 0.9x, 1.0 (RDF) and 2.0, Atom 0.3 and 1.0 documents to items,
 * read as a stream (libxml2's push parser keeps one item's tree at a time,
 * so memory follows the largest item, not the file), in recover mode
 * (broken feeds are read as far as they go), after xmlrepair's one pass
 * over the bytes; HTML named entities come from the getEntity hook, never
 * by expanding the document's own entities or loading anything.
 * Owns: which element means what, ids (a reused guid is told apart),
 * relative links (xml:base, the feed's URL), and the feed's <ttl>.
 * Never: fetches, classifies or caches. */
#ifndef TICKER_FEED_H
#define TICKER_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include "base/item.h"
#include "base/limits.h"
#include "ingest/context.h"

enum feed_format { FEED_UNKNOWN = 0, FEED_RSS2, FEED_RSS1, FEED_ATOM, FEED_ATOM03 };

struct feed_info {
    enum feed_format format;
    int ttl_minutes;  /* RSS <ttl>: how long the feed may be cached; 0 when absent */
    bool recovered;   /* the XML was broken and was read as far as it went */
    char detail[TICKER_REASON_MAX]; /* libxml2's first complaint when recovered, in a feed's terms for its limits */
    bool over_limit;  /* that complaint is one of libxml2's limits (nesting depth, a huge text), not a syntax error */
    size_t junk_bytes; /* bytes printed before the feed (a server's warning), skipped */
    size_t reused_ids; /* items whose guid another item of the feed also carried */
    size_t repairs;   /* bare '&' / '<', bad bytes and references fixed before parsing */
};

/* Appends the feed's items (kind news, or video where the feed says so:
 * classification is the caller's) to out. Each item's source is the feed
 * title, else context->name. data is decoded first (charset.h) with
 * context->charset. Returns false with err
 * set ("not a feed: root element <html>", "not XML: ...") when nothing
 * could be read; a feed with no items is not an error here. info may be
 * NULL. */
bool feed_parse_in(const struct ingest_context *context, const char *data, size_t size, struct item_list *out,
                   struct feed_info *info, char *err, size_t err_size);

/* feed_parse_in with only a name. */
bool feed_parse(const char *name, const char *data, size_t size, struct item_list *out, struct feed_info *info,
                char *err, size_t err_size);

/* A feed read as it arrives (a file in chunks): each item goes to sink as
 * soon as it is complete and its source known (the feed's title, which
 * comes before the items in nearly every feed; else they wait for the
 * end), finished as feed_parse_in finishes them: source set, ids told
 * apart (the first item with a reused guid keeps it, later different ones
 * take their link), copies dropped. Classification is the caller's. */
struct feed_stream;
/* context must outlive the stream. NULL on OOM. */
struct feed_stream *feed_stream_create(const struct ingest_context *context, item_sink_fn *sink, void *sink_arg);
/* The next bytes, UTF-8 (charset.h decodes). False on OOM or when the
 * sink refused an item; the stream stops reading, finish says why. */
bool feed_stream_push(struct feed_stream *stream, const char *utf8, size_t size);
/* The end of the bytes: the rest is read and delivered. Returns false with
 * err set as feed_parse_in does (items already delivered stay delivered).
 * info may be NULL. */
bool feed_stream_finish(struct feed_stream *stream, struct feed_info *info, char *err, size_t err_size);
void feed_stream_destroy(struct feed_stream *stream);

/* Offset of the feed in data when something not XML was printed before it
 * ("<br /><b>Warning</b>: ..." then "<?xml"): the first "<?xml", or the
 * first feed root element, after such junk; 0 when the feed starts at once
 * or none is found. */
size_t feed_start(const char *data, size_t size);

const char *feed_format_name(enum feed_format format); /* "RSS 2.0", ... */

#endif
