/* picture_mailbox: pictures between the render side and the fetch side.
 * The render side says which pictures it wants soon and the box they must
 * fit (a wish, replacing the last one); the fetch side hands back each one
 * decoded to pixels, or a failure. A list swap under a mutex, like the item
 * mailbox: the render thread never waits on it.
 * Owns: the wish and the results not yet taken.  Never: decodes or draws. */
#ifndef TICKER_PICTURE_MAILBOX_H
#define TICKER_PICTURE_MAILBOX_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A picture is asked for and handed back by its key: its URL (or path) for
 * the featured panel, decoded to fit the wish's box; or its thumbnail key
 * (picture_thumbnail_key) for the crawl, decoded to fit the wish's
 * thumbnail box. The screen keeps the two as separate textures. */
#define PICTURE_THUMBNAIL_PREFIX "thumbnail:"

/* The thumbnail key of url; caller frees. NULL on OOM. */
char *picture_thumbnail_key(const char *url);
/* The URL (or path) a key names, inside key; *thumbnail says which box. */
const char *picture_key_url(const char *key, bool *thumbnail);

struct picture_result {
    char *url;      /* the key it was asked for by */
    int width, height;
    size_t pitch;
    uint8_t *rgba;  /* RGBA8888 rows; NULL: the picture could not be had */
    char *error;    /* why not, "" when it came */
};

struct picture_wish {
    char **urls;    /* keys */
    size_t count;
    int box_width, box_height;
    int thumbnail_width, thumbnail_height; /* the box of thumbnail keys */
    unsigned generation; /* changes with every new wish */
};

struct picture_mailbox;

struct picture_mailbox *picture_mailbox_create(void);
void picture_mailbox_destroy(struct picture_mailbox *mailbox);

/* Render side: the pictures wanted now by key (copied), best first, each
 * to fit box_width x box_height, or thumbnail_width x thumbnail_height for
 * a thumbnail key. Posting the same wish again does nothing. */
void picture_mailbox_wish(struct picture_mailbox *mailbox, const char *const *urls, size_t count, int box_width,
                          int box_height, int thumbnail_width, int thumbnail_height);
/* Fetch side: waits until there is a wish newer than *generation, or
 * timeout_ms passed, or picture_mailbox_wake was called. Returns whether a
 * new wish was copied into out (free it with picture_wish_clear). */
bool picture_mailbox_wait_wish(struct picture_mailbox *mailbox, unsigned generation, int timeout_ms,
                               struct picture_wish *out);
/* Wakes a waiting fetch side (to stop). */
void picture_mailbox_wake(struct picture_mailbox *mailbox);
void picture_wish_clear(struct picture_wish *wish);

/* Fetch side: hands a result over (ownership moves; *result is emptied). */
bool picture_mailbox_post(struct picture_mailbox *mailbox, struct picture_result *result);
/* Render side: the oldest result not taken, moved into out. */
bool picture_mailbox_take(struct picture_mailbox *mailbox, struct picture_result *out);
void picture_result_clear(struct picture_result *result);

#endif
