/* framehealth: what the frame loop reports about itself for the health
 * metrics — frames presented and missed, a frame-time histogram, what is
 * on screen, and a small "proof of render" thumbnail read back from the
 * real screen — kept behind one mutex so another thread (ops/healthwriter,
 * through cli/healthwire) can read it.  Never: writes files or formats metrics (ops/health
 * does, from the plain numbers read here); the render thread only counts
 * and, once a minute, reads the screen back. */
#ifndef TICKER_FRAMEHEALTH_H
#define TICKER_FRAMEHEALTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Upper bounds (seconds) of the frame-time histogram's buckets, the last
 * one +Inf: from a 240 Hz refresh to a quarter second. */
#define FRAMEHEALTH_BUCKETS 9
extern const double framehealth_bucket_bounds[FRAMEHEALTH_BUCKETS];

struct framehealth_view {
    uint64_t frames_presented;   /* drawn whole and presented */
    uint64_t frames_missed;      /* took longer than 1.5 refresh periods, or not drawn whole */
    uint64_t buckets[FRAMEHEALTH_BUCKETS]; /* frames whose work fell in bucket i (not cumulative) */
    double frame_seconds_sum;
    size_t items_shown, alerts_active;
    bool screen_on;
    int64_t last_present;        /* Unix seconds of the last presented frame, 0 = none yet */
    uint8_t *thumbnail;          /* RGB rows, thumbnail_width * 3 bytes each, or NULL; caller frees */
    int thumbnail_width, thumbnail_height;
};

struct framehealth;
struct SDL_Renderer; /* SDL's: this header needs none of SDL's headers */

/* thumbnail_seconds: how often the screen is read back (0: never). NULL on OOM. */
struct framehealth *framehealth_create(double thumbnail_seconds);
void framehealth_destroy(struct framehealth *health);

/* The render thread, once a frame: its work in seconds, whether it was
 * drawn whole and presented, whether it missed its refresh, and what the
 * scene shows. With screen_on false (the schedule) only the state is kept. */
void framehealth_frame(struct framehealth *health, double seconds, bool presented, bool missed, size_t items,
                       size_t alerts, bool screen_on);
/* The render thread, after drawing: reads the frame back into a thumbnail
 * when one is due (monotonic seconds now). */
void framehealth_capture(struct framehealth *health, struct SDL_Renderer *renderer, double now);

/* Any thread: a copy of the numbers; the newest thumbnail moves to the
 * caller (NULL when none arrived since the last read). */
void framehealth_read(struct framehealth *health, struct framehealth_view *out);

#endif
