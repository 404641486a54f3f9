/* The frame read back from the renderer (render.h): for screenshots, the
 * proof-of-render thumbnail and tests. Beside render.c, which draws. */
#include <stdio.h>
#include <stdlib.h>

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
    bool ok = pngio_write_rgb(path, 0644, w, h, pixels, (size_t)w * 3, err, err_size); /* a screenshot, as cp makes it */
    free(pixels);
    return ok;
}
