#include "screen/frame/frameloop.h"

#include <errno.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/array.h"
#include "base/clocks.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/service.h"
#include "base/groupclock.h"
#include "screen/frame/groupframe.h"
#include "screen/frame/pacer.h"
#include "screen/display/screenpower.h"
#include "screen/frame/stage.h"
#include "screen/render/render.h"

struct loop {
    struct display *display;
    const struct config *config;
    struct mailbox *mailbox;
    const struct frameloop_options *options;
    struct stage *stage;
    int screen_width, screen_height;
    double speed;
    bool paused;
    bool quit;
    double scene_time;   /* seconds of motion so far, whole refreshes (stands still while paused) */
    bool draw_failing;   /* logged once per run of failed frames, not 60 times a second */
    bool screen_off;     /* by the schedule */
    bool items_shown;    /* a presented frame has shown items: logged once */
    struct screenpower *power; /* CEC, DPMS or blanking */
    const struct onhours *on_hours; /* the schedule in force; NULL: always on */
    char status[256];
    struct groupframe *group; /* NULL: on its own */
    double work;              /* seconds a frame takes, smoothed: when it will be seen */
};

static double process_cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double thread_cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_until(double when)
{
    struct timespec ts = clocks_timespec(when);
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
        ;
}

/* (Re)builds the stage for the renderer's current output size, keeping the
 * item list so a resize shows the same stories. */
static bool rebuild_stage(struct loop *l)
{
    int w, h;
    display_output_size(l->display, &w, &h);
    if (l->stage && w == l->screen_width && h == l->screen_height)
        return true;
    struct item_list *list = l->stage ? scene_release_list(l->stage->scene) : NULL;
    char *featured = l->stage ? strdup(scene_featured_id(l->stage->scene)) : NULL;
    const char *first = NULL;
    int x, width;
    char *crawl = l->stage && scene_crawl_entry(l->stage->scene, 0, &first, &x, &width) ? strdup(first) : NULL;
    stage_destroy(l->stage);
    char err[TICKER_ERROR_WRAPPING_MAX];
    l->stage = stage_create(display_renderer(l->display), l->config, w, h, display_refresh_hz(l->display), err,
                            sizeof err);
    if (!l->stage) {
        log_error("screen %dx%d: %s", w, h, err);
        item_list_destroy(list);
        free(featured);
        free(crawl);
        return false;
    }
    scene_resume(l->stage->scene, featured, crawl);
    free(featured);
    free(crawl);
    l->screen_width = w;
    l->screen_height = h;
    scene_set_speed(l->stage->scene, l->scene_time, l->speed);
    scene_set_status(l->stage->scene, l->status);
    scene_adopt(l->stage->scene, list);
    if (l->group)
        groupframe_restage(l->group);
    return true;
}

static void write_screenshot(struct loop *l)
{
    char path[TICKER_PATH_MAX];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(path, sizeof path, "%s/ticker-%s.png", l->options->screenshot_dir ? l->options->screenshot_dir : ".",
             stamp);
    char err[TICKER_ERROR_WRAPPING_MAX];
    if (render_write_png(display_renderer(l->display), path, err, sizeof err))
        log_info("screenshot written to %s", path);
    else
        log_error("screenshot: %s", err);
}

static void change_speed(struct loop *l, int direction)
{
    double hz = display_refresh_hz(l->display);
    int ppf = scene_snap_pixels_per_frame(l->speed, hz) + direction;
    if (ppf < 1)
        ppf = 1;
    l->speed = ppf * hz;
    scene_set_speed(l->stage->scene, l->scene_time, l->speed);
    log_info("crawl speed %.0f px/s (%d px a refresh)", l->speed, ppf);
}

static void handle_key(struct loop *l, SDL_Keycode key, bool *want_screenshot)
{
    if (l->group && (key == SDLK_SPACE || key == SDLK_LEFT || key == SDLK_RIGHT || key == SDLK_UP || key == SDLK_DOWN))
        return; /* the group's time rules: one screen may not pause or step alone */
    switch (key) {
    case SDLK_SPACE: l->paused = !l->paused; break;
    case SDLK_LEFT: change_speed(l, -1); break;
    case SDLK_RIGHT: change_speed(l, +1); break;
    case SDLK_UP: scene_featured_step(l->stage->scene, l->scene_time, -1); break;
    case SDLK_DOWN: scene_featured_step(l->stage->scene, l->scene_time, +1); break;
    case SDLK_f: display_toggle_fullscreen(l->display); break;
    case SDLK_s: *want_screenshot = true; break;
    case SDLK_q:
    case SDLK_ESCAPE: l->quit = true; break;
    default: break;
    }
}

static bool poll_events(struct loop *l, bool *want_screenshot)
{
    SDL_Event event;
    bool resized = false;
    while (SDL_PollEvent(&event)) {
        if (event.type == SDL_QUIT)
            l->quit = true;
        else if (event.type == SDL_KEYDOWN && l->options->interactive && !event.key.repeat)
            handle_key(l, event.key.keysym.sym, want_screenshot);
        else if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            resized = true;
        else if (event.type == SDL_WINDOWEVENT && l->stage &&
                 (event.window.event == SDL_WINDOWEVENT_EXPOSED || event.window.event == SDL_WINDOWEVENT_SHOWN ||
                  event.window.event == SDL_WINDOWEVENT_RESTORED))
            render_forget_pixels(l->stage->render); /* the window's pixels may be gone: draw all next time */
    }
    return resized;
}

/* A remote configuration applied live: the settings the scene holds go
 * into a new scene on the same render (the same story featured, the crawl
 * from the same story), the schedule into the loop. A new list of
 * settings is a pointer swap in the mailbox; this runs once per change. */
static void apply_settings(struct loop *l, const struct config *config, const struct onhours *on_hours)
{
    const struct display_config *a = &l->config->display, *b = &config->display;
    bool scene_changed = a->featured_seconds != b->featured_seconds || !config_text_equal(a->title, b->title) ||
                         a->qr_code != b->qr_code || a->crawl_thumbnails != b->crawl_thumbnails;
    bool speed_changed = a->crawl_speed != b->crawl_speed;
    bool schedule_changed = (l->on_hours == NULL) != (on_hours == NULL) ||
                            (on_hours && memcmp(l->on_hours, on_hours, sizeof *on_hours));
    l->config = config;
    l->on_hours = on_hours;
    if (speed_changed)
        l->speed = b->crawl_speed;
    if (scene_changed) {
        struct item_list *list = scene_release_list(l->stage->scene);
        char *featured = strdup(scene_featured_id(l->stage->scene));
        const char *first = NULL;
        int x, width;
        char *crawl = scene_crawl_entry(l->stage->scene, 0, &first, &x, &width) ? strdup(first) : NULL;
        if (!stage_apply_display(l->stage, config, l->scene_time, featured, crawl))
            log_error("screen: " LOG_OOM " applying the new display settings; the old ones stay");
        free(featured);
        free(crawl);
        scene_set_speed(l->stage->scene, l->scene_time, l->speed); /* a preview's arrow keys may have changed it */
        scene_set_status(l->stage->scene, l->status);
        scene_adopt(l->stage->scene, list);
        render_forget_pixels(l->stage->render);
    } else if (speed_changed) {
        scene_set_speed(l->stage->scene, l->scene_time, l->speed);
    }
    char what[160] = "";
    if (scene_changed)
        snprintf(what, sizeof what, ", featured panel and header (featured %.0f s, QR code %s, crawl thumbnails %s)",
                 b->featured_seconds, b->qr_code ? "on" : "off", b->crawl_thumbnails ? "on" : "off");
    if (speed_changed)
        snprintf(what + strlen(what), sizeof what - strlen(what), ", crawl speed %.0f px/s", l->speed);
    if (schedule_changed)
        snprintf(what + strlen(what), sizeof what - strlen(what), ", schedule");
    log_info("screen: new settings in force without a restart: %s", what[0] ? what + 2 : "none that the screen shows");
}

static void take_mail(struct loop *l)
{
    const struct config *config;
    const struct onhours *on_hours;
    if (mailbox_take_settings(l->mailbox, &config, &on_hours))
        apply_settings(l, config, on_hours);
    struct item_list *list = l->group ? NULL : mailbox_take_items(l->mailbox); /* a group's go to live/sync/sync */
    if (list) {
        log_debug("adopting %zu items", list->count);
        scene_adopt(l->stage->scene, list);
    }
    if (mailbox_take_status(l->mailbox, l->status, sizeof l->status)) {
        scene_set_status(l->stage->scene, l->status);
        service_notify_status(l->status[0] ? l->status : "showing");
    }
}

/* What a power change leaves on the screen: a panel powered down is drawn
 * whole when it wakes; one that nothing powered down (or not yet: CEC's
 * child still running) shows black. */
static void show_power(struct loop *l, enum screenpower_result r, bool on)
{
    if (r == SCREENPOWER_NONE)
        return;
    if (r == SCREENPOWER_PANEL || on) {
        render_forget_pixels(l->stage->render);
        return;
    }
    display_blank(l->display);
    SDL_RenderPresent(display_renderer(l->display));
}

/* The schedule: while off the panel is powered down (or blanked with one
 * black frame), the loop wakes twice a second to keep taking mail and
 * feeding the watchdog, which a screen off on purpose must not trip. */
static bool screen_wanted(struct loop *l, const struct tm *local_time, uint64_t *watchdog_state)
{
    /* A current alert wakes the screen whatever the schedule says: an
     * evacuation notice must not wait for the morning. */
    scene_set_clock(l->stage->scene, local_time);
    bool on = !l->on_hours || onhours_is_on(l->on_hours, local_time) ||
              scene_alert_id(l->stage->scene)[0];
    if (on != !l->screen_off) {
        l->screen_off = !on;
        log_info("schedule: screen %s", on ? "on" : "off");
        if (!on)
            service_notify_ready(); /* started at night: systemd must not wait for a first frame until morning */
        service_notify_status(on ? "showing" : "screen off (schedule)");
        show_power(l, screenpower_set(l->power, on), on);
    }
    show_power(l, screenpower_poll(l->power), on); /* a CEC child's outcome, and the fallback after a failure */
    if (on)
        return true;
    if (l->options->health)
        framehealth_frame(l->options->health, 0, false, false, scene_item_count(l->stage->scene),
                          scene_alert_count(l->stage->scene), false);
    service_watchdog_feed((uint64_t)(clocks_monotonic_seconds() * 1000), watchdog_state);
    sleep_until(clocks_monotonic_seconds() + 0.5);
    return false;
}

/* Pictures decoded off this thread arrive as pixels and become textures
 * here, one a frame (stage_exchange_pictures). */
static void exchange_pictures(struct loop *l)
{
    stage_exchange_pictures(l->stage, mailbox_pictures(l->mailbox), NULL);
}

/* The group time this frame will be seen at, and the program's segments
 * due then taken into the scene. */
static double group_time(struct loop *l, const struct pacer *pacer, double frame_start)
{
    double present = pacer_predict_present(pacer, frame_start, l->work);
    double t = groupframe_time(l->group, groupclock_local_now() + (present - clocks_monotonic_seconds()));
    groupframe_update(l->group, l->stage, l->config->display.rotate, t);
    return t;
}

static void log_frame(const struct loop *l, FILE *out)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    const struct scene *s = l->stage->scene;
    const char *id = "-";
    int x = 0, w;
    scene_crawl_entry(s, 0, &id, &x, &w);
    fprintf(out, "%lld.%06ld %lld %.6f %zu %zu %d %s\n", (long long)ts.tv_sec, ts.tv_nsec / 1000,
            (long long)scene_crawl_offset(s), l->scene_time, scene_crawl_entry_count(s), scene_item_count(s), x, id);
}

/* What the scene showed, to the proof of play's queue: its times from the
 * scene's clock to the wall clock (now is at l->scene_time). Pointer copies
 * under a mutex; the writer thread does the rest. */
static void send_plays(struct loop *l, int64_t now)
{
    struct scene_play plays[32];
    size_t n = scene_take_plays(l->stage->scene, plays, 32);
    static const char *const kinds[] = {"featured", "crawl", "alert"};
    for (size_t i = 0; i < n; i++) {
        struct play_event e = {kinds[plays[i].kind], plays[i].id, plays[i].title, plays[i].source,
                               now - (int64_t)llround(l->scene_time - plays[i].from),
                               now - (int64_t)llround(l->scene_time - plays[i].to)};
        playqueue_push(mailbox_plays(l->mailbox), &e); /* takes the strings */
    }
}

static bool record_frame(struct frameloop_stats *stats, double ms, double cpu_ms, size_t *capacity)
{
    size_t ms_capacity = *capacity, cpu_capacity = *capacity; /* one capacity, kept once both grew */
    if (!ARRAY_GROW(stats->frame_ms, ms_capacity, stats->frames + 1, 4096) ||
        !ARRAY_GROW(stats->frame_cpu_ms, cpu_capacity, stats->frames + 1, 4096))
        return false;
    *capacity = ms_capacity;
    stats->frame_ms[stats->frames] = ms;
    stats->frame_cpu_ms[stats->frames] = cpu_ms;
    return true;
}

int frameloop_run(struct display *display, const struct config *config, struct mailbox *mailbox,
                  const struct frameloop_options *options, struct frameloop_stats *stats)
{
    struct loop l = {.display = display, .config = config, .mailbox = mailbox, .options = options,
                     .speed = config->display.crawl_speed, .on_hours = options->on_hours};
    if (options->group && !(l.group = groupframe_create(options->group)))
        return 1;
    struct frameloop_stats local = {0};
    if (!stats)
        stats = &local;
    memset(stats, 0, sizeof *stats);
    l.power = screenpower_create(display, options->cec_program);
    if (!l.power || !rebuild_stage(&l)) {
        screenpower_destroy(l.power);
        groupframe_destroy(l.group);
        return 1;
    }
    double period = 1.0 / display_refresh_hz(display);
    double start = clocks_monotonic_seconds();
    struct pacer pacer;
    pacer_init(&pacer, display_refresh_hz(display), start);
    uint64_t watchdog_state = 0;
    size_t capacity = 0;
    bool ready = false;
    double cpu_at_first_frame = 0, thread_cpu_at_first_frame = 0;
    while (!l.quit && !(options->stop && atomic_load(options->stop))) {
        double frame_start = clocks_monotonic_seconds();
        double frame_cpu_start = options->record_frame_times ? thread_cpu_seconds() : 0;
        if (options->duration_seconds > 0 && frame_start - start >= options->duration_seconds)
            break;
        bool want_screenshot = false;
        if (poll_events(&l, &want_screenshot) && !rebuild_stage(&l))
            break;
        int slots = stats->frames ? pacer_frame_slots(&pacer, frame_start) : 0;
        if (options->unthrottled)
            l.scene_time = (double)stats->frames * period; /* every frame a new refresh: nothing is drawn twice */
        else if (!l.paused)
            l.scene_time += slots * period; /* whole refreshes: the crawl moves by whole steps */
        take_mail(&l);
        if (l.group)
            l.scene_time = group_time(&l, &pacer, frame_start);
        exchange_pictures(&l);
        time_t now = time(NULL);
        struct tm local_time;
        localtime_r(&now, &local_time);
        if (!screen_wanted(&l, &local_time, &watchdog_state))
            continue; /* off by the schedule: nothing drawn, the watchdog still fed */
        bool drawn = stage_draw(l.stage, l.scene_time, &local_time);
        send_plays(&l, (int64_t)now);
        if (drawn != !l.draw_failing) {
            if (drawn)
                log_info("frames draw again");
            else
                log_error("a frame could not be drawn whole (" LOG_OOM " or a renderer error)");
            l.draw_failing = !drawn;
        }
        if (want_screenshot)
            write_screenshot(&l);
        if (options->health && drawn)
            framehealth_capture(options->health, display_renderer(display), frame_start);
        double present_start = clocks_monotonic_seconds();
        SDL_RenderPresent(display_renderer(display));
        double frame_end = clocks_monotonic_seconds();
        l.work += 0.1 * ((present_start - frame_start) - l.work);
        if (options->frame_log)
            log_frame(&l, options->frame_log);
        if (options->health)
            framehealth_frame(options->health, frame_end - frame_start, drawn,
                              !drawn || frame_end - frame_start > 1.5 * period, scene_item_count(l.stage->scene),
                              scene_alert_count(l.stage->scene), true);
        if (options->record_frame_times &&
            !record_frame(stats, (frame_end - frame_start) * 1000, (thread_cpu_seconds() - frame_cpu_start) * 1000,
                          &capacity))
            break;
        stats->frames++;
        size_t textures = render_texture_count(l.stage->render);
        if (textures > stats->peak_textures)
            stats->peak_textures = textures;
        if (drawn) /* a frame that could not be drawn whole does not prove the screen works */
            service_watchdog_feed((uint64_t)(frame_end * 1000), &watchdog_state);
        if (!l.items_shown && drawn && scene_item_count(l.stage->scene)) {
            /* The promise "the cached items are on screen within a second of
             * the start, before any network" is measured from this line: the
             * time is CLOCK_MONOTONIC, the clock of systemd's
             * ExecMainStartTimestampMonotonic, so the two subtract. */
            l.items_shown = true;
            log_info("first frame showing items: frame %zu, %zu items, at monotonic %.3f s", stats->frames,
                     scene_item_count(l.stage->scene), frame_end);
        }
        if (!ready) {
            service_notify_ready();
            ready = true;
            cpu_at_first_frame = process_cpu_seconds();
            thread_cpu_at_first_frame = thread_cpu_seconds();
        }
        if (options->unthrottled)
            continue;
        /* Never faster than the refresh, even where vsync is not honoured
         * (dummy and some X servers): an unpaced loop burns a core. */
        double next = pacer_next_start(&pacer, present_start, frame_end);
        if (next > clocks_monotonic_seconds())
            sleep_until(next);
    }
    if (l.stage) {
        scene_finish_plays(l.stage->scene);
        send_plays(&l, (int64_t)time(NULL));
    }
    stats->seconds = clocks_monotonic_seconds() - start;
    stats->cpu_seconds = ready ? process_cpu_seconds() - cpu_at_first_frame : 0;
    stats->render_cpu_seconds = ready ? thread_cpu_seconds() - thread_cpu_at_first_frame : 0;
    stats->items_shown = l.stage ? scene_item_count(l.stage->scene) : 0;
    int status = 0;
    if (options->final_screenshot) {
        char err[TICKER_ERROR_WRAPPING_MAX];
        if (render_write_png(display_renderer(display), options->final_screenshot, err, sizeof err)) {
            log_info("screenshot of the last frame written to %s", options->final_screenshot);
        } else {
            log_error("screenshot: %s", err);
            status = 1;
        }
    }
    stage_destroy(l.stage);
    screenpower_destroy(l.power);
    groupframe_destroy(l.group);
    frameloop_stats_clear(&local);
    return status;
}

void frameloop_stats_clear(struct frameloop_stats *stats)
{
    free(stats->frame_ms);
    free(stats->frame_cpu_ms);
    stats->frame_ms = NULL;
    stats->frame_cpu_ms = NULL;
    stats->frames = 0;
}
