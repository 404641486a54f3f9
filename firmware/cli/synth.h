/* synth: made-up Vietnamese headlines in any number, for benchmarks and
 * memory checks (10 or 10,000 items of realistic length and mix of kinds).
 * Owns: the sample texts.  Never: stands in for real sources in the kiosk;
 * only `--synthetic N` asks for it. */
#ifndef TICKER_SYNTH_H
#define TICKER_SYNTH_H

#include <stddef.h>
#include "base/item.h"

/* count items, each with a distinct id and title. NULL on OOM. */
struct item_list *synth_items(size_t count);

#endif
