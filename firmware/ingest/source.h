/* Stage ingest (firmware/ingest/), whose main header this is: bytes ->
 * items.  Sniffing, feeds, article pages, text cleaning, dates, kinds.  Uses
 * base only.  Never reads a file, fetches, caches or draws: it sees bytes
 * in memory, which is what lets every parser here be fuzzed.
 *
 * source: bytes of one source -> items. Format sniffing from the content,
 * dispatch to feed / article parsing, then text cleaning and classification.
 * Never: reads files, fetches URLs (live/fetch/reader and live/fetch/fetch do), caches
 * or schedules; raises an alert (a source of type = alert is read by
 * ingest/alert instead, and live/fetch/admit lets no other source raise one). */
#ifndef TICKER_SOURCE_H
#define TICKER_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include "base/config.h"
#include "base/item.h"
#include "ingest/context.h"

/* JSON: a document that opens as JSON does ('{', or '[' then a value),
 * read as a JSON Feed (ingest/jsonfeed) or refused, never as text. */
enum source_format {
    SOURCE_FORMAT_UNKNOWN = 0,
    SOURCE_FORMAT_FEED,
    SOURCE_FORMAT_HTML,
    SOURCE_FORMAT_TEXT,
    SOURCE_FORMAT_JSON
};

/* What parsing learnt besides the items: for the fetch loop's schedule. */
struct source_info {
    enum source_format format;
    int ttl_minutes; /* a feed's <ttl>; 0 when it has none */
};

/* Parses bytes already in memory (read by live/fetch/reader or fetched by the
 * fetch loop): decoded to UTF-8 (charset.h, with context->charset), sniffed,
 * parsed, cleaned and classified. Returns false with reason set to why
 * nothing was read, without the name: for callers that name the source
 * themselves (a file's path, a URL). info must not be NULL. */
bool source_parse_in(const struct ingest_context *context, const char *data, size_t size,
                     const struct kind_rules *rules, struct item_list *out, struct source_info *info, char *reason,
                     size_t reason_size);
/* source_parse_in with only a name (a URL name is also the base of links). */
bool source_parse(const char *name, const char *data, size_t size, const struct kind_rules *rules,
                  struct item_list *out, struct source_info *info, char *reason, size_t reason_size);

/* The same, with err set to "NAME: reason". name is
 * what items carry as their source when the content has no title of its own
 * and what an error names. */
bool source_parse_buffer(const char *name, const char *data, size_t size, const struct kind_rules *rules,
                         struct item_list *out, char *err, size_t err_size);
/* source_parse_in with err set to "NAME: reason" (the fetch loop's parser). info may be NULL. */
bool source_parse_context_info(const struct ingest_context *context, const char *data, size_t size,
                               const struct kind_rules *rules, struct item_list *out, struct source_info *info,
                               char *err, size_t err_size);
/* The same, also reporting the format and a feed's <ttl>. info may be NULL. */
bool source_parse_buffer_info(const char *name, const char *data, size_t size, const struct kind_rules *rules,
                              struct item_list *out, struct source_info *info, char *err, size_t err_size);

/* A source read as it arrives (a file in chunks), so that a large feed
 * never exists whole in memory: its first 1 MB (the head) decides the
 * encoding and the format as source_parse_in would; a feed is then read as
 * a stream (ingest/feed.h) and each item, classified, goes to sink as soon
 * as it is read. A document no larger than the head, and anything not a
 * feed (a page, a text), is read whole by source_parse_in at
 * the end, its items then handed to sink one by one. context must outlive
 * the stream. NULL on OOM. */
struct source_stream;
struct source_stream *source_stream_create(const struct ingest_context *context, const struct kind_rules *rules,
                                           item_sink_fn *sink, void *sink_arg);
/* A smaller head than 1 MB (bytes > 0): for tests and fuzzing, which then
 * reach the stream with small inputs. Before the first push. */
void source_stream_set_head(struct source_stream *stream, size_t bytes);
/* The next bytes, as read. False on OOM or when the sink refused an item:
 * the caller may stop reading; finish gives the reason. */
bool source_stream_push(struct source_stream *stream, const char *data, size_t size);
/* The end: as source_parse_in, true when at least one item was delivered,
 * else false with reason set (no name). Items delivered stay delivered. */
bool source_stream_finish(struct source_stream *stream, struct source_info *info, char *reason,
                          size_t reason_size);
void source_stream_destroy(struct source_stream *stream);

/* Format of data (UTF-8, or undecoded bytes) judged from its content,
 * as feed readers do: past a BOM, whitespace, comments, processing
 * instructions and junk printed before the root (a server's HTML warning),
 * the root element decides: rss, feed, RDF -> FEED; html -> HTML; a first
 * '{' (or '[' and a value) -> JSON. NUL bytes
 * or mostly invalid UTF-8 give UNKNOWN with the reason in why. */
enum source_format source_sniff(const char *data, size_t size, char *why, size_t why_size);

bool source_is_url(const char *location);

/* libxml2's process-wide set-up, which is not thread-safe: called once by
 * reader_global_init() before any thread parses, and source_global_cleanup()
 * at exit. */
void source_global_init(void);
void source_global_cleanup(void);

#endif
