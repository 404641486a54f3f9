/* strptime is X/Open. */
#define _XOPEN_SOURCE 700
#include "base/array.h"
#include "base/config_editorial.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/inifile.h"
#include "base/log.h"

enum { MAX_PINS = 256, MAX_PIN_TEXT_BYTES = 400 };

static void pin_clear(struct pin_config *p)
{
    free(p->name);
    free(p->text);
    memset(p, 0, sizeof *p);
}

void pin_list_clear(struct pin_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        pin_clear(&list->pins[i]);
    free(list->pins);
    list->pins = NULL;
    list->count = 0;
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
    if (!text || !text[0]) {
        *out = 0;
        return true;
    }
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
static struct pin_config *pin_named(struct pin_list *e, const char *name, bool *oom)
{
    for (size_t i = 0; i < e->count; i++)
        if (!strcmp(e->pins[i].name, name))
            return &e->pins[i];
    if (e->count >= MAX_PINS)
        return NULL;
    if (!ARRAY_RESIZE(e->pins, e->count + 1)) {
        *oom = true;
        return NULL;
    }
    struct pin_config *p = &e->pins[e->count];
    memset(p, 0, sizeof *p);
    if (!(p->name = strdup(name)) || !(p->text = strdup(""))) {
        pin_clear(p);
        *oom = true;
        return NULL;
    }
    e->count++;
    return p;
}

static bool move_pins(struct pin_list *into, struct pin_list *from)
{
    for (size_t i = 0; i < from->count; i++) {
        bool oom = false;
        struct pin_config *p = pin_named(into, from->pins[i].name, &oom);
        if (!p)
            return false;
        free(p->text);
        p->text = from->pins[i].text;
        from->pins[i].text = NULL;
        p->starts = from->pins[i].starts;
        p->ends = from->pins[i].ends;
        p->featured = from->pins[i].featured;
    }
    return true;
}

bool config_editorial_pins(const struct editorial_config *e, struct pin_list *out, char *why, size_t why_size)
{
    memset(out, 0, sizeof *out);
    if (!e->pin || !e->pin[0])
        return true;
    int64_t starts, ends;
    if (!config_parse_time(e->pin_start, &starts) || !config_parse_time(e->pin_end, &ends)) {
        snprintf(why, why_size, "[editorial] pin_%s: invalid time \"%s\" (YYYY-MM-DD HH:MM in the kiosk's time, or "
                 "RFC 3339)", config_parse_time(e->pin_start, &starts) ? "end" : "start",
                 config_parse_time(e->pin_start, &starts) ? e->pin_end : e->pin_start);
        return false;
    }
    bool oom = false;
    struct pin_config *p = pin_named(out, "config", &oom);
    char *text = p ? strdup(e->pin) : NULL;
    if (!text) {
        pin_list_clear(out);
        log_oom_reason(why, why_size, NULL);
        return false;
    }
    free(p->text);
    p->text = text;
    p->starts = starts;
    p->ends = ends;
    p->featured = e->pin_featured;
    return true;
}

bool config_editorial_check(const struct config *config, char *why, size_t why_size)
{
    struct pin_list pins;
    bool ok = config_editorial_pins(&config->editorial, &pins, why, why_size);
    pin_list_clear(&pins);
    return ok;
}

static int pin_setting(struct pin_list *e, const char *section, const char *name, const char *value, char *err,
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

bool config_pins_load(const char *path, struct pin_list *into, char *err, size_t err_size)
{
    struct inifile doc;
    if (!inifile_read(path, &doc, err, err_size))
        return false;
    struct pin_list read = {0};
    bool ok = true;
    for (size_t i = 0; ok && i < doc.count; i++) {
        const struct inifile_entry *e = &doc.entries[i];
        char reason[512] = LOG_OOM;
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
    if (ok && !move_pins(into, &read)) {
        log_oom_reason(err, err_size, "%s", path);
        ok = false;
    }
    pin_list_clear(&read);
    inifile_clear(&doc);
    return ok;
}
