#include "screen/frame/stage.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/clocks.h"
#include "base/log.h"
#include "screen/render/render.h"

struct stage *stage_create(SDL_Renderer *renderer, const struct config *config, int screen_width, int screen_height,
                           double refresh_hz, char *err, size_t err_size)
{
    struct stage *s = calloc(1, sizeof *s);
    if (!s) {
        log_oom_reason(err, err_size, NULL);
        return NULL;
    }
    const struct display_config *dc = &config->display;
    s->render = render_create(renderer, config, screen_width, screen_height, dc->rotate, err, err_size);
    if (!s->render) {
        free(s);
        return NULL;
    }
    s->renderer = renderer;
    s->refresh_hz = refresh_hz;
    s->screen_width = screen_width;
    s->screen_height = screen_height;
    struct scene_settings settings = {.screen_width = screen_width, .screen_height = screen_height,
                                      .rotate = dc->rotate, .refresh_hz = refresh_hz,
                                      .speed_px_per_second = dc->crawl_speed, .featured_seconds = dc->featured_seconds,
                                      .title = dc->title, .qr_code = dc->qr_code, .pictures = dc->pictures,
                                      .crawl_thumbnails = dc->crawl_thumbnails,
                                      .wall = {config->sync.columns, config->sync.rows, config->sync.column,
                                               config->sync.row, config->sync.bezel},
                                      .group = config->sync.role != CONFIG_SYNC_NONE,

                                      .pin_every = config->editorial.pin_every};
    render_logo_size(s->render, &settings.logo_width, &settings.logo_height);
    s->settings = settings;
    s->scene = scene_create(&settings, render_measure(s->render));
    if (!s->scene) {
        snprintf(err, err_size, "scene %dx%d rotated %d: " LOG_OOM " or bad size", screen_width, screen_height,
                 dc->rotate);
        stage_destroy(s);
        return NULL;
    }
    return s;
}

void stage_destroy(struct stage *s)
{
    if (!s)
        return;
    scene_destroy(s->scene);
    render_destroy(s->render);
    scene_frame_clear(&s->frame);
    free(s);
}

bool stage_draw(struct stage *s, double t, const struct tm *local_time)
{
    scene_advance(s->scene, t);
    scene_set_clock(s->scene, local_time);
    if (!scene_build(s->scene, &s->frame))
        return false;
    /* No clear: the scene's first op fills the whole screen. */
    return render_draw(s->render, &s->frame);
}

bool stage_apply_display(struct stage *s, const struct config *config, double t, const char *featured_id,
                         const char *crawl_id)
{
    const struct display_config *dc = &config->display;
    struct scene_settings settings = s->settings;
    settings.speed_px_per_second = dc->crawl_speed;
    settings.featured_seconds = dc->featured_seconds;
    settings.title = dc->title;
    settings.qr_code = dc->qr_code;
    settings.pictures = dc->pictures;
    settings.crawl_thumbnails = dc->crawl_thumbnails;
    struct scene *fresh = scene_create(&settings, render_measure(s->render));
    if (!fresh)
        return false;
    scene_resume(fresh, featured_id, crawl_id);
    scene_set_speed(fresh, t, dc->crawl_speed);
    scene_destroy(s->scene);
    s->scene = fresh;
    s->settings = settings;
    return true;
}

bool stage_relayout(struct stage *s, struct item_list *items, const struct tm *local_time)
{
    struct scene *fresh = scene_create(&s->settings, render_measure(s->render));
    if (!fresh) {
        item_list_destroy(items);
        return false;
    }
    scene_destroy(s->scene);
    s->scene = fresh;
    if (local_time)
        scene_set_clock(s->scene, local_time); /* before the items: a current pin leads the crawl */
    scene_adopt(s->scene, items);
    return true;
}

size_t stage_exchange_pictures(struct stage *stage, struct picture_mailbox *pictures, bool *took)
{
    struct picture_result r;
    bool arrived = picture_mailbox_take(pictures, &r);
    if (arrived) {
        if (r.rgba)
            render_add_picture(stage->render, r.url, r.width, r.height, r.rgba, r.pitch);
        else
            render_add_picture_failure(stage->render, r.url);
        picture_result_clear(&r);
    }
    if (took)
        *took = arrived;
    const char *wanted[SCENE_WANTED_PICTURES_MAX];
    size_t n = scene_wanted_pictures(stage->scene, wanted, SCENE_WANTED_PICTURES_MAX), missing = 0;
    for (size_t i = 0; i < n; i++)
        if (!render_picture_settled(stage->render, wanted[i]))
            wanted[missing++] = wanted[i];
    int w, h, tw, th;
    scene_picture_box(stage->scene, &w, &h);
    scene_thumbnail_box(stage->scene, &tw, &th);
    picture_mailbox_wish(pictures, wanted, missing, w, h, tw, th);
    return missing;
}

size_t stage_await_pictures(struct stage *stage, struct picture_mailbox *pictures, double seconds)
{
    double until = clocks_monotonic_seconds() + seconds;
    bool took;
    size_t missing = stage_exchange_pictures(stage, pictures, &took);
    while (missing && clocks_monotonic_seconds() < until) {
        if (!took)
            SDL_Delay(5); /* the worker decodes in another process: nothing to do until it answers */
        missing = stage_exchange_pictures(stage, pictures, &took);
    }
    return missing;
}

bool stage_write_png_upright(struct stage *stage, const char *path, int *width, int *height, char *err,
                             size_t err_size)
{
    return render_write_png_upright(stage->renderer, stage->settings.rotate, path, width, height, err, err_size);
}
