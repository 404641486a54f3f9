/* cap_index: an Atom index of CAP alerts (the US NWS shape: each <entry>
 * carries the alert's cap:event, cap:severity, cap:expires, ... and links
 * to the full CAP document) read as the alerts it lists, one item per
 * entry, from the cap: fields the entry itself carries.
 * Owns: which entries are shown (cap:status Actual or absent, cap:msgType
 * Alert or Update or absent, no test by its words (cap_tests), no
 * all-clear by urgency Past, not expired) and their mapping to an item.
 * Never: fetches the full alerts the entries link to (so their
 * instructions and references are not read), parses bytes (ingest/cap
 * hands the parsed tree).  Thread: any (the fetch worker's, via ingest/cap). */
#ifndef TICKER_CAP_INDEX_H
#define TICKER_CAP_INDEX_H

#include <libxml/tree.h>
#include <stdbool.h>

#include "base/item.h"

/* When root is an Atom <feed> whose entries carry cap: fields, appends one
 * item per shown entry to out and sets *is_index; else leaves both. An
 * entry with no <cap:expires> gets its updated time + expire_after_seconds
 * when that is > 0. name: the source, for the log and as the items'
 * source. False only on OOM. */
bool cap_index_parse(const char *name, const xmlNode *root, int expire_after_seconds, struct item_list *out,
                     bool *is_index);

#endif
