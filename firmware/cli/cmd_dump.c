#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/commands.h"
#include "live/feeder/feeder.h"
#include "base/item.h"
#include "base/log.h"

struct dump_output {
    size_t printed;
    bool failed;      /* stdout cannot be written (or OOM): nothing more is printed */
    bool reader_gone; /* the pipe's reader ended (`ticker dump | head`): it had what it wanted */
};

/* One item, printed as soon as it is read: dump never holds a feed's items. */
static bool print_item(void *arg, struct item *item)
{
    struct dump_output *out = arg;
    if (out->failed)
        return false;
    char *json = item_to_json(item);
    item_clear(item); /* taken over: the caller's copy is left cleared */
    if (!json || printf("%s\n", json) < 0) {
        if (!json)
            log_oom("dump");
        else if (errno == EPIPE) /* SIGPIPE is ignored for libcurl: EPIPE is how head's exit shows */
            out->reader_gone = true;
        else
            log_error("dump: cannot write to standard output");
        out->failed = true;
    } else
        out->printed++;
    free(json);
    return !out->failed;
}

/* ticker dump [SOURCE...]: every item of the sources (or of the demo content
 * when none is configured), one JSON object per line, printed as each is
 * read. A source that fails gets one error line on stderr from the feeder;
 * the status is non-zero only when nothing at all came out. */
int cmd_dump(struct config *config, const struct cli_options *options)
{
    (void)options; /* SOURCE arguments are already the config's sources */
    struct dump_output out = {0};
    feeder_load_each(config, NULL, print_item, &out);
    int status = out.printed && (!out.failed || out.reader_gone) ? 0 : 1;
    if (!out.reader_gone && fflush(stdout) != 0 && status == 0) {
        if (errno != EPIPE) {
            log_error("dump: cannot write to standard output");
            status = 1;
        }
    }
    if (out.printed == 0 && !out.failed)
        log_error("dump: no source yielded any item");
    return status;
}
