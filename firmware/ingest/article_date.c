/* article_date: the date a page shows as text, nearest its headline. See
 * article_date.h. */
#define _GNU_SOURCE /* strcasestr */
#include "ingest/article_date.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/article_teaser.h"
#include "ingest/date.h"
#include "ingest/html_node.h"
#include "ingest/text.h"

enum {
    SHOWN_LEAF_MAX_BYTES = 64, /* an unmarked element that is only a date */
    LEAF_LABEL_MAX_BYTES = 24, /* "Cập nhật:", "Ngày đăng:" before an unmarked date */
    LEAF_LABEL_MAX_WORDS = 3,
    TITLE_MIN_WORDS = 3,       /* a shorter heading ("Thời sự") only names a section */
    SIZE_NODES_MAX = 64,       /* a byline is a few elements; a container is no byline */
    BYLINE_PART_MAX_WORDS = 4, /* "Por Ana Pérez", "Redacción EFE", "Madrid": a name or a place */
};

/* Whether node's subtree is small enough to be a byline: a few elements and
 * little text. Bounded, so that nested containers marked "meta" or "date"
 * cost no more than their first few nodes each. */
static bool is_small(const xmlNode *node, size_t *nodes, size_t *bytes)
{
    for (const xmlNode *child = node->children; child; child = child->next) {
        if (++*nodes > SIZE_NODES_MAX)
            return false;
        if (child->type == XML_TEXT_NODE && child->content)
            *bytes += strlen((const char *)child->content);
        if (*bytes > 4 * SHOWN_DATE_MAX_BYTES || (child->type == XML_ELEMENT_NODE && !is_small(child, nodes, bytes)))
            return false;
    }
    return true;
}

/* Inline content only (text, links, spans, emphasis): a heading-like
 * element, not a container whose text would be the whole page's. */
static bool is_inline_only(const xmlNode *node)
{
    static const char *const inline_names[] = {"a", "span", "b", "strong", "em", "i", "br", "time", NULL};
    for (const xmlNode *child = node->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE)
            continue;
        bool known = false;
        for (const char *const *n = inline_names; !known && *n; n++)
            known = html_is_named(child, *n);
        if (!known)
            return false;
    }
    return true;
}

/* Whether folded heading text is the page's title folded: the same, or the
 * title with the site's trail after it ("X - Báo Y", "X | Thời sự") or its
 * name before it ("Báo Y - X"). */
static bool says_title(const char *heading, const char *title)
{
    static const char *const separators[] = {" - ", " | ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", ": ", " :: ", NULL};
    size_t h = strlen(heading), t = strlen(title);
    if (!h || h > t)
        return false;
    if (h == t)
        return !strcmp(heading, title);
    for (const char *const *s = separators; *s; s++) {
        size_t n = strlen(*s);
        if (!strncmp(title, heading, h) && !strncmp(title + h, *s, n))
            return true;
        if (t >= h + n && !strcmp(title + t - h, heading) && !strncmp(title + t - h - n, *s, n))
            return true;
    }
    return false;
}

/* A heading (h1 to h4, or an element marked title or headline that holds
 * only inline content) whose text is the page's og:title or <title>. */
static bool is_title_heading(const struct shown_dates *dates, xmlNode *node, bool *oom)
{
    static const char *const title_marks[] = {"title", "headline", NULL};
    bool heading = html_is_named(node, "h1") || html_is_named(node, "h2") || html_is_named(node, "h3") ||
                   html_is_named(node, "h4");
    if ((!dates->titles[0] && !dates->titles[1]) ||
        !(heading || (html_marked(node, title_marks) && is_inline_only(node))))
        return false;
    size_t nodes = 0, bytes = 0;
    if (!is_small(node, &nodes, &bytes))
        return false;
    char *text = html_node_text(node);
    char *folded = text && text_word_count(text) >= TITLE_MIN_WORDS ? text_casefold(text) : NULL;
    bool says = false;
    for (size_t i = 0; folded && !says && i < 2; i++) {
        char *title = dates->titles[i] ? text_casefold(dates->titles[i]) : NULL;
        says = title && says_title(folded, title);
        *oom |= dates->titles[i] && !title;
        free(title);
    }
    *oom |= !text || (text_word_count(text) >= TITLE_MIN_WORDS && !folded);
    free(text);
    free(folded);
    return says;
}

/* The date in text as the reader is shown it, from its first digit when a
 * label opens it: a marked byline's label may be anything ("Minh Anh |",
 * "Cập nhật:"); an unmarked element's only a few words. */
static const char *date_in(const char *text, bool labelled, const struct tzone *zone)
{
    int64_t when;
    if (date_parse_in_zone(text, zone, &when))
        return text;
    size_t label = strcspn(text, "0123456789");
    if (!text[label] || (!labelled && label > LEAF_LABEL_MAX_BYTES))
        return NULL;
    if (!labelled) {
        char head[LEAF_LABEL_MAX_BYTES + 1];
        memcpy(head, text, label);
        head[label] = '\0';
        if (text_word_count(head) > LEAF_LABEL_MAX_WORDS)
            return NULL;
    }
    return date_parse_in_zone(text + label, zone, &when) ? text + label : NULL;
}

bool shown_dates_see(struct shown_dates *dates, xmlNode *node, const struct shown_where *where)
{
    static const char *const date_marks[] = {"date", "time", "publish", "posted", "byline", "meta", "ngay-dang",
                                             "ngaydang", "thoi-gian", "thoigian", "author", "info", NULL};
    if (where->outside || dates->done)
        return true;
    bool oom = false;
    if (html_is_named(node, "h1") && !dates->any_h1_at)
        dates->any_h1_at = where->at;
    if (html_is_named(node, "h1") && !where->chrome && !dates->h1_at)
        dates->h1_at = where->at;
    if (!dates->title_at && is_title_heading(dates, node, &oom)) {
        dates->title_at = where->at;
        dates->title_node = node;
    }
    if (where->story && !dates->story_at)
        dates->story_at = where->at;
    /* Before the headline or the story, a header's date is the site's top
     * bar (today's date), unless the header turns out to hold the headline
     * (an article's own <header>: shown_dates_pick). */
    bool anchored = dates->any_h1_at || dates->title_at || where->story;
    if (oom || dates->count == SHOWN_DATES_MAX)
        return !oom;
    bool time_text = html_is_named(node, "time") && !xmlHasProp(node, (const xmlChar *)"datetime");
    bool labelled = time_text || html_marked(node, date_marks);
    /* unmarked, a short text of its own ("07/12/2026 08:30", "<b>Minh Anh</b>
     * 07/12/2026"), near the story */
    bool leaf = anchored && node->children && is_inline_only(node);
    size_t nodes = 0, bytes = 0;
    if ((!labelled && !leaf) || !is_small(node, &nodes, &bytes) ||
        (!labelled && bytes > 2 * SHOWN_LEAF_MAX_BYTES)) /* a paragraph, however its spaces */
        return true;
    char *text = html_node_text(node);
    if (!text)
        return false;
    const char *date = strlen(text) <= (labelled ? SHOWN_DATE_MAX_BYTES : SHOWN_LEAF_MAX_BYTES)
                           ? date_in(text, labelled, dates->zone)
                           : NULL;
    if (date) {
        struct shown_date *found = &dates->found[dates->count++];
        size_t len = strlen(date); /* at most the text's, which fits */
        memcpy(found->text, date, len + 1);
        found->node = node;
        found->at = where->at;
        found->in_header = !anchored && where->chrome;
        /* past the headline, every later date is farther: the headline
         * can only move when a title heading may still come */
        size_t headline = dates->title_at ? dates->title_at : dates->h1_at;
        bool final = dates->title_at || (!dates->titles[0] && !dates->titles[1]);
        dates->done = final && headline && where->at > headline;
    }
    free(text);
    return true;
}

/* Whether the <header> or <figure> around node also holds the headline. */
static bool header_holds(const xmlNode *node, const xmlNode *headline)
{
    while (node && !html_is_named(node, "header") && !html_is_named(node, "figure"))
        node = node->parent;
    if (!node || !html_is_named(node, "header"))
        return false;
    for (; headline; headline = headline->parent)
        if (headline == node)
            return true;
    return false;
}

const char *shown_dates_pick(const struct shown_dates *dates)
{
    size_t headline = dates->title_at  ? dates->title_at
                      : dates->h1_at   ? dates->h1_at
                      : dates->any_h1_at ? dates->any_h1_at
                                       : dates->story_at;
    const struct shown_date *best = NULL;
    size_t best_distance = SIZE_MAX;
    for (size_t i = 0; i < dates->count; i++) {
        const struct shown_date *d = &dates->found[i];
        if (teaser_marked(d->node) || (d->in_header && !header_holds(d->node, dates->title_node)))
            continue;
        if (!headline)
            return d->text; /* no headline to be near: the first, as the page reads */
        /* after the headline on a tie: the byline under it */
        size_t distance = d->at > headline ? d->at - headline : headline - d->at;
        if (distance < best_distance || (distance == best_distance && d->at > headline)) {
            best = d;
            best_distance = distance;
        }
    }
    return best ? best->text : NULL;
}

/* Whether text is a byline's parts: a date, and names and places beside it
 * ("Por Ana Pérez | Madrid | lunes, 7 de diciembre de 2026, 08:30"), none
 * of them a sentence. */
static bool reads_as_byline(const char *text, const struct tzone *zone)
{
    static const char *const separators[] = {" | ", "|", " - ", " – ", " — ", " · ", " • ", NULL};
    if (strlen(text) > SHOWN_DATE_MAX_BYTES)
        return false;
    char *parts = strdup(text);
    if (!parts)
        return false;
    for (const char *const *sep = separators; *sep; sep++) /* each separator becomes one '\x1f' */
        for (char *at = strstr(parts, *sep); at; at = strstr(at + 1, *sep)) {
            size_t n = strlen(*sep);
            *at = '\x1f';
            memmove(at + 1, at + n, strlen(at + n) + 1);
        }
    bool dated = false, byline = true;
    for (char *part = parts, *end; byline && part; part = end ? end + 1 : NULL) {
        end = strchr(part, '\x1f');
        if (end)
            *end = '\0';
        part += strspn(part, " ");
        size_t len = strlen(part);
        if (!dated && date_in(part, false, zone))
            dated = true;
        else
            byline = text_word_count(part) <= BYLINE_PART_MAX_WORDS && !(len && strchr(".!?", part[len - 1]));
    }
    free(parts);
    return byline && dated;
}

bool shown_is_byline(xmlNode *node, const char *text, const struct tzone *zone)
{
    static const char *const byline_marks[] = {"byline", "author", "date", "meta", NULL};
    static const char *const summary_marks[] = {"sapo", "summary", "description", "lead", "excerpt", "intro", NULL};
    bool marked = html_marked(node, byline_marks) && !html_marked(node, summary_marks);
    xmlChar *itemprop = xmlGetProp(node, (const xmlChar *)"itemprop");
    for (const char *const *m = byline_marks; itemprop && !marked && *m; m++)
        marked = strcasestr((const char *)itemprop, *m) != NULL;
    xmlFree(itemprop);
    return marked || reads_as_byline(text, zone);
}
