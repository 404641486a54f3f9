/* ticker status: the kiosk's health for a person — what the running kiosk
 * last wrote to its [health] textfile (frames, what is shown, the screen),
 * and each source's state and the cache from the cache itself. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "base/log.h"
#include "base/limits.h"
#include "cli/commands.h"
#include "cli/healthwire.h"
#include "live/cache/cache.h"

int cmd_status(struct config *config, const struct cli_options *options)
{
    (void)options;
    struct health_report r = {.now = (int64_t)time(NULL), .resident_bytes = -1};
    char err[TICKER_PATH_ERROR_MAX];
    r.frames_unknown = true;
    if (!config->health.textfile[0])
        printf("frames: unknown ([health] textfile is not set, so the kiosk writes no metrics)\n");
    else if (!health_read_textfile(config->health.textfile, &r, err, sizeof err))
        printf("frames: unknown (no metrics from the kiosk: %s)\n", err);
    else if ((r.frames_unknown = false, r.last_present))
        printf("metrics of %s\n", config->health.textfile);
    /* An inspection: the cache is read, never created, moved or changed
     * (cache_open made a new file, or moved another program's aside). */
    char *path = cache_path_or_default(config->cache.path);
    struct stat st;
    struct cache *cache = NULL;
    if (!path)
        log_oom_reason(err, sizeof err, NULL);
    else if (stat(path, &st) != 0)
        cli_no_cache_reason(config, path, err, sizeof err);
    else
        cache = cache_open_readonly(path, err, sizeof err);
    healthwire_from_cache(&r, cache);
    cache_close(cache);
    health_print(stdout, &r);
    if (cache && r.cache_items == 0 && config->source_count == 0)
        printf("cache: no items: %s\n", cli_demo_note());
    int status = r.cache_items >= 0 ? 0 : 1;
    if (status)
        log_error("status: %s", cache ? "the cache could not be read" : err);
    healthwire_report_clear(&r);
    free(path);
    return status;
}
