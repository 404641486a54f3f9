#define _GNU_SOURCE /* memmem */
#include "ingest/source.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/array.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/strarray.h"
#include "ingest/article.h"
#include "ingest/charset.h"
#include "ingest/classify.h"
#include "ingest/feed.h"
#include "ingest/jsonfeed.h"
#include "ingest/picture_ref.h"
#include "ingest/text.h"

/* More than this share of bad bytes is not text with a few broken characters. */
enum { MAX_INVALID_PERCENT = 5, SNIFF_BYTES = 64 * 1024 };

/* libxml2 reports a byte its converters cannot decode on stderr; charset.c
 * replaces such bytes with U+FFFD itself, so the report is noise. */
static void quiet(void *context, const char *message, ...)
{
    (void)context;
    (void)message;
}

void source_global_init(void)
{
    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, quiet);
    xmlThrDefSetGenericErrorFunc(NULL, quiet);
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

/* The element name at p ("<rss" gives "rss"; "</x", "<!" and "< " give none). */
static size_t element_name(const char *p, const char *end, const char **name)
{
    if (end - p < 2 || *p != '<' || !isalpha((unsigned char)p[1]))
        return 0;
    const char *q = ++p;
    while (q < end && (isalnum((unsigned char)*q) || *q == ':' || *q == '-' || *q == '_' || *q == '.'))
        q++;
    *name = p;
    return (size_t)(q - p);
}

static bool root_is(const char *name, size_t len, const char *want)
{
    return strlen(want) == len && !strncasecmp(name, want, len);
}

/* Whether the start tag at p declares an XML namespace of its own: a root
 * with xmlns="…" (other than XHTML's) or a prefix bound by xmlns:prefix is
 * an XML document even without "<?xml" (a CAP alert, a namespaced feed);
 * HTML never needs one. Namespaces in XML 1.0, section 3. */
static bool declares_xml_namespace(const char *p, const char *end)
{
    const char *close = memchr(p, '>', (size_t)(end - p));
    const char *tag_end = close ? close : end;
    static const char xhtml[] = "http://www.w3.org/1999/xhtml";
    for (const char *q = p; (q = memmem(q, (size_t)(tag_end - q), "xmlns", 5)) != NULL; q += 5) {
        if (q == p || !isspace((unsigned char)q[-1]))
            continue;
        const char *v = q + 5;
        if (v < tag_end && *v == ':')
            return true; /* a prefix bound: only XML has them */
        v = skip_space(v, tag_end);
        if (v >= tag_end || *v != '=')
            continue;
        v = skip_space(v + 1, tag_end);
        if (v < tag_end && (*v == '"' || *v == '\''))
            v++;
        size_t room = (size_t)(tag_end - v);
        return !(room >= sizeof xhtml - 1 && !memcmp(v, xhtml, sizeof xhtml - 1));
    }
    return false;
}

/* Feed or page by the root element, looking past comments, PIs, a
 * doctype and junk printed before the document. */
static enum source_format sniff_markup(const char *p, const char *end, bool look_past_html)
{
    const char *limit = end - p > SNIFF_BYTES ? p + SNIFF_BYTES : end;
    bool xml_declared = false;
    for (p = memchr(p, '<', (size_t)(limit - p)); p;) {
        const char *close = NULL;
        if (limit - p >= 5 && !memcmp(p, "<?xml", 5))
            xml_declared = true;
        if (limit - p >= 4 && !memcmp(p, "<!--", 4))
            close = memmem(p, (size_t)(limit - p), "-->", 3);
        else if (limit - p >= 14 && !strncasecmp(p, "<!DOCTYPE html", 14) &&
                 (limit - p == 14 || !isalnum((unsigned char)p[14]))) /* never read past the bytes given */
            return SOURCE_FORMAT_HTML;
        const char *name = NULL;
        size_t len = close ? 0 : element_name(p, limit, &name);
        if (len) {
            const char *colon = memchr(name, ':', len);
            const char *local = colon ? colon + 1 : name;
            size_t local_len = len - (size_t)(local - name);
            if (root_is(name, len, "rss") || root_is(local, local_len, "RDF") || root_is(local, local_len, "feed") ||
                root_is(name, len, "channel"))
                return SOURCE_FORMAT_FEED;
            if (root_is(name, len, "html") || root_is(name, len, "head") || root_is(name, len, "body")) {
                /* an XML declaration later on starts the real document: a
                 * server's HTML error page printed before the feed (the
                 * declaration is never valid inside an HTML page) */
                const char *decl = memmem(p, (size_t)(limit - p), "<?xml", 5);
                if (look_past_html && decl && sniff_markup(decl, end, false) == SOURCE_FORMAT_FEED)
                    return SOURCE_FORMAT_FEED;
                return SOURCE_FORMAT_HTML;
            }
            /* an XML document of another kind (a CAP alert, for the
             * alert reader): the feed parser names its root */
            if (xml_declared || declares_xml_namespace(p, limit))
                return SOURCE_FORMAT_FEED;
        }
        const char *from = close ? close + 3 : p + 1;
        p = from < limit ? memchr(from, '<', (size_t)(limit - from)) : NULL;
    }
    return xml_declared ? SOURCE_FORMAT_FEED : SOURCE_FORMAT_HTML;
}

/* A server's warning in plain text before "<?xml" / "<rss": still a feed. */
static bool feed_after_text(const char *p, const char *end)
{
    size_t n = (size_t)(end - p) < 4096 ? (size_t)(end - p) : 4096;
    return memmem(p, n, "<?xml", 5) || memmem(p, n, "<rss", 4) || memmem(p, n, "<feed", 5) ||
           memmem(p, n, "<rdf:RDF", 8);
}

/* '{', or '[' then an object, array or string: JSON (RFC 8259), which no
 * text page starts with; "[Video] …", a text page's bracket label, is none. */
static bool opens_as_json(const char *p, const char *end)
{
    if (*p == '{')
        return true;
    if (*p != '[')
        return false;
    p = skip_space(p + 1, end);
    return p < end && (*p == '{' || *p == '[' || *p == '"' || *p == ']');
}

/* A server's warning (text or HTML) before a JSON Feed: a line that opens
 * an object with a key, "version" naming jsonfeed.org, and the document
 * ends with the object. */
static bool jsonfeed_after_text(const char *p, const char *end)
{
    const char *last = end;
    while (last > p && isspace((unsigned char)last[-1]))
        last--;
    if (last == p || last[-1] != '}') /* a page that shows a feed's JSON goes on after it */
        return false;
    size_t n = (size_t)(end - p) < 4096 ? (size_t)(end - p) : 4096;
    for (const char *open = p; (open = memmem(open, n - (size_t)(open - p), "\n{", 2)) != NULL; open += 2) {
        const char *key = skip_space(open + 2, p + n);
        if (key < p + n && *key == '"')
            return memmem(key, n - (size_t)(key - p), "jsonfeed.org/version", 20) != NULL;
    }
    return false;
}

enum source_format source_sniff(const char *data, size_t size, char *why, size_t why_size)
{
    const char *nul = memchr(data, '\0', size);
    if (nul) {
        snprintf(why, why_size, "binary data (a NUL byte at offset %zu), not a feed, page or text",
                 (size_t)(nul - data));
        return SOURCE_FORMAT_UNKNOWN;
    }
    char declared[48];
    bool other = charset_declared(data, size, declared, sizeof declared) && strcasecmp(declared, "UTF-8");
    size_t judged = size < SNIFF_BYTES ? size : SNIFF_BYTES; /* a sample is enough to tell text from binary */
    size_t invalid = other ? 0 : text_invalid_utf8_bytes(data, judged);
    if (invalid * 100 > judged * MAX_INVALID_PERCENT) {
        snprintf(why, why_size, "not UTF-8 text (%zu of %zu bytes invalid): binary or another encoding", invalid,
                 judged);
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
    if (opens_as_json(p, end) || jsonfeed_after_text(p, end))
        return SOURCE_FORMAT_JSON;
    if (*p != '<' && !feed_after_text(p, end))
        return SOURCE_FORMAT_TEXT;
    return sniff_markup(p, end, true);
}

/* --- parsing ------------------------------------------------------------------ */

static bool parse_format(const struct ingest_context *context, const char *data, size_t size,
                         struct item_list *out, struct source_info *info, struct feed_info *feed, char *reason,
                         size_t reason_size)
{
    switch (info->format) {
    case SOURCE_FORMAT_UNKNOWN: return false;
    case SOURCE_FORMAT_FEED: {
        bool ok = feed_parse_in(context, data, size, out, feed, reason, reason_size);
        info->ttl_minutes = feed->ttl_minutes;
        return ok;
    }
    case SOURCE_FORMAT_HTML: return article_parse_html_in(context, data, size, out, reason, reason_size);
    case SOURCE_FORMAT_TEXT: return article_parse_text_in(context, data, size, out, reason, reason_size);
    case SOURCE_FORMAT_JSON: return jsonfeed_parse_in(context, data, size, out, reason, reason_size);
    }
    return false;
}

/* What the items read say of a document (what: "RSS 2.0", "page"): none
 * is an error that gives the parser's reason; a broken feed that still
 * gave items is a warning. */
static bool judge_items(const char *name, const struct feed_info *feed, size_t added, const char *what,
                        char *reason, size_t reason_size)
{
    if (feed->over_limit && added == 0) {
        snprintf(reason, reason_size, "%s; not a feed this kiosk can read", feed->detail);
        return false;
    }
    if (feed->recovered && added == 0) {
        snprintf(reason, reason_size, "broken XML (%s), no items could be read", feed->detail);
        return false;
    }
    if (feed->recovered)
        log_warn("%s: %s%s%s; read %zu items as far as it went", name, feed->over_limit ? "" : "broken XML (",
                 feed->detail, feed->over_limit ? "" : ")", added);
    if (added == 0) {
        snprintf(reason, reason_size, "no items in this %s", what);
        return false;
    }
    return true;
}

bool source_parse_in(const struct ingest_context *context, const char *data, size_t size,
                     const struct kind_rules *rules, struct item_list *out, struct source_info *info, char *reason,
                     size_t reason_size)
{
    size_t first = out->count;
    struct charset_text text;
    if (!charset_decode(data, size, context->charset, &text)) {
        log_oom_reason(reason, reason_size, NULL);
        return false;
    }
    if (text.warning[0])
        log_warn("%s: %s", context->name, text.warning);
    /* The parsers get UTF-8 and are told so: the declaration inside is not followed twice. */
    struct ingest_context utf8 = *context;
    utf8.charset = "UTF-8";
    struct feed_info feed = {0};
    const char *nul = strncasecmp(text.encoding, "UTF-16", 6) ? memchr(data, '\0', size) : NULL;
    info->format = nul ? source_sniff(data, size, reason, reason_size)
                       : source_sniff(text.data, text.size, reason, reason_size);
    /* CAP inside is no alert here, whatever it claims: only a source the
     * operator marked type = alert raises one (ingest/alert, live/fetch/admit).
     * A feed that holds or names CAP is read as the feed it is. */
    bool ok = parse_format(&utf8, text.data, text.size, out, info, &feed, reason, reason_size);
    charset_text_free(&text);
    if (!ok)
        return false;
    struct classifier *classifier = classify_create(rules);
    for (size_t i = first; ok && i < out->count; i++) {
        picture_ref_limit(context, &out->items[i]);
        ok = classifier && classify_apply(classifier, &out->items[i]);
    }
    classify_destroy(classifier);
    if (!ok) {
        log_oom_reason(reason, reason_size, NULL);
        return false;
    }
    return judge_items(context->name, &feed, out->count - first,
                       info->format == SOURCE_FORMAT_FEED   ? feed_format_name(feed.format)
                       : info->format == SOURCE_FORMAT_JSON ? "JSON Feed"
                                                            : "page",
                       reason, reason_size);
}

bool source_parse(const char *name, const char *data, size_t size, const struct kind_rules *rules,
                  struct item_list *out, struct source_info *info, char *reason, size_t reason_size)
{
    struct ingest_context context = {.name = name, .url = source_is_url(name) ? name : NULL};
    return source_parse_in(&context, data, size, rules, out, info, reason, reason_size);
}

bool source_parse_context_info(const struct ingest_context *context, const char *data, size_t size,
                               const struct kind_rules *rules, struct item_list *out, struct source_info *info,
                               char *err, size_t err_size)
{
    struct source_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    char reason[TICKER_ERROR_MAX];
    if (source_parse_in(context, data, size, rules, out, info, reason, sizeof reason))
        return true;
    snprintf(err, err_size, "%s: %s", context->name, reason);
    return false;
}

bool source_parse_buffer_info(const char *name, const char *data, size_t size, const struct kind_rules *rules,
                              struct item_list *out, struct source_info *info, char *err, size_t err_size)
{
    struct source_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    char reason[TICKER_ERROR_MAX];
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

/* --- a stream ------------------------------------------------------------------ */

/* What the encoding and the format are judged on before a large feed is
 * read as a stream: as much as uchardet reads. A smaller document is read
 * whole, exactly as source_parse_in reads it. */
enum { STREAM_HEAD_BYTES = 1024 * 1024 };

struct source_stream {
    struct ingest_context context, utf8; /* utf8: the same, with the charset decided */
    const struct kind_rules *rules;
    item_sink_fn *sink;
    void *sink_arg;
    struct classifier *classifier;
    char *raw; /* the head; all of a document that is not streamed */
    size_t raw_len, raw_cap, head_bytes;
    bool decided, charset_open;
    struct charset_stream charset;
    struct feed_stream *feed; /* a large feed, read as it comes */
    size_t delivered;
    bool ok;
};

struct source_stream *source_stream_create(const struct ingest_context *context, const struct kind_rules *rules,
                                           item_sink_fn *sink, void *sink_arg)
{
    struct source_stream *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->context = *context;
    s->rules = rules;
    s->sink = sink;
    s->sink_arg = sink_arg;
    s->head_bytes = STREAM_HEAD_BYTES;
    s->ok = true;
    return s;
}

void source_stream_set_head(struct source_stream *stream, size_t bytes)
{
    stream->head_bytes = bytes ? bytes : 1;
}

/* A feed's item, classified, to the caller. */
static bool classify_and_deliver(void *arg, struct item *item)
{
    struct source_stream *s = arg;
    picture_ref_limit(&s->context, item);
    if (!classify_apply(s->classifier, item) || !s->sink(s->sink_arg, item))
        return false;
    s->delivered++;
    return true;
}

/* The head decides: a feed is read as a stream from here on;
 * anything else is kept whole for source_parse_in at the end. */
static void decide(struct source_stream *s)
{
    s->decided = true;
    s->charset_open = true;
    if (!charset_stream_start(&s->charset, s->raw, s->raw_len, s->context.charset)) {
        s->ok = false;
        return;
    }
    size_t n = 0;
    const char *utf8 = charset_stream_push(&s->charset, s->raw, s->raw_len, false, &n);
    if (!utf8) {
        s->ok = false;
        return;
    }
    char why[TICKER_REASON_MAX];
    const char *nul = strncasecmp(s->charset.text.encoding, "UTF-16", 6) ? memchr(s->raw, '\0', s->raw_len) : NULL;
    enum source_format format =
        nul ? source_sniff(s->raw, s->raw_len, why, sizeof why) : source_sniff(utf8, n, why, sizeof why);
    if (format != SOURCE_FORMAT_FEED) {
        charset_stream_end(&s->charset); /* read whole at the end */
        s->charset_open = false;
        return;
    }
    if (s->charset.text.warning[0])
        log_warn("%s: %s", s->context.name, s->charset.text.warning);
    s->utf8 = s->context;
    s->utf8.charset = "UTF-8";
    s->classifier = classify_create(s->rules);
    s->feed = s->classifier ? feed_stream_create(&s->utf8, classify_and_deliver, s) : NULL;
    if (!s->feed || !feed_stream_push(s->feed, utf8, n))
        s->ok = false;
    free(s->raw);
    s->raw = NULL;
    s->raw_len = s->raw_cap = 0;
}

bool source_stream_push(struct source_stream *s, const char *data, size_t size)
{
    if (!s->ok)
        return false;
    if (s->feed) {
        size_t n = 0;
        const char *utf8 = charset_stream_push(&s->charset, data, size, false, &n);
        return s->ok = utf8 && feed_stream_push(s->feed, utf8, n);
    }
    if (!ARRAY_GROW(s->raw, s->raw_cap, s->raw_len + size, 64 * 1024))
        return s->ok = false;
    memcpy(s->raw + s->raw_len, data, size);
    s->raw_len += size;
    if (!s->decided && s->raw_len >= s->head_bytes)
        decide(s);
    return s->ok;
}

/* A document read whole: source_parse_in, then each item to the sink. */
static bool finish_whole(struct source_stream *s, struct source_info *info, char *reason, size_t reason_size)
{
    struct item_list *items = item_list_create();
    bool ok = items && source_parse_in(&s->context, s->raw ? s->raw : "", s->raw_len, s->rules, items, info,
                                       reason, reason_size);
    if (!items)
        log_oom_reason(reason, reason_size, NULL);
    for (size_t i = 0; ok && i < items->count; i++) {
        ok = s->sink(s->sink_arg, &items->items[i]);
        if (!ok)
            snprintf(reason, reason_size, "the items could not be handed on (" LOG_OOM ", or output closed)");
    }
    item_list_destroy(items);
    return ok;
}

bool source_stream_finish(struct source_stream *s, struct source_info *info, char *reason, size_t reason_size)
{
    memset(info, 0, sizeof *info);
    if (!s->ok) {
        snprintf(reason, reason_size, LOG_OOM ", or the items could not be handed on");
        return false;
    }
    if (!s->feed)
        return finish_whole(s, info, reason, reason_size);
    info->format = SOURCE_FORMAT_FEED;
    size_t n = 0;
    const char *utf8 = charset_stream_push(&s->charset, NULL, 0, true, &n);
    struct feed_info feed = {0};
    if (!utf8 || !feed_stream_push(s->feed, utf8, n)) {
        snprintf(reason, reason_size, LOG_OOM ", or the items could not be handed on");
        return false;
    }
    if (!feed_stream_finish(s->feed, &feed, reason, reason_size))
        return false;
    info->ttl_minutes = feed.ttl_minutes;
    return judge_items(s->context.name, &feed, s->delivered, feed_format_name(feed.format), reason, reason_size);
}

void source_stream_destroy(struct source_stream *s)
{
    if (!s)
        return;
    feed_stream_destroy(s->feed);
    if (s->charset_open)
        charset_stream_end(&s->charset);
    classify_destroy(s->classifier);
    free(s->raw);
    free(s);
}
