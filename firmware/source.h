/* source: what a source is (http(s) URL, file, or directory of files), format
 * sniffing from the content, and dispatch to feed / article parsing, then
 * text cleaning and classification.  Never: caches or schedules. */
#ifndef TICKER_SOURCE_H
#define TICKER_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include "config.h"
#include "item.h"

/* Reads one source (a URL is fetched once) and appends its items to out.
 * For a directory, a file that fails is reported through err but the others
 * are still read. Returns false when the source yielded nothing, with err set
 * to "LOCATION: reason". */
bool source_load(const char *location, const struct config *config, struct item_list *out, char *err, size_t err_size);

/* Parses bytes already in memory (e.g. fetched by the fetch loop). name is
 * what items carry as their source when the content has no title of its own
 * and what an error names. */
bool source_parse_buffer(const char *name, const char *data, size_t size, const struct kind_rules *rules,
                         struct item_list *out, char *err, size_t err_size);

bool source_is_url(const char *location);

#endif
