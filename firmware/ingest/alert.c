/* Alert sources: CAP or a plain text message (see alert.h). */
#include "ingest/alert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/log.h"
#include "ingest/cap.h"
#include "ingest/charset.h"
#include "ingest/source.h"
#include "ingest/text.h"

static bool alert_parse_utf8(const char *name, const char *data, size_t size, const char *http_charset,
                             int64_t changed_at, const struct source_config *source, struct item_list *out,
                             struct cap_clears *clears, char *reason, size_t reason_size);

bool alert_parse(const char *name, const char *data, size_t size, const char *http_charset, int64_t changed_at,
                 const struct source_config *source, struct item_list *out, char *reason, size_t reason_size)
{
    return alert_parse_clears(name, data, size, http_charset, changed_at, source, out, NULL, reason, reason_size);
}

bool alert_parse_clears(const char *name, const char *data, size_t size, const char *http_charset,
                        int64_t changed_at, const struct source_config *source, struct item_list *out,
                        struct cap_clears *clears, char *reason, size_t reason_size)
{
    /* UTF-16 (a BOM, or "<" and a NUL byte) is made UTF-8 before it is
     * sniffed: its NUL bytes are no sign of binary data. */
    const unsigned char *u = (const unsigned char *)data;
    bool utf16 = size >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF) ||
                               (u[0] == '<' && u[1] == 0) || (u[0] == 0 && u[1] == '<'));
    struct charset_text text = {0};
    if (utf16) {
        if (!charset_decode(data, size, http_charset, &text)) {
            log_oom_reason(reason, reason_size, NULL);
            return false;
        }
        data = text.data;
        size = text.size;
        http_charset = "UTF-8";
    }
    bool ok = alert_parse_utf8(name, data, size, http_charset, changed_at, source, out, clears, reason, reason_size);
    charset_text_free(&text);
    return ok;
}

static bool alert_parse_utf8(const char *name, const char *data, size_t size, const char *http_charset,
                             int64_t changed_at, const struct source_config *source, struct item_list *out,
                             struct cap_clears *clears, char *reason, size_t reason_size)
{
    char why[TICKER_REASON_MAX];
    /* By the content, wherever the namespace stands: any XML is read as
     * CAP (or refused as no CAP); only plain text is a message. */
    switch (source_sniff(data, size, why, sizeof why)) {
    case SOURCE_FORMAT_UNKNOWN:
        if (strcmp(why, "empty (no content)") == 0)
            return true; /* an emptied file: no alert */
        snprintf(reason, reason_size, "%s", why);
        return false;
    case SOURCE_FORMAT_FEED:
        return cap_parse_clears(name, data, size, http_charset, source->expire_after_seconds, source->cap_scopes, out,
                                clears, reason, reason_size);
    case SOURCE_FORMAT_HTML:
        /* A captive portal's page or a server's error page must not fill
         * the screen in red as a "message". */
        snprintf(reason, reason_size, "an HTML page, not a CAP 1.2 alert or a plain text message");
        return false;
    case SOURCE_FORMAT_JSON:
        snprintf(reason, reason_size, "a JSON document, not a CAP 1.2 alert or a plain text message");
        return false;
    case SOURCE_FORMAT_TEXT: break;
    }
    /* The first non-empty line is the title, whatever follows the body. */
    const char *p = data, *end = data + size;
    const char *line_end;
    for (;;) {
        line_end = memchr(p, '\n', (size_t)(end - p));
        if (!line_end)
            line_end = end;
        char *probe = text_clean(p, (size_t)(line_end - p));
        bool blank = probe && !probe[0];
        free(probe);
        if (!blank || line_end == end)
            break;
        p = line_end + 1;
    }
    char *title = text_clean(p, (size_t)(line_end - p));
    char *body = text_clean(line_end, (size_t)(end - line_end));
    struct item item;
    item_init(&item);
    bool ok = title && body;
    if (ok && title[0]) {
        char id[19];
        item_make_id(name, title, id);
        item.severity = (enum item_severity)source->alert_severity;
        if (item.severity == ITEM_SEVERITY_NONE)
            item.severity = ITEM_SEVERITY_SEVERE;
        item.published = changed_at;
        item.has_published = changed_at != 0;
        item.expires = source->expire_after_seconds > 0 ? changed_at + source->expire_after_seconds : 0;
        ok = item_set(&item.id, id) && item_set(&item.title, title) && item_set(&item.summary, body) &&
             item_set(&item.source, name) && item_list_push(out, &item);
    }
    item_clear(&item);
    free(title);
    free(body);
    if (!ok)
        log_oom_reason(reason, reason_size, NULL);
    return ok;
}
