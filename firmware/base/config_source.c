/* A [source NAME] section's own settings and a source's memory (see
 * config_source.h). */
#include "base/config_source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/item.h"
#include "base/tzone.h"

void config_source_clear(struct source_config *s)
{
    free(s->location);
    tzone_destroy(s->zone);
    free(s->zone_name);
    for (size_t d = 0; d < 8; d++)
        free(s->hours[d]);
    free(s->hours_week);
    memset(s, 0, sizeof *s);
}

bool config_add_source(struct config *c, const char *location, int refresh_seconds)
{
    struct source_config *grown = realloc(c->sources, (c->source_count + 1) * sizeof *grown);
    if (!grown)
        return false;
    c->sources = grown;
    memset(&grown[c->source_count], 0, sizeof *grown);
    if (!(grown[c->source_count].location = strdup(location)))
        return false;
    grown[c->source_count].refresh_seconds = refresh_seconds;
    grown[c->source_count].alert_severity = ITEM_SEVERITY_SEVERE;
    c->source_count++;
    return true;
}

const struct source_config *config_find_source(const struct config *c, const char *location)
{
    for (size_t i = 0; i < c->source_count; i++)
        if (strcmp(c->sources[i].location, location) == 0)
            return &c->sources[i];
    return NULL;
}

/* The alert settings of a [source] section (type, severity, expire_after). */
int config_source_alert_setting(struct source_config *s, const char *section, const char *name, const char *value,
                                char *err, size_t err_size)
{
    enum item_severity severity;
    char *end;
    long seconds = strtol(value, &end, 10);
    if (!strcmp(name, "type") && (!strcmp(value, "alert") || !strcmp(value, "feed")))
        s->alert = !strcmp(value, "alert");
    else if (!strcmp(name, "severity") && item_severity_from_name(value, &severity))
        s->alert_severity = (int)severity;
    else if (!strcmp(name, "expire_after") && end != value && !*end && seconds >= 0 && seconds <= 366L * 86400)
        s->expire_after_seconds = (int)seconds;
    else
        snprintf(err, err_size, "[%s] %s: invalid value \"%s\" (type: feed or alert; severity: extreme, severe, "
                 "moderate, minor or unknown; expire_after: seconds)", section, name, value);
    return !err[0];
}

const char *const config_source_hours_keys[8] = {"hours_mon", "hours_tue", "hours_wed", "hours_thu", "hours_fri",
                                                 "hours_sat", "hours_sun", "hours"};

/* `hours` and `hours_mon` .. `hours_sun` of a [source] section: each value
 * checked on its own line (so the error names it), the week read once the
 * file is read (a day's key overrides `hours` wherever it stands). */
int config_source_hours_setting(struct source_config *source, const char *section, const char *name,
                                const char *value, char *err, size_t err_size)
{
    size_t d = 0;
    while (d < 8 && strcmp(name, config_source_hours_keys[d]))
        d++;
    if (d == 8) {
        snprintf(err, err_size, "unknown setting [%s] %s (hours, hours_mon .. hours_sun)", section, name);
        return 0;
    }
    char *one[8] = {NULL};
    one[d] = (char *)value;
    struct onhours check;
    if (!onhours_parse(one, section, config_source_hours_keys, &check, err, err_size))
        return 0;
    char **slot = &source->hours[d];
    free(*slot);
    return (*slot = strdup(value)) != NULL;
}

/* Each source's week from its hours as they stand after a file. */
bool config_read_source_hours(struct config *c, char *err, size_t err_size)
{
    for (size_t i = 0; i < c->source_count; i++) {
        struct source_config *s = &c->sources[i];
        bool any = false;
        for (size_t d = 0; d < 8; d++)
            any |= s->hours[d] != NULL;
        free(s->hours_week);
        s->hours_week = NULL;
        if (!any)
            continue;
        if (!(s->hours_week = malloc(sizeof *s->hours_week))) {
            snprintf(err, err_size, "out of memory");
            return false;
        }
        char section[300];
        snprintf(section, sizeof section, "source %s", s->location);
        if (!onhours_parse(s->hours, section, config_source_hours_keys, s->hours_week, err, err_size))
            return false;
    }
    return true;
}

