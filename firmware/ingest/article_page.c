/* article_page: what an HTML page is — an article, a listing of
 * headlines, or a page that is no article at all (an error, a bot check)
 * — and its items.  See article_page.h. */
#define _GNU_SOURCE /* strcasestr */
#include "ingest/article_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <libxml/uri.h>

#include "base/log.h"
#include "ingest/date.h"
#include "ingest/dateline.h"
#include "ingest/page_title.h"
#include "ingest/text.h"

enum { LISTING_MIN_TEASERS = 3 };

void article_page_free(struct html_page *page)
{
    char *fields[] = {page->og_title, page->h1,        page->title,    page->description, page->meta_description,
                      page->lead,     page->url,       page->site_name, page->published,  page->og_type,
                      page->og_image, page->section,   page->heading, page->shown_date};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        free(fields[i]);
    item_clear(&page->article);
    struct item_list *lists[] = {&page->related, &page->teasers};
    for (size_t l = 0; l < 2; l++) {
        for (size_t i = 0; i < lists[l]->count; i++)
            item_clear(&lists[l]->items[i]);
        free(lists[l]->items);
    }
}

static const char *first_of(const char *a, const char *b, const char *c)
{
    return a ? a : b ? b : c;
}

static bool contains_folded(const char *text, const char *const *phrases)
{
    if (!text)
        return false;
    char *folded = text_casefold(text);
    bool hit = false;
    for (const char *const *p = phrases; folded && !hit && *p; p++)
        hit = text_contains_words(folded, *p);
    free(folded);
    return hit;
}

/* Why the page is not an article, or NULL. */
static const char *not_an_article(const struct html_page *page)
{
    static const char *const error_phrases[] = {"404", "không tìm thấy", "not found", "page not found",
                                                "trang không tồn tại", "không tồn tại", "lỗi 404", "error 404",
                                                "410 gone", "500 internal server error", "403 forbidden", NULL};
    static const char *const bot_phrases[] = {"just a moment", "attention required", "checking your browser",
                                              "verify you are human", "verify you are a human", "access denied",
                                              "ddos protection", "captcha", "are you a robot", "not a robot",
                                              "không phải là robot", "không phải robot", "one more step",
                                              "security check", NULL};
    /* with no h1, an undated page's first heading says what it is ("Lỗi 404") */
    bool undated = !page->published && !page->jsonld.published[0];
    const char *heading = page->h1 ? page->h1 : undated ? page->heading : NULL;
    if (contains_folded(page->title, bot_phrases) || contains_folded(heading, bot_phrases))
        return "a bot-check page (\"Just a moment...\", a captcha), not an article";
    if (contains_folded(page->title, error_phrases) || contains_folded(heading, error_phrases) ||
        (page->error_block && undated))
        return "an error or not-found page (404), not an article";
    return NULL;
}

/* A section or home page: declared not an article (og:type website) with
 * no date of its own, or no article body but a list of linked headings. */
static bool is_listing(const struct html_page *page)
{
    bool dated = page->published || page->jsonld.published[0];
    bool declared_other = page->og_type && strcasecmp(page->og_type, "article") &&
                          strncasecmp(page->og_type, "video", 5) && !page->jsonld.article && !page->jsonld.video;
    /* one <article> is the story; many (HTML: each a self-contained
     * composition) are a listing's teasers, not a body */
    bool body = page->has_body || page->article_elements == 1;
    bool teasers = !body && page->teasers.count >= LISTING_MIN_TEASERS;
    if (declared_other && (!dated || teasers)) /* a teaser's own <time> does not date the page */
        return true;
    return !dated && !page->lead && teasers;
}

static int64_t now_of(const struct html_page *page)
{
    return page->context->now ? page->context->now : (int64_t)time(NULL);
}

static void set_published(struct html_page *page)
{
    const char *candidates[] = {page->published, page->jsonld.published[0] ? page->jsonld.published : NULL,
                                page->shown_date};
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
        int64_t when;
        if (candidates[i] && date_parse_in_zone(candidates[i], page->context->zone, &when)) {
            page->article.published = date_clamp_future(when, now_of(page));
            page->article.has_published = true;
            return;
        }
    }
    struct date_unread unread = {0};
    date_unread_note(&unread, candidates[0] ? candidates[0] : candidates[1]);
    date_unread_warn(&unread, page->context->name);
}

/* Format signals of the page as categories, for the configured rules:
 * article:section, JSON-LD sections and breadcrumbs; a VideoObject or
 * og:type video.* page is "Video" (schema.org's own word for it). */
static bool add_categories(struct html_page *page)
{
    bool ok = !page->section || item_add_category(&page->article, page->section);
    for (size_t i = 0; ok && i < page->jsonld.section_count; i++)
        ok = item_add_category(&page->article, page->jsonld.sections[i]);
    /* og:type "video.other", "video.episode", … (the Open Graph protocol's
     * video types) say the same as a VideoObject */
    bool og_video = page->og_type && !strncasecmp(page->og_type, "video", 5) && !page->jsonld.article;
    if (ok && (page->jsonld.video || og_video))
        ok = item_add_category(&page->article, "Video");
    return ok;
}

static bool push_with_id(struct item_list *out, struct item *item, const char *source)
{
    bool ok = item_set(&item->source, source);
    if (ok && *item->link)
        ok = item_set(&item->id, item->link);
    else if (ok) {
        char id[19];
        item_make_id(source, item->title, id);
        ok = item_set(&item->id, id);
    }
    return ok && item_list_push(out, item);
}

static bool emit_list(struct item_list *list, const char *source, const char *skip_link, struct item_list *out)
{
    bool ok = true;
    for (size_t i = 0; ok && i < list->count; i++)
        if (!skip_link || strcmp(list->items[i].link, skip_link))
            ok = push_with_id(out, &list->items[i], source);
    return ok;
}

bool article_page_emit(struct html_page *page, struct item_list *out, char *err, size_t err_size)
{
    const char *name = page->context->name;
    const char *source = page->site_name ? page->site_name : name;
    const char *why = not_an_article(page);
    if (why) {
        snprintf(err, err_size, "%s", why);
        return false;
    }
    if (is_listing(page)) {
        if (page->teasers.count < 2) {
            snprintf(err, err_size, "a section or home page with no list of headlines, not an article");
            return false;
        }
        bool ok = emit_list(&page->teasers, source, NULL, out);
        if (!ok)
            log_oom_reason(err, err_size, NULL);
        return ok;
    }
    const char *title = first_of(page->og_title, page->h1, page->title);
    if (!title) {
        snprintf(err, err_size, "no title (og:title, h1 or title) in this HTML page");
        return false;
    }
    struct item *article = &page->article;
    /* the sections first: the title's trail is cut up to them */
    bool ok = add_categories(page) && item_set(&article->title, title);
    if (ok) {
        /* "Tiêu đề | Thời sự | Báo X", "Tiêu đề - baotrienlam.vn": the site,
         * named or by its host (RFC 3986 authority), and its sections cut */
        const char *url = page->url ? page->url : page->context->url;
        xmlURI *uri = url ? xmlParseURI(url) : NULL;
        struct page_site site = {page->site_name, uri ? uri->server : NULL,
                                 (const char *const *)article->categories, article->category_count};
        page_title_cut(article->title, &site);
        xmlFreeURI(uri);
        if (page->title && strcmp(article->title, page->title) && page->h1 && !strcmp(article->title, page->title))
            ok = item_set(&article->title, page->h1);
    }
    const char *summary = first_of(page->description, page->meta_description, page->lead);
    ok = ok && item_set(&article->summary, summary) && item_set(&article->link, page->url);
    if (ok)
        dateline_cut(article->summary, article->title);
    set_published(page);
    if (ok && page->og_image) { /* the share picture: after the article's own figures */
        char *picture = article_picture_link(page, page->og_image);
        ok = picture && (!*picture || item_add_picture(article, picture, "", 0, 0));
        free(picture);
    }
    ok = ok && push_with_id(out, article, source);
    ok = ok && emit_list(&page->related, source, page->url, out);
    if (!ok)
        log_oom_reason(err, err_size, NULL);
    return ok;
}
