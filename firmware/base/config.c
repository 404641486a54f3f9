#include "base/config.h"

#include "base/tzone.h"

#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/inifile.h"
#include "base/item.h"
#include "base/config_source.h"
#include "base/strarray.h"

static const char *const default_dialogue_keywords =
    "đối thoại, hội đàm, tham vấn, họp, hội nghị, hội kiến, tiếp kiến, hội thảo, tọa đàm, "
    "thảo luận, đàm phán, gặp gỡ, thăm chính thức, làm việc với, dialogue, talks, meeting, consultation";

bool string_list_add(struct string_list *list, const char *value)
{
    return strarray_append(&list->values, &list->count, value);
}

bool string_list_add_csv(struct string_list *list, const char *csv)
{
    char *copy = strdup(csv);
    if (!copy)
        return false;
    bool ok = true;
    char *save = NULL;
    for (char *part = strtok_r(copy, ",", &save); ok && part; part = strtok_r(NULL, ",", &save)) {
        while (*part == ' ' || *part == '\t')
            part++;
        char *end = part + strlen(part);
        while (end > part && (end[-1] == ' ' || end[-1] == '\t'))
            *--end = '\0';
        if (*part)
            ok = string_list_add(list, part);
    }
    free(copy);
    return ok;
}

void string_list_clear(struct string_list *list)
{
    strarray_free(list->values, list->count);
    list->values = NULL;
    list->count = 0;
}

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
    c->sync.columns = c->sync.rows = 1;
    c->sync.poll_seconds = 1;
    c->sync.fallback_seconds = 30;
    c->sync.lead_seconds = 3;
    ok = ok && set_string(&c->hostname, host) && set_string(&c->health.textfile, "") &&
         set_string(&c->health.thumbnail, "") && set_string(&c->remote.config_url, "") &&
         set_string(&c->remote.last_good, "") && set_string(&c->sync.key, "") && set_string(&c->sync.key_file, "") &&
         set_string(&c->sync.leader_url, "") && set_string(&c->sync.bind, "");
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

static int config_ini_line(void *user, const char *section, const char *name, const char *value)
{
    struct load_state *st = user;
    struct config *c = st->config;
    /* "[display @kiosk-3]": one file for a fleet, each kiosk reading its own overrides. */
    char own[256];
    const char *at = strstr(section, " @");
    if (at) {
        if (strcmp(at + 2, c->hostname) != 0)
            return 1;
        snprintf(own, sizeof own, "%.*s", (int)(at - section), section);
        section = own;
    }
    if (!strcmp(section, "schedule")) {
        if (set_schedule_day(c, name, value))
            return 1;
        snprintf(st->err, st->err_size, "unknown setting [schedule] %s (mon..sun or daily)", name);
        return 0;
    }
    if ((!strcmp(section, "source") || !strncmp(section, "source ", 7)) &&
        (!strcmp(name, "type") || !strcmp(name, "severity") || !strcmp(name, "expire_after")))
        return config_source_alert_setting(c, section, name, value, st->err, st->err_size);
    if ((!strcmp(section, "source") || !strncmp(section, "source ", 7)) && !strncmp(name, "hours", 5) &&
        (!name[5] || name[5] == '_'))
        return config_source_hours_setting(c, section, name, value, st->err, st->err_size);
    if (!strcmp(section, "source") || !strncmp(section, "source ", 7)) {
        if (!strcmp(name, "location") || !strcmp(name, "url") || !strcmp(name, "path"))
            return add_location(c, section, name, value, st->err, st->err_size);
        if (!strcmp(name, "refresh")) {
            long v;
            if (c->source_count == 0 || !parse_int(value, 10, 7 * 86400, &v)) {
                snprintf(st->err, st->err_size, "[%s] refresh must follow a location and be 10..604800 seconds", section);
                return 0;
            }
            c->sources[c->source_count - 1].refresh_seconds = (int)v;
            return 1;
        }
        if (!strcmp(name, "timezone")) { /* dates without a zone are this source's local time */
            char why[256];
            struct tzone *zone = c->source_count ? tzone_create(value, NULL, why, sizeof why) : NULL;
            if (!zone) {
                snprintf(st->err, st->err_size, "[%s] timezone must follow a location: %s", section,
                         c->source_count ? why : "no location yet");
                return 0;
            }
            tzone_destroy(c->sources[c->source_count - 1].zone);
            c->sources[c->source_count - 1].zone = zone;
            return set_string(&c->sources[c->source_count - 1].zone_name, value);
        }
    }
    if (!strcmp(section, "sync") && !strcmp(name, "role")) {
        static const char *const roles[] = {"none", "leader", "follower"};
        for (int i = 0; i < 3; i++)
            if (!strcmp(value, roles[i])) {
                c->sync.role = i;
                return 1;
            }
        snprintf(st->err, st->err_size, "[sync] role: invalid value \"%s\" (leader, follower or none)", value);
        return 0;
    }
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
        {"sync", "key", 's', &c->sync.key, 0, 0},
        {"sync", "key_file", 's', &c->sync.key_file, 0, 0},
        {"sync", "leader", 's', &c->sync.leader_url, 0, 0},
        {"sync", "bind", 's', &c->sync.bind, 0, 0},
        INT_SETTING("sync", "columns", c->sync.columns, 1, 16),
        INT_SETTING("sync", "rows", c->sync.rows, 1, 16),
        INT_SETTING("sync", "column", c->sync.column, 0, 15),
        INT_SETTING("sync", "row", c->sync.row, 0, 15),
        INT_SETTING("sync", "bezel", c->sync.bezel, 0, 2000),
        {"sync", "poll_seconds", 'd', &c->sync.poll_seconds, 0.1, 60},
        {"sync", "fallback_seconds", 'd', &c->sync.fallback_seconds, 1, 86400},
        {"sync", "lead_seconds", 'd', &c->sync.lead_seconds, 0.5, 60},
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

bool config_load_file(struct config *config, const char *path, char *err, size_t err_size)
{
    char reason[512] = "";
    struct load_state st = {.config = config, .err = reason, .err_size = sizeof reason};
    if (!inifile_parse(path, config_ini_line, &st, reason, err, err_size))
        return false;
    if (!config_read_source_hours(config, reason, sizeof reason)) {
        snprintf(err, err_size, "%s: %s", path, reason);
        return false;
    }
    return set_string(&config->config_path, path);
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
