/* Prometheus text format and the status lines (see health.h). */
#include "ops/health.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/atomicfile.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/strbuf.h"

static void metric(struct strbuf *b, const char *name, const char *type, const char *help)
{
    strbuf_addf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* A label value: backslash, double quote and newline escaped (the format's rule). */
static void label(struct strbuf *b, const char *value)
{
    for (const char *p = value; *p; p++) {
        if (*p == '\\' || *p == '"')
            strbuf_addf(b, "\\%c", *p);
        else if (*p == '\n')
            strbuf_addf(b, "\\n");
        else
            strbuf_addf(b, "%c", *p);
    }
}

static void per_source(struct strbuf *b, const struct health_report *r, const char *name, const char *type,
                       const char *help, int which)
{
    metric(b, name, type, help);
    for (size_t i = 0; i < r->source_count; i++) {
        const struct health_source *s = &r->sources[i];
        strbuf_addf(b, "%s{source=\"", name);
        label(b, s->location);
        int64_t value = which == 0 ? s->last_success : which == 1 ? s->last_error_at : which == 2 ? s->failures
                                                                                                : s->item_count;
        strbuf_addf(b, "\"} %lld\n", (long long)value);
    }
}

/* A group's screen: how far its clock is from the leader's and how sure
 * that is, and whether it follows (docs/sync.md). */
static void sync_metrics(struct strbuf *b, const struct program_status *s)
{
    metric(b, "ticker_sync_offset_seconds", "gauge", "This clock's offset to the group leader's, as last measured.");
    strbuf_addf(b, "ticker_sync_offset_seconds %.6f\n", s->offset);
    metric(b, "ticker_sync_offset_uncertainty_seconds", "gauge",
           "Half the round trip of the poll the offset rests on.");
    strbuf_addf(b, "ticker_sync_offset_uncertainty_seconds %.6f\n", s->uncertainty);
    metric(b, "ticker_sync_drift_ratio", "gauge", "The leader's clock's rate against this one's, minus 1.");
    strbuf_addf(b, "ticker_sync_drift_ratio %.9f\n", s->skew);
    metric(b, "ticker_sync_following", "gauge", "1 while this screen shows the leader's program.");
    strbuf_addf(b, "ticker_sync_following %d\n", s->following ? 1 : 0);
    metric(b, "ticker_sync_fallback", "gauge", "1 while a follower shows its own items (leader gone or refused).");
    strbuf_addf(b, "ticker_sync_fallback %d\n", s->fallback ? 1 : 0);
    metric(b, "ticker_sync_refused", "gauge", "1 while the leader refuses this screen (fonts, size or timing differ).");
    strbuf_addf(b, "ticker_sync_refused %d\n", s->refused ? 1 : 0);
    metric(b, "ticker_sync_polls_total", "counter", "Polls of the leader.");
    strbuf_addf(b, "ticker_sync_polls_total %llu\n", (unsigned long long)s->polls);
    metric(b, "ticker_sync_poll_failures_total", "counter", "Polls with no good answer.");
    strbuf_addf(b, "ticker_sync_poll_failures_total %llu\n", (unsigned long long)s->poll_failures);
}

/* What the rules did, and why the screen shows no headline when they hid
 * every one (its header and clock stay). */
static void print_rules(FILE *out, const struct health_report *r)
{
    if (!r->rules_at)
        return;
    int64_t shown = -1, hidden = 0;
    for (size_t i = 0; i < r->rule_count; i++)
        if (!strcmp(r->rules[i].rule, "shown"))
            shown = r->rules[i].items;
        else
            hidden += r->rules[i].items;
    fprintf(out, "editorial: %lld items shown, %lld hidden by the rules\n", (long long)shown, (long long)hidden);
    for (size_t i = 0; i < r->rule_count; i++)
        if (strcmp(r->rules[i].rule, "shown"))
            fprintf(out, "  %s hid %lld\n", r->rules[i].rule, (long long)r->rules[i].items);
    if (shown == 0 && hidden)
        fprintf(out, "  the rules hide every cached item: the screen shows its header and clock only\n");
}

char *health_format(const struct health_report *r)
{
    struct strbuf b = STRBUF_INIT;
    metric(&b, "ticker_up", "gauge", "1 while the ticker runs and writes these metrics.");
    strbuf_addf(&b, "ticker_up 1\n");
    metric(&b, "ticker_start_time_seconds", "gauge", "When the program started, Unix seconds.");
    strbuf_addf(&b, "ticker_start_time_seconds %lld\n", (long long)r->started);
    metric(&b, "ticker_frames_presented_total", "counter", "Frames drawn whole and presented.");
    strbuf_addf(&b, "ticker_frames_presented_total %llu\n", (unsigned long long)r->frames_presented);
    metric(&b, "ticker_frames_missed_total", "counter",
           "Frames that took longer than 1.5 refresh periods or could not be drawn whole.");
    strbuf_addf(&b, "ticker_frames_missed_total %llu\n", (unsigned long long)r->frames_missed);
    metric(&b, "ticker_frame_seconds", "histogram", "Work per frame, from its start to after the present.");
    uint64_t cumulative = 0;
    for (size_t i = 0; i < r->bucket_count; i++) {
        cumulative += r->bucket_counts[i];
        if (i + 1 == r->bucket_count)
            strbuf_addf(&b, "ticker_frame_seconds_bucket{le=\"+Inf\"} %llu\n", (unsigned long long)cumulative);
        else
            strbuf_addf(&b, "ticker_frame_seconds_bucket{le=\"%g\"} %llu\n", r->bucket_bounds[i],
                (unsigned long long)cumulative);
    }
    strbuf_addf(&b, "ticker_frame_seconds_sum %.6f\nticker_frame_seconds_count %llu\n", r->frame_seconds_sum,
        (unsigned long long)cumulative);
    metric(&b, "ticker_last_frame_time_seconds", "gauge", "When a frame was last presented, Unix seconds (0: none).");
    strbuf_addf(&b, "ticker_last_frame_time_seconds %lld\n", (long long)r->last_present);
    metric(&b, "ticker_items_shown", "gauge", "Headlines in the rotation now.");
    strbuf_addf(&b, "ticker_items_shown %zu\n", r->items_shown);
    metric(&b, "ticker_alerts_active", "gauge", "Alerts current now (one of them on screen).");
    strbuf_addf(&b, "ticker_alerts_active %zu\n", r->alerts_active);
    metric(&b, "ticker_screen_on", "gauge", "1 while the schedule has the screen on.");
    strbuf_addf(&b, "ticker_screen_on %d\n", r->screen_on ? 1 : 0);
    per_source(&b, r, "ticker_source_last_success_time_seconds", "gauge",
               "When the source was last read successfully, Unix seconds (0: never).", 0);
    per_source(&b, r, "ticker_source_last_error_time_seconds", "gauge",
               "When the source last failed, Unix seconds (0: never).", 1);
    per_source(&b, r, "ticker_source_consecutive_failures", "gauge", "Failed attempts since the last success.", 2);
    per_source(&b, r, "ticker_source_items", "gauge", "Items of the source's last successful read.", 3);
    if (r->cache_items >= 0) {
        metric(&b, "ticker_cache_items", "gauge", "Items in the cache.");
        strbuf_addf(&b, "ticker_cache_items %lld\n", (long long)r->cache_items);
    }
    if (r->cache_bytes >= 0) {
        metric(&b, "ticker_cache_bytes", "gauge", "Size of the cache database with its WAL.");
        strbuf_addf(&b, "ticker_cache_bytes %lld\n", (long long)r->cache_bytes);
    }
    if (r->rules_at) {
        metric(&b, "ticker_editorial_hidden_items", "gauge",
               "Cached items each editorial rule hid at the last list posted (docs/editorial.md).");
        for (size_t i = 0; i < r->rule_count; i++) {
            if (!strcmp(r->rules[i].rule, "shown"))
                continue;
            strbuf_addf(&b, "ticker_editorial_hidden_items{rule=\"");
            label(&b, r->rules[i].rule);
            strbuf_addf(&b, "\"} %lld\n", (long long)r->rules[i].items);
        }
        metric(&b, "ticker_editorial_shown_items", "gauge", "Items in the last list posted, after the rules.");
        for (size_t i = 0; i < r->rule_count; i++)
            if (!strcmp(r->rules[i].rule, "shown"))
                strbuf_addf(&b, "ticker_editorial_shown_items %lld\n", (long long)r->rules[i].items);
    }
    int64_t newest = 0;
    for (size_t i = 0; i < r->source_count; i++)
        if (r->sources[i].last_success > newest)
            newest = r->sources[i].last_success;
    if (newest) {
        metric(&b, "ticker_cache_age_seconds", "gauge", "Seconds since any source last brought content.");
        strbuf_addf(&b, "ticker_cache_age_seconds %lld\n", (long long)(r->now - newest));
    }
    if (r->resident_bytes >= 0) {
        metric(&b, "ticker_resident_memory_bytes", "gauge", "Resident memory of the ticker process.");
        strbuf_addf(&b, "ticker_resident_memory_bytes %lld\n", (long long)r->resident_bytes);
    }
    if (r->sync)
        sync_metrics(&b, r->sync);
    return strbuf_finish(&b);
}

bool health_write_textfile(const char *path, const struct health_report *r, char *err, size_t err_size)
{
    char *text = health_format(r);
    if (!text) {
        log_oom_reason(err, err_size, "health textfile %s", path);
        return false;
    }
    char why[TICKER_PATH_ERROR_MAX];
    struct atomicfile file;
    bool ok = atomicfile_begin(&file, path, HEALTH_FILE_MODE, why, sizeof why);
    if (ok && fputs(text, file.stream) < 0) {
        snprintf(why, sizeof why, "%s: %s", path, strerror(errno));
        atomicfile_abort(&file);
        ok = false;
    } else if (ok) {
        ok = atomicfile_commit(&file, why, sizeof why);
    }
    if (!ok)
        snprintf(err, err_size, "health textfile %s", why);
    free(text);
    return ok;
}

static void when(char *out, size_t size, int64_t t, int64_t now)
{
    if (!t) {
        snprintf(out, size, "never");
        return;
    }
    time_t tt = (time_t)t;
    struct tm tm;
    localtime_r(&tt, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
    snprintf(out, size, "%s (%lld s ago)", stamp, (long long)(now - t));
}

void health_print(FILE *out, const struct health_report *r)
{
    char buf[96];
    if (!r->frames_unknown) { /* zeros would say "off, nothing shown", which nobody measured */
        when(buf, sizeof buf, r->last_present, r->now);
        fprintf(out, "screen: %s; last frame presented %s\n", r->screen_on ? "on" : "off (schedule)", buf);
        fprintf(out, "frames: %llu presented, %llu missed their refresh\n", (unsigned long long)r->frames_presented,
                (unsigned long long)r->frames_missed);
        fprintf(out, "showing: %zu headlines, %zu alerts\n", r->items_shown, r->alerts_active);
    }
    if (r->cache_items >= 0)
        fprintf(out, "cache: %lld items, %.1f MB\n", (long long)r->cache_items, r->cache_bytes / 1048576.0);
    print_rules(out, r);
    if (r->resident_bytes >= 0)
        fprintf(out, "memory: %.1f MB resident\n", r->resident_bytes / 1048576.0);
    for (size_t i = 0; i < r->source_count; i++) {
        const struct health_source *s = &r->sources[i];
        when(buf, sizeof buf, s->last_success, r->now);
        fprintf(out, "source %s: %s, %d items, last success %s", s->location,
                s->failures ? "FAILING" : "ok", s->item_count, buf);
        if (s->failures)
            fprintf(out, ", %d failures, last error: %s", s->failures, s->last_error);
        fputc('\n', out);
    }
}

int64_t health_resident_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long long size, resident;
    bool ok = f && fscanf(f, "%lld %lld", &size, &resident) == 2;
    if (f)
        fclose(f);
    return ok ? resident * sysconf(_SC_PAGESIZE) : -1;
}

bool health_read_textfile(const char *path, struct health_report *r, char *err, size_t err_size)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, err_size, "%s: %s", path, strerror(errno));
        return false;
    }
    char line[1024], name[128];
    double value;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || sscanf(line, "%127s %lf", name, &value) != 2)
            continue;
        if (!strcmp(name, "ticker_frames_presented_total"))
            r->frames_presented = (uint64_t)value;
        else if (!strcmp(name, "ticker_frames_missed_total"))
            r->frames_missed = (uint64_t)value;
        else if (!strcmp(name, "ticker_last_frame_time_seconds"))
            r->last_present = (int64_t)value;
        else if (!strcmp(name, "ticker_start_time_seconds"))
            r->started = (int64_t)value;
        else if (!strcmp(name, "ticker_items_shown"))
            r->items_shown = (size_t)value;
        else if (!strcmp(name, "ticker_alerts_active"))
            r->alerts_active = (size_t)value;
        else if (!strcmp(name, "ticker_screen_on"))
            r->screen_on = value != 0;
        else if (!strcmp(name, "ticker_resident_memory_bytes"))
            r->resident_bytes = (int64_t)value;
    }
    fclose(f);
    return true;
}
