#include "commands.h"
#include "log.h"

/* Placeholder until this command is built; it fails loudly, never pretends. */
int cmd_bench(struct config *config, const struct cli_options *options)
{
    (void)config;
    (void)options;
    log_error("the 'bench' command is not built yet");
    return 2;
}
