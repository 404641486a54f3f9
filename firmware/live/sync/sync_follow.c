/* The follower's poll (see sync.h): ask, measure the clock, decide how the
 * render thread takes what came, or fall back. */
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "live/sync/sync_parts.h"
#include "live/sync/syncwire.h"

#define FUTURE_MARGIN 0.25 /* seconds: a segment due sooner than this may be missed by a frame already drawn */

static void note_failure(struct sync *s, const char *why)
{
    s->status.poll_failures++;
    if (strcmp(s->status.reason, why))
        log_warn("sync: leader %s: %s", s->config->sync.leader_url, why);
    snprintf(s->status.reason, sizeof s->status.reason, "%s", why);
}

/* The leader's program in force on this screen: as a whole when this
 * screen knows every segment that has begun (a continuation), else only
 * the segments still to come, taken at their epochs, and a fresh epoch
 * asked for when there are none: nothing jumps. */
static void follow(struct sync *s, struct program *p, double now)
{
    bool continuous = s->posted && !s->fallback;
    for (size_t i = 0; continuous && i < p->count; i++)
        if (p->segments[i].epoch <= now + FUTURE_MARGIN && !sync_known(s, p->segments[i].epoch))
            continuous = false;
    enum program_mode mode = s->posted ? PROGRAM_CONTINUE : PROGRAM_JOIN;
    for (size_t i = 0; i < p->count; i++)
        sync_remember(s, p->segments[i].epoch); /* those skipped too: left out on purpose, not missed */
    if (s->posted && !continuous) {
        size_t keep = 0;
        for (size_t i = 0; i < p->count; i++)
            if (p->segments[i].epoch > now + FUTURE_MARGIN)
                p->segments[keep++] = p->segments[i];
            else
                item_list_destroy(p->segments[i].items);
        p->count = keep;
        if (!keep) {
            s->want_join = true; /* the leader makes one soon; meanwhile this screen goes on as it is */
            program_destroy(p);
            return;
        }
        log_info("sync: rejoining the leader at its epoch %.3f (in %.1f s)", p->segments[0].epoch,
                 p->segments[0].epoch - now);
    } else if (!s->posted) {
        log_info("sync: joined the leader %s (offset %+.3f ms, +/- %.3f ms)", s->config->sync.leader_url,
                 s->fix.offset * 1000, s->fix.uncertainty * 1000);
    }
    s->status.epoch = p->count ? p->segments[p->count - 1].epoch : s->status.epoch;
    s->want_join = false;
    s->posted = true;
    s->fallback = false;
    s->status.following = true;
    s->status.fallback = s->status.refused = false;
    programbox_post(s->box, p, mode);
}

static void refused(struct sync *s, const char *why, double local)
{
    if (!s->status.refused)
        log_error("sync: the leader %s refuses this screen: %s", s->config->sync.leader_url, why);
    s->status.refused = true;
    s->status.following = false;
    snprintf(s->status.reason, sizeof s->status.reason, "refused: %s", why);
    if (!s->fallback)
        sync_fall_back(s, local, "refused by the leader");
}

static void poll_leader(struct sync *s, double local)
{
    unsigned char raw[16];
    char nonce[33], query[512], url[1024];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(nonce, sizeof nonce, raw, sizeof raw);
    const char *base = s->config->sync.leader_url;
    size_t blen = strlen(base);
    if (!syncserver_query(nonce, &s->identity, s->want_join, query, sizeof query) ||
        snprintf(url, sizeof url, "%.*s/program?%s", (int)(blen && base[blen - 1] == '/' ? blen - 1 : blen), base,
                 query) >= (int)sizeof url) {
        note_failure(s, "the leader's URL is too long");
        return;
    }
    struct http_response r;
    s->status.polls++;
    double t0 = groupclock_local_now();
    bool got = http_get(s->http, url, NULL, NULL, &r);
    double t2 = groupclock_local_now();
    (void)local;
    struct program *p = NULL;
    double leader_time = 0;
    char why[600] = "";
    enum syncwire_result result = SYNCWIRE_BAD;
    if (got && r.body)
        result = syncwire_decode(r.body, r.size, nonce, s->key, &p, &leader_time, why, sizeof why);
    else
        snprintf(why, sizeof why, "%s", r.error[0] ? r.error : "no answer");
    http_response_clear(&r);
    if (result == SYNCWIRE_BAD) {
        note_failure(s, why);
        return;
    }
    /* Authenticated and for this request: a sample of the leader's clock. */
    groupclock_filter_add(&s->filter, t0, leader_time, t2);
    /* A step only before this screen shows anything of the group; a screen
     * that showed its own items first slews to the leader's clock. */
    bool step = !s->contacted && !s->posted;
    groupclock_filter_fix(&s->filter, t2, &s->fix);
    programbox_post_fix(s->box, &s->fix, step);
    s->contacted = true;
    s->last_contact = t2;
    s->status.last_contact = t2;
    s->status.offset = s->fix.offset;
    s->status.uncertainty = s->fix.uncertainty;
    s->status.skew = s->fix.skew;
    s->status.reason[0] = 0;
    if (result == SYNCWIRE_REFUSED) {
        refused(s, why, t2);
        return;
    }
    if (program_identity_mismatch(&p->identity, &s->identity, why, sizeof why)[0]) {
        program_destroy(p);
        refused(s, why, t2);
        return;
    }
    follow(s, p, sync_group_now(s, t2));
}

void sync_follow_tick(struct sync *s, double local)
{
    sync_take_own_items(s);
    if (local >= s->next_poll) {
        s->next_poll = local + s->config->sync.poll_seconds;
        poll_leader(s, local);
        local = groupclock_local_now();
    }
    bool gone = !s->contacted ? s->status.polls > 0 : local - s->last_contact > s->config->sync.fallback_seconds;
    if (s->fallback && s->own_changed)
        sync_fall_back(s, local, "new items of its own");
    else if (gone && !s->fallback && s->own) {
        s->status.following = false;
        s->status.fallback = true;
        sync_fall_back(s, local, s->contacted ? "the leader has not answered for [sync] fallback_seconds"
                                              : "no leader answers (yet)");
    }
}
