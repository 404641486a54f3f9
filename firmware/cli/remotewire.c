/* Wiring of the remote configuration (see remotewire.h). */
#include "cli/remotewire.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "ops/startneeds.h"
#include "live/cache/cache.h"
#include "live/feeder/feeder.h"
#include "live/http/http.h"
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

struct first_need {
    char *err;
    size_t err_size;
    bool found;
};

static void first_need(void *context, const char *problem, bool warning)
{
    struct first_need *f = context;
    if (warning || f->found)
        return;
    f->found = true;
    snprintf(f->err, f->err_size, "%s", problem);
}

bool remotewire_start_check(const struct config *config, char *err, size_t err_size)
{
    struct first_need f = {err, err_size, false};
    char *cache = cache_path_or_default(config->cache.path);
    startneeds_each(config, cache, first_need, &f);
    free(cache);
    return !f.found;
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
