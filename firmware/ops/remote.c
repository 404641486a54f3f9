/* The fleet's INI file over the kiosk's own (see remote.h). */
#include "ops/remote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/onhours.h"
#include "ops/schedule.h"

bool remote_apply_file(struct config *config, const char *path, char *err, size_t err_size)
{
    size_t local = config->source_count;
    if (!config_load_file(config, path, err, err_size))
        return false;
    if (config->source_count > local) { /* the fleet names the sources: they replace the kiosk's own */
        for (size_t i = 0; i < local; i++)
            free(config->sources[i].location);
        memmove(config->sources, config->sources + local, (config->source_count - local) * sizeof *config->sources);
        config->source_count -= local;
    }
    return true;
}

struct config *remote_check(const char *local_path, const char *candidate_path, char *err, size_t err_size)
{
    struct config *config = config_create();
    if (!config) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    struct onhours week;
    char why[512];
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

static const char *text(const char *s)
{
    return s ? s : "(unset)";
}

static size_t differ(const char *origin, const char *key, const char *before, const char *after)
{
    if (!strcmp(text(before), text(after)))
        return 0;
    log_info("%s: %s: \"%s\" -> \"%s\"", origin, key, text(before), text(after));
    return 1;
}

static size_t differ_number(const char *origin, const char *key, double before, double after)
{
    if (before == after)
        return 0;
    log_info("%s: %s: %g -> %g", origin, key, before, after);
    return 1;
}

static bool has_source(const struct config *c, const char *location)
{
    return config_find_source(c, location) != NULL;
}

size_t remote_log_changes(const char *origin, const struct config *a, const struct config *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->source_count; i++)
        if (!has_source(a, b->sources[i].location) && ++n)
            log_info("%s: source added: %s%s", origin, b->sources[i].location, b->sources[i].alert ? " (alert)" : "");
    for (size_t i = 0; i < a->source_count; i++)
        if (!has_source(b, a->sources[i].location) && ++n)
            log_info("%s: source removed: %s", origin, a->sources[i].location);
    const struct display_config *da = &a->display, *db = &b->display;
    n += differ(origin, "[display] title", da->title, db->title);
    n += differ(origin, "[display] logo", da->logo, db->logo);
    n += differ_number(origin, "[display] width", da->width, db->width);
    n += differ_number(origin, "[display] height", da->height, db->height);
    n += differ_number(origin, "[display] rotate", da->rotate, db->rotate);
    n += differ_number(origin, "[display] crawl_speed", da->crawl_speed, db->crawl_speed);
    n += differ_number(origin, "[display] featured_seconds", da->featured_seconds, db->featured_seconds);
    n += differ_number(origin, "[fetch] refresh", a->fetch.refresh_seconds, b->fetch.refresh_seconds);
    n += differ(origin, "[fetch] user_agent", a->fetch.user_agent, b->fetch.user_agent);
    n += differ(origin, "[health] textfile", a->health.textfile, b->health.textfile);
    static const char *const days[8] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "daily"};
    for (int d = 0; d < 8; d++) {
        char key[32];
        snprintf(key, sizeof key, "[schedule] %s", days[d]);
        n += differ(origin, key, a->schedule.days[d], b->schedule.days[d]);
    }
    return n;
}
