/* article: article pages to items — the article itself first (title, lead
 * paragraph as summary, photo captions), then one item per headline of the
 * page's lists (related, other, most read, multimedia).  Two shapes: the
 * plain-text layout of saved pages (title line, paragraphs, "![]() |" image
 * markers with "| caption |" rows, then headed lists) and HTML pages.
 * Never: fetches, classifies or decides what a source is. */
#ifndef TICKER_ARTICLE_H
#define TICKER_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>
#include "base/item.h"
#include "ingest/context.h"

/* name is the items' source (a file name or URL). Items come out with kind
 * news; classification is the caller's. Return false with err set when no
 * article could be found. */
bool article_parse_text(const char *name, const char *data, size_t size, struct item_list *out, char *err,
                        size_t err_size);
/* The same with the context: the page's file path or URL (for pictures
 * named relative to it) and its zone. */
bool article_parse_text_in(const struct ingest_context *context, const char *data, size_t size,
                           struct item_list *out, char *err, size_t err_size);
bool article_parse_html(const char *name, const char *data, size_t size, struct item_list *out, char *err,
                        size_t err_size);
/* The same with the context: its charset (decoded first, charset.h), its
 * URL for relative links, its zone for dates without one. */
bool article_parse_html_in(const struct ingest_context *context, const char *data, size_t size,
                           struct item_list *out, char *err, size_t err_size);

#endif
