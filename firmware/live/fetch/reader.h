/* reader: reads one source named by its location — an http(s) URL fetched
 * once through the http client, a file, or a directory of files — and hands
 * the bytes to ingest/source, or to ingest/alert for a source of type =
 * alert, every item through live/fetch/admit.  Owns the process-wide set-up of libcurl and
 * libxml2.  Never: schedules, retries or caches (live/fetch/fetch and live/cache/cache
 * do). */
#ifndef TICKER_READER_H
#define TICKER_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/config.h"
#include "base/item.h"
#include "ingest/source.h"

/* In a source folder, the file of the operator's pinned messages
 * ([pin NAME] sections: text, start, end, featured; see docs/editorial.md). */
#define READER_PINS_FILE "pins.ini"

/* Reads one source (a URL is fetched once) and appends its items to out.
 * For a directory, a file that fails is logged (one error line naming it)
 * and the others are still read. Returns false when the source yielded
 * nothing, with err set to "LOCATION: reason". Files and responses over
 * config->fetch.max_bytes are refused without being read whole. */
bool reader_load(const char *location, const struct config *config, struct item_list *out, char *err,
                 size_t err_size);

/* reader_load with each item handed to sink as soon as it is read: a
 * large feed file is read in 64 KB pieces and never held whole, nor its
 * items (ingest/source.h, source_stream). Items handed on before an error
 * stay handed on. */
bool reader_load_each(const char *location, const struct config *config, item_sink_fn *sink, void *arg, char *err,
                      size_t err_size);

/* Bytes of the source context->name names (its location), fetched by the
 * caller (the fetch loop's HTTP body), to its items in out, read as
 * reader_load reads that source: by its type (a type = alert source's CAP
 * or text message, anything else a feed, page or text) and through the
 * same gate (live/fetch/admit). context->changed: Last-Modified, or the fetch
 * time, from which a text alert's expire_after counts (0: now). info may
 * be NULL. False with err set to "NAME: reason". The shape of
 * fetch_parse_fn (live/fetch/fetch.h). */
bool reader_parse(const struct ingest_context *context, const char *data, size_t size, const struct config *config,
                  struct item_list *out, struct source_info *info, char *err, size_t err_size);

/* A fingerprint of a file, or of a folder and the files in it (names,
 * sizes and modification times), so an edited, added or removed file
 * changes it: out gets a short text. Only stat(), never reads a byte. False
 * with err ("cannot read: REASON") when location cannot be looked at. */
bool reader_signature(const char *location, char *out, size_t size, char *err, size_t err_size);

/* libcurl's and libxml2's process-wide set-up, which is not thread-safe:
 * call once from main() before any thread parses or fetches, and
 * reader_global_cleanup() at exit. Returns false when libcurl cannot start. */
bool reader_global_init(void);
void reader_global_cleanup(void);

#endif
