#include "base/config_sync.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool set_text(char **field, const char *value)
{
    char *copy = strdup(value);
    if (!copy)
        return false;
    free(*field);
    *field = copy;
    return true;
}

bool config_sync_defaults(struct sync_config *s)
{
    s->role = CONFIG_SYNC_NONE;
    s->columns = s->rows = 1;
    s->column = s->row = s->bezel = 0;
    s->poll_seconds = 1;
    s->fallback_seconds = 30;
    s->lead_seconds = 3;
    return set_text(&s->key, "") && set_text(&s->key_file, "") && set_text(&s->leader_url, "") &&
           set_text(&s->bind, "");
}

struct sync_row {
    const char *name;
    char type;  /* s text, i whole number, d number, r role */
    size_t at;  /* offsetof in struct sync_config */
    double min, max;
    const char *doc;
};

#define ROW(n, t, f, lo, hi, d) {n, t, offsetof(struct sync_config, f), lo, hi, d}
static const struct sync_row rows[] = {
    ROW("role", 'r', role, 0, 0, "leader, follower or none"),
    ROW("key", 's', key, 0, 0, "the group's key: 64 hex digits"),
    ROW("key_file", 's', key_file, 0, 0, "a file holding the key"),
    ROW("leader", 's', leader_url, 0, 0, "follower: the leader's http://ADDRESS:PORT"),
    ROW("bind", 's', bind, 0, 0, "leader: ADDRESS:PORT to serve on"),
    ROW("columns", 'i', columns, 1, 16, "screens side by side in the wall"),
    ROW("rows", 'i', rows, 1, 16, "rows of screens in the wall"),
    ROW("column", 'i', column, 0, 15, "this screen's column, from 0 at the left"),
    ROW("row", 'i', row, 0, 15, "this screen's row, from 0 at the top"),
    ROW("bezel", 'i', bezel, 0, 2000, "pixels between two screens' pictures"),
    ROW("poll_seconds", 'd', poll_seconds, 0.1, 60, "follower: how often it asks the leader"),
    ROW("fallback_seconds", 'd', fallback_seconds, 1, 86400, "follower: own items after the leader is gone this long"),
    ROW("lead_seconds", 'd', lead_seconds, 0.5, 60, "leader: a change takes effect this long after it is published"),
};

int config_sync_line(struct sync_config *s, const char *name, const char *value, char *err, size_t err_size)
{
    static const char *const roles[] = {"none", "leader", "follower"};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        const struct sync_row *r = &rows[i];
        if (strcmp(name, r->name))
            continue;
        void *field = (char *)s + r->at;
        char *end;
        double d = strtod(value, &end);
        bool number = end != value && !*end && isfinite(d) && d >= r->min && d <= r->max;
        if (r->type == 's')
            return set_text(field, value) ? 1 : -1;
        if (r->type == 'd' && number)
            return *(double *)field = d, 1;
        if (r->type == 'i' && number && d == floor(d))
            return *(int *)field = (int)d, 1;
        for (int k = 0; r->type == 'r' && k < 3; k++)
            if (!strcmp(value, roles[k]))
                return *(int *)field = k, 1;
        if (r->type == 'r')
            snprintf(err, err_size, "[sync] role: invalid value \"%s\" (%s)", value, r->doc);
        else
            snprintf(err, err_size, "[sync] %s: invalid value \"%s\" (%s from %g to %g: %s)", name, value,
                     r->type == 'i' ? "a whole number" : "a number", r->min, r->max, r->doc);
        return 0;
    }
    snprintf(err, err_size, "unknown setting [sync] %s", name);
    return 0;
}
