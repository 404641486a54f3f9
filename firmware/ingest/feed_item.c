/* feed_item: one RSS <item> or Atom <entry> to an item: which element is
 * which field, in every version, and the pictures its text names (how an
 * element's text is read is feed_text's; the pictures beside the text are
 * feed_media's). */
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "ingest/date.h"
#include "ingest/feed_parts.h"
#include "ingest/text.h"

enum {
    MAX_TITLE_BYTES = 400,
    MAX_DERIVED_TITLE_BYTES = 160,
    MAX_SUMMARY_BYTES = 1200,
    MAX_CAPTIONS = 32,        /* more is a photo gallery: the first ones are enough, and linear */
    MAX_PICTURES = 16,
};

/* The feed's own vocabulary: no namespace (RSS 0.9x/2.0), RSS 1.0, RSS 0.90, Atom 1.0 and 0.3. */
static const char *const core_namespaces[] = {"http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/",
                                              "http://www.w3.org/2005/Atom", FEED_NS_ATOM03,
                                              "http://backend.userland.com/rss2", "http://backend.userland.com/rss",
                                              NULL};

bool feed_is_element(const xmlNode *node, const char *local)
{
    if (!node || node->type != XML_ELEMENT_NODE || *node->name != *local || strcmp((const char *)node->name, local))
        return false;
    if (!node->ns || !node->ns->href)
        return true;
    for (const char *const *ns = core_namespaces; *ns; ns++)
        if (!strcmp((const char *)node->ns->href, *ns))
            return true;
    return false;
}

bool feed_is_module(const xmlNode *node, const char *ns_href, const char *prefix, const char *local)
{
    if (!node || node->type != XML_ELEMENT_NODE ||
        (*prefix && *node->name != *local && *node->name != *prefix)) /* the first byte first: asked a dozen a child */
        return false;
    const char *name = (const char *)node->name;
    if (node->ns && node->ns->href)
        return !strcmp(name, local) && !strncmp((const char *)node->ns->href, ns_href, strlen(ns_href));
    /* An undeclared prefix: libxml2 keeps "prefix:local" as the name. */
    size_t n = strlen(prefix);
    return !strncmp(name, prefix, n) && name[n] == ':' && !strcmp(name + n + 1, local);
}

/* --- building an item --------------------------------------------------------- */

static void take_first(char **field, char *value, bool *ok)
{
    if (!value)
        *ok = false;
    else if (!*field || !**field) {
        free(*field);
        *field = value;
    } else
        free(value);
}

static void set_date(struct item_parts *parts, const xmlNode *node, bool published)
{
    struct item *item = &parts->item;
    if (item->has_published && (!published || parts->date_from_published))
        return;
    char *raw = feed_plain_text(node);
    int64_t when;
    if (raw && date_parse_in_zone(raw, parts->doc->context->zone, &when)) {
        int64_t now = parts->doc->context->now ? parts->doc->context->now : (int64_t)time(NULL);
        item->published = date_clamp_future(when, now);
        item->has_published = true;
        parts->date_from_published = published;
    }
    if (item->has_published || parts->unread_date)
        free(raw);
    else
        parts->unread_date = raw; /* said once the item is read, if no other date is */
}

static void add_category(struct item_parts *parts, char *value)
{
    if (!value) {
        parts->ok = false;
        return;
    }
    if (*value && !item_add_category(&parts->item, value))
        parts->ok = false;
    free(value);
}

bool feed_item_add_caption(struct item *item, const char *caption)
{
    if (item->caption_count >= MAX_CAPTIONS)
        return true;
    for (size_t i = 0; i < item->caption_count; i++)
        if (!strcmp(item->captions[i], caption))
            return true;
    return item_add_caption(item, caption);
}

void feed_item_add_picture(struct item_parts *parts, const char *url, const char *caption, int width, int height)
{
    if (!url || !*url || parts->item.picture_count >= MAX_PICTURES)
        return;
    xmlNode *at = parts->text_node ? (xmlNode *)parts->text_node : parts->node;
    /* cleaned before it is resolved: the white space around src=" /a.jpg "
     * (which HTML strips) kept it from resolving, and the path was refused */
    char *written = text_clean(url, strlen(url));
    if (!written || !*written) {
        parts->ok = parts->ok && written;
        free(written);
        return;
    }
    char *absolute = feed_resolve_picture(parts->doc, at, written);
    free(written);
    char *clean = absolute ? text_clean(absolute, strlen(absolute)) : NULL;
    char *text = caption ? text_clean(caption, strlen(caption)) : NULL;
    if (!clean || (caption && !text) || !item_add_picture(&parts->item, clean, text, width, height))
        parts->ok = false;
    free(absolute);
    free(clean);
    free(text);
}


/* Placeholder texts that content management systems put in empty fields. */
static bool is_placeholder(const char *text)
{
    static const char *const placeholders[] = {"no description", "no title", "untitled", "(no title)",
                                               "(untitled)", "null", "undefined", "no summary", NULL};
    for (const char *const *p = placeholders; *p; p++)
        if (!strcasecmp(text, *p))
            return true;
    return false;
}

/* The item's own fields from parts, into the feed's list. An item with
 * neither title nor text ("No Description", nothing else) is dropped. */
static void finish_item(struct item_parts *parts)
{
    struct item *item = &parts->item;
    struct feed_doc *doc = parts->doc;
    bool ok = parts->ok;
    if (is_placeholder(item->title))
        item->title[0] = '\0';
    char *fields[] = {parts->description, parts->content};
    for (size_t i = 0; i < 2; i++)
        if (fields[i] && is_placeholder(fields[i]))
            fields[i][0] = '\0';
    const char *summary = parts->description && *parts->description ? parts->description : parts->content;
    if ((!summary || !*summary) && parts->media_text)
        summary = parts->media_text; /* a video's media:description is its text */
    else if (parts->media_text && *parts->media_text && strcmp(parts->media_text, summary))
        ok = ok && feed_item_add_caption(item, parts->media_text); /* the item has its own: no text is lost */
    if (!*item->title && parts->video && parts->media_title)
        ok = ok && item_set(&item->title, parts->media_title);
    if (parts->video)
        item->kind = ITEM_VIDEO; /* kept by classify_apply, as a video link path would be */
    if (summary)
        ok = ok && item_set(&item->summary, summary);
    if (!*item->title && *item->summary) { /* RSS 2.0 allows an item with a description only */
        ok = ok && item_set(&item->title, item->summary);
        text_truncate(item->title, MAX_DERIVED_TITLE_BYTES);
    }
    text_truncate(item->title, MAX_TITLE_BYTES);
    text_truncate(item->summary, MAX_SUMMARY_BYTES);
    if (ok && *item->link) {
        char *absolute = feed_resolve(doc, parts->node, item->link);
        ok = absolute && item_set(&item->link, absolute);
        free(absolute);
    }
    /* The guid as id, never a relative path: a path ("/p/12", "2025/x.html")
     * is resolved like a link, else left for feed.c; an opaque token
     * ("btl-12051", "tag:...", a URN) stays as written. */
    if (ok && parts->guid && *parts->guid) {
        bool path = strchr(parts->guid, '/') && !strchr(parts->guid, ':');
        char *id = path ? feed_resolve(doc, parts->node, parts->guid) : strdup(parts->guid);
        bool usable = id && (!path || strchr(id, ':'));
        ok = id && item_set(&item->id, usable ? id : "");
        free(id);
    } else if (ok)
        ok = item_set(&item->id, "");
    feed_media_sort_pictures(item);
    if (ok && *item->title && !item->has_published)
        date_unread_note(&doc->dates, parts->unread_date);
    if (ok && *item->title)
        ok = item_list_take(doc->out, item); /* item is done with: cleared, not made anew */
    else if (ok)
        doc->empty_dropped++;
    if (!ok)
        doc->ok = false;
    item_clear(item);
    free(parts->guid);
    free(parts->unread_date);
    free(parts->description);
    free(parts->content);
    free(parts->media_title);
    free(parts->media_text);
}

static void read_rss_field(struct item_parts *parts, xmlNode *child)
{
    struct item *item = &parts->item;
    bool *ok = &parts->ok;
    if (feed_is_element(child, "title"))
        take_first(&item->title, feed_title_text(child), ok);
    else if (feed_is_element(child, "link") && !xmlHasProp(child, (const xmlChar *)"href"))
        take_first(&item->link, feed_plain_text(child), ok);
    else if (feed_is_element(child, "guid"))
        take_first(&parts->guid, feed_plain_text(child), ok);
    else if (feed_is_element(child, "description"))
        take_first(&parts->description, feed_item_html_text(parts, child), ok);
    else if (feed_is_module(child, FEED_NS_CONTENT, "content", "encoded"))
        take_first(&parts->content, feed_item_html_text(parts, child), ok);
    else if (feed_is_element(child, "pubDate") || feed_is_module(child, FEED_NS_DC, "dc", "date") ||
             feed_is_element(child, "updated") || feed_is_element(child, "modified"))
        set_date(parts, child, false);
    else if (feed_is_element(child, "published") || feed_is_element(child, "issued") ||
             feed_is_element(child, "created"))
        set_date(parts, child, true);
    else if (feed_is_element(child, "category") || feed_is_module(child, FEED_NS_DC, "dc", "subject"))
        add_category(parts, feed_plain_text(child));
    else if (feed_is_element(child, "enclosure"))
        feed_media_picture(parts, child, "url", false);
    else if (feed_media_is_element(child))
        feed_media_read(parts, child);
    else if (feed_is_module(child, FEED_NS_DC, "dc", "title"))
        take_first(&item->title, feed_title_text(child), ok);
    else if (feed_is_module(child, FEED_NS_DC, "dc", "description"))
        take_first(&parts->description, feed_item_html_text(parts, child), ok);
}

static void read_rss_item(struct item_parts *parts)
{
    xmlChar *about = xmlGetNsProp(parts->node, (const xmlChar *)"about", (const xmlChar *)FEED_NS_RDF); /* RSS 1.0 */
    if (about)
        parts->guid = strdup((const char *)about);
    xmlFree(about);
    for (xmlNode *child = parts->node->children; child; child = child->next)
        read_rss_field(parts, child);
}

/* Atom: <link rel="alternate" href> (rel absent means alternate); an
 * enclosure of an image type is a picture. */
static void read_atom_link(struct item_parts *parts, xmlNode *node)
{
    xmlChar *rel = xmlGetProp(node, (const xmlChar *)"rel");
    xmlChar *href = xmlGetProp(node, (const xmlChar *)"href");
    if (href && (!rel || !strcmp((const char *)rel, "alternate"))) {
        /* resolved here, against the link's own xml:base (which may sit on
         * the <link> itself), not only the entry's */
        char *clean = text_clean((const char *)href, strlen((const char *)href));
        char *absolute = clean ? feed_resolve(parts->doc, node, clean) : NULL;
        free(clean);
        take_first(&parts->item.link, absolute, &parts->ok);
    }
    else if (href && rel && !strcmp((const char *)rel, "enclosure"))
        feed_media_picture(parts, node, "href", false);
    xmlFree(rel);
    xmlFree(href);
}

static void read_atom_category(struct item_parts *parts, xmlNode *node)
{
    xmlChar *label = xmlGetProp(node, (const xmlChar *)"label");
    xmlChar *term = xmlGetProp(node, (const xmlChar *)"term");
    const char *name = label ? (const char *)label : term ? (const char *)term : NULL;
    if (name)
        add_category(parts, text_clean(name, strlen(name)));
    xmlFree(label);
    xmlFree(term);
}

static void read_atom_entry(struct item_parts *parts)
{
    for (xmlNode *child = parts->node->children; child; child = child->next) {
        if (feed_is_element(child, "title"))
            take_first(&parts->item.title, feed_atom_text(NULL, child), &parts->ok);
        else if (feed_is_element(child, "id"))
            take_first(&parts->guid, feed_plain_text(child), &parts->ok);
        else if (feed_is_element(child, "link"))
            read_atom_link(parts, child);
        else if (feed_is_element(child, "summary"))
            take_first(&parts->description, feed_atom_text(parts, child), &parts->ok);
        else if (feed_is_element(child, "content"))
            take_first(&parts->content, feed_atom_text(parts, child), &parts->ok);
        else if (feed_is_element(child, "category"))
            read_atom_category(parts, child);
        else
            read_rss_field(parts, child); /* dates, dc:*, media:* */
    }
}

void feed_item_read(struct feed_doc *doc, xmlNode *node)
{
    struct item_parts parts = {.doc = doc, .node = node, .ok = true, .video = feed_media_is_video(node)};
    item_init(&parts.item);
    if (doc->format == FEED_ATOM || doc->format == FEED_ATOM03)
        read_atom_entry(&parts);
    else
        read_rss_item(&parts);
    finish_item(&parts);
}
