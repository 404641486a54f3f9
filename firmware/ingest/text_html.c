/* text_html: HTML fragments and pages to display text (see text.h):
 * libxml2's HTML parser decodes entities and drops scripts; the walk here
 * separates words at block elements and sends captions and pictures to
 * their callbacks instead of into the text. */
#define _GNU_SOURCE /* strcasestr */
#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/entity.h"
#include "base/array.h"
#include "base/picture_fit.h"
#include "base/strbuf.h"
#include "ingest/text.h"

struct html_walk {
    struct strbuf text;
    text_caption_fn on_caption;
    text_image_fn on_image;
    void *context;
    bool failed;
};

/* names are lower case: the first letter is compared before the call,
 * and most elements of a description differ there from all forty. */
static bool name_in(const xmlChar *name, const char *const *names)
{
    int first = tolower(*name);
    for (; *names; names++)
        if (**names == first && !strcasecmp((const char *)name, *names))
            return true;
    return false;
}

static const char *const skipped_elements[] = {"script", "style", "noscript", "template", "iframe", "object",
                                               "svg", "head", "button", "select", NULL};
/* Elements that end a word when they open or close, so "a</p><p>b" is not "ab". */
static const char *const block_elements[] = {
    "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
    "section", "article", "header", "footer", "blockquote", "figure", "figcaption", "dd", "dt", "hr",
    "img", "pre", "aside", "nav", NULL};

static void walk_html(xmlNode *node, struct html_walk *walk);

/* The clean text of a subtree, no callbacks: a caption inside a caption is just text. */
static char *subtree_text(xmlNode *node)
{
    struct html_walk inner = {0};
    walk_html(node->children, &inner);
    char *raw = strbuf_finish(&inner.text);
    char *clean = raw ? text_clean(raw, strlen(raw)) : NULL;
    free(raw);
    return clean;
}

static bool emit_caption(xmlNode *figcaption, struct html_walk *walk)
{
    char *clean = subtree_text(figcaption);
    bool ok = clean && (!*clean || walk->on_caption(walk->context, clean));
    free(clean);
    return ok;
}

long text_leading_long(const char *text, char **end)
{
    long n = 0;
    size_t i = 0;
    for (; i < 9 && text[i] >= '0' && text[i] <= '9'; i++)
        n = n * 10 + (text[i] - '0');
    if (i && (text[i] < '0' || text[i] > '9')) { /* strtol's value: no space, sign or overflow to read */
        if (end)
            *end = (char *)text + i;
        return n;
    }
    return strtol(text, end, 10);
}

static int int_attribute(xmlNode *node, const char *name)
{
    xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
    long n = value ? text_leading_long((const char *)value, NULL) : 0;
    xmlFree(value);
    return n > 0 && n < 100000 ? (int)n : 0;
}

enum { TRACKING_PIXELS = PICTURE_FIT_TRACKING_PIXELS };

/* A length in pixels ("1", "1px", " 2.0"), or -1 when it is none ("100%", "auto"). */
static long pixels(const char *value)
{
    while (*value == ' ' || *value == '\t')
        value++;
    char *end;
    long n = text_leading_long(value, &end);
    if (end == value || n < 0)
        return -1;
    while (*end == '.' || isdigit((unsigned char)*end))
        end++;
    if (!*end)
        return n; /* no unit: pixels */
    return *end == '%' || !strncasecmp(end, "em", 2) || !strncasecmp(end, "rem", 3) || !strncasecmp(end, "vw", 2) ||
                   !strncasecmp(end, "vh", 2)
               ? -1
               : n;
}

/* The value of one property in a style attribute ("width:1px;height:1px"). */
static const char *style_value(const char *style, const char *property)
{
    size_t n = strlen(property);
    for (const char *p = style; (p = strcasestr(p, property)); p += n) {
        bool starts = p == style || p[-1] == ';' || p[-1] == ' ' || p[-1] == '\t';
        const char *q = p + n;
        while (*q == ' ')
            q++;
        if (starts && *q == ':')
            return q + 1;
    }
    return NULL;
}

bool text_tiny_picture(const char *width, const char *height, const char *style)
{
    long w = width ? pixels(width) : -1, h = height ? pixels(height) : -1;
    if ((w >= 0 && w <= TRACKING_PIXELS) || (h >= 0 && h <= TRACKING_PIXELS))
        return true;
    if (!style)
        return false;
    const char *sw = style_value(style, "width"), *sh = style_value(style, "height"),
               *d = style_value(style, "display");
    w = sw ? pixels(sw) : -1;
    h = sh ? pixels(sh) : -1;
    while (d && *d == ' ')
        d++;
    return (w >= 0 && w <= TRACKING_PIXELS) || (h >= 0 && h <= TRACKING_PIXELS) || (d && !strncasecmp(d, "none", 4));
}

static bool tiny_image(xmlNode *img)
{
    xmlChar *width = xmlGetProp(img, (const xmlChar *)"width");
    xmlChar *height = xmlGetProp(img, (const xmlChar *)"height");
    xmlChar *style = xmlGetProp(img, (const xmlChar *)"style");
    bool tiny = text_tiny_picture((const char *)width, (const char *)height, (const char *)style);
    xmlFree(width);
    xmlFree(height);
    xmlFree(style);
    return tiny;
}

static bool srcset_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The largest candidate of a srcset (HTML Standard, "parse a srcset
 * attribute"): comma-separated candidates, each a URL then descriptors; the
 * widest by its "w", else the densest by its "x" (none is 1x). A data: URL
 * or a candidate of a few pixels' width is a lazy loader's placeholder.
 * NULL when none is left. Caller xmlFrees. */
static xmlChar *srcset_largest(const char *set)
{
    const char *best = NULL;
    size_t best_len = 0;
    double best_x = 0;
    long best_w = 0;
    for (const char *p = set; *p;) {
        while (srcset_space(*p) || *p == ',')
            p++;
        const char *url = p;
        while (*p && !srcset_space(*p))
            p++;
        size_t len = (size_t)(p - url);
        bool bare = len && url[len - 1] == ','; /* "a.jpg," ends its candidate */
        while (len && url[len - 1] == ',')
            len--;
        long w = 0;
        double x = 1;
        /* descriptors run to a comma outside parentheses */
        for (int depth = 0; !bare && *p && (depth || *p != ',');) {
            while (srcset_space(*p))
                p++;
            const char *d = p;
            for (; *p && !srcset_space(*p) && (depth || *p != ','); p++)
                depth += *p == '(' ? 1 : *p == ')' && depth ? -1 : 0;
            char *end = NULL;
            if (p > d && p[-1] == 'w' && (w = strtol(d, &end, 10)) <= 0)
                x = 0;
            else if (p > d && p[-1] == 'x')
                x = strtod(d, &end);
            if (end && end != p - 1)
                w = 0, x = 0; /* "12.5w", "1e" or junk: no valid candidate */
        }
        if (!len || !strncasecmp(url, "data:", 5) || (w && w <= TRACKING_PIXELS) || (!w && x <= 0))
            continue;
        if (w ? w > best_w : !best_w && x > best_x) {
            best = url, best_len = len, best_w = w, best_x = x;
        }
    }
    return best ? xmlStrndup((const xmlChar *)best, (int)best_len) : NULL;
}

/* The srcset (or a lazy loader's data-srcset) of an <img> or <source>. */
static xmlChar *srcset_of(xmlNode *node)
{
    static const char *const attributes[] = {"srcset", "data-srcset", NULL};
    xmlChar *src = NULL;
    for (const char *const *a = attributes; !src && *a; a++) {
        xmlChar *set = xmlGetProp(node, (const xmlChar *)*a);
        src = set ? srcset_largest((const char *)set) : NULL;
        xmlFree(set);
    }
    return src;
}

/* The first <source> with a srcset in a <picture> before its img. libxml2's
 * HTML parser knows no <source>, so sources nest: "<source><source><img>". */
static xmlChar *source_srcset(xmlNode *node, const xmlNode *img)
{
    xmlChar *src = NULL;
    for (; !src && node && node != img; node = node->next)
        if (node->type == XML_ELEMENT_NODE && !strcasecmp((const char *)node->name, "source") &&
            !(src = srcset_of(node)))
            src = source_srcset(node->children, img);
    return src;
}

xmlChar *text_html_srcset(xmlNode *img)
{
    xmlChar *src = NULL;
    xmlNode *picture = img->parent;
    while (picture && picture->type == XML_ELEMENT_NODE && !strcasecmp((const char *)picture->name, "source"))
        picture = picture->parent;
    if (picture && picture->type == XML_ELEMENT_NODE && !strcasecmp((const char *)picture->name, "picture"))
        src = source_srcset(picture->children, img);
    return src ? src : srcset_of(img);
}

/* The picture of an <img>: as a browser picks, its srcset's
 * (text_html_srcset), else src, else the lazy loaders' data-src /
 * data-original. */
static bool emit_image(xmlNode *img, const char *caption, struct html_walk *walk)
{
    if (tiny_image(img))
        return true; /* a tracking pixel: no picture */
    xmlChar *src = text_html_srcset(img);
    static const char *const attributes[] = {"src", "data-src", "data-original", NULL};
    for (const char *const *a = attributes; !src && *a; a++) {
        src = xmlGetProp(img, (const xmlChar *)*a);
        if (src && (!*src || !strncmp((const char *)src, "data:", 5))) {
            xmlFree(src);
            src = NULL;
        }
    }
    bool ok = !src || walk->on_image(walk->context, (const char *)src, caption, int_attribute(img, "width"),
                                     int_attribute(img, "height"));
    xmlFree(src);
    return ok;
}

static xmlNode *find_element(xmlNode *node, const char *name)
{
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        if (!strcasecmp((const char *)node->name, name))
            return node;
        xmlNode *inner = find_element(node->children, name);
        if (inner)
            return inner;
    }
    return NULL;
}

/* <figure>: its picture goes out with its caption, before either is walked. */
static bool emit_figure(xmlNode *figure, struct html_walk *walk)
{
    xmlNode *img = find_element(figure->children, "img");
    if (!img)
        return true;
    xmlNode *figcaption = find_element(figure->children, "figcaption");
    char *caption = figcaption ? subtree_text(figcaption) : NULL;
    bool ok = (!figcaption || caption) && emit_image(img, caption, walk);
    free(caption);
    return ok;
}

static void walk_html(xmlNode *node, struct html_walk *walk)
{
    for (; node && !walk->failed; node = node->next) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            if (node->content)
                strbuf_add(&walk->text, (const char *)node->content, strlen((const char *)node->content));
            continue;
        }
        if (node->type != XML_ELEMENT_NODE || name_in(node->name, skipped_elements))
            continue;
        if (walk->on_caption && !strcasecmp((const char *)node->name, "figcaption")) {
            walk->failed = !emit_caption(node, walk);
            continue;
        }
        if (walk->on_image && !strcasecmp((const char *)node->name, "img")) {
            walk->failed = !emit_image(node, NULL, walk);
            strbuf_add(&walk->text, " ", 1);
            continue;
        }
        if (walk->on_image && !strcasecmp((const char *)node->name, "figure"))
            walk->failed = !emit_figure(node, walk);
        bool block = name_in(node->name, block_elements);
        if (block)
            strbuf_add(&walk->text, " ", 1);
        walk_html(node->children, walk);
        if (block)
            strbuf_add(&walk->text, " ", 1);
    }
}

char *text_html_references(char *html)
{
    if (!strchr(html, '&'))
        return html;
    struct strbuf out = STRBUF_INIT;
    const char *run = html;
    for (const char *p = strchr(html, '&'); p; p = strchr(p + 1, '&')) {
        size_t len = 0;
        while (len < 32 && isalnum((unsigned char)p[1 + len]))
            len++;
        char name[33], utf8[ENTITY_MAX_BYTES];
        memcpy(name, p + 1, len);
        name[len] = '\0';
        if (!len || p[1 + len] != ';' || htmlEntityLookup((const xmlChar *)name) || !entity_lookup(name, len, utf8))
            continue;
        const char *text = !strcmp(utf8, "&") ? "&amp;" : !strcmp(utf8, "<") ? "&lt;" : utf8;
        strbuf_add(&out, run, (size_t)(p - run));
        strbuf_add(&out, text, strlen(text));
        run = p + 2 + len;
    }
    if (run == html) {
        strbuf_release(&out);
        return html;
    }
    strbuf_add(&out, run, strlen(run));
    free(html);
    return strbuf_finish(&out);
}

/* A fragment (a description, not a page) inside one <div>. Parsed with no
 * implied <html><body>, libxml2 makes the fragment's first element the
 * root and puts all that follows inside it: "<img src=…/> I was…" gave an
 * <img> holding the text, and a leading <script>, <style> or <iframe> took
 * the whole text into the elements the walk skips. Takes html (of *len
 * bytes, which the wrap adds to); NULL on OOM. */
static char *wrap_fragment(char *html, size_t *len)
{
    static const char open[] = "<div>";
    const size_t open_len = sizeof open - 1;
    const char *p = html;
    while (isspace((unsigned char)*p))
        p++;
    if (!strncasecmp(p, "<html", 5) || !strncasecmp(p, "<!doctype", 9) || !strncasecmp(p, "<?xml", 5))
        return html; /* a page has its own root */
    /* in its own buffer, grown: every description passes here */
    if (*len > SIZE_MAX - open_len - 1 || !ARRAY_RESIZE(html, *len + open_len + 1)) {
        free(html);
        return NULL;
    }
    memmove(html + open_len, html, *len + 1);
    memcpy(html, open, open_len);
    *len += open_len;
    return html;
}

struct text_html_parser *text_html_parser_create(void)
{
    return (struct text_html_parser *)htmlNewParserCtxt();
}

void text_html_parser_destroy(struct text_html_parser *parser)
{
    if (parser)
        htmlFreeParserCtxt((htmlParserCtxtPtr)parser);
}

char *text_from_html(const char *html, size_t size, text_caption_fn on_caption, void *context)
{
    struct text_html_sink sink = {.on_caption = on_caption, .context = context};
    return text_from_html_sink(html, size, &sink);
}

char *text_from_html_sink(const char *html, size_t size, const struct text_html_sink *sink)
{
    static const struct text_html_sink none = {0};
    if (!sink)
        sink = &none;
    if (!memchr(html, '<', size) && !memchr(html, '&', size))
        return text_clean(html, size);
    char *repaired = text_repair_utf8(html, size); /* the parser would fall back to Latin-1 on a bad byte */
    if (repaired)
        repaired = text_html_references(repaired);
    size_t repaired_len = repaired ? strlen(repaired) : 0;
    if (repaired)
        repaired = wrap_fragment(repaired, &repaired_len);
    if (!repaired)
        return NULL;
    if (repaired_len > INT32_MAX) {
        free(repaired);
        return NULL;
    }
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                        HTML_PARSE_NOIMPLIED | HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD; /* no DTD node per fragment */
    htmlDocPtr doc = sink->parser ? htmlCtxtReadMemory((htmlParserCtxtPtr)sink->parser, repaired, (int)repaired_len,
                                                       NULL, "UTF-8", options)
                                  : htmlReadMemory(repaired, (int)repaired_len, NULL, "UTF-8", options);
    free(repaired);
    struct html_walk walk = {.on_caption = sink->on_caption, .on_image = sink->on_image, .context = sink->context};
    if (doc)
        walk_html(doc->children, &walk);
    xmlFreeDoc(doc);
    char *raw = strbuf_finish(&walk.text);
    if (!raw || walk.failed || walk.text.failed) {
        free(raw);
        return NULL;
    }
    char *clean = text_clean(raw, strlen(raw));
    free(raw);
    return clean;
}

