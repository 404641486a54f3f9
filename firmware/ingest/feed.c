#define _GNU_SOURCE /* memmem */
#include "ingest/feed.h"
#include "ingest/xmlerror.h"

#include <ctype.h>
#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/log.h"
#include "ingest/charset.h"
#include "ingest/entity.h"
#include "ingest/feed_parts.h"
#include "ingest/text.h"
#include "ingest/xmlrepair.h"

enum { CHUNK_BYTES = 64 * 1024, MAX_TTL_MINUTES = 7 * 24 * 60, JUNK_SEARCH_BYTES = 64 * 1024 };

const char *feed_format_name(enum feed_format format)
{
    switch (format) {
    case FEED_RSS2: return "RSS 2.0";
    case FEED_RSS1: return "RSS 1.0";
    case FEED_ATOM: return "Atom 1.0";
    case FEED_ATOM03: return "Atom 0.3";
    default: return "unknown";
    }
}

/* --- where the feed starts ------------------------------------------------------ */

static const char *const root_tags[] = {"<rss", "<feed", "<rdf:RDF", "<RDF", "<channel", NULL};

static bool is_root_tag(const char *p, const char *end)
{
    for (const char *const *t = root_tags; *t; t++) {
        size_t n = strlen(*t);
        if ((size_t)(end - p) > n && !memcmp(p, *t, n) && (isspace((unsigned char)p[n]) || p[n] == '>'))
            return true;
    }
    return false;
}

size_t feed_start(const char *data, size_t size)
{
    const char *p = data, *end = data + size;
    if (size >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3;
    while (p < end && isspace((unsigned char)*p))
        p++;
    if (end - p >= 5 && !memcmp(p, "<?xml", 5))
        return 0;
    /* Comments, PIs and a doctype may come before the root, which is no junk. */
    for (;;) {
        const char *close = NULL;
        if (end - p >= 4 && !memcmp(p, "<!--", 4))
            close = memmem(p, (size_t)(end - p), "-->", 3);
        else if (end - p >= 2 && (!memcmp(p, "<?", 2) || !memcmp(p, "<!", 2)))
            close = memchr(p, '>', (size_t)(end - p));
        if (!close)
            break;
        for (p = close + 1; p < end && isspace((unsigned char)*p);)
            p++;
    }
    if (is_root_tag(p, end))
        return 0;
    const char *limit = end - data > JUNK_SEARCH_BYTES ? data + JUNK_SEARCH_BYTES : end;
    const char *decl = memmem(data, (size_t)(limit - data), "<?xml", 5);
    if (decl)
        return (size_t)(decl - data);
    for (const char *q = memchr(p, '<', (size_t)(limit - p)); q; q = memchr(q + 1, '<', (size_t)(limit - q - 1)))
        if (is_root_tag(q, end))
            return (size_t)(q - data);
    return 0;
}

/* --- links ------------------------------------------------------------------------- */

static bool is_absolute(const char *url)
{
    const char *p = url;
    if (!isalpha((unsigned char)*p))
        return false;
    while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
    return *p == ':';
}

/* The feed's own link (RSS <channel><link>, Atom <link rel="alternate">), once. */
static const char *fallback_base(struct feed_doc *doc, xmlNode *node)
{
    if (doc->looked_up_base)
        return doc->fallback_base;
    doc->looked_up_base = true;
    xmlNode *parent = node->parent;
    /* RSS 0.90 / 1.0 put items beside the channel, not in it */
    xmlNode *channel = parent;
    for (xmlNode *child = parent ? parent->children : NULL; child; child = child->next)
        if (feed_is_element(child, "channel"))
            channel = child;
    for (xmlNode *child = channel ? channel->children : NULL; child; child = child->next) {
        char *link = NULL;
        if (feed_is_element(child, "link")) {
            xmlChar *href = xmlGetProp(child, (const xmlChar *)"href");
            xmlChar *rel = xmlGetProp(child, (const xmlChar *)"rel");
            if (href && (!rel || !strcmp((const char *)rel, "alternate")))
                link = strdup((const char *)href);
            else if (!href)
                link = feed_plain_text(child);
            xmlFree(href);
            xmlFree(rel);
        }
        if (link && is_absolute(link)) {
            doc->fallback_base = link;
            break;
        }
        free(link);
    }
    return doc->fallback_base;
}

char *feed_resolve(struct feed_doc *doc, xmlNode *node, const char *ref)
{
    if (!*ref || is_absolute(ref))
        return strdup(ref);
    xmlChar *base = xmlNodeGetBase(doc->doc, node);
    xmlChar *resolved = NULL;
    if (base && is_absolute((const char *)base))
        resolved = xmlBuildURI((const xmlChar *)ref, base);
    else if (fallback_base(doc, node)) {
        xmlChar *own = base ? xmlBuildURI(base, (const xmlChar *)doc->fallback_base) : NULL;
        resolved = xmlBuildURI((const xmlChar *)ref, own ? own : (const xmlChar *)doc->fallback_base);
        xmlFree(own);
    }
    xmlFree(base);
    char *copy = strdup(resolved ? (const char *)resolved : ref);
    xmlFree(resolved);
    return copy;
}

char *feed_resolve_picture(struct feed_doc *doc, xmlNode *node, const char *ref)
{
    const char *path = doc->context ? doc->context->path : NULL;
    if (!*ref || is_absolute(ref) || !path || path[0] != '/')
        return feed_resolve(doc, node, ref);
    xmlChar *base = xmlNodeGetBase(doc->doc, node);
    bool own_base = base && is_absolute((const char *)base);
    xmlFree(base);
    if (own_base) /* the feed says where its references live */
        return feed_resolve(doc, node, ref);
    /* A feed read from a file (a USB stick of news with its pictures): a
     * relative picture is a file beside it, not a page on the feed's web
     * site, whose <link> only says where the story is read online. */
    xmlChar *resolved = xmlBuildURI((const xmlChar *)ref, (const xmlChar *)path);
    char *copy = resolved ? strdup((const char *)resolved) : feed_resolve(doc, node, ref);
    xmlFree(resolved);
    return copy;
}

/* --- the stream ------------------------------------------------------------------- */

struct cached_entity {
    xmlEntity entity;
    struct cached_entity *next;
};

struct stream {
    struct feed_doc doc;
    xmlParserCtxt *ctxt;
    struct cached_entity *entities; /* the HTML entities handed to the parser */
    bool refused;                   /* the root is not a feed's */
    char root_name[64];
};

/* getEntity: the document's own entities (left unexpanded, as references
 * the text walk does not follow: no entity bombs), then the predefined
 * five, then the HTML table, handed out as predefined so their text is
 * inlined. What no table knows stays as its literal text ("&foo;"). */
static xmlEntity *get_entity(void *ctx, const xmlChar *name)
{
    xmlParserCtxt *ctxt = ctx;
    struct stream *s = ctxt->_private;
    xmlEntity *own = xmlSAX2GetEntity(ctx, name);
    if (own)
        return own;
    xmlEntity *predefined = xmlGetPredefinedEntity(name);
    if (predefined)
        return predefined;
    for (struct cached_entity *c = s->entities; c; c = c->next)
        if (xmlStrEqual(c->entity.name, name))
            return &c->entity;
    char utf8[8];
    size_t len = strlen((const char *)name);
    char *literal = NULL;
    if (!entity_lookup((const char *)name, len, utf8)) {
        literal = malloc(len + 3); /* "&name;" shown as written */
        if (!literal)
            return NULL;
        snprintf(literal, len + 3, "&%s;", (const char *)name);
    }
    struct cached_entity *c = calloc(1, sizeof *c);
    if (!c) {
        free(literal);
        return NULL;
    }
    c->entity.type = XML_ENTITY_DECL;
    c->entity.etype = XML_INTERNAL_PREDEFINED_ENTITY;
    c->entity.name = xmlStrdup(name);
    c->entity.content = literal ? (xmlChar *)literal : xmlStrdup((const xmlChar *)utf8);
    c->entity.orig = NULL;
    c->entity.length = xmlStrlen(c->entity.content);
    c->next = s->entities;
    s->entities = c;
    return &c->entity;
}

static void free_entities(struct stream *s)
{
    while (s->entities) {
        struct cached_entity *next = s->entities->next;
        xmlFree((xmlChar *)s->entities->entity.name);
        xmlFree(s->entities->entity.content);
        free(s->entities);
        s->entities = next;
    }
}

static enum feed_format root_format(const xmlChar *local, const xmlChar *uri)
{
    const char *name = (const char *)local;
    if (!strcmp(name, "rss") || !strcmp(name, "channel"))
        return FEED_RSS2;
    if (!strcmp(name, "RDF"))
        return FEED_RSS1;
    if (!strcmp(name, "feed"))
        return uri && !strcmp((const char *)uri, FEED_NS_ATOM03) ? FEED_ATOM03 : FEED_ATOM;
    return FEED_UNKNOWN;
}

static void start_element(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                          int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                          const xmlChar **attributes)
{
    xmlParserCtxt *ctxt = ctx;
    struct stream *s = ctxt->_private;
    if (!ctxt->node && s->doc.format == FEED_UNKNOWN) { /* the root */
        s->doc.format = root_format(local, uri);
        if (s->doc.format == FEED_UNKNOWN) {
            snprintf(s->root_name, sizeof s->root_name, "%s", (const char *)local);
            s->refused = true;
            xmlStopParser(ctxt);
            return;
        }
    }
    xmlSAX2StartElementNs(ctx, local, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted,
                          attributes);
}

/* An <item> or <entry> of this feed: not one nested in another element's content. */
static bool is_feed_item(const struct stream *s, const xmlNode *node)
{
    const xmlNode *parent = node->parent;
    if (!parent || parent->type != XML_ELEMENT_NODE)
        return false;
    bool atom = s->doc.format == FEED_ATOM || s->doc.format == FEED_ATOM03;
    if (atom)
        return feed_is_element(node, "entry") && !parent->parent->parent;
    return feed_is_element(node, "item") && (feed_is_element(parent, "channel") || !parent->parent->parent);
}

/* Once an item is complete it is read and its tree freed, with the text
 * before it: the tree never holds more than one item. */
static void end_element(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    xmlParserCtxt *ctxt = ctx;
    struct stream *s = ctxt->_private;
    xmlNode *node = ctxt->node;
    xmlSAX2EndElementNs(ctx, local, prefix, uri);
    if (!node || !is_feed_item(s, node))
        return;
    feed_item_read(&s->doc, node);
    xmlNode *before = node->prev;
    xmlUnlinkNode(node);
    xmlFreeNode(node);
    /* The text before the item goes too: libxml2 would append the next text
     * to a text node left last, with a length it kept for another node. */
    while (before && (before->type == XML_TEXT_NODE || before->type == XML_CDATA_SECTION_NODE)) {
        xmlNode *previous = before->prev;
        xmlUnlinkNode(before);
        xmlFreeNode(before);
        before = previous;
    }
    if (!s->doc.ok)
        xmlStopParser(ctxt);
}

/* Pushes the repaired bytes into the parser, one chunk at a time. */
static bool run_stream(struct stream *s, const char *data, size_t size, struct feed_info *info)
{
    xmlSAXHandler sax;
    xmlSAXVersion(&sax, 2);
    sax.getEntity = get_entity;
    sax.startElementNs = start_element;
    sax.endElementNs = end_element;
    sax.comment = NULL; /* never read: kept, 200,000 comments would grow the tree */
    sax.processingInstruction = NULL;
    sax.warning = NULL;
    sax.error = NULL;
    sax.serror = NULL;
    const char *url = s->doc.context->url;
    s->ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, url);
    if (!s->ctxt)
        return false;
    s->ctxt->_private = s;
    /* No XML_PARSE_NOENT / DTDLOAD / HUGE: the document's entities stay
     * unexpanded, nothing is loaded, libxml2's limits on nesting and node
     * size hold. The bytes are UTF-8 already (charset.c). */
    xmlCtxtUseOptions(s->ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                   XML_PARSE_COMPACT | XML_PARSE_IGNORE_ENC | XML_PARSE_NOBLANKS);
    xmlSwitchEncoding(s->ctxt, XML_CHAR_ENCODING_UTF8);
    struct xmlrepair repair;
    xmlrepair_init(&repair, data, size);
    char *chunk = malloc(CHUNK_BYTES);
    if (!chunk)
        return false;
    size_t n;
    while (!s->refused && s->doc.ok && (n = xmlrepair_next(&repair, chunk, CHUNK_BYTES)) > 0)
        if (xmlParseChunk(s->ctxt, chunk, (int)n, 0) != 0 && s->ctxt->disableSAX && !s->ctxt->recovery)
            break;
    if (!s->refused)
        xmlParseChunk(s->ctxt, NULL, 0, 1);
    free(chunk);
    info->repairs = repair.changes;
    if (!s->ctxt->wellFormed && !s->refused) {
        info->recovered = true;
        info->over_limit = xmlerror_describe(xmlCtxtGetLastError(s->ctxt), info->detail, sizeof info->detail);
    }
    s->doc.doc = s->ctxt->myDoc;
    return true;
}

/* --- the finished feed ---------------------------------------------------------------- */

static xmlNode *first_child(xmlNode *node, const char *local)
{
    for (xmlNode *child = node ? node->children : NULL; child; child = child->next)
        if (feed_is_element(child, local))
            return child;
    return NULL;
}

static xmlNode *channel_of(struct stream *s, xmlNode *root)
{
    if (s->doc.format == FEED_ATOM || s->doc.format == FEED_ATOM03)
        return root;
    return feed_is_element(root, "channel") ? root : first_child(root, "channel");
}

static int read_ttl(xmlNode *channel)
{
    xmlNode *ttl = first_child(channel, "ttl");
    char *text = ttl ? feed_plain_text(ttl) : NULL;
    long minutes = text ? strtol(text, NULL, 10) : 0;
    free(text);
    return minutes > 0 ? (int)(minutes > MAX_TTL_MINUTES ? MAX_TTL_MINUTES : minutes) : 0;
}

/* The feed title for the items' source, else the context's name. Caller frees. */
static char *source_name(struct stream *s, xmlNode *channel)
{
    xmlNode *title = first_child(channel, "title");
    char *text = title ? feed_title_text(title) : NULL;
    if (text && *text)
        return text;
    free(text);
    return strdup(s->doc.context->name ? s->doc.context->name : "");
}

static int compare_ids(const void *a, const void *b, void *items)
{
    const struct item *list = items;
    return strcmp(list[*(const size_t *)a].id, list[*(const size_t *)b].id);
}

/* A copy dropped already has no title: it is nobody's twin (a guid given
 * three times, twice to the same story, crashed here; found by fuzz_feed). */
static bool same_story(const struct item *a, const struct item *b)
{
    return a->title && b->title && !strcmp(a->title, b->title) && !strcmp(a->link, b->link);
}

/* An item's own id when its guid is reused: its link, else a hash that
 * includes the link (two items may share a title). */
static bool own_id(struct item *item, const char *source)
{
    if (*item->link)
        return item_set(&item->id, item->link);
    char id[19];
    item_make_id(source, item->title, id);
    return item_set(&item->id, id);
}

/* A feed that gives several different items one guid keeps them all, each
 * with its own id; the same item listed twice is kept once. Returns how
 * many items carried a reused id; the dropped copies are marked by a NULL
 * title. n log n. */
static size_t tell_apart_reused_ids(struct item *items, size_t n, const char *source, bool *ok)
{
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    if (!order) {
        *ok = false;
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    qsort_r(order, n, sizeof *order, compare_ids, items);
    size_t reused = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && !strcmp(items[order[i]].id, items[order[j]].id))
            j++;
        if (j - i > 1) {
            for (size_t k = i + 1; k < j; k++) {
                struct item *twin = &items[order[k]];
                bool copy = false;
                for (size_t m = i; m < k && !copy; m++) /* a copy already dropped has no title */
                    copy = items[order[m]].title && same_story(twin, &items[order[m]]);
                if (copy) {
                    free(twin->title);
                    twin->title = NULL;
                }
            }
            for (size_t k = i; k < j; k++)
                if (items[order[k]].title) {
                    reused++;
                    *ok = *ok && own_id(&items[order[k]], source);
                }
        }
        i = j;
    }
    free(order);
    return reused > 1 ? reused : 0;
}

static bool finish_items(struct stream *s, const char *source, struct feed_info *info)
{
    struct item_list *out = s->doc.out;
    struct item *items = out->items ? out->items + s->doc.first : NULL; /* no items yet: no offset on NULL (UB) */
    size_t n = out->count - s->doc.first;
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        ok = item_set(&items[i].source, source);
        if (ok && !*items[i].id)
            ok = own_id(&items[i], source);
    }
    info->reused_ids = ok ? tell_apart_reused_ids(items, n, source, &ok) : 0;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (!items[i].title) {
            item_clear(&items[i]);
            continue;
        }
        items[kept++] = items[i];
    }
    out->count = s->doc.first + kept;
    if (info->reused_ids)
        log_warn("%s: the feed gives %zu different items the same id (guid); each keeps its own, by its link",
                 s->doc.context->name, info->reused_ids);
    return ok;
}

static bool parse_utf8(const struct ingest_context *context, const char *data, size_t size, struct item_list *out,
                       struct feed_info *info, char *err, size_t err_size)
{
    info->junk_bytes = feed_start(data, size);
    if (info->junk_bytes)
        log_warn("%s: %zu bytes before the feed (a server's message, not XML) skipped", context->name,
                 info->junk_bytes);
    struct stream s = {.doc = {.context = context, .out = out, .first = out->count, .ok = true,
                               .html = text_html_parser_create()}};
    bool ran = run_stream(&s, data + info->junk_bytes, size - info->junk_bytes, info);
    xmlNode *root = s.doc.doc ? xmlDocGetRootElement(s.doc.doc) : NULL;
    info->format = s.doc.format;
    bool ok = false;
    if (!ran || !s.doc.ok)
        snprintf(err, err_size, "out of memory");
    else if (s.refused)
        snprintf(err, err_size, "not a feed: root element <%s>", s.root_name);
    else if (!root)
        snprintf(err, err_size, "not XML (%s)", info->detail[0] ? info->detail : "no root element");
    else {
        xmlNode *channel = channel_of(&s, root);
        info->ttl_minutes = read_ttl(channel);
        char *source = source_name(&s, channel);
        ok = source && finish_items(&s, source, info);
        free(source);
        if (!ok)
            snprintf(err, err_size, "out of memory");
    }
    if (!ok) { /* nothing half-read stays behind */
        for (size_t i = s.doc.first; i < out->count; i++)
            item_clear(&out->items[i]);
        out->count = s.doc.first;
    }
    if (s.ctxt) {
        xmlFreeDoc(s.ctxt->myDoc);
        s.ctxt->myDoc = NULL;
        xmlFreeParserCtxt(s.ctxt);
    }
    free_entities(&s);
    free(s.doc.fallback_base);
    text_html_parser_destroy(s.doc.html);
    return ok;
}

bool feed_parse_in(const struct ingest_context *context, const char *data, size_t size, struct item_list *out,
                   struct feed_info *info, char *err, size_t err_size)
{
    struct feed_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    struct charset_text text;
    if (!charset_decode(data, size, context->charset, &text)) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    if (text.warning[0])
        log_warn("%s: %s", context->name, text.warning);
    if (text.size > INT32_MAX) {
        charset_text_free(&text);
        snprintf(err, err_size, "document too large for the XML parser");
        return false;
    }
    bool ok = parse_utf8(context, text.data, text.size, out, info, err, err_size);
    charset_text_free(&text);
    return ok;
}

bool feed_parse(const char *name, const char *data, size_t size, struct item_list *out, struct feed_info *info,
                char *err, size_t err_size)
{
    struct ingest_context context = {.name = name};
    return feed_parse_in(&context, data, size, out, info, err, err_size);
}
