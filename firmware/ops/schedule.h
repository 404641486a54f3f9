/* Stage ops (firmware/ops/), whose main header this is: running a kiosk
 * unattended — the on/off schedule, health metrics for Prometheus, the
 * remote configuration.  Uses base (and what it reports on, handed over as
 * plain data by cli).  Never draws, fetches on its own thread, or parses
 * feeds: alerts are items and go through ingest like every other source.
 *
 * schedule: [schedule] to the week of on/off minutes (base/onhours) and
 * the questions asked of it: is the screen on at t, when is the next
 * change.  Pure: local time from localtime_r, no other state.
 * Never: powers a display down (screen/display/display does, told by the frame
 * loop). */
#ifndef TICKER_SCHEDULE_H
#define TICKER_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/config.h"
#include "base/onhours.h"

/* Reads [schedule]: "daily" for every day, then mon..sun override their
 * day. Each value is "off" or comma-separated ranges "HH:MM-HH:MM"; a range
 * whose end is not after its start crosses midnight into the next day
 * ("20:00-02:00"); "24:00" ends a day. No key at all: always on; a day
 * without its key while there is no daily: off. Returns
 * false with err naming the key and the reason; *week is then untouched. */
bool schedule_parse(const struct schedule_config *config, struct onhours *week, char *err, size_t err_size);

/* Whether any minute of the week is off (a schedule is in force). */
bool schedule_has_off(const struct onhours *week);
bool schedule_is_on(const struct onhours *week, time_t t);
/* The first minute after t at which on/off changes, or (time_t)-1 when it
 * never does. */
time_t schedule_next_change(const struct onhours *week, time_t t);

#endif
