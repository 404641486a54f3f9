/* run: the kiosk (full screen), the desktop preview (--window) or the kiosk
 * offscreen (--headless), fed by the feeder thread through the mailbox. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "base/limits.h"
#include "screen/display/display.h"
#include "live/feeder/feeder.h"
#include "live/cache/playlog.h"
#include "live/pictures/picture_worker.h"
#include "live/sync/sync.h"
#include "screen/frame/frameloop.h"
#include "base/log.h"
#include "base/paths.h"
#include "base/mailbox.h"
#include "base/service.h"
#include "base/synth.h"
#include "ops/schedule.h"
#include "cli/healthwire.h"
#include "cli/remotewire.h"
#include <time.h>

/* Where a preview goes when there is no screen to show it on: a folder of
 * this user's own ($XDG_RUNTIME_DIR, else base/paths' cache folder), never
 * a fixed name in the shared /tmp, which a second user could not replace. */
static void preview_path(char *out, size_t size)
{
    const char *runtime = getenv("XDG_RUNTIME_DIR");
    char dir[TICKER_DIR_MAX];
    if (runtime && runtime[0] == '/' && access(runtime, W_OK) == 0)
        snprintf(dir, sizeof dir, "%s", runtime);
    else
        path_user_cache_dir(dir, sizeof dir);
    if (!path_make_dirs(dir))
        log_warn("preview: cannot create %s: %s", dir, strerror(errno));
    snprintf(out, size, "%s/ticker-preview.png", dir);
}

static struct display *open_display(const struct config *config, const struct cli_options *options,
                                    struct frameloop_options *loop, char *shot, size_t shot_size)
{
    char err[TICKER_ERROR_WRAPPING_MAX];
    int w = config->display.width > 0 ? config->display.width : 1920;
    int h = config->display.height > 0 ? config->display.height : 1080;
    if (options->headless) {
        struct display *offscreen = display_open(config, DISPLAY_OFFSCREEN, w, h, NULL, err, sizeof err);
        if (!offscreen)
            log_error("%s", err);
        return offscreen;
    }
    bool no_display = false;
    struct display *display = display_open(config, config->display.window ? DISPLAY_WINDOW : DISPLAY_KIOSK, 0, 0,
                                           &no_display, err, sizeof err);
    if (display)
        return display;
    if (!config->display.window || !no_display) {
        log_error("%s", err);
        return NULL;
    }
    /* A preview asked for where nothing can show it: draw it offscreen and
     * say where the picture is, rather than fail or pretend. Nothing is
     * wrong (a fresh headless machine), so no "warning" either. */
    log_info("%s", err);
    int ww = config->display.window_width > 0 ? config->display.window_width : 1280;
    int wh = config->display.window_height > 0 ? config->display.window_height : 720;
    display = display_open(config, DISPLAY_OFFSCREEN, ww, wh, NULL, err, sizeof err);
    if (!display) {
        log_error("%s", err);
        return NULL;
    }
    preview_path(shot, shot_size);
    loop->final_screenshot = shot;
    if (!(loop->duration_seconds > 0))
        loop->duration_seconds = 3; /* long enough for the first items to arrive */
    log_info("no display: rendering the preview offscreen for %.1f s; its last frame goes to %s",
             loop->duration_seconds, shot);
    return display;
}

/* A group's thread for [sync] leader or follower; when it cannot start
 * (a bad key, a bind that fails) the kiosk runs on its own, since a
 * mistake in [sync] must not leave a screen dark. */
static struct sync *start_sync(struct config *config, struct mailbox *mailbox, struct programbox **box)
{
    if (config->sync.role == CONFIG_SYNC_NONE)
        return NULL;
    char err[512] = LOG_OOM;
    *box = programbox_create();
    struct sync *sync = *box ? sync_start(config, mailbox, *box, err, sizeof err) : NULL;
    if (!sync) {
        log_error("sync: %s; this kiosk runs on its own", err);
        programbox_destroy(*box);
        *box = NULL;
        config->sync.role = CONFIG_SYNC_NONE; /* the scene is made from it: a single kiosk's */
    }
    return sync;
}

/* The on-hours of [schedule], said once at the start when the screen is
 * ever off; false (said, naming the config) when they do not parse. */
static bool read_schedule(const struct config *config, struct onhours *week)
{
    char err[TICKER_ERROR_MAX];
    if (!schedule_parse(&config->schedule, week, err, sizeof err)) {
        log_error("config %s: %s", config->config_path, err);
        return false;
    }
    if (schedule_has_off(week)) {
        time_t now = time(NULL), next = schedule_next_change(week, now);
        char when[64] = "never";
        struct tm tm;
        if (next != (time_t)-1 && localtime_r(&next, &tm))
            strftime(when, sizeof when, "%a %H:%M", &tm);
        log_info("schedule: the screen is %s now, next change %s", schedule_is_on(week, now) ? "on" : "off", when);
    }
    return true;
}

/* Where the items come from: the feeder thread, or --synthetic's made-up
 * items with a picture worker of their own. 0, or 1 when it cannot start. */
static int start_items(struct config *config, const struct cli_options *options, struct mailbox *mailbox,
                       struct feeder **feeder, struct picture_worker **pictures)
{
    if (!options->synthetic_items) {
        if ((*feeder = feeder_start(config, mailbox)))
            return 0;
        log_error("cannot start the feeder thread");
        return 1;
    }
    struct item_list *list = synth_items_for(config, options->synthetic_items);
    if (!list) {
        log_oom("%zu synthetic items", options->synthetic_items);
        return 1;
    }
    mailbox_post_items(mailbox, list);
    if (config->display.pictures)
        *pictures = picture_worker_start_isolated(config, mailbox_pictures(mailbox), NULL, "/proc/self/exe");
    return 0;
}

int cmd_run(struct config *config, const struct cli_options *options)
{
    struct frameloop_options loop = {.duration_seconds = options->duration_seconds,
                                     .interactive = config->display.window};
    /* HDMI-CEC in `ticker cec` children: the kiosk's full screen, or
     * wherever [display] cec = on says. */
    bool kiosk_screen = !options->headless && !config->display.window;
    if (config->display.cec == CONFIG_CEC_ON || (config->display.cec == CONFIG_CEC_AUTO && kiosk_screen))
        loop.cec_program = "/proc/self/exe";
    struct onhours week;
    if (!read_schedule(config, &week))
        return 2;
    if (schedule_has_off(&week))
        loop.on_hours = &week;
    char shot[TICKER_PATH_MAX];
    struct display *display = open_display(config, options, &loop, shot, sizeof shot);
    if (!display)
        return 1;
    struct mailbox *mailbox = mailbox_create();
    struct feeder *feeder = NULL;
    struct picture_worker *pictures = NULL; /* for made-up items; the feeder has its own */
    int status = 1;
    if (!mailbox)
        log_oom("run: the mailbox");
    else
        status = start_items(config, options, mailbox, &feeder, &pictures);
    struct programbox *group = NULL;
    struct sync *sync = status == 0 ? start_sync(config, mailbox, &group) : NULL;
    loop.group = group;
    FILE *frame_log = options->frame_log ? fopen(options->frame_log, "w") : NULL;
    if (options->frame_log && !frame_log)
        log_error("--frame-log %s: cannot be written; no frame log", options->frame_log);
    loop.frame_log = frame_log;
    struct framehealth *health = config->health.textfile[0]
                                     ? framehealth_create(config->health.thumbnail_seconds)
                                     : NULL;
    loop.health = health;
    struct healthwire *writer = status == 0 ? healthwire_start(config, health, !options->synthetic_items) : NULL;
    healthwire_set_sync(writer, group);
    /* The proof of play goes to the cache (not for made-up items). */
    struct playlog *played =
        status == 0 && !options->synthetic_items ? playlog_start(config, mailbox_plays(mailbox)) : NULL;
    struct remotewire_targets targets = {.feeder = feeder, .mailbox = mailbox, .command_line = cli_command_line,
                                         .context = (void *)options};
    struct remotewire *remote = status == 0 ? remotewire_start(config, &targets) : NULL;
    loop.stop = remotewire_restart_flag(remote);
    if (status == 0)
        status = frameloop_run(display, config, mailbox, &loop, NULL);
    if (status == 0 && remotewire_restart_wanted(remote))
        status = CLI_RESTART;
    remotewire_stop(remote); /* first: nothing is applied to what stops next */
    healthwire_stop(writer);
    playlog_stop(played); /* what the last frames showed is written before the end */
    framehealth_destroy(health);
    service_notify_stopping();
    sync_stop(sync); /* before the feeder: it takes the feeder's items */
    programbox_destroy(group);
    if (frame_log)
        fclose(frame_log);
    feeder_stop(feeder);
    picture_worker_stop(pictures);
    display_close(display);
    mailbox_destroy(mailbox);
    remotewire_destroy(remote); /* last: the configurations it put in force were read until here */
    return status;
}
