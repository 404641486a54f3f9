/* Reading, checking, writing and comparing one setting (see settings.h). */
#include "base/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/config.h"
#include "base/limits.h"
#include "base/onhours.h"
#include "base/tzone.h"

bool settings_is_source(const struct setting *s)
{
    return !strcmp(s->section, SETTING_SOURCE_SECTION);
}

size_t settings_index(const struct setting *s)
{
    return (size_t)(s - settings_table);
}

/* "source demo" and "source" are every source's section. */
static const char *section_kind(const char *section)
{
    if (!strcmp(section, SETTING_SOURCE_SECTION) || !strncmp(section, SETTING_SOURCE_SECTION " ", 7))
        return SETTING_SOURCE_SECTION;
    return section;
}

static bool is_alias(const char *aliases, const char *key)
{
    size_t n = strlen(key);
    if (!n)
        return false; /* strstr finds "" everywhere: the loop below would never move on */
    for (const char *at = aliases; at && (at = strstr(at, key)); at += n)
        if ((at == aliases || at[-1] == ' ') && (at[n] == ' ' || !at[n]))
            return true;
    return false;
}

const struct setting *settings_find(const char *section, const char *key)
{
    const char *kind = section_kind(section);
    for (size_t i = 0; i < settings_count; i++)
        if (!strcmp(settings_table[i].section, kind) &&
            (!strcmp(settings_table[i].key, key) || is_alias(settings_table[i].alias, key)))
            return &settings_table[i];
    return NULL;
}

bool settings_section_known(const char *section)
{
    const char *kind = section_kind(section);
    for (size_t i = 0; i < settings_count; i++)
        if (!strcmp(settings_table[i].section, kind))
            return true;
    return false;
}

/* Levenshtein distance of two short words (keys are under 64 bytes; longer
 * ones are far from every key anyway). */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 64;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = diagonal + (a[i - 1] != b[j - 1]);
            size_t best = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
            row[j] = cost < best ? cost : best;
            diagonal = up;
        }
    }
    return row[lb];
}

/* Close: at most a third of the word's letters wrong (two at least), or the
 * word one of the key's parts (`refresh_seconds` for `refresh`). */
static bool close_enough(const char *written, const char *known, size_t d)
{
    size_t n = strlen(written);
    return d <= (n / 3 > 2 ? n / 3 : 2) || strstr(written, known) || (n >= 4 && strstr(known, written));
}

const char *settings_closest_key(const char *section, const char *key)
{
    const char *kind = section_kind(section), *best = NULL;
    size_t best_d = 64;
    for (size_t i = 0; i < settings_count; i++) {
        if (strcmp(settings_table[i].section, kind))
            continue;
        size_t d = distance(key, settings_table[i].key);
        if (close_enough(key, settings_table[i].key, d) && d < best_d)
            best = settings_table[i].key, best_d = d;
    }
    return best;
}

const char *settings_closest_section(const char *section)
{
    const char *best = NULL;
    size_t best_d = 64;
    for (size_t i = 0; i < settings_count; i++) {
        const char *known = settings_table[i].section;
        size_t d = distance(section, known);
        if (!strncmp(section, "sourc", 5) || !strncmp(section, "sorce", 5))
            d = distance(section_kind(section) == section ? section : "source", known);
        if (close_enough(section, known, d) && d < best_d)
            best = known, best_d = d;
    }
    return best;
}

static bool parse_long(const char *value, double min, double max, long *out)
{
    char *end;
    long v = strtol(value, &end, 10);
    if (end == value || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

static bool is_duration(const struct setting *s)
{
    return s->unit && !strcmp(s->unit, "seconds") &&
           (s->type == SETTING_INT || s->type == SETTING_LONG || s->type == SETTING_NUMBER);
}

/* Seconds in one unit word of a duration, or 0 when it is none. */
static double unit_seconds(const char *word, size_t n)
{
    static const struct {
        const char *names;
        double seconds;
    } units[] = {{" s sec secs second seconds ", 1},   {" m min mins minute minutes ", 60},
                 {" h hr hrs hour hours ", 3600},    {" d day days ", 86400},
                 {" w wk week weeks ", 7 * 86400}};
    char padded[16];
    if (n == 0 || n + 3 > sizeof padded)
        return 0;
    padded[0] = ' ';
    for (size_t i = 0; i < n; i++)
        padded[i + 1] = (char)(word[i] | 0x20); /* ASCII letters only reach here: lower case */
    padded[n + 1] = ' ';
    padded[n + 2] = '\0';
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strstr(units[i].names, padded))
            return units[i].seconds;
    return 0;
}

/* A duration as operators write it: a number of seconds ("900"), or numbers
 * each with a unit ("15m", "2 days", "1h30m", "1.5h"), read into seconds.
 * Written by hand: no library here reads durations (systemd.time(7) is the
 * model, but libsystemd's parser is not public). */
static bool parse_duration(const char *value, double *out)
{
    char *end;
    double plain = strtod(value, &end);
    if (end != value && !*end) {
        *out = plain;
        return true;
    }
    double total = 0;
    const char *at = value;
    int parts = 0;
    while (*at) {
        while (*at == ' ')
            at++;
        if (!*at)
            break;
        double n = strtod(at, &end);
        if (end == at || n < 0 || *at == '+' || *at == '-')
            return false;
        at = end;
        while (*at == ' ')
            at++;
        size_t len = 0;
        while ((at[len] >= 'a' && at[len] <= 'z') || (at[len] >= 'A' && at[len] <= 'Z'))
            len++;
        double unit = unit_seconds(at, len);
        if (unit == 0)
            return false;
        total += n * unit;
        at += len;
        parts++;
    }
    if (!parts)
        return false;
    *out = total;
    return true;
}

/* A seconds row's value: whole when the row is, within its range. */
static bool parse_seconds(const struct setting *s, const char *value, double *out)
{
    double v;
    if (!parse_duration(value, &v) || !(v >= s->min && v <= s->max))
        return false;
    if (s->type != SETTING_NUMBER && v != (double)(long)v)
        return false;
    *out = v;
    return true;
}

static int parse_bool(const struct setting *s, const char *value, bool *out)
{
    if (s->choices) {
        for (int i = 0; i < 2; i++)
            if (!strcmp(value, s->choices[i]))
                return *out = i == 1, 1;
        return 0;
    }
    if (!strcasecmp(value, "true") || !strcasecmp(value, "yes") || !strcmp(value, "1") || !strcasecmp(value, "on"))
        *out = true;
    else if (!strcasecmp(value, "false") || !strcasecmp(value, "no") || !strcmp(value, "0") ||
             !strcasecmp(value, "off"))
        *out = false;
    else
        return 0;
    return 1;
}

static int choice_index(const struct setting *s, const char *value)
{
    for (int i = 0; s->choices[i]; i++)
        if (s->choices[i][0] && !strcmp(value, s->choices[i]))
            return i;
    return -1;
}

static int set_text(char **field, const char *value)
{
    char *copy = strdup(value);
    if (!copy)
        return -1;
    free(*field);
    *field = copy;
    return 1;
}

/* A location as written: INI values are not quoted, and a location is never
 * empty; a URL or path in quotes (as a shell or another format would want)
 * is read without them. */
static int set_location(char **field, const char *value, const char *section, const char *key, char *why,
                        size_t why_size)
{
    size_t n = strlen(value);
    if (n >= 2 && (value[0] == '"' || value[0] == '\'') && value[n - 1] == value[0]) {
        char *bare = strndup(value + 1, n - 2);
        int rc = bare ? set_location(field, bare, section, key, why, why_size) : -1;
        free(bare);
        return rc;
    }
    if (!*value) {
        snprintf(why, why_size, "[%s] %s is empty: give a feed URL (https://...), a file or a folder", section, key);
        return 0;
    }
    return set_text(field, value);
}

static int set_checked(const struct setting *s, char **field, const char *section, const char *value, char *why,
                       size_t why_size)
{
    if (s->type == SETTING_ZONE) {
        char reason[256];
        struct tzone *zone = tzone_create(value, NULL, reason, sizeof reason);
        if (!zone) {
            snprintf(why, why_size, "[%s] %s: %s", section, s->key, reason);
            return 0;
        }
        tzone_destroy(zone);
    } else { /* SETTING_RANGES: one day's value, checked on its own line so the error names it */
        char *one[8] = {NULL};
        const char *keys[8] = {s->key, s->key, s->key, s->key, s->key, s->key, s->key, s->key};
        one[0] = (char *)value;
        struct onhours check;
        if (!onhours_parse(one, section, keys, &check, why, why_size))
            return 0;
    }
    return set_text(field, value);
}

int settings_set(const struct setting *s, void *base, const char *section, const char *value, bool replace_list,
                 char *why, size_t why_size)
{
    void *field = (char *)base + s->offset;
    long l;
    double d;
    int rc = 0;
    why[0] = '\0';
    switch (s->type) {
    case SETTING_BOOL: rc = parse_bool(s, value, field); break;
    case SETTING_INT:
        if (is_duration(s) && !s->choices) {
            if ((rc = parse_seconds(s, value, &d)))
                *(int *)field = (int)d;
            break;
        }
        rc = parse_long(value, s->min, s->max, &l) && (!s->choices || choice_index(s, value) >= 0);
        if (rc)
            *(int *)field = (int)l;
        break;
    case SETTING_LONG:
        if (is_duration(s)) {
            if ((rc = parse_seconds(s, value, &d)))
                *(long *)field = (long)d;
            break;
        }
        if ((rc = parse_long(value, s->min, s->max, &l)))
            *(long *)field = l;
        break;
    case SETTING_NUMBER:
        if ((rc = is_duration(s) ? parse_seconds(s, value, &d) : config_parse_number(value, s->min, s->max, &d)))
            *(double *)field = d;
        break;
    case SETTING_CHOICE:
        if ((rc = choice_index(s, value) >= 0))
            *(int *)field = choice_index(s, value);
        break;
    case SETTING_TEXT: return set_text(field, value);
    case SETTING_LIST:
        if (replace_list)
            string_list_clear(field);
        return string_list_add_csv(field, value) ? 1 : -1;
    case SETTING_RANGES:
    case SETTING_ZONE: return set_checked(s, field, section, value, why, why_size);
    case SETTING_LOCATION: return set_location(field, value, section, s->key, why, why_size);
    }
    if (!rc) {
        char wants[160];
        snprintf(why, why_size, "[%s] %s: invalid value \"%s\" (%s)", section, s->key, value,
                 settings_wants(s, wants, sizeof wants));
    }
    return rc;
}

/* "a, b or c" of the choices. */
static void list_choices(const struct setting *s, char *out, size_t out_size)
{
    out[0] = '\0';
    size_t n = 0, count = 0;
    for (size_t i = 0; s->choices[i]; i++)
        count += s->choices[i][0] != '\0';
    for (size_t i = 0; s->choices[i]; i++) {
        if (!s->choices[i][0])
            continue;
        size_t used = strlen(out);
        snprintf(out + used, out_size - used, "%s%s", n == 0 ? "" : n + 1 == count ? " or " : ", ", s->choices[i]);
        n++;
    }
}

const char *settings_wants(const struct setting *s, char *out, size_t out_size)
{
    if (s->choices)
        list_choices(s, out, out_size);
    else if (is_duration(s))
        snprintf(out, out_size,
                 "a duration of %s from %.*f to %.0f, in seconds or with units s, m, h, d, w: 90s, 15m, "
                 "1h30m, 2d",
                 s->type == SETTING_NUMBER ? "seconds" : "whole seconds", s->min == (double)(long)s->min ? 0 : 1,
                 s->min, s->max);
    else if (s->type == SETTING_INT || s->type == SETTING_LONG)
        snprintf(out, out_size, "a whole number from %.0f to %.0f", s->min, s->max);
    else if (s->type == SETTING_NUMBER)
        snprintf(out, out_size, "a number from %g to %g", s->min, s->max);
    else if (s->type == SETTING_BOOL)
        snprintf(out, out_size, "true or false");
    else if (s->type == SETTING_LIST)
        snprintf(out, out_size, "a comma-separated list");
    else if (s->type == SETTING_RANGES)
        snprintf(out, out_size, "off, or ranges HH:MM-HH:MM, ...");
    else if (s->type == SETTING_ZONE)
        snprintf(out, out_size, "an IANA time zone or an offset like +07:00");
    else if (s->type == SETTING_LOCATION)
        snprintf(out, out_size, "an http(s) URL, a file or a folder");
    else
        snprintf(out, out_size, "text");
    return out;
}

const char *settings_format(const struct setting *s, const void *base, char *out, size_t out_size)
{
    const void *field = (const char *)base + s->offset;
    out[0] = '\0';
    switch (s->type) {
    case SETTING_BOOL:
        snprintf(out, out_size, "%s",
                 s->choices ? s->choices[*(const bool *)field] : *(const bool *)field ? "true" : "false");
        break;
    case SETTING_INT: snprintf(out, out_size, "%d", *(const int *)field); break;
    case SETTING_LONG: snprintf(out, out_size, "%ld", *(const long *)field); break;
    case SETTING_NUMBER: snprintf(out, out_size, "%g", *(const double *)field); break;
    case SETTING_CHOICE: snprintf(out, out_size, "%s", s->choices[*(const int *)field]); break;
    case SETTING_LIST: {
        const struct string_list *list = field;
        for (size_t i = 0, used = 0; i < list->count && used < out_size; i++, used = strlen(out))
            snprintf(out + used, out_size - used, "%s%s", i ? ", " : "", list->values[i]);
        break;
    }
    default: snprintf(out, out_size, "%s", *(char *const *)field ? *(char *const *)field : "");
    }
    return out;
}

bool settings_differ(const struct setting *s, const void *a, const void *b)
{
    char one[TICKER_PATH_MAX], two[TICKER_PATH_MAX]; /* a value, a path at the longest */
    return strcmp(settings_format(s, a, one, sizeof one), settings_format(s, b, two, sizeof two)) != 0;
}

void settings_clear(const struct setting *s, void *base)
{
    void *field = (char *)base + s->offset;
    if (s->type == SETTING_LIST)
        string_list_clear(field);
    else if (s->type >= SETTING_TEXT && s->type != SETTING_CHOICE) {
        free(*(char **)field);
        *(char **)field = NULL;
    }
}
