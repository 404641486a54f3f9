/* ticker hide ID|LINK, ticker unhide ID|LINK: an item hidden by hand on
 * this kiosk, in the cache (the running kiosk sees it within
 * FETCH_HIDDEN_POLL_SECONDS); ticker played: the proof of play. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/config_editorial.h"
#include "base/log.h"
#include "base/playqueue.h"
#include "base/playreport.h"
#include "cli/commands.h"
#include "live/cache/cache.h"

int cmd_hide(struct config *config, const struct cli_options *options)
{
    const char *key = options->sources[0];
    char *path = cache_path_or_default(config->cache.path);
    struct cache *cache = path ? cache_open(path) : NULL;
    char err[1024];
    bool removed = false, ok = cache != NULL;
    if (ok && options->command == COMMAND_HIDE)
        ok = cache_hide(cache, key, (int64_t)time(NULL), err, sizeof err);
    else if (ok)
        ok = cache_unhide(cache, key, &removed, err, sizeof err);
    if (!cache)
        snprintf(err, sizeof err, "cache %s: cannot be opened", path ? path : "");
    if (!ok)
        log_error("%s: %s", options->command == COMMAND_HIDE ? "hide" : "unhide", err);
    else if (options->command == COMMAND_HIDE)
        printf("hidden: %s (in %s; the running kiosk drops it within seconds)\n", key, path);
    else
        printf(removed ? "shown again: %s\n" : "not hidden: %s (nothing to do)\n", key);
    cache_close(cache);
    free(path);
    return ok ? 0 : 1;
}

struct printing {
    bool json;
    size_t count;
};

static void print_play(void *arg, const struct play_event *e)
{
    struct printing *p = arg;
    p->count++;
    if (p->json)
        playreport_json(stdout, e);
    else
        playreport_csv(stdout, e);
}

/* --since as written: a time, or a day ("2026-12-07"), from midnight. */
static bool parse_since(const char *text, int64_t *since)
{
    char day[64];
    if (config_parse_time(text, since) && text[0])
        return true;
    snprintf(day, sizeof day, "%s 00:00", text);
    return strlen(text) == 10 && config_parse_time(day, since);
}

int cmd_played(struct config *config, const struct cli_options *options)
{
    int64_t since = (int64_t)time(NULL) - 86400;
    if (options->since && !parse_since(options->since, &since)) {
        log_error("played: --since wants YYYY-MM-DD [HH:MM] in the kiosk's time, or RFC 3339, not '%s'",
                  options->since);
        return 2;
    }
    char *path = cache_path_or_default(config->cache.path);
    char err[1024] = "";
    struct cache *cache = path ? cache_open_readonly(path, err, sizeof err) : NULL;
    free(path);
    if (!cache) {
        log_error("played: %s", err[0] ? err : LOG_OOM);
        return 1;
    }
    struct printing p = {.json = options->format && !strcmp(options->format, "json")};
    if (!p.json)
        playreport_csv_header(stdout);
    bool ok = cache_plays(cache, since, print_play, &p, err, sizeof err);
    cache_close(cache);
    if (!ok)
        log_error("played: %s", err);
    return ok ? 0 : 1;
}
