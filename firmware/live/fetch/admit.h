/* admit: the one gate where a source's items are accepted, between its
 * parser and everything after it (the fetch loop's cache, dump,
 * screenshot).  live/fetch/reader hands every item of every source through it,
 * files, folders and URLs alike, and the fetch loop reads its HTTP bodies
 * through live/fetch/reader (docs/trust.md: "a feed, page or alert").
 * Owns: what a source may raise: only a source the operator marked
 * type = alert raises an alert; any other source's item is a headline
 * whatever its bytes claimed (severity and expiry cleared, said once in
 * the log per read).  Never: parses, reads or fetches, or drops a headline.
 * Thread: whichever reads the source; the gate is the caller's. */
#ifndef TICKER_ADMIT_H
#define TICKER_ADMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/config.h"
#include "base/item.h"

struct admit {
    bool alerts_allowed; /* the source is type = alert */
    const char *name;    /* what the log line names */
    item_sink_fn *sink;  /* where admitted items go */
    void *arg;
    size_t demoted;      /* alerts read as headlines this read */
};

/* A gate for one read of source (NULL: a location no [source] names, the
 * command line's or the demo content: no alerts), handing on to sink. */
void admit_init(struct admit *gate, const struct source_config *source, const char *name, item_sink_fn *sink,
                void *arg);
/* An item_sink_fn: the item as the source may give it, to the sink. arg is
 * the struct admit. Returns what the sink returns. */
bool admit_item(void *arg, struct item *item);
/* The end of the read: one warning when alerts were read as headlines. */
void admit_finish(const struct admit *gate);

#endif
