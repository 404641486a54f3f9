#include "base/config.h"

#include "base/tzone.h"

#include <ini.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/inifile.h"
#include "base/item.h"
#include "base/config_source.h"
#include "base/config_sync.h"
#include "base/strarray.h"

static const char *const default_dialogue_keywords =
    "đối thoại, hội đàm, tham vấn, họp, hội nghị, hội kiến, tiếp kiến, hội thảo, tọa đàm, "
    "thảo luận, đàm phán, gặp gỡ, thăm chính thức, làm việc với, dialogue, talks, meeting, consultation";

static bool set_string(char **field, const char *value)
{
    char *copy = strdup(value ? value : "");
    if (!copy)
        return false;
    free(*field);
    *field = copy;
    return true;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Where the fonts or assets are: the environment, then beside an installed
 * program (BINDIR/../share/ticker), then the source tree of a build that was
 * never installed, then the compiled-in data directory. An installed program
 * on a build machine so never reads the build tree. */
static const char *find_data_dir(const char *env_name, const char *sub, char *buf, size_t size)
{
    const char *env = getenv(env_name);
    if (env && *env)
        return env;
    char exe[2048];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(buf, size, "%s/../share/ticker/%s", exe, sub);
            if (is_dir(buf))
                return buf;
        }
    }
    snprintf(buf, size, "%s/%s", TICKER_SOURCE_DIR, sub);
    if (is_dir(buf))
        return buf;
    snprintf(buf, size, "%s/%s", TICKER_DATA_DIR, sub);
    return buf;
}

struct config *config_create(void)
{
    struct config *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    char buf[4096];
    bool ok = set_string(&c->config_path, "") &&
              set_string(&c->assets_dir, find_data_dir("TICKER_ASSETS_DIR", "assets", buf, sizeof buf)) &&
              set_string(&c->fonts_dir, find_data_dir("TICKER_FONTS_DIR", "fonts", buf, sizeof buf));

    struct kind_rules *r = &c->rules;
    ok = ok && string_list_add_csv(&r->dialogue_keywords, default_dialogue_keywords) &&
         string_list_add_csv(&r->infographic_prefixes, "[Infographic], [Infographics], [Đồ họa]") &&
         string_list_add_csv(&r->video_prefixes, "[Video], [Clip]") &&
         string_list_add_csv(&r->infographic_paths, "/infographic, /infographics/, /do-hoa/") &&
         string_list_add_csv(&r->video_paths, "/video/, /videos/, ://video., /clip/") &&
         string_list_add_csv(&r->dialogue_categories, "Đối thoại, Đối ngoại, Ngoại giao, Hội đàm") &&
         string_list_add_csv(&r->dialogue_exclusions, "họp báo") &&
         string_list_add_csv(&r->infographic_categories, "Infographic, Infographics, Đồ họa") &&
         string_list_add_csv(&r->video_categories, "Video, Clip");

    struct display_config *d = &c->display;
    d->crawl_speed = 120.0;
    d->featured_seconds = 8.0;
    d->qr_code = true;
    d->pictures = true;
    d->window_width = 1280;
    d->window_height = 720;
    ok = ok && set_string(&d->title, "Triển lãm Quốc phòng quốc tế Việt Nam") &&
         set_string(&d->logo, "logo.png") && set_string(&d->font, "NotoSans-Regular.ttf") &&
         set_string(&d->bold_font, "NotoSans-Bold.ttf") &&
         string_list_add_csv(&d->fallback_fonts, "NotoSansSymbols2-Regular.ttf, DejaVuSans.ttf") &&
         set_string(&d->video_driver, "") && set_string(&d->render_driver, "");

    struct fetch_config *f = &c->fetch;
    f->refresh_seconds = 300;
    f->connect_timeout_seconds = 15;
    f->total_timeout_seconds = 60;
    f->low_speed_bytes = 100;
    f->low_speed_seconds = 20;
    f->max_bytes = 20L * 1024 * 1024;
    f->picture_max_bytes = 10L * 1024 * 1024;
    f->max_redirects = 5;
    f->max_transfers = 32;
    ok = ok && set_string(&f->user_agent, "ticker/" TICKER_VERSION " (exhibition news kiosk; +https://example.invalid/ticker)") &&
         set_string(&f->ca_file, "");

    c->cache.max_age_days = 14;
    c->cache.max_items = 2000;
    c->cache.pictures_max_mb = 200;
    ok = ok && set_string(&c->cache.path, "");
    char host[256] = "";
    gethostname(host, sizeof host - 1);
    c->health.thumbnail_seconds = 60;
    c->remote.refresh_seconds = 300;
    ok = ok && set_string(&c->hostname, host) && set_string(&c->health.textfile, "") &&
         set_string(&c->health.thumbnail, "") && set_string(&c->remote.config_url, "") &&
         set_string(&c->remote.last_good, "") && config_sync_defaults(&c->sync);
    if (!ok) {
        config_destroy(c);
        return NULL;
    }
    return c;
}

static void clear_sources(struct config *c)
{
    for (size_t i = 0; i < c->source_count; i++)
        config_source_clear(&c->sources[i]);
    free(c->sources);
    c->sources = NULL;
    c->source_count = 0;
}

void config_destroy(struct config *c)
{
    if (!c)
        return;
    clear_sources(c);
    struct kind_rules *r = &c->rules;
    struct string_list *lists[] = {&r->dialogue_keywords, &r->infographic_prefixes, &r->video_prefixes,
                                   &r->infographic_paths, &r->video_paths, &r->dialogue_categories, &r->dialogue_exclusions,
                                   &r->infographic_categories, &r->video_categories, &c->display.fallback_fonts};
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
        string_list_clear(lists[i]);
    char *strings[] = {c->config_path, c->assets_dir, c->fonts_dir, c->display.title, c->display.logo,
                       c->display.font, c->display.bold_font, c->display.video_driver, c->display.render_driver,
                       c->fetch.user_agent, c->fetch.ca_file, c->cache.path, c->hostname, c->health.textfile,
                       c->health.thumbnail, c->remote.config_url, c->remote.last_good,
                       c->sync.key, c->sync.key_file, c->sync.leader_url, c->sync.bind};
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        free(strings[i]);
    for (size_t i = 0; i < 8; i++)
        free(c->schedule.days[i]);
    free(c);
}

static bool set_schedule_day(struct config *c, const char *name, const char *value)
{
    static const char *const days[8] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "daily"};
    for (size_t i = 0; i < 8; i++)
        if (!strcmp(name, days[i]))
            return set_string(&c->schedule.days[i], value);
    return false;
}

bool config_replace_sources(struct config *c, char *const *locations, size_t count)
{
    clear_sources(c);
    for (size_t i = 0; i < count; i++)
        if (!config_add_source(c, locations[i], 0))
            return false;
    return true;
}

/* --- INI ---------------------------------------------------------------- */

struct load_state {
    struct config *config;
    struct source_config *source; /* the [source NAME] section's own, while its lines are read */
    char *err;
    size_t err_size;
    struct string_list *lists_seen[16];
    size_t lists_seen_count;
};

static bool parse_int(const char *value, long min, long max, long *out)
{
    char *end;
    long v = strtol(value, &end, 10);
    if (end == value || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

bool config_parse_number(const char *value, double min, double max, double *out)
{
    char *end;
    double v = strtod(value, &end);
    if (end == value || *end || !(v >= min && v <= max))
        return false;
    *out = v;
    return true;
}

static bool parse_bool(const char *value, bool *out)
{
    if (!strcasecmp(value, "true") || !strcasecmp(value, "yes") || !strcmp(value, "1") || !strcasecmp(value, "on"))
        *out = true;
    else if (!strcasecmp(value, "false") || !strcasecmp(value, "no") || !strcmp(value, "0") || !strcasecmp(value, "off"))
        *out = false;
    else
        return false;
    return true;
}

#define INT_SETTING(sect, key, field, lo, hi) {sect, key, 'i', &(field), lo, hi}
struct setting {
    const char *section, *name;
    char type; /* i int, l long, d double, s string, L csv list, b bool */
    void *target;
    double min, max;
};

static int apply_setting(const struct setting *s, const char *value)
{
    long l;
    double d;
    switch (s->type) {
    case 'i':
        if (!parse_int(value, (long)s->min, (long)s->max, &l))
            return 0;
        *(int *)s->target = (int)l;
        return 1;
    case 'l':
        if (!parse_int(value, (long)s->min, (long)s->max, &l))
            return 0;
        *(long *)s->target = l;
        return 1;
    case 'd':
        if (!config_parse_number(value, s->min, s->max, &d))
            return 0;
        *(double *)s->target = d;
        return 1;
    case 'b':
        return parse_bool(value, (bool *)s->target);
    case 's':
        return set_string((char **)s->target, value) ? 1 : -1;
    case 'L':
        return string_list_add_csv((struct string_list *)s->target, value) ? 1 : -1;
    }
    return 0;
}

/* What a setting takes, for its error: "a whole number from 10 to 2000". */
static const char *setting_wants(const struct setting *s, char *out, size_t size)
{
    if (s->type == 'i' || s->type == 'l')
        snprintf(out, size, "a whole number from %.0f to %.0f", s->min, s->max);
    else if (s->type == 'd')
        snprintf(out, size, "a number from %g to %g", s->min, s->max);
    else if (s->type == 'b')
        snprintf(out, size, "true or false");
    else
        snprintf(out, size, "text");
    return out;
}

/* Lists given in the file replace the defaults the first time they appear,
 * and accumulate after that (so a long list can span several lines). */
static void reset_list_once(struct string_list *list, struct string_list **seen, size_t *seen_count)
{
    for (size_t i = 0; i < *seen_count; i++)
        if (seen[i] == list)
            return;
    string_list_clear(list);
    seen[(*seen_count)++] = list;
}

/* A [source] location as written: INI values are not quoted, and a
 * location is never empty; a URL or path in quotes (as a shell or another
 * format would want) is read without them. */
static int add_location(struct config *c, const char *section, const char *name, const char *value, char *err,
                        size_t err_size)
{
    size_t n = strlen(value);
    if (n >= 2 && (value[0] == '"' || value[0] == '\'') && value[n - 1] == value[0]) {
        char *bare = strndup(value + 1, n - 2);
        int ok = bare && add_location(c, section, name, bare, err, err_size);
        free(bare);
        return ok;
    }
    if (!*value) {
        snprintf(err, err_size, "[%s] %s is empty: give a feed URL (https://...), a file or a folder", section, name);
        return 0;
    }
    return config_add_source(c, value, 0);
}

static bool is_source_section(const char *section)
{
    return !strcmp(section, "source") || !strncmp(section, "source ", 7);
}

static bool is_location_key(const char *name)
{
    return !strcmp(name, "location") || !strcmp(name, "url") || !strcmp(name, "path");
}

/* One line of a [source NAME] section, its source st->source. */
static int source_line(struct load_state *st, const char *section, const char *name, const char *value)
{
    struct source_config *s = st->source;
    if (!strcmp(name, "type") || !strcmp(name, "severity") || !strcmp(name, "expire_after"))
        return config_source_alert_setting(s, section, name, value, st->err, st->err_size);
    if (!strncmp(name, "hours", 5) && (!name[5] || name[5] == '_'))
        return config_source_hours_setting(s, section, name, value, st->err, st->err_size);
    if (!strcmp(name, "refresh")) {
        long v;
        if (!parse_int(value, 10, 7 * 86400, &v)) {
            snprintf(st->err, st->err_size, "[%s] refresh must be 10..604800 seconds", section);
            return 0;
        }
        s->refresh_seconds = (int)v;
        return 1;
    }
    if (!strcmp(name, "timezone")) { /* dates without a zone are this source's local time */
        char why[256];
        struct tzone *zone = tzone_create(value, NULL, why, sizeof why);
        if (!zone) {
            snprintf(st->err, st->err_size, "[%s] timezone: %s", section, why);
            return 0;
        }
        tzone_destroy(s->zone);
        s->zone = zone;
        return set_string(&s->zone_name, value);
    }
    snprintf(st->err, st->err_size, "unknown setting [%s] %s", section, name);
    return 0;
}

/* One line of a section, section being its own name (without " @HOST"). */
static int config_ini_line(struct load_state *st, const char *section, const char *name, const char *value)
{
    struct config *c = st->config;
    if (!strcmp(section, "schedule")) {
        if (set_schedule_day(c, name, value))
            return 1;
        snprintf(st->err, st->err_size, "unknown setting [schedule] %s (mon..sun or daily)", name);
        return 0;
    }
    if (is_source_section(section))
        return source_line(st, section, name, value);
    if (!strcmp(section, "sync"))
        return config_sync_line(&c->sync, name, value, st->err, st->err_size) == 1;
    if (!strcmp(section, "display") && !strcmp(name, "cec")) {
        static const char *const values[] = {"auto", "on", "off"};
        for (int v = 0; v < 3; v++)
            if (!strcmp(value, values[v])) {
                c->display.cec = v;
                return 1;
            }
        snprintf(st->err, st->err_size, "[display] cec: invalid value \"%s\" (auto, on or off)", value);
        return 0;
    }
    struct display_config *d = &c->display;
    struct fetch_config *f = &c->fetch;
    struct kind_rules *r = &c->rules;
    const struct setting settings[] = {
        INT_SETTING("display", "width", d->width, 0, 16384),
        INT_SETTING("display", "height", d->height, 0, 16384),
        INT_SETTING("display", "rotate", d->rotate, 0, 270),
        {"display", "crawl_speed", 'd', &d->crawl_speed, 10, 2000},
        {"display", "featured_seconds", 'd', &d->featured_seconds, 1, 600},
        INT_SETTING("display", "max_texture_width", d->max_texture_width, 0, 65536),
        {"display", "title", 's', &d->title, 0, 0},
        {"display", "logo", 's', &d->logo, 0, 0},
        {"display", "font", 's', &d->font, 0, 0},
        {"display", "bold_font", 's', &d->bold_font, 0, 0},
        {"display", "fallback_fonts", 'L', &d->fallback_fonts, 0, 0},
        {"display", "qr_code", 'b', &d->qr_code, 0, 0},
        {"display", "pictures", 'b', &d->pictures, 0, 0},
        {"display", "crawl_thumbnails", 'b', &d->crawl_thumbnails, 0, 0},
        {"display", "video_driver", 's', &d->video_driver, 0, 0},
        {"display", "render_driver", 's', &d->render_driver, 0, 0},
        INT_SETTING("fetch", "refresh", f->refresh_seconds, 10, 7 * 86400),
        INT_SETTING("fetch", "connect_timeout", f->connect_timeout_seconds, 1, 600),
        INT_SETTING("fetch", "timeout", f->total_timeout_seconds, 1, 3600),
        INT_SETTING("fetch", "low_speed_bytes", f->low_speed_bytes, 0, 1 << 30),
        INT_SETTING("fetch", "low_speed_seconds", f->low_speed_seconds, 1, 3600),
        {"fetch", "max_bytes", 'l', &f->max_bytes, 1024, 1L << 31},
        {"fetch", "picture_max_bytes", 'l', &f->picture_max_bytes, 1024, 1L << 30},
        INT_SETTING("fetch", "max_redirects", f->max_redirects, 0, 50),
        INT_SETTING("fetch", "max_transfers", f->max_transfers, 1, 4096),
        {"fetch", "user_agent", 's', &f->user_agent, 0, 0},
        {"fetch", "ca_file", 's', &f->ca_file, 0, 0},
        {"cache", "path", 's', &c->cache.path, 0, 0},
        {"health", "textfile", 's', &c->health.textfile, 0, 0},
        {"health", "thumbnail", 's', &c->health.thumbnail, 0, 0},
        INT_SETTING("health", "thumbnail_seconds", c->health.thumbnail_seconds, 0, 86400),
        {"remote", "config_url", 's', &c->remote.config_url, 0, 0},
        INT_SETTING("remote", "refresh", c->remote.refresh_seconds, 10, 7 * 86400),
        {"remote", "last_good", 's', &c->remote.last_good, 0, 0},
        INT_SETTING("cache", "max_age_days", c->cache.max_age_days, 1, 3650),
        INT_SETTING("cache", "max_items", c->cache.max_items, 10, 1000000),
        INT_SETTING("cache", "pictures_max_mb", c->cache.pictures_max_mb, 1, 1 << 20),
        {"kinds", "dialogue_keywords", 'L', &r->dialogue_keywords, 0, 0},
        {"kinds", "infographic_prefixes", 'L', &r->infographic_prefixes, 0, 0},
        {"kinds", "video_prefixes", 'L', &r->video_prefixes, 0, 0},
        {"kinds", "infographic_paths", 'L', &r->infographic_paths, 0, 0},
        {"kinds", "video_paths", 'L', &r->video_paths, 0, 0},
        {"kinds", "dialogue_categories", 'L', &r->dialogue_categories, 0, 0},
        {"kinds", "dialogue_exclusions", 'L', &r->dialogue_exclusions, 0, 0},
        {"kinds", "infographic_categories", 'L', &r->infographic_categories, 0, 0},
        {"kinds", "video_categories", 'L', &r->video_categories, 0, 0},
        {"ticker", "verbose", 'b', &c->verbose, 0, 0},
        {"ticker", "assets_dir", 's', &c->assets_dir, 0, 0},
        {"ticker", "fonts_dir", 's', &c->fonts_dir, 0, 0},
    };
    for (size_t i = 0; i < sizeof settings / sizeof *settings; i++) {
        const struct setting *s = &settings[i];
        if (strcmp(section, s->section) || strcmp(name, s->name))
            continue;
        if (s->type == 'L')
            reset_list_once(s->target, st->lists_seen, &st->lists_seen_count);
        int rc = apply_setting(s, value);
        if (rc == 0)
            snprintf(st->err, st->err_size, "[%s] %s: invalid value \"%s\" (%s)", section, name, value,
                     setting_wants(s, (char[96]){0}, 96));
        if (rc == 1 && s->target == &d->rotate && d->rotate % 90) {
            snprintf(st->err, st->err_size, "[display] rotate must be 0, 90, 180 or 270");
            return 0;
        }
        return rc == 1;
    }
    if (!section[0])
        snprintf(st->err, st->err_size, "%s is set before any [section]: settings go in one, such as [source NAME] "
                 "or [display]", name);
    else
        snprintf(st->err, st->err_size, "unknown setting [%s] %s", section, name);
    return 0;
}

/* An entry as this kiosk reads it: its section's own name ("display" for
 * "[display @kiosk-3]"), whether it is a section for this kiosk alone, and
 * the source it belongs to. */
struct placed {
    char own[256];
    bool skip, for_host;
    size_t source; /* index in config->sources, for a [source NAME] line */
};

/* "[display @kiosk-3]": one file for a fleet, each kiosk reading its own overrides. */
static void place(const struct config *c, const struct inifile_entry *e, struct placed *p)
{
    const char *at = strstr(e->section, " @");
    p->skip = at && strcmp(at + 2, c->hostname) != 0;
    p->for_host = at != NULL;
    snprintf(p->own, sizeof p->own, "%.*s", at ? (int)(at - e->section) : (int)strlen(e->section), e->section);
    p->source = SIZE_MAX;
}

/* The first error by line is the one reported; the others are read all the
 * same, so the order of the file never decides which one is found. */
static void keep_first_error(char *err, size_t err_size, int *first_line, const char *path, int line,
                             const char *reason)
{
    if (*first_line && *first_line <= line)
        return;
    *first_line = line;
    snprintf(err, err_size, "%s:%d: %s", path, line, reason);
}

/* Each [source NAME] section is one source, made from its location
 * (wherever in the section it stands; a "[source NAME @HOST]" location
 * over the section's own), before any other line is read: a setting
 * belongs to the section it is written in, never to the source defined
 * last. */
static void make_sources(struct config *c, const char *path, struct inifile *doc, struct placed *placed, char *err,
                         size_t err_size, int *first_line)
{
    for (size_t i = 0; i < doc->count; i++) {
        if (placed[i].skip || !is_source_section(placed[i].own) || placed[i].source != SIZE_MAX)
            continue;
        size_t location = SIZE_MAX;
        for (size_t j = i; j < doc->count; j++)
            if (!placed[j].skip && !strcmp(placed[j].own, placed[i].own) && is_location_key(doc->entries[j].name) &&
                (location == SIZE_MAX || placed[j].for_host))
                location = j;
        char reason[512] = "";
        if (location == SIZE_MAX)
            snprintf(reason, sizeof reason, "[%s] has no location: give location = a feed URL (https://...), a file "
                     "or a folder", placed[i].own);
        else if (!add_location(c, placed[i].own, doc->entries[location].name, doc->entries[location].value, reason,
                               sizeof reason) && !reason[0])
            snprintf(reason, sizeof reason, "out of memory");
        if (reason[0]) {
            keep_first_error(err, err_size, first_line, path,
                             doc->entries[location == SIZE_MAX ? i : location].line, reason);
            continue;
        }
        for (size_t j = i; j < doc->count; j++)
            if (!placed[j].skip && !strcmp(placed[j].own, placed[i].own))
                placed[j].source = c->source_count - 1;
    }
}

/* The sections' lines over config: those of every kiosk first, then those
 * of this kiosk alone, so its overrides win wherever they stand. */
static void apply_lines(struct config *c, const char *path, struct inifile *doc, struct placed *placed, char *err,
                        size_t err_size, int *first_line)
{
    char reason[512];
    struct load_state st = {.config = c, .err = reason, .err_size = sizeof reason};
    for (int host = 0; host < 2; host++) {
        for (size_t i = 0; i < doc->count; i++) {
            const struct inifile_entry *e = &doc->entries[i];
            struct placed *p = &placed[i];
            if (p->skip || p->for_host != host || (is_source_section(p->own) && is_location_key(e->name)))
                continue;
            if (is_source_section(p->own) && p->source == SIZE_MAX)
                continue; /* a source that could not be made: its error is said */
            st.source = is_source_section(p->own) ? &c->sources[p->source] : NULL;
            reason[0] = '\0';
            if (!config_ini_line(&st, p->own, e->name, e->value))
                keep_first_error(err, err_size, first_line, path, e->line, reason[0] ? reason : "out of memory");
        }
    }
}

bool config_load_file(struct config *config, const char *path, char *err, size_t err_size)
{
    struct inifile doc;
    if (!inifile_read(path, &doc, err, err_size))
        return false;
    struct placed *placed = calloc(doc.count ? doc.count : 1, sizeof *placed);
    int first_line = 0;
    if (!placed) {
        inifile_clear(&doc);
        snprintf(err, err_size, "%s: out of memory", path);
        return false;
    }
    for (size_t i = 0; i < doc.count; i++)
        place(config, &doc.entries[i], &placed[i]);
    make_sources(config, path, &doc, placed, err, err_size, &first_line);
    apply_lines(config, path, &doc, placed, err, err_size, &first_line);
    free(placed);
    inifile_clear(&doc);
    char reason[512];
    if (!first_line && !config_read_source_hours(config, reason, sizeof reason)) {
        snprintf(err, err_size, "%s: %s", path, reason);
        return false;
    }
    return !first_line && set_string(&config->config_path, path);
}

static char *join_path(const char *dir, const char *name)
{
    if (name[0] == '/')
        return strdup(name);
    size_t size = strlen(dir) + strlen(name) + 2;
    char *path = malloc(size);
    if (path)
        snprintf(path, size, "%s/%s", dir, name);
    return path;
}

char *config_asset_path(const struct config *config, const char *name)
{
    return join_path(config->assets_dir, name);
}

char *config_font_path(const struct config *config, const char *name)
{
    return join_path(config->fonts_dir, name);
}
