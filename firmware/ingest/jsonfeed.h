/* jsonfeed: JSON Feed documents (https://www.jsonfeed.org/version/1.1/,
 * and version 1) to items, with json-c; read whole (the reader caps a
 * document's bytes as it caps every other: [fetch] max_bytes).
 * Owns: telling a JSON Feed from other JSON (its "version" names
 * jsonfeed.org), which member means what (title; url, else external_url;
 * id; summary, else content_text, else content_html read as a feed's HTML
 * description is; image, banner_image, image attachments and the content's
 * pictures; date_published, else date_modified, RFC 3339; tags), ids told
 * apart, links and pictures resolved against the feed's home_page_url.
 * Never: fetches, classifies, or shows JSON that is no JSON Feed as text
 * (it is refused, saying what it is).  Thread: the caller's; no state. */
#ifndef TICKER_JSONFEED_H
#define TICKER_JSONFEED_H

#include <stdbool.h>
#include <stddef.h>

#include "base/item.h"
#include "ingest/context.h"

/* Appends the feed's items (kind news: classification is the caller's) to
 * out, UTF-8 data. Each item's source is the feed's title, else
 * context->name. Returns false with reason set (without the name) when data
 * is not JSON, or JSON that is no JSON Feed ("a JSON document, not a JSON
 * Feed: ..."); a feed with no items is no error here. Undated items' dates
 * that could not be read are said in one warning (ingest/date). */
bool jsonfeed_parse_in(const struct ingest_context *context, const char *data, size_t size, struct item_list *out,
                       char *reason, size_t reason_size);

#endif
