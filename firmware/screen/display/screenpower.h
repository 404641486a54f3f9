/* screenpower: the panel's power for the schedule, best first — the TV's
 * own standby through HDMI-CEC (screen/display/cecchild: a child process, never
 * waited on), else DPMS through KMS (screen/display/display), else a black frame
 * that the caller draws. The first CEC request that fails (a non-zero exit
 * or no answer in time: no libcec, no adapter, libcec's own crash) makes
 * CEC "unavailable": said once in the log, never tried again in this run,
 * and the fallback runs at once for that request.
 * Owns: that order and the give-up.  Never: waits (the frame loop asks,
 * then polls once a loop) or draws. */
#ifndef TICKER_SCREENPOWER_H
#define TICKER_SCREENPOWER_H

#include <stdbool.h>

#include "screen/display/display.h"

enum screenpower_result {
    SCREENPOWER_PANEL,   /* the panel or TV itself is off (or on): redraw everything when it is on again */
    SCREENPOWER_BLANK,   /* nothing powered it down: the caller shows a black frame */
    SCREENPOWER_PENDING, /* CEC asked, no answer yet: poll */
    SCREENPOWER_NONE     /* poll: nothing new */
};

struct screenpower;

/* cec_program: the ticker executable for `ticker cec` children, NULL for no
 * CEC (a preview window, offscreen). display outlives it. NULL on OOM. */
struct screenpower *screenpower_create(struct display *display, const char *cec_program);
/* After the frame loop: waits for the child asked for last, if any (at most
 * its time limit), and logs its outcome. */
void screenpower_destroy(struct screenpower *power);

/* Off: CEC standby when available (PENDING; the caller blanks meanwhile),
 * else DPMS (PANEL) or BLANK. On: CEC power-on asked in the background
 * when available, and DPMS on (PANEL, or BLANK when DPMS is not possible
 * here: the caller just draws). */
enum screenpower_result screenpower_set(struct screenpower *power, bool on);
/* After PENDING: PANEL when the TV took it, the fallback's PANEL or BLANK
 * when CEC failed, PENDING while the child runs; NONE when nothing is
 * pending. Also takes (and logs) the outcome of a power-on request. */
enum screenpower_result screenpower_poll(struct screenpower *power);
/* Whether CEC was given up (for the tests and the log). */
bool screenpower_cec_unavailable(const struct screenpower *power);

#endif
