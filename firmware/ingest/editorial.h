/* editorial: what the operator lets the screens show — the include and
 * exclude words and phrases of [editorial] and of each [source] (matched by
 * ingest/wordmatch, the [kinds] keywords' matcher, on whole words of the
 * NFC, case-folded title, summary and captions), max_age (an item without
 * a date counts from when it was first seen), and single items hidden by
 * id or link (`ticker hide`, the fleet file's `hide =`).  A judge of one
 * configuration, folded once, run over the whole cached list each time a
 * list is posted (never per frame), counting how many items each rule hid.
 * Alerts and pins are the operator's or the authorities' own: no rule
 * hides them.
 * Owns: the folded rules, their names, the counts of the last pass.
 * Never: reads the cache or the clock (both are handed in), or changes an
 * item.  Thread: one judge is used by one thread (the fetch loop's). */
#ifndef TICKER_EDITORIAL_H
#define TICKER_EDITORIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/config.h"
#include "base/item.h"

struct editorial;

enum editorial_verdict {
    EDITORIAL_SHOWN,
    EDITORIAL_HIDDEN, /* by a word rule or hidden by hand */
    EDITORIAL_AGED    /* older than its max_age: [editorial] stale decides */
};

/* The rules of config (its [editorial] and its sources'), copied and
 * folded. NULL on OOM. */
struct editorial *editorial_create(const struct config *config);
void editorial_destroy(struct editorial *editorial);

/* A new pass at now (Unix seconds) with the ids and links hidden by hand
 * in the cache (`ticker hide`; borrowed for the pass); the config's own `hide =` list is always counted in. The
 * counts start again from 0. False on OOM. */
bool editorial_begin(struct editorial *editorial, int64_t now, const char *const *hidden, size_t hidden_count);
/* The verdict on one item stored from origin (a source location; NULL or
 * "" when it has none, as the demo content) and first seen at first_seen
 * (Unix seconds, 0: unknown, taken as now). Counted under the first rule
 * that hides it. */
enum editorial_verdict editorial_judge(struct editorial *editorial, const struct item *item, const char *origin,
                                       int64_t first_seen);

/* After a pass: the rules, each named as the operator wrote it ("[editorial]
 * exclude \"xổ số\"", "[source URL] max_age", "hidden by id or link"), and
 * how many items each hid in it. */
size_t editorial_rule_count(const struct editorial *editorial);
const char *editorial_rule_name(const struct editorial *editorial, size_t i);
size_t editorial_rule_hidden(const struct editorial *editorial, size_t i);
size_t editorial_shown(const struct editorial *editorial);
size_t editorial_hidden_total(const struct editorial *editorial);
size_t editorial_aged(const struct editorial *editorial);
/* The earliest time (Unix seconds) at which an item shown in the pass
 * becomes too old, when the list must be judged again; 0: none. (Pins
 * begin and end by the scene's wall clock: no new pass is needed.) */
int64_t editorial_next_change(const struct editorial *editorial);
/* Whether [editorial] stale = show. */
bool editorial_shows_stale(const struct editorial *editorial);

/* Pins (the config's, or a pins.ini's) as items (pinned, id "pin:"
 * id_prefix NAME, source "") handed to sink; a pin without text is none.
 * False on OOM. */
bool editorial_pin_items(const struct pin_list *pins, const char *id_prefix, item_sink_fn *sink, void *arg);

/* A list read at once (a screenshot: no cache, so no first sighting) as
 * the screen would show it at now: what the rules hide taken out, the
 * config's pin added. False on OOM (the list is then left whole). */
bool editorial_screen_list(const struct config *config, struct item_list *list, int64_t now);

#endif
