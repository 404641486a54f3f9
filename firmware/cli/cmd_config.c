/* config: `ticker config check` (the file, every problem as FILE:LINE:
 * reason, and what a start needs: fonts, folders, the cache; exit 0 or 1,
 * as nginx -t) and `ticker config show` (the settings in force, each with
 * where it came from, as git config --show-origin). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/settings.h"
#include "cli/commands.h"
#include "cli/commandtable.h"
#include "live/cache.h"

static size_t origin_width(const struct config *c)
{
    size_t w = 0;
    for (size_t i = 0; i < settings_count; i++) {
        const struct setting *row = &settings_table[i];
        for (size_t s = 0; s < (settings_is_source(row) ? c->source_count : 1); s++) {
            size_t n = strlen(config_origin(c, settings_is_source(row) ? &c->sources[s] : NULL, row));
            w = n > w ? n : w;
        }
    }
    return w;
}

static void show_row(const struct config *c, const struct source_config *s, const struct setting *row, int width)
{
    const char *origin = config_origin(c, s, row);
    char value[4096], section[300];
    settings_format(row, s ? (const void *)s : (const void *)c, value, sizeof value);
    if (!row->fallback && !strcmp(origin, "default") && (!value[0] || !strcmp(value, "0")))
        return; /* unset: the doc says what that means */
    snprintf(section, sizeof section, s ? "source %s" : "%s", s ? s->name : row->section);
    printf("%-*s  [%s] %s = %s\n", width, origin, section, row->key, value);
}

static int show(const struct config *c)
{
    int width = (int)origin_width(c);
    for (size_t i = 0; i < settings_count; i++)
        if (!settings_is_source(&settings_table[i]))
            show_row(c, NULL, &settings_table[i], width);
    for (size_t s = 0; s < c->source_count; s++)
        for (size_t i = 0; i < settings_count; i++)
            if (settings_is_source(&settings_table[i]))
                show_row(c, &c->sources[s], &settings_table[i], width);
    return 0;
}

struct check {
    size_t problems, warnings;
};

static void one_problem(void *context, const char *problem)
{
    ((struct check *)context)->problems++;
    printf("%s\n", problem);
}

/* A file or folder a start needs: "ORIGIN: [display] font: PATH: reason". */
static void need(struct check *k, const struct config *c, const char *section, const char *key, const char *path,
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
    printf("%s: [%s] %s: %s: %s\n", config_origin(c, NULL, settings_find(section, key)), section, key, path, why);
    k->problems++;
}

static void need_font(struct check *k, const struct config *c, const char *key, const char *name)
{
    char *path = config_font_path(c, name);
    if (path)
        need(k, c, "display", key, path, false, false);
    free(path);
}

/* The folder of a file the kiosk writes; the nearest that exists when it
 * is yet to be made (the cache's is made at start). */
static void need_folder_of(struct check *k, const struct config *c, const char *section, const char *key,
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

static void check_start_needs(struct check *k, const struct config *c)
{
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
    char *cache = cache_path_or_default(c->cache.path);
    if (cache)
        need_folder_of(k, c, "cache", "path", cache);
    free(cache);
    if (c->health.textfile[0])
        need_folder_of(k, c, "health", "textfile", c->health.textfile);
    if (c->remote.config_url[0] && strncmp(c->remote.config_url, "http://", 7) &&
        strncmp(c->remote.config_url, "https://", 8)) {
        printf("%s: [remote] config_url: not an http(s) URL\n",
               config_origin(c, NULL, settings_find("remote", "config_url")));
        k->problems++;
    }
    for (size_t i = 0; i < c->source_count; i++) {
        const struct source_config *s = &c->sources[i];
        if (!strstr(s->location, "://") && access(s->location, R_OK) != 0 && ++k->warnings)
            printf("%s: warning: [source %s] location %s: %s (shown once it is there)\n",
                   config_origin(c, s, settings_find("source", "location")), s->name, s->location, strerror(errno));
    }
}

static int check(const struct cli_options *options)
{
    struct config *c = config_create();
    if (!c)
        return 1;
    struct check k = {0};
    const char *path = options->config_file;
    char err[1024];
    if (path)
        config_load(c, path, CONFIG_FROM_FILE, one_problem, &k, err, sizeof err);
    struct cli_options flags = *options;
    flags.source_count = 0; /* "check" is no source */
    if (!cli_command_line(c, &flags))
        k.problems++;
    check_start_needs(&k, c);
    printf("%s: %s: %zu problem%s%s\n", path ? path : "no configuration file (the defaults)",
           k.problems ? "refused" : "fine", k.problems, k.problems == 1 ? "" : "s",
           k.warnings ? ", and warnings above" : "");
    config_destroy(c);
    return k.problems ? 1 : 0;
}

int cmd_config(struct config *config, const struct cli_options *options)
{
    return strcmp(options->sources[0], "show") == 0 ? show(config) : check(options);
}

int cmd_generate(struct config *config, const struct cli_options *options)
{
    (void)config;
    return cli_generate(options->sources[0], stdout) ? 0 : 2;
}
