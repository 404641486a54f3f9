/* A source's memory and what is read once its section is read (see
 * config_source.h). */
#include "base/array.h"
#include "base/config_source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/log.h"
#include "base/settings.h"
#include "base/tzone.h"

void config_source_clear(struct source_config *s)
{
    for (size_t i = 0; i < settings_count; i++)
        if (settings_is_source(&settings_table[i])) {
            settings_clear(&settings_table[i], s);
            if (s->origins)
                free(s->origins[i]);
        }
    free(s->origins);
    free(s->name);
    tzone_destroy(s->zone);
    free(s->hours_week);
    memset(s, 0, sizeof *s);
}

struct source_config *config_add_named_source(struct config *c, const char *name)
{
    if (!ARRAY_RESIZE(c->sources, c->source_count + 1))
        return NULL;
    struct source_config *s = &c->sources[c->source_count];
    memset(s, 0, sizeof *s);
    c->source_count++;
    if (!(s->name = strdup(name)) || !(s->origins = calloc(settings_count, sizeof *s->origins)) ||
        !config_apply_defaults(s, true)) {
        config_source_clear(s);
        c->source_count--;
        return NULL;
    }
    return s;
}

bool config_add_source(struct config *c, const char *location, int refresh_seconds)
{
    struct source_config *s = config_add_named_source(c, location);
    if (!s)
        return false;
    s->refresh_seconds = refresh_seconds;
    if (!(s->location = strdup(location))) {
        config_source_clear(s);
        c->source_count--;
        return false;
    }
    return true;
}

const struct source_config *config_find_source(const struct config *c, const char *location)
{
    for (size_t i = 0; i < c->source_count; i++)
        if (strcmp(c->sources[i].location, location) == 0)
            return &c->sources[i];
    return NULL;
}

const char *const config_source_hours_keys[8] = {"hours_mon", "hours_tue", "hours_wed", "hours_thu", "hours_fri",
                                                 "hours_sat", "hours_sun", "hours"};

/* cap_scope's words as CONFIG_CAP_SCOPE_* bits: false, naming the word,
 * for one that is none of the three, or for none at all. */
static bool read_cap_scopes(struct source_config *s, const char *section, char *err, size_t err_size)
{
    static const char *const names[] = {"public", "restricted", "private"};
    s->cap_scopes = 0;
    for (size_t i = 0; i < s->cap_scope.count; i++) {
        size_t k = 0;
        while (k < 3 && strcasecmp(s->cap_scope.values[i], names[k]))
            k++;
        if (k == 3) {
            snprintf(err, err_size, "[%s] cap_scope: invalid value \"%s\" (public, restricted and/or private)",
                     section, s->cap_scope.values[i]);
            return false;
        }
        s->cap_scopes |= 1u << k;
    }
    if (!s->cap_scopes)
        snprintf(err, err_size, "[%s] cap_scope is empty: name public, restricted and/or private", section);
    return s->cap_scopes != 0;
}

/* A source's zone, week and CAP scopes from its settings as written, once
 * its whole section is read (a day's key overrides `hours` wherever it
 * stands). */
static bool read_source(struct source_config *s, char *err, size_t err_size)
{
    char section[300];
    snprintf(section, sizeof section, "source %s", s->name && s->name[0] ? s->name : s->location);
    if (!read_cap_scopes(s, section, err, err_size))
        return false;
    tzone_destroy(s->zone);
    s->zone = NULL;
    if (s->zone_name && !(s->zone = tzone_create(s->zone_name, NULL, err, err_size)))
        return false;
    bool any = false;
    for (size_t d = 0; d < 8; d++)
        any |= s->hours[d] != NULL;
    free(s->hours_week);
    s->hours_week = NULL;
    if (!any)
        return true;
    if (!(s->hours_week = malloc(sizeof *s->hours_week))) {
        log_oom_reason(err, err_size, NULL);
        return false;
    }
    return onhours_parse(s->hours, section, config_source_hours_keys, s->hours_week, err, err_size);
}

bool config_read_sources(struct config *c, char *err, size_t err_size)
{
    for (size_t i = 0; i < c->source_count; i++)
        if (!read_source(&c->sources[i], err, err_size))
            return false;
    return true;
}
