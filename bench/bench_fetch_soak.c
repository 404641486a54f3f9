/* Soak: thousands of fetch cycles against tests/feedserver.py on 127.0.0.1
 * with the real fetch loop, libcurl handle and SQLite cache; prints the
 * resident memory after warm-up and at the end, so a leak shows as growth.
 * Sources per cycle: one feed with new items every time (writes, expiry by
 * the count cap), one answering 304, one gzip 304, one HTTP 500, one
 * truncated body, all RSS through the real parser.
 * Usage: bench_fetch_soak [CYCLES] (default 3000). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../tests/common/feedserver_client.h"
#include "live/cache/cache.h"
#include "live/fetch/fetch.h"
#include "live/http/http.h"
#include "base/log.h"
#include "ingest/source.h"

static long status_kb(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    size_t n = strlen(key);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, key, n) == 0 && line[n] == ':')
            kb = atol(line + n + 1);
    if (f)
        fclose(f);
    return kb;
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

int main(int argc, char **argv)
{
    long cycles = argc > 1 ? atol(argv[1]) : 3000;
    if (cycles < 20)
        cycles = 20;
    struct feedserver server;
    if (!http_global_init() || !feedserver_start(&server)) {
        fprintf(stderr, "bench_fetch_soak: cannot start the feed server\n");
        return 1;
    }
    struct config *config = config_create();
    const char *fmt = "rss";
    const char *paths[] = {"/changing?name=soak&items=30", "/feed?name=still&items=20",
                           "/gzip?name=packed&items=20", "/status/500", "/truncated?name=cut"};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        char path[160], url[256];
        snprintf(path, sizeof path, "%s%sfmt=%s", paths[i], strchr(paths[i], '?') ? "&" : "?", fmt);
        feedserver_url(&server, path, url, sizeof url);
        config_add_source(config, url, 0);
    }
    config->cache.max_items = 500;
    char dir[64] = "/tmp/ticker-soak-XXXXXX", db[128];
    if (!mkdtemp(dir))
        return 1;
    snprintf(db, sizeof db, "%s/cache.db", dir);
    struct cache *cache = cache_open(db);
    struct fetch *fetch = fetch_create(config, cache, NULL);
    log_set_level(LOG_LEVEL_ERROR); /* 2 warnings a cycle would drown the figures */

    printf("soak: %ld cycles x %zu sources (RSS through source_parse_buffer_info)\n", cycles, config->source_count);
    long warm = cycles / 10, rss_warm = 0;
    size_t changed = 0, failed = 0, not_modified = 0, commits = 0;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int64_t now = 1800000000;
    for (long n = 1; n <= cycles; n++) {
        struct fetch_cycle_report r;
        fetch_cycle(fetch, now += 60, true, &r);
        changed += r.items_changed;
        failed += r.failed;
        not_modified += r.not_modified;
        commits += r.committed;
        if (n == warm)
            rss_warm = status_kb("VmRSS");
        if (n % (cycles / 5) == 0)
            printf("  cycle %6ld  RSS %6ld kB\n", n, status_kb("VmRSS"));
    }
    double elapsed = seconds_since(&start);
    long rss_end = status_kb("VmRSS");
    char err[256];
    struct item_list *left = cache_items(cache, err, sizeof err);
    struct stat st;
    stat(db, &st);
    printf("cycles %ld in %.1f s (%.1f ms a cycle): %zu commits, %zu items new, %zu 304s, %zu failures\n", cycles,
           elapsed, elapsed * 1000 / (double)cycles, commits, changed, not_modified, failed);
    printf("cache: %zu items (cap 500), file %lld kB\n", left ? left->count : 0, (long long)st.st_size / 1024);
    printf("RSS after %ld cycles (warm): %ld kB; at the end: %ld kB; growth %+ld kB (%.3f kB per 1000 cycles); peak %ld kB\n",
           warm, rss_warm, rss_end, rss_end - rss_warm,
           (double)(rss_end - rss_warm) * 1000.0 / (double)(cycles - warm), status_kb("VmHWM"));
    item_list_destroy(left);
    fetch_destroy(fetch);
    cache_close(cache);
    config_destroy(config);
    feedserver_stop(&server);
    http_global_cleanup();
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    return system(command) == 0 ? 0 : 1;
}
