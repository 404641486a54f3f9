/* CAP 1.2 documents and feeds to alert items (see cap.h). */
#define _GNU_SOURCE /* memmem */
#include "ingest/cap.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/array.h"
#include "base/limits.h"
#include "base/log.h"
#include "ingest/charset.h"
#include "ingest/date.h"
#include "ingest/text.h"
#include "ingest/xmlerror.h"

/* CAP 1.0 and 1.1 (still published by weather services) name the same
 * elements the 1.2 reader uses; only the namespace's last digit differs. */
static bool is_cap_namespace(const char *href)
{
    static const char prefix[] = "urn:oasis:names:tc:emergency:cap:1.";
    return !strncmp(href, prefix, sizeof prefix - 1) && strchr("012", href[sizeof prefix - 1]) &&
           href[sizeof prefix - 1] && !href[sizeof prefix];
}

static bool is_cap(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && node->ns && node->ns->href &&
           is_cap_namespace((const char *)node->ns->href) && !strcmp((const char *)node->name, name);
}

static const xmlNode *child(const xmlNode *parent, const char *name)
{
    for (const xmlNode *n = parent->children; n; n = n->next)
        if (is_cap(n, name))
            return n;
    return NULL;
}

/* The element's text, cleaned (NFC, whitespace collapsed); "" when absent. Caller frees. */
static char *child_text(const xmlNode *parent, const char *name)
{
    const xmlNode *n = child(parent, name);
    xmlChar *raw = n ? xmlNodeGetContent(n) : NULL;
    char *clean = text_clean(raw ? (const char *)raw : "", raw ? strlen((const char *)raw) : 0);
    xmlFree(raw);
    return clean;
}

static bool child_is(const xmlNode *parent, const char *name, const char *value)
{
    char *text = child_text(parent, name);
    bool same = text && strcasecmp(text, value) == 0;
    free(text);
    return same;
}

/* Whether the alert's <scope> is one the source shows (3.2.1: Public,
 * always; Restricted and Private when scopes says so; absent counts as
 * Public, a value outside the three as Private: never more public than it
 * says). */
static bool scope_shown(const xmlNode *alert, unsigned scopes)
{
    char *scope = child_text(alert, "scope");
    unsigned bit = !scope || !scope[0] || !strcasecmp(scope, "Public") ? CONFIG_CAP_SCOPE_PUBLIC
                   : !strcasecmp(scope, "Restricted")                  ? CONFIG_CAP_SCOPE_RESTRICTED
                                                                       : CONFIG_CAP_SCOPE_PRIVATE;
    free(scope);
    return ((scopes | CONFIG_CAP_SCOPE_PUBLIC) & bit) != 0; /* Public is what an alert source is for */
}

/* The <info> to show: the first in Vietnamese, else the first (CAP's
 * default language is en-US, 3.2.2). */
static const xmlNode *pick_info(const xmlNode *alert)
{
    const xmlNode *first = NULL;
    for (const xmlNode *n = alert->children; n; n = n->next) {
        if (!is_cap(n, "info"))
            continue;
        if (!first)
            first = n;
        char *language = child_text(n, "language");
        bool vietnamese = language && (!strcasecmp(language, "vi") || !strncasecmp(language, "vi-", 3));
        free(language);
        if (vietnamese)
            return n;
    }
    return first;
}

struct found {
    const xmlNode **alerts;
    size_t count, capacity;
};

static bool collect(const xmlNode *node, struct found *found)
{
    for (const xmlNode *n = node; n; n = n->next) {
        if (is_cap(n, "alert")) {
            if (!ARRAY_GROW(found->alerts, found->capacity, found->count + 1, 8))
                    return false;
            found->alerts[found->count++] = n;
        } else if (n->type == XML_ELEMENT_NODE && !collect(n->children, found)) {
            return false;
        }
    }
    return true;
}

/* Whether a Cancel or an Update among the alerts references this one ("sender,identifier,sent"
 * triples separated by whitespace, 3.2.1 <references>). */
static bool cancelled(const struct found *found, const char *sender, const char *identifier)
{
    char key[1024];
    int n = snprintf(key, sizeof key, "%s,%s,", sender, identifier);
    if (n <= 0 || (size_t)n >= sizeof key)
        return false;
    bool hit = false;
    for (size_t i = 0; !hit && i < found->count; i++) {
        if (!child_is(found->alerts[i], "msgType", "Cancel") && !child_is(found->alerts[i], "msgType", "Update"))
            continue;
        char *refs = child_text(found->alerts[i], "references");
        for (char *save = NULL, *ref = refs ? strtok_r(refs, " ", &save) : NULL; ref && !hit;
             ref = strtok_r(NULL, " ", &save))
            hit = strncmp(ref, key, (size_t)n) == 0;
        free(refs);
    }
    return hit;
}

static int64_t child_date(const xmlNode *parent, const char *name)
{
    char *text = child_text(parent, name);
    int64_t when = 0;
    if (text && text[0] && !date_parse(text, &when))
        when = 0;
    free(text);
    return when;
}

/* One shown alert to an item; false only on OOM. */
static bool alert_item(const char *name, const xmlNode *alert, const xmlNode *info, int expire_after,
                       struct item_list *out)
{
    char *sender = child_text(alert, "sender"), *identifier = child_text(alert, "identifier");
    char *headline = child_text(info, "headline"), *event = child_text(info, "event");
    char *description = child_text(info, "description"), *instruction = child_text(info, "instruction");
    char *sender_name = child_text(info, "senderName"), *web = child_text(info, "web");
    char *severity = child_text(info, "severity");
    bool ok = sender && identifier && headline && event && description && instruction && sender_name && web && severity;
    struct item item;
    item_init(&item);
    char *id = NULL, *summary = NULL;
    if (ok) {
        size_t id_size = strlen(sender) + strlen(identifier) + 6;
        size_t summary_size = strlen(description) + strlen(instruction) + 2;
        id = malloc(id_size);
        summary = malloc(summary_size);
        ok = id && summary;
        if (ok) {
            snprintf(id, id_size, "cap:%s/%s", sender, identifier);
            snprintf(summary, summary_size, "%s%s%s", description, description[0] && instruction[0] ? " " : "",
                     instruction);
        }
    }
    ok = ok && item_set(&item.id, id) && item_set(&item.title, headline[0] ? headline : event) &&
         item_set(&item.summary, summary) &&
         item_set(&item.source, sender_name[0] ? sender_name : sender[0] ? sender : name) && item_set(&item.link, web);
    if (ok && !item_severity_from_name(severity, &item.severity))
        item.severity = ITEM_SEVERITY_UNKNOWN; /* a value outside the five is still an alert */
    int64_t sent = child_date(alert, "sent");
    item.published = sent;
    item.has_published = sent != 0;
    item.expires = child_date(info, "expires");
    if (!item.expires && sent && expire_after > 0)
        item.expires = sent + expire_after;
    ok = ok && item.title[0] && item_list_push(out, &item);
    bool oom = !ok && item.title && item.title[0];
    item_clear(&item);
    free(id);
    free(summary);
    char *strings[] = {sender, identifier, headline, event, description, instruction, sender_name, web, severity};
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        free(strings[i]);
    return ok || !oom; /* an alert with neither headline nor event is skipped, not an error */
}

bool cap_parse(const char *name, const char *data, size_t size, const char *http_charset, int expire_after_seconds,
               unsigned scopes, struct item_list *out, char *reason, size_t reason_size)
{
    if (size > 0x7fffffff) {
        snprintf(reason, reason_size, "CAP document too large");
        return false;
    }
    /* The bytes to UTF-8 once, as feeds are (ingest/charset: a BOM, the
     * HTTP charset, the declaration, the content), and libxml2 told to read
     * UTF-8 and ignore the declaration: an alert declared ISO-8859-1 whose
     * bytes are UTF-8 (common among agencies) was decoded a second time
     * ("UsulutÃ¡n"). Bytes still invalid become U+FFFD, not a refusal. */
    struct charset_text text;
    if (!charset_decode(data, size, http_charset, &text)) {
        snprintf(reason, reason_size, "out of memory");
        return false;
    }
    if (text.warning[0])
        log_warn("%s: %s", name, text.warning);
    char *utf8 = text_repair_utf8(text.data, text.size);
    charset_text_free(&text);
    if (!utf8) {
        snprintf(reason, reason_size, "out of memory");
        return false;
    }
    size = strlen(utf8);
    data = utf8;
    /* No XML_PARSE_NOENT / DTDLOAD / HUGE: entities stay unexpanded and
     * nothing is fetched, so a hostile document cannot reach out or blow up. */
    xmlDoc *doc = xmlReadMemory(data, (int)size, NULL, "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT |
                                    XML_PARSE_IGNORE_ENC);
    if (!doc) {
        char message[TICKER_REASON_MAX];
        if (xmlerror_describe(xmlGetLastError(), message, sizeof message))
            snprintf(reason, reason_size, "CAP: %s; not an alert this kiosk can read", message);
        else
            snprintf(reason, reason_size, "CAP: not well-formed XML (%s)", message);
        free(utf8);
        return false;
    }
    struct found found = {0};
    bool ok = collect(xmlDocGetRootElement(doc), &found);
    if (ok && found.count == 0 && !memmem(data, size, CAP_NAMESPACE_STEM, strlen(CAP_NAMESPACE_STEM))) {
        snprintf(reason, reason_size, "no CAP 1.2 <alert> in this document (not an alert feed)");
        ok = false;
    } else if (!ok) {
        snprintf(reason, reason_size, "out of memory");
    }
    for (size_t i = 0; ok && i < found.count; i++) {
        const xmlNode *alert = found.alerts[i];
        /* Tests, exercises and system messages never reach a public screen. */
        if (!child_is(alert, "status", "Actual") ||
            !(child_is(alert, "msgType", "Alert") || child_is(alert, "msgType", "Update")) ||
            !scope_shown(alert, scopes))
            continue;
        char *sender = child_text(alert, "sender"), *identifier = child_text(alert, "identifier");
        bool gone = sender && identifier && cancelled(&found, sender, identifier);
        free(sender);
        free(identifier);
        const xmlNode *info = pick_info(alert);
        if (!gone && info && !alert_item(name, alert, info, expire_after_seconds, out)) {
            snprintf(reason, reason_size, "out of memory");
            ok = false;
        }
    }
    free(found.alerts);
    xmlFreeDoc(doc);
    free(utf8);
    return ok;
}
