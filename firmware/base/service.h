/* service: talks to systemd when run as a service — readiness, the watchdog
 * fed from the render loop, and status text.  Never: decides when to feed
 * (the frame loop does), and does nothing at all outside systemd. */
#ifndef TICKER_SERVICE_H
#define TICKER_SERVICE_H

#include <stdint.h>

/* Call once the first frame is on screen. */
void service_notify_ready(void);
/* Call from the frame loop every frame; it pings systemd at most every half
 * watchdog interval. now_ms: a monotonic clock; last_feed_ms: the caller's
 * state, 0 at start. */
void service_watchdog_feed(uint64_t now_ms, uint64_t *last_feed_ms);
void service_notify_status(const char *status);
void service_notify_stopping(void);

#endif
