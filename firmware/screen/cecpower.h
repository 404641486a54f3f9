/* cecpower: the TV's own power through HDMI-CEC — standby when the schedule
 * turns the screen off, power-on and "active source" when it turns it on —
 * with libcec loaded at run time (dlopen), so a
 * kiosk without libcec or without a CEC adapter simply goes on with DPMS.
 * Opening an adapter takes seconds, so it runs on a thread of its own and
 * the frame loop never waits for it.
 * Never: decides when (the frame loop does, through display_set_power). */
#ifndef TICKER_CECPOWER_H
#define TICKER_CECPOWER_H

#include <stdbool.h>

struct cecpower;

/* Starts the thread; nothing is loaded or opened before the first request.
 * NULL on OOM. */
struct cecpower *cecpower_create(void);
void cecpower_destroy(struct cecpower *cec);
/* Asks for the TV on or off; returns at once. The newest request wins. */
void cecpower_request(struct cecpower *cec, bool on);
/* Whether a request reached a TV through CEC so far (for the log and tests). */
bool cecpower_worked(struct cecpower *cec);

#endif
