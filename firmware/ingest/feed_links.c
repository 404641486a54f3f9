/* feed_links: a feed's relative references made absolute -- its items'
 * links and ids against xml:base, the document's URL and the feed's own
 * link; its pictures the same way, or as files beside a feed read from a
 * local file (see feed_parts.h).
 * Owns: doc->fallback_base once looked up.  Never: decides which picture
 * a document may name (ingest/picture_ref) or opens a file.
 * Thread: the parsing thread's. */
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "ingest/feed_parts.h"
#include "ingest/picture_ref.h"

/* The feed's own link (RSS <channel><link>, Atom <link rel="alternate">, else
 * Atom <link rel="self">), once. */
static const char *fallback_base(struct feed_doc *doc, xmlNode *node)
{
    if (doc->looked_up_base)
        return doc->fallback_base;
    doc->looked_up_base = true;
    /* node may be an element inside the item (an Atom <link>) */
    while (node->parent && node->parent->type == XML_ELEMENT_NODE && !feed_is_element(node, "item") &&
           !feed_is_element(node, "entry"))
        node = node->parent;
    xmlNode *parent = node->parent;
    /* RSS 0.90 / 1.0 put items beside the channel, not in it */
    xmlNode *channel = parent;
    for (xmlNode *child = parent ? parent->children : NULL; child; child = child->next)
        if (feed_is_element(child, "channel"))
            channel = child;
    char *self = NULL;
    for (xmlNode *child = channel ? channel->children : NULL; child; child = child->next) {
        char *link = NULL;
        if (feed_is_element(child, "link")) {
            xmlChar *href = xmlGetProp(child, (const xmlChar *)"href");
            xmlChar *rel = xmlGetProp(child, (const xmlChar *)"rel");
            if (href && (!rel || !strcmp((const char *)rel, "alternate")))
                link = strdup((const char *)href);
            else if (href && !strcmp((const char *)rel, "self") && !self)
                self = strdup((const char *)href); /* the feed's own URL: the base when no alternate link */
            else if (!href)
                link = feed_plain_text(child);
            xmlFree(href);
            xmlFree(rel);
        }
        if (link && picture_ref_is_absolute(link)) {
            doc->fallback_base = link;
            break;
        }
        free(link);
    }
    if (!doc->fallback_base && self && picture_ref_is_absolute(self))
        doc->fallback_base = self;
    else
        free(self);
    return doc->fallback_base;
}

/* The absolute link of the item or entry node is in (RSS <link>, Atom
 * <link rel="alternate" href>), or NULL: the base of last resort. Caller frees. */
static char *item_link(xmlNode *node)
{
    while (node && !feed_is_element(node, "item") && !feed_is_element(node, "entry"))
        node = node->parent && node->parent->type == XML_ELEMENT_NODE ? node->parent : NULL;
    for (xmlNode *child = node ? node->children : NULL; child; child = child->next) {
        if (!feed_is_element(child, "link"))
            continue;
        xmlChar *href = xmlGetProp(child, (const xmlChar *)"href");
        xmlChar *rel = xmlGetProp(child, (const xmlChar *)"rel");
        char *link = NULL;
        if (href && (!rel || !strcmp((const char *)rel, "alternate")))
            link = strdup((const char *)href);
        else if (!href)
            link = feed_plain_text(child);
        xmlFree(href);
        xmlFree(rel);
        if (link && picture_ref_is_absolute(link))
            return link;
        free(link);
    }
    return NULL;
}

char *feed_resolve(struct feed_doc *doc, xmlNode *node, const char *ref)
{
    if (!*ref || picture_ref_is_absolute(ref))
        return strdup(ref);
    xmlChar *base = xmlNodeGetBase(doc->doc, node);
    xmlChar *resolved = NULL;
    char *own_link = NULL;
    const char *fallback = NULL;
    if (base && picture_ref_is_absolute((const char *)base))
        resolved = xmlBuildURI((const xmlChar *)ref, base);
    else if ((fallback = fallback_base(doc, node)) || (fallback = own_link = item_link(node))) {
        /* the feed's own link, else (a feed that names none) the item's */
        xmlChar *own = base ? xmlBuildURI(base, (const xmlChar *)fallback) : NULL;
        resolved = xmlBuildURI((const xmlChar *)ref, own ? own : (const xmlChar *)fallback);
        xmlFree(own);
    }
    xmlFree(base);
    free(own_link);
    char *copy = strdup(resolved ? (const char *)resolved : ref);
    xmlFree(resolved);
    return copy;
}

/* "//cdn.example.com/x.jpg" names a host, never a file: its scheme is the
 * base's, else https (it was kept as written, a path on a stick's feed). */
static char *network_path(struct feed_doc *doc, xmlNode *node, const char *ref)
{
    xmlChar *base = xmlNodeGetBase(doc->doc, node);
    bool web_base = base && picture_ref_is_web((const char *)base);
    xmlFree(base);
    char *resolved = web_base || fallback_base(doc, node) ? feed_resolve(doc, node, ref) : NULL;
    if (resolved && picture_ref_is_web(resolved))
        return resolved;
    free(resolved);
    struct strbuf https = STRBUF_INIT;
    strbuf_adds(&https, "https:");
    strbuf_adds(&https, ref);
    return strbuf_finish(&https); /* NULL on OOM */
}

char *feed_resolve_picture(struct feed_doc *doc, xmlNode *node, const char *ref)
{
    const char *path = doc->context ? doc->context->path : NULL;
    if (ref[0] == '/' && ref[1] == '/')
        return network_path(doc, node, ref);
    if (!*ref || picture_ref_is_absolute(ref) || !path || path[0] != '/')
        return feed_resolve(doc, node, ref);
    xmlChar *base = xmlNodeGetBase(doc->doc, node);
    bool own_base = base && picture_ref_is_absolute((const char *)base);
    xmlFree(base);
    if (own_base) /* the feed says where its references live */
        return feed_resolve(doc, node, ref);
    if (picture_ref_is_site_relative(path, ref)) {
        /* "/pictures/x.jpg" outside the stick's folder is site-relative:
         * on the feed's web site when it names one, else left as it is
         * (and refused where it is opened: live/pictures/picture_place) */
        char *web = feed_resolve(doc, node, ref);
        if (!web || picture_ref_is_web(web))
            return web;
        free(web);
        return strdup(ref);
    }
    /* A feed read from a file (a USB stick of news with its pictures): a
     * relative picture is a file beside it, not a page on the feed's web
     * site, whose <link> only says where the story is read online. */
    xmlChar *resolved = xmlBuildURI((const xmlChar *)ref, (const xmlChar *)path);
    char *copy = resolved ? strdup((const char *)resolved) : feed_resolve(doc, node, ref);
    xmlFree(resolved);
    return copy;
}

