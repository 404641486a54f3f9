/* article_date: the date an HTML page shows only as text (its byline:
 * "Thứ hai, 7/12/2026, 08:30 (GMT+7)", "Cập nhật: 08:30 07-12-2026"),
 * for a page whose meta and JSON-LD give none. Internal to the article
 * module: article_html's walk hands it each element, with where the walk
 * is; it keeps the dates it may be, and picks the one nearest the page's
 * headline.
 * Owns: which elements may hold the byline's date (marked as a date, a
 * <time> without datetime, or an element that is only a date near the
 * story), where the headline is (the h1, or the heading that says the
 * page's og:title or <title>, else the start of the story), and the pick.
 * Never: reads a machine date (<time datetime>, meta) or decides what the
 * page is. Thread: the caller's (the fetch worker's parse). */
#ifndef TICKER_ARTICLE_DATE_H
#define TICKER_ARTICLE_DATE_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

struct tzone;

enum {
    SHOWN_DATE_MAX_BYTES = 160, /* a byline; longer is a paragraph that mentions a date */
    SHOWN_DATES_MAX = 24,       /* candidates kept; past them the page's chrome only repeats */
};

struct shown_date {
    char text[SHOWN_DATE_MAX_BYTES + 1]; /* from its first digit when a label ("Cập nhật:") opens it */
    const xmlNode *node;                 /* until the walk ends: a teaser's date is not the page's */
    size_t at;                           /* the element's place in the walk */
    bool in_header;                      /* in a <header> before the headline: the page's only if it holds it */
};

struct shown_dates {
    const struct tzone *zone;
    const char *titles[2]; /* og:title and <title>, as read (NULL when absent) */
    struct shown_date found[SHOWN_DATES_MAX];
    size_t count;
    size_t h1_at, title_at, story_at; /* the first h1 outside headers, title heading, story element; 0: none */
    size_t any_h1_at;                 /* the first h1 anywhere but nav and footer (a header's too) */
    const xmlNode *title_node;        /* the title heading, until the walk ends */
    bool done;                        /* a date after the final headline: none later is nearer */
};

/* Where the walk is, as article_html knows it. */
struct shown_where {
    size_t at;       /* this element's number in the walk, from 1 */
    bool outside;    /* in nav, footer, aside, form: never the byline */
    bool chrome;     /* in a header or figure: the site's top bar, unless the story began */
    bool story;      /* inside the story's element (<article>, the marked body) */
};

/* Considers node, an element the walk reached, as the headline or a date.
 * False when out of memory. */
bool shown_dates_see(struct shown_dates *dates, xmlNode *node, const struct shown_where *where);

/* The date nearest the headline (the first, when the page has no
 * headline), NULL when none: dates in a teaser's block (teaser_marked)
 * are the teaser's. Call before the tree is freed. */
const char *shown_dates_pick(const struct shown_dates *dates);

/* Whether node, a paragraph with text, is a byline: marked so (class, id or
 * itemprop byline, author, date, meta), or a short line of a name, places
 * and a date between '|' or '-'. A byline is never the page's summary; its
 * date is read all the same (shown_dates_see). */
bool shown_is_byline(xmlNode *node, const char *text, const struct tzone *zone);

#endif
