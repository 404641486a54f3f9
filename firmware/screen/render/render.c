#include "screen/render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/hash.h"
#include "base/limits.h"
#include "base/log.h"
#include "screen/render/imagestore.h"
#include "screen/text/widthcache.h"
#include "screen/render/pngio.h"
#include "screen/text/textmaker.h"
#include "screen/text/typeset.h"

struct text_texture {
    uint64_t hash;
    enum scene_font font;
    uint32_t rgb; /* drawn in its colour: no colour modulation, the fast blit path */
    char *text;
    int width, height, baseline;
    SDL_Texture **tiles;
    int tile_count, tile_width;
    uint64_t used_in_frame;
};

struct render {
    SDL_Renderer *renderer;
    struct typeset *typeset;
    struct scene_measure measure;
    int logical_width, logical_height, rotate;
    int max_tile_width; /* 0: no limit */

    struct text_texture *texts;
    size_t text_count, text_capacity;
    uint64_t frame;

    SDL_Surface *logo;         /* as read, RGBA */
    SDL_Texture *logo_texture; /* scaled to logo_w x logo_h */
    int logo_w, logo_h;

    bool clip_set;
    SDL_Rect clip;

    struct imagestore *images; /* pictures and QR codes */
    struct widthcache *widths; /* measured texts; NULL: measured each time */
    struct textmaker *maker;   /* makes the texts asked for ahead; NULL: made here, one a frame */
    size_t made_in_frames, made_ahead; /* texts made on this thread, and taken from the maker */

    bool keeps_pixels;    /* software renderer: the target survives a present */
    uint64_t still_hash;  /* of the still ops last drawn, 0 for none */
};

static int measure_text(void *context, enum scene_font font, const char *text)
{
    struct render *r = context;
    int width;
    if (r->widths && widthcache_get(r->widths, (int)font, text, &width))
        return width;
    width = typeset_width(r->typeset, (size_t)font, text);
    if (r->widths)
        widthcache_put(r->widths, (int)font, text, width);
    return width;
}

static bool picture_size(void *context, const char *url, int *width, int *height)
{
    struct render *r = context;
    return imagestore_picture_size(r->images, url, width, height);
}

static void load_logo(struct render *r, const struct config *config)
{
    if (!config->display.logo[0])
        return;
    char *path = config_asset_path(config, config->display.logo);
    char err[TICKER_ERROR_MAX];
    int w, h;
    uint8_t *pixels = path ? pngio_read_rgba(path, &w, &h, err, sizeof err) : NULL;
    if (!pixels) {
        log_warn("logo %s (the header shows the title alone)", path ? err : LOG_OOM);
        free(path);
        return;
    }
    free(path);
    SDL_Surface *view = SDL_CreateRGBSurfaceWithFormatFrom(pixels, w, h, 32, w * 4, SDL_PIXELFORMAT_RGBA32);
    r->logo = view ? SDL_ConvertSurfaceFormat(view, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
    if (!r->logo)
        log_warn("logo: %s", SDL_GetError());
    SDL_FreeSurface(view);
    free(pixels);
}

struct render *render_create(SDL_Renderer *renderer, const struct config *config, int screen_width,
                             int screen_height, int rotate, char *err, size_t err_size)
{
    struct render *r = calloc(1, sizeof *r);
    if (!r) {
        log_oom_reason(err, err_size, NULL);
        return NULL;
    }
    r->renderer = renderer;
    r->rotate = rotate;
    scene_logical_size(screen_width, screen_height, rotate, &r->logical_width, &r->logical_height);
    /* A wall's screens take the type of the whole wall, laid out as one. */
    struct scene_wall wall = {config->sync.columns, config->sync.rows, 0, 0, config->sync.bezel};
    int fw, fh, ox, oy;
    scene_wall_layout(&wall, r->logical_width, r->logical_height, &fw, &fh, &ox, &oy);
    struct scene_font_spec specs[SCENE_FONT_COUNT];
    scene_font_specs(fw, fh, specs);
    struct typeset_style styles[SCENE_FONT_COUNT];
    for (int i = 0; i < SCENE_FONT_COUNT; i++)
        styles[i] = (struct typeset_style){specs[i].size_px, specs[i].bold};
    r->typeset = typeset_create(config, styles, SCENE_FONT_COUNT, err, err_size);
    if (!r->typeset) {
        free(r);
        return NULL;
    }
    r->widths = widthcache_create(); /* NULL (out of memory): every width is measured */
    char why[TICKER_ERROR_MAX];
    if (!(r->maker = textmaker_create(config, styles, SCENE_FONT_COUNT, why, sizeof why)))
        log_warn("texts to come are made in frames: %s", why);
    r->measure.text_width = measure_text;
    r->measure.picture_size = picture_size;
    r->measure.context = r;
    for (int i = 0; i < SCENE_FONT_COUNT; i++) {
        struct typeset_metrics m;
        typeset_metrics(r->typeset, (size_t)i, &m);
        r->measure.fonts[i] = (struct scene_font_metrics){m.ascent, m.descent, m.line_height};
    }
    SDL_RendererInfo info;
    bool has_info = SDL_GetRendererInfo(renderer, &info) == 0;
    int limit = has_info ? info.max_texture_width : 0, forced = config->display.max_texture_width;
    r->max_tile_width = forced > 0 && (limit <= 0 || forced < limit) ? forced : limit;
    r->keeps_pixels = has_info && (info.flags & SDL_RENDERER_SOFTWARE);
    int tile_h = has_info ? info.max_texture_height : 0;
    if (forced > 0 && (tile_h <= 0 || forced < tile_h))
        tile_h = forced;
    r->images = imagestore_create(renderer, tile_h, render_picture_budget(screen_width, screen_height));
    if (!r->images) {
        log_oom_reason(err, err_size, NULL);
        render_destroy(r);
        return NULL;
    }
    load_logo(r, config);
    return r;
}

static void text_free(struct text_texture *t)
{
    for (int i = 0; i < t->tile_count; i++)
        SDL_DestroyTexture(t->tiles[i]);
    free(t->tiles);
    free(t->text);
}

void render_destroy(struct render *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->text_count; i++)
        text_free(&r->texts[i]);
    free(r->texts);
    if (r->logo_texture)
        SDL_DestroyTexture(r->logo_texture);
    SDL_FreeSurface(r->logo);
    imagestore_destroy(r->images);
    widthcache_destroy(r->widths);
    textmaker_destroy(r->maker);
    typeset_destroy(r->typeset);
    free(r);
}

const struct scene_measure *render_measure(const struct render *r) { return &r->measure; }

void render_logo_size(const struct render *r, int *width, int *height)
{
    *width = r->logo ? r->logo->w : 0;
    *height = r->logo ? r->logo->h : 0;
}

size_t render_texture_count(const struct render *r)
{
    return r->text_count + (r->logo_texture != NULL) + imagestore_texture_count(r->images);
}

size_t render_picture_budget(int screen_width, int screen_height)
{
    /* Room for the pictures of four items (the one shown, the one leaving,
     * the next two), each at most four screens' worth of a tall picture in
     * a quarter of the screen: four screens of pixels, 4 bytes each. */
    return (size_t)screen_width * (size_t)screen_height * 4 * 4;
}

bool render_add_picture(struct render *r, const char *url, int width, int height, const uint8_t *rgba, size_t pitch)
{
    return imagestore_add_picture(r->images, url, width, height, rgba, pitch, r->frame);
}

void render_add_picture_failure(struct render *r, const char *url) { imagestore_add_failure(r->images, url); }
bool render_picture_settled(const struct render *r, const char *url) { return imagestore_settled(r->images, url); }
size_t render_picture_bytes(const struct render *r) { return imagestore_bytes(r->images); }
int render_max_tile_width(const struct render *r) { return r->max_tile_width; }

static uint32_t color_rgb(struct scene_color c)
{
    return (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
}

static uint64_t text_key(enum scene_font font, uint32_t rgb, const char *text)
{
    return hash_text(hash_mix(HASH_FNV1A_BASIS, (uint64_t)font ^ ((uint64_t)rgb << 8)), text);
}

/* Cuts the surface into tiles no wider than the limit: each tile's pixels
 * start x * 4 bytes into the same rows, so tiles drawn side by side at
 * integer x are the surface again, with no seam. */
static bool make_tiles(struct render *r, struct text_texture *t, SDL_Surface *surface)
{
    int tile_w = r->max_tile_width > 0 && r->max_tile_width < surface->w ? r->max_tile_width : surface->w;
    int count = (surface->w + tile_w - 1) / tile_w;
    t->tiles = calloc((size_t)count, sizeof *t->tiles);
    if (!t->tiles)
        return false;
    t->tile_width = tile_w;
    for (int i = 0; i < count; i++) {
        int x = i * tile_w;
        int w = surface->w - x < tile_w ? surface->w - x : tile_w;
        SDL_Texture *tile = SDL_CreateTexture(r->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, w,
                                              surface->h);
        if (!tile || SDL_UpdateTexture(tile, NULL, (const uint8_t *)surface->pixels + (size_t)x * 4, surface->pitch) ||
            SDL_SetTextureBlendMode(tile, SDL_BLENDMODE_BLEND)) {
            log_error("text texture %dx%d: %s", w, surface->h, SDL_GetError());
            if (tile)
                SDL_DestroyTexture(tile);
            return false;
        }
        t->tiles[t->tile_count++] = tile;
    }
    return true;
}

/* A made text (its surface painted in rgb) becomes textures; takes text
 * and frees surface. */
static struct text_texture *text_adopt(struct render *r, enum scene_font font, uint32_t rgb, char *text,
                                       SDL_Surface *surface, int baseline)
{
    if (!ARRAY_GROW(r->texts, r->text_capacity, r->text_count + 1, 64)) {
            free(text);
            SDL_FreeSurface(surface);
            return NULL;
        }
    struct text_texture t = {.hash = text_key(font, rgb, text), .font = font, .rgb = rgb, .text = text,
                             .width = surface->w, .height = surface->h, .baseline = baseline,
                             .used_in_frame = r->frame};
    bool ok = make_tiles(r, &t, surface);
    SDL_FreeSurface(surface);
    if (!ok) {
        text_free(&t);
        return NULL;
    }
    r->texts[r->text_count] = t;
    return &r->texts[r->text_count++];
}

/* The text's textures, marked used in this frame; NULL when not made. */
static struct text_texture *text_find(struct render *r, enum scene_font font, uint32_t rgb, const char *text)
{
    uint64_t h = text_key(font, rgb, text);
    for (size_t i = 0; i < r->text_count; i++) {
        struct text_texture *t = &r->texts[i];
        if (t->hash == h && t->font == font && t->rgb == rgb && strcmp(t->text, text) == 0) {
            t->used_in_frame = r->frame;
            return t;
        }
    }
    return NULL;
}

static struct text_texture *text_get(struct render *r, enum scene_font font, struct scene_color color,
                                     const char *text, bool create)
{
    uint32_t rgb = color_rgb(color);
    struct text_texture *found = text_find(r, font, rgb, text);
    if (found || !create)
        return found;
    char *copy = strdup(text);
    int baseline = 0;
    SDL_Surface *surface = copy ? typeset_render(r->typeset, (size_t)font, text, &baseline) : NULL;
    if (!surface) {
        free(copy);
        return NULL;
    }
    textmaker_paint(surface, rgb);
    r->made_in_frames++;
    return text_adopt(r, font, rgb, copy, surface, baseline);
}

static void evict_unused(struct render *r)
{
    size_t kept = 0;
    for (size_t i = 0; i < r->text_count; i++) {
        if (r->texts[i].used_in_frame == r->frame)
            r->texts[kept++] = r->texts[i];
        else
            text_free(&r->texts[i]);
    }
    r->text_count = kept;
}

static SDL_Rect to_physical(const struct render *r, struct scene_rect logical)
{
    struct scene_rect p = scene_rotate_rect(logical, r->logical_width, r->logical_height, r->rotate);
    return (SDL_Rect){p.x, p.y, p.w, p.h};
}

static void set_clip_rect(struct render *r, const struct scene_rect *logical)
{
    if (!logical) {
        if (r->clip_set)
            SDL_RenderSetClipRect(r->renderer, NULL);
        r->clip_set = false;
        return;
    }
    SDL_Rect clip = to_physical(r, *logical);
    if (r->clip_set && memcmp(&clip, &r->clip, sizeof clip) == 0)
        return;
    SDL_RenderSetClipRect(r->renderer, &clip);
    r->clip = clip;
    r->clip_set = true;
}

/* Copies a texture to a logical rectangle. Rotated copies turn about the
 * destination's top-left corner, so every position stays a whole pixel. */
static void copy_rotated(struct render *r, SDL_Texture *texture, const SDL_Rect *src, struct scene_rect logical)
{
    SDL_Rect p = to_physical(r, logical);
    if (r->rotate == 0) {
        SDL_RenderCopy(r->renderer, texture, src, &p);
        return;
    }
    SDL_Rect d = {p.x, p.y, logical.w, logical.h};
    if (r->rotate == 90)
        d.x = p.x + p.w;
    else if (r->rotate == 180)
        d = (SDL_Rect){p.x + logical.w, p.y + logical.h, logical.w, logical.h};
    else
        d.y = p.y + p.h;
    SDL_Point corner = {0, 0};
    SDL_RenderCopyEx(r->renderer, texture, src, &d, r->rotate, &corner, SDL_FLIP_NONE);
}

static void set_clip(struct render *r, const struct scene_op *op)
{
    set_clip_rect(r, op->clipped ? &op->clip : NULL);
}

static bool intersect(struct scene_rect a, struct scene_rect b, struct scene_rect *out)
{
    int x0 = a.x > b.x ? a.x : b.x, y0 = a.y > b.y ? a.y : b.y;
    int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
    *out = (struct scene_rect){x0, y0, x1 - x0, y1 - y0};
    return x1 > x0 && y1 > y0;
}

static void draw_text(struct render *r, const struct scene_op *op)
{
    struct text_texture *t = text_get(r, op->font, op->color, op->text, true);
    if (!t)
        return;
    int top = op->rect.y - t->baseline;
    if (top >= r->logical_height || top + t->height <= 0)
        return;
    for (int i = 0; i < t->tile_count; i++) {
        int x = op->rect.x + i * t->tile_width;
        int w = i == t->tile_count - 1 ? t->width - i * t->tile_width : t->tile_width;
        if (x >= r->logical_width || x + w <= 0)
            continue; /* off screen: not drawn, still kept while the text is in use */
        SDL_SetTextureAlphaMod(t->tiles[i], op->color.a);
        copy_rotated(r, t->tiles[i], NULL, (struct scene_rect){x, top, w, t->height});
    }
}

static void draw_logo(struct render *r, const struct scene_op *op)
{
    if (!r->logo || op->rect.w <= 0 || op->rect.h <= 0)
        return;
    if (!r->logo_texture || r->logo_w != op->rect.w || r->logo_h != op->rect.h) {
        /* Scaled once, smoothly, to the size the header wants. */
        SDL_Surface *scaled = SDL_CreateRGBSurfaceWithFormat(0, op->rect.w, op->rect.h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (!scaled || SDL_SoftStretchLinear(r->logo, NULL, scaled, NULL) != 0) {
            log_warn("logo scaling: %s", SDL_GetError());
            SDL_FreeSurface(scaled);
            SDL_FreeSurface(r->logo);
            r->logo = NULL;
            return;
        }
        if (r->logo_texture)
            SDL_DestroyTexture(r->logo_texture);
        r->logo_texture = SDL_CreateTextureFromSurface(r->renderer, scaled);
        SDL_FreeSurface(scaled);
        if (!r->logo_texture)
            return;
        SDL_SetTextureBlendMode(r->logo_texture, SDL_BLENDMODE_BLEND);
        r->logo_w = op->rect.w;
        r->logo_h = op->rect.h;
    }
    copy_rotated(r, r->logo_texture, NULL, op->rect);
}

static void draw_qr(struct render *r, const struct scene_op *op)
{
    int size = 0;
    SDL_Texture *t = imagestore_qr(r->images, op->text, op->rect.w < op->rect.h ? op->rect.w : op->rect.h, &size,
                                   r->frame);
    if (!t)
        return;
    /* Drawn 1:1: whole-pixel modules, centred in the square. */
    struct scene_rect at = {op->rect.x + (op->rect.w - size) / 2, op->rect.y + (op->rect.h - size) / 2, size, size};
    copy_rotated(r, t, NULL, at);
}

/* The picture's rows src_y .. src_y + rect.h, 1:1, across its tiles. */
static void draw_picture(struct render *r, const struct scene_op *op)
{
    const struct imagestore_picture *p = imagestore_picture(r->images, op->text, r->frame);
    if (!p)
        return;
    int top = op->src_y, bottom = op->src_y + op->rect.h;
    for (int i = 0; i < p->tile_count; i++) {
        const struct imagestore_tile *tile = &p->tiles[i];
        int from = top > tile->y ? top : tile->y;
        int to = bottom < tile->y + tile->height ? bottom : tile->y + tile->height;
        if (to <= from)
            continue;
        int w = op->rect.w < p->width ? op->rect.w : p->width;
        SDL_Rect src = {0, from - tile->y, w, to - from};
        copy_rotated(r, tile->texture, &src, (struct scene_rect){op->rect.x, op->rect.y + from - top, w, to - from});
    }
}

static uint64_t hash_ops(const struct scene_op *ops, size_t count)
{
    uint64_t h = HASH_FNV1A_BASIS;
    for (size_t i = 0; i < count; i++) {
        const struct scene_op *op = &ops[i];
        struct scene_op plain = *op;
        plain.text = NULL;
        h = hash_text_field(hash_bytes(h, &plain, sizeof plain), op->text);
    }
    return h ? h : 1;
}

void render_forget_pixels(struct render *r) { r->still_hash = 0; }

static bool draw_op(struct render *r, const struct scene_op *op)
{
    switch (op->kind) {
    case SCENE_OP_RECT: {
        SDL_Rect p = to_physical(r, op->rect);
        SDL_SetRenderDrawBlendMode(r->renderer, op->color.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(r->renderer, op->color.r, op->color.g, op->color.b, op->color.a);
        return SDL_RenderFillRect(r->renderer, &p) == 0;
    }
    case SCENE_OP_TEXT: draw_text(r, op); return true;
    case SCENE_OP_LOGO: draw_logo(r, op); return true;
    case SCENE_OP_QR: draw_qr(r, op); return true;
    case SCENE_OP_PICTURE: draw_picture(r, op); return true;
    default: return true;
    }
}

/* The still ops again, but only inside the damaged rectangle: each clipped
 * to it, and those wholly outside skipped (their texts kept in use). */
static bool draw_damaged(struct render *r, const struct scene_frame *frame)
{
    bool ok = true;
    for (size_t i = 0; i < frame->live_from; i++) {
        const struct scene_op *op = &frame->ops[i];
        if (op->kind == SCENE_OP_TEXT)
            text_get(r, op->font, op->color, op->text, true);
        else if (op->kind == SCENE_OP_PICTURE)
            imagestore_picture(r->images, op->text, r->frame);
        else if (op->kind == SCENE_OP_QR) {
            int size;
            imagestore_qr(r->images, op->text, op->rect.w, &size, r->frame);
        }
        struct scene_rect clip;
        if (!intersect(op->clipped ? op->clip : frame->damage, frame->damage, &clip))
            continue;
        if (op->kind == SCENE_OP_RECT && !intersect(op->rect, clip, &clip))
            continue;
        set_clip_rect(r, &clip);
        ok = draw_op(r, op) && ok;
    }
    return ok;
}

/* The texts the text thread has made since the last frame: uploaded (a
 * copy), unless one was made here meanwhile because it was drawn first. */
static void take_made_texts(struct render *r)
{
    int font;
    uint32_t rgb;
    char *text;
    SDL_Surface *surface;
    int baseline;
    while (r->maker && textmaker_take(r->maker, &font, &rgb, &text, &surface, &baseline)) {
        if (!surface || text_find(r, (enum scene_font)font, rgb, text)) {
            free(text);
            SDL_FreeSurface(surface);
        } else if (text_adopt(r, (enum scene_font)font, rgb, text, surface, baseline)) {
            r->made_ahead++;
        }
    }
}

void render_texts_made(const struct render *r, size_t *in_frames, size_t *ahead, size_t *pending)
{
    *in_frames = r->made_in_frames;
    *ahead = r->made_ahead;
    *pending = r->maker ? textmaker_pending(r->maker) : 0;
}

bool render_draw(struct render *r, const struct scene_frame *frame)
{
    r->frame++;
    take_made_texts(r);
    bool ok = true;
    /* On the software renderer the last frame's pixels are still there:
     * when the still part is the same, only the moving part is drawn; when
     * the scene says where it changed, only that and the moving part. */
    size_t first = 0;
    if (r->keeps_pixels) {
        uint64_t h = hash_ops(frame->ops, frame->live_from);
        if (h == r->still_hash) {
            first = frame->live_from;
            for (size_t i = 0; i < first; i++) { /* in use */
                const struct scene_op *op = &frame->ops[i];
                int size;
                if (op->kind == SCENE_OP_TEXT)
                    text_get(r, op->font, op->color, op->text, true);
                else if (op->kind == SCENE_OP_PICTURE)
                    imagestore_picture(r->images, op->text, r->frame);
                else if (op->kind == SCENE_OP_QR)
                    imagestore_qr(r->images, op->text, op->rect.w, &size, r->frame);
            }
        } else if (r->still_hash && frame->has_damage) {
            first = frame->live_from;
            ok = draw_damaged(r, frame);
        }
        r->still_hash = h;
    }
    /* Texts to come are asked of the text thread and only uploaded here;
     * without it they are spread over frames, one a frame, so that no
     * frame does all of a new item's typesetting at once. */
    int prefetch_budget = 1;
    for (size_t i = first; i < frame->count; i++) {
        const struct scene_op *op = &frame->ops[i];
        if (op->kind == SCENE_OP_PREFETCH) {
            if (text_get(r, op->font, op->color, op->text, false))
                continue;
            if (r->maker) {
                textmaker_ask(r->maker, (int)op->font, color_rgb(op->color), op->text);
            } else if (prefetch_budget > 0) {
                text_get(r, op->font, op->color, op->text, true);
                prefetch_budget--;
            }
            continue;
        }
        set_clip(r, op);
        ok = draw_op(r, op) && ok;
    }
    if (r->clip_set)
        SDL_RenderSetClipRect(r->renderer, NULL);
    r->clip_set = false;
    evict_unused(r);
    imagestore_end_frame(r->images, r->frame);
    if (!ok) {
        log_error("drawing: %s", SDL_GetError());
        r->still_hash = 0; /* what is there is not what the ops say: draw it all next time */
    }
    return ok;
}
