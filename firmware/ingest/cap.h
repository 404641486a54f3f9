/* cap: CAP 1.2 (OASIS Common Alerting Protocol, Version 1.2, 2010) -> alert
 * items, with libxml2.  A document whose root is <alert>, or any XML (an
 * Atom or RSS feed, an EDXL wrapper) holding <alert> elements in the CAP
 * 1.2 namespace, each becoming at most one item.
 * Owns: which CAP messages are shown (status Actual, msgType Alert or Update,
 * a scope the source allows, no test by its event code or its words, no
 * all-clear, not replaced by a Cancel or an Update in the same document,
 * not expired), the bytes' charset (decoded once, ingest/charset), the choice
 * of one <info> block (Vietnamese first), and the mapping of CAP fields to
 * an item (HTML in the texts made text, the WEA CMAM parameters), and what
 * a Cancel or an all-clear says is over (cap_refs).  Never: fetches a CAP document a feed only links to, or decides
 * how an alert looks, or whether a source may raise alerts at all (only a
 * source of type = alert is read here: ingest/alert, live/fetch/admit). */
#ifndef TICKER_CAP_H
#define TICKER_CAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/config.h"
#include "base/item.h"
#include "ingest/cap_refs.h"

#define CAP_NAMESPACE "urn:oasis:names:tc:emergency:cap:1.2"
#define CAP_NAMESPACE_STEM "urn:oasis:names:tc:emergency:cap:1." /* 1.0, 1.1, 1.2 */
/* The namespace of the OASIS CAP 1.0 standard itself (2004); 1.1 moved to
 * the urn. Both are still published. */
#define CAP_NAMESPACE_10 "http://www.incident.com/cap/1.0"

/* Whether href names a CAP namespace this reader takes: CAP 1.0 (either
 * of its namespaces), 1.1 or 1.2. */
bool cap_is_namespace(const char *href);

/* Appends one item per current alert in data. An alert without <expires>
 * gets <sent> + expire_after_seconds when that is > 0. scopes: the
 * CONFIG_CAP_SCOPE_* (base/config.h) whose alerts are shown besides Public
 * ones, which always are; an alert without <scope> counts as Public, one
 * with another value as Private.
 * Items carry name as their source when the alert names no sender. Zero
 * items is a success (no alert is current: the screen clears), also for
 * a document that names the CAP 1.2 namespace but holds no <alert> now (an
 * alert feed with nothing in it). Returns false with reason set when data
 * is not well-formed XML, or XML that is no CAP at all. http_charset: the
 * HTTP Content-Type charset (NULL: none); the bytes are decoded once, as a
 * feed's are (ingest/charset), whatever the declaration then says. */
bool cap_parse(const char *name, const char *data, size_t size, const char *http_charset, int expire_after_seconds,
               unsigned scopes, struct item_list *out, char *reason, size_t reason_size);
/* cap_parse that also appends to clears (NULL: not wanted) what the
 * document's Actual Cancels and Updates (tests aside) say is over, for the
 * cache to remove from every alert source (cap_refs.h): each well-formed
 * <references> entry ("sender,identifier,sent", OASIS CAP 1.2 §3.2.1), and the message's own identifier when it is a
 * Cancel or an all-clear (urgency Past or responseType AllClear). */
bool cap_parse_clears(const char *name, const char *data, size_t size, const char *http_charset,
                      int expire_after_seconds, unsigned scopes, struct item_list *out, struct cap_clears *clears,
                      char *reason, size_t reason_size);

#endif
