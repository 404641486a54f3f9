/* health: a kiosk's health as Prometheus metrics (text exposition format
 * 0.0.4, https://prometheus.io/docs/instrumenting/exposition_formats/),
 * written atomically for node_exporter's textfile collector, and the same
 * for a person (`ticker status`).
 * Owns: the metric names, help texts, label escaping, the atomic write.
 * Never: gathers the numbers itself — cli hands them over as plain data
 * (the frame loop's counts, the sources' state from the cache). */
#ifndef TICKER_HEALTH_H
#define TICKER_HEALTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/program.h"

struct health_source {
    const char *location;
    int64_t last_success;  /* Unix seconds, 0 = never */
    int64_t last_error_at; /* Unix seconds, 0 = never */
    int failures;          /* consecutive */
    int item_count;        /* of the last successful read */
    const char *last_error; /* "" when the last attempt succeeded */
};

/* What one editorial rule hid at the kiosk's last post ("shown": the items shown). */
struct health_rule {
    const char *rule;
    int64_t items;
};

struct health_report {
    int64_t now;                  /* Unix seconds */
    int64_t started;              /* Unix seconds the program started */
    uint64_t frames_presented, frames_missed;
    const double *bucket_bounds;  /* upper bounds in seconds, ascending; the last one is +Inf */
    const uint64_t *bucket_counts; /* per bucket, not cumulative */
    size_t bucket_count;
    double frame_seconds_sum;
    int64_t last_present;         /* Unix seconds, 0 = none */
    size_t items_shown, alerts_active;
    bool screen_on;
    const struct health_source *sources;
    size_t source_count;
    int64_t cache_items, cache_bytes; /* -1: unknown */
    int64_t resident_bytes;           /* -1: unknown */
    const struct health_rule *rules;  /* the editorial rules that hid items, and "shown" (from the cache) */
    size_t rule_count;
    int64_t rules_at;                 /* when they were counted, Unix seconds; 0: never */
    bool frames_unknown;  /* no metrics were read: health_print leaves out the screen, frame and shown lines */
    const struct program_status *sync; /* a group's state ([sync]); NULL: on its own */
};

/* The metrics in the text format; caller frees; NULL on OOM. */
char *health_format(const struct health_report *report);
/* The mode of the metrics and the thumbnail, set whatever the unit's
 * umask: node_exporter runs as another user and must read them. */
#define HEALTH_FILE_MODE 0644

/* Writes them to path through a mkstemp temporary beside it and rename(2)
 * (base/atomicfile), so the collector never reads half a file, a planted
 * symlink is never followed, and the file is HEALTH_FILE_MODE. False with
 * err naming the path and the reason. */
bool health_write_textfile(const char *path, const struct health_report *report, char *err, size_t err_size);
/* Reads back what health_write_textfile wrote (the unlabelled numbers: the
 * frames, what is shown, the screen, the start and last frame times) into
 * report, for `ticker status` in another process. False when it cannot be
 * read (err says why). */
bool health_read_textfile(const char *path, struct health_report *report, char *err, size_t err_size);
/* The same numbers as lines for a person. */
void health_print(FILE *out, const struct health_report *report);

/* This process's resident memory from /proc/self/statm, -1 when unknown. */
int64_t health_resident_bytes(void);

#endif
