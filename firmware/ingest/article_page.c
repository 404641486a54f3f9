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

#include "ingest/date.h"
#include "ingest/text.h"

enum { LISTING_MIN_TEASERS = 3 };

void article_page_free(struct html_page *page)
{
    char *fields[] = {page->og_title, page->h1,        page->title,    page->description, page->meta_description,
                      page->lead,     page->url,       page->site_name, page->published,  page->og_type,
                      page->og_image, page->section,   page->heading};
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

/* "Tiêu đề - Báo X", "Tiêu đề | Báo X", "Báo X - Tiêu đề": the site's name cut. */
static void cut_site_name(char *title, const char *site)
{
    static const char *const separators[] = {" - ", " | ", " – ", " — ", " :: ", " · ", " » ", NULL};
    if (!site || !*site)
        return;
    size_t len = strlen(title), site_len = strlen(site);
    for (const char *const *sep = separators; *sep; sep++) {
        size_t sep_len = strlen(*sep);
        if (len > site_len + sep_len + 8 && !strcmp(title + len - site_len, site) &&
            !strncmp(title + len - site_len - sep_len, *sep, sep_len)) {
            title[len - site_len - sep_len] = '\0';
            return;
        }
        if (len > site_len + sep_len + 8 && !strncmp(title, site, site_len) && !strncmp(title + site_len, *sep, sep_len)) {
            memmove(title, title + site_len + sep_len, len - site_len - sep_len + 1);
            return;
        }
    }
}

static bool is_upper_or_punct(const char *p, const char *end)
{
    bool letter = false;
    for (; p < end; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 'a' && c <= 'z')
            return false;
        letter |= (c >= 'A' && c <= 'Z') || c >= 0x80;
    }
    return letter;
}

/* "(Báo X) - ", "HÀ NỘI - ", "TP.HCM (TTXVN) – ", "(PLVN) -Chiều": the dateline
 * before a lead, cut; the space after the dash is often left out. */
static void cut_dateline(char *summary)
{
    static const char *const dashes[] = {" -", " –", " —", NULL};
    for (const char *const *dash = dashes; *dash; dash++) {
        const char *hit = strstr(summary, *dash);
        if (!hit || hit - summary > 60 || hit == summary)
            continue;
        const char *end = hit;
        bool dateline = false;
        if (summary[0] == '(' && end[-1] == ')' && !memchr(summary + 1, '(', (size_t)(end - summary - 1)))
            dateline = true; /* "(Báo X)" */
        else {
            const char *paren = memchr(summary, '(', (size_t)(end - summary));
            /* a city in capitals, maybe followed by "(TTXVN)"; lower-case letters mean a sentence */
            dateline = is_upper_or_punct(summary, paren ? paren : end) && (!paren || end[-1] == ')');
            /* capitals can also be lower in accented letters: check by case folding */
            if (dateline) {
                char *head = strndup(summary, (size_t)((paren ? paren : end) - summary));
                char *folded = head ? text_casefold(head) : NULL;
                dateline = head && folded && strcmp(head, folded);
                free(head);
                free(folded);
            }
        }
        if (dateline) {
            size_t cut = (size_t)(end - summary) + strlen(*dash);
            while (summary[cut] == ' ')
                cut++;
            memmove(summary, summary + cut, strlen(summary + cut) + 1);
            return;
        }
    }
}

static int64_t now_of(const struct html_page *page)
{
    return page->context->now ? page->context->now : (int64_t)time(NULL);
}

static void set_published(struct html_page *page)
{
    const char *candidates[] = {page->published, page->jsonld.published[0] ? page->jsonld.published : NULL};
    for (size_t i = 0; i < 2; i++) {
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
            snprintf(err, err_size, "out of memory");
        return ok;
    }
    const char *title = first_of(page->og_title, page->h1, page->title);
    if (!title) {
        snprintf(err, err_size, "no title (og:title, h1 or title) in this HTML page");
        return false;
    }
    struct item *article = &page->article;
    bool ok = item_set(&article->title, title);
    if (ok) {
        cut_site_name(article->title, page->site_name);
        /* "Tiêu đề - baotrienlam.vn": the site named by its host (RFC 3986 authority) */
        xmlURI *uri = page->url ? xmlParseURI(page->url) : NULL;
        if (uri && uri->server) {
            cut_site_name(article->title, uri->server);
            if (!strncasecmp(uri->server, "www.", 4))
                cut_site_name(article->title, uri->server + 4);
        }
        xmlFreeURI(uri);
        if (page->title && strcmp(article->title, page->title) && page->h1 && !strcmp(article->title, page->title))
            ok = item_set(&article->title, page->h1);
    }
    const char *summary = first_of(page->description, page->meta_description, page->lead);
    ok = ok && item_set(&article->summary, summary) && item_set(&article->link, page->url);
    if (ok)
        cut_dateline(article->summary);
    set_published(page);
    ok = ok && add_categories(page);
    if (ok && page->og_image) { /* the share picture: after the article's own figures */
        const char *base = page->url ? page->url : page->context->url;
        xmlChar *absolute = base ? xmlBuildURI((const xmlChar *)page->og_image, (const xmlChar *)base) : NULL;
        ok = item_add_picture(article, absolute ? (const char *)absolute : page->og_image, "", 0, 0);
        xmlFree(absolute);
    }
    ok = ok && push_with_id(out, article, source);
    ok = ok && emit_list(&page->related, source, page->url, out);
    if (!ok)
        snprintf(err, err_size, "out of memory");
    return ok;
}
