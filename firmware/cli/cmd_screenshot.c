/* screenshot: one frame at a given time, offscreen, with the software
 * renderer: the same input and options give the same pixels. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli/commands.h"
#include "screen/display.h"
#include "live/feeder.h"
#include "base/log.h"
#include "screen/stage.h"
#include "cli/synth.h"
#include "ops/schedule.h"

int cmd_screenshot(struct config *config, const struct cli_options *options)
{
    if (!options->output) {
        log_error("screenshot: say where to write it: -o FILE.png");
        return 2;
    }
    int width = config->display.width > 0 ? config->display.width : 1920;
    int height = config->display.height > 0 ? config->display.height : 1080;
    struct item_list *items = options->synthetic_items ? synth_items(options->synthetic_items) : feeder_load_now(config);
    if (!items) {
        log_error("screenshot: out of memory loading items");
        return 1;
    }
    if (items->count == 0)
        log_warn("screenshot: no items loaded; the frame shows the waiting line");
    char err[1024];
    struct display *display = display_open(config, DISPLAY_OFFSCREEN, width, height, NULL, err, sizeof err);
    struct stage *stage = display ? stage_create(display_renderer(display), config, width, height, 60, err, sizeof err)
                                  : NULL;
    if (!stage) {
        log_error("screenshot: %s", err);
        item_list_destroy(items);
        display_close(display);
        return 1;
    }
    scene_adopt(stage->scene, items);
    struct tm clock;
    if (options->has_clock) {
        clock = options->clock;
        clock.tm_isdst = -1;
        mktime(&clock); /* the local offset, by which alerts expire */
    } else {
        time_t now = time(NULL);
        localtime_r(&now, &clock);
    }
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
    if (off) {
        SDL_SetRenderDrawColor(display_renderer(display), 0, 0, 0, 255);
        SDL_RenderClear(display_renderer(display));
    }
    if ((!off && !stage_draw(stage, options->at_seconds, &clock)) ||
        !render_write_png(display_renderer(display), options->output, err, sizeof err)) {
        log_error("screenshot: %s", err);
        status = 1;
    } else {
        log_info("screenshot: wrote %s (%dx%d, rotated %d, t=%.2f s%s)", options->output, width, height,
                 config->display.rotate, options->at_seconds, off ? ", the screen off by the schedule" : "");
    }
    stage_destroy(stage);
    display_close(display);
    return status;
}
