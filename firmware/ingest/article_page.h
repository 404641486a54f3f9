/* article_page: what article_html.c (the walk over an HTML page) hands
 * to article_page.c (judging what the page is, and its items).  Internal
 * to the article module. */
#ifndef TICKER_ARTICLE_PAGE_H
#define TICKER_ARTICLE_PAGE_H

#include <libxml/tree.h>
#include <stdbool.h>

#include "base/item.h"
#include "ingest/article_date.h"
#include "ingest/context.h"
#include "ingest/jsonld.h"

struct html_page {
    const struct ingest_context *context;
    /* the first of each in the page; NULL when absent */
    char *og_title, *h1, *title, *description, *meta_description, *lead, *url, *site_name;
    char *heading;    /* the first h2-h5 outside menus: an error page's "Lỗi 404" may have no h1 */
    char *published;  /* article:published_time, pubdate, itemprop=datePublished, <time datetime> */
    char *shown_date; /* the byline's date as shown ("Thứ hai, 24/9/2018, 10:00 (GMT+7)"): the last resort */
    char *og_type, *og_image, *section;
    struct jsonld_facts jsonld;
    bool error_block; /* an element marked error / not-found */
    bool has_body;    /* an element marked as the article body */
    size_t elements;  /* elements walked so far: where the walk is */
    const xmlNode *published_node; /* the element published was read from, until the walk ends */
    struct shown_dates dates; /* the dates shown as text, for shown_date */
    size_t article_elements; /* <article>s: one is the story, many are a listing's teasers */
    struct item article;      /* captions, pictures, categories (breadcrumbs, section) */
    struct item_list related; /* related boxes' headlines, once each */
    struct item_list teasers; /* headings that link to articles (a listing's items) */
    bool ok;                  /* false after an allocation failed */
};

/* Walks the page's tree into page. */
void article_html_walk(struct html_page *page, xmlNode *root);

/* The page's items (the article then its related headlines; or a
 * listing's teasers) into out, or false with err set to why the page is
 * not an article ("an error or not-found page (404) ..."). */
bool article_page_emit(struct html_page *page, struct item_list *out, char *err, size_t err_size);

/* Where the picture src of the page lives: on the page's web site, or (a
 * page read from a file) beside it, by picture_ref's rule; "" when it is
 * none (a site-relative path on a stick with no site named); NULL on OOM. */
char *article_picture_link(const struct html_page *page, const char *src);

void article_page_free(struct html_page *page);

#endif
