#include "base/config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/config_source.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/settings.h"

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

/* Every row's default, as the file would write it, read by the same code
 * as the file: the table holds the one copy of each default. */
bool config_apply_defaults(void *base, bool source)
{
    char why[256];
    for (size_t i = 0; i < settings_count; i++) {
        const struct setting *s = &settings_table[i];
        if (settings_is_source(s) == source && s->fallback &&
            settings_set(s, base, s->section, s->fallback, true, why, sizeof why) != 1)
            return false;
    }
    return true;
}

struct config *config_create(void)
{
    struct config *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    char buf[TICKER_PATH_MAX], host[256] = "";
    gethostname(host, sizeof host - 1);
    bool ok = (c->origins = calloc(settings_count, sizeof *c->origins)) && set_string(&c->config_path, "") &&
              set_string(&c->hostname, host) &&
              set_string(&c->assets_dir, find_data_dir("TICKER_ASSETS_DIR", "assets", buf, sizeof buf)) &&
              set_string(&c->fonts_dir, find_data_dir("TICKER_FONTS_DIR", "fonts", buf, sizeof buf)) &&
              config_apply_defaults(c, false);
    /* The data folders come from the environment when it names them: say so in `config show`. */
    if (ok && getenv("TICKER_ASSETS_DIR") && *getenv("TICKER_ASSETS_DIR"))
        ok = config_set_origin(c->origins, settings_index(settings_find("ticker", "assets_dir")),
                               "environment ($TICKER_ASSETS_DIR)");
    if (ok && getenv("TICKER_FONTS_DIR") && *getenv("TICKER_FONTS_DIR"))
        ok = config_set_origin(c->origins, settings_index(settings_find("ticker", "fonts_dir")),
                               "environment ($TICKER_FONTS_DIR)");
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
    for (size_t i = 0; i < settings_count; i++)
        if (!settings_is_source(&settings_table[i])) {
            settings_clear(&settings_table[i], c);
            if (c->origins)
                free(c->origins[i]);
        }
    free(c->origins);
    free(c->config_path);
    free(c->hostname);
    free(c);
}

bool config_set_origin(char **origins, size_t index, const char *origin)
{
    char *copy = origin ? strdup(origin) : NULL;
    if (origin && !copy)
        return false;
    free(origins[index]);
    origins[index] = copy;
    return true;
}

const char *config_origin(const struct config *c, const struct source_config *source, const struct setting *s)
{
    char *const *origins = source ? source->origins : c->origins;
    const char *o = origins ? origins[settings_index(s)] : NULL;
    return o ? o : "default";
}

bool config_set(struct config *c, const char *section, const char *key, const char *value, const char *origin,
                char *why, size_t why_size)
{
    const struct setting *s = settings_find(section, key);
    if (!s || settings_is_source(s)) {
        snprintf(why, why_size, "unknown setting [%s] %s", section, key);
        return false;
    }
    int rc = settings_set(s, c, section, value, true, why, why_size);
    if (rc < 0)
        log_oom_reason(why, why_size, NULL);
    return rc == 1 && config_set_origin(c->origins, settings_index(s), origin);
}

bool config_replace_sources(struct config *c, char *const *locations, size_t count)
{
    clear_sources(c);
    for (size_t i = 0; i < count; i++)
        if (!config_add_source(c, locations[i], 0) ||
            !config_set_origin(c->sources[i].origins, settings_index(settings_find("source", "location")),
                               "command line"))
            return false;
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
