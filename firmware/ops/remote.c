/* The fleet's INI file over the kiosk's own (see remote.h). */
#include "ops/remote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config_source.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/onhours.h"
#include "base/settings.h"
#include "ops/schedule.h"

bool remote_apply_file(struct config *config, const char *path, char *err, size_t err_size)
{
    size_t local = config->source_count;
    /* config_path stays the kiosk's own file: the next remote file is
     * checked over it, not over the last one. */
    char *own = strdup(config->config_path ? config->config_path : "");
    if (!own) {
        log_oom_reason(err, err_size, NULL);
        return false;
    }
    bool read = config_load(config, path, CONFIG_FROM_FLEET, NULL, NULL, err, err_size);
    free(config->config_path);
    config->config_path = own;
    if (!read)
        return false;
    if (config->source_count > local) { /* the fleet names the sources: they replace the kiosk's own */
        for (size_t i = 0; i < local; i++)
            config_source_clear(&config->sources[i]);
        memmove(config->sources, config->sources + local, (config->source_count - local) * sizeof *config->sources);
        config->source_count -= local;
    }
    return true;
}

struct config *remote_check(const char *local_path, const char *candidate_path, char *err, size_t err_size)
{
    struct config *config = config_create();
    if (!config) {
        log_oom_reason(err, err_size, NULL);
        return NULL;
    }
    struct onhours week;
    char why[TICKER_ERROR_MAX];
    bool ok = (!local_path[0] || config_load_file(config, local_path, err, err_size)) &&
              remote_apply_file(config, candidate_path, err, err_size);
    if (ok && !schedule_parse(&config->schedule, &week, why, sizeof why)) {
        snprintf(err, err_size, "%s: %s", candidate_path, why);
        ok = false;
    }
    if (!ok) {
        config_destroy(config);
        return NULL;
    }
    return config;
}

static bool has_source(const struct config *c, const char *location)
{
    return config_find_source(c, location) != NULL;
}

/* A row whose value differs, logged: "[display] title: "A" -> "B"", "[display] crawl_speed: 120 -> 240". */
static size_t differ(const char *origin, const char *section, const struct setting *row, const void *a, const void *b)
{
    if (!settings_differ(row, a, b))
        return 0;
    char was[TICKER_PATH_MAX], is[TICKER_PATH_MAX]; /* a value, a path at the longest */
    const char *q =
        row->type >= SETTING_TEXT && row->type != SETTING_CHOICE ? "\"" : ""; /* words quoted, numbers not */
    log_info("%s: [%s] %s: %s%s%s -> %s%s%s", origin, section, row->key, q, settings_format(row, a, was, sizeof was), q,
             q, settings_format(row, b, is, sizeof is), q);
    return 1;
}

size_t remote_restart_needs(const struct config *a, const struct config *b, char *out, size_t out_size)
{
    size_t n = 0;
    if (out_size)
        out[0] = '\0';
    for (size_t i = 0; i < settings_count; i++) { /* the table says which settings a running kiosk cannot take */
        const struct setting *row = &settings_table[i];
        if (row->live || settings_is_source(row) || !settings_differ(row, a, b))
            continue;
        size_t used = strlen(out);
        if (used < out_size)
            snprintf(out + used, out_size - used, "%s[%s] %s", n ? ", " : "", row->section, row->key);
        n++;
    }
    if ((a->source_count == 0) != (b->source_count == 0)) {
        size_t used = strlen(out);
        if (used < out_size)
            snprintf(out + used, out_size - used, "%s%s", n ? ", " : "",
                     a->source_count ? "no sources left (the demo content)" : "sources instead of the demo content");
        n++;
    }
    return n;
}

size_t remote_log_changes(const char *origin, const struct config *a, const struct config *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->source_count; i++) {
        const struct source_config *was = config_find_source(a, b->sources[i].location), *is = &b->sources[i];
        char section[600];
        snprintf(section, sizeof section, "source %s", is->location);
        for (size_t r = 0; was && r < settings_count; r++)
            if (settings_is_source(&settings_table[r]))
                n += differ(origin, section, &settings_table[r], was, is);
    }
    for (size_t i = 0; i < b->source_count; i++)
        if (!has_source(a, b->sources[i].location) && ++n)
            log_info("%s: source added: %s%s", origin, b->sources[i].location, b->sources[i].alert ? " (alert)" : "");
    for (size_t i = 0; i < a->source_count; i++)
        if (!has_source(b, a->sources[i].location) && ++n)
            log_info("%s: source removed: %s", origin, a->sources[i].location);
    for (size_t r = 0; r < settings_count; r++)
        if (!settings_is_source(&settings_table[r]))
            n += differ(origin, settings_table[r].section, &settings_table[r], a, b);
    return n;
}
