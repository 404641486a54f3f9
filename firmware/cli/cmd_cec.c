/* cec: `ticker cec standby|on`, the short-lived child in which the kiosk
 * has libcec do its work (screen/display/cecchild starts it, screen/display/cecpower does
 * it): one request, one line of outcome on stdout, the exit status the
 * kiosk reads (enum cecpower_status). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "base/limits.h"
#include "screen/display/cecpower.h"

int cmd_cec(struct config *config, const struct cli_options *options)
{
    (void)config;
    if (options->source_count != 1 || (strcmp(options->sources[0], "on") && strcmp(options->sources[0], "standby"))) {
        fprintf(stderr, "ticker cec: say 'on' or 'standby'\n");
        return 2;
    }
    char reason[TICKER_REASON_MAX];
    enum cecpower_status status = cecpower_run(!strcmp(options->sources[0], "on"), reason, sizeof reason);
    printf("%s\n", reason);
    fflush(stdout);
    /* _exit: libcec's threads and static destructors are not run down (its
     * shutdown is where Debian 12's 6.0.2 crashed); the system closes the
     * port, and the child has nothing else to save. */
    _exit((int)status);
}
