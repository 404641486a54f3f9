/* feed: RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 documents to items, with
 * libxml2 in recover mode (broken feeds are read as far as they go), never
 * expanding entities or loading anything from the network.
 * Owns: which element means what, and the feed's <ttl>.  Never: fetches,
 * classifies or caches. */
#ifndef TICKER_FEED_H
#define TICKER_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include "base/item.h"

enum feed_format { FEED_UNKNOWN = 0, FEED_RSS2, FEED_RSS1, FEED_ATOM };

struct feed_info {
    enum feed_format format;
    int ttl_minutes;  /* RSS <ttl>: how long the feed may be cached; 0 when absent */
    bool recovered;   /* the XML was broken and was read as far as it went */
    char detail[256]; /* libxml2's first complaint when recovered */
};

/* Appends the feed's items (kind news: classification is the caller's) to
 * out. Each item's source is the feed title, else name. Returns false with
 * err set ("not a feed: root element <html>", "not XML: ...") when nothing
 * could be read; a feed with no items is not an error here. info may be NULL. */
bool feed_parse(const char *name, const char *data, size_t size, struct item_list *out, struct feed_info *info,
                char *err, size_t err_size);

const char *feed_format_name(enum feed_format format); /* "RSS 2.0", ... */

#endif
