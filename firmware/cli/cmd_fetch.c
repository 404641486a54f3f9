/* ticker fetch (not in --help: for tests, soak runs and power-cut tests):
 * the fetch loop alone, no display. --cycles N runs N cycles back to back,
 * every source fetched each time; without it the loop runs on schedule
 * until --duration ends it. One line per cycle on stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "live/cache/cache.h"
#include "base/clocks.h"
#include "cli/commands.h"
#include "live/fetch/fetch.h"
#include "base/log.h"

struct fetch_counts {
    size_t posted;
    size_t last_count;
};

static void on_items(void *context, struct item_list *items)
{
    struct fetch_counts *counts = context;
    counts->posted++;
    counts->last_count = items->count;
    item_list_destroy(items);
}

static void run_cycles(struct fetch *fetch, struct cache *cache, long cycles)
{
    for (long n = 1; n <= cycles; n++) {
        struct fetch_cycle_report r;
        bool ok = fetch_cycle(fetch, fetch_clock(fetch), true, &r);
        printf("cycle %ld: %s, %zu sources, %zu not modified, %zu failed, %zu items new or changed, %zu expired,"
               " %lld rows written so far\n",
               n, !ok ? "write failed" : r.committed ? "committed" : "nothing to write", r.attempted, r.not_modified,
               r.failed, r.items_changed, r.items_expired, (long long)cache_write_count(cache));
        fflush(stdout);
    }
}

static void run_scheduled(struct fetch *fetch, double duration_seconds)
{
    double start = clocks_monotonic_seconds();
    for (;;) {
        struct fetch_cycle_report r;
        bool ok = fetch_cycle(fetch, fetch_clock(fetch), false, &r);
        if (r.attempted)
            printf("cycle: %s, %zu sources, %zu failed\n",
                   !ok ? "write failed" : r.committed ? "committed" : "nothing to write", r.attempted, r.failed);
        fflush(stdout);
        double elapsed = clocks_monotonic_seconds() - start;
        if (duration_seconds > 0 && elapsed >= duration_seconds)
            return;
        nanosleep(&(struct timespec){.tv_sec = 0, .tv_nsec = 200000000}, NULL);
    }
}

int cmd_fetch(struct config *config, const struct cli_options *options)
{
    if (config->source_count == 0) {
        log_error("fetch: give at least one source");
        return 2;
    }
    char *path = cache_path_or_default(config->cache.path);
    if (!path) {
        log_oom("fetch");
        return 1;
    }
    struct cache *cache = cache_open(path);
    free(path);
    struct fetch_counts counts = {0};
    struct fetch_hooks hooks = {.items_changed = on_items, .context = &counts};
    struct fetch *fetch = cache ? fetch_create(config, cache, &hooks) : NULL;
    int status = 1;
    if (fetch) {
        if (options->fetch_cycles > 0)
            run_cycles(fetch, cache, options->fetch_cycles);
        else
            run_scheduled(fetch, options->duration_seconds);
        /* What reached the screen: the tests' proof that items flowed even
         * when the cache file could not take them. */
        printf("posted %zu item lists, the last of %zu items; cache file %s\n", counts.posted, counts.last_count,
               cache_saved(cache) ? "up to date" : "behind (items kept in memory)");
        status = 0;
    } else {
        log_oom("fetch");
    }
    fetch_destroy(fetch);
    cache_close(cache);
    return status;
}
