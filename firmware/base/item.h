/* Stage base (firmware/base/), whose main header this is: the item and its
 * list, config (inih), log, small containers, the mailbox between the fetch
 * and render threads, and systemd notification.  Uses libc and its
 * libraries only.  Never knows a feed format, a database or a screen: every
 * other stage builds on it, so it must not pull any of them in.
 *
 * item: one headline (struct item) and growable lists of them.
 * Owns: the item fields, their memory, ids, kind names and the JSON form of
 * an item.  Never: does I/O, parses feeds, or decides a kind. */
#ifndef TICKER_ITEM_H
#define TICKER_ITEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum item_kind { ITEM_NEWS = 0, ITEM_DIALOGUE, ITEM_INFOGRAPHIC, ITEM_VIDEO, ITEM_KIND_COUNT };

/* An alert's severity, CAP 1.2's <severity> values (OASIS CAP-V1.2 3.2.2)
 * in rising order. NONE: an ordinary headline, not an alert. */
enum item_severity {
    ITEM_SEVERITY_NONE = 0,
    ITEM_SEVERITY_UNKNOWN,
    ITEM_SEVERITY_MINOR,
    ITEM_SEVERITY_MODERATE,
    ITEM_SEVERITY_SEVERE,
    ITEM_SEVERITY_EXTREME
};

/* A picture of the item (a photo, an infographic), as the source names it.
 * The fetching, decoding and drawing of it are live's and screen's. */
struct item_picture {
    char *url;     /* absolute http(s) URL, or an absolute path of a local file */
    char *caption; /* the caption that belongs to this picture; "" when none */
    int width, height; /* as the source declares them, in pixels; 0: unknown */
};

struct item {
    char *id;        /* stable: GUID or link, else item_make_id(source, title) */
    enum item_kind kind;
    char *title;     /* plain, clean, NFC; never NULL in a finished item */
    char *summary;   /* may be "" */
    char **captions; /* photo captions */
    size_t caption_count;
    char *source;    /* feed title or file name */
    char *link;      /* may be "" */
    int64_t published; /* Unix seconds, UTC; meaningful only if has_published */
    bool has_published;
    char **categories; /* feed categories: input to classify, not printed */
    size_t category_count;
    struct item_picture *pictures; /* best first; NULL when none */
    size_t picture_count;
    enum item_severity severity; /* NONE for a headline; else an alert, which takes over the screen */
    int64_t expires;             /* alerts and pins: Unix seconds UTC from which it is no longer shown; 0: never */
    /* An operator's message ([pin]): no headline and no alert (it takes
     * nothing over), shown in the crawl with priority from starts until
     * expires, and in the featured panel too when pinned_featured. */
    bool pinned;
    bool pinned_featured;
    int64_t starts;              /* pins: Unix seconds UTC from which it is shown; 0: at once */
    /* Not a headline but word that the alert of this id is over (a CAP
     * Cancel or all-clear, ingest/cap_refs): never shown; the cache takes
     * the id off every alert source, if published before this item's
     * published (0: whenever), and keeps it off until expires. */
    bool clears;
};

struct item_list {
    struct item *items;
    size_t count;
    size_t capacity;
};

/* Caps on every text field, applied once where every reader hands its
 * items over (item_list_push): a 1 MB title from any source is cut here,
 * at a UTF-8 character boundary, with "…". Readers may cut shorter and
 * nicer (at a word) before. */
enum {
    ITEM_MAX_TITLE_BYTES = 400,
    ITEM_MAX_SUMMARY_BYTES = 1200,
    ITEM_MAX_CAPTION_BYTES = 600,
    ITEM_MAX_CAPTIONS = 32,
    ITEM_MAX_LINK_BYTES = 2048, /* also ids and picture URLs */
    ITEM_MAX_SOURCE_BYTES = 200,
    ITEM_MAX_CATEGORY_BYTES = 100,
    ITEM_MAX_CATEGORIES = 16,
    ITEM_MAX_PICTURES = 16,
};

/* Applies the caps above to every field of item, in place. */
void item_cap(struct item *item);

/* All string fields become "" (owned), published unknown. */
void item_init(struct item *item);
void item_clear(struct item *item);
/* Replaces *field with a copy of value (NULL gives ""). Returns false on OOM. */
bool item_set(char **field, const char *value);
bool item_add_caption(struct item *item, const char *caption);
bool item_add_category(struct item *item, const char *category);
/* Appends a copy of a picture (caption NULL gives ""); a url already there is
 * not added twice (true). Returns false on OOM. */
bool item_add_picture(struct item *item, const char *url, const char *caption, int width, int height);
bool item_copy(struct item *dst, const struct item *src);

/* A stable id from the source and the title: "h:" + 16 hex digits. */
void item_make_id(const char *source, const char *title, char out[19]);

const char *item_kind_name(enum item_kind kind); /* "news", "dialogue", ... */
bool item_kind_from_name(const char *name, enum item_kind *kind);

/* Whether the item is a pin whose time has come and not gone at now. */
bool item_pin_active(const struct item *item, int64_t now);
/* Whether the item is an alert that is still current at now (Unix seconds). */
bool item_alert_active(const struct item *item, int64_t now);
/* "extreme", "severe", "moderate", "minor", "unknown" ("" for NONE); the
 * reverse takes CAP's capitalised names too. */
const char *item_severity_name(enum item_severity severity);
bool item_severity_from_name(const char *name, enum item_severity *severity);

/* RFC 3339 UTC ("2025-07-16T02:30:00Z"), or "" when unknown. */
void item_format_published(const struct item *item, char out[32]);

/* One JSON object, no newline, keys id kind title summary captions source
 * link published, and pictures (an array of {url, caption, width, height})
 * when the item has any, and severity and expires (RFC 3339, "" for never)
 * when it is an alert. Caller frees. NULL on OOM. */
char *item_to_json(const struct item *item);

struct item_list *item_list_create(void);
void item_list_destroy(struct item_list *list);
/* Moves *item into the list (the caller's copy is re-initialised), capped
 * (item_cap): the one door every reader's items go through. */
bool item_list_push(struct item_list *list, struct item *item);
bool item_list_append_copy(struct item_list *list, const struct item *item);
/* item_list_push that leaves the caller's copy cleared (all NULL, as
 * item_clear leaves it), not re-initialised: for a caller that is done
 * with it (a stream's reader, once per item). */
bool item_list_take(struct item_list *list, struct item *item);

/* Where a reader hands each finished item as soon as it is read (a stream):
 * takes *item over, leaving the caller's copy cleared or re-initialised
 * (item_clear frees what is left). False on OOM or when the receiver
 * cannot go on. */
typedef bool item_sink_fn(void *arg, struct item *item);
/* item_list_take as an item_sink_fn: arg is the struct item_list. */
bool item_list_sink(void *list, struct item *item);
struct item_list *item_list_clone(const struct item_list *list);

#endif
