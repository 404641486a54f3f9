/* render: draws a scene's ops with an SDL renderer — text textures, made once
 * per text and cut into seamless tiles when wider than the renderer allows,
 * kept only while visible or about to be; the logo; the rotation onto the
 * physical screen; reading the frame back for screenshots.
 * Owns: the typeset fonts, every texture, and the measure the scene uses.
 * Never: decides what goes where (scene does) or owns the window (display). */
#ifndef TICKER_RENDER_H
#define TICKER_RENDER_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/config.h"
#include "screen/scene/scene.h"

struct render;

/* Fonts sized for the logical screen of (screen size, rotation). The
 * maximum tile width is the smaller of config->display.max_texture_width
 * (when set) and the renderer's limit (when it reports one). */
struct render *render_create(SDL_Renderer *renderer, const struct config *config, int screen_width,
                             int screen_height, int rotate, char *err, size_t err_size);
void render_destroy(struct render *render);

/* Font metrics and the text width function, for scene_create. */
const struct scene_measure *render_measure(const struct render *render);
/* The logo's own size, 0 x 0 when there is none. */
void render_logo_size(const struct render *render, int *width, int *height);

/* Draws the frame (not presenting it), then frees every texture the frame
 * did not use. Returns false when drawing failed (logged). */
bool render_draw(struct render *render, const struct scene_frame *frame);

/* The target's pixels are no longer the last frame (a new window surface,
 * a screenshot drawn elsewhere): the next draw draws everything. */
void render_forget_pixels(struct render *render);

/* Pictures arrive decoded (RGBA8888, off the render thread) and are
 * uploaded here, within the picture budget (render_picture_budget); a url
 * that could not be had is marked failed so nothing waits for it. */
bool render_add_picture(struct render *render, const char *url, int width, int height, const uint8_t *rgba,
                        size_t pitch);
void render_add_picture_failure(struct render *render, const char *url);
/* The picture is there or has failed: nothing more will come for it. */
bool render_picture_settled(const struct render *render, const char *url);
/* Bytes of picture textures held, and the most they may hold for a screen. */
size_t render_picture_bytes(const struct render *render);
size_t render_picture_budget(int screen_width, int screen_height);

/* Textures held now and tiles of the widest, for the memory checks. */
size_t render_texture_count(const struct render *render);
/* Texts made so far on the render thread (drawn before they were made
 * ahead), texts made ahead on the text thread (screen/text/textmaker) and only
 * uploaded here, and texts asked of it and not made yet. */
void render_texts_made(const struct render *render, size_t *in_frames, size_t *ahead, size_t *pending);
int render_max_tile_width(const struct render *render);

/* The current target read back as RGB rows (width * 3 bytes). Caller frees. */
uint8_t *render_read_rgb(SDL_Renderer *renderer, int *width, int *height);
/* Reads the target back and writes it as a PNG; false with err on failure. */
bool render_write_png(SDL_Renderer *renderer, const char *path, char *err, size_t err_size);
/* The same, turned back by the screen's rotation ([display] rotate: 0, 90,
 * 180, 270): the picture a viewer of the turned screen sees, upright, at its
 * size (1080x1920 for a 1920x1080 screen at 90 or 270). *width and *height:
 * the picture's size. */
bool render_write_png_upright(SDL_Renderer *renderer, int rotate, const char *path, int *width, int *height, char *err,
                              size_t err_size);

#endif
