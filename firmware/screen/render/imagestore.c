#include "screen/render/imagestore.h"

#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/log.h"
#include "base/strarray.h"
#include "screen/render/qrcode.h"

struct qr_texture {
    char *link;
    int side, size;
    SDL_Texture *texture; /* NULL: could not be made (not tried again) */
    uint64_t used_in_frame;
};

struct imagestore {
    SDL_Renderer *renderer;
    int max_tile_height;
    size_t budget, bytes;
    struct imagestore_picture *pictures;
    size_t picture_count, picture_capacity;
    char **failed;
    size_t failed_count;
    struct qr_texture *qrs;
    size_t qr_count, qr_capacity;
};

struct imagestore *imagestore_create(SDL_Renderer *renderer, int max_tile_height, size_t budget_bytes)
{
    struct imagestore *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->renderer = renderer;
    s->max_tile_height = max_tile_height;
    s->budget = budget_bytes;
    return s;
}

static void picture_free(struct imagestore_picture *p)
{
    for (int i = 0; i < p->tile_count; i++)
        SDL_DestroyTexture(p->tiles[i].texture);
    free(p->tiles);
    free(p->url);
}

void imagestore_destroy(struct imagestore *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->picture_count; i++)
        picture_free(&s->pictures[i]);
    free(s->pictures);
    for (size_t i = 0; i < s->failed_count; i++)
        free(s->failed[i]);
    free(s->failed);
    for (size_t i = 0; i < s->qr_count; i++) {
        if (s->qrs[i].texture)
            SDL_DestroyTexture(s->qrs[i].texture);
        free(s->qrs[i].link);
    }
    free(s->qrs);
    free(s);
}

static struct imagestore_picture *find_picture(const struct imagestore *s, const char *url)
{
    for (size_t i = 0; i < s->picture_count; i++)
        if (strcmp(s->pictures[i].url, url) == 0)
            return &s->pictures[i];
    return NULL;
}

static void remove_picture(struct imagestore *s, size_t i)
{
    s->bytes -= s->pictures[i].bytes;
    picture_free(&s->pictures[i]);
    s->pictures[i] = s->pictures[--s->picture_count];
}

/* Least recently drawn first, never one of this frame. */
static bool make_room(struct imagestore *s, size_t need, uint64_t frame)
{
    while (s->bytes + need > s->budget) {
        size_t oldest = SIZE_MAX;
        for (size_t i = 0; i < s->picture_count; i++)
            if (s->pictures[i].used_in_frame != frame &&
                (oldest == SIZE_MAX || s->pictures[i].used_in_frame < s->pictures[oldest].used_in_frame))
                oldest = i;
        if (oldest == SIZE_MAX)
            return false;
        remove_picture(s, oldest);
    }
    return true;
}

bool imagestore_add_picture(struct imagestore *s, const char *url, int width, int height, const uint8_t *rgba,
                            size_t pitch, uint64_t frame)
{
    size_t bytes = (size_t)width * (size_t)height * 4;
    if (width <= 0 || height <= 0 || bytes > s->budget) {
        log_warn("picture %s: %dx%d is more than the picture memory budget (%zu MB): not shown", url, width, height,
                 s->budget >> 20);
        imagestore_add_failure(s, url);
        return false;
    }
    struct imagestore_picture *old = find_picture(s, url);
    if (old)
        remove_picture(s, (size_t)(old - s->pictures));
    if (!make_room(s, bytes, frame))
        return false;
    if (!ARRAY_GROW(s->pictures, s->picture_capacity, s->picture_count + 1, 8))
            return false;
    struct imagestore_picture p = {.width = width, .height = height, .bytes = bytes, .used_in_frame = frame};
    int tile_h = s->max_tile_height > 0 && s->max_tile_height < height ? s->max_tile_height : height;
    int count = (height + tile_h - 1) / tile_h;
    p.url = strdup(url);
    p.tiles = calloc((size_t)count, sizeof *p.tiles);
    if (!p.url || !p.tiles) {
        picture_free(&p);
        return false;
    }
    for (int i = 0; i < count; i++) {
        int y = i * tile_h, h = height - y < tile_h ? height - y : tile_h;
        SDL_Texture *t = SDL_CreateTexture(s->renderer, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, width, h);
        if (!t || SDL_UpdateTexture(t, NULL, rgba + (size_t)y * pitch, (int)pitch) != 0) {
            log_error("picture %s: texture %dx%d: %s", url, width, h, SDL_GetError());
            if (t)
                SDL_DestroyTexture(t);
            picture_free(&p);
            imagestore_add_failure(s, url);
            return false;
        }
        /* Photos are opaque: drawn without blending, the fast copy. */
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE);
        p.tiles[p.tile_count++] = (struct imagestore_tile){t, y, h};
    }
    s->pictures[s->picture_count++] = p;
    s->bytes += bytes;
    return true;
}

void imagestore_add_failure(struct imagestore *s, const char *url)
{
    if (imagestore_settled(s, url))
        return;
    (void)strarray_append(&s->failed, &s->failed_count, url); /* on OOM it is tried again */
}

bool imagestore_picture_size(const struct imagestore *s, const char *url, int *width, int *height)
{
    const struct imagestore_picture *p = find_picture(s, url);
    if (!p)
        return false;
    *width = p->width;
    *height = p->height;
    return true;
}

bool imagestore_settled(const struct imagestore *s, const char *url)
{
    if (find_picture(s, url))
        return true;
    for (size_t i = 0; i < s->failed_count; i++)
        if (strcmp(s->failed[i], url) == 0)
            return true;
    return false;
}

const struct imagestore_picture *imagestore_picture(struct imagestore *s, const char *url, uint64_t frame)
{
    struct imagestore_picture *p = find_picture(s, url);
    if (p)
        p->used_in_frame = frame;
    return p;
}

SDL_Texture *imagestore_qr(struct imagestore *s, const char *link, int side, int *size, uint64_t frame)
{
    for (size_t i = 0; i < s->qr_count; i++) {
        struct qr_texture *q = &s->qrs[i];
        if (q->side == side && strcmp(q->link, link) == 0) {
            q->used_in_frame = frame;
            *size = q->size;
            return q->texture;
        }
    }
    if (!ARRAY_GROW(s->qrs, s->qr_capacity, s->qr_count + 1, 4))
            return NULL;
    struct qr_texture q = {.side = side, .used_in_frame = frame};
    q.link = strdup(link);
    if (!q.link)
        return NULL;
    /* 3 px a module at least: smaller does not read from across a room. */
    SDL_Surface *surface = qrcode_render(link, side, 3, NULL);
    if (surface) {
        q.texture = SDL_CreateTextureFromSurface(s->renderer, surface);
        q.size = surface->w;
        SDL_FreeSurface(surface);
        if (q.texture)
            SDL_SetTextureBlendMode(q.texture, SDL_BLENDMODE_NONE);
    }
    s->qrs[s->qr_count++] = q;
    *size = q.size;
    return q.texture;
}

void imagestore_end_frame(struct imagestore *s, uint64_t frame)
{
    size_t kept = 0;
    for (size_t i = 0; i < s->qr_count; i++) {
        if (s->qrs[i].used_in_frame == frame) {
            s->qrs[kept++] = s->qrs[i];
        } else {
            if (s->qrs[i].texture)
                SDL_DestroyTexture(s->qrs[i].texture);
            free(s->qrs[i].link);
        }
    }
    s->qr_count = kept;
}

size_t imagestore_texture_count(const struct imagestore *s)
{
    size_t n = s->qr_count;
    for (size_t i = 0; i < s->picture_count; i++)
        n += (size_t)s->pictures[i].tile_count;
    return n;
}

size_t imagestore_bytes(const struct imagestore *s) { return s->bytes; }
