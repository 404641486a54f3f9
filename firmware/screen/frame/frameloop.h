/* frameloop: the kiosk's frame loop — take new items and status from the
 * mailbox, move the scene to now, draw, present, pace to the refresh rate,
 * feed the watchdog, answer keys in the preview window.
 * Owns: the loop's clock (pause and speed changes included), pacing, the
 * frame-time record for bench.  Never: waits on network or disk (items
 * arrive through the mailbox) or blocks longer than one frame. */
#ifndef TICKER_FRAMELOOP_H
#define TICKER_FRAMELOOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/config.h"
#include "screen/display/display.h"
#include <stdatomic.h>

#include "base/mailbox.h"
#include "base/onhours.h"
#include "screen/frame/framehealth.h"

struct frameloop_options {
    double duration_seconds;    /* 0: until quit */
    bool interactive;           /* preview keys */
    bool unthrottled;           /* bench: no pacing at all, each frame one refresh later in scene time */
    bool record_frame_times;
    const char *screenshot_dir; /* where S writes (NULL: the current directory) */
    const char *final_screenshot; /* written from the last frame, when set */
    const struct onhours *on_hours; /* the schedule (ops/schedule); NULL: always on */
    struct framehealth *health;   /* counts for the health metrics; NULL: none */
    /* the ticker executable for HDMI-CEC children (screen/display/screenpower); NULL: no CEC */
    const char *cec_program;
    const atomic_bool *stop; /* another thread asks the loop to end at the next frame (a clean restart); NULL: none */
    /* A group ([sync]): programs and the clock's correction from the sync
     * thread (screen/frame/groupframe), which takes the mailbox's items; each
     * frame placed for the group time it will be seen at. NULL: on its own. */
    struct programbox *group;
    /* For the sync harness and bench: a line per presented frame, "REALTIME
     * OFFSET GROUPTIME ENTRIES ITEMS X ID" (seconds since 1970 by
     * CLOCK_REALTIME just after the present, the crawl's scroll offset in
     * px, the group time the frame was placed for, crawl entries placed,
     * items shown, the first entry's logical x and its item id).
     * Buffered by stdio: a bench option, not for a kiosk. NULL: none. */
    FILE *frame_log;
};

struct frameloop_stats {
    size_t frames;
    double *frame_ms; /* work per frame, start to after present; frames of them if recorded */
    double *frame_cpu_ms; /* the loop thread's CPU time for the same span: without the time other
                             processes took the core (a shared machine), frames of them if recorded */
    double seconds;   /* wall time of the loop */
    size_t peak_textures;
    double cpu_seconds; /* user + system of the whole process after the first frame (set-up left out) */
    double render_cpu_seconds; /* the same for the loop's own thread alone (no fetching) */
    size_t items_shown;  /* items the scene held at the end */
};

/* Runs until quit (window closed, Q/Esc, SIGINT/SIGTERM) or the duration
 * is over. Returns 0, or 1 when the first frame could not be set up. stats
 * may be NULL; free it with frameloop_stats_clear. */
int frameloop_run(struct display *display, const struct config *config, struct mailbox *mailbox,
                  const struct frameloop_options *options, struct frameloop_stats *stats);
void frameloop_stats_clear(struct frameloop_stats *stats);

#endif
