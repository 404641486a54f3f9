/* article_teaser: teasers and box headings of a page. See article_teaser.h. */
#define _GNU_SOURCE /* strcasestr */
#include "ingest/article_teaser.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/uri.h>

#include "ingest/html_node.h"
#include "ingest/text.h"

enum {
    LINK_TEASER_MIN_WORDS = 4, /* "Trang chủ", "Thời sự", "Sau ›" are menus, not headlines */
    HEADLINE_MAX_BYTES = 320,
    BLOCK_MAX_LEVELS = 4,
    LABEL_MAX_BYTES = 80,
    SUMMARY_MIN_WORDS = 5, /* a teaser's summary is a sentence, not its date or byline */
    SHORT_SUMMARY_MIN_WORDS = 2,
};

/* What a box's heading says, case-folded: the box's name, never a story. */
static const char *const box_labels[] = {
    "tin liên quan", "tin bài liên quan", "bài liên quan", "liên quan", "tin cùng chuyên mục", "cùng chuyên mục",
    "tin khác", "các tin khác", "tin bài khác", "các tin bài khác", "đọc thêm", "xem thêm", "xem tiếp", "xem tất cả",
    "có thể bạn quan tâm", "bạn có thể quan tâm", "đọc nhiều", "đọc nhiều nhất", "xem nhiều", "xem nhiều nhất",
    "tin đọc nhiều", "tin xem nhiều", "tin mới", "tin mới nhất", "mới nhất", "tin nổi bật", "nổi bật", "tiêu điểm",
    "tin tiêu điểm", "tin nóng", "tin ảnh", "multimedia", "related", "related news", "related articles",
    "read more", "more news", "see more", "most read", "latest news", "most popular", NULL};

/* Headings of boxes whose links are topics, tags or keywords. */
static const char *const topic_labels[] = {"chủ đề", "chủ đề nóng", "chủ đề liên quan", "chủ đề khác", "từ khóa",
                                           "từ khoá", "tags", "tag", "topics", "sự kiện", "dòng sự kiện",
                                           "keywords", NULL};

static const char *const topic_marks[] = {"tags", "tag-", "-tag", "_tag", "tag_", "topic", "chu-de", "chude",
                                          "chu_de", "keyword", "tu-khoa", "tukhoa", NULL};

/* text folded, without the marks around a label ("Xem thêm »", "» Tin khác:"). */
static char *folded_label(const char *text)
{
    if (strlen(text) > LABEL_MAX_BYTES)
        return NULL;
    char *folded = text_casefold(text);
    if (!folded)
        return NULL;
    static const char *const marks[] = {":", "»", "›", ">", "…", "...", "+", "-", NULL};
    for (bool cut = true; cut;) {
        cut = false;
        size_t len = strlen(folded);
        while (len && folded[len - 1] == ' ')
            folded[--len] = '\0';
        for (const char *const *m = marks; *m; m++) {
            size_t n = strlen(*m);
            if (len >= n && !strcmp(folded + len - n, *m)) {
                folded[len - n] = '\0';
                cut = true;
            } else if (!strncmp(folded, *m, n)) {
                memmove(folded, folded + n, len - n + 1);
                cut = true;
            }
            len = strlen(folded);
        }
        size_t lead = strspn(folded, " ");
        memmove(folded, folded + lead, strlen(folded + lead) + 1);
    }
    return folded;
}

static bool is_one_of(const char *text, const char *const *labels, bool or_prefix)
{
    char *folded = folded_label(text);
    bool hit = false;
    for (const char *const *l = labels; folded && !hit && *l; l++) {
        size_t n = strlen(*l);
        hit = !strcmp(folded, *l) || (or_prefix && !strncmp(folded, *l, n) && folded[n] == ':');
    }
    free(folded);
    return hit;
}

bool teaser_is_box_label(const char *text)
{
    return is_one_of(text, box_labels, false) || is_one_of(text, topic_labels, false);
}

bool teaser_is_topic_box(xmlNode *node)
{
    if (node->type != XML_ELEMENT_NODE || html_is_named(node, "body") || html_is_named(node, "main") ||
        html_is_named(node, "article"))
        return false;
    if (html_marked(node, topic_marks))
        return true;
    for (xmlNode *child = node->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE)
            continue;
        if (!html_is_heading(child) && !html_marked(child, (const char *const[]){"title", "heading", NULL}))
            return false;
        char *text = html_node_text(child);
        bool topic = text && is_one_of(text, topic_labels, true); /* "Chủ đề: Biển đảo" */
        free(text);
        return topic;
    }
    return false;
}

/* A link to what may be an article: not the site's root or a section
 * ("/van-hoa/"), a tag, topic or author page, or another scheme. */
static bool links_an_article(const char *href)
{
    static const char *const not_articles[] = {"/tag/", "/tags/", "/chu-de/", "/topic/", "/topics/", "/tu-khoa/",
                                               "/tac-gia/", "/author/", "/su-kien/", NULL};
    if (!*href || href[0] == '#' || !strncasecmp(href, "javascript:", 11) || !strncasecmp(href, "mailto:", 7) ||
        !strncasecmp(href, "tel:", 4))
        return false;
    xmlURI *uri = xmlParseURI(href);
    const char *path = uri && uri->path ? uri->path : "";
    size_t len = strlen(path);
    bool article = len > 1 && path[len - 1] != '/' && (!uri->scheme || !strncasecmp(uri->scheme, "http", 4));
    for (const char *const *n = not_articles; article && *n; n++)
        article = !strcasestr(path, *n);
    xmlFreeURI(uri);
    return article;
}

bool teaser_is_headline_link(xmlNode *anchor, const char *text)
{
    size_t len = strlen(text);
    if (text_word_count(text) < LINK_TEASER_MIN_WORDS || len > HEADLINE_MAX_BYTES || teaser_is_box_label(text))
        return false;
    if (text[len - 1] == '.' && !(len >= 3 && !strcmp(text + len - 3, "..."))) /* a sentence: a lead */
        return false;
    xmlChar *href = xmlGetProp(anchor, (const xmlChar *)"href");
    bool article = href && links_an_article((const char *)href);
    xmlFree(href);
    return article;
}

/* The link without its scheme and host: "/a.html" and
 * "https://site/a.html" are one link, which a picture and its heading
 * often write each its way. */
static const char *link_path(const char *href)
{
    const char *p = href;
    if (!strncasecmp(p, "https:", 6))
        p += 6;
    else if (!strncasecmp(p, "http:", 5))
        p += 5;
    if (p[0] == '/' && p[1] == '/')
        p += 2 + strcspn(p + 2, "/?#");
    return p;
}

static bool same_link(const xmlChar *a, const xmlChar *b)
{
    return xmlStrEqual(a, b) || !strcmp(link_path((const char *)a), link_path((const char *)b));
}

/* Whether every <a href> under node goes to href. */
static bool links_only_to(xmlNode *node, const xmlChar *href)
{
    for (xmlNode *child = node->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE)
            continue;
        if (html_is_named(child, "h1"))
            return false; /* the page's own headline is no teaser's */
        if (html_is_named(child, "a")) {
            xmlChar *other = xmlGetProp(child, (const xmlChar *)"href");
            bool same = !other || same_link(other, href);
            xmlFree(other);
            if (!same)
                return false;
        }
        if (!links_only_to(child, href))
            return false;
    }
    return true;
}

xmlNode *teaser_block(xmlNode *anchor)
{
    xmlChar *href = xmlGetProp(anchor, (const xmlChar *)"href");
    xmlNode *block = anchor;
    for (int level = 0; href && level < BLOCK_MAX_LEVELS; level++) {
        xmlNode *parent = block->parent;
        if (!parent || parent->type != XML_ELEMENT_NODE || html_is_named(parent, "body") ||
            html_is_named(parent, "main") || html_is_named(parent, "html") || !links_only_to(parent, href))
            break;
        block = parent;
    }
    xmlFree(href);
    return block;
}

/* libxml2 leaves a node's _private to the application: a teaser's block
 * is marked with the address of this. */
static char teaser_mark_tag;

void teaser_mark(xmlNode *block)
{
    block->_private = &teaser_mark_tag;
}

bool teaser_marked(const xmlNode *node)
{
    for (; node; node = node->parent)
        if (node->_private == &teaser_mark_tag)
            return true;
    return false;
}

/* The first h1 to h5 under node (preorder, a few levels down), or NULL;
 * *h1 says whether an h1 is there too. */
static xmlNode *first_heading(xmlNode *node, int depth, bool *h1)
{
    xmlNode *first = NULL;
    for (xmlNode *child = node->children; child && depth > 0; child = child->next) {
        if (child->type != XML_ELEMENT_NODE)
            continue;
        *h1 |= html_is_named(child, "h1");
        xmlNode *found = html_is_heading(child) || html_is_named(child, "h1") ? child
                                                                                : first_heading(child, depth - 1, h1);
        if (!first)
            first = found;
    }
    return first;
}

/* The first <a href> under node, or NULL. */
static xmlNode *link_in(xmlNode *node)
{
    for (xmlNode *child = node->children; child; child = child->next) {
        if (html_is_named(child, "a") && xmlHasProp(child, (const xmlChar *)"href"))
            return child;
        xmlNode *a = child->type == XML_ELEMENT_NODE ? link_in(child) : NULL;
        if (a)
            return a;
    }
    return NULL;
}

bool teaser_is_teaser_article(xmlNode *article)
{
    /* a lead story's heading may sit in its <header> or a wrapper
     * ("story__body"); an h1 anywhere makes it the page's story */
    bool h1 = false;
    xmlNode *heading = first_heading(article, BLOCK_MAX_LEVELS, &h1);
    return heading && !h1 && !html_is_named(heading, "h1") && link_in(heading);
}

bool teaser_is_teaser_figure(xmlNode *figure)
{
    /* an infographic's own heading links nowhere */
    bool h1 = false;
    xmlNode *heading = first_heading(figure, BLOCK_MAX_LEVELS, &h1);
    return heading && !h1 && !html_is_named(heading, "h1") && link_in(heading);
}

bool teaser_holds_heading(xmlNode *anchor)
{
    bool h1 = false;
    return first_heading(anchor, BLOCK_MAX_LEVELS, &h1) || h1;
}

/* Whether node holds an <img> (a picture link: no text of its own). */
static bool holds_picture(xmlNode *node)
{
    for (xmlNode *child = node->children; child; child = child->next)
        if (html_is_named(child, "img") || (child->type == XML_ELEMENT_NODE && holds_picture(child)))
            return true;
    return false;
}

xmlNode *teaser_heading_link(xmlNode *heading, bool *own)
{
    *own = true;
    xmlNode *anchor = link_in(heading);
    if (anchor)
        return anchor;
    *own = false;
    /* <a href><img><h3>Tiêu đề</h3><p>Tóm tắt</p></a>: the card is the link */
    xmlNode *up = heading->parent;
    for (int level = 0; up && level < BLOCK_MAX_LEVELS && up->type == XML_ELEMENT_NODE; level++, up = up->parent)
        if (html_is_named(up, "a"))
            return xmlHasProp(up, (const xmlChar *)"href") ? up : NULL;
    /* <div><a href><img></a><h2>Tiêu đề</h2><p>Tóm tắt</p></div>: a lead
     * story whose heading is not linked, only its picture */
    xmlNode *block = heading->parent;
    for (int level = 0; block && level < 2 && block->type == XML_ELEMENT_NODE; level++, block = block->parent) {
        if (html_is_named(block, "body") || html_is_named(block, "main") || html_is_named(block, "html") ||
            html_is_named(block, "article") || html_is_named(block, "header"))
            break;
        xmlNode *picture = link_in(block);
        if (!picture)
            continue;
        xmlChar *href = xmlGetProp(picture, (const xmlChar *)"href");
        bool fits = href && links_an_article((const char *)href) && links_only_to(block, href) &&
                    holds_picture(picture);
        xmlFree(href);
        return fits ? picture : NULL;
    }
    return NULL;
}

static bool holds(const xmlNode *node, const xmlNode *inner)
{
    for (; inner; inner = inner->parent)
        if (inner == node)
            return true;
    return false;
}

xmlNode *teaser_time(xmlNode *block)
{
    for (xmlNode *child = block->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *itemprop = xmlGetProp(child, (const xmlChar *)"itemprop");
        bool dated = html_is_named(child, "time") || (itemprop && !strcasecmp((const char *)itemprop, "datePublished"));
        xmlFree(itemprop);
        xmlNode *found = dated ? child : teaser_time(child);
        if (found)
            return found;
    }
    return NULL;
}

/* What a teaser's summary is called, in the languages of the sites read:
 * "sapo" and "tóm tắt", G1's "resumo", "resumen", France's "chapô". */
static const char *const summary_marks[] = {"sapo", "summary", "description", "desc", "lead", "excerpt", "intro",
                                            "tom-tat", "resumo", "resumen", "riassunto", "chapo", "chapeau",
                                            "standfirst", "abstract", NULL};

/* Whether a summary candidate reads as one: a sentence of a few words; a
 * short one ("Moeda americana recua.") only when its block is named a
 * summary and it ends as a sentence does, never a date or a byline. */
static bool reads_as_summary(xmlNode *node, const char *text)
{
    size_t words = text_word_count(text);
    if (words >= SUMMARY_MIN_WORDS)
        return true;
    size_t len = strlen(text);
    bool ends = len && strchr(".!?", text[len - 1]) && !(len >= 3 && !strcmp(text + len - 3, "..."));
    return words >= SHORT_SUMMARY_MIN_WORDS && ends && html_marked(node, summary_marks);
}

xmlNode *teaser_summary_after(xmlNode *heading, xmlNode *anchor)
{
    xmlChar *href = xmlGetProp(anchor, (const xmlChar *)"href");
    xmlNode *found = NULL;
    xmlNode *up = heading;
    for (int level = 0; href && !found && level < 3 && up && up->type == XML_ELEMENT_NODE; level++, up = up->parent) {
        if (html_is_named(up, "body") || html_is_named(up, "main") || html_is_named(up, "article") ||
            html_is_named(up, "html"))
            break;
        /* the first sibling with text, past pictures: <h1><a/></h1><a><img></a><p>…</p>;
         * a lead story's, with its picture (a heading's box and the
         * paragraph after it are no story) */
        bool pictured = holds_picture(up);
        for (xmlNode *next = up->next; next && !found; next = next->next) {
            if (next->type != XML_ELEMENT_NODE)
                continue;
            char *text = html_node_text(next);
            bool empty = text && !*text;
            pictured |= empty && (html_is_named(next, "img") || holds_picture(next));
            bool summary = pictured && text && reads_as_summary(next, text) &&
                           (html_is_named(next, "p") || html_marked(next, summary_marks)) && links_only_to(next, href);
            free(text);
            if (summary)
                found = next;
            if (!empty)
                break;
        }
    }
    xmlFree(href);
    return found;
}

xmlNode *teaser_summary(xmlNode *block, const xmlNode *heading)
{
    for (xmlNode *child = block->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE || child == heading || html_is_heading(child))
            continue;
        if ((html_is_named(child, "p") || html_marked(child, summary_marks)) && !holds(child, heading)) {
            char *text = html_node_text(child);
            bool sentence = text && reads_as_summary(child, text);
            free(text);
            if (sentence)
                return child;
        }
        xmlNode *inner = teaser_summary(child, heading);
        if (inner)
            return inner;
    }
    return NULL;
}

static xmlChar *picture_of(xmlNode *img)
{
    /* a srcset's largest first, as in a story's text (text_html); then
     * lazy loaders keep the picture in data-src and a placeholder in src */
    xmlChar *set = text_html_srcset(img);
    if (set)
        return set;
    static const char *const attributes[] = {"data-src", "data-original", "data-lazy-src", "src", NULL};
    for (const char *const *a = attributes; *a; a++) {
        xmlChar *src = xmlGetProp(img, (const xmlChar *)*a);
        if (src && *src && strncmp((const char *)src, "data:", 5))
            return src;
        xmlFree(src);
    }
    return NULL;
}

xmlChar *teaser_picture(xmlNode *block)
{
    if (html_is_named(block, "img"))
        return picture_of(block);
    for (xmlNode *child = block->children; child; child = child->next) {
        xmlChar *src = child->type == XML_ELEMENT_NODE ? teaser_picture(child) : NULL;
        if (src)
            return src;
    }
    return NULL;
}
