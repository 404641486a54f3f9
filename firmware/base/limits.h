/* limits: the sizes of the fixed buffers that hold paths and messages,
 * named once, as SQLite's sqliteLimit.h names its limits.
 * Owns: the numbers.  Never: a buffer that holds input — longer input than
 * a limit is refused or cut with snprintf and said so, never overflows.
 * Thread: constants. */
#ifndef TICKER_LIMITS_H
#define TICKER_LIMITS_H

/* A path the kiosk opens: Linux's PATH_MAX. */
#define TICKER_PATH_MAX 4096
/* A folder a file name is added to, still within TICKER_PATH_MAX. */
#define TICKER_DIR_MAX (TICKER_PATH_MAX - 96)
/* A path and a suffix of ours (".tmp", "-wal", "/" and a cache name). */
#define TICKER_PATH_SUFFIXED_MAX (TICKER_PATH_MAX + 104)
/* SQLite's file: URI of a suffixed path, every byte of it %-escaped at worst
 * twice over ("%25"): twice TICKER_PATH_SUFFIXED_MAX is ample. */
#define TICKER_URI_MAX (2 * TICKER_PATH_SUFFIXED_MAX)
/* A short reason inside a message (why a sniff refused, a status word). */
#define TICKER_REASON_MAX 256
/* One message for people: what failed and why. */
#define TICKER_ERROR_MAX 512
/* A message that quotes a source's location or a URL and a reason. */
#define TICKER_ERROR_QUOTING_MAX 768
/* A message that wraps another message (a file and line, then the error). */
#define TICKER_ERROR_WRAPPING_MAX 1024
/* A message that names a path and why it failed. */
#define TICKER_PATH_ERROR_MAX (TICKER_PATH_MAX + TICKER_ERROR_MAX - 8)

#endif
