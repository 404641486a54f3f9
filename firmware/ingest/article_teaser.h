/* article_teaser: the teasers of a listing page — a linked headline in a
 * heading or in a <div> block, with its picture — and the headings of
 * boxes ("Tin liên quan", "Xem thêm", "Chủ đề") that are no headline.
 * Internal to the article module (article_html walks, this judges one
 * node).
 * Owns: what a teaser's block is (the nodes around its link that link
 * nowhere else), which link text is a headline, which boxes hold topics.
 * Never: keeps state between pages or decides what the page is.
 * Thread: the caller's (the fetch worker's parse). */
#ifndef TICKER_ARTICLE_TEASER_H
#define TICKER_ARTICLE_TEASER_H

#include <libxml/tree.h>
#include <stdbool.h>

/* Whether text is a box's heading ("Tin liên quan", "Xem thêm »",
 * "Chủ đề", "Đọc nhiều"), which a box's link may also read. */
bool teaser_is_box_label(const char *text);

/* A box of topics, tags or keywords (marked so, or headed "Chủ đề",
 * "Từ khóa"): its links name topics, not articles. */
bool teaser_is_topic_box(xmlNode *node);

/* Whether an <a> outside headings is a teaser's headline: text of four
 * words or more that is no sentence and no box label, linking to what
 * looks like an article (not a section "/van-hoa/", a tag or an author). */
bool teaser_is_headline_link(xmlNode *anchor, const char *text);

/* The teaser's block around anchor: the largest ancestor (a few levels up)
 * whose links all go where anchor goes; anchor itself when none. */
xmlNode *teaser_block(xmlNode *anchor);

/* Marks the block as a teaser's, so that a <p> in it is the teaser's lead,
 * not the page's; and asks whether node is inside a marked block. */
void teaser_mark(xmlNode *block);
bool teaser_marked(const xmlNode *node);

/* An <article> that is one teaser of a listing: its first heading (a
 * child, or in its <header> or a wrapper) links elsewhere, and it holds no
 * h1. */
bool teaser_is_teaser_article(xmlNode *article);

/* A <figure> that is a teaser (a lead story's picture with its heading and
 * summary in the figcaption), not a picture of the page. */
bool teaser_is_teaser_figure(xmlNode *figure);

/* Whether an <a> holds a heading: a card link, whose heading (not its
 * whole text) is the headline. */
bool teaser_holds_heading(xmlNode *anchor);

/* The link of a teaser's heading: an <a href> in it (*own true), else the
 * card <a> around it, else the only link of its block when that is a
 * picture link to an article (a lead story whose heading is not linked);
 * NULL when none. */
xmlNode *teaser_heading_link(xmlNode *heading, bool *own);

/* The teaser's summary in block: its first <p>, or element marked sapo,
 * summary or description, of a sentence's length, outside its heading;
 * NULL when none. */
xmlNode *teaser_summary(xmlNode *block, const xmlNode *heading);

/* The teaser's own date in block: its first <time> or element with
 * itemprop=datePublished; NULL when none. */
xmlNode *teaser_time(xmlNode *block);

/* The summary just after the heading's wrappers (up to two levels up, past
 * pictures) of a lead story with its picture, when it links nowhere but
 * where anchor does:
 * <div class="info"><h2><a/></h2></div><p class="sapo">…</p>. NULL when none. */
xmlNode *teaser_summary_after(xmlNode *heading, xmlNode *anchor);

/* The first picture in block (src, or the data-src of a lazy loader),
 * as written; NULL when none. Caller xmlFree()s. */
xmlChar *teaser_picture(xmlNode *block);

#endif
