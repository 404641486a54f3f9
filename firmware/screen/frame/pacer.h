/* pacer: when each frame starts, on a steady clock of refresh slots.
 * Where the present waits for vsync, the display paces the loop and the
 * pacer only counts the slots between frames. Where it does not (the dummy
 * and offscreen drivers, GL under some X servers), frames start on a fixed
 * grid of refresh periods from the first frame, never re-based on when a
 * frame happened to end: re-basing let wake-up latency and slow presents
 * drift the frames across slot boundaries, and the crawl then repeated or
 * skipped a step (47-103 of 860 refresh slots in the GL preview).
 * Owns: the grid, the vsync detection.  Never: sleeps (the caller does) or
 * reads a clock (times are passed in, in seconds, so it is testable). */
#ifndef TICKER_PACER_H
#define TICKER_PACER_H

#include <stdbool.h>

struct pacer {
    double period;      /* seconds per refresh */
    double origin;      /* the grid: slot n starts at origin + n * period */
    long long slot;     /* the slot the next frame starts in */
    long long last_slot; /* the slot of the frame that started last */
    unsigned waited;    /* the last 8 presents, one bit each: did it wait for vsync? */
    bool vsync;         /* the display paces: the last presents mostly waited */
    double last_start;  /* when the last frame started */
};

/* refresh_hz <= 0 counts as 60. now: the first frame's start. */
void pacer_init(struct pacer *pacer, double refresh_hz, double now);

/* After a present that took from present_start to present_end: when the
 * next frame should start (the caller sleeps until then; present_end or
 * earlier means at once). */
double pacer_next_start(struct pacer *pacer, double present_start, double present_end);

/* At the start of a frame: how many refresh slots have passed since the
 * previous frame started (1 normally, 2+ after a slow frame, never 0), so
 * that the scene moves by whole refreshes. */
int pacer_frame_slots(struct pacer *pacer, double frame_start);

/* When a frame whose work begins at now and takes about work seconds
 * will be seen: where the display paces, the first refresh after the work
 * is done, counted from the last present's return (a refresh); where it
 * does not, when the work is done. */
double pacer_predict_present(const struct pacer *pacer, double now, double work);

#endif
