/* clocks: the monotonic clock in the units the tree uses, and deadlines
 * for pthread_cond_timedwait on a condition made with CLOCK_MONOTONIC.
 * Owns: the conversions.  Never: the wall clock (time(), which jumps when
 * NTP sets a Pi that booted in 1970; live/fetch/fetch_clock handles that).
 * Thread: any. */
#ifndef TICKER_CLOCKS_H
#define TICKER_CLOCKS_H

#include <stdint.h>
#include <time.h>

/* Seconds on CLOCK_MONOTONIC (since an arbitrary start), with ns precision. */
double clocks_monotonic_seconds(void);
/* Whole seconds on CLOCK_MONOTONIC. */
int64_t clocks_monotonic_whole_seconds(void);
/* Milliseconds on CLOCK_MONOTONIC (systemd's watchdog clock). */
uint64_t clocks_monotonic_ms(void);
/* The CLOCK_MONOTONIC time seconds from now (seconds >= 0), for
 * pthread_cond_timedwait and clock_nanosleep(TIMER_ABSTIME). */
struct timespec clocks_deadline_in(double seconds);
/* The CLOCK_MONOTONIC timespec of a clocks_monotonic_seconds value. */
struct timespec clocks_timespec(double seconds);

#endif
