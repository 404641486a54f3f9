#define _GNU_SOURCE /* memmem */
#include "ingest/feed.h"

#include "ingest/cap.h"
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
#include "ingest/feed_parts.h"
#include "ingest/text.h"
#include "ingest/xmlentities.h"
#include "ingest/xmlrepair.h"

enum { CHUNK_BYTES = 64 * 1024, MAX_TTL_MINUTES = 7 * 24 * 60, JUNK_SEARCH_BYTES = 64 * 1024 };
/* What the stream holds before repairing: the head where junk is looked
 * for, then a chunk past the look-ahead the repair keeps back. */
enum { IN_BYTES = CHUNK_BYTES + XMLREPAIR_LOOKAHEAD + JUNK_SEARCH_BYTES };

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
    const char *text = p;
    while (p < end && isspace((unsigned char)*p))
        p++;
    /* blank lines before "<?xml" (a script's stray newlines) are junk too:
     * the declaration is allowed only at the very start */
    if (end - p >= 5 && !memcmp(p, "<?xml", 5))
        return p == text ? 0 : (size_t)(p - data);
    /* Comments, PIs and a doctype may come before the root, which is no junk. */
    for (;;) {
        const char *close = NULL;
        if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
            close = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
            close = close ? close + 2 : NULL; /* its last '>' */
        }
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

/* --- the stream ------------------------------------------------------------------- */

struct feed_stream {
    struct feed_doc doc;            /* doc.out is pending */
    struct item_list pending;       /* items read, waiting for the feed's title (their source) */
    char *source;                   /* the items' source once known; NULL until then */
    struct feed_ids ids;
    item_sink_fn *sink;
    void *sink_arg;
    size_t delivered;               /* items handed to the sink */
    xmlParserCtxt *ctxt;
    struct xml_entity *entities;    /* the HTML entities handed to the parser */
    bool refused;                   /* the root is not a feed's */
    bool started;                   /* the junk before the feed is skipped and the parser made */
    char root_name[64];
    bool refused_cap; /* the refused root is a CAP <alert> */
    struct feed_info info;
    struct xmlrepair repair;
    char *in; /* bytes not yet repaired, in_size of room (IN_BYTES, more while the repair waits) */
    size_t in_len, in_size;
    char *chunk;                    /* repaired bytes for the parser */
};

/* getEntity: the document's own, XML's five, then HTML's (ingest/xmlentities). */
static xmlEntity *get_entity(void *ctx, const xmlChar *name)
{
    struct feed_stream *s = ((xmlParserCtxt *)ctx)->_private;
    return xml_entities_get(&s->entities, ctx, name);
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
    struct feed_stream *s = ctxt->_private;
    if (!ctxt->node && s->doc.format == FEED_UNKNOWN) { /* the root */
        s->doc.format = root_format(local, uri);
        if (s->doc.format == FEED_UNKNOWN) {
            snprintf(s->root_name, sizeof s->root_name, "%s", (const char *)local);
            s->refused_cap = uri && cap_is_namespace((const char *)uri);
            s->refused = true;
            xmlStopParser(ctxt);
            return;
        }
    }
    xmlSAX2StartElementNs(ctx, local, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted,
                          attributes);
}

/* An <item> or <entry> of this feed: not one nested in another element's content. */
static bool is_feed_item(const struct feed_stream *s, const xmlNode *node)
{
    const xmlNode *parent = node->parent;
    if (!parent || parent->type != XML_ELEMENT_NODE)
        return false;
    bool atom = s->doc.format == FEED_ATOM || s->doc.format == FEED_ATOM03;
    if (atom)
        return feed_is_element(node, "entry") && !parent->parent->parent;
    return feed_is_element(node, "item") && (feed_is_element(parent, "channel") || !parent->parent->parent);
}

static xmlNode *first_child(xmlNode *node, const char *local)
{
    for (xmlNode *child = node ? node->children : NULL; child; child = child->next)
        if (feed_is_element(child, local))
            return child;
    return NULL;
}

static xmlNode *channel_of(struct feed_stream *s, xmlNode *root)
{
    if (s->doc.format == FEED_ATOM || s->doc.format == FEED_ATOM03)
        return root;
    return feed_is_element(root, "channel") ? root : first_child(root, "channel");
}

/* The items' source: the feed's title once the tree has it; at the end
 * (last), the context's name when the feed has none. NULL until then. */
static char *source_name(struct feed_stream *s, bool last)
{
    xmlDoc *doc = s->ctxt ? s->ctxt->myDoc : NULL;
    xmlNode *channel = doc ? channel_of(s, xmlDocGetRootElement(doc)) : NULL;
    xmlNode *title = first_child(channel, "title");
    if (!title && !last)
        return NULL;
    char *text = title ? feed_name_text(title) : NULL;
    if (text && *text)
        return text;
    free(text);
    return strdup(s->doc.context->name ? s->doc.context->name : "");
}

/* The items read so far go to the sink once their source is known: the
 * feed's title comes before its items in nearly every feed, so an item
 * waits only for its own end. */
static void deliver(struct feed_stream *s, bool last)
{
    if (!s->source && s->pending.count && s->doc.ok && !(s->source = source_name(s, last)) && last)
        s->doc.ok = false;
    for (size_t i = 0; i < s->pending.count; i++) {
        struct item *item = &s->pending.items[i];
        bool keep = false;
        if (s->source && s->doc.ok && !feed_ids_finish(&s->ids, item, s->source, &keep))
            s->doc.ok = false;
        if (keep && s->doc.ok) {
            if (s->sink(s->sink_arg, item))
                s->delivered++;
            else
                s->doc.ok = false;
        }
        if (!s->source && s->doc.ok)
            return; /* they wait */
        item_clear(item);
    }
    s->pending.count = 0;
}

/* Once an item is complete it is read and its tree freed, with the text
 * before it: the tree never holds more than one item. */
static void end_element(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    xmlParserCtxt *ctxt = ctx;
    struct feed_stream *s = ctxt->_private;
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
    deliver(s, false);
    if (!s->doc.ok)
        xmlStopParser(ctxt);
}

struct feed_stream *feed_stream_create(const struct ingest_context *context, item_sink_fn *sink, void *sink_arg)
{
    struct feed_stream *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->doc = (struct feed_doc){.context = context, .out = &s->pending, .ok = true, .html = text_html_parser_create()};
    s->sink = sink;
    s->sink_arg = sink_arg;
    s->chunk = malloc(CHUNK_BYTES);
    s->in = malloc(IN_BYTES);
    s->in_size = IN_BYTES;
    if (!s->doc.html || !s->chunk || !s->in) {
        feed_stream_destroy(s);
        return NULL;
    }
    return s;
}

/* Past the junk a server printed before the feed, the parser starts. */
static bool start(struct feed_stream *s)
{
    s->started = true;
    size_t junk = feed_start(s->in, s->in_len);
    s->info.junk_bytes = junk;
    if (junk) {
        log_warn("%s: %zu bytes before the feed (a server's message, not XML) skipped", s->doc.context->name, junk);
        memmove(s->in, s->in + junk, s->in_len - junk);
        s->in_len -= junk;
    }
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
    s->ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, s->doc.context->url);
    if (!s->ctxt)
        return false;
    s->ctxt->_private = s;
    /* No XML_PARSE_NOENT / DTDLOAD / HUGE: the document's entities stay
     * unexpanded, nothing is loaded, libxml2's limits on nesting and node
     * size hold. The bytes are UTF-8 already (charset.c). */
    xmlCtxtUseOptions(s->ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                   XML_PARSE_COMPACT | XML_PARSE_IGNORE_ENC | XML_PARSE_NOBLANKS);
    xmlSwitchEncoding(s->ctxt, XML_CHAR_ENCODING_UTF8);
    return true;
}

/* Repairs what can be repaired of the bytes held and pushes them into the
 * parser, keeping the look-ahead the repair needs unless this is the end. */
static void pump(struct feed_stream *s, bool last)
{
    xmlrepair_feed(&s->repair, s->in, s->in_len, !last);
    size_t n;
    while (!s->refused && s->doc.ok && (n = xmlrepair_next(&s->repair, s->chunk, CHUNK_BYTES)) > 0)
        if (xmlParseChunk(s->ctxt, s->chunk, (int)n, 0) != 0 && s->ctxt->disableSAX && !s->ctxt->recovery)
            break;
    size_t used = s->repair.pos;
    if (!used)
        return; /* waiting (xmlrepair_next): the bytes held are not copied again at every push */
    memmove(s->in, s->in + used, s->in_len - used);
    s->in_len -= used;
}

bool feed_stream_push(struct feed_stream *s, const char *utf8, size_t size)
{
    if (s->refused || !s->doc.ok)
        return s->doc.ok; /* the rest is not read */
    while (size) {
        /* in holds at most CHUNK_BYTES past the look-ahead: a large push goes in pieces */
        if (s->in_len == s->in_size) {
            /* Full: the repair waits at a "]]>" of a nested CDATA section
             * for what follows (xmlrepair_next), so every byte from there
             * on stays, at most the feed ([fetch] max_bytes caps it);
             * doubled, the copies stay linear in the feed. */
            char *bigger = s->in_size <= SIZE_MAX / 2 ? realloc(s->in, s->in_size * 2) : NULL;
            if (!bigger)
                return s->doc.ok = false;
            s->in = bigger;
            s->in_size *= 2;
        }
        size_t room = s->in_size - s->in_len;
        size_t take = size < room ? size : room;
        memcpy(s->in + s->in_len, utf8, take);
        s->in_len += take;
        utf8 += take;
        size -= take;
        /* the junk before a feed is looked for in its first JUNK_SEARCH_BYTES */
        if (!s->started && s->in_len < JUNK_SEARCH_BYTES + 64)
            continue;
        if (!s->started && !start(s))
            return s->doc.ok = false;
        pump(s, false);
        if (s->refused || !s->doc.ok)
            break;
    }
    return s->doc.ok;
}

static int read_ttl(xmlNode *channel)
{
    xmlNode *ttl = first_child(channel, "ttl");
    char *text = ttl ? feed_plain_text(ttl) : NULL;
    long minutes = text ? strtol(text, NULL, 10) : 0;
    free(text);
    return minutes > 0 ? (int)(minutes > MAX_TTL_MINUTES ? MAX_TTL_MINUTES : minutes) : 0;
}

bool feed_stream_finish(struct feed_stream *s, struct feed_info *info, char *err, size_t err_size)
{
    if (s->doc.ok && !s->started && !start(s))
        s->doc.ok = false;
    if (s->doc.ok && !s->refused) {
        pump(s, true);
        xmlParseChunk(s->ctxt, NULL, 0, 1);
    }
    s->info.repairs = s->repair.changes;
    if (s->ctxt && !s->ctxt->wellFormed && !s->refused) {
        s->info.recovered = true;
        s->info.over_limit = xmlerror_describe(xmlCtxtGetLastError(s->ctxt), s->info.detail, sizeof s->info.detail);
    }
    s->info.format = s->doc.format;
    xmlNode *root = s->ctxt && s->ctxt->myDoc ? xmlDocGetRootElement(s->ctxt->myDoc) : NULL;
    bool ok = false;
    if (!s->doc.ok)
        log_oom_reason(err, err_size, NULL);
    else if (s->refused)
        snprintf(err, err_size, s->refused_cap ? "a CAP alert, not a feed: only a source with type = alert shows alerts"
                                               : "not a feed: root element <%s>",
                 s->root_name);
    else if (!root)
        snprintf(err, err_size, "not XML (%s)", s->info.detail[0] ? s->info.detail : "no root element");
    else {
        s->info.ttl_minutes = read_ttl(channel_of(s, root));
        deliver(s, true);
        ok = s->doc.ok;
        if (!ok)
            log_oom_reason(err, err_size, NULL);
    }
    if (ok)
        date_unread_warn(&s->doc.dates, s->doc.context->name);
    s->info.reused_ids = s->ids.reused;
    if (ok && s->ids.reused)
        log_warn("%s: the feed gives %zu different items the same id (guid); each keeps its own, by its link",
                 s->doc.context->name, s->ids.reused);
    if (info)
        *info = s->info;
    return ok;
}

void feed_stream_destroy(struct feed_stream *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->pending.count; i++)
        item_clear(&s->pending.items[i]);
    free(s->pending.items);
    if (s->ctxt) {
        xmlFreeDoc(s->ctxt->myDoc);
        s->ctxt->myDoc = NULL;
        xmlFreeParserCtxt(s->ctxt);
    }
    xml_entities_free(&s->entities);
    free(s->doc.fallback_base);
    text_html_parser_destroy(s->doc.html);
    feed_ids_free(&s->ids);
    free(s->source);
    free(s->in);
    free(s->chunk);
    free(s);
}

/* --- a whole feed in memory ----------------------------------------------------------- */

bool feed_parse_in(const struct ingest_context *context, const char *data, size_t size, struct item_list *out,
                   struct feed_info *info, char *err, size_t err_size)
{
    struct feed_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    struct charset_text text;
    if (!charset_decode(data, size, context->charset, &text)) {
        log_oom_reason(err, err_size, NULL);
        return false;
    }
    if (text.warning[0])
        log_warn("%s: %s", context->name, text.warning);
    size_t first = out->count;
    struct feed_stream *s = feed_stream_create(context, item_list_sink, out);
    bool ok = false;
    if (s) {
        feed_stream_push(s, text.data, text.size); /* a failure is the finish's to report */
        ok = feed_stream_finish(s, info, err, err_size);
    } else
        log_oom_reason(err, err_size, NULL);
    feed_stream_destroy(s);
    charset_text_free(&text);
    if (!ok) { /* nothing half-read stays behind */
        for (size_t i = first; i < out->count; i++)
            item_clear(&out->items[i]);
        out->count = first;
    }
    return ok;
}

bool feed_parse(const char *name, const char *data, size_t size, struct item_list *out, struct feed_info *info,
                char *err, size_t err_size)
{
    struct ingest_context context = {.name = name};
    return feed_parse_in(&context, data, size, out, info, err, err_size);
}
