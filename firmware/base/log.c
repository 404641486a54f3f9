#include "base/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum log_level min_level = LOG_LEVEL_INFO;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

void log_set_level(enum log_level level) { min_level = level; }

static const char *level_name(enum log_level level)
{
    switch (level) {
    case LOG_LEVEL_ERROR: return "error";
    case LOG_LEVEL_WARN: return "warning";
    case LOG_LEVEL_INFO: return "info";
    default: return "debug";
    }
}

void log_msg(enum log_level level, const char *fmt, ...)
{
    if (level > min_level)
        return;
    /* systemd sets JOURNAL_STREAM when stderr is the journal: then the
     * "<N>" prefix gives each line its priority. */
    int journal = getenv("JOURNAL_STREAM") != NULL;
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&log_lock);
    if (journal)
        fprintf(stderr, "<%d>%s\n", (int)level, line);
    else
        fprintf(stderr, "ticker: %s: %s\n", level_name(level), line);
    pthread_mutex_unlock(&log_lock);
}

const char *log_clip(const char *text, char *out, size_t out_size)
{
    size_t length = strlen(text);
    if (length <= LOG_CLIP_BYTES || out_size < LOG_CLIP_BYTES + 8)
        return text;
    size_t head = 100, tail = length - 40;
    while (head > 0 && ((unsigned char)text[head] & 0xC0) == 0x80) /* not inside a character */
        head--;
    while (tail < length && ((unsigned char)text[tail] & 0xC0) == 0x80)
        tail++;
    snprintf(out, out_size, "%.*s…%s", (int)head, text, text + tail);
    return out;
}

/* "PLACE: " then the wording, into out; place may be NULL. */
__attribute__((format(printf, 3, 0))) static void oom_text(char *out, size_t size, const char *place, va_list ap)
{
    size_t n = 0;
    if (place) {
        int w = vsnprintf(out, size, place, ap);
        n = w < 0 ? 0 : (size_t)w;
    }
    if (n < size)
        snprintf(out + n, size - n, "%s" LOG_OOM, place ? ": " : "");
}

void log_oom(const char *place, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, place);
    oom_text(text, sizeof text, place, ap);
    va_end(ap);
    log_error("%s", text);
}

void log_oom_reason(char *reason, size_t reason_size, const char *place, ...)
{
    if (!reason_size)
        return;
    va_list ap;
    va_start(ap, place);
    oom_text(reason, reason_size, place, ap);
    va_end(ap);
}
