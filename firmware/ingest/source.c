#define _GNU_SOURCE /* memmem */
#include "ingest/source.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/article.h"
#include "ingest/cap.h"
#include "ingest/classify.h"
#include "ingest/feed.h"
#include "base/log.h"
#include "base/strarray.h"
#include "ingest/text.h"

/* More than this share of bad bytes is not text with a few broken characters. */
enum { MAX_INVALID_PERCENT = 5 };

void source_global_init(void)
{
    xmlInitParser();
}

void source_global_cleanup(void)
{
    xmlCleanupParser();
}

bool source_is_url(const char *location)
{
    return strncasecmp(location, "http://", 7) == 0 || strncasecmp(location, "https://", 8) == 0;
}

/* --- sniffing ---------------------------------------------------------------- */

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && isspace((unsigned char)*p))
        p++;
    return p;
}

/* Past "<?...?>", "<!--...-->" and "<!DOCTYPE ...>" before the root element. */
static const char *skip_prolog(const char *p, const char *end, bool *xml_declared, bool *html_doctype)
{
    for (;;) {
        p = skip_space(p, end);
        if (end - p >= 5 && !memcmp(p, "<?xml", 5))
            *xml_declared = true;
        const char *close = NULL;
        if (end - p >= 2 && !memcmp(p, "<?", 2))
            close = memmem(p, (size_t)(end - p), "?>", 2);
        else if (end - p >= 4 && !memcmp(p, "<!--", 4))
            close = memmem(p, (size_t)(end - p), "-->", 3);
        else if (end - p >= 9 && !strncasecmp(p, "<!DOCTYPE", 9)) {
            *html_doctype = end - p >= 14 && !strncasecmp(p + 9, " html", 5);
            close = memchr(p, '>', (size_t)(end - p));
        } else
            return p;
        if (!close)
            return end;
        p = close + 1;
    }
}

static bool root_is(const char *name, size_t len, const char *want)
{
    return strlen(want) == len && !strncasecmp(name, want, len);
}

static enum source_format sniff_markup(const char *p, const char *end)
{
    bool xml_declared = false, html_doctype = false;
    p = skip_prolog(p, end, &xml_declared, &html_doctype);
    if (html_doctype)
        return SOURCE_FORMAT_HTML;
    if (p >= end || *p != '<')
        return xml_declared ? SOURCE_FORMAT_FEED : SOURCE_FORMAT_HTML;
    const char *name = ++p;
    while (p < end && (isalnum((unsigned char)*p) || *p == ':' || *p == '-' || *p == '_' || *p == '.'))
        p++;
    size_t len = (size_t)(p - name);
    const char *colon = memchr(name, ':', len);
    const char *local = colon ? colon + 1 : name;
    size_t local_len = len - (size_t)(local - name);
    if (root_is(name, len, "rss") || root_is(local, local_len, "RDF") || root_is(local, local_len, "feed") ||
        root_is(name, len, "channel"))
        return SOURCE_FORMAT_FEED;
    /* Any other XML document goes to the feed parser, which names its root in the error. */
    return xml_declared && !root_is(name, len, "html") ? SOURCE_FORMAT_FEED : SOURCE_FORMAT_HTML;
}

/* <?xml ... encoding="windows-1258"?>: libxml2 converts it, so its bytes are not judged as UTF-8. */
static bool declares_other_encoding(const char *data, size_t size)
{
    size_t head = size < 200 ? size : 200;
    if (head < 5 || memcmp(data, "<?xml", 5))
        return false;
    const char *close = memmem(data, head, "?>", 2);
    const char *encoding = memmem(data, close ? (size_t)(close - data) : head, "encoding=", 9);
    if (!encoding || encoding + 10 >= data + head)
        return false;
    const char *name = encoding + 10; /* past the opening quote */
    return strncasecmp(name, "utf-8", 5) && strncasecmp(name, "utf8", 4);
}

enum source_format source_sniff(const char *data, size_t size, char *why, size_t why_size)
{
    const char *nul = memchr(data, '\0', size);
    if (size >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE) &&
        (unsigned char)data[1] == ((unsigned char)data[0] ^ 0x01)) {
        snprintf(why, why_size, "UTF-16 text is not supported (save it as UTF-8)");
        return SOURCE_FORMAT_UNKNOWN;
    }
    if (nul) {
        snprintf(why, why_size, "binary data (a NUL byte at offset %zu), not a feed, page or text", (size_t)(nul - data));
        return SOURCE_FORMAT_UNKNOWN;
    }
    size_t invalid = declares_other_encoding(data, size) ? 0 : text_invalid_utf8_bytes(data, size);
    if (invalid * 100 > size * MAX_INVALID_PERCENT) {
        snprintf(why, why_size, "not UTF-8 text (%zu of %zu bytes invalid): binary or another encoding", invalid, size);
        return SOURCE_FORMAT_UNKNOWN;
    }
    const char *end = data + size;
    const char *p = data;
    if (size >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3;
    p = skip_space(p, end);
    if (p == end) {
        snprintf(why, why_size, "empty (no content)");
        return SOURCE_FORMAT_UNKNOWN;
    }
    return *p == '<' ? sniff_markup(p, end) : SOURCE_FORMAT_TEXT;
}

/* --- parsing ------------------------------------------------------------------ */

bool source_parse(const char *name, const char *data, size_t size, const struct kind_rules *rules,
                          struct item_list *out, struct source_info *info, char *reason, size_t reason_size)
{
    size_t first = out->count;
    info->format = source_sniff(data, size, reason, reason_size);
    bool ok = false;
    struct feed_info feed = {0};
    /* CAP names itself: an alert feed given as an ordinary source still
     * takes over the screen, and "no alert now" is a success. */
    if (info->format == SOURCE_FORMAT_FEED && cap_sniff(data, size))
        return cap_parse(name, data, size, 0, out, reason, reason_size);
    switch (info->format) {
    case SOURCE_FORMAT_UNKNOWN: return false;
    case SOURCE_FORMAT_FEED:
        ok = feed_parse(name, data, size, out, &feed, reason, reason_size);
        info->ttl_minutes = feed.ttl_minutes;
        break;
    case SOURCE_FORMAT_HTML: ok = article_parse_html(name, data, size, out, reason, reason_size); break;
    case SOURCE_FORMAT_TEXT: ok = article_parse_text(name, data, size, out, reason, reason_size); break;
    }
    if (!ok)
        return false;
    struct classifier *classifier = classify_create(rules);
    for (size_t i = first; ok && i < out->count; i++)
        ok = classifier && classify_apply(classifier, &out->items[i]);
    classify_destroy(classifier);
    if (!ok) {
        snprintf(reason, reason_size, "out of memory");
        return false;
    }
    size_t added = out->count - first;
    if (feed.recovered && added == 0) {
        snprintf(reason, reason_size, "broken XML (%s), no items could be read", feed.detail);
        return false;
    }
    if (feed.recovered)
        log_warn("%s: broken XML (%s); read %zu items as far as it went", name, feed.detail, added);
    if (added == 0) {
        snprintf(reason, reason_size, "no items in this %s",
                 info->format == SOURCE_FORMAT_FEED ? feed_format_name(feed.format) : "page");
        return false;
    }
    return true;
}

bool source_parse_buffer_info(const char *name, const char *data, size_t size, const struct kind_rules *rules,
                              struct item_list *out, struct source_info *info, char *err, size_t err_size)
{
    struct source_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    char reason[512];
    if (source_parse(name, data, size, rules, out, info, reason, sizeof reason))
        return true;
    snprintf(err, err_size, "%s: %s", name, reason);
    return false;
}

bool source_parse_buffer(const char *name, const char *data, size_t size, const struct kind_rules *rules,
                         struct item_list *out, char *err, size_t err_size)
{
    return source_parse_buffer_info(name, data, size, rules, out, NULL, err, err_size);
}
