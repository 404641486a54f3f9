/* sync_parts: what live/sync/sync.c (the thread, the leader, the fallback) and
 * live/sync/sync_follow.c (the follower's poll) share. Internal to them. */
#ifndef TICKER_SYNC_PARTS_H
#define TICKER_SYNC_PARTS_H

#include <stdatomic.h>
#include <pthread.h>

#include "base/groupclock.h"
#include "live/http/http.h"
#include "live/sync/sync.h"
#include "live/sync/syncserver.h"

#define TICK_SECONDS 0.05 /* how often the thread looks at its mail and clock */
#define KNOWN_EPOCHS 8

struct sync {
    const struct config *config;
    struct mailbox *mailbox;
    struct programbox *box;
    unsigned char key[SYNCWIRE_KEY_BYTES];
    char fonts[65];
    pthread_t thread;
    atomic_bool stop;
    struct syncserver *server; /* leader */
    struct http_client *http;  /* follower */
    struct fetch_config fetch;
    struct program_identity identity;
    bool has_identity;
    struct item_list *own;     /* the newest of this kiosk's own items */
    bool own_changed;
    struct program *program;   /* leader: what it serves; follower: its own, in fallback */
    /* follower */
    struct groupclock_filter filter;
    struct groupclock_fix fix;
    bool contacted, posted, fallback, want_join;
    double last_contact, next_poll;
    double known[KNOWN_EPOCHS];
    size_t known_next;
    struct program_status status;
};


/* sync.c */
double sync_group_now(const struct sync *s, double local);
bool sync_identity_ready(struct sync *s);
void sync_take_own_items(struct sync *s);
bool sync_known(const struct sync *s, double epoch);
void sync_remember(struct sync *s, double epoch);
void sync_fall_back(struct sync *s, double local, const char *why);

/* sync_follow.c: one poll of the leader, and what follows from it. */
void sync_follow_tick(struct sync *s, double local);

#endif
