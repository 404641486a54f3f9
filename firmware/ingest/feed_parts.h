/* feed_parts: what feed.c (the document, streamed), feed_item.c (one
 * item's fields) and feed_media.c (its pictures) share.  Internal to the
 * feed module: nothing outside ingest/feed*.c includes it. */
#ifndef TICKER_FEED_PARTS_H
#define TICKER_FEED_PARTS_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/item.h"
#include "ingest/context.h"
#include "ingest/date.h"
#include "ingest/feed.h"

/* The ids one feed's items carried so far (as hashes: a few bytes an item). */
struct feed_ids {
    uint64_t *slots;
    size_t mask, count;
    size_t reused; /* items whose id another, different item also carried */
};

struct feed_doc {
    const struct ingest_context *context;
    struct item_list *out; /* items read, waiting to be finished (feed.c) */
    enum feed_format format;
    xmlDoc *doc;           /* the tree being built: the root, the channel, one item */
    char *fallback_base;   /* the channel's / feed's own link, for relative links; NULL until looked up */
    bool looked_up_base;
    size_t empty_dropped;  /* items with neither title nor text */
    struct date_unread dates; /* items whose date text could not be read: one warning for the feed */
    struct text_html_parser *html; /* one HTML parser for every description */
    bool ok;               /* false after an allocation failed */
};

/* One <item> or <entry> being read (feed_item.c, feed_media.c). */
struct item_parts {
    struct feed_doc *doc;
    xmlNode *node; /* the <item> / <entry> */
    /* The element whose text is being read (a <content xml:base=…>), or
     * NULL: the pictures its HTML names resolve against its own base. */
    const xmlNode *text_node;
    struct item item;
    char *guid, *description, *content;
    char *unread_date; /* a date text that could not be read */
    /* A video's media:title and media:description (YouTube's media:group):
     * its title and text when the item has none of its own. */
    char *media_title, *media_text;
    bool video;               /* the feed says the item is a video (feed_media_is_video) */
    bool date_from_published; /* Atom <published> / <issued> beat <updated> / <modified> */
    bool ok;                  /* false after an allocation failed */
};

/* HTML carried as text (an RSS description, a media:description) to its
 * words; its figcaptions and pictures go to parts. Caller frees; NULL on OOM. */
char *feed_item_html_text(struct item_parts *parts, const xmlNode *node);
/* A picture, resolved (feed_resolve_picture); parts->ok false on OOM. */
void feed_item_add_picture(struct item_parts *parts, const char *url, const char *caption, int width, int height);
/* A caption not already there (at most 32). False on OOM. */
bool feed_item_add_caption(struct item *item, const char *caption);

/* feed_media.c: a media:description, media:title, media:content, media:group or media:thumbnail. */
bool feed_media_is_element(const xmlNode *node);
/* Whether the item or entry is a video by the feed's own word: YouTube's
 * yt: elements, or a media:content, enclosure or enclosure link whose
 * medium or type is video (a Flash player's type too). */
bool feed_media_is_video(const xmlNode *item);
/* Reads such an element (and what it nests) into parts' pictures and captions. */
void feed_media_read(struct item_parts *parts, xmlNode *node);
/* The picture an element names by url_attribute (an enclosure's url, an
 * Atom link's href), when it is one; known_image: it is, whatever its type. */
void feed_media_picture(struct item_parts *parts, xmlNode *node, const char *url_attribute, bool known_image);
/* The largest picture that fits a screen first, then those of unknown
 * size, then the too large, smallest first, then thumbnails (320 px or
 * less), largest first; equals keep the source's order. */
void feed_media_sort_pictures(struct item *item);

/* Reads one <item> or <entry> (complete, still in the tree so xml:base
 * applies) into doc->out: its id is the guid as found (resolved), or "",
 * its source "" (both are finished by feed.c once the whole feed is read). */
void feed_item_read(struct feed_doc *doc, xmlNode *node);

/* Finishes a streamed item's id and source: an item without an id gets
 * its own (feed_own_id); one whose id an earlier, different item carried
 * gets its own too (counted in ids->reused); a copy of an earlier item
 * (same id, title and link) gets *keep false. False on OOM. */
bool feed_ids_finish(struct feed_ids *ids, struct item *item, const char *source, bool *keep);
void feed_ids_free(struct feed_ids *ids);
/* An item's own id: its link, else a hash of the source and the title. */
bool feed_own_id(struct item *item, const char *source);

/* Element tests that accept the feed's own vocabulary in every version
 * (no namespace, RSS 0.90/1.0, Atom 0.3/1.0, Userland's RSS 2.0). */
bool feed_is_element(const xmlNode *node, const char *local);
/* A module element (content:, dc:, media:) by namespace, or by its usual
 * prefix when the feed forgot to declare it. */
bool feed_is_module(const xmlNode *node, const char *ns_href, const char *prefix, const char *local);

/* Plain, clean text of an element; title text (escaped markup decoded only
 * when it is markup). Caller frees; NULL on OOM. */
char *feed_plain_text(const xmlNode *node);
char *feed_title_text(const xmlNode *node);
/* feed_text.c: an Atom text construct (title, summary, content) by its
 * type (1.0) or mode (0.3); parts NULL for a title, whose captions and
 * pictures are not collected. Caller frees; NULL on OOM. */
char *feed_atom_text(struct item_parts *parts, xmlNode *node);
/* A feed's own title: an Atom text construct read by its type or mode
 * (RFC 4287 section 3.1), else as feed_title_text. Caller frees. */
char *feed_name_text(const xmlNode *node);

/* ref resolved against the node's xml:base, the document's URL and the
 * feed's own link, else the item's: an absolute URL when any base is, else
 * a copy. */
char *feed_resolve(struct feed_doc *doc, xmlNode *node, const char *ref);
/* A picture's reference: as feed_resolve, except that in a feed read from a
 * local file (context->path) with no absolute xml:base, a relative reference
 * is the file beside the feed (an absolute path), a site-relative one
 * ("/pictures/x.jpg") outside the feed's folder is on the feed's web site
 * when it names one; a network-path one ("//host/x.jpg") is https when no
 * base gives its scheme. Caller frees; NULL on OOM. */
char *feed_resolve_picture(struct feed_doc *doc, xmlNode *node, const char *ref);

#define FEED_NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define FEED_NS_DC "http://purl.org/dc/elements/1.1/"
#define FEED_NS_MEDIA "http://search.yahoo.com/mrss" /* with or without the final '/' */
#define FEED_NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define FEED_NS_ATOM "http://www.w3.org/2005/Atom" /* RFC 4287 */
#define FEED_NS_ATOM03 "http://purl.org/atom/ns#"

#endif
