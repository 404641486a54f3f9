/* ticker status: the kiosk's health for a person — what the running kiosk
 * last wrote to its [health] textfile (frames, what is shown, the screen),
 * and each source's state and the cache from the cache itself. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/log.h"
#include "cli/commands.h"
#include "cli/healthwire.h"
#include "live/cache.h"

int cmd_status(struct config *config, const struct cli_options *options)
{
    (void)options;
    struct health_report r = {.now = (int64_t)time(NULL), .resident_bytes = -1};
    char err[4400];
    if (!config->health.textfile[0])
        printf("frames: unknown ([health] textfile is not set, so the kiosk writes no metrics)\n");
    else if (!health_read_textfile(config->health.textfile, &r, err, sizeof err))
        printf("frames: unknown (no metrics from the kiosk: %s)\n", err);
    else if (r.last_present)
        printf("metrics of %s\n", config->health.textfile);
    char *path = cache_path_or_default(config->cache.path);
    struct cache *cache = path ? cache_open(path) : NULL;
    healthwire_from_cache(&r, cache);
    cache_close(cache);
    health_print(stdout, &r);
    int status = r.cache_items >= 0 ? 0 : 1;
    if (status)
        log_error("status: the cache %s could not be read", path);
    healthwire_report_clear(&r);
    free(path);
    return status;
}
