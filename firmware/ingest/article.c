#define _GNU_SOURCE /* strcasestr */
#include "ingest/article.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "ingest/date.h"
#include "ingest/text.h"

/* Headings news sites put above their lists of other articles. Compared
 * case-folded; a short line with no sentence punctuation is a heading too,
 * so a site's own section names need not be listed. */
static const char *const known_headings[] = {
    "tin bài liên quan", "tin liên quan", "bài liên quan", "tin cùng chuyên mục", "các tin bài khác", "các tin khác",
    "tin khác", "tin bài khác", "đọc nhiều", "đọc nhiều nhất", "xem nhiều", "xem nhiều nhất", "tin mới",
    "tin mới nhất", "tin nổi bật", "tin đọc nhiều", "có thể bạn quan tâm", "bạn có thể quan tâm", "multimedia",
    "related", "related news", "related articles", "most read", "more news", "latest news", NULL};

enum {
    HEADING_MAX_WORDS = 4,   /* "Tin bài liên quan", "Bờ cõi biển đảo" */
    HEADLINE_MIN_WORDS = 5,  /* shorter lines after a heading are headings or labels */
    HEADLINE_MAX_BYTES = 320, /* longer is a paragraph */
    MENU_MIN_PHRASES = 3,
    MENU_PHRASE_MAX_WORDS = 5,
    LEAD_MIN_BYTES = 60,     /* an HTML <p> shorter than this is a byline or a label */
};

/* --- classifying lines of the text layout ------------------------------------------ */

enum line_kind { LINE_TEXT, LINE_IMAGE, LINE_CAPTION };

struct line {
    char *text; /* clean, NFC; for a caption row, the caption without its pipes */
    enum line_kind kind;
};

static bool starts_with_bracket_label(const char *text)
{
    const char *close = text[0] == '[' ? strchr(text, ']') : NULL;
    return close && close - text > 1 && close - text < 32;
}

static bool has_sentence_punctuation(const char *text)
{
    return strpbrk(text, ".,:;!?\"()") || strstr(text, "\xE2\x80\x9C") /* “ */ || strstr(text, "\xE2\x80\xA6") /* … */;
}

static bool is_known_heading(const char *text)
{
    char *folded = text_casefold(text);
    if (!folded)
        return false;
    size_t len = strlen(folded);
    if (len && folded[len - 1] == ':')
        folded[len - 1] = '\0';
    bool known = false;
    for (const char *const *h = known_headings; !known && *h; h++)
        known = !strcmp(folded, *h);
    free(folded);
    return known;
}

/* A section heading: known, or a short label with no sentence in it. */
static bool is_heading(const char *text)
{
    if (is_known_heading(text))
        return true;
    return !starts_with_bracket_label(text) && text_word_count(text) <= HEADING_MAX_WORDS &&
           !has_sentence_punctuation(text);
}

static bool word_is_capitalised(const char *word)
{
    utf8proc_int32_t c;
    if (utf8proc_iterate((const utf8proc_uint8_t *)word, -1, &c) <= 0)
        return false;
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

/* "|", "/", "·", "•": what sites put between menu entries. */
static bool is_menu_separator(const char *word, size_t len)
{
    return (len == 1 && (word[0] == '|' || word[0] == '/')) || (len == 2 && !memcmp(word, "\xC2\xB7", 2)) ||
           (len == 3 && !memcmp(word, "\xE2\x80\xA2", 3));
}

/* "Video | Ảnh | Podcast | Thế giới": at least three short capitalised
 * entries with explicit separators between them. */
static bool is_separated_menu(const char *text)
{
    size_t entries = 0, entry_words = 0, separators = 0;
    for (const char *word = text; *word;) {
        size_t len = strcspn(word, " ");
        if (is_menu_separator(word, len)) {
            if (entry_words == 0)
                return false;
            separators++;
            entry_words = 0;
        } else {
            if (entry_words == 0) {
                if (!word_is_capitalised(word))
                    return false;
                entries++;
            }
            if (++entry_words > MENU_PHRASE_MAX_WORDS - 1)
                return false;
        }
        word += len;
        while (*word == ' ')
            word++;
    }
    return separators >= MENU_MIN_PHRASES - 1 && entries >= MENU_MIN_PHRASES && entry_words > 0;
}

/* A site menu: a row of short Title-case phrases, with separators or without
 * ("Miền đất - Con người Cuộc sống vùng biên Nhịp sống biển đảo ..."). A
 * headline reads as one sentence: one capital at the start, and proper names
 * as runs of capitals ("Hà Nội", "Nguyễn Thị Bình"), which a menu of
 * common-noun phrases never has. */
static bool is_menu_line(const char *text)
{
    if (strpbrk(text, ".,:;!?\"()") || strstr(text, "\xE2\x80\xA6"))
        return false;
    if (is_separated_menu(text))
        return true;
    if (strpbrk(text, "0123456789") || !word_is_capitalised(text))
        return false;
    size_t phrases = 0, phrase_words = 0;
    bool previous_capital = false;
    for (const char *word = text; *word;) {
        size_t len = strcspn(word, " ");
        bool dash = (len == 1 && word[0] == '-') || (len == 3 && !memcmp(word, "\xE2\x80\x93", 3));
        if (!dash && !is_menu_separator(word, len)) {
            bool capital = word_is_capitalised(word);
            if (capital && previous_capital)
                return false; /* a proper name */
            if (capital) {
                if (phrases && phrase_words < 2)
                    return false;
                phrases++;
                phrase_words = 0;
            }
            if (++phrase_words > MENU_PHRASE_MAX_WORDS)
                return false;
            previous_capital = capital;
        }
        word += len;
        while (*word == ' ')
            word++;
    }
    return phrases >= MENU_MIN_PHRASES && phrase_words >= 2;
}

/* A paragraph is long, or ends like a sentence; headlines end without a full stop. */
static bool is_paragraph(const char *text)
{
    size_t len = strlen(text);
    if (len > HEADLINE_MAX_BYTES)
        return true;
    for (;;) { /* look past closing quotes and brackets: «... hợp tác."» */
        if (len && strchr("\"')]", text[len - 1]))
            len--;
        else if (len >= 3 && (!memcmp(text + len - 3, "\xE2\x80\x9D", 3) || !memcmp(text + len - 3, "\xE2\x80\x99", 3)))
            len -= 3; /* ” ’ */
        else if (len >= 2 && !memcmp(text + len - 2, "\xC2\xBB", 2))
            len -= 2; /* » */
        else
            break;
    }
    return len && text[len - 1] == '.' && !(len >= 3 && !memcmp(text + len - 3, "...", 3));
}

static bool is_headline(const char *text)
{
    if (is_paragraph(text) || is_menu_line(text))
        return false;
    if (starts_with_bracket_label(text))
        return text_word_count(text) >= 2;
    return text_word_count(text) >= HEADLINE_MIN_WORDS && !is_known_heading(text);
}

/* "![alt](url) |": an image whose caption rows follow. */
static bool is_image_marker(const char *text)
{
    return text[0] == '!' && text[1] == '[' && strstr(text, "](");
}

/* "| caption |" → "caption"; a "|---|" rule gives "". */
static char *caption_of_row(const char *text)
{
    size_t len = strlen(text);
    const char *start = text + 1;
    size_t inner = len >= 2 && text[len - 1] == '|' ? len - 2 : len - 1;
    char *caption = text_clean(start, inner);
    if (caption && strspn(caption, "-: |") == strlen(caption))
        caption[0] = '\0';
    return caption;
}

static void free_lines(struct line *lines, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(lines[i].text);
    free(lines);
}

/* Non-empty lines, cleaned, with image markers and their caption rows marked. */
static struct line *split_lines(const char *data, size_t size, size_t *count)
{
    struct line *lines = NULL;
    size_t n = 0, cap = 0;
    bool after_image = false;
    for (const char *p = data, *end = data + size; p < end;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        size_t len = eol ? (size_t)(eol - p) : (size_t)(end - p);
        char *text = text_clean(p, len);
        p += len + 1;
        if (!text)
            goto oom;
        if (!*text) {
            free(text);
            continue;
        }
        struct line line = {.text = text, .kind = LINE_TEXT};
        if (is_image_marker(text)) {
            line.kind = LINE_IMAGE;
            after_image = true;
        } else if (after_image && text[0] == '|') {
            line.kind = LINE_CAPTION;
            line.text = caption_of_row(text);
            free(text);
            if (!line.text)
                goto oom;
        } else {
            after_image = false;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            struct line *grown = realloc(lines, cap * sizeof *grown);
            if (!grown) {
                free(line.text);
                goto oom;
            }
            lines = grown;
        }
        lines[n++] = line;
    }
    *count = n;
    return lines ? lines : calloc(1, sizeof *lines);
oom:
    free_lines(lines, n);
    return NULL;
}

/* Index of the heading that starts the page's lists, or count when none:
 * a known heading, or a heading-like line followed by a headline. */
static size_t find_lists(const struct line *lines, size_t count, size_t from)
{
    for (size_t i = from; i < count; i++)
        if (lines[i].kind == LINE_TEXT && is_known_heading(lines[i].text))
            return i;
    for (size_t i = from; i + 1 < count; i++)
        if (lines[i].kind == LINE_TEXT && is_heading(lines[i].text) && is_headline(lines[i + 1].text))
            return i;
    return count;
}

static bool push_item(struct item_list *out, const char *source, const char *title, const char *id_text,
                      struct item *item)
{
    char id[19];
    item_make_id(source, id_text, id);
    bool ok = item_set(&item->title, title) && item_set(&item->source, source) && item_set(&item->id, id) &&
              item_list_push(out, item);
    item_clear(item);
    return ok;
}

static bool seen_before(const struct line *lines, size_t upto, const char *text)
{
    for (size_t i = 0; i < upto; i++)
        if (lines[i].kind == LINE_TEXT && !strcmp(lines[i].text, text))
            return true;
    return false;
}

bool article_parse_text(const char *name, const char *data, size_t size, struct item_list *out, char *err,
                        size_t err_size)
{
    size_t count;
    struct line *lines = split_lines(data, size, &count);
    if (!lines) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    if (count == 0 || lines[0].kind != LINE_TEXT) {
        free_lines(lines, count);
        snprintf(err, err_size, "no title line: not an article page");
        return false;
    }
    size_t lists = find_lists(lines, count, 1);
    struct item article;
    item_init(&article);
    bool ok = true;
    for (size_t i = 1; ok && i < lists; i++) {
        if (lines[i].kind == LINE_CAPTION && lines[i].text[0])
            ok = item_add_caption(&article, lines[i].text);
        else if (lines[i].kind == LINE_TEXT && !article.summary[0])
            ok = item_set(&article.summary, lines[i].text); /* the lead paragraph */
    }
    ok = ok && push_item(out, name, lines[0].text, lines[0].text, &article);
    item_clear(&article);
    for (size_t i = lists; ok && i < count; i++) {
        if (lines[i].kind != LINE_TEXT || is_heading(lines[i].text) || !is_headline(lines[i].text) ||
            seen_before(lines, i, lines[i].text))
            continue;
        struct item headline;
        item_init(&headline);
        ok = push_item(out, name, lines[i].text, lines[i].text, &headline);
    }
    free_lines(lines, count);
    if (!ok)
        snprintf(err, err_size, "out of memory");
    return ok;
}

/* --- HTML pages ---------------------------------------------------------------------------- */

struct html_page {
    char *og_title, *h1, *title, *description, *meta_description, *lead, *url, *site_name, *published;
    struct item article;
    struct item_list related;
    bool ok;
};

static bool attribute_is(xmlNode *node, const char *attribute, const char *value)
{
    xmlChar *actual = xmlGetProp(node, (const xmlChar *)attribute);
    bool same = actual && !strcasecmp((const char *)actual, value);
    xmlFree(actual);
    return same;
}

static bool attribute_contains(xmlNode *node, const char *attribute, const char *part)
{
    xmlChar *actual = xmlGetProp(node, (const xmlChar *)attribute);
    bool found = actual && strcasestr((const char *)actual, part);
    xmlFree(actual);
    return found;
}

static bool is_named(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && !strcasecmp((const char *)node->name, name);
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

static void read_meta(struct html_page *page, xmlNode *node)
{
    xmlChar *key = xmlGetProp(node, (const xmlChar *)"property");
    if (!key)
        key = xmlGetProp(node, (const xmlChar *)"name");
    if (!key)
        key = xmlGetProp(node, (const xmlChar *)"itemprop");
    xmlChar *content = xmlGetProp(node, (const xmlChar *)"content");
    if (key && content) {
        const char *k = (const char *)key;
        char *value = text_clean((const char *)content, strlen((const char *)content));
        char **field = !strcasecmp(k, "og:title")                ? &page->og_title
                       : !strcasecmp(k, "og:description")        ? &page->description
                       : !strcasecmp(k, "description")           ? &page->meta_description
                       : !strcasecmp(k, "og:url")                ? &page->url
                       : !strcasecmp(k, "og:site_name")          ? &page->site_name
                       : !strcasecmp(k, "article:published_time") ||
                               !strcasecmp(k, "datePublished") ? &page->published
                                                                 : NULL;
        if (field)
            keep_first(page, field, value);
        else
            free(value);
    }
    xmlFree(key);
    xmlFree(content);
}

static bool is_related_container(xmlNode *node)
{
    static const char *const marks[] = {"related", "lien-quan", "lienquan", "tin-khac", "tinkhac", "relate", NULL};
    for (const char *const *m = marks; *m; m++)
        if (attribute_contains(node, "class", *m) || attribute_contains(node, "id", *m))
            return true;
    return false;
}

static void add_related_link(struct html_page *page, xmlNode *anchor)
{
    char *title = node_text(anchor);
    xmlChar *href = xmlGetProp(anchor, (const xmlChar *)"href");
    if (title && text_word_count(title) >= HEADLINE_MIN_WORDS) {
        struct item item;
        item_init(&item);
        xmlChar *absolute = href && page->url ? xmlBuildURI(href, (const xmlChar *)page->url) : NULL;
        const char *link = absolute ? (const char *)absolute : href ? (const char *)href : "";
        page->ok = page->ok && item_set(&item.title, title) && item_set(&item.link, link) &&
                   item_list_push(&page->related, &item);
        item_clear(&item);
        xmlFree(absolute);
    }
    xmlFree(href);
    free(title);
}

static void walk_related(struct html_page *page, xmlNode *node)
{
    for (; node && page->ok; node = node->next) {
        if (is_named(node, "a"))
            add_related_link(page, node);
        else if (node->type == XML_ELEMENT_NODE)
            walk_related(page, node->children);
    }
}

static bool is_caption(xmlNode *node)
{
    return is_named(node, "figcaption") || (node->type == XML_ELEMENT_NODE && attribute_contains(node, "class", "caption"));
}

static void walk_page(struct html_page *page, xmlNode *node, bool in_chrome)
{
    for (; node && page->ok; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        if (is_named(node, "script") || is_named(node, "style") || is_named(node, "noscript"))
            continue;
        if (is_named(node, "meta"))
            read_meta(page, node);
        else if (is_named(node, "title"))
            keep_first(page, &page->title, node_text(node));
        else if (is_named(node, "link") && attribute_is(node, "rel", "canonical")) {
            xmlChar *href = xmlGetProp(node, (const xmlChar *)"href");
            if (href)
                keep_first(page, &page->url, text_clean((const char *)href, strlen((const char *)href)));
            xmlFree(href);
        } else if (is_named(node, "h1") && !in_chrome)
            keep_first(page, &page->h1, node_text(node));
        else if (is_named(node, "time") && !page->published) {
            xmlChar *when = xmlGetProp(node, (const xmlChar *)"datetime");
            if (when)
                keep_first(page, &page->published, strdup((const char *)when));
            xmlFree(when);
        } else if (is_caption(node)) {
            char *caption = node_text(node);
            page->ok = caption && (!*caption || item_add_caption(&page->article, caption));
            free(caption);
            continue;
        } else if (is_related_container(node)) {
            walk_related(page, node->children);
            continue;
        } else if (is_named(node, "p") && !in_chrome && !page->lead) {
            char *text = node_text(node);
            if (text && strlen(text) < LEAD_MIN_BYTES)
                text[0] = '\0';
            keep_first(page, &page->lead, text);
        }
        bool chrome = in_chrome || is_named(node, "nav") || is_named(node, "header") || is_named(node, "footer") ||
                      is_named(node, "aside") || is_named(node, "figure");
        walk_page(page, node->children, chrome);
    }
}

static void free_page(struct html_page *page)
{
    char *fields[] = {page->og_title, page->h1, page->title, page->description, page->meta_description,
                      page->lead, page->url, page->site_name, page->published};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        free(fields[i]);
    item_clear(&page->article);
    for (size_t i = 0; i < page->related.count; i++)
        item_clear(&page->related.items[i]);
    free(page->related.items);
}

static const char *first_of(const char *a, const char *b, const char *c)
{
    return a ? a : b ? b : c;
}

/* The article, then its related headlines, into out. */
static bool emit_page(struct html_page *page, const char *name, struct item_list *out)
{
    const char *source = page->site_name ? page->site_name : name;
    struct item *article = &page->article;
    const char *title = first_of(page->og_title, page->h1, page->title);
    const char *summary = first_of(page->description, page->meta_description, page->lead);
    int64_t when;
    if (page->published && date_parse(page->published, &when)) {
        article->published = when;
        article->has_published = true;
    }
    bool ok = item_set(&article->summary, summary) && item_set(&article->link, page->url);
    if (ok && page->url)
        ok = item_set(&article->title, title) && item_set(&article->source, source) &&
             item_set(&article->id, page->url) && item_list_push(out, article);
    else if (ok)
        ok = push_item(out, source, title, title, article);
    for (size_t i = 0; ok && i < page->related.count; i++) {
        struct item *related = &page->related.items[i];
        ok = item_set(&related->source, source);
        if (ok && related->link[0])
            ok = item_set(&related->id, related->link) && item_list_push(out, related);
        else if (ok)
            ok = push_item(out, source, related->title, related->title, related);
    }
    return ok;
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
    const char *name = context->name;
    /* Forced UTF-8: without a charset libxml2 would read the page as Latin-1. */
    char *repaired = text_repair_utf8(data, size);
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
    struct html_page page = {.ok = true};
    item_init(&page.article);
    if (doc)
        walk_page(&page, xmlDocGetRootElement(doc), false);
    xmlFreeDoc(doc);
    bool ok = false;
    if (!page.ok)
        snprintf(err, err_size, "out of memory");
    else if (!first_of(page.og_title, page.h1, page.title))
        snprintf(err, err_size, "no title (og:title, h1 or title) in this HTML page");
    else if (!(ok = emit_page(&page, name, out)))
        snprintf(err, err_size, "out of memory");
    free_page(&page);
    return ok;
}
