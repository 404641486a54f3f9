/* program: what a group of screens shows — segments of ordered items, each
 * taking effect at a group time (its epoch) and a crawl coordinate, and
 * what the screens must share to lay the same words out the same way (the
 * layout identity). The leader makes it, the followers fetch it, every
 * screen's render thread adopts it; and the mailbox it travels in.
 * Owns: the program's data and its lifetime, the crawl offset as a
 * function of group time (the one formula every screen and the leader
 * use), the compatibility check of two identities.  Never: encodes,
 * fetches or draws (live/sync/syncwire, live/sync/sync, screen/frame/groupframe).
 * Thread: a program is immutable once posted; the mailbox is swapped under
 * a mutex by the sync thread and taken by the render thread. */
#ifndef TICKER_PROGRAM_H
#define TICKER_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/groupclock.h"
#include "base/item.h"

/* What must be equal on every screen of a group for the same words to
 * land on the same pixels. */
struct program_identity {
    int width, height, rotate; /* each screen's framebuffer */
    double refresh_hz;
    int columns, rows, bezel;  /* the wall */
    double speed;              /* [display] crawl_speed, px/s */
    double featured_seconds;
    char fonts[65];            /* hex BLAKE2b-256 of the font files' bytes */
};

/* "" when a and b match, else the reason (into why), e.g. "screen size:
 * the leader's is 1920x1080, this one's 1280x720". */
const char *program_identity_mismatch(const struct program_identity *leader, const struct program_identity *mine,
                                      char *why, size_t size);

struct program_segment {
    double epoch;          /* group seconds it takes effect at; also its id */
    int64_t crawl_start;   /* scroll coordinate of its first headline (px) */
    bool exact;            /* begins at crawl_start itself, not the first headline boundary past it (scene.h) */
    struct item_list *items; /* owned */
};

#define PROGRAM_SEGMENTS 3 /* the one before, the one in force, the one to come */
struct program {
    struct program_identity identity;
    struct program_segment segments[PROGRAM_SEGMENTS]; /* oldest first */
    size_t count;
};

void program_destroy(struct program *program);
/* A deep copy, NULL on OOM. */
struct program *program_clone(const struct program *program);
/* Adds a segment (items owned) as the newest, dropping the oldest when
 * full. False on a segment not newer than the newest (items freed). */
bool program_push(struct program *program, double epoch, int64_t crawl_start, bool exact, struct item_list *items);

/* The crawl's scroll offset at group time t (pixels): whole pixels per
 * refresh (as scene_snap_pixels_per_frame) for whole refreshes since 1970. */
int64_t program_crawl_offset(double speed, double refresh_hz, double t);
/* The wall's logical width (pixels) for an identity. */
int program_wall_width(const struct program_identity *identity);

/* How the render thread takes a program. */
enum program_mode {
    PROGRAM_CONTINUE, /* adopt each segment newer than those adopted, at its epoch */
    PROGRAM_JOIN      /* a fresh scene: every segment due now at once, the rest at their epochs */
};

/* What the sync thread tells the render thread, and what it reports. */
struct programbox;

struct programbox *programbox_create(void);
void programbox_destroy(struct programbox *box);

/* Sync thread: a new program (owned) and how to take it. A newer post
 * replaces one not taken. */
void programbox_post(struct programbox *box, struct program *program, enum program_mode mode);
/* Render thread: the newest program posted since the last take, or NULL. */
struct program *programbox_take(struct programbox *box, enum program_mode *mode);

/* Sync thread: a new clock correction; step: take it at once. */
void programbox_post_fix(struct programbox *box, const struct groupclock_fix *fix, bool step);
/* Render thread: the newest fix since the last take. */
bool programbox_take_fix(struct programbox *box, struct groupclock_fix *fix, bool *step);

/* Render thread: the screen as it is (width, height, rotate, refresh);
 * sync thread: the same, false until the render thread posted it. */
void programbox_post_screen(struct programbox *box, int width, int height, int rotate, double refresh_hz);
bool programbox_screen(struct programbox *box, int *width, int *height, int *rotate, double *refresh_hz);

/* For the health metrics: the sync thread's state. */
struct program_status {
    int role;              /* enum config_sync_role */
    bool following;        /* the leader's program is in force */
    bool fallback;         /* own sources: the leader gone too long, or refused */
    bool refused;
    double offset, uncertainty; /* seconds, to the leader's clock */
    double skew;           /* seconds per second */
    uint64_t polls, poll_failures;
    double last_contact;   /* local seconds, 0: never */
    double epoch;          /* of the newest segment */
    char reason[160];      /* why refused or failing, "" when all is well */
};
void programbox_set_status(struct programbox *box, const struct program_status *status);
void programbox_status(struct programbox *box, struct program_status *status);

#endif
