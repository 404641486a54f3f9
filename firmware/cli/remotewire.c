/* Wiring of the remote configuration (see remotewire.h). */
#include "cli/remotewire.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/log.h"
#include "live/feeder.h"
#include "live/http.h"
#include "ops/fleet.h"

/* Whether fleet_load_kept applied the kept copy (set at start, before any
 * thread; read by remotewire_start). */
static bool kept_in_force;

char *remotewire_last_good_path(const struct config *config)
{
    return fleet_kept_path(config);
}

bool remotewire_load_last_good(struct config *config)
{
    kept_in_force = fleet_load_kept(config, remotewire_start_check);
    return kept_in_force;
}

/* A TrueType/OpenType file or collection, by its first four bytes. */
static bool font_file(const char *path, char *err, size_t err_size, const char *setting)
{
    FILE *f = fopen(path, "rb");
    unsigned char magic[4] = {0};
    bool read = f && fread(magic, 1, 4, f) == 4;
    int saved = errno;
    if (f)
        fclose(f);
    static const unsigned char kinds[4][4] = {{0, 1, 0, 0}, {'O', 'T', 'T', 'O'}, {'t', 'r', 'u', 'e'},
                                              {'t', 't', 'c', 'f'}};
    for (int i = 0; read && i < 4; i++)
        if (!memcmp(magic, kinds[i], 4))
            return true;
    snprintf(err, err_size, "%s %s: %s", setting, path,
             f ? "not a TrueType or OpenType font" : strerror(saved));
    return false;
}

static bool font_setting(const struct config *config, const char *setting, const char *name, char *err,
                         size_t err_size)
{
    char *path = config_font_path(config, name);
    bool ok = path && font_file(path, err, err_size, setting);
    if (!path)
        snprintf(err, err_size, "out of memory");
    free(path);
    return ok;
}

static bool folder(const char *setting, const char *path, char *err, size_t err_size)
{
    struct stat st;
    if (!path || !path[0] || (stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
        return true;
    snprintf(err, err_size, "%s %s: not a folder", setting, path);
    return false;
}

/* The cache can be made at path: a regular file there, or none and the
 * nearest folder above it writable (cache_open makes the rest). */
static bool cache_place(const char *path, char *err, size_t err_size)
{
    struct stat st;
    if (!path || !path[0])
        return true;
    if (stat(path, &st) == 0) {
        if (S_ISREG(st.st_mode))
            return true;
        snprintf(err, err_size, "[cache] path %s: not a file", path);
        return false;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    for (char *slash; (slash = strrchr(dir, '/')) != NULL;) {
        *slash = '\0';
        const char *at = dir[0] ? dir : "/";
        if (stat(at, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode) && access(at, W_OK) == 0)
            return true;
        break;
    }
    snprintf(err, err_size, "[cache] path %s: its folder cannot be written", path);
    return false;
}

bool remotewire_start_check(const struct config *config, char *err, size_t err_size)
{
    const struct display_config *d = &config->display;
    return folder("[ticker] fonts_dir", config->fonts_dir, err, err_size) &&
           folder("[ticker] assets_dir", config->assets_dir, err, err_size) &&
           font_setting(config, "[display] font", d->font, err, err_size) &&
           font_setting(config, "[display] bold_font", d->bold_font, err, err_size) &&
           cache_place(config->cache.path, err, err_size);
}

struct remotewire {
    struct remotewire_targets targets;
    struct config *local; /* the local file alone: the client's settings */
    struct http_client *http;
    atomic_bool stop;
    struct fleet *fleet;
};

static char *copy_or_null(const char *s)
{
    return s && s[0] ? strdup(s) : NULL;
}

static void fetch(void *context, const char *url, const char *etag, const char *last_modified,
                  struct fleet_answer *answer)
{
    struct remotewire *w = context;
    struct http_response r;
    bool ok = http_get(w->http, url, etag, last_modified, &r);
    memset(answer, 0, sizeof *answer);
    if (ok && r.outcome == HTTP_BODY) {
        answer->outcome = FLEET_BODY;
        answer->body = r.body;
        answer->size = r.size;
        r.body = NULL;
        answer->etag = copy_or_null(r.etag);
        answer->last_modified = copy_or_null(r.last_modified);
    } else {
        answer->outcome = ok ? FLEET_NOT_MODIFIED : r.stopped ? FLEET_STOPPED : FLEET_FAILED;
        snprintf(answer->error, sizeof answer->error, "%s", r.error);
    }
    http_response_clear(&r);
}

static void wake(void *context)
{
    struct remotewire *w = context;
    atomic_store(&w->stop, true);
    http_client_wake(w->http);
}

static void apply_sources(void *context, const struct config *config)
{
    struct remotewire *w = context;
    if (w->targets.feeder)
        feeder_set_config(w->targets.feeder, config);
}

static bool command_line(struct config *config, void *context)
{
    struct remotewire *w = context;
    return !w->targets.command_line || w->targets.command_line(config, w->targets.context);
}

struct remotewire *remotewire_start(const struct config *config, const struct remotewire_targets *targets)
{
    if (!config->remote.config_url[0])
        return NULL;
    struct remotewire *w = calloc(1, sizeof *w);
    char err[1024];
    if (!w || !(w->local = config_create()) ||
        (config->config_path[0] && !config_load_file(w->local, config->config_path, err, sizeof err)) ||
        !(w->http = http_client_create(&w->local->fetch, &w->stop))) {
        log_error("remote config: cannot start its thread");
        remotewire_destroy(w);
        return NULL;
    }
    atomic_init(&w->stop, false);
    if (targets)
        w->targets = *targets;
    struct fleet_wiring wiring = {.fetch = fetch, .wake = wake, .start_check = remotewire_start_check,
                                  .command_line = command_line, .apply_sources = apply_sources,
                                  .mailbox = w->targets.mailbox, .kept_in_force = kept_in_force, .context = w};
    if (!(w->fleet = fleet_start(config, &wiring))) {
        remotewire_destroy(w);
        return NULL;
    }
    return w;
}

const atomic_bool *remotewire_restart_flag(const struct remotewire *w)
{
    return w ? fleet_restart_flag(w->fleet) : NULL;
}

bool remotewire_restart_wanted(const struct remotewire *w)
{
    return w && fleet_restart_wanted(w->fleet);
}

void remotewire_stop(struct remotewire *w)
{
    if (w)
        fleet_stop(w->fleet);
}

void remotewire_destroy(struct remotewire *w)
{
    if (!w)
        return;
    fleet_destroy(w->fleet);
    http_client_destroy(w->http);
    config_destroy(w->local);
    free(w);
}
