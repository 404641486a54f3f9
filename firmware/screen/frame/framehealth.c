/* Frame counts and the proof-of-render thumbnail (see framehealth.h). */
#include "screen/frame/framehealth.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screen/render/render.h"

#define THUMBNAIL_WIDTH 320

const double framehealth_bucket_bounds[FRAMEHEALTH_BUCKETS] = {0.004, 0.008, 0.0167, 0.025, 0.0333, 0.05,
                                                               0.1,   0.25,  1e300 /* +Inf */};

struct framehealth {
    pthread_mutex_t lock;
    struct framehealth_view view;
    double thumbnail_seconds;
    double next_thumbnail;
};

struct framehealth *framehealth_create(double thumbnail_seconds)
{
    struct framehealth *h = calloc(1, sizeof *h);
    if (!h || pthread_mutex_init(&h->lock, NULL) != 0) {
        free(h);
        return NULL;
    }
    h->thumbnail_seconds = thumbnail_seconds;
    h->view.screen_on = true;
    return h;
}

void framehealth_destroy(struct framehealth *h)
{
    if (!h)
        return;
    free(h->view.thumbnail);
    pthread_mutex_destroy(&h->lock);
    free(h);
}

void framehealth_frame(struct framehealth *h, double seconds, bool presented, bool missed, size_t items,
                       size_t alerts, bool screen_on)
{
    size_t b = 0;
    while (b + 1 < FRAMEHEALTH_BUCKETS && seconds > framehealth_bucket_bounds[b])
        b++;
    pthread_mutex_lock(&h->lock);
    struct framehealth_view *v = &h->view;
    if (screen_on) { /* off by the schedule: no frames to count */
        v->buckets[b]++;
        v->frame_seconds_sum += seconds;
        v->frames_presented += presented;
        v->frames_missed += missed;
    }
    v->items_shown = items;
    v->alerts_active = alerts;
    v->screen_on = screen_on;
    if (presented)
        v->last_present = (int64_t)time(NULL);
    pthread_mutex_unlock(&h->lock);
}

/* Once a minute the whole frame is read back (a few milliseconds on a
 * software renderer, a GPU stall on a real one), scaled down by SDL and
 * handed over: the health thread writes the file, never this one. */
void framehealth_capture(struct framehealth *h, SDL_Renderer *renderer, double now)
{
    if (!(h->thumbnail_seconds > 0) || now < h->next_thumbnail)
        return;
    h->next_thumbnail = now + h->thumbnail_seconds;
    int w, hgt;
    uint8_t *full = render_read_rgb(renderer, &w, &hgt);
    if (!full)
        return;
    int tw = w < THUMBNAIL_WIDTH ? w : THUMBNAIL_WIDTH;
    int th = (int)((long)hgt * tw / w);
    if (th < 1)
        th = 1;
    SDL_Surface *src = SDL_CreateRGBSurfaceWithFormatFrom(full, w, hgt, 24, w * 3, SDL_PIXELFORMAT_RGB24);
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, tw, th, 24, SDL_PIXELFORMAT_RGB24);
    uint8_t *small = dst ? malloc((size_t)tw * th * 3) : NULL;
    if (src && dst && small && SDL_BlitScaled(src, NULL, dst, NULL) == 0) {
        for (int y = 0; y < th; y++)
            memcpy(small + (size_t)y * tw * 3, (uint8_t *)dst->pixels + (size_t)y * dst->pitch, (size_t)tw * 3);
        pthread_mutex_lock(&h->lock);
        free(h->view.thumbnail);
        h->view.thumbnail = small;
        h->view.thumbnail_width = tw;
        h->view.thumbnail_height = th;
        pthread_mutex_unlock(&h->lock);
        small = NULL;
    }
    free(small);
    SDL_FreeSurface(src);
    SDL_FreeSurface(dst);
    free(full);
}

void framehealth_read(struct framehealth *h, struct framehealth_view *out)
{
    pthread_mutex_lock(&h->lock);
    *out = h->view;
    h->view.thumbnail = NULL;
    pthread_mutex_unlock(&h->lock);
}
