#include <stdio.h>
#include <stdlib.h>

#include "cli/commands.h"
#include "live/feeder.h"
#include "base/item.h"
#include "base/log.h"

/* ticker dump [SOURCE...]: every item of the sources (or of the demo content
 * when none is configured), one JSON object per line. A source that fails
 * gets one error line on stderr from the feeder; the status is non-zero only
 * when nothing at all came out. */
int cmd_dump(struct config *config, const struct cli_options *options)
{
    (void)options; /* SOURCE arguments are already the config's sources */
    struct item_list *items = feeder_load_now(config, NULL);
    if (!items) {
        log_error("out of memory");
        return 1;
    }
    int status = items->count ? 0 : 1;
    for (size_t i = 0; i < items->count && status == 0; i++) {
        char *json = item_to_json(&items->items[i]);
        if (!json || printf("%s\n", json) < 0) {
            log_error(json ? "dump: cannot write to standard output" : "out of memory");
            status = 1;
        }
        free(json);
    }
    if (fflush(stdout) != 0 && status == 0) {
        log_error("dump: cannot write to standard output");
        status = 1;
    }
    if (items->count == 0)
        log_error("dump: no source yielded any item");
    item_list_destroy(items);
    return status;
}
