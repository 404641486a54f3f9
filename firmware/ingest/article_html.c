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
#include "base/log.h"
#include "ingest/article_date.h"
#include "ingest/article_page.h"
#include "ingest/article_teaser.h"
#include "ingest/charset.h"
#include "ingest/date.h"
#include "ingest/html_node.h"
#include "ingest/jsonld.h"
#include "ingest/picture_ref.h"
#include "ingest/text.h"

enum {
    LEAD_MIN_BYTES = 60,       /* an HTML <p> shorter than this is a byline or a label */
    RELATED_MIN_WORDS = 2,     /* a link in a related box is a headline, however short */
    TEASER_MIN_WORDS = 2,
    LINK_TEASER_MIN_WORDS = 4, /* a link outside a heading: menus ("Trang chủ", "Thời sự") are shorter */
    MAX_RELATED = 50,
};

static bool attribute_is(xmlNode *node, const char *attribute, const char *value)
{
    xmlChar *actual = xmlGetProp(node, (const xmlChar *)attribute);
    bool same = actual && !strcasecmp((const char *)actual, value);
    xmlFree(actual);
    return same;
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
    if (!html_is_heading(node) &&
        !(node->type == XML_ELEMENT_NODE && html_marked(node, (const char *const[]){"title", "heading", "head", NULL})))
        return false;
    char *text = html_node_text(node);
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
    if (html_marked(node, related_marks))
        return true;
    for (xmlNode *child = node->children; child; child = child->next)
        if (child->type == XML_ELEMENT_NODE)
            return is_related_heading(child) && !html_is_named(node, "article") && !html_is_named(node, "main") &&
                   !html_is_named(node, "body");
    return false;
}

static char *absolute_link(const struct html_page *page, const char *href)
{
    const char *base = page->url ? page->url : page->context->url;
    xmlChar *absolute = base ? xmlBuildURI((const xmlChar *)href, (const xmlChar *)base) : NULL;
    char *link = text_clean(absolute ? (const char *)absolute : href, strlen(absolute ? (const char *)absolute : href));
    xmlFree(absolute);
    return link;
}

char *article_picture_link(const struct html_page *page, const char *src)
{
    const char *path = page->context->path;
    if (!path || path[0] != '/' || picture_ref_is_absolute(src) || (src[0] == '/' && src[1] == '/'))
        return absolute_link(page, src);
    if (picture_ref_is_site_relative(path, src)) {
        /* "/anh/og.jpg" outside the stick's folder is the page's web site's
         * (og:url, canonical); with no site named it is no picture at all:
         * never a path from the kiosk's disk root */
        char *web = absolute_link(page, src);
        if (!web || picture_ref_is_web(web))
            return web;
        free(web);
        return strdup("");
    }
    /* a page on a stick: a relative picture is the file beside it, as a
     * feed's is (ingest/feed_links), not a page on its web site */
    xmlChar *resolved = xmlBuildURI((const xmlChar *)src, (const xmlChar *)path);
    char *link = resolved ? text_clean((const char *)resolved, strlen((const char *)resolved)) : NULL;
    xmlFree(resolved);
    return link;
}

/* An <a> as a headline into list, once per link and per title; a box's
 * own heading ("Xem thêm", "Chủ đề") is none. picture (as written, or
 * NULL) is the teaser's. */
static void add_headline(struct html_page *page, struct item_list *list, xmlNode *anchor, xmlNode *title_node,
                         size_t min_words, const char *summary, const xmlChar *picture)
{
    char *title = html_node_text(title_node);
    xmlChar *href = xmlGetProp(anchor, (const xmlChar *)"href");
    char *link = href && *href && strncasecmp((const char *)href, "javascript:", 11) && href[0] != '#'
                     ? absolute_link(page, (const char *)href)
                     : NULL;
    bool fresh = title && link && text_word_count(title) >= min_words && list->count < MAX_RELATED &&
                 !teaser_is_box_label(title);
    for (size_t i = 0; fresh && i < list->count; i++)
        fresh = strcmp(list->items[i].link, link) && strcmp(list->items[i].title, title);
    if (fresh) {
        struct item item;
        item_init(&item);
        char *picture_url = picture ? absolute_link(page, (const char *)picture) : NULL;
        page->ok = page->ok && item_set(&item.title, title) && item_set(&item.link, link) &&
                   item_set(&item.summary, summary) &&
                   (!picture || (picture_url && item_add_picture(&item, picture_url, "", 0, 0))) &&
                   item_list_push(list, &item);
        free(picture_url);
        item_clear(&item);
    }
    xmlFree(href);
    free(title);
    free(link);
}

static void walk_related(struct html_page *page, xmlNode *node)
{
    for (; node && page->ok; node = node->next) {
        if (html_is_named(node, "a"))
            add_headline(page, &page->related, node, node, RELATED_MIN_WORDS, "", NULL);
        else if (node->type == XML_ELEMENT_NODE)
            walk_related(page, node->children);
    }
}

/* A teaser's own date: the first <time datetime> (or its text) or
 * itemprop=datePublished in its block, ahead of the fetch clamped to it. */
static void date_teaser(struct html_page *page, xmlNode *block, struct item *teaser)
{
    xmlNode *node = teaser_time(block);
    xmlChar *when = node ? xmlGetProp(node, (const xmlChar *)"datetime") : NULL;
    if (node && !when)
        when = xmlGetProp(node, (const xmlChar *)"content");
    char *shown = node && !when ? html_node_text(node) : NULL;
    const char *text = when ? (const char *)when : shown;
    int64_t at;
    if (text && date_parse_in_zone(text, page->context->zone, &at)) {
        teaser->published = date_clamp_future(at, page->context->now ? page->context->now : (int64_t)time(NULL));
        teaser->has_published = true;
    }
    xmlFree(when);
    free(shown);
}

/* A teaser of a listing page: anchor (in a heading, or a headline link
 * in a <div> block), its title (the anchor's text, or the heading's when
 * the link is a card's or a picture's), the lead after it or in its block,
 * the picture of its block. Its block and lead are marked: their text is
 * the teaser's, not the page's. */
static void add_teaser(struct html_page *page, xmlNode *anchor, xmlNode *title, xmlNode *lead_after,
                       size_t min_words, bool in_story)
{
    xmlNode *block = teaser_block(anchor);
    teaser_mark(block);
    xmlNode *summary = NULL;
    for (xmlNode *sibling = lead_after->next; sibling && !summary; sibling = sibling->next)
        if (html_is_named(sibling, "p"))
            summary = sibling;
    if (!summary) /* <div class="story__summary"> in its block */
        summary = teaser_summary(block, lead_after);
    /* a <p> beside the heading's wrapper, outside the block; never in a
     * story, whose next paragraph is its own text */
    if (!summary && !in_story)
        summary = teaser_summary_after(lead_after, anchor);
    char *lead = NULL;
    if (summary) {
        teaser_mark(summary);
        lead = html_node_text(summary);
    }
    xmlChar *picture = teaser_picture(block);
    size_t before = page->teasers.count;
    add_headline(page, &page->teasers, anchor, title, min_words, lead ? lead : "", picture);
    if (page->teasers.count > before)
        date_teaser(page, block, &page->teasers.items[before]);
    xmlFree(picture);
    free(lead);
}

static void read_teaser(struct html_page *page, xmlNode *heading, bool in_story)
{
    bool own;
    xmlNode *anchor = teaser_heading_link(heading, &own);
    if (anchor)
        add_teaser(page, anchor, own ? anchor : heading, heading, TEASER_MIN_WORDS, in_story);
}

static void add_picture(struct html_page *page, const char *src, const char *caption, int width, int height)
{
    if (!src || !*src || !strncmp(src, "data:", 5) || page->article.picture_count >= 16)
        return;
    char *url = article_picture_link(page, src);
    page->ok = page->ok && url && (!*url || item_add_picture(&page->article, url, caption, width, height));
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
        if (html_is_named(node, "a")) {
            char *name = html_node_text(node);
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

/* The element of a story's text, as sites mark it. */
static const char *const article_body_marks[] = {"article-body", "article__body", "articlebody", "detail-content",
                                                 "content-detail", "fck_detail", "singular-content", NULL};

/* Where the walk is: bits of the ancestors that change what a node means. */
enum {
    IN_CHROME = 1,    /* nav, header, footer, aside, figure, form: no headline, lead or teaser of the page */
    IN_OUTSIDE = 2,   /* nav, footer (also marked so), aside, form: not even the byline's date */
    IN_TEXT = 4,      /* a paragraph: its links are words of the text, not teasers */
    IN_TOPICS = 8,    /* a box of topics or tags: its links name no article */
    IN_STORY = 16,    /* the story's own element (<article>, the marked body): its byline is near */
    IN_TEASER = 32,   /* a teaser's <article> or <figure>: its header is its own, its date its own */
};

/* <p class="title"><a>…</a></p>: a headline written as a paragraph. */
static bool is_title_paragraph(xmlNode *node)
{
    return html_is_named(node, "p") && html_marked(node, (const char *const[]){"title", "headline", "heading", NULL});
}

static unsigned where_below(const xmlNode *node, unsigned where)
{
    static const char *const outside[] = {"nav", "footer", "aside", "form", NULL};
    static const char *const text[] = {"p", "blockquote", "figcaption", "dd", NULL};
    /* a footer written as <div class="footer">, its copyright line no lead */
    static const char *const outside_marks[] = {"footer", "copyright", NULL};
    for (const char *const *n = outside; *n; n++)
        if (html_is_named(node, *n))
            where |= IN_CHROME | IN_OUTSIDE;
    if (node->type == XML_ELEMENT_NODE && !html_is_named(node, "body") && !html_is_named(node, "html") &&
        !html_is_named(node, "main") && !html_is_named(node, "article") && html_marked((xmlNode *)node, outside_marks))
        where |= IN_CHROME | IN_OUTSIDE;
    bool teaser_figure = html_is_named(node, "figure") && teaser_is_teaser_figure((xmlNode *)node);
    if ((html_is_named(node, "header") && !(where & IN_TEASER)) || (html_is_named(node, "figure") && !teaser_figure))
        where |= IN_CHROME;
    for (const char *const *n = text; *n; n++)
        if (html_is_named(node, *n) && !is_title_paragraph((xmlNode *)node))
            where |= IN_TEXT;
    bool teaser_article = html_is_named(node, "article") && teaser_is_teaser_article((xmlNode *)node);
    if ((html_is_named(node, "article") && !teaser_article) || html_marked((xmlNode *)node, article_body_marks))
        where |= IN_STORY;
    if (teaser_article || teaser_figure)
        where |= IN_TEASER;
    return where;
}

static void walk(struct html_page *page, xmlNode *node, unsigned where);

static bool read_special(struct html_page *page, xmlNode *node, bool in_chrome, bool in_story)
{
    static const char *const error_marks[] = {"error", "not-found", "notfound", "404", NULL};
    if (html_is_named(node, "script")) {
        if (attribute_is(node, "type", "application/ld+json"))
            read_jsonld(page, node);
    } else if (html_is_named(node, "meta")) {
        read_meta(page, node);
    } else if (html_is_named(node, "title")) {
        keep_first(page, &page->title, html_node_text(node));
    } else if (html_is_named(node, "link") && attribute_is(node, "rel", "canonical")) {
        xmlChar *href = xmlGetProp(node, (const xmlChar *)"href");
        if (href)
            keep_first(page, &page->url, text_clean((const char *)href, strlen((const char *)href)));
        xmlFree(href);
    } else if (html_is_named(node, "figure") && !teaser_is_teaser_figure(node)) {
        read_figure(page, node);
    } else if (html_marked(node, (const char *const[]){"caption", NULL}) && !in_chrome) {
        char *caption = html_node_text(node);
        page->ok = caption && (!*caption || on_caption(page, caption));
        free(caption);
    } else if (teaser_is_topic_box(node)) {
        /* "Chủ đề", "Từ khóa": topics, neither related headlines nor teasers */
    } else if (is_related_container(node)) {
        walk_related(page, node->children);
    } else if (html_marked(node, (const char *const[]){"breadcrumb", NULL})) {
        read_breadcrumb(page, node->children);
    } else if (html_is_heading(node) && !in_chrome) {
        read_teaser(page, node, in_story);
        return false; /* its text may still be the h1's neighbour; walk on */
    } else {
        if ((html_is_named(node, "main") || html_is_named(node, "section") || html_is_named(node, "div")) &&
            html_marked(node, error_marks))
            page->error_block = true;
        if (html_marked(node, article_body_marks))
            page->has_body = true;
        if (html_is_named(node, "article") && !teaser_is_teaser_article(node))
            page->article_elements++;
        return false;
    }
    return true;
}

/* <time datetime>, or an element with itemprop=datePublished: the page's
 * date as machines read it. */
static void read_machine_date(struct html_page *page, xmlNode *node, bool teasers)
{
    if (teasers || page->published)
        return;
    if (html_is_named(node, "time")) {
        xmlChar *when = xmlGetProp(node, (const xmlChar *)"datetime");
        char *shown = when ? html_node_text(node) : NULL;
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
    } else if (attribute_is(node, "itemprop", "datePublished")) {
        xmlChar *when = xmlGetProp(node, (const xmlChar *)"datetime");
        if (!when)
            when = xmlGetProp(node, (const xmlChar *)"content");
        if (when)
            keep_first(page, &page->published, text_clean((const char *)when, strlen((const char *)when)));
        xmlFree(when);
    }
    if (page->published)
        page->published_node = node; /* the walk's end asks whether it was a teaser's after all */
}

/* A link in a <div> block, not a heading's: a teaser when its text reads
 * as a headline (article_teaser.c). */
static void read_link_teaser(struct html_page *page, xmlNode *anchor, unsigned where)
{
    if (where & (IN_CHROME | IN_TEXT | IN_TOPICS))
        return;
    char *text = html_node_text(anchor);
    page->ok = page->ok && text;
    /* a card link holding a heading: the heading is its headline (read_teaser) */
    if (text && teaser_is_headline_link(anchor, text) && !teaser_holds_heading(anchor))
        add_teaser(page, anchor, anchor, anchor, LINK_TEASER_MIN_WORDS, where & IN_STORY);
    free(text);
}

static void walk(struct html_page *page, xmlNode *node, unsigned where)
{
    bool in_chrome = where & IN_CHROME;
    for (; node && page->ok; node = node->next) {
        if (node->type != XML_ELEMENT_NODE || html_is_named(node, "style") || html_is_named(node, "noscript"))
            continue;
        if (read_special(page, node, in_chrome, where & IN_STORY))
            continue;
        unsigned below = where_below(node, where);
        /* a <footer> or <nav> is outside itself: its own text is no byline */
        struct shown_where here = {++page->elements, below & IN_OUTSIDE, in_chrome, where & IN_STORY};
        page->dates.titles[0] = page->og_title; /* read in <head>, before the body's headings */
        page->dates.titles[1] = page->title;
        page->ok = page->ok && shown_dates_see(&page->dates, node, &here);
        if (html_is_named(node, "h1") && !in_chrome)
            keep_first(page, &page->h1, html_node_text(node));
        else if (html_is_heading(node) && !in_chrome && !page->heading)
            keep_first(page, &page->heading, html_node_text(node));
        else if (!page->published && (html_is_named(node, "time") || attribute_is(node, "itemprop", "datePublished")))
            /* a teaser's <time> dates the teaser, not the page */
            read_machine_date(page, node, (where & IN_TEASER) || teaser_marked(node));
        else if (html_is_named(node, "p") && !in_chrome && !page->lead && !teaser_marked(node) &&
                 !is_title_paragraph(node)) {
            char *text = html_node_text(node);
            if (text && (strlen(text) < LEAD_MIN_BYTES || shown_is_byline(node, text, page->context->zone)))
                text[0] = '\0';
            keep_first(page, &page->lead, text);
        } else if (html_is_named(node, "a"))
            read_link_teaser(page, node, where);
        walk(page, node->children, below);
    }
}

void article_html_walk(struct html_page *page, xmlNode *root)
{
    page->dates.zone = page->context->zone;
    walk(page, root, 0);
    /* a <time> met before its teaser's link, in the teaser's block */
    if (page->published_node && teaser_marked(page->published_node) && page->published) {
        free(page->published);
        page->published = NULL;
    }
    const char *shown = shown_dates_pick(&page->dates);
    if (shown && page->ok && !(page->shown_date = strdup(shown)))
        page->ok = false;
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
        log_oom_reason(err, err_size, NULL);
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
        snprintf(err, err_size, repaired ? "page too large for the HTML parser" : LOG_OOM);
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
        log_oom_reason(err, err_size, NULL);
    article_page_free(&page);
    return ok;
}
