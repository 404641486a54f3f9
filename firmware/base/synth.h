/* synth: made-up Vietnamese headlines in any number, for benchmarks and
 * memory checks (10 or 10,000 items of realistic length and mix of kinds),
 * with the demo pictures when [display] pictures is on.
 * Owns: the sample texts.  Never: stands in for real sources in the kiosk;
 * only `--synthetic N` asks for it (run, bench, screenshot) and the tests.
 * Thread: any. */
#ifndef TICKER_SYNTH_H
#define TICKER_SYNTH_H

#include <stddef.h>
#include "base/config.h"
#include "base/item.h"

/* count items, each with a distinct id and title. NULL on OOM. */
struct item_list *synth_items(size_t count);
/* Gives the items the demo pictures (assets/demo/pictures): the
 * infographic to infographics, the photo to news and videos, none to
 * dialogues (today's layout). False on OOM. */
bool synth_add_pictures(struct item_list *list, const struct config *config);
/* What `--synthetic N` shows: count items, with the demo pictures when
 * config's [display] pictures is on. NULL on OOM. */
struct item_list *synth_items_for(const struct config *config, size_t count);

#endif
