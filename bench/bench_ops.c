/* What the operations features cost the render thread, as JSON lines:
 * the proof-of-render read-back and scaling (once a minute in the kiosk),
 * a frame with a full-screen alert against one without, and the
 * schedule's per-frame lookup. Offscreen, SDL's software renderer.
 *   build/bench/bench_ops [ROUNDS]        (default 50) */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/config.h"
#include "base/onhours.h"
#include "screen/display/display.h"
#include "screen/frame/framehealth.h"
#include "screen/frame/stage.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report(const char *what, double *ms, int n)
{
    qsort(ms, (size_t)n, sizeof *ms, compare);
    printf("{\"bench\":\"%s\",\"rounds\":%d,\"ms_p50\":%.3f,\"ms_max\":%.3f}\n", what, n, ms[n / 2], ms[n - 1]);
}

static struct item_list *items(bool with_alert)
{
    struct item_list *list = item_list_create();
    for (int i = 0; i < 20; i++) {
        struct item item;
        item_init(&item);
        char id[32];
        snprintf(id, sizeof id, "n%d", i);
        item_set(&item.id, id);
        item_set(&item.title, "Hội đàm song phương giữa đoàn Việt Nam và đoàn Indonesia bên lề triển lãm");
        item_set(&item.summary, "Hai đoàn trao đổi về hợp tác công nghiệp quốc phòng.");
        item_list_push(list, &item);
        item_clear(&item);
    }
    if (with_alert) {
        struct item item;
        item_init(&item);
        item_set(&item.id, "alert");
        item_set(&item.title, "Sơ tán ngay khỏi nhà A");
        item_set(&item.summary, "Đề nghị quý khách rời nhà A theo lối thoát hiểm gần nhất. Không dùng thang máy.");
        item.severity = ITEM_SEVERITY_EXTREME;
        item_list_push(list, &item);
        item_clear(&item);
    }
    return list;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 50;
    if (rounds < 2)
        rounds = 2;
    struct config *config = config_create();
    char err[1024];
    struct display *display = display_open(config, DISPLAY_OFFSCREEN, 1920, 1080, NULL, err, sizeof err);
    struct stage *stage = display ? stage_create(display_renderer(display), config, 1920, 1080, 60, err, sizeof err)
                                  : NULL;
    struct framehealth *health = framehealth_create(1e-9);
    if (!stage || !health) {
        fprintf(stderr, "bench_ops: %s\n", err);
        return 1;
    }
    double *ms = calloc((size_t)rounds, sizeof *ms);
    time_t t0 = time(NULL);
    struct tm clock;
    localtime_r(&t0, &clock);
    for (int alert = 0; alert < 2; alert++) {
        scene_adopt(stage->scene, items(alert));
        for (int i = 0; i < rounds; i++) {
            double start = now_ms();
            stage_draw(stage, 1.0 + i / 60.0, &clock);
            ms[i] = now_ms() - start;
        }
        report(alert ? "frame_with_full_screen_alert" : "frame_without_alert", ms, rounds);
    }
    for (int i = 0; i < rounds; i++) {
        double start = now_ms();
        framehealth_capture(health, display_renderer(display), (double)i + 1);
        ms[i] = now_ms() - start;
    }
    report("proof_of_render_capture_1920x1080", ms, rounds);
    struct onhours week;
    onhours_fill(&week, true);
    volatile bool on = false;
    double start = now_ms();
    for (int i = 0; i < 1000000; i++) {
        clock.tm_min = i % 60;
        on ^= onhours_is_on(&week, &clock);
    }
    printf("{\"bench\":\"schedule_lookup\",\"rounds\":1000000,\"ns_each\":%.1f}\n", (now_ms() - start) * 1e6 / 1000000);
    free(ms);
    framehealth_destroy(health);
    stage_destroy(stage);
    display_close(display);
    config_destroy(config);
    return 0;
}
