/* What a fleet file may never do (see fleetguard.h). */
#include "ops/fleetguard.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool fleetguard_url(const struct remote_config *remote, bool *warn, char *err, size_t err_size)
{
    *warn = false;
    if (!strncasecmp(remote->config_url, "https://", 8))
        return true;
    if (!strncasecmp(remote->config_url, "http://", 7) && remote->allow_http) {
        *warn = true;
        return true;
    }
    snprintf(err, err_size, "[remote] config_url %s: only https:// is fetched (%s)", remote->config_url,
             strncasecmp(remote->config_url, "http://", 7) ? "not an https URL"
                                                            : "http can be forged on the way; [remote] allow_http = "
                                                              "true in the local file allows it, with a warning");
    return false;
}

/* path made absolute and real: the file's own realpath, or for one that
 * does not exist yet (a cache, a metrics file) its folder's. */
static bool resolve(const char *path, char out[PATH_MAX])
{
    if (realpath(path, out))
        return true;
    char copy[PATH_MAX], folder[PATH_MAX];
    if (snprintf(copy, sizeof copy, "%s", path) >= (int)sizeof copy)
        return false;
    char *slash = strrchr(copy, '/');
    const char *name = slash ? slash + 1 : copy;
    if (!name[0] || !strcmp(name, ".") || !strcmp(name, ".."))
        return false;
    if (slash)
        *slash = '\0';
    if (!realpath(slash ? (copy[0] ? copy : "/") : ".", folder))
        return false;
    return snprintf(out, PATH_MAX, "%s/%s", strcmp(folder, "/") ? folder : "", name) < PATH_MAX;
}

static bool under(const char *real, const char *root)
{
    char base[PATH_MAX];
    if (!root || !root[0] || !realpath(root, base))
        return false;
    size_t n = strlen(base);
    return !strncmp(real, base, n) && (real[n] == '/' || real[n] == '\0' || (n == 1 && base[0] == '/'));
}

struct rule {
    const struct config *local;
    char *err;
    size_t err_size;
};

/* One path setting: extra is a folder allowed besides [remote] paths. */
static bool allowed(struct rule *r, const char *setting, const char *path, const char *extra)
{
    char real[PATH_MAX];
    if (resolve(path, real)) {
        if (extra && under(real, extra))
            return true;
        for (size_t i = 0; i < r->local->remote.paths.count; i++)
            if (under(real, r->local->remote.paths.values[i]))
                return true;
    }
    snprintf(r->err, r->err_size,
             "%s %s: a fleet file may set only paths inside the folders of the local [remote] paths (%s)", setting,
             path, r->local->remote.paths.count ? "it is outside them" : "none are named");
    return false;
}

static bool file_setting(struct rule *r, const char *setting, const char *was, const char *is, const char *extra)
{
    return config_text_equal(was, is) || !is || !is[0] || allowed(r, setting, is, extra);
}

static bool font(struct rule *r, const struct config *next, const char *setting, const char *was, const char *is)
{
    if (config_text_equal(was, is) || !is || !is[0])
        return true;
    char *path = config_font_path(next, is);
    bool ok = path && allowed(r, setting, path, r->local->fonts_dir);
    free(path);
    return ok;
}

static bool is_local_path(const char *location)
{
    return !strstr(location, "://") || !strncasecmp(location, "file:", 5);
}

static bool sources(struct rule *r, const struct config *next)
{
    for (size_t i = 0; i < next->source_count; i++) {
        const char *at = next->sources[i].location;
        if (config_find_source(r->local, at) || !is_local_path(at))
            continue;
        const char *path = strncasecmp(at, "file://", 7) ? (strncasecmp(at, "file:", 5) ? at : at + 5) : at + 7;
        if (!allowed(r, "[source] location", path, NULL))
            return false;
    }
    return true;
}

static bool fonts(struct rule *r, const struct config *next)
{
    const struct display_config *a = &r->local->display, *b = &next->display;
    if (!font(r, next, "[display] font", a->font, b->font) ||
        !font(r, next, "[display] bold_font", a->bold_font, b->bold_font))
        return false;
    if (string_list_equal(&a->fallback_fonts, &b->fallback_fonts))
        return true;
    for (size_t i = 0; i < b->fallback_fonts.count; i++)
        if (!font(r, next, "[display] fallback_fonts", "", b->fallback_fonts.values[i]))
            return false;
    return true;
}

bool fleetguard_check(const struct config *local, const struct config *next, char *err, size_t err_size)
{
    struct rule r = {.local = local, .err = err, .err_size = err_size};
    char *logo = next->display.logo && next->display.logo[0] ? config_asset_path(next, next->display.logo) : NULL;
    bool ok = fonts(&r, next) &&
              (config_text_equal(local->display.logo, next->display.logo) || !logo ||
               allowed(&r, "[display] logo", logo, local->assets_dir)) &&
              file_setting(&r, "[cache] path", local->cache.path, next->cache.path, NULL) &&
              file_setting(&r, "[health] textfile", local->health.textfile, next->health.textfile, NULL) &&
              file_setting(&r, "[health] thumbnail", local->health.thumbnail, next->health.thumbnail, NULL) &&
              file_setting(&r, "[fetch] ca_file", local->fetch.ca_file, next->fetch.ca_file, NULL) &&
              file_setting(&r, "[ticker] assets_dir", local->assets_dir, next->assets_dir, NULL) &&
              file_setting(&r, "[ticker] fonts_dir", local->fonts_dir, next->fonts_dir, NULL) && sources(&r, next);
    free(logo);
    return ok;
}
