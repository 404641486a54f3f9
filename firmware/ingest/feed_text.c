/* feed_text: the text of a feed's elements -- plain, a title's (its
 * escaped markup shown as written), HTML carried as text, and Atom's text
 * constructs by type and mode (html, xhtml, base64, multipart) -- with the
 * pictures and captions that HTML names handed to the item's parts.
 * Owns: how an element's text is read.  Never: decides which element is
 * which field (feed_item) or resolves a reference (feed_links).
 * Thread: the parsing thread's. */
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/base64.h"
#include "ingest/charset.h"
#include "ingest/feed_parts.h"
#include "ingest/text.h"

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

/* The text of buffer, which it frees, with the CDATA markers that arrived
 * escaped or nested removed. Caller frees; NULL on OOM. */
static char *buffer_text(xmlBuffer *buffer)
{
    const xmlChar *content = xmlBufferContent(buffer);
    char *copy = strdup(content ? (const char *)content : "");
    xmlBufferFree(buffer);
    if (copy)
        text_strip_cdata_markers(copy);
    return copy;
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
    return buffer_text(buffer);
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
 * "<span style=…>tăng</span>", or one with attributes that shows no words,
 * "<img src=…>": HTML a CMS pasted into a CDATA section, to be read for its
 * words (a script's or style's text is none). A tag only named ("dùng <br>
 * và </p>", "thẻ <img>") wraps nothing. */
static bool wraps_words_in_markup(const char *text)
{
    static const char *const names[] = {"b",    "strong", "i",   "em",  "u",      "span",   "font",
                                        "mark", "small",  "sup", "sub", "a",      "p",      "div",
                                        "h1",   "h2",     "h3",  "s",   "strike", "script", "style"};
    static const char *const wordless[] = {"img",    "br",    "hr",     "iframe", "script", "style", "video",
                                           "source", "embed", "object", "input",  "meta",   "link",  "svg"};
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
        if (*close == ' ' && memchr(close, '=', (size_t)(end - close)))
            for (size_t i = 0; i < sizeof wordless / sizeof *wordless; i++)
                if (strlen(wordless[i]) == n && !strncasecmp(at + 1, wordless[i], n))
                    return true;
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
    char *clean =
        text_looks_like_markup(raw) ? text_from_html(raw, strlen(raw), NULL, NULL) : text_clean(raw, strlen(raw));
    free(raw);
    return decode_twice_escaped(clean);
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

/* HTML written unescaped into a description (<description><img src=…/>Tin
 * …</description>: XML elements, not text, whose pictures were lost):
 * serialised back to markup, its text escaped and its CDATA as written.
 * NULL when node holds no element: the usual case, read by raw_text. */
static char *markup_of_elements(const xmlNode *node)
{
    const xmlNode *child = node->children;
    while (child && child->type != XML_ELEMENT_NODE)
        child = child->next;
    xmlBuffer *buffer = child ? xmlBufferCreate() : NULL;
    if (!buffer)
        return NULL;
    for (child = node->children; child; child = child->next)
        if (child->type == XML_CDATA_SECTION_NODE && child->content)
            xmlBufferCat(buffer, child->content);
        else
            xmlNodeDump(buffer, node->doc, (xmlNode *)child, 0, 0);
    return buffer_text(buffer);
}

char *feed_item_html_text(struct item_parts *parts, const xmlNode *node)
{
    const xmlNode *outer = parts->text_node;
    parts->text_node = node;
    char *markup = markup_of_elements(node);
    char *text = markup_text(parts, markup ? markup : raw_text(node));
    parts->text_node = outer;
    return text;
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
 * charset was the base64's). A NUL ends the text, except in UTF-16 text,
 * which its byte order mark announces. Takes bytes. */
static char *utf8_of(char *bytes, size_t size)
{
    const unsigned char *b = (const unsigned char *)bytes;
    bool utf16 = bytes && size >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF));
    if (!bytes || (!utf16 && !text_invalid_utf8_bytes(bytes, strlen(bytes))))
        return bytes;
    if (!utf16)
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

/* Whether decoded base64 reads as text: no control byte before its end
 * (plain words that only looked like base64 decode to noise), unless a
 * UTF-16 byte order mark says its NULs are half of each character. */
static bool decoded_is_text(const char *bytes, size_t size)
{
    const unsigned char *b = (const unsigned char *)bytes;
    if (size >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        return true;
    for (size_t i = 0; i < size && b[i]; i++)
        if ((b[i] < 0x20 && b[i] != '\t' && b[i] != '\n' && b[i] != '\r') || b[i] == 0x7F)
            return false;
    return true;
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
    char *decoded = raw && base64_is_encoded(raw) ? base64_decode(raw, &size) : NULL;
    if (decoded && !decoded_is_text(decoded, size)) {
        free(decoded);
        decoded = NULL;
    }
    if (decoded || !raw) {
        decoded = utf8_of(decoded, size);
        free(raw);
    } else
        decoded = raw; /* not base64 whatever its mode says: the publisher's text as written, never noise */
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

/* A summary or content of type text (or none) that holds a CMS's HTML,
 * escaped as type="html" would be ("&lt;p&gt;…&lt;/p&gt;", "&lt;img
 * src=…&gt;"): read as HTML, as feed readers do, or its tags would be on
 * the screen. A tag only named ("the &lt;b&gt; tag") stays as written. */
static bool pasted_html(const xmlNode *node)
{
    char *raw = raw_text(node);
    bool html = raw && strchr(raw, '<') && wraps_words_in_markup(raw);
    free(raw);
    return html;
}

char *feed_atom_text(struct item_parts *parts, xmlNode *node)
{
    xmlChar *type = xmlGetProp(node, (const xmlChar *)"type");
    if (type && !strncasecmp((const char *)type, "multipart/", 10) && alternative(node)) {
        xmlFree(type);
        return feed_atom_text(parts, alternative(node));
    }
    xmlChar *mode = xmlGetProp(node, (const xmlChar *)"mode");
    const char *t = type ? (const char *)type : "", *m = mode ? (const char *)mode : "";
    bool html = !strcasecmp(t, "html") || !strcasecmp(t, "text/html") || !strcasecmp(m, "escaped");
    char *text;
    /* A MIME type that is neither text nor XML holds base64 (RFC 4287 4.1.3.3). */
    bool binary = strchr(t, '/') && strncasecmp(t, "text/", 5) && !strstr(t, "xml");
    const xmlNode *outer = parts ? parts->text_node : NULL;
    if (parts)
        parts->text_node = node; /* the pictures its HTML names are under its own xml:base */
    if (!strcasecmp(m, "base64") || binary)
        text = base64_text(parts, node, t);
    else if (((!strcasecmp(t, "xhtml") || !strcasecmp(t, "application/xhtml+xml")) && strcasecmp(m, "escaped")) ||
               (!strcasecmp(m, "xml") && node->children && node->children->type == XML_ELEMENT_NODE))
        text = xhtml_text(parts, node);
    else if (html || (parts && pasted_html(node)))
        text = parts ? feed_item_html_text(parts, node) : html_title_text(node);
    else
        text = feed_plain_text(node);
    if (parts)
        parts->text_node = outer;
    xmlFree(type);
    xmlFree(mode);
    return text;
}

char *feed_name_text(const xmlNode *node)
{
    const char *ns = node->ns && node->ns->href ? (const char *)node->ns->href : "";
    if (!strcmp(ns, FEED_NS_ATOM) || !strcmp(ns, FEED_NS_ATOM03))
        return feed_atom_text(NULL, (xmlNode *)node);
    return feed_title_text(node);
}
