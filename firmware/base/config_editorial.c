/* strptime is X/Open. */
#define _XOPEN_SOURCE 700
#include "base/config_editorial.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/inifile.h"

enum { MAX_DURATION_SECONDS = 10 * 366 * 86400, MAX_PINS = 256, MAX_PIN_TEXT_BYTES = 400 };

void config_editorial_defaults(struct editorial_config *e)
{
    e->show_stale = false;
    e->pin_every = 3;
    e->played_keep_days = 30;
}

void config_show_rules_clear(struct show_rules *r)
{
    string_list_clear(&r->include);
    string_list_clear(&r->exclude);
    r->max_age_seconds = 0;
}

static void pin_clear(struct pin_config *p)
{
    free(p->name);
    free(p->text);
    memset(p, 0, sizeof *p);
}

void config_editorial_clear(struct editorial_config *e)
{
    config_show_rules_clear(&e->rules);
    string_list_clear(&e->hide);
    for (size_t i = 0; i < e->pin_count; i++)
        pin_clear(&e->pins[i]);
    free(e->pins);
    e->pins = NULL;
    e->pin_count = 0;
}

bool config_parse_duration(const char *text, int *seconds)
{
    char *end;
    double v = strtod(text, &end);
    static const struct { char unit; double seconds; } units[] = {
        {'\0', 1}, {'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}, {'w', 7 * 86400}};
    for (size_t i = 0; end != text && i < sizeof units / sizeof *units; i++) {
        if (*end != units[i].unit || (units[i].unit && end[1]))
            continue;
        double total = v * units[i].seconds;
        if (!(total >= 1 && total <= MAX_DURATION_SECONDS))
            return false;
        *seconds = (int)total;
        return true;
    }
    return false;
}

/* "+07:00", "-0530", "Z" at the end of an RFC 3339 time: its offset. */
static bool parse_zone(const char *p, long *offset)
{
    if (!strcmp(p, "Z") || !strcmp(p, "z")) {
        *offset = 0;
        return true;
    }
    int h, m;
    char sign = p[0];
    if ((sign != '+' && sign != '-') ||
        (sscanf(p + 1, "%2d:%2d", &h, &m) != 2 && sscanf(p + 1, "%2d%2d", &h, &m) != 2) || h > 14 || m > 59)
        return false;
    *offset = (sign == '-' ? -1 : 1) * (h * 3600L + m * 60L);
    return true;
}

bool config_parse_time(const char *text, int64_t *out)
{
    struct tm tm;
    const char *formats[] = {"%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"};
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        memset(&tm, 0, sizeof tm);
        const char *rest = strptime(text, formats[i], &tm);
        if (!rest)
            continue;
        long offset;
        if (!*rest) { /* the kiosk's local time */
            tm.tm_isdst = -1;
            time_t t = mktime(&tm);
            if (t == (time_t)-1)
                return false;
            *out = (int64_t)t;
            return true;
        }
        if (parse_zone(rest, &offset)) {
            *out = (int64_t)timegm(&tm) - offset;
            return true;
        }
    }
    return false;
}

/* The [pin NAME] a line belongs to, made when its section first appears. */
static struct pin_config *pin_named(struct editorial_config *e, const char *name, bool *oom)
{
    for (size_t i = 0; i < e->pin_count; i++)
        if (!strcmp(e->pins[i].name, name))
            return &e->pins[i];
    if (e->pin_count >= MAX_PINS)
        return NULL;
    struct pin_config *grown = realloc(e->pins, (e->pin_count + 1) * sizeof *grown);
    if (!grown) {
        *oom = true;
        return NULL;
    }
    e->pins = grown;
    struct pin_config *p = &e->pins[e->pin_count];
    memset(p, 0, sizeof *p);
    if (!(p->name = strdup(name)) || !(p->text = strdup(""))) {
        pin_clear(p);
        *oom = true;
        return NULL;
    }
    e->pin_count++;
    return p;
}

bool config_editorial_copy_pins(struct editorial_config *dst, const struct editorial_config *src)
{
    for (size_t i = 0; i < src->pin_count; i++) {
        bool oom = false;
        struct pin_config *p = pin_named(dst, src->pins[i].name, &oom);
        if (!p)
            return false;
        char *text = strdup(src->pins[i].text);
        if (!text)
            return false;
        free(p->text);
        p->text = text;
        p->starts = src->pins[i].starts;
        p->ends = src->pins[i].ends;
        p->featured = src->pins[i].featured;
    }
    return true;
}

static int pin_setting(struct editorial_config *e, const char *section, const char *name, const char *value, char *err,
                       size_t err_size)
{
    const char *pin_name = section[3] ? section + 4 : "";
    bool oom = false;
    struct pin_config *p = pin_named(e, pin_name, &oom);
    if (!p) {
        snprintf(err, err_size, "[%s]: more than %d pins", section, MAX_PINS);
        return oom ? -1 : 0;
    }
    if (!strcmp(name, "text")) {
        if (strlen(value) > MAX_PIN_TEXT_BYTES) {
            snprintf(err, err_size, "[%s] text is longer than %d bytes", section, MAX_PIN_TEXT_BYTES);
            return 0;
        }
        char *copy = strdup(value);
        if (!copy)
            return -1;
        free(p->text);
        p->text = copy;
        return 1;
    }
    if (!strcmp(name, "start") || !strcmp(name, "end")) {
        int64_t *field = name[0] == 's' ? &p->starts : &p->ends;
        if (config_parse_time(value, field))
            return 1;
        snprintf(err, err_size, "[%s] %s: invalid time \"%s\" (YYYY-MM-DD HH:MM in the kiosk's time, or RFC 3339)",
                 section, name, value);
        return 0;
    }
    if (!strcmp(name, "featured")) {
        if (!strcasecmp(value, "true") || !strcasecmp(value, "yes") || !strcmp(value, "1"))
            p->featured = true;
        else if (!strcasecmp(value, "false") || !strcasecmp(value, "no") || !strcmp(value, "0"))
            p->featured = false;
        else {
            snprintf(err, err_size, "[%s] featured: invalid value \"%s\" (true or false)", section, value);
            return 0;
        }
        return 1;
    }
    snprintf(err, err_size, "unknown setting [%s] %s (text, start, end, featured)", section, name);
    return 0;
}

/* include, exclude, max_age: in [editorial] or a [source]. */
int config_show_rules_setting(struct show_rules *r, const char *section, const char *name, const char *value, char *err,
                         size_t err_size)
{
    if (!strcmp(name, "include"))
        return string_list_add_csv(&r->include, value) ? 1 : -1;
    if (!strcmp(name, "exclude"))
        return string_list_add_csv(&r->exclude, value) ? 1 : -1;
    if (!strcmp(name, "max_age")) {
        if (!strcmp(value, "0") || !strcasecmp(value, "off")) {
            r->max_age_seconds = 0;
            return 1;
        }
        if (config_parse_duration(value, &r->max_age_seconds))
            return 1;
        snprintf(err, err_size, "[%s] max_age: invalid value \"%s\" (a duration: 90m, 36h, 2d, 1w; 0 for none)",
                 section, value);
        return 0;
    }
    return 2;
}

static int number_setting(const char *section, const char *name, const char *value, int min, int max, int *out,
                          char *err, size_t err_size)
{
    char *end;
    long v = strtol(value, &end, 10);
    if (end == value || *end || v < min || v > max) {
        snprintf(err, err_size, "[%s] %s: invalid value \"%s\" (a whole number from %d to %d)", section, name, value,
                 min, max);
        return 0;
    }
    *out = (int)v;
    return 1;
}

static int editorial_setting(struct editorial_config *e, const char *name, const char *value, char *err,
                             size_t err_size)
{
    int rc = config_show_rules_setting(&e->rules, "editorial", name, value, err, err_size);
    if (rc != 2)
        return rc;
    if (!strcmp(name, "hide"))
        return string_list_add_csv(&e->hide, value) ? 1 : -1;
    if (!strcmp(name, "stale")) {
        if (strcmp(value, "say") && strcmp(value, "show")) {
            snprintf(err, err_size, "[editorial] stale: invalid value \"%s\" (say or show)", value);
            return 0;
        }
        e->show_stale = !strcmp(value, "show");
        return 1;
    }
    if (!strcmp(name, "pin_every"))
        return number_setting("editorial", name, value, 1, 100, &e->pin_every, err, err_size);
    if (!strcmp(name, "played_keep_days"))
        return number_setting("editorial", name, value, 1, 3650, &e->played_keep_days, err, err_size);
    snprintf(err, err_size,
             "unknown setting [editorial] %s (include, exclude, max_age, stale, hide, pin_every, played_keep_days)",
             name);
    return 0;
}

int config_editorial_setting(struct config *c, const char *section, const char *name, const char *value, char *err,
                             size_t err_size)
{
    if (!strcmp(section, "editorial"))
        return editorial_setting(&c->editorial, name, value, err, err_size);
    if (!strcmp(section, "pin") || !strncmp(section, "pin ", 4))
        return pin_setting(&c->editorial, section, name, value, err, err_size);
    return 2;
}

bool config_pins_load(const char *path, struct editorial_config *into, char *err, size_t err_size)
{
    struct inifile doc;
    if (!inifile_read(path, &doc, err, err_size))
        return false;
    struct editorial_config read = {0};
    bool ok = true;
    for (size_t i = 0; ok && i < doc.count; i++) {
        const struct inifile_entry *e = &doc.entries[i];
        char reason[512] = "out of memory";
        int rc = 0;
        if (strcmp(e->section, "pin") && strncmp(e->section, "pin ", 4))
            snprintf(reason, sizeof reason, "[%s]: a pins file holds [pin NAME] sections only", e->section);
        else
            rc = pin_setting(&read, e->section, e->name, e->value, reason, sizeof reason);
        if (rc != 1) {
            snprintf(err, err_size, "%s:%d: %s", path, e->line, reason);
            ok = false;
        }
    }
    if (ok && !config_editorial_copy_pins(into, &read)) {
        snprintf(err, err_size, "%s: out of memory", path);
        ok = false;
    }
    config_editorial_clear(&read);
    inifile_clear(&doc);
    return ok;
}
