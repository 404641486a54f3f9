/* bench: the kiosk pipeline offscreen on the software renderer, frames
 * unthrottled — each frame one refresh later in scene time, as on a 60 Hz
 * screen — then one JSON line of figures.
 * With sources (or none: the demo content) it runs what the kiosk runs: the
 * feeder thread with the cache and the live fetch loop, feeding the frame
 * loop through the mailbox, so frame times can be measured while servers
 * hang or misbehave. Drawing starts at once, as in the kiosk; items arrive
 * when the feeder posts them. The cache is --cache PATH, else a temporary
 * one removed at exit: a benchmark must not move the kiosk's cache (its
 * schedule and backoff live there). --synthetic N: N made-up items posted
 * before the first frame, no fetching. CPU is counted from the first frame. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "cli/commands.h"
#include "base/clocks.h"
#include "base/limits.h"
#include "screen/display/display.h"
#include "live/feeder/feeder.h"
#include "live/pictures/picture_worker.h"
#include "screen/frame/frameloop.h"
#include "base/log.h"
#include "base/mailbox.h"
#include "base/synth.h"

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double percentile(const double *sorted, size_t n, double p)
{
    if (n == 0)
        return 0;
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return sorted[i < n ? i : n - 1];
}

/* Points the config's cache at cache.db in a new directory under $TMPDIR
 * (or /tmp), whose name goes to dir. */
static bool use_temporary_cache(struct config *config, char *dir, size_t size)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, size, "%s/ticker-bench-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        log_error("bench: cannot make a temporary cache directory %s: %s", dir, strerror(errno));
        dir[0] = '\0';
        return false;
    }
    size_t n = strlen(dir) + sizeof "/cache.db";
    char *path = malloc(n);
    if (!path) {
        log_oom("bench");
        return false;
    }
    snprintf(path, n, "%s/cache.db", dir);
    free(config->cache.path);
    config->cache.path = path;
    return true;
}

/* The directory holds only what SQLite made there (the database, its -wal
 * and -shm files, a moved-aside corrupt file), all ours. */
static void remove_temporary_cache(const char *dir)
{
    char pictures[4096 + 16];
    snprintf(pictures, sizeof pictures, "%s/pictures", dir);
    if (strcmp(dir + strlen(dir) - 9, "/pictures") != 0 && access(pictures, F_OK) == 0)
        remove_temporary_cache(pictures); /* the picture cache beside the database */
    DIR *d = opendir(dir);
    if (!d) {
        log_warn("bench: cannot list the temporary cache %s to remove it: %s", dir, strerror(errno));
        return;
    }
    struct dirent *entry;
    char path[4096 + 256];
    while ((entry = readdir(d))) {
        if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
        if (!strcmp(entry->d_name, "pictures"))
            continue; /* emptied and removed above */
        if (unlink(path) != 0)
            log_warn("bench: cannot remove %s: %s", path, strerror(errno));
    }
    closedir(d);
    if (rmdir(dir) != 0)
        log_warn("bench: cannot remove the temporary cache %s: %s", dir, strerror(errno));
}

/* Supplies the mailbox: made-up items now, or the feeder thread (which
 * posts the cached items, then fetches). Returns false on failure. */
static bool start_items(struct config *config, const struct cli_options *options, struct mailbox *mailbox,
                        char *temp_dir, size_t temp_dir_size, struct feeder **feeder)
{
    if (options->synthetic_items) {
        struct item_list *list = synth_items_for(config, options->synthetic_items);
        if (!list) {
            log_oom("bench");
            return false;
        }
        mailbox_post_items(mailbox, list);
        return true;
    }
    if (config->source_count && !options->cache_given && !use_temporary_cache(config, temp_dir, temp_dir_size))
        return false;
    *feeder = feeder_start(config, mailbox);
    if (!*feeder)
        log_error("bench: cannot start the feeder thread");
    return *feeder != NULL;
}

static void print_figures(const struct config *config, const struct cli_options *options,
                          struct frameloop_stats *stats, int w, int h, double stop_seconds)
{
    double first_ms = stats->frame_ms[0]; /* fonts and first textures: often the max */
    double later_max_ms = 0;              /* the running screen's worst frame */
    for (size_t i = 1; i < stats->frames; i++)
        if (stats->frame_ms[i] > later_max_ms)
            later_max_ms = stats->frame_ms[i];
    qsort(stats->frame_ms, stats->frames, sizeof *stats->frame_ms, compare_doubles);
    qsort(stats->frame_cpu_ms, stats->frames, sizeof *stats->frame_cpu_ms, compare_doubles);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double per_frame = 1000 / (double)(stats->frames - 1);
    printf("{\"items_shown\":%zu,\"sources\":%zu,\"width\":%d,\"height\":%d,\"rotate\":%d,\"seconds\":%.2f,"
           "\"frames\":%zu,\"fps\":%.1f,\"cpu_ms_per_frame\":%.3f,\"render_cpu_ms_per_frame\":%.3f,"
           "\"frame_ms_p50\":%.3f,\"frame_ms_p99\":%.3f,\"frame_ms_max\":%.3f,\"frame_ms_first\":%.3f,"
           "\"frame_ms_max_after_first\":%.3f,\"frame_cpu_ms_p50\":%.3f,\"frame_cpu_ms_p99\":%.3f,"
           "\"peak_textures\":%zu,\"peak_rss_mb\":%.1f,\"stop_ms\":%.0f}\n",
           stats->items_shown, options->synthetic_items ? 0 : config->source_count, w, h, config->display.rotate,
           stats->seconds, stats->frames, stats->frames / stats->seconds, stats->cpu_seconds * per_frame,
           stats->render_cpu_seconds * per_frame, percentile(stats->frame_ms, stats->frames, 0.5),
           percentile(stats->frame_ms, stats->frames, 0.99), stats->frame_ms[stats->frames - 1],
           first_ms, later_max_ms, percentile(stats->frame_cpu_ms, stats->frames, 0.5),
           percentile(stats->frame_cpu_ms, stats->frames, 0.99), stats->peak_textures, ru.ru_maxrss / 1024.0,
           stop_seconds * 1000);
    fflush(stdout);
}

int cmd_bench(struct config *config, const struct cli_options *options)
{
    int w = config->display.width > 0 ? config->display.width : 1920;
    int h = config->display.height > 0 ? config->display.height : 1080;
    struct mailbox *mailbox = mailbox_create();
    char err[TICKER_ERROR_WRAPPING_MAX];
    struct display *display = mailbox ? display_open(config, DISPLAY_OFFSCREEN, w, h, NULL, err, sizeof err) : NULL;
    if (!display) {
        log_error("bench: %s", mailbox ? err : LOG_OOM);
        mailbox_destroy(mailbox);
        return 1;
    }
    char temp_dir[TICKER_PATH_MAX] = "";
    struct feeder *feeder = NULL;
    int status = start_items(config, options, mailbox, temp_dir, sizeof temp_dir, &feeder) ? 0 : 1;
    /* Made-up items have pictures too: their worker, as the feeder has one. */
    bool want_pictures = status == 0 && !feeder && config->display.pictures;
    struct picture_worker *pictures =
        want_pictures ? picture_worker_start_isolated(config, mailbox_pictures(mailbox), NULL, "/proc/self/exe") : NULL;
    struct frameloop_options loop = {.duration_seconds = options->bench_seconds, .unthrottled = true,
                                     .record_frame_times = true};
    struct frameloop_stats stats = {0};
    if (status == 0)
        status = frameloop_run(display, config, mailbox, &loop, &stats);
    /* Timed: a transfer in flight (a server that never answers) must be
     * aborted, not waited for. */
    double stop_start = clocks_monotonic_seconds();
    feeder_stop(feeder);
    picture_worker_stop(pictures);
    double stop_seconds = clocks_monotonic_seconds() - stop_start;
    if (status == 0 && stats.frames > 1) {
        print_figures(config, options, &stats, w, h, stop_seconds);
    } else if (status == 0) {
        log_error("bench: no frame was drawn");
        status = 1;
    }
    frameloop_stats_clear(&stats);
    if (temp_dir[0])
        remove_temporary_cache(temp_dir);
    display_close(display);
    mailbox_destroy(mailbox);
    return status;
}
