/* ticker cache: what the cache holds — the items as `dump` prints them, or
 * with --sources each source's fetch state, one line each. Opens the file
 * read-only and never changes it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "live/cache/cache.h"
#include "base/limits.h"
#include "cli/commands.h"
#include "base/log.h"

static void format_time(int64_t seconds, char out[32])
{
    if (seconds <= 0) {
        snprintf(out, 32, "never");
        return;
    }
    time_t t = (time_t)seconds;
    struct tm utc;
    if (!gmtime_r(&t, &utc) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &utc))
        snprintf(out, 32, "%lld", (long long)seconds);
}

static void print_source(const struct cache_source *s)
{
    char success[32], error_at[32], due[32];
    format_time(s->last_success, success);
    format_time(s->last_error_at, error_at);
    format_time(s->next_due, due);
    if (s->failures)
        printf("%s\terror\t%d failures, last at %s: %s\tlast success %s\tnext try %s\n", s->location, s->failures,
               error_at, s->last_error, success, due);
    else
        printf("%s\tok\tlast success %s, %d items\tnext %s%s%s%s%s\n", s->location, success, s->item_count, due,
               s->etag[0] ? "\tetag " : "", s->etag, s->last_modified[0] ? "\tlast-modified " : "",
               s->last_modified);
}

static int print_sources(struct cache *cache, const struct config *config)
{
    char err[TICKER_ERROR_MAX];
    size_t count = 0;
    struct cache_source *sources = cache_sources(cache, &count, err, sizeof err);
    if (!sources) {
        log_error("%s", err);
        return 1;
    }
    for (size_t i = 0; i < count; i++)
        print_source(&sources[i]);
    /* Configured sources the cache has not heard of yet. */
    for (size_t c = 0; c < config->source_count; c++) {
        bool known = false;
        for (size_t i = 0; i < count && !known; i++)
            known = strcmp(sources[i].location, config->sources[c].location) == 0;
        if (!known)
            printf("%s\tnever fetched\n", config->sources[c].location);
    }
    cache_sources_free(sources, count);
    return 0;
}

static int print_items(struct cache *cache, const struct config *config)
{
    char err[TICKER_ERROR_MAX];
    struct item_list *items = cache_items(cache, err, sizeof err);
    if (!items) {
        log_error("%s", err);
        return 1;
    }
    int status = 0;
    for (size_t i = 0; i < items->count && status == 0; i++) {
        char *json = item_to_json(&items->items[i]);
        if (!json) {
            log_oom("cache: item %s", items->items[i].id ? items->items[i].id : "");
            status = 1;
            break;
        }
        puts(json);
        free(json);
    }
    if (items->count == 0 && config->source_count == 0)
        log_info("cache: no items: %s", cli_demo_note());
    item_list_destroy(items);
    return status;
}

const char *cli_demo_note(void)
{
    return "with no [source] the kiosk shows the bundled demo content, which it does not cache; for real feeds "
           "give a config with [source NAME] sections (-c FILE, see ticker.ini(5)) or sources on the command line";
}

void cli_no_cache_reason(const struct config *config, const char *path, char *out, size_t size)
{
    if (config->source_count == 0)
        snprintf(out, size, "cache %s: nothing cached: %s", path, cli_demo_note());
    else
        snprintf(out, size, "cache %s: no cache there yet (the kiosk creates it on its first run)", path);
}

int cmd_cache(struct config *config, const struct cli_options *options)
{
    char *path = cache_path_or_default(config->cache.path);
    if (!path) {
        log_oom("cache");
        return 1;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        char reason[TICKER_PATH_ERROR_MAX];
        cli_no_cache_reason(config, path, reason, sizeof reason);
        log_error("%s", reason);
        free(path);
        return 1;
    }
    /* An inspection changes nothing: read-only, a bad file is reported, not moved. */
    char err[TICKER_PATH_ERROR_MAX];
    struct cache *cache = cache_open_readonly(path, err, sizeof err);
    free(path);
    if (!cache) {
        log_error("%s", err);
        return 1;
    }
    int status = options->list_sources ? print_sources(cache, config) : print_items(cache, config);
    cache_close(cache);
    return status;
}
