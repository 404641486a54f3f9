#define _GNU_SOURCE /* memmem */
#include "ingest/feed.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/date.h"
#include "ingest/text.h"

enum { MAX_TITLE_BYTES = 400, MAX_DERIVED_TITLE_BYTES = 160, MAX_SUMMARY_BYTES = 1200, MAX_TTL_MINUTES = 7 * 24 * 60 };

static const char NS_CONTENT[] = "http://purl.org/rss/1.0/modules/content/";
static const char NS_DC[] = "http://purl.org/dc/elements/1.1/";
static const char NS_MEDIA[] = "http://search.yahoo.com/mrss"; /* with or without the final '/' */
static const char NS_RDF[] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/* The feed's own vocabulary: no namespace (RSS 2.0), RSS 1.0, RSS 0.90, Atom. */
static const char *const core_namespaces[] = {"http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/",
                                              "http://www.w3.org/2005/Atom", "http://backend.userland.com/rss2", NULL};

const char *feed_format_name(enum feed_format format)
{
    switch (format) {
    case FEED_RSS2: return "RSS 2.0";
    case FEED_RSS1: return "RSS 1.0";
    case FEED_ATOM: return "Atom 1.0";
    default: return "unknown";
    }
}

static bool is_element(const xmlNode *node, const char *local)
{
    if (!node || node->type != XML_ELEMENT_NODE || strcmp((const char *)node->name, local))
        return false;
    if (!node->ns || !node->ns->href)
        return true;
    for (const char *const *ns = core_namespaces; *ns; ns++)
        if (!strcmp((const char *)node->ns->href, *ns))
            return true;
    return false;
}

static bool is_ns_element(const xmlNode *node, const char *ns_href, const char *local)
{
    return node && node->type == XML_ELEMENT_NODE && !strcmp((const char *)node->name, local) && node->ns &&
           node->ns->href && !strncmp((const char *)node->ns->href, ns_href, strlen(ns_href));
}

/* --- text of elements ------------------------------------------------------- */

/* Text and CDATA below node, concatenated. Entity references are not
 * followed: that is where entity-expansion bombs would go off. */
static void gather_text(const xmlNode *node, xmlBuffer *out)
{
    for (const xmlNode *child = node->children; child; child = child->next) {
        if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) && child->content)
            xmlBufferCat(out, child->content);
        else if (child->type == XML_ELEMENT_NODE)
            gather_text(child, out);
    }
}

/* Raw text of an element (markup inside CDATA still there). Caller frees. */
static char *raw_text(const xmlNode *node)
{
    xmlBuffer *buffer = xmlBufferCreate();
    if (!buffer)
        return NULL;
    gather_text(node, buffer);
    const xmlChar *content = xmlBufferContent(buffer);
    char *copy = strdup(content ? (const char *)content : "");
    xmlBufferFree(buffer);
    return copy;
}

static char *plain_text(const xmlNode *node)
{
    char *raw = raw_text(node);
    char *clean = raw ? text_clean(raw, strlen(raw)) : NULL;
    free(raw);
    return clean;
}

static bool add_caption_once(void *context, const char *caption)
{
    struct item *item = context;
    for (size_t i = 0; i < item->caption_count; i++)
        if (!strcmp(item->captions[i], caption))
            return true;
    return item_add_caption(item, caption);
}

/* HTML carried as text (RSS descriptions, Atom type="html"); figcaptions go to item. */
static char *html_text(const xmlNode *node, struct item *item)
{
    char *raw = raw_text(node);
    char *clean = raw ? text_from_html(raw, strlen(raw), item ? add_caption_once : NULL, item) : NULL;
    free(raw);
    return clean;
}

/* Atom type="xhtml": the markup is real XML here; serialised, it reads as HTML. */
static char *xhtml_text(xmlNode *node, struct item *item)
{
    xmlBuffer *buffer = xmlBufferCreate();
    if (!buffer)
        return NULL;
    for (xmlNode *child = node->children; child; child = child->next)
        xmlNodeDump(buffer, node->doc, child, 0, 0);
    const xmlChar *content = xmlBufferContent(buffer);
    const char *markup = content ? (const char *)content : "";
    char *clean = text_from_html(markup, strlen(markup), add_caption_once, item);
    xmlBufferFree(buffer);
    return clean;
}

/* An Atom text construct, by its type attribute. */
static char *atom_text(xmlNode *node, struct item *item)
{
    xmlChar *type = xmlGetProp(node, (const xmlChar *)"type");
    char *text;
    if (type && !strcasecmp((const char *)type, "xhtml"))
        text = xhtml_text(node, item);
    else if (type && (!strcasecmp((const char *)type, "html") || !strcasecmp((const char *)type, "text/html")))
        text = html_text(node, item);
    else
        text = plain_text(node);
    xmlFree(type);
    return text;
}

/* An ASCII tag ("<b>", "</i", "<br/") or an entity ("&amp;", "&#7879;")
 * somewhere in text; "<hợp tác>" or "AT&T" are text. */
static bool looks_like_markup(const char *text)
{
    for (const char *p = strpbrk(text, "<&"); p; p = strpbrk(p + 1, "<&")) {
        const char *q = p + 1;
        if (*p == '<') {
            q += *q == '/' || *q == '!';
            if (!isalpha((unsigned char)*q))
                continue;
            while (isalnum((unsigned char)*q))
                q++;
            if (*q == '>' || *q == ' ' || *q == '/')
                return true;
        } else {
            q += *q == '#';
            size_t n = 0;
            while (isalnum((unsigned char)q[n]))
                n++;
            if (n && q[n] == ';')
                return true;
        }
    }
    return false;
}

/* RSS titles are plain by the spec but often carry escaped markup or entities. */
static char *rss_title_text(const xmlNode *node)
{
    char *raw = raw_text(node);
    if (!raw)
        return NULL;
    char *clean = looks_like_markup(raw) ? text_from_html(raw, strlen(raw), NULL, NULL) : text_clean(raw, strlen(raw));
    free(raw);
    return clean;
}

/* --- building an item --------------------------------------------------------- */

struct item_parts {
    struct item item;
    char *guid, *description, *content;
    bool ok; /* false after an allocation failed */
};

static void take_string(char **field, char *value, bool *ok)
{
    if (!value) {
        *ok = false;
        return;
    }
    free(*field);
    *field = value;
}

/* The first non-empty value wins: RSS items often repeat a field (two dates, two links). */
static void take_first(char **field, char *value, bool *ok)
{
    if (value && (!*field || !**field))
        take_string(field, value, ok);
    else if (!value)
        *ok = false;
    else
        free(value);
}

/* The first date met wins, unless override (Atom <published> beats an earlier <updated>). */
static void set_date(struct item *item, const xmlNode *node, bool override)
{
    if (item->has_published && !override)
        return;
    char *raw = plain_text(node);
    int64_t when;
    if (raw && date_parse(raw, &when)) {
        item->published = when;
        item->has_published = true;
    }
    free(raw);
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

static bool is_media_element(const xmlNode *node)
{
    return is_ns_element(node, NS_MEDIA, "description") || is_ns_element(node, NS_MEDIA, "content") ||
           is_ns_element(node, NS_MEDIA, "group");
}

/* media:description is a caption, wherever media:content / media:group nest it. */
static void read_media(struct item_parts *parts, xmlNode *node)
{
    if (!is_ns_element(node, NS_MEDIA, "description")) {
        for (xmlNode *child = node->children; child; child = child->next)
            if (is_media_element(child))
                read_media(parts, child);
        return;
    }
    char *caption = html_text(node, NULL);
    if (!caption || (*caption && !add_caption_once(&parts->item, caption)))
        parts->ok = false;
    free(caption);
}

/* Fills the item's own fields from parts and moves it into out. Items with
 * neither title nor text are dropped. */
static bool finish_item(struct item_parts *parts, const char *source, struct item_list *out)
{
    struct item *item = &parts->item;
    bool ok = parts->ok;
    const char *summary = parts->description && *parts->description ? parts->description : parts->content;
    if (summary)
        ok = ok && item_set(&item->summary, summary);
    if (!*item->title && *item->summary) { /* RSS 2.0 allows an item with a description only */
        ok = ok && item_set(&item->title, item->summary);
        text_truncate(item->title, MAX_DERIVED_TITLE_BYTES);
    }
    text_truncate(item->title, MAX_TITLE_BYTES);
    text_truncate(item->summary, MAX_SUMMARY_BYTES);
    ok = ok && item_set(&item->source, source);
    if (parts->guid && *parts->guid)
        ok = ok && item_set(&item->id, parts->guid);
    else if (*item->link)
        ok = ok && item_set(&item->id, item->link);
    else {
        char id[19];
        item_make_id(source, item->title, id);
        ok = ok && item_set(&item->id, id);
    }
    bool keep = ok && *item->title;
    if (keep)
        ok = item_list_push(out, item);
    item_clear(item);
    free(parts->guid);
    free(parts->description);
    free(parts->content);
    return ok;
}

static void read_rss_field(struct item_parts *parts, xmlNode *child)
{
    struct item *item = &parts->item;
    bool *ok = &parts->ok;
    if (is_element(child, "title"))
        take_first(&item->title, rss_title_text(child), ok);
    else if (is_element(child, "link"))
        take_first(&item->link, plain_text(child), ok);
    else if (is_element(child, "guid"))
        take_first(&parts->guid, plain_text(child), ok);
    else if (is_element(child, "description"))
        take_first(&parts->description, html_text(child, item), ok);
    else if (is_ns_element(child, NS_CONTENT, "encoded"))
        take_first(&parts->content, html_text(child, item), ok);
    else if (is_element(child, "pubDate") || is_ns_element(child, NS_DC, "date") || is_element(child, "published") ||
             is_element(child, "updated"))
        set_date(item, child, false);
    else if (is_element(child, "category") || is_ns_element(child, NS_DC, "subject"))
        add_category(parts, plain_text(child));
    else if (is_media_element(child))
        read_media(parts, child);
}

static bool read_rss_item(xmlNode *node, const char *source, struct item_list *out)
{
    struct item_parts parts = {.ok = true};
    item_init(&parts.item);
    xmlChar *about = xmlGetNsProp(node, (const xmlChar *)"about", (const xmlChar *)NS_RDF); /* RSS 1.0 */
    if (about)
        parts.guid = strdup((const char *)about);
    xmlFree(about);
    for (xmlNode *child = node->children; child; child = child->next)
        read_rss_field(&parts, child);
    return finish_item(&parts, source, out);
}

/* Atom: <link rel="alternate" href> (rel absent means alternate). */
static void read_atom_link(struct item_parts *parts, xmlNode *node)
{
    xmlChar *rel = xmlGetProp(node, (const xmlChar *)"rel");
    xmlChar *href = xmlGetProp(node, (const xmlChar *)"href");
    if (href && (!rel || !strcmp((const char *)rel, "alternate")))
        take_first(&parts->item.link, text_clean((const char *)href, strlen((const char *)href)), &parts->ok);
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

static bool read_atom_entry(xmlNode *node, const char *source, struct item_list *out)
{
    struct item_parts parts = {.ok = true};
    item_init(&parts.item);
    for (xmlNode *child = node->children; child; child = child->next) {
        if (is_element(child, "title"))
            take_first(&parts.item.title, atom_text(child, NULL), &parts.ok);
        else if (is_element(child, "id"))
            take_first(&parts.guid, plain_text(child), &parts.ok);
        else if (is_element(child, "link"))
            read_atom_link(&parts, child);
        else if (is_element(child, "summary"))
            take_first(&parts.description, atom_text(child, &parts.item), &parts.ok);
        else if (is_element(child, "content"))
            take_first(&parts.content, atom_text(child, &parts.item), &parts.ok);
        else if (is_element(child, "published"))
            set_date(&parts.item, child, true);
        else if (is_element(child, "category"))
            read_atom_category(&parts, child);
        else
            read_rss_field(&parts, child); /* dc:date, media:*, and updated as a last resort */
    }
    return finish_item(&parts, source, out);
}

/* --- documents --------------------------------------------------------------- */

static xmlNode *first_child(xmlNode *node, const char *local)
{
    for (xmlNode *child = node ? node->children : NULL; child; child = child->next)
        if (is_element(child, local))
            return child;
    return NULL;
}

/* The feed title for the items' source, else name. Caller frees. */
static char *source_name(xmlNode *title_node, bool atom, const char *name)
{
    char *title = NULL;
    if (title_node)
        title = atom ? atom_text(title_node, NULL) : rss_title_text(title_node);
    if (title && *title)
        return title;
    free(title);
    return strdup(name);
}

static int read_ttl(xmlNode *channel)
{
    xmlNode *ttl = first_child(channel, "ttl");
    char *text = ttl ? plain_text(ttl) : NULL;
    long minutes = text ? strtol(text, NULL, 10) : 0;
    free(text);
    return minutes > 0 ? (int)(minutes > MAX_TTL_MINUTES ? MAX_TTL_MINUTES : minutes) : 0;
}

static bool parse_rss(xmlNode *root, const char *name, struct item_list *out, struct feed_info *info)
{
    xmlNode *channel = first_child(root, "channel");
    info->ttl_minutes = read_ttl(channel);
    char *source = source_name(first_child(channel, "title"), false, name);
    bool ok = source != NULL;
    /* RSS 2.0 nests items in <channel>; RSS 1.0 puts them beside it. */
    xmlNode *parents[] = {channel, root};
    for (size_t p = 0; ok && p < 2; p++)
        for (xmlNode *child = parents[p] ? parents[p]->children : NULL; ok && child; child = child->next)
            if (is_element(child, "item"))
                ok = read_rss_item(child, source, out);
    free(source);
    return ok;
}

static bool parse_atom(xmlNode *root, const char *name, struct item_list *out)
{
    char *source = source_name(first_child(root, "title"), true, name);
    bool ok = source != NULL;
    for (xmlNode *child = root->children; ok && child; child = child->next)
        if (is_element(child, "entry"))
            ok = read_atom_entry(child, source, out);
    free(source);
    return ok;
}

static enum feed_format root_format(const xmlNode *root)
{
    if (is_element(root, "rss"))
        return FEED_RSS2;
    if (is_ns_element(root, NS_RDF, "RDF") || (root && !strcmp((const char *)root->name, "RDF")))
        return FEED_RSS1;
    if (is_element(root, "feed"))
        return FEED_ATOM;
    return FEED_UNKNOWN;
}

/* The parser would switch to Latin-1 at the first bad byte and garble every
 * title after it, so a document declared (or defaulting to) UTF-8 is
 * repaired first. Returns NULL when data can be parsed as it is. */
static char *repaired_copy(const char *data, size_t size)
{
    size_t head = size < 200 ? size : 200;
    const char *decl = memmem(data, head, "encoding=", 9);
    if (decl && strncasecmp(decl + 10, "utf-8", 5) && strncasecmp(decl + 10, "utf8", 4))
        return NULL; /* another declared encoding: libxml2 converts it */
    if (text_invalid_utf8_bytes(data, size) == 0)
        return NULL;
    return text_repair_utf8(data, size);
}

static void describe_error(xmlParserCtxt *ctxt, char *out, size_t size)
{
    const xmlError *error = xmlCtxtGetLastError(ctxt);
    if (!error || !error->message) {
        snprintf(out, size, "unknown parser error");
        return;
    }
    snprintf(out, size, "line %d: %s", error->line, error->message);
    size_t len = strlen(out);
    while (len && (out[len - 1] == '\n' || out[len - 1] == ' '))
        out[--len] = '\0';
}

bool feed_parse(const char *name, const char *data, size_t size, struct item_list *out, struct feed_info *info,
                char *err, size_t err_size)
{
    struct feed_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    char *repaired = repaired_copy(data, size);
    const char *input = repaired ? repaired : data;
    size_t input_size = repaired ? strlen(repaired) : size;
    if (input_size > INT_MAX) {
        free(repaired);
        snprintf(err, err_size, "document too large for the XML parser");
        return false;
    }
    xmlParserCtxt *ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        free(repaired);
        snprintf(err, err_size, "out of memory");
        return false;
    }
    /* No XML_PARSE_NOENT / DTDLOAD / HUGE: entities stay unexpanded, nothing
     * is loaded, and libxml2's own limits on nesting and node size hold. */
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, input, (int)input_size, NULL, NULL,
                                    XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                        XML_PARSE_COMPACT);
    free(repaired);
    bool ok = false;
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!ctxt->wellFormed) {
        info->recovered = true;
        describe_error(ctxt, info->detail, sizeof info->detail);
    }
    if (!root) {
        snprintf(err, err_size, "not XML (%s)", info->detail[0] ? info->detail : "no root element");
    } else if ((info->format = root_format(root)) == FEED_UNKNOWN) {
        snprintf(err, err_size, "not a feed: root element <%s>", (const char *)root->name);
    } else {
        ok = info->format == FEED_ATOM ? parse_atom(root, name, out) : parse_rss(root, name, out, info);
        if (!ok)
            snprintf(err, err_size, "out of memory");
    }
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return ok;
}
