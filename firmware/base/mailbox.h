/* mailbox: the one thing the fetch side and the render side share — the
 * newest item list, a short status line and new settings (a remote
 * configuration applied live), swapped under a mutex.
 * Owns: lists posted and not yet taken.  Never: blocks for longer than a
 * pointer swap, so the render loop can poll it every frame. */
#ifndef TICKER_MAILBOX_H
#define TICKER_MAILBOX_H

#include <stdbool.h>
#include "base/config.h"
#include "base/item.h"
#include "base/onhours.h"
#include "base/picture_mailbox.h"
#include "base/playqueue.h"

struct mailbox;

struct mailbox *mailbox_create(void);
void mailbox_destroy(struct mailbox *mailbox);

/* Takes ownership of list; an older list not yet taken is freed. */
void mailbox_post_items(struct mailbox *mailbox, struct item_list *list);
/* Returns the newest list posted since the last take (caller owns it), or NULL. */
struct item_list *mailbox_take_items(struct mailbox *mailbox);

/* Status for the screen header: "" when all is well, else a short text such
 * as "Ngoại tuyến" (offline). Copied. */
void mailbox_post_status(struct mailbox *mailbox, const char *status);
/* Copies the status into out if it changed since the last call; returns whether it did. */
bool mailbox_take_status(struct mailbox *mailbox, char *out, size_t size);

/* New settings for the screen: the configuration (its [display]) and the
 * schedule (NULL: always on), both outliving the render loop. A newer post
 * replaces one not taken yet. */
void mailbox_post_settings(struct mailbox *mailbox, const struct config *config, const struct onhours *on_hours);
/* The newest settings posted since the last take; false when none. */
bool mailbox_take_settings(struct mailbox *mailbox, const struct config **config, const struct onhours **on_hours);

/* The pictures' own mailbox, created and destroyed with this one. */
struct picture_mailbox *mailbox_pictures(struct mailbox *mailbox);
/* The proof of play's queue (the frame loop pushes, live/cache/playlog writes),
 * created and destroyed with this one. */
struct playqueue *mailbox_plays(struct mailbox *mailbox);

#endif
