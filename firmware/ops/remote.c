/* The fleet's INI file over the kiosk's own (see remote.h). */
#include "ops/remote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config_source.h"
#include "base/log.h"
#include "base/onhours.h"
#include "ops/schedule.h"

bool remote_apply_file(struct config *config, const char *path, char *err, size_t err_size)
{
    size_t local = config->source_count;
    /* config_path stays the kiosk's own file: the next remote file is
     * checked over it, not over the last one. */
    char *own = strdup(config->config_path ? config->config_path : "");
    if (!own) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    bool read = config_load_file(config, path, err, err_size);
    free(config->config_path);
    config->config_path = own;
    if (!read)
        return false;
    if (config->source_count > local) { /* the fleet names the sources: they replace the kiosk's own */
        for (size_t i = 0; i < local; i++)
            config_source_clear(&config->sources[i]);
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

static void name_one(char *out, size_t out_size, size_t *n, bool differs, const char *name)
{
    if (!differs)
        return;
    size_t used = strlen(out);
    if (used < out_size)
        snprintf(out + used, out_size - used, "%s%s", *n ? ", " : "", name);
    ++*n;
}

static bool texts_differ(const char *a, const char *b)
{
    return strcmp(text(a), text(b)) != 0;
}

static bool lists_differ(const struct string_list *a, const struct string_list *b)
{
    if (a->count != b->count)
        return true;
    for (size_t i = 0; i < a->count; i++)
        if (strcmp(a->values[i], b->values[i]))
            return true;
    return false;
}

size_t remote_restart_needs(const struct config *a, const struct config *b, char *out, size_t out_size)
{
    size_t n = 0;
    if (out_size)
        out[0] = '\0';
    const struct display_config *da = &a->display, *db = &b->display;
    name_one(out, out_size, &n, da->width != db->width || da->height != db->height, "[display] width/height");
    name_one(out, out_size, &n, da->rotate != db->rotate, "[display] rotate");
    name_one(out, out_size, &n,
             da->window != db->window || da->window_width != db->window_width || da->window_height != db->window_height,
             "the preview window");
    name_one(out, out_size, &n, da->max_texture_width != db->max_texture_width, "[display] max_texture_width");
    name_one(out, out_size, &n, texts_differ(da->logo, db->logo), "[display] logo");
    /* The picture worker runs its transfers on the fetch loop's tick: it
     * starts and stops with the feeder. */
    name_one(out, out_size, &n, da->pictures != db->pictures, "[display] pictures");
    name_one(out, out_size, &n,
             texts_differ(da->font, db->font) || texts_differ(da->bold_font, db->bold_font) ||
                 lists_differ(&da->fallback_fonts, &db->fallback_fonts),
             "[display] fonts");
    name_one(out, out_size, &n,
             texts_differ(da->video_driver, db->video_driver) || texts_differ(da->render_driver, db->render_driver),
             "[display] drivers");
    name_one(out, out_size, &n, da->cec != db->cec, "[display] cec");
    name_one(out, out_size, &n, texts_differ(a->cache.path, b->cache.path), "[cache] path");
    name_one(out, out_size, &n, a->cache.pictures_max_mb != b->cache.pictures_max_mb, "[cache] pictures_max_mb");
    const struct fetch_config *fa = &a->fetch, *fb = &b->fetch;
    name_one(out, out_size, &n,
             fa->connect_timeout_seconds != fb->connect_timeout_seconds ||
                 fa->total_timeout_seconds != fb->total_timeout_seconds || fa->low_speed_bytes != fb->low_speed_bytes ||
                 fa->low_speed_seconds != fb->low_speed_seconds || fa->max_bytes != fb->max_bytes ||
                 fa->picture_max_bytes != fb->picture_max_bytes || fa->max_redirects != fb->max_redirects ||
                 fa->max_transfers != fb->max_transfers || texts_differ(fa->user_agent, fb->user_agent) ||
                 texts_differ(fa->ca_file, fb->ca_file),
             "[fetch] client settings");
    name_one(out, out_size, &n,
             texts_differ(a->health.textfile, b->health.textfile) ||
                 texts_differ(a->health.thumbnail, b->health.thumbnail) ||
                 a->health.thumbnail_seconds != b->health.thumbnail_seconds,
             "[health]");
    name_one(out, out_size, &n,
             texts_differ(a->remote.config_url, b->remote.config_url) ||
                 a->remote.refresh_seconds != b->remote.refresh_seconds ||
                 texts_differ(a->remote.last_good, b->remote.last_good),
             "[remote]");
    name_one(out, out_size, &n, texts_differ(a->assets_dir, b->assets_dir) || texts_differ(a->fonts_dir, b->fonts_dir),
             "the data directories");
    name_one(out, out_size, &n, (a->source_count == 0) != (b->source_count == 0),
             a->source_count ? "no sources left (the demo content)" : "sources instead of the demo content");
    return n;
}

static size_t hours_differ(const char *origin, const struct source_config *a, const struct source_config *b)
{
    size_t n = 0;
    for (int d = 0; d < 8; d++) {
        char key[600];
        snprintf(key, sizeof key, "[source %s] %s", a->location, config_source_hours_keys[d]);
        n += differ(origin, key, a->hours[d], b->hours[d]);
    }
    return n;
}

size_t remote_log_changes(const char *origin, const struct config *a, const struct config *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->source_count; i++) {
        const struct source_config *was = config_find_source(a, b->sources[i].location), *is = &b->sources[i];
        if (!was)
            continue;
        char key[600];
        snprintf(key, sizeof key, "[source %s] refresh", is->location);
        n += differ_number(origin, key, was->refresh_seconds, is->refresh_seconds);
        snprintf(key, sizeof key, "[source %s] timezone", is->location);
        n += differ(origin, key, was->zone_name, is->zone_name);
        snprintf(key, sizeof key, "[source %s] type", is->location);
        n += differ(origin, key, was->alert ? "alert" : "feed", is->alert ? "alert" : "feed");
        n += hours_differ(origin, was, is);
    }
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
    n += differ_number(origin, "[display] qr_code", da->qr_code, db->qr_code);
    n += differ_number(origin, "[display] pictures", da->pictures, db->pictures);
    n += differ_number(origin, "[display] crawl_thumbnails", da->crawl_thumbnails, db->crawl_thumbnails);
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
