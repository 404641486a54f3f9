/* article_html: HTML article pages to items — see article.h.  The page is
 * walked once; what it is (an article, an error or bot-check page, a
 * section listing) is judged from what the walk found. */
#define _GNU_SOURCE /* strcasestr */
#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "ingest/article.h"
#include "ingest/article_page.h"
#include "ingest/charset.h"
#include "ingest/date.h"
#include "ingest/jsonld.h"
#include "ingest/text.h"

enum {
    LEAD_MIN_BYTES = 60,       /* an HTML <p> shorter than this is a byline or a label */
    RELATED_MIN_WORDS = 2,     /* a link in a related box is a headline, however short */
    TEASER_MIN_WORDS = 2,
    MAX_RELATED = 50,
};

static bool attribute_is(xmlNode *node, const char *attribute, const char *value)
{
    xmlChar *actual = xmlGetProp(node, (const xmlChar *)attribute);
    bool same = actual && !strcasecmp((const char *)actual, value);
    xmlFree(actual);
    return same;
}

static bool is_named(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && !strcasecmp((const char *)node->name, name);
}

static bool is_heading(const xmlNode *node)
{
    return is_named(node, "h2") || is_named(node, "h3") || is_named(node, "h4") || is_named(node, "h5");
}

/* Clean text of a subtree; HTML documents hold no entity references, so xmlNodeGetContent is safe. */
static char *node_text(xmlNode *node)
{
    xmlChar *content = xmlNodeGetContent(node);
    char *clean = text_clean(content ? (const char *)content : "", content ? strlen((const char *)content) : 0);
    xmlFree(content);
    return clean;
}

/* Sets *field from value once: the first occurrence in the page wins. */
static void keep_first(struct html_page *page, char **field, char *value)
{
    if (!value)
        page->ok = false;
    else if (!*field && *value)
        *field = value;
    else
        free(value);
}

/* Whether any attribute that names the block (class, id, data-*, role)
 * holds one of marks: sites mark their boxes in all of them. */
static bool marked(xmlNode *node, const char *const *marks)
{
    for (xmlAttr *a = node->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        if (strcasecmp(name, "class") && strcasecmp(name, "id") && strncasecmp(name, "data-", 5) &&
            strcasecmp(name, "role"))
            continue;
        xmlChar *value = xmlNodeListGetString(node->doc, a->children, 1);
        bool hit = false;
        for (const char *const *m = marks; value && !hit && *m; m++)
            hit = strcasestr((const char *)value, *m) != NULL;
        xmlFree(value);
        if (hit)
            return true;
    }
    return false;
}

static const char *const related_marks[] = {"relat", "lien-quan", "lienquan", "lien_quan", "tin-khac", "tinkhac",
                                            "tin_khac", "cung-chuyen-muc", "read-more", "readmore", "more-news",
                                            "also", NULL};

/* The headings above lists of other articles, folded. */
static const char *const related_headings[] = {"tin liên quan", "tin bài liên quan", "bài liên quan", "liên quan",
                                               "tin cùng chuyên mục", "tin khác", "các tin khác", "đọc thêm",
                                               "xem thêm", "có thể bạn quan tâm", "related", "related news",
                                               "related articles", "read more", "more news", NULL};

static bool is_related_heading(xmlNode *node)
{
    if (!is_heading(node) && !(node->type == XML_ELEMENT_NODE && marked(node, (const char *const[]){"title", "heading", "head", NULL})))
        return false;
    char *text = node_text(node);
    char *folded = text && strlen(text) < 80 ? text_casefold(text) : NULL;
    bool hit = false;
    if (folded) {
        size_t len = strlen(folded);
        while (len && (folded[len - 1] == ':' || folded[len - 1] == ' '))
            folded[--len] = '\0';
        for (const char *const *h = related_headings; !hit && *h; h++)
            hit = !strcmp(folded, *h);
    }
    free(text);
    free(folded);
    return hit;
}

/* A related box: marked so, or a block whose own heading says so. */
static bool is_related_container(xmlNode *node)
{
    if (marked(node, related_marks))
        return true;
    for (xmlNode *child = node->children; child; child = child->next)
        if (child->type == XML_ELEMENT_NODE)
            return is_related_heading(child) && !is_named(node, "article") && !is_named(node, "main") &&
                   !is_named(node, "body");
    return false;
}

static char *absolute_link(struct html_page *page, const char *href)
{
    const char *base = page->url ? page->url : page->context->url;
    xmlChar *absolute = base ? xmlBuildURI((const xmlChar *)href, (const xmlChar *)base) : NULL;
    char *link = text_clean(absolute ? (const char *)absolute : href, strlen(absolute ? (const char *)absolute : href));
    xmlFree(absolute);
    return link;
}

/* An <a> as a headline into list, once per link and per title. */
static void add_headline(struct html_page *page, struct item_list *list, xmlNode *anchor, size_t min_words,
                         const char *summary)
{
    char *title = node_text(anchor);
    xmlChar *href = xmlGetProp(anchor, (const xmlChar *)"href");
    char *link = href && *href && strncasecmp((const char *)href, "javascript:", 11) && href[0] != '#'
                     ? absolute_link(page, (const char *)href)
                     : NULL;
    bool fresh = title && link && text_word_count(title) >= min_words && list->count < MAX_RELATED;
    for (size_t i = 0; fresh && i < list->count; i++)
        fresh = strcmp(list->items[i].link, link) && strcmp(list->items[i].title, title);
    if (fresh) {
        struct item item;
        item_init(&item);
        page->ok = page->ok && item_set(&item.title, title) && item_set(&item.link, link) &&
                   item_set(&item.summary, summary) && item_list_push(list, &item);
        item_clear(&item);
    }
    xmlFree(href);
    free(title);
    free(link);
}

static void walk_related(struct html_page *page, xmlNode *node)
{
    for (; node && page->ok; node = node->next) {
        if (is_named(node, "a"))
            add_headline(page, &page->related, node, RELATED_MIN_WORDS, "");
        else if (node->type == XML_ELEMENT_NODE)
            walk_related(page, node->children);
    }
}

/* A teaser of a listing page: a heading that links to an article. */
static void read_teaser(struct html_page *page, xmlNode *heading)
{
    xmlNode *anchor = heading->children;
    while (anchor && !is_named(anchor, "a"))
        anchor = anchor->next;
    if (!anchor)
        return;
    char *lead = NULL;
    for (xmlNode *sibling = heading->next; sibling && !lead; sibling = sibling->next)
        if (is_named(sibling, "p"))
            lead = node_text(sibling);
    add_headline(page, &page->teasers, anchor, TEASER_MIN_WORDS, lead ? lead : "");
    free(lead);
}

static void add_picture(struct html_page *page, const char *src, const char *caption, int width, int height)
{
    if (!src || !*src || !strncmp(src, "data:", 5) || page->article.picture_count >= 16)
        return;
    char *url = absolute_link(page, src);
    page->ok = page->ok && url && item_add_picture(&page->article, url, caption, width, height);
    free(url);
}

static bool on_image(void *context, const char *src, const char *caption, int width, int height)
{
    struct html_page *page = context;
    add_picture(page, src, caption, width, height);
    return page->ok;
}

static bool on_caption(void *context, const char *caption)
{
    struct html_page *page = context;
    for (size_t i = 0; i < page->article.caption_count; i++)
        if (!strcmp(page->article.captions[i], caption))
            return true;
    return page->article.caption_count >= 32 || item_add_caption(&page->article, caption);
}

/* A <figure> (or a caption block): its picture with its caption, and the caption. */
static void read_figure(struct html_page *page, xmlNode *node)
{
    xmlBuffer *buffer = xmlBufferCreate();
    if (!buffer) {
        page->ok = false;
        return;
    }
    htmlNodeDump(buffer, node->doc, node);
    const char *markup = (const char *)xmlBufferContent(buffer);
    struct text_html_sink sink = {on_caption, on_image, page, NULL};
    char *rest = markup ? text_from_html_sink(markup, strlen(markup), &sink) : NULL;
    if (!rest)
        page->ok = false;
    free(rest);
    xmlBufferFree(buffer);
}

static void read_jsonld(struct html_page *page, xmlNode *script)
{
    xmlChar *json = xmlNodeGetContent(script);
    if (json)
        jsonld_read((const char *)json, strlen((const char *)json), &page->jsonld);
    xmlFree(json);
}

static void read_breadcrumb(struct html_page *page, xmlNode *node)
{
    for (; node && page->ok; node = node->next) {
        if (is_named(node, "a")) {
            char *name = node_text(node);
            page->ok = name && (!*name || page->article.category_count >= 8 ||
                                item_add_category(&page->article, name));
            free(name);
        } else if (node->type == XML_ELEMENT_NODE)
            read_breadcrumb(page, node->children);
    }
}

static void read_meta(struct html_page *page, xmlNode *node)
{
    static const char *const keys[] = {"property", "name", "itemprop", "http-equiv", NULL};
    xmlChar *content = xmlGetProp(node, (const xmlChar *)"content");
    for (const char *const *attribute = keys; content && *attribute; attribute++) {
        xmlChar *key = xmlGetProp(node, (const xmlChar *)*attribute);
        if (!key)
            continue;
        const char *k = (const char *)key;
        char **field = !strcasecmp(k, "og:title")               ? &page->og_title
                       : !strcasecmp(k, "og:description")       ? &page->description
                       : !strcasecmp(k, "description")          ? &page->meta_description
                       : !strcasecmp(k, "og:url")               ? &page->url
                       : !strcasecmp(k, "og:site_name")         ? &page->site_name
                       : !strcasecmp(k, "og:type")              ? &page->og_type
                       : !strcasecmp(k, "og:image")             ? &page->og_image
                       : !strcasecmp(k, "article:section")      ? &page->section
                       : !strcasecmp(k, "article:published_time") || !strcasecmp(k, "og:published_time") ||
                               !strcasecmp(k, "datePublished") || !strcasecmp(k, "pubdate") ||
                               !strcasecmp(k, "publishdate") || !strcasecmp(k, "dc.date.issued") ||
                               !strcasecmp(k, "article.published") || !strcasecmp(k, "sailthru.date")
                           ? &page->published
                           : NULL;
        if (field)
            keep_first(page, field, text_clean((const char *)content, strlen((const char *)content)));
        xmlFree(key);
    }
    xmlFree(content);
}

static bool is_chrome(const xmlNode *node)
{
    return is_named(node, "nav") || is_named(node, "header") || is_named(node, "footer") || is_named(node, "aside") ||
           is_named(node, "figure") || is_named(node, "form");
}

static void walk(struct html_page *page, xmlNode *node, bool in_chrome);

static bool read_special(struct html_page *page, xmlNode *node, bool in_chrome)
{
    static const char *const error_marks[] = {"error", "not-found", "notfound", "404", NULL};
    static const char *const body_marks[] = {"article-body", "article__body", "articlebody", "detail-content",
                                             "content-detail", "fck_detail", "singular-content", NULL};
    if (is_named(node, "script")) {
        if (attribute_is(node, "type", "application/ld+json"))
            read_jsonld(page, node);
    } else if (is_named(node, "meta")) {
        read_meta(page, node);
    } else if (is_named(node, "title")) {
        keep_first(page, &page->title, node_text(node));
    } else if (is_named(node, "link") && attribute_is(node, "rel", "canonical")) {
        xmlChar *href = xmlGetProp(node, (const xmlChar *)"href");
        if (href)
            keep_first(page, &page->url, text_clean((const char *)href, strlen((const char *)href)));
        xmlFree(href);
    } else if (is_named(node, "figure")) {
        read_figure(page, node);
    } else if (marked(node, (const char *const[]){"caption", NULL}) && !in_chrome) {
        char *caption = node_text(node);
        page->ok = caption && (!*caption || on_caption(page, caption));
        free(caption);
    } else if (is_related_container(node)) {
        walk_related(page, node->children);
    } else if (marked(node, (const char *const[]){"breadcrumb", NULL})) {
        read_breadcrumb(page, node->children);
    } else if (is_heading(node) && !in_chrome) {
        read_teaser(page, node);
        return false; /* its text may still be the h1's neighbour; walk on */
    } else {
        if ((is_named(node, "main") || is_named(node, "section") || is_named(node, "div")) && marked(node, error_marks))
            page->error_block = true;
        if (marked(node, body_marks))
            page->has_body = true;
        if (is_named(node, "article"))
            page->article_elements++;
        return false;
    }
    return true;
}

static void walk(struct html_page *page, xmlNode *node, bool in_chrome)
{
    for (; node && page->ok; node = node->next) {
        if (node->type != XML_ELEMENT_NODE || is_named(node, "style") || is_named(node, "noscript"))
            continue;
        if (read_special(page, node, in_chrome))
            continue;
        if (is_named(node, "h1") && !in_chrome)
            keep_first(page, &page->h1, node_text(node));
        else if (is_heading(node) && !in_chrome && !page->heading)
            keep_first(page, &page->heading, node_text(node));
        else if (is_named(node, "time") && !page->published) {
            xmlChar *when = xmlGetProp(node, (const xmlChar *)"datetime");
            char *shown = when ? node_text(node) : NULL;
            char *machine = when ? text_clean((const char *)when, strlen((const char *)when)) : NULL;
            /* <time datetime="2026-03-07 08:07">07/03/2026 08:07 (GMT+7)</time>:
             * the attribute lost the zone the reader is shown; take the shown
             * date when it is the one that names its zone. */
            if (machine && shown && !date_has_zone(machine) && date_has_zone(shown)) {
                free(machine);
                machine = shown;
                shown = NULL;
            }
            if (machine)
                keep_first(page, &page->published, machine);
            free(shown);
            xmlFree(when);
        } else if (!page->published && attribute_is(node, "itemprop", "datePublished")) {
            xmlChar *when = xmlGetProp(node, (const xmlChar *)"datetime");
            if (!when)
                when = xmlGetProp(node, (const xmlChar *)"content");
            if (when)
                keep_first(page, &page->published, text_clean((const char *)when, strlen((const char *)when)));
            xmlFree(when);
        } else if (is_named(node, "p") && !in_chrome && !page->lead) {
            char *text = node_text(node);
            if (text && strlen(text) < LEAD_MIN_BYTES)
                text[0] = '\0';
            keep_first(page, &page->lead, text);
        }
        walk(page, node->children, in_chrome || is_chrome(node));
    }
}

void article_html_walk(struct html_page *page, xmlNode *root)
{
    walk(page, root, false);
}

bool article_parse_html(const char *name, const char *data, size_t size, struct item_list *out, char *err,
                        size_t err_size)
{
    struct ingest_context context = {.name = name};
    return article_parse_html_in(&context, data, size, out, err, err_size);
}

bool article_parse_html_in(const struct ingest_context *context, const char *data, size_t size,
                           struct item_list *out, char *err, size_t err_size)
{
    struct charset_text text;
    if (!charset_decode(data, size, context->charset, &text)) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    /* Forced UTF-8 (decoded above): without it libxml2 would read the page as Latin-1. */
    char *repaired = text_repair_utf8(text.data, text.size);
    charset_text_free(&text);
    if (repaired)
        repaired = text_html_references(repaired);
    size_t len = repaired ? strlen(repaired) : 0;
    if (!repaired || len > INT_MAX) {
        free(repaired);
        snprintf(err, err_size, repaired ? "page too large for the HTML parser" : "out of memory");
        return false;
    }
    htmlDocPtr doc = htmlReadMemory(repaired, (int)len, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                        HTML_PARSE_COMPACT);
    free(repaired);
    struct html_page page = {.context = context, .ok = true};
    item_init(&page.article);
    if (doc)
        article_html_walk(&page, xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    bool ok = page.ok ? article_page_emit(&page, out, err, err_size) : false;
    if (!page.ok)
        snprintf(err, err_size, "out of memory");
    article_page_free(&page);
    return ok;
}
