/* bench: the kiosk pipeline (mailbox, scene, render, present) offscreen on
 * the software renderer, frames unthrottled — each frame one refresh later
 * in scene time, as on a 60 Hz screen — then one JSON line of figures.
 * Items are loaded before the clock starts and CPU is counted from the
 * first frame on, so the figures are the screen's running cost alone. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "commands.h"
#include "display.h"
#include "feeder.h"
#include "frameloop.h"
#include "log.h"
#include "mailbox.h"
#include "synth.h"

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

int cmd_bench(struct config *config, const struct cli_options *options)
{
    int w = config->display.width > 0 ? config->display.width : 1920;
    int h = config->display.height > 0 ? config->display.height : 1080;
    struct item_list *items = options->synthetic_items ? synth_items(options->synthetic_items) : feeder_load_now(config);
    struct mailbox *mailbox = mailbox_create();
    char err[1024];
    struct display *display = items && mailbox ? display_open(config, DISPLAY_OFFSCREEN, w, h, NULL, err, sizeof err)
                                               : NULL;
    if (!display) {
        log_error("bench: %s", items && mailbox ? err : "out of memory");
        item_list_destroy(items);
        mailbox_destroy(mailbox);
        return 1;
    }
    size_t item_count = items->count;
    mailbox_post_items(mailbox, items);
    struct frameloop_options loop = {.duration_seconds = options->bench_seconds, .unthrottled = true,
                                     .record_frame_times = true};
    struct frameloop_stats stats;
    int status = frameloop_run(display, config, mailbox, &loop, &stats);
    if (status == 0 && stats.frames > 1) {
        qsort(stats.frame_ms, stats.frames, sizeof *stats.frame_ms, compare_doubles);
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        printf("{\"items\":%zu,\"width\":%d,\"height\":%d,\"rotate\":%d,\"seconds\":%.2f,\"frames\":%zu,"
               "\"fps\":%.1f,\"cpu_ms_per_frame\":%.3f,\"frame_ms_p50\":%.3f,\"frame_ms_p99\":%.3f,"
               "\"frame_ms_max\":%.3f,\"peak_textures\":%zu,\"peak_rss_mb\":%.1f}\n",
               item_count, w, h, config->display.rotate, stats.seconds, stats.frames, stats.frames / stats.seconds,
               stats.cpu_seconds * 1000 / (double)(stats.frames - 1), percentile(stats.frame_ms, stats.frames, 0.5),
               percentile(stats.frame_ms, stats.frames, 0.99), stats.frame_ms[stats.frames - 1], stats.peak_textures,
               ru.ru_maxrss / 1024.0);
        fflush(stdout);
    } else if (status == 0) {
        log_error("bench: no frame was drawn");
        status = 1;
    }
    frameloop_stats_clear(&stats);
    display_close(display);
    mailbox_destroy(mailbox);
    return status;
}
