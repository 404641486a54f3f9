/* page_title: a page's headline without the trail its site adds to
 * <title> and og:title ("X | Tin tức | Báo Y", "X - Thời sự - Báo Z",
 * "Báo Y - X").
 * Owns: deciding which trailing parts name the site (its og:site_name, its
 * host) and which short parts between are section names.
 * Never: cuts a part that names neither (a headline's own "Việt Nam -
 * Singapore"), reads the page, or decides what the page is.
 * Thread: the caller's (the fetch worker's parse). */
#ifndef TICKER_PAGE_TITLE_H
#define TICKER_PAGE_TITLE_H

#include <stddef.h>

struct page_site {
    const char *name;                /* og:site_name, or NULL */
    const char *host;                /* the page URL's host, or NULL */
    const char *const *sections;     /* the page's section and breadcrumb names */
    size_t section_count;
};

/* Cuts, in place, the site's name at the end of title (or at its start)
 * and up to two section names before it; title is left as it is when its
 * last part does not name the site, or when too little headline would be
 * left. */
void page_title_cut(char *title, const struct page_site *site);

#endif
