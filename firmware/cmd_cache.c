#include "commands.h"
#include "log.h"

/* Placeholder until this command is built; it fails loudly, never pretends. */
int cmd_cache(struct config *config, const struct cli_options *options)
{
    (void)config;
    (void)options;
    log_error("the 'cache' command is not built yet");
    return 2;
}
