/* dedupe: the same story from two sources shown once.  Two items are the
 * same story when they have the same link (scheme and host case, a
 * trailing slash and the fragment aside) or the same title after folding
 * case and diacritics ("Hội đàm" = "HOI DAM" = "hội  đàm!"), with utf8proc.
 * A pure function of the list: the first of each story (the newest, in
 * the cache's order) stays.  Never: merges fields or looks at sources. */
#ifndef TICKER_DEDUPE_H
#define TICKER_DEDUPE_H

#include <stddef.h>

#include "base/item.h"

/* Removes from list every item that repeats an earlier one's story, in
 * place, keeping the order; returns how many it removed. Linear (hashing),
 * so it is cheap on every list posted to the screen. */
size_t dedupe_items(struct item_list *list);

/* The folded title that stories are compared by: case folded, marks
 * stripped, đ as d, every run of non-letters one space. Caller frees. */
char *dedupe_fold_title(const char *title);

#endif
