/* source: what a source is (http(s) URL, file, or directory of files), format
 * sniffing from the content, and dispatch to feed / article parsing, then
 * text cleaning and classification.  Never: caches or schedules. */
#ifndef TICKER_SOURCE_H
#define TICKER_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include "base/config.h"
#include "base/item.h"

enum source_format { SOURCE_FORMAT_UNKNOWN = 0, SOURCE_FORMAT_FEED, SOURCE_FORMAT_HTML, SOURCE_FORMAT_TEXT };

/* What parsing learnt besides the items: for the fetch loop's schedule. */
struct source_info {
    enum source_format format;
    int ttl_minutes; /* a feed's <ttl>; 0 when it has none */
};

/* Reads one source (a URL is fetched once) and appends its items to out.
 * For a directory, a file that fails is logged (one error line naming it)
 * and the others are still read. Returns false when the source yielded
 * nothing, with err set to "LOCATION: reason". Files and responses over
 * config->fetch.max_bytes are refused without being read whole. */
bool source_load(const char *location, const struct config *config, struct item_list *out, char *err, size_t err_size);

/* Parses bytes already in memory (e.g. fetched by the fetch loop). name is
 * what items carry as their source when the content has no title of its own
 * and what an error names. */
bool source_parse_buffer(const char *name, const char *data, size_t size, const struct kind_rules *rules,
                         struct item_list *out, char *err, size_t err_size);
/* The same, also reporting the format and a feed's <ttl>. info may be NULL. */
bool source_parse_buffer_info(const char *name, const char *data, size_t size, const struct kind_rules *rules,
                              struct item_list *out, struct source_info *info, char *err, size_t err_size);

/* Format of data judged from its content: NUL bytes or mostly invalid UTF-8
 * give UNKNOWN with the reason in why. */
enum source_format source_sniff(const char *data, size_t size, char *why, size_t why_size);

bool source_is_url(const char *location);

/* libcurl's and libxml2's process-wide set-up, which is not thread-safe:
 * call once from main() before any thread parses or fetches, and
 * source_global_cleanup() at exit. Returns false when libcurl cannot start. */
bool source_global_init(void);
void source_global_cleanup(void);

#endif
