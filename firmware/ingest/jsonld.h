/* jsonld: what a page's schema.org JSON-LD (<script type="application/
 * ld+json">) says about the page — its publication date (datePublished,
 * never dateModified), whether it is a video (VideoObject), its section
 * and breadcrumb names — read with json-c.
 * Never: finds the script elements (article_html does) or decides a kind. */
#ifndef TICKER_JSONLD_H
#define TICKER_JSONLD_H

#include <stdbool.h>
#include <stddef.h>

enum { JSONLD_MAX_SECTIONS = 8 };

struct jsonld_facts {
    char published[64];   /* the first article's (or video's) datePublished / uploadDate; "" */
    bool video;           /* a VideoObject is the page's subject */
    bool article;         /* an Article / NewsArticle / BlogPosting ... is there */
    char sections[JSONLD_MAX_SECTIONS][64]; /* articleSection, BreadcrumbList names */
    size_t section_count;
};

/* Adds what one script's JSON says to facts (several scripts accumulate);
 * JSON that does not parse is ignored. Linear in the text. */
void jsonld_read(const char *text, size_t size, struct jsonld_facts *facts);

#endif
