/* CAP 1.2 documents and feeds to alert items (see cap.h). */
#define _GNU_SOURCE /* memmem */
#include "ingest/cap.h"
#include "ingest/cap_index.h"
#include "ingest/cap_tests.h"

#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/array.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/strbuf.h"
#include "ingest/charset.h"
#include "ingest/date.h"
#include "ingest/text.h"
#include "ingest/xmlentities.h"
#include "ingest/xmlerror.h"
#include "ingest/xmlrepair.h"

/* CAP 1.0 and 1.1 (still published by weather services) name the same
 * elements the 1.2 reader uses; only the namespace differs. */
bool cap_is_namespace(const char *href)
{
    size_t stem = strlen(CAP_NAMESPACE_STEM);
    if (!strcmp(href, CAP_NAMESPACE_10))
        return true;
    return !strncmp(href, CAP_NAMESPACE_STEM, stem) && href[stem] && strchr("012", href[stem]) && !href[stem + 1];
}

static bool is_cap(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && node->ns && node->ns->href &&
           cap_is_namespace((const char *)node->ns->href) && !strcmp((const char *)node->name, name);
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

/* Text meant to be read (headline, description, instruction, event,
 * senderName): agencies put HTML there, escaped or in CDATA ("Not
 * Applicable<br />LOCATION", "<p>...</p>", "&amp;nbsp;"). It becomes text
 * as a feed's description does: tags out, br / p / div separate words,
 * entities decoded, markup escaped twice read twice. Caller frees. */
static char *readable_text(const char *raw)
{
    char *copy = strdup(raw);
    if (!copy)
        return NULL;
    text_strip_cdata_markers(copy);
    char *clean = text_looks_like_markup(copy) ? text_from_html(copy, strlen(copy), NULL, NULL)
                                               : text_clean(copy, strlen(copy));
    free(copy);
    if (clean && strchr(clean, '<') && text_looks_like_markup(clean)) { /* "&amp;lt;br&amp;gt;" */
        char *again = text_from_html(clean, strlen(clean), NULL, NULL);
        free(clean);
        clean = again;
    }
    if (clean && strchr(clean, '&') && text_decode_references(clean)) { /* "&amp;apos;" */
        char *again = text_clean(clean, strlen(clean));
        free(clean);
        clean = again;
    }
    return clean;
}

/* The element's text for people (readable_text); "" when absent. Markup
 * written as XML elements (<br/>, an XHTML <p>) is read as HTML too: its
 * text alone would glue the words on either side of a <br/> together.
 * Caller frees. */
static char *child_readable(const xmlNode *parent, const char *name)
{
    const xmlNode *n = child(parent, name);
    bool elements = false;
    for (const xmlNode *c = n ? n->children : NULL; c && !elements; c = c->next)
        elements = c->type == XML_ELEMENT_NODE;
    if (!elements) {
        xmlChar *raw = n ? xmlNodeGetContent(n) : NULL;
        char *clean = readable_text(raw ? (const char *)raw : "");
        xmlFree(raw);
        return clean;
    }
    xmlBuffer *markup = xmlBufferCreate();
    if (!markup)
        return NULL;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            xmlBufferCat(markup, c->content); /* as written: escaped HTML reads as HTML */
        else if (c->type == XML_ELEMENT_NODE)
            xmlNodeDump(markup, c->doc, (xmlNode *)c, 0, 0);
    }
    const xmlChar *content = xmlBufferContent(markup);
    char *clean = readable_text(content ? (const char *)content : "");
    xmlBufferFree(markup);
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

static int64_t child_date(const xmlNode *parent, const char *name);

/* Whether ref, one <references> entry ("sender,identifier,sent", 3.2.1;
 * also met as "sender,identifier" or a bare identifier), names this
 * identifier. The sender is not compared: agencies write it differently
 * in references than in <sender>, and identifiers are unique. */
static bool names(const char *ref, const char *identifier)
{
    const char *comma = strchr(ref, ',');
    const char *id = comma ? comma + 1 : ref, *end = strchr(id, ',');
    size_t id_len = end ? (size_t)(end - id) : strlen(id);
    return id_len == strlen(identifier) && !strncmp(id, identifier, id_len);
}

static bool is_update_or_cancel(const xmlNode *alert)
{
    return child_is(alert, "msgType", "Update") || child_is(alert, "msgType", "Cancel");
}

/* Whether an Actual Cancel or Update among the alerts replaces alert
 * number i: it references it (<references>, whitespace-separated entries), or it
 * bears the same sender and identifier (some agencies reissue under the
 * same one) and is no older, when alert i is an Update too. */
static bool superseded(const struct found *found, size_t i, const char *sender, const char *identifier)
{
    bool hit = false;
    int64_t sent = child_date(found->alerts[i], "sent");
    bool own_update = is_update_or_cancel(found->alerts[i]);
    for (size_t j = 0; !hit && j < found->count; j++) {
        const xmlNode *other = found->alerts[j];
        if (j == i || !is_update_or_cancel(other) || !child_is(other, "status", "Actual"))
            continue; /* an exercise's Cancel leaves a real alert alone */
        char *other_sender = child_text(other, "sender"), *other_id = child_text(other, "identifier");
        if (other_sender && other_id && !strcasecmp(other_sender, sender) && !strcmp(other_id, identifier)) {
            int64_t other_sent = child_date(other, "sent");
            hit = !own_update || other_sent > sent || (other_sent == sent && j > i);
        }
        free(other_sender);
        free(other_id);
        char *refs = hit ? NULL : child_text(other, "references");
        for (char *save = NULL, *ref = refs ? strtok_r(refs, " ", &save) : NULL; ref && !hit;
             ref = strtok_r(NULL, " ", &save))
            hit = names(ref, identifier);
        free(refs);
    }
    return hit;
}

/* Whether the message says its threat is over (an <info> of urgency Past
 * or responseType AllClear, 3.2.2): an all-clear is not itself shown; what
 * it references it removes (superseded). */
static bool is_all_clear(const xmlNode *alert)
{
    for (const xmlNode *info = alert->children; info; info = info->next) {
        if (!is_cap(info, "info"))
            continue;
        if (child_is(info, "urgency", "Past"))
            return true;
        for (const xmlNode *n = info->children; n; n = n->next)
            if (is_cap(n, "responseType")) {
                xmlChar *raw = xmlNodeGetContent(n);
                char *value = text_clean(raw ? (const char *)raw : "", raw ? strlen((const char *)raw) : 0);
                xmlFree(raw);
                if (value) /* "All Clear", "all-clear" as some agencies write it */
                    for (char *r = value, *w = value;; r++)
                        if (*r != ' ' && *r != '-' && *r != '_' && !(*w++ = *r))
                            break;
                bool clear = value && !strcasecmp(value, "AllClear");
                free(value);
                if (clear)
                    return true;
            }
    }
    return false;
}

/* The readable value of the <info>'s <parameter> named value_name
 * (case aside): <valueName>/<value> (CAP 1.1, 1.2) or "valueName=value"
 * (CAP 1.0); "" when there is none. Caller frees. */
static char *parameter_text(const xmlNode *info, const char *value_name)
{
    for (const xmlNode *n = info->children; n; n = n->next) {
        if (!is_cap(n, "parameter"))
            continue;
        if (child(n, "valueName")) {
            char *found = child_text(n, "valueName");
            bool hit = found && !strcasecmp(found, value_name);
            free(found);
            if (hit)
                return child_readable(n, "value");
            continue;
        }
        xmlChar *raw = xmlNodeGetContent(n);
        const char *text = raw ? (const char *)raw : "";
        text += strspn(text, " \t\r\n");
        size_t len = strlen(value_name);
        char *value = !strncasecmp(text, value_name, len) && text[len] == '=' ? readable_text(text + len + 1) : NULL;
        xmlFree(raw);
        if (value)
            return value;
    }
    return strdup("");
}

/* EAS / SAME event codes of tests (47 CFR 11.31): Required Monthly and
 * Weekly Tests, the National Periodic Test, the practice / demo warning. */
static const char *const test_codes[] = {"RMT", "RWT", "NPT", "DMO"};

/* Whether the message is a test, an exercise, a system message or a draft
 * (its status, 3.2.1), a test by its event code (any valueName), or by what
 * its text says; why gets which. */
static bool is_test(const xmlNode *alert, char *why, size_t why_size)
{
    char *status = child_text(alert, "status");
    /* A missing status (required by 3.2.1, yet seen) is taken as Actual: on
     * a public screen a real warning hidden costs more than a test shown. */
    bool test = status && status[0] && strcasecmp(status, "Actual");
    if (test)
        snprintf(why, why_size, "status %s", status);
    free(status);
    char *note = test ? NULL : child_readable(alert, "note");
    if (!test && cap_text_says_test(note)) {
        test = true;
        snprintf(why, why_size, "its note says so");
    }
    free(note);
    for (const xmlNode *info = alert->children; !test && info; info = info->next) {
        if (!is_cap(info, "info"))
            continue;
        for (const xmlNode *code = info->children; !test && code; code = code->next) {
            if (!is_cap(code, "eventCode"))
                continue;
            char *value = child_text(code, "value");
            for (size_t i = 0; value && !test && i < sizeof test_codes / sizeof *test_codes; i++)
                if (!strcasecmp(value, test_codes[i])) {
                    test = true;
                    snprintf(why, why_size, "event code %s", test_codes[i]);
                }
            free(value);
        }
        static const char *const texts[] = {"headline", "description", "instruction", "event"};
        for (size_t i = 0; !test && i < sizeof texts / sizeof *texts; i++) {
            char *text = child_readable(info, texts[i]);
            if (cap_text_says_test(text)) {
                test = true;
                snprintf(why, why_size, "its %s says so", texts[i]);
            }
            free(text);
        }
        static const char *const parameters[] = {"CMAMtext", "CMAMlongtext"};
        for (size_t i = 0; !test && i < sizeof parameters / sizeof *parameters; i++) {
            char *text = parameter_text(info, parameters[i]);
            if (cap_text_says_test(text)) {
                test = true;
                snprintf(why, why_size, "its %s says so", parameters[i]);
            }
            free(text);
        }
    }
    return test;
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

/* Whether text begins with lead, case aside (equal counts). */
static bool begins_with(const char *text, const char *lead)
{
    return lead[0] && !strncasecmp(text, lead, strlen(lead));
}

/* The same sentence is shown once: a WEA alert whose only text is CMAMtext
 * (or a CMAMlongtext that repeats it) gave it as title and body. When the
 * body would equal the title or go on from it, the event names the alert
 * (if it says something else) over the body; else the body is dropped. */
static void pick_once(const char **title, const char **body, const char *event)
{
    if (!begins_with(*body, *title))
        return;
    if (event[0] && !begins_with(*body, event))
        *title = event;
    else if (!strcasecmp(*body, *title))
        *body = "";
}

/* One shown alert to an item; false only on OOM. The text: headline (else
 * the WEA CMAMtext parameter, else event) over description (else
 * CMAMlongtext, else CMAMtext: a US Wireless Emergency Alert may carry no
 * other text) and instruction. */
static bool alert_item(const char *name, const xmlNode *alert, const xmlNode *info, int expire_after,
                       struct item_list *out)
{
    char *sender = child_text(alert, "sender"), *identifier = child_text(alert, "identifier");
    char *headline = child_readable(info, "headline"), *event = child_readable(info, "event");
    char *description = child_readable(info, "description"), *instruction = child_readable(info, "instruction");
    char *sender_name = child_readable(info, "senderName"), *web = child_text(info, "web");
    char *severity = child_text(info, "severity");
    char *cmam = parameter_text(info, "CMAMtext"), *cmam_long = parameter_text(info, "CMAMlongtext");
    bool ok = sender && identifier && headline && event && description && instruction && sender_name && web &&
              severity && cmam && cmam_long;
    struct item item;
    item_init(&item);
    char *id = NULL, *summary = NULL;
    const char *title = NULL;
    if (ok) {
        title = headline[0] ? headline : cmam[0] ? cmam : event;
        const char *body = description[0] ? description : cmam_long[0] ? cmam_long : cmam;
        pick_once(&title, &body, event);
        size_t summary_size = strlen(body) + strlen(instruction) + 2;
        id = cap_item_id(sender, identifier);
        summary = malloc(summary_size);
        ok = id && summary;
        if (ok)
            snprintf(summary, summary_size, "%s%s%s", body, body[0] && instruction[0] ? " " : "", instruction);
    }
    ok = ok && item_set(&item.id, id) && item_set(&item.title, title) &&
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
    char *strings[] = {sender,      identifier, headline, event,    description, instruction,
                       sender_name, web,        severity, cmam, cmam_long};
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        free(strings[i]);
    return ok || !oom; /* an alert with neither headline nor event is skipped, not an error */
}

/* getEntity: the document's own, XML's five, then HTML's (ingest/xmlentities), as ingest/feed's. */
static xmlEntity *get_entity(void *ctx, const xmlChar *name)
{
    return xml_entities_get(((xmlParserCtxt *)ctx)->_private, ctx, name);
}

/* What an Actual Cancel or Update says is over, for every alert source
 * (cap_refs): what it references, and its own identifier when it is a
 * Cancel or an all-clear. A test clears nothing. False only on OOM. */
static bool add_clears(const char *name, const xmlNode *alert, struct cap_clears *clears)
{
    char why[96];
    if (!clears || !is_update_or_cancel(alert) || !child_is(alert, "status", "Actual") ||
        is_test(alert, why, sizeof why))
        return true;
    char *sender = child_text(alert, "sender"), *identifier = child_text(alert, "identifier");
    char *references = child_text(alert, "references");
    const xmlNode *info = pick_info(alert);
    int64_t sent = child_date(alert, "sent"), expires = info ? child_date(info, "expires") : 0;
    bool ok = sender && identifier && references &&
              cap_clears_add_references(clears, name, identifier, references, sender, sent, expires);
    if (ok && identifier[0] && (child_is(alert, "msgType", "Cancel") || is_all_clear(alert)))
        ok = cap_clears_add(clears, sender, identifier, sender, sent, expires);
    free(sender);
    free(identifier);
    free(references);
    return ok;
}

bool cap_parse(const char *name, const char *data, size_t size, const char *http_charset, int expire_after_seconds,
               unsigned scopes, struct item_list *out, char *reason, size_t reason_size)
{
    return cap_parse_clears(name, data, size, http_charset, expire_after_seconds, scopes, out, NULL, reason,
                            reason_size);
}

bool cap_parse_clears(const char *name, const char *data, size_t size, const char *http_charset,
                      int expire_after_seconds, unsigned scopes, struct item_list *out, struct cap_clears *clears,
                      char *reason, size_t reason_size)
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
        log_oom_reason(reason, reason_size, NULL);
        return false;
    }
    if (text.warning[0])
        log_warn("%s: %s", name, text.warning);
    /* Repaired as a feed's bytes are (ingest/xmlrepair: a bare '&' or '<',
     * bytes not UTF-8, control characters), and HTML's named references
     * ("&nbsp;", which agencies paste from their web pages) known: either
     * made libxml2 refuse the whole alert. */
    struct strbuf repaired = STRBUF_INIT;
    struct xmlrepair repair;
    xmlrepair_init(&repair, text.data, text.size);
    char piece[4096];
    for (size_t n; (n = xmlrepair_next(&repair, piece, sizeof piece)) > 0;)
        strbuf_add(&repaired, piece, n);
    charset_text_free(&text);
    char *utf8 = strbuf_finish(&repaired);
    xmlParserCtxt *ctxt = utf8 ? xmlNewParserCtxt() : NULL;
    if (!ctxt) {
        free(utf8);
        log_oom_reason(reason, reason_size, NULL);
        return false;
    }
    size = strlen(utf8);
    data = utf8;
    struct xml_entity *entities = NULL;
    ctxt->_private = &entities;
    ctxt->sax->getEntity = get_entity;
    /* No XML_PARSE_NOENT / DTDLOAD / HUGE: entities stay unexpanded and
     * nothing is fetched, so a hostile document cannot reach out or blow up. */
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, data, (int)size, NULL, "UTF-8",
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT |
                                        XML_PARSE_IGNORE_ENC);
    xmlFreeParserCtxt(ctxt);
    xml_entities_free(&entities);
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
    bool ok = collect(xmlDocGetRootElement(doc), &found), index = false;
    if (ok && found.count == 0) /* no <alert>: an Atom index of them (NWS) lists them in cap: fields */
        ok = cap_index_parse(name, xmlDocGetRootElement(doc), expire_after_seconds, out, &index);
    if (ok && found.count == 0 && !index && !memmem(data, size, CAP_NAMESPACE_STEM, strlen(CAP_NAMESPACE_STEM)) &&
        !memmem(data, size, CAP_NAMESPACE_10, strlen(CAP_NAMESPACE_10))) {
        snprintf(reason, reason_size, "no CAP <alert> (1.0, 1.1 or 1.2) in this document (not an alert feed)");
        ok = false;
    } else if (!ok) {
        log_oom_reason(reason, reason_size, NULL);
    }
    for (size_t i = 0; ok && i < found.count; i++) {
        const xmlNode *alert = found.alerts[i];
        if (!add_clears(name, alert, clears)) {
            log_oom_reason(reason, reason_size, NULL);
            ok = false;
            break;
        }
        if (!(child_is(alert, "msgType", "Alert") || child_is(alert, "msgType", "Update")) ||
            !scope_shown(alert, scopes))
            continue;
        /* Tests, exercises, system messages and drafts never reach a public
         * screen, nor anything in their place: said in the log, not shown. */
        char why[96];
        if (is_test(alert, why, sizeof why)) {
            char *identifier = child_text(alert, "identifier");
            log_info("%s: CAP alert %s is a test (%s): not shown", name, identifier ? identifier : "", why);
            free(identifier);
            continue;
        }
        char *sender = child_text(alert, "sender"), *identifier = child_text(alert, "identifier");
        bool gone = sender && identifier && superseded(&found, i, sender, identifier);
        if (!gone && is_all_clear(alert)) {
            log_info("%s: CAP alert %s is an all-clear (urgency Past or responseType AllClear): not shown",
                     name, identifier ? identifier : "");
            gone = true;
        }
        free(sender);
        free(identifier);
        const xmlNode *info = pick_info(alert);
        if (!gone && info && !alert_item(name, alert, info, expire_after_seconds, out)) {
            log_oom_reason(reason, reason_size, NULL);
            ok = false;
        }
    }
    free(found.alerts);
    xmlFreeDoc(doc);
    free(utf8);
    return ok;
}
