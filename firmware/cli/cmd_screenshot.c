/* screenshot: one frame at a given time, offscreen, with the software
 * renderer: the same input and options give the same pixels. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli/commands.h"
#include "base/limits.h"
#include "screen/display/display.h"
#include "live/feeder/feeder.h"
#include "live/pictures/picture_worker.h"
#include "base/log.h"
#include "screen/frame/stage.h"
#include "base/synth.h"
#include "ingest/editorial.h"
#include "ops/schedule.h"

#define PICTURE_WAIT_SECONDS 15.0

/* A group's frame (--group-time): the items are one program segment
 * from group time 0 and scroll coordinate 0, as every screen of a wall
 * would lay them out. */
static void adopt(struct stage *stage, struct item_list *items, bool group)
{
    if (group)
        scene_group_adopt(stage->scene, items, 0, 0, false);
    else
        scene_adopt(stage->scene, items);
}

/* What the kiosk would show at --at: the pictures of the items then on
 * screen, fetched and decoded as the kiosk would (with a timeout, after
 * which the items are drawn without those still missing), then the scene
 * laid out again with them. */
static void wait_for_pictures(struct config *config, struct stage *stage, struct item_list *items, double at,
                              const struct tm *clock, bool group)
{
    bool any = false;
    for (size_t i = 0; items && i < items->count && !any; i++)
        any = items->items[i].picture_count > 0;
    if (!config->display.pictures || !any) {
        item_list_destroy(items);
        return;
    }
    scene_set_clock(stage->scene, clock); /* alerts expire by it */
    scene_advance(stage->scene, at);
    const char *wanted[SCENE_WANTED_PICTURES_MAX];
    size_t n = scene_wanted_pictures(stage->scene, wanted, SCENE_WANTED_PICTURES_MAX);
    if (!n) {
        item_list_destroy(items);
        return;
    }
    struct picture_mailbox *mailbox = picture_mailbox_create();
    struct picture_worker *worker =
        mailbox ? picture_worker_start_isolated(config, mailbox, NULL, "/proc/self/exe") : NULL;
    size_t missing = worker ? stage_await_pictures(stage, mailbox, PICTURE_WAIT_SECONDS) : 0;
    if (missing)
        log_warn("screenshot: %zu of %zu pictures did not come within %.0f s; drawn without them", missing, n,
                 PICTURE_WAIT_SECONDS);
    picture_worker_stop(worker);
    picture_mailbox_destroy(mailbox);
    if (stage_relayout(stage, group ? NULL : items, clock) && group)
        adopt(stage, items, true);
}

/* The wall-clock time of the frame: --clock's, else now, local. */
static void read_clock(const struct cli_options *options, struct tm *clock)
{
    if (options->has_clock) {
        *clock = options->clock;
        clock->tm_isdst = -1;
        mktime(clock); /* the local offset, by which alerts expire */
    } else {
        time_t now = time(NULL);
        localtime_r(&now, clock);
    }
}

/* The sources within their hours at clock, with the operators' editorial
 * rules applied, as the kiosk would show them; or --synthetic's items.
 * NULL when out of memory. */
static struct item_list *load_items(struct config *config, const struct cli_options *options, const struct tm *clock)
{
    if (options->synthetic_items)
        return synth_items_for(config, options->synthetic_items);
    struct item_list *items = feeder_load_now(config, clock);
    struct tm fields = *clock;
    if (items && !editorial_screen_list(config, items, (int64_t)timegm(&fields) - clock->tm_gmtoff)) {
        item_list_destroy(items);
        return NULL;
    }
    return items;
}

int cmd_screenshot(struct config *config, const struct cli_options *options)
{
    if (!options->output) {
        log_error("screenshot: say where to write it: -o FILE.png");
        return 2;
    }
    int width = config->display.width > 0 ? config->display.width : 1920;
    int height = config->display.height > 0 ? config->display.height : 1080;
    struct tm clock;
    read_clock(options, &clock);
    struct item_list *items = load_items(config, options, &clock);
    if (!items) {
        log_error("screenshot: " LOG_OOM " loading items");
        return 1;
    }
    if (items->count == 0)
        log_warn("screenshot: no items loaded; the frame shows the waiting line");
    bool group = options->has_group_time;
    double at = group ? options->group_time : options->at_seconds;
    if (group && config->sync.role == CONFIG_SYNC_NONE)
        config->sync.role = CONFIG_SYNC_LEADER; /* only the scene's group mode: a screenshot serves nothing */
    char err[TICKER_ERROR_WRAPPING_MAX];
    struct display *display = display_open(config, DISPLAY_OFFSCREEN, width, height, NULL, err, sizeof err);
    struct stage *stage = display ? stage_create(display_renderer(display), config, width, height, 60, err, sizeof err)
                                  : NULL;
    if (!stage) {
        log_error("screenshot: %s", err);
        item_list_destroy(items);
        display_close(display);
        return 1;
    }
    struct item_list *again = item_list_clone(items); /* for the layout with the pictures */
    scene_set_clock(stage->scene, &clock); /* before the items: a current pin leads the crawl */
    adopt(stage, items, group);
    wait_for_pictures(config, stage, again, at, &clock, group);
    struct onhours week;
    if (!schedule_parse(&config->schedule, &week, err, sizeof err)) {
        log_error("config %s: %s", config->config_path, err);
        stage_destroy(stage);
        display_close(display);
        return 2;
    }
    int status = 0;
    scene_set_clock(stage->scene, &clock);
    /* What the panel shows then: nothing, unless an alert woke it. */
    bool off = !onhours_is_on(&week, &clock) && !scene_alert_id(stage->scene)[0];
    if (off)
        display_blank(display);
    /* The screen as its viewer sees it: a turned screen's picture upright, at its size. */
    int shot_width = width, shot_height = height;
    if ((!off && !stage_draw(stage, at, &clock)) ||
        !stage_write_png_upright(stage, options->output, &shot_width, &shot_height, err, sizeof err)) {
        log_error("screenshot: %s", err);
        status = 1;
    } else {
        char turned[64] = "";
        if (config->display.rotate)
            snprintf(turned, sizeof turned, ", upright for the %dx%d screen turned %d", width, height,
                     config->display.rotate);
        log_info("screenshot: wrote %s (%dx%d%s, %s=%.2f s%s)", options->output, shot_width, shot_height, turned,
                 group ? "group time" : "t", at, off ? ", the screen off by the schedule" : "");
    }
    stage_destroy(stage);
    display_close(display);
    return status;
}
