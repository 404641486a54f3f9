/* ticker.ini read as records (see config.h): the whole file first, then
 * each section checked against the table and applied, so neither the order
 * of keys nor that of sections means anything. */
#include "base/array.h"
#include "base/config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config_editorial.h"
#include "base/config_source.h"
#include "base/inifile.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/settings.h"

/* An entry as this kiosk reads it. */
struct placed {
    char own[256];              /* its section's own name: "display" for "[display @kiosk-3]" */
    bool skip;                  /* a section for another kiosk, or a line in error */
    bool for_host;              /* a section for this kiosk alone */
    const struct setting *row;  /* NULL: unknown */
    size_t source;              /* index in config->sources, for a [source NAME] line */
};

struct problem {
    int line;
    char *text;
};

struct load {
    struct config *config;
    const char *path;
    enum config_from from;
    struct inifile doc;
    struct placed *placed;
    struct problem *problems;
    size_t problem_count;
    bool out_of_memory;
};

__attribute__((format(printf, 3, 4))) static void problem(struct load *l, int line, const char *fmt, ...)
{
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (!ARRAY_RESIZE(l->problems, l->problem_count + 1) || !(l->problems[l->problem_count].text = strdup(text))) {
        l->out_of_memory = true;
        return;
    }
    l->problems[l->problem_count++].line = line;
}

static bool is_source(const char *own)
{
    return !strcmp(own, SETTING_SOURCE_SECTION) || !strncmp(own, SETTING_SOURCE_SECTION " ", 7);
}

/* "[display @kiosk-3]": one file for a fleet, each kiosk reading its own overrides. */
static void place(struct load *l, size_t i)
{
    const struct inifile_entry *e = &l->doc.entries[i];
    struct placed *p = &l->placed[i];
    const char *at = strstr(e->section, " @");
    p->skip = at && strcmp(at + 2, l->config->hostname) != 0;
    p->for_host = at != NULL;
    snprintf(p->own, sizeof p->own, "%.*s", at ? (int)(at - e->section) : (int)strlen(e->section), e->section);
    p->row = settings_find(p->own, e->name);
    p->source = SIZE_MAX;
}

static bool same_section(const struct placed *a, const struct placed *b)
{
    return !a->skip && !b->skip && a->for_host == b->for_host && !strcmp(a->own, b->own);
}

/* What is wrong with a line on its own, before anything is applied: an
 * unknown section or key (with the closest known one), a key set twice in
 * a section, a key a fleet file may not set. */
static bool line_is_bad(struct load *l, size_t i)
{
    const struct inifile_entry *e = &l->doc.entries[i];
    struct placed *p = &l->placed[i];
    const char *near;
    if (!p->own[0]) {
        problem(l, e->line, "%s is set before any [section]: settings go in one, such as [source NAME] or [display]",
                e->name);
        return true;
    }
    if (!settings_section_known(p->own)) {
        for (size_t j = 0; j < i; j++)
            if (!strcmp(l->placed[j].own, p->own))
                return true; /* said once, on its first line */
        near = settings_closest_section(p->own);
        problem(l, e->line, "unknown section [%s]%s%s%s", p->own, near ? " (did you mean [" : "", near ? near : "",
                near ? "]?)" : "");
        return true;
    }
    if (!p->row) {
        near = settings_closest_key(p->own, e->name);
        problem(l, e->line, "unknown setting [%s] %s%s%s%s", p->own, e->name, near ? " (did you mean " : "",
                near ? near : "", near ? "?)" : "");
        return true;
    }
    if (l->from == CONFIG_FROM_FLEET && !p->row->fleet) {
        problem(l, e->line, "[%s] %s cannot be set by a fleet file, only in the kiosk's own", p->own, e->name);
        return true;
    }
    for (size_t j = 0; j < i; j++)
        if (same_section(&l->placed[j], p) && l->placed[j].row == p->row && p->row->type != SETTING_LIST) {
            problem(l, e->line, "[%s] %s is set twice, on lines %d and %d", p->own, e->name, l->doc.entries[j].line,
                    e->line);
            return true;
        }
    return false;
}

/* Each [source NAME] section is one source, made before any other line is
 * applied: a setting belongs to the section it is written in, never to the
 * source defined last. "[source NAME @HOST]" is the same source, on that
 * kiosk alone or over the section's own settings. */
static void make_sources(struct load *l)
{
    struct config *c = l->config;
    for (size_t i = 0; i < l->doc.count; i++) {
        struct placed *p = &l->placed[i];
        if (p->skip || !is_source(p->own) || p->source != SIZE_MAX)
            continue;
        bool has_location = false;
        for (size_t j = i; j < l->doc.count; j++)
            has_location |= !l->placed[j].skip && !strcmp(l->placed[j].own, p->own) && l->placed[j].row &&
                            l->placed[j].row->type == SETTING_LOCATION;
        const char *name = p->own[strlen(SETTING_SOURCE_SECTION)] ? p->own + strlen(SETTING_SOURCE_SECTION) + 1 : "";
        if (!has_location) {
            problem(l, l->doc.entries[i].line, "[%s] has no location: give location = a feed URL (https://...), a "
                    "file or a folder", p->own);
        } else if (!config_add_named_source(c, name))
            l->out_of_memory = true;
        for (size_t j = i; j < l->doc.count; j++)
            if (!strcmp(l->placed[j].own, p->own) && !l->placed[j].skip)
                l->placed[j].source = has_location ? c->source_count - 1 : SIZE_MAX - 1;
    }
}

/* The lines over the config: those for every kiosk first, then those of
 * this kiosk alone, so its overrides win wherever they stand. A list given
 * in a file replaces its default, and its further lines add to it. */
static void apply_lines(struct load *l)
{
    bool *replaced = calloc(settings_count, sizeof *replaced);
    if (!replaced)
        return (void)(l->out_of_memory = true);
    char why[TICKER_ERROR_WRAPPING_MAX], origin[TICKER_PATH_SUFFIXED_MAX];
    for (int host = 0; host < 2; host++)
        for (size_t i = 0; i < l->doc.count; i++) {
            const struct inifile_entry *e = &l->doc.entries[i];
            struct placed *p = &l->placed[i];
            if (p->skip || p->for_host != host || p->source == SIZE_MAX - 1)
                continue;
            struct source_config *s = is_source(p->own) ? &l->config->sources[p->source] : NULL;
            size_t index = settings_index(p->row);
            int rc = settings_set(p->row, s ? (void *)s : (void *)l->config, p->own, e->value, !replaced[index], why,
                                  sizeof why);
            replaced[index] |= p->row->type == SETTING_LIST && !s;
            snprintf(origin, sizeof origin, "%s%s:%d", l->from == CONFIG_FROM_FLEET ? "fleet file " : "", l->path,
                     e->line);
            if (rc == 0)
                problem(l, e->line, "%s", why);
            else if (rc < 0 || !config_set_origin(s ? s->origins : l->config->origins, index, origin))
                l->out_of_memory = true;
        }
    free(replaced);
}

/* A screen's place outside its wall ("column = 3" of "columns = 3") was
 * drawn as column 0 without a word, the same picture as its neighbour's;
 * said at the place's own line, which a file that names no place lacks. */
static void check_wall_place(struct load *l)
{
    const struct config *c = l->config;
    const struct { const char *key, *count_key; int at, count; } places[] = {
        {"column", "columns", c->sync.column, c->sync.columns > 1 ? c->sync.columns : 1},
        {"row", "rows", c->sync.row, c->sync.rows > 1 ? c->sync.rows : 1},
    };
    for (size_t k = 0; k < sizeof places / sizeof *places; k++) {
        if (places[k].at < places[k].count)
            continue;
        int line = 0;
        for (size_t i = 0; i < l->doc.count; i++)
            if (!l->placed[i].skip && l->placed[i].row && !strcmp(l->placed[i].own, "sync") &&
                !strcmp(l->doc.entries[i].name, places[k].key))
                line = l->doc.entries[i].line;
        if (line)
            problem(l, line, "[sync] %s = %d is outside the wall: %s = %d (from 0 to %d)", places[k].key,
                    places[k].at, places[k].count_key, places[k].count, places[k].count - 1);
    }
}

/* A source whose location was refused is no source (its error is said). */
static void drop_unmade_sources(struct config *c)
{
    size_t kept = 0;
    for (size_t i = 0; i < c->source_count; i++) {
        if (c->sources[i].location)
            c->sources[kept++] = c->sources[i];
        else
            config_source_clear(&c->sources[i]);
    }
    c->source_count = kept;
}

static int by_line(const void *a, const void *b)
{
    const struct problem *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

/* Every problem, by line, to each; the first into err. */
static bool report(struct load *l, config_problem_fn *each, void *context, char *err, size_t err_size)
{
    if (l->out_of_memory)
        log_oom_reason(err, err_size, "%s", l->path);
    if (l->problem_count) /* qsort(NULL, 0, ...) is undefined (C11 7.22.5) */
        qsort(l->problems, l->problem_count, sizeof *l->problems, by_line);
    for (size_t i = 0; i < l->problem_count; i++) {
        char text[1600];
        if (l->problems[i].line)
            snprintf(text, sizeof text, "%s:%d: %s", l->path, l->problems[i].line, l->problems[i].text);
        else
            snprintf(text, sizeof text, "%s: %s", l->path, l->problems[i].text);
        if (i == 0 && !l->out_of_memory)
            snprintf(err, err_size, "%s", text);
        if (each)
            each(context, text);
        free(l->problems[i].text);
    }
    free(l->problems);
    return !l->out_of_memory && l->problem_count == 0;
}

bool config_load(struct config *config, const char *path, enum config_from from, config_problem_fn *each,
                 void *context, char *err, size_t err_size)
{
    struct load l = {.config = config, .path = path, .from = from};
    if (!inifile_read(path, &l.doc, err, err_size)) {
        if (each)
            each(context, err);
        return false;
    }
    l.placed = calloc(l.doc.count ? l.doc.count : 1, sizeof *l.placed);
    l.out_of_memory = !l.placed;
    for (size_t i = 0; l.placed && i < l.doc.count; i++)
        place(&l, i);
    for (size_t i = 0; l.placed && i < l.doc.count; i++)
        if (!l.placed[i].skip)
            l.placed[i].skip = line_is_bad(&l, i);
    if (l.placed) {
        make_sources(&l);
        apply_lines(&l);
        check_wall_place(&l);
    }
    free(l.placed);
    inifile_clear(&l.doc);
    drop_unmade_sources(config);
    char why[1024];
    if (!l.out_of_memory && !config_read_sources(config, why, sizeof why))
        problem(&l, 0, "%s", why);
    if (!l.out_of_memory && !config_editorial_check(config, why, sizeof why))
        problem(&l, 0, "%s", why);
    if (!report(&l, each, context, err, err_size))
        return false;
    free(config->config_path);
    return (config->config_path = strdup(path)) != NULL;
}

bool config_load_file(struct config *config, const char *path, char *err, size_t err_size)
{
    return config_load(config, path, CONFIG_FROM_FILE, NULL, NULL, err, err_size);
}
