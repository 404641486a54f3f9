/* cap_refs: what a CAP message clears — the alerts its <references> name,
 * and its own identifier when it is a Cancel or an all-clear Update — for
 * the cache to take off every alert source, not only the one that said it.
 * A <references> entry is OASIS CAP 1.2 §3.2.1 (Common Alerting Protocol
 * Version 1.2, 2010): "the extended message identifier(s) (in the form
 * sender,identifier,sent) of an earlier CAP message or messages referenced
 * by this one", multiple entries separated by whitespace.
 * Owns: splitting and checking those entries (an entry not of three parts,
 * with an empty sender or identifier, or a sent that is no date, is a
 * warning naming the source and clears nothing), and the item id an alert
 * gets ("cap:SENDER/IDENTIFIER").  Never: reads XML (ingest/cap does),
 * touches the cache or decides what is shown.  Thread: the parser's. */
#ifndef TICKER_CAP_REFS_H
#define TICKER_CAP_REFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/item.h"

/* One alert a message says is over. */
struct cap_clear {
    char *sender;     /* of the alert cleared, as the reference (or <sender>) writes it */
    char *identifier; /* of the alert cleared */
    char *by_sender;  /* the clearing message's own <sender> (agencies write references' senders differently) */
    int64_t by_sent;  /* the clearing message's <sent>, Unix seconds (0: unknown): what was sent before is over */
    int64_t expires;  /* the clearing message's <expires> (0: none) */
};

struct cap_clears {
    struct cap_clear *items;
    size_t count, capacity;
};

void cap_clears_free(struct cap_clears *clears);
/* Appends one (copies of the strings); false on OOM. */
bool cap_clears_add(struct cap_clears *clears, const char *sender, const char *identifier, const char *by_sender,
                    int64_t by_sent, int64_t expires);
/* Appends each well-formed entry of references (the element's text,
 * whitespace-separated). A malformed one is logged as a warning that names
 * name (the source) and message (the clearing message's identifier), and
 * skipped. False only on OOM. */
bool cap_clears_add_references(struct cap_clears *clears, const char *name, const char *message,
                               const char *references, const char *by_sender, int64_t by_sent, int64_t expires);

/* Each clear as items of clears set (base/item.h), which go where the
 * source's items go: the id the alert cleared has, "cap:SENDER/IDENTIFIER",
 * and the same with the clearing message's own sender when that differs;
 * published is by_sent. False on OOM. */
bool cap_clears_to_items(const struct cap_clears *clears, struct item_list *out);

/* The item id of an alert: "cap:SENDER/IDENTIFIER". Caller frees; NULL on OOM. */
char *cap_item_id(const char *sender, const char *identifier);

#endif
