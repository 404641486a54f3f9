/* classify: sorts an item into dialogue, infographic, video or news by the
 * kind rules of config.h — title prefixes (removed from the title), link
 * paths, feed categories, dialogue keywords on whole words of the NFC,
 * case-folded title.  Never: renders, fetches or parses. */
#ifndef TICKER_CLASSIFY_H
#define TICKER_CLASSIFY_H

#include <stdbool.h>
#include "base/config.h"
#include "base/item.h"

/* The rules, case-folded once: for classifying many items. */
struct classifier;

struct classifier *classify_create(const struct kind_rules *rules);
void classify_destroy(struct classifier *classifier);

/* Sets item->kind; a matching "[Infographic]" / "[Video]" prefix is cut from
 * the title. A format (prefix, link, category, or a kind of ITEM_VIDEO its
 * reader set because the feed says so) wins over the dialogue topic: a
 * video of talks is shown as a video. Returns false on OOM. */
bool classify_apply(const struct classifier *classifier, struct item *item);

/* classify_create + classify_apply + classify_destroy, for one item. */
bool classify_item(struct item *item, const struct kind_rules *rules);

#endif
