/* What a start needs (see startneeds.h): one list for `ticker config
 * check` and for a fleet file, so that an operator and a fleet are told
 * the same. */
#include "ops/startneeds.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/settings.h"

struct needs {
    startneeds_fn *each;
    void *context;
};

__attribute__((format(printf, 3, 4))) static void tell(struct needs *k, bool warning, const char *format, ...)
{
    char text[2048];
    va_list args;
    va_start(args, format);
    vsnprintf(text, sizeof text, format, args);
    va_end(args);
    k->each(k->context, text, warning);
}

/* A file or folder a start needs: "ORIGIN: [display] font: PATH: reason". */
static void need(struct needs *k, const struct config *c, const char *section, const char *key, const char *path,
                 bool folder, bool writable)
{
    struct stat st;
    const char *why = NULL;
    if (stat(path, &st) != 0)
        why = strerror(errno);
    else if (folder && !S_ISDIR(st.st_mode))
        why = "not a folder";
    else if (!folder && !S_ISREG(st.st_mode))
        why = "not a file";
    else if (access(path, writable ? W_OK : R_OK) != 0)
        why = writable ? "cannot be written by this user" : "cannot be read by this user";
    if (!why)
        return;
    tell(k, false, "%s: [%s] %s: %s: %s", config_origin(c, NULL, settings_find(section, key)), section, key, path,
         why);
}

static void need_font(struct needs *k, const struct config *c, const char *key, const char *name)
{
    char *path = config_font_path(c, name);
    if (path)
        need(k, c, "display", key, path, false, false);
    free(path);
}

/* The folder of a file the kiosk writes; the nearest that exists when it
 * is yet to be made (the cache's is made at start). */
static void need_folder_of(struct needs *k, const struct config *c, const char *section, const char *key,
                           const char *file)
{
    char *dir = strdup(file);
    if (!dir)
        return;
    struct stat st;
    for (char *slash; (slash = strrchr(dir, '/')) && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode));)
        *(slash == dir ? slash + 1 : slash) = '\0';
    need(k, c, section, key, strchr(dir, '/') ? dir : ".", true, true);
    free(dir);
}

void startneeds_each(const struct config *c, const char *cache_file, startneeds_fn *each, void *context)
{
    struct needs whole = {each, context}, *k = &whole;
    need(k, c, "ticker", "fonts_dir", c->fonts_dir, true, false);
    need(k, c, "ticker", "assets_dir", c->assets_dir, true, false);
    need_font(k, c, "font", c->display.font);
    need_font(k, c, "bold_font", c->display.bold_font);
    for (size_t i = 0; i < c->display.fallback_fonts.count; i++)
        need_font(k, c, "fallback_fonts", c->display.fallback_fonts.values[i]);
    char *logo = c->display.logo[0] ? config_asset_path(c, c->display.logo) : NULL;
    if (logo)
        need(k, c, "display", "logo", logo, false, false);
    free(logo);
    if (cache_file)
        need_folder_of(k, c, "cache", "path", cache_file);
    if (c->health.textfile[0])
        need_folder_of(k, c, "health", "textfile", c->health.textfile);
    if (c->remote.config_url[0] && strncmp(c->remote.config_url, "http://", 7) &&
        strncmp(c->remote.config_url, "https://", 8)) {
        tell(k, false, "%s: [remote] config_url: not an http(s) URL",
             config_origin(c, NULL, settings_find("remote", "config_url")));
    }
    for (size_t i = 0; i < c->source_count; i++) {
        const struct source_config *s = &c->sources[i];
        if (!strstr(s->location, "://") && access(s->location, R_OK) != 0)
            tell(k, true, "%s: warning: [source %s] location %s: %s (shown once it is there)",
                 config_origin(c, s, settings_find("source", "location")), s->name, s->location, strerror(errno));
    }
}

