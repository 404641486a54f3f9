/* log: leveled, one-line messages to stderr, in a form journald understands
 * (a "<N>" priority prefix when stderr is the journal).
 * Owns: the output format and the minimum level.  Never: decides policy. */
#ifndef TICKER_LOG_H
#define TICKER_LOG_H

#include <stddef.h>

enum log_level { LOG_LEVEL_ERROR = 3, LOG_LEVEL_WARN = 4, LOG_LEVEL_INFO = 6, LOG_LEVEL_DEBUG = 7 };

void log_set_level(enum log_level level);
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A text for a message, shortened when it is long: a 2,000-byte feed URL
 * in "URL: reason" left no room for the reason in a log line. Over
 * LOG_CLIP_BYTES it keeps its first 100 and last 40 bytes (whole UTF-8
 * characters) around "…", in out (at least LOG_CLIP_BYTES + 8 bytes);
 * else it is text itself. */
enum { LOG_CLIP_BYTES = 160 };
const char *log_clip(const char *text, char *out, size_t out_size);

/* An allocation failed: one wording for every such message, and each says
 * where. log_oom logs the error "PLACE: out of memory" (place a printf
 * format: "picture %s", url); log_oom_reason writes the same into a reason
 * buffer, or "out of memory" alone when place is NULL because the message
 * the reason goes into names the place ("feed URL: out of memory"). A
 * message that says more ("fetch: out of memory putting the new sources in
 * force") writes LOG_OOM into its format. */
#define LOG_OOM "out of memory"
void log_oom(const char *place, ...) __attribute__((format(printf, 1, 2)));
void log_oom_reason(char *reason, size_t reason_size, const char *place, ...) __attribute__((format(printf, 3, 4)));

#define log_error(...) log_msg(LOG_LEVEL_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LEVEL_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_LEVEL_DEBUG, __VA_ARGS__)

#endif
