/* The frame read back from the renderer (render.h): for screenshots, the
 * proof-of-render thumbnail and tests. Beside render.c, which draws. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "screen/render/pngio.h"
#include "screen/render/render.h"

uint8_t *render_read_rgb(SDL_Renderer *renderer, int *width, int *height)
{
    int w, h;
    if (SDL_GetRendererOutputSize(renderer, &w, &h) != 0)
        return NULL;
    uint8_t *pixels = malloc((size_t)w * h * 3);
    if (!pixels)
        return NULL;
    if (SDL_RenderReadPixels(renderer, NULL, SDL_PIXELFORMAT_RGB24, pixels, w * 3) != 0) {
        free(pixels);
        return NULL;
    }
    *width = w;
    *height = h;
    return pixels;
}

bool render_write_png(SDL_Renderer *renderer, const char *path, char *err, size_t err_size)
{
    int w, h;
    uint8_t *pixels = render_read_rgb(renderer, &w, &h);
    if (!pixels) {
        snprintf(err, err_size, "%s: reading the frame back: %s", path, SDL_GetError());
        return false;
    }
    bool ok =
        pngio_write_rgb(path, 0644, w, h, pixels, (size_t)w * 3, err, err_size); /* a screenshot, as cp makes it */
    free(pixels);
    return ok;
}

/* A physical pixel (X, Y) shows the logical (x, y) of the turned picture
 * (lw x lh): at 90, X = lh - 1 - y and Y = x (scene_rotate_rect). */
static uint8_t *turn_upright(const uint8_t *in, int pw, int ph, int rotate, int *lw, int *lh)
{
    *lw = rotate == 90 || rotate == 270 ? ph : pw;
    *lh = rotate == 90 || rotate == 270 ? pw : ph;
    uint8_t *out = malloc((size_t)pw * ph * 3);
    if (!out)
        return NULL;
    for (int y = 0; y < *lh; y++)
        for (int x = 0; x < *lw; x++) {
            int X = x, Y = y;
            if (rotate == 90)
                X = *lh - 1 - y, Y = x;
            else if (rotate == 180)
                X = *lw - 1 - x, Y = *lh - 1 - y;
            else if (rotate == 270)
                X = y, Y = *lw - 1 - x;
            memcpy(out + ((size_t)y * *lw + x) * 3, in + ((size_t)Y * pw + X) * 3, 3);
        }
    return out;
}

bool render_write_png_upright(SDL_Renderer *renderer, int rotate, const char *path, int *width, int *height, char *err,
                              size_t err_size)
{
    int w, h;
    uint8_t *pixels = render_read_rgb(renderer, &w, &h);
    if (!pixels) {
        snprintf(err, err_size, "%s: reading the frame back: %s", path, SDL_GetError());
        return false;
    }
    uint8_t *upright = turn_upright(pixels, w, h, rotate, width, height);
    free(pixels);
    if (!upright) {
        log_oom_reason(err, err_size, "%s", path);
        return false;
    }
    bool ok = pngio_write_rgb(path, 0644, *width, *height, upright, (size_t)*width * 3, err, err_size);
    free(upright);
    return ok;
}
