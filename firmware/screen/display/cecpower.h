/* cecpower: the TV's own power through HDMI-CEC — standby, or on and
 * "active source" — with libcec loaded at run time (dlopen), one request,
 * synchronous. It runs only in the short-lived child `ticker cec
 * standby|on` (screen/display/cecchild starts it for the kiosk): Debian 12's
 * libcec 6.0.2 ended the whole process with status 255 in about one run in
 * ten while shutting down without an adapter, so whatever libcec does can
 * end that child only, never the kiosk.
 * Never: runs in the kiosk's process, or decides when (screen/display/screenpower). */
#ifndef TICKER_CECPOWER_H
#define TICKER_CECPOWER_H

#include <stdbool.h>
#include <stddef.h>

/* The child's exit status, which is all the kiosk reads. */
enum cecpower_status {
    CECPOWER_WORKED = 0,          /* the TV acknowledged */
    CECPOWER_UNAVAILABLE = 3,     /* no libcec, libcec cannot start, or no adapter */
    CECPOWER_NOT_ACKNOWLEDGED = 4 /* an adapter, but the TV did not answer */
};

/* Standby (on = false) or power-on and active source (on = true), through
 * the first CEC adapter found (libcec_detect_adapters; opening it may take
 * up to 10 s). A one-line reason goes into reason. */
enum cecpower_status cecpower_run(bool on, char *reason, size_t reason_size);

#endif
