/* Frame times while the fetch loop is served faults, against the same run
 * with healthy feeds: the kiosk pipeline (feeder thread with the live fetch
 * loop and cache, mailbox, scene, render) offscreen on the software
 * renderer, unthrottled, with tests/feedserver.py on 127.0.0.1.
 * Faulty run: a server that never answers, one trickling a byte a second,
 * a 100 MB body without length, garbage, 503 with Retry-After, a truncated
 * body, an unresolvable host, beside the healthy run's feeds; every source is
 * retried about every second. Healthy and faulty runs alternate (ROUNDS
 * of each) so load from elsewhere on the machine hits both alike; one JSON
 * line per run. Usage: bench_frames_under_faults [SECONDS per run (8)] [ROUNDS (3)].
 * Wants SDL_VIDEODRIVER=dummy (set here when unset). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tests/feedserver_client.h"
#include "display.h"
#include "feeder.h"
#include "frameloop.h"
#include "http.h"
#include "log.h"
#include "mailbox.h"

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double percentile(const double *sorted, size_t n, double p)
{
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return n ? sorted[i < n ? i : n - 1] : 0;
}

static struct config *make_config(const struct feedserver *server, bool faulty, const char *dir)
{
    static const char *const healthy_paths[] = {"/feed?name=a&items=40", "/feed?name=b&items=40",
                                                "/gzip?name=c&items=40", "/feed?name=d&items=40"};
    /* The same healthy feeds (so the same items on screen), plus the faults. */
    static const char *const faulty_paths[] = {"/feed?name=a&items=40", "/feed?name=b&items=40",
                                               "/gzip?name=c&items=40", "/feed?name=d&items=40", "/hang", "/trickle",
                                               "/huge", "/garbage", "/status/503?retry_after=1", "/truncated?name=t",
                                               "nonexistent"};
    const char *const *paths = faulty ? faulty_paths : healthy_paths;
    size_t count = faulty ? 11 : 4;
    struct config *config = config_create();
    for (size_t i = 0; i < count; i++) {
        char url[256];
        if (strcmp(paths[i], "nonexistent") == 0)
            snprintf(url, sizeof url, "http://nonexistent.invalid/rss");
        else
            feedserver_url(server, paths[i], url, sizeof url);
        config_add_source(config, url, 0);
    }
    /* Retry about every second, give up on a stalled transfer in 2 s. */
    config->fetch.refresh_seconds = 1;
    config->fetch.connect_timeout_seconds = 2;
    config->fetch.total_timeout_seconds = 3;
    config->fetch.low_speed_seconds = 2;
    config->fetch.max_bytes = 20L * 1024 * 1024;
    char path[128];
    snprintf(path, sizeof path, "%s/%s.db", dir, faulty ? "faulty" : "healthy");
    free(config->cache.path);
    config->cache.path = strdup(path);
    return config;
}

static int run(const struct feedserver *server, bool faulty, double seconds, const char *dir)
{
    struct config *config = make_config(server, faulty, dir);
    /* Each run starts from an empty cache, so both fetch and cache the first items. */
    unlink(config->cache.path);
    struct mailbox *mailbox = mailbox_create();
    char err[512];
    struct display *display = display_open(config, DISPLAY_OFFSCREEN, 1920, 1080, NULL, err, sizeof err);
    if (!display) {
        fprintf(stderr, "bench_frames_under_faults: %s\n", err);
        return 1;
    }
    long requests_before = feedserver_stat(server, "requests", NULL);
    struct feeder *feeder = feeder_start(config, mailbox);
    struct frameloop_options loop = {.duration_seconds = seconds, .unthrottled = true, .record_frame_times = true};
    struct frameloop_stats stats;
    int status = frameloop_run(display, config, mailbox, &loop, &stats);
    feeder_stop(feeder);
    long requests = feedserver_stat(server, "requests", NULL) - requests_before;
    if (status == 0 && stats.frames) {
        qsort(stats.frame_ms, stats.frames, sizeof *stats.frame_ms, compare_doubles);
        printf("{\"run\":\"%s\",\"sources\":%zu,\"server_requests\":%ld,\"seconds\":%.1f,\"frames\":%zu,"
               "\"fps\":%.1f,\"frame_ms_p50\":%.3f,\"frame_ms_p99\":%.3f,\"frame_ms_max\":%.3f}\n",
               faulty ? "faulty" : "healthy", config->source_count, requests, stats.seconds, stats.frames,
               (double)stats.frames / stats.seconds, percentile(stats.frame_ms, stats.frames, 0.5),
               percentile(stats.frame_ms, stats.frames, 0.99), stats.frame_ms[stats.frames - 1]);
        fflush(stdout);
    }
    frameloop_stats_clear(&stats);
    display_close(display);
    mailbox_destroy(mailbox);
    config_destroy(config);
    return status;
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 8;
    int rounds = argc > 2 ? atoi(argv[2]) : 3;
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("SDL_RENDER_DRIVER", "software", 0);
    struct feedserver server;
    if (!feedserver_start(&server)) {
        fprintf(stderr, "bench_frames_under_faults: cannot start the feed server\n");
        return 1;
    }
    log_set_level(LOG_LEVEL_ERROR); /* the faults' warnings are the point, not the output */
    char dir[64] = "/tmp/ticker-frames-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    int status = 0;
    for (int round = 0; round < rounds; round++)
        status |= run(&server, false, seconds, dir) | run(&server, true, seconds, dir);
    feedserver_stop(&server);
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    return system(command) == 0 ? status : 1;
}
