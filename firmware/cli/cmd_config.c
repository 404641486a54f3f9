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
#include "live/cache/cache.h"
#include "ops/startneeds.h"

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

static void start_need(void *context, const char *problem, bool warning)
{
    struct check *k = context;
    ++*(warning ? &k->warnings : &k->problems);
    printf("%s\n", problem);
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
    char *cache = cache_path_or_default(c->cache.path);
    startneeds_each(c, cache, start_need, &k);
    free(cache);
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
