/* An Atom index of CAP alerts to alert items (see cap_index.h). */
#include "ingest/cap_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/log.h"
#include "ingest/cap.h"
#include "ingest/cap_refs.h"
#include "ingest/cap_tests.h"
#include "ingest/date.h"
#include "ingest/text.h"

#define ATOM_NAMESPACE "http://www.w3.org/2005/Atom"

static bool is_named(const xmlNode *node, const char *name, bool cap)
{
    if (node->type != XML_ELEMENT_NODE || !node->ns || !node->ns->href || strcmp((const char *)node->name, name))
        return false;
    const char *href = (const char *)node->ns->href;
    return cap ? cap_is_namespace(href) : !strcmp(href, ATOM_NAMESPACE);
}

static const xmlNode *child(const xmlNode *parent, const char *name, bool cap)
{
    for (const xmlNode *n = parent->children; n; n = n->next)
        if (is_named(n, name, cap))
            return n;
    return NULL;
}

/* The child's text for people (an Atom summary may be HTML); "" when absent. */
static char *child_text(const xmlNode *parent, const char *name, bool cap)
{
    const xmlNode *n = child(parent, name, cap);
    xmlChar *raw = n ? xmlNodeGetContent(n) : NULL;
    const char *text = raw ? (const char *)raw : "";
    char *clean = text_looks_like_markup(text) ? text_from_html(text, strlen(text), NULL, NULL)
                                               : text_clean(text, strlen(text));
    xmlFree(raw);
    return clean;
}

static bool has_cap_field(const xmlNode *entry)
{
    for (const xmlNode *n = entry->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && n->ns && n->ns->href && cap_is_namespace((const char *)n->ns->href))
            return true;
    return false;
}

static int64_t child_date(const xmlNode *parent, const char *name, bool cap)
{
    char *text = child_text(parent, name, cap);
    int64_t when = 0;
    if (text && text[0] && !date_parse(text, &when))
        when = 0;
    free(text);
    return when;
}

/* The entry's link to its full alert: rel alternate (or none), else the first. */
static char *entry_link(const xmlNode *entry)
{
    xmlChar *first = NULL;
    for (const xmlNode *n = entry->children; n; n = n->next) {
        if (!is_named(n, "link", false))
            continue;
        xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
        xmlChar *rel = xmlGetProp(n, (const xmlChar *)"rel");
        bool alternate = href && (!rel || !strcmp((const char *)rel, "alternate"));
        xmlFree(rel);
        if (alternate) {
            xmlFree(first);
            first = href;
            break;
        }
        if (!first)
            first = href;
        else
            xmlFree(href);
    }
    char *link = strdup(first ? (const char *)first : "");
    xmlFree(first);
    return link;
}

/* Why the entry is not shown (a test, an exercise, a Cancel, an
 * all-clear), or NULL. */
static const char *not_shown(const char *status, const char *type, const char *urgency, const char *title,
                             const char *summary)
{
    if (status[0] && strcasecmp(status, "Actual"))
        return "its cap:status is not Actual (a test, an exercise, a system message or a draft)";
    if (type[0] && strcasecmp(type, "Alert") && strcasecmp(type, "Update"))
        return "its cap:msgType is neither Alert nor Update";
    if (cap_text_says_test(title) || cap_text_says_test(summary))
        return "its text says it is a test";
    if (!strcasecmp(urgency, "Past"))
        return "an all-clear (cap:urgency Past)";
    return NULL;
}

/* One entry to an item when it is shown; false only on OOM. */
static bool entry_item(const char *name, const xmlNode *entry, int expire_after, struct item_list *out)
{
    char *id = child_text(entry, "id", false), *title = child_text(entry, "title", false);
    char *summary = child_text(entry, "summary", false), *event = child_text(entry, "event", true);
    char *severity = child_text(entry, "severity", true), *urgency = child_text(entry, "urgency", true);
    char *status = child_text(entry, "status", true), *type = child_text(entry, "msgType", true);
    char *link = entry_link(entry);
    bool ok = id && title && summary && event && severity && urgency && status && type && link;
    const char *why = ok ? not_shown(status, type, urgency, title, summary) : NULL;
    struct item item;
    item_init(&item);
    char *item_id = NULL;
    if (ok && why) {
        log_info("%s: CAP index entry %s: %s: not shown", name, id, why);
    } else if (ok && (title[0] || event[0])) {
        item_id = cap_item_id(name, id[0] ? id : title);
        ok = item_id && item_set(&item.id, item_id) && item_set(&item.title, title[0] ? title : event) &&
             item_set(&item.summary, summary) && item_set(&item.source, name) && item_set(&item.link, link);
        if (ok && !item_severity_from_name(severity, &item.severity))
            item.severity = ITEM_SEVERITY_UNKNOWN; /* a value outside the five is still an alert */
        int64_t sent = child_date(entry, "sent", true);
        if (!sent)
            sent = child_date(entry, "updated", false);
        item.published = sent;
        item.has_published = sent != 0;
        item.expires = child_date(entry, "expires", true);
        if (!item.expires && sent && expire_after > 0)
            item.expires = sent + expire_after;
        ok = ok && item_list_push(out, &item);
    }
    item_clear(&item);
    free(item_id);
    char *strings[] = {id, title, summary, event, severity, urgency, status, type, link};
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        free(strings[i]);
    return ok;
}

bool cap_index_parse(const char *name, const xmlNode *root, int expire_after_seconds, struct item_list *out,
                     bool *is_index)
{
    if (!root || !is_named(root, "feed", false))
        return true;
    size_t entries = 0;
    for (const xmlNode *n = root->children; n; n = n->next)
        entries += is_named(n, "entry", false) && has_cap_field(n);
    if (!entries)
        return true;
    *is_index = true;
    log_info("%s: an index of CAP alerts (Atom entries with cap: fields): %zu entries read from their cap: fields; "
             "the full alerts they link to are not fetched",
             name, entries);
    for (const xmlNode *n = root->children; n; n = n->next)
        if (is_named(n, "entry", false) && has_cap_field(n) && !entry_item(name, n, expire_after_seconds, out))
            return false;
    return true;
}
