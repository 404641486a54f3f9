/* stage: one scene drawn by one render on one renderer — the pipeline every
 * command shares (kiosk, preview, screenshot, bench).
 * Owns: the scene, the render and the frame's op list.  Never: owns the
 * window or the clock (the caller passes the time in). The header names
 * SDL's renderer and the render only as opaque structs: a caller (cli's
 * screenshot) needs none of SDL's headers. */
#ifndef TICKER_STAGE_H
#define TICKER_STAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/config.h"
#include "base/item.h"
#include "base/picture_mailbox.h"
#include "screen/scene/scene.h"

struct render;
struct SDL_Renderer; /* SDL's, as SDL_Renderer */

struct stage {
    struct SDL_Renderer *renderer;
    struct render *render;
    struct scene *scene;
    struct scene_frame frame;
    struct scene_settings settings; /* the scene's, for a relayout (title points into the config) */
    double refresh_hz;
    int screen_width, screen_height;
};

/* For a renderer whose output is screen_width x screen_height. With a
 * [sync] role the scene is in group mode (scene.h), laid out for the
 * [sync] wall and showing this screen's part of it. */
struct stage *stage_create(struct SDL_Renderer *renderer, const struct config *config, int screen_width,
                           int screen_height, double refresh_hz, char *err, size_t err_size);
void stage_destroy(struct stage *stage);

/* Moves the scene to t seconds with the header clock at local_time, and
 * draws it (not presenting). */
bool stage_draw(struct stage *stage, double t, const struct tm *local_time);

/* The [display] settings that need no new window, renderer or fonts —
 * crawl_speed, featured_seconds, title, qr_code, crawl_thumbnails — from config
 * (which must outlive the stage): a new, empty scene on the same render,
 * at time t (the loop's scene time, so the featured story resumed there
 * keeps its full time), resuming at featured_id and crawl_id (see
 * scene_resume; either NULL); the caller adopts the list into it. No disk,
 * no network. False (the old scene kept) on OOM. */
bool stage_apply_display(struct stage *stage, const struct config *config, double t, const char *featured_id,
                         const char *crawl_id);

/* A new scene with the same settings, adopting items (owned; the list as
 * first given: the scene takes alerts out of what it adopts), laid out from
 * time 0 with its clock at local_time (NULL: unset): for a screenshot once
 * the pictures it waited for are there. */
bool stage_relayout(struct stage *stage, struct item_list *items, const struct tm *local_time);

/* One turn of the picture exchange with the picture worker, on the thread
 * that draws: takes at most one arrived picture (pixels, or its failure)
 * into the render (one a turn: an upload is a copy of a few megabytes),
 * then wishes for the pictures the scene wants soon that the render does
 * not hold yet, in the scene's picture and thumbnail boxes. *took says
 * whether one arrived (NULL: not asked). Returns how many are still
 * missing: 0 once every wanted picture is there or has failed. The kiosk's
 * frame loop runs it every frame, a screenshot until it returns 0. */
size_t stage_exchange_pictures(struct stage *stage, struct picture_mailbox *pictures, bool *took);
/* The exchange turned until every wanted picture is settled or seconds
 * have passed, resting a few milliseconds whenever none arrived: for a
 * screenshot, which draws one frame once its pictures are there. Returns
 * how many are still missing. */
size_t stage_await_pictures(struct stage *stage, struct picture_mailbox *pictures, double seconds);

/* The renderer's pixels to a PNG at path, upright for a screen turned by
 * [display] rotate (render_write_png_upright): *width x *height is the
 * picture's size. */
bool stage_write_png_upright(struct stage *stage, const char *path, int *width, int *height, char *err,
                             size_t err_size);

#endif
