#include "live/sync/sync.h"

#include <math.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "live/http/http.h"
#include "live/sync/syncserver.h"
#include "live/sync/syncwire.h"
#include "live/sync/sync_parts.h"

double sync_group_now(const struct sync *s, double local)
{
    return s->contacted ? local + groupclock_fix_offset(&s->fix, local) : local;
}

/* This screen's identity, once the render thread has said its size. */
bool sync_identity_ready(struct sync *s)
{
    if (s->has_identity)
        return true;
    struct program_identity *id = &s->identity;
    if (!programbox_screen(s->box, &id->width, &id->height, &id->rotate, &id->refresh_hz))
        return false;
    const struct sync_config *c = &s->config->sync;
    id->columns = c->columns, id->rows = c->rows, id->bezel = c->bezel;
    id->speed = s->config->display.crawl_speed;
    id->featured_seconds = s->config->display.featured_seconds;
    memcpy(id->fonts, s->fonts, sizeof id->fonts);
    s->has_identity = true;
    return true;
}

void sync_take_own_items(struct sync *s)
{
    struct item_list *list = mailbox_take_items(s->mailbox);
    if (!list)
        return;
    item_list_destroy(s->own);
    s->own = list;
    s->own_changed = true;
}

/* A segment of items (cloned) at epoch. A segment that takes effect at
 * once starts at the crawl's offset: the crawl switches to it at its next
 * headline. One to come starts two walls ahead, beyond every screen's
 * placement horizon (1.5 walls) at its epoch. */
static bool push_segment(struct sync *s, struct program *p, double epoch, bool now, bool exact)
{
    struct item_list *items = item_list_clone(s->own);
    int64_t start = program_crawl_offset(p->identity.speed, p->identity.refresh_hz, epoch);
    if (!now)
        start += 2 * (int64_t)program_wall_width(&p->identity);
    if (!items || !program_push(p, epoch, start, exact, items))
        return false;
    s->status.epoch = epoch;
    return true;
}

static struct program *own_program(struct sync *s)
{
    struct program *p = calloc(1, sizeof *p);
    if (p)
        p->identity = s->identity;
    return p;
}

static void post_clone(struct sync *s, const struct program *p, enum program_mode mode)
{
    struct program *copy = program_clone(p);
    if (copy)
        programbox_post(s->box, copy, mode);
}

/* The gap between two epochs: a joiner rebuilds the crawl from the three
 * segments a program holds, so the one before them must have scrolled away. */
static double min_gap(const struct sync *s)
{
    double wall_seconds = program_wall_width(&s->identity) / (s->identity.speed > 0 ? s->identity.speed : 1);
    double lead = s->config->sync.lead_seconds;
    return wall_seconds + lead > 2 * lead ? wall_seconds + lead : 2 * lead;
}

static void leader_tick(struct sync *s, double now)
{
    sync_take_own_items(s);
    struct program *p = s->program;
    double newest = p && p->count ? p->segments[p->count - 1].epoch : -INFINITY;
    bool join = syncserver_take_join(s->server) && newest < now;
    bool change = s->own && (join || (s->own_changed && now - newest >= min_gap(s)));
    if (!p && s->own) {
        if (!(s->program = own_program(s)) || !push_segment(s, s->program, now, true, true))
            return;
        post_clone(s, s->program, PROGRAM_JOIN);
    } else if (p && change) {
        /* For a follower that asked to join, exact: it did not show the
         * segment before, so the headline boundary past the start would
         * differ between it and the others. */
        if (!push_segment(s, p, now + s->config->sync.lead_seconds, false, join))
            return;
        post_clone(s, p, PROGRAM_CONTINUE);
    } else {
        return;
    }
    s->own_changed = false;
    syncserver_publish(s->server, s->program);
    unsigned long answers, refusals;
    syncserver_counts(s->server, &answers, &refusals);
    log_info("sync: program with %zu items from group time %.3f (%lu answers, %lu refusals so far)", s->own->count,
             s->status.epoch, answers, refusals);
}

bool sync_known(const struct sync *s, double epoch)
{
    for (size_t i = 0; i < KNOWN_EPOCHS; i++)
        if (s->known[i] == epoch)
            return true;
    return false;
}

void sync_remember(struct sync *s, double epoch)
{
    if (!sync_known(s, epoch)) {
        s->known[s->known_next] = epoch;
        s->known_next = (s->known_next + 1) % KNOWN_EPOCHS;
    }
}

/* Own items, as a program of this kiosk's own on the group's clock. */
void sync_fall_back(struct sync *s, double local, const char *why)
{
    if (!s->own)
        return;
    double now = sync_group_now(s, local);
    if (!s->fallback || !s->program) {
        program_destroy(s->program);
        s->program = own_program(s);
        log_warn("sync: showing this kiosk's own items: %s", why);
    }
    if (!s->program || !push_segment(s, s->program, now, true, false))
        return;
    post_clone(s, s->program, s->posted ? PROGRAM_CONTINUE : PROGRAM_JOIN);
    s->posted = s->fallback = true;
    s->own_changed = false;
}

static void sleep_seconds(double seconds)
{
    struct timespec ts = {(time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9)};
    nanosleep(&ts, NULL);
}

static void *sync_thread(void *arg)
{
    struct sync *s = arg;
    while (!atomic_load(&s->stop)) {
        double local = groupclock_local_now();
        if (sync_identity_ready(s)) {
            if (s->server) {
                leader_tick(s, local);
                s->status.following = true;
                s->status.offset = s->status.uncertainty = 0;
            } else {
                sync_follow_tick(s, local);
            }
            programbox_set_status(s->box, &s->status);
        }
        sleep_seconds(TICK_SECONDS);
    }
    return NULL;
}

struct sync *sync_start(const struct config *config, struct mailbox *mailbox, struct programbox *box, char *err,
                        size_t err_size)
{
    const struct sync_config *c = &config->sync;
    if (c->role == CONFIG_SYNC_FOLLOWER && strncmp(c->leader_url, "http://", 7) &&
        strncmp(c->leader_url, "https://", 8)) {
        snprintf(err, err_size, "[sync] leader: want the leader's http://ADDRESS:PORT, not \"%s\"", c->leader_url);
        return NULL;
    }
    if (c->role == CONFIG_SYNC_LEADER && !c->bind[0]) {
        snprintf(err, err_size, "[sync] bind: a leader serves its followers on ADDRESS:PORT; none is set");
        return NULL;
    }
    struct sync *s = calloc(1, sizeof *s);
    if (!s) {
        log_oom_reason(err, err_size, NULL);
        return NULL;
    }
    s->config = config, s->mailbox = mailbox, s->box = box;
    s->status.role = c->role;
    atomic_init(&s->stop, false);
    groupclock_filter_init(&s->filter);
    for (size_t i = 0; i < KNOWN_EPOCHS; i++)
        s->known[i] = NAN;
    bool ok = sodium_init() >= 0 && syncwire_load_key(c, s->key, err, err_size) &&
              syncwire_font_identity(config, s->fonts, err, err_size);
    if (ok && c->role == CONFIG_SYNC_LEADER)
        ok = (s->server = syncserver_start(c->bind, s->key, err, err_size)) != NULL;
    if (ok && c->role == CONFIG_SYNC_FOLLOWER) {
        s->fetch = config->fetch;
        s->fetch.connect_timeout_seconds = 2;
        s->fetch.total_timeout_seconds = c->poll_seconds * 2 > 2 ? (int)ceil(c->poll_seconds * 2) : 2;
        s->fetch.max_bytes = SYNCWIRE_MAX_BYTES;
        s->fetch.max_redirects = 0;
        s->fetch.max_transfers = 1;
        ok = (s->http = http_client_create(&s->fetch, &s->stop)) != NULL;
        if (!ok)
            log_oom_reason(err, err_size, NULL);
    }
    if (ok && pthread_create(&s->thread, NULL, sync_thread, s) != 0) {
        snprintf(err, err_size, "cannot start the sync thread");
        ok = false;
    }
    if (!ok) {
        syncserver_stop(s->server);
        http_client_destroy(s->http);
        sodium_memzero(s->key, sizeof s->key);
        free(s);
        return NULL;
    }
    log_info("sync: %s%s%s, wall %dx%d, this screen at column %d row %d",
             c->role == CONFIG_SYNC_LEADER ? "leader on " : "follower of ",
             c->role == CONFIG_SYNC_LEADER ? c->bind : c->leader_url, "", c->columns, c->rows, c->column, c->row);
    return s;
}

void sync_stop(struct sync *s)
{
    if (!s)
        return;
    atomic_store(&s->stop, true);
    if (s->http)
        http_client_wake(s->http);
    pthread_join(s->thread, NULL);
    syncserver_stop(s->server);
    http_client_destroy(s->http);
    program_destroy(s->program);
    item_list_destroy(s->own);
    sodium_memzero(s->key, sizeof s->key);
    free(s);
}
