/* The gate of a source's items (see admit.h). */
#include "live/fetch/admit.h"

#include "base/log.h"

void admit_init(struct admit *gate, const struct source_config *source, const char *name, item_sink_fn *sink,
                void *arg)
{
    *gate = (struct admit){.alerts_allowed = source && source->alert, .name = name, .sink = sink, .arg = arg};
}

bool admit_item(void *arg, struct item *item)
{
    struct admit *gate = arg;
    if (item->severity != ITEM_SEVERITY_NONE && !gate->alerts_allowed) {
        /* A headline, not an alert: it neither takes over the screen nor
         * wakes one the schedule has off, and the feed's news stays. */
        item->severity = ITEM_SEVERITY_NONE;
        item->expires = 0;
        gate->demoted++;
    }
    return gate->sink(gate->arg, item);
}

void admit_finish(const struct admit *gate)
{
    if (gate->demoted)
        log_warn("%s: %zu alert%s read as ordinary headlines: only a source with type = alert raises an alert",
                 gate->name, gate->demoted, gate->demoted == 1 ? "" : "s");
}
