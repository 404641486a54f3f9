/* feed_item: one RSS <item> or Atom <entry> to an item: which element is
 * which field, in every version, and the pictures its text names (those
 * beside the text are feed_media's). */
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "ingest/base64.h"
#include "ingest/charset.h"
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

/* Raw text of an element (markup inside CDATA still there; CDATA markers
 * that arrived escaped or nested removed). Caller frees. */
static char *raw_text(const xmlNode *node)
{
    const xmlNode *only = node->children;
    if (only && !only->next && (only->type == XML_TEXT_NODE || only->type == XML_CDATA_SECTION_NODE)) {
        char *copy = strdup(only->content ? (const char *)only->content : ""); /* the usual case, at once */
        if (copy)
            text_strip_cdata_markers(copy);
        return copy;
    }
    xmlBuffer *buffer = xmlBufferCreate();
    if (!buffer)
        return NULL;
    gather_text(node, buffer);
    const xmlChar *content = xmlBufferContent(buffer);
    char *copy = strdup(content ? (const char *)content : "");
    xmlBufferFree(buffer);
    if (copy)
        text_strip_cdata_markers(copy);
    return copy;
}

char *feed_plain_text(const xmlNode *node)
{
    const xmlNode *only = node->children;
    if (only && !only->next && only->type == XML_TEXT_NODE && only->content &&
        !strstr((const char *)only->content, "]]>")) /* one plain text: cleaned straight from the tree */
        return text_clean((const char *)only->content, strlen((const char *)only->content));
    char *raw = raw_text(node);
    char *clean = raw ? text_clean(raw, strlen(raw)) : NULL;
    free(raw);
    return clean;
}

/* A title's text escaped once more ("&amp;apos;"), or twice inside a CDATA
 * section (whose references the XML parser leaves alone): decoded until no
 * reference is left, at most three times. Takes clean. */
static char *decode_twice_escaped(char *clean)
{
    for (int round = 0; clean && round < 3 && strchr(clean, '&'); round++) {
        size_t before = strlen(clean);
        if (!text_decode_references(clean))
            break; /* "Bộ trưởng & ký kết": as it was, and clean */
        char *again = text_clean(clean, strlen(clean));
        free(clean);
        clean = again;
        if (clean && strlen(clean) == before)
            break; /* nothing was a reference ("R&D") */
    }
    return clean;
}

/* Whether text holds an element that wraps words, "<b>Nóng:</b>" or
 * "<span style=…>tăng</span>": HTML a CMS pasted into a CDATA section, to be
 * read for its words. A tag only named ("dùng <br> và </p>") wraps nothing. */
static bool wraps_words_in_markup(const char *text)
{
    static const char *const names[] = {"b", "strong", "i", "em", "u", "span", "font", "mark", "small",
                                        "sup", "sub", "a", "p", "div", "h1", "h2", "h3", "s", "strike"};
    for (const char *at = strchr(text, '<'); at; at = strchr(at + 1, '<')) {
        size_t n = 0;
        while ((at[1 + n] >= 'a' && at[1 + n] <= 'z') || (at[1 + n] >= 'A' && at[1 + n] <= 'Z') ||
               (n && at[1 + n] >= '1' && at[1 + n] <= '6'))
            n++;
        const char *close = n ? at + 1 + n : NULL;
        if (!close || (*close != '>' && *close != ' '))
            continue;
        const char *end = strchr(close, '>');
        if (!end || memchr(close, '<', (size_t)(end - close)))
            continue;
        for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
            if (strlen(names[i]) != n || strncasecmp(at + 1, names[i], n))
                continue;
            for (const char *c = strstr(end, "</"); c; c = strstr(c + 2, "</"))
                if (!strncasecmp(c + 2, names[i], n) && c[2 + n] == '>' && c > end + 1)
                    return true;
        }
    }
    return false;
}

static bool has_cdata(const xmlNode *node)
{
    for (const xmlNode *c = node->children; c; c = c->next)
        if (c->type == XML_CDATA_SECTION_NODE)
            return true;
    return false;
}

/* RSS titles are plain text (RSS 2.0 gives them no markup; so does Atom's
 * type="text"): "Use &lt;b&gt; for bold" and "&lt;script&gt;...&lt;/script&gt;
 * in titles" are what the publisher means to show, never markup to drop.
 * One exception, for the screen's sake: a CDATA section whose elements wrap
 * words is a CMS's HTML, and its tags would be debris on the screen. */
char *feed_title_text(const xmlNode *node)
{
    char *raw = raw_text(node);
    if (raw && has_cdata(node) && wraps_words_in_markup(raw)) {
        char *text = text_from_html(raw, strlen(raw), NULL, NULL);
        free(raw);
        return decode_twice_escaped(text);
    }
    char *clean = raw ? text_clean(raw, strlen(raw)) : NULL;
    free(raw);
    return decode_twice_escaped(clean);
}

/* An Atom type="html" title: its markup unescaped and read for its text. */
static char *html_title_text(const xmlNode *node)
{
    char *raw = raw_text(node);
    if (!raw)
        return NULL;
    char *clean = text_looks_like_markup(raw) ? text_from_html(raw, strlen(raw), NULL, NULL) : text_clean(raw, strlen(raw));
    free(raw);
    return decode_twice_escaped(clean);
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
    char *absolute = feed_resolve_picture(parts->doc, parts->node, url);
    char *clean = absolute ? text_clean(absolute, strlen(absolute)) : NULL;
    char *text = caption ? text_clean(caption, strlen(caption)) : NULL;
    if (!clean || (caption && !text) || !item_add_picture(&parts->item, clean, text, width, height))
        parts->ok = false;
    free(absolute);
    free(clean);
    free(text);
}

static bool on_image(void *context, const char *src, const char *caption, int width, int height)
{
    struct item_parts *parts = context;
    feed_item_add_picture(parts, src, caption, width, height);
    return parts->ok;
}

static bool on_caption(void *context, const char *caption)
{
    struct item_parts *parts = context;
    return feed_item_add_caption(&parts->item, caption);
}

/* HTML carried as text (RSS descriptions, Atom type="html"): figcaptions
 * go to the captions, pictures to the pictures, neither to the text.
 * Takes raw (NULL after OOM). */
static char *markup_text(struct item_parts *parts, char *raw)
{
    struct text_html_sink sink = {on_caption, on_image, parts, parts->doc->html};
    char *clean = raw ? text_from_html_sink(raw, strlen(raw), &sink) : NULL;
    free(raw);
    if (clean && strchr(clean, '<') && text_looks_like_markup(clean)) { /* markup escaped twice: "&amp;lt;p&amp;gt;" */
        char *again = text_from_html_sink(clean, strlen(clean), &sink);
        free(clean);
        clean = again;
    }
    if (clean && strchr(clean, '&') && text_decode_references(clean)) { /* escaped twice: "&amp;apos;" */
        char *again = text_clean(clean, strlen(clean));
        free(clean);
        clean = again;
    }
    return clean;
}

char *feed_item_html_text(struct item_parts *parts, const xmlNode *node)
{
    return markup_text(parts, raw_text(node));
}

/* Atom type="xhtml": the markup is real XML here; serialised, it reads as HTML. */
static char *xhtml_text(struct item_parts *parts, xmlNode *node)
{
    if (!parts) { /* a title: the XHTML's text, where "&lt;p&gt;" is text shown as written */
        xmlChar *content = xmlNodeGetContent(node);
        char *clean = text_clean(content ? (const char *)content : "", content ? strlen((const char *)content) : 0);
        xmlFree(content);
        return clean;
    }
    xmlBuffer *buffer = xmlBufferCreate();
    if (!buffer)
        return NULL;
    for (xmlNode *child = node->children; child; child = child->next)
        xmlNodeDump(buffer, node->doc, child, 0, 0);
    const xmlChar *content = xmlBufferContent(buffer);
    const char *markup = content ? (const char *)content : "";
    /* A title's parts are NULL: its text only, no captions or pictures. */
    struct text_html_sink sink = {on_caption, on_image, parts, parts ? parts->doc->html : NULL};
    char *clean = text_from_html_sink(markup, strlen(markup), parts ? &sink : NULL);
    xmlBufferFree(buffer);
    return clean;
}

/* A base64 text's bytes as UTF-8: what is not UTF-8 is in the charset the
 * bytes suggest, else windows-1252, the Web's default (the feed's own
 * charset was the base64's). A NUL ends the text. Takes bytes. */
static char *utf8_of(char *bytes, size_t size)
{
    if (!bytes || !text_invalid_utf8_bytes(bytes, strlen(bytes)))
        return bytes;
    size = strlen(bytes);
    struct charset_text text;
    bool ok = charset_decode(bytes, size, NULL, &text);
    if (ok && !strcmp(text.encoding, "UTF-8")) { /* nothing detected */
        charset_text_free(&text);
        ok = charset_decode(bytes, size, "windows-1252", &text);
    }
    char *copy = ok ? text_repair_utf8(text.data, text.size) : NULL;
    charset_text_free(&text);
    free(bytes);
    return copy;
}

/* Atom 0.3 mode="base64", or an Atom 1.0 type that is neither text nor XML
 * (RFC 4287 4.1.3.3). HTML in it gives its pictures and captions like any
 * (parts NULL: a title's words only); a picture, a sound or a film there
 * is no text at all. */
static char *base64_text(struct item_parts *parts, xmlNode *node, const char *type)
{
    static const char *const media[] = {"image/", "audio/", "video/", "font/", "model/", NULL};
    for (const char *const *m = media; *m; m++)
        if (!strncasecmp(type, *m, strlen(*m)))
            return strdup("");
    char *raw = raw_text(node);
    size_t size = 0;
    char *decoded = raw ? utf8_of(base64_decode(raw, &size), size) : NULL;
    free(raw);
    if (parts)
        return markup_text(parts, decoded);
    /* a title: plain text ("&lt;p&gt;" in it shown as written) unless its
     * type or its tags say HTML */
    bool html = !strncasecmp(type, "text/html", 9) || (decoded && text_looks_like_markup(decoded));
    char *text = !decoded ? NULL
                 : html   ? text_from_html(decoded, strlen(decoded), NULL, NULL)
                          : decode_twice_escaped(text_clean(decoded, strlen(decoded)));
    free(decoded);
    return text;
}

/* An Atom text construct, by its type (1.0) or mode (0.3); parts NULL for
 * titles, whose captions and pictures are not collected. */
static char *atom_text(struct item_parts *parts, xmlNode *node);

/* Atom 0.3 type="multipart/alternative": the same text in several <content>
 * children (often base64); the HTML one is read, else the first. It was
 * read as one base64 text: every version one after another. NULL: none. */
static xmlNode *alternative(xmlNode *node)
{
    xmlNode *first = NULL;
    for (xmlNode *child = node->children; child; child = child->next) {
        if (!feed_is_element(child, "content"))
            continue;
        xmlChar *type = xmlGetProp(child, (const xmlChar *)"type");
        bool html = type && (!strcasecmp((const char *)type, "text/html") || strstr((const char *)type, "xhtml"));
        xmlFree(type);
        if (html)
            return child;
        first = first ? first : child;
    }
    return first;
}

static char *atom_text(struct item_parts *parts, xmlNode *node)
{
    xmlChar *type = xmlGetProp(node, (const xmlChar *)"type");
    if (type && !strncasecmp((const char *)type, "multipart/", 10) && alternative(node)) {
        xmlFree(type);
        return atom_text(parts, alternative(node));
    }
    xmlChar *mode = xmlGetProp(node, (const xmlChar *)"mode");
    const char *t = type ? (const char *)type : "", *m = mode ? (const char *)mode : "";
    bool html = !strcasecmp(t, "html") || !strcasecmp(t, "text/html") || !strcasecmp(m, "escaped");
    char *text;
    /* A MIME type that is neither text nor XML holds base64 (RFC 4287 4.1.3.3). */
    bool binary = strchr(t, '/') && strncasecmp(t, "text/", 5) && !strstr(t, "xml");
    if (!strcasecmp(m, "base64") || binary)
        text = base64_text(parts, node, t);
    else if (((!strcasecmp(t, "xhtml") || !strcasecmp(t, "application/xhtml+xml")) && strcasecmp(m, "escaped")) ||
               (!strcasecmp(m, "xml") && node->children && node->children->type == XML_ELEMENT_NODE))
        text = xhtml_text(parts, node);
    else if (html)
        text = parts ? feed_item_html_text(parts, node) : html_title_text(node);
    else
        text = feed_plain_text(node);
    xmlFree(type);
    xmlFree(mode);
    return text;
}

char *feed_name_text(const xmlNode *node)
{
    const char *ns = node->ns && node->ns->href ? (const char *)node->ns->href : "";
    if (!strcmp(ns, FEED_NS_ATOM) || !strcmp(ns, FEED_NS_ATOM03))
        return atom_text(NULL, (xmlNode *)node);
    return feed_title_text(node);
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
            take_first(&parts->item.title, atom_text(NULL, child), &parts->ok);
        else if (feed_is_element(child, "id"))
            take_first(&parts->guid, feed_plain_text(child), &parts->ok);
        else if (feed_is_element(child, "link"))
            read_atom_link(parts, child);
        else if (feed_is_element(child, "summary"))
            take_first(&parts->description, atom_text(parts, child), &parts->ok);
        else if (feed_is_element(child, "content"))
            take_first(&parts->content, atom_text(parts, child), &parts->ok);
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
