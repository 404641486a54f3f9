/* alert: the bytes of a source of type alert -> alert items, whether they
 * came from a file or over HTTP.  XML (a CAP 1.2 document or a feed of
 * them) goes to ingest/cap; plain text is a message: its first non-empty
 * line the title, the rest the body (the file an operator writes,
 * /etc/ticker/alert.txt or one on a USB stick, or the same served by a
 * web server); an HTML page is refused.
 * Owns: that choice and the text message's item.  Never: reads the file
 * (live/fetch/reader does), is used for a source not of type alert (live/fetch/reader
 * decides, live/fetch/admit enforces), or decides how it is drawn. */
#ifndef TICKER_ALERT_H
#define TICKER_ALERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/config.h"
#include "base/item.h"
#include "ingest/cap_refs.h"

/* Appends the alerts in data (at most one for a text message). changed_at:
 * when the bytes last changed (a file's mtime, HTTP Last-Modified or the
 * fetch time; Unix seconds), from which expire_after counts for a text
 * message. An empty text is no alert and a success. Returns false with
 * reason set for bytes that are not text (NUL bytes, mostly invalid
 * UTF-8), an HTML page, or XML that is broken or no CAP. http_charset: the
 * HTTP Content-Type charset or NULL (CAP is decoded by it, ingest/charset). */
bool alert_parse(const char *name, const char *data, size_t size, const char *http_charset, int64_t changed_at,
                 const struct source_config *source, struct item_list *out, char *reason, size_t reason_size);
/* alert_parse that also appends what a CAP document's Cancels and
 * all-clears say is over to clears (cap_parse_clears; NULL: not wanted). */
bool alert_parse_clears(const char *name, const char *data, size_t size, const char *http_charset,
                        int64_t changed_at, const struct source_config *source, struct item_list *out,
                        struct cap_clears *clears, char *reason, size_t reason_size);

#endif
