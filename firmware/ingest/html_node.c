/* html_node: see html_node.h. */
#define _GNU_SOURCE /* strcasestr */
#include "ingest/html_node.h"

#include <string.h>
#include <strings.h>

#include "ingest/text.h"

bool html_is_named(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && !strcasecmp((const char *)node->name, name);
}

bool html_is_heading(const xmlNode *node)
{
    return html_is_named(node, "h2") || html_is_named(node, "h3") || html_is_named(node, "h4") ||
           html_is_named(node, "h5");
}

bool html_marked(xmlNode *node, const char *const *marks)
{
    for (xmlAttr *a = node->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        if (strcasecmp(name, "class") && strcasecmp(name, "id") && strncasecmp(name, "data-", 5) &&
            strcasecmp(name, "role"))
            continue;
        xmlChar *value = xmlNodeListGetString(node->doc, a->children, 1);
        bool hit = false;
        for (const char *const *m = marks; value && !hit && *m; m++)
            hit = strcasestr((const char *)value, *m) != NULL;
        xmlFree(value);
        if (hit)
            return true;
    }
    return false;
}

/* HTML documents hold no entity references, so xmlNodeGetContent is safe. */
char *html_node_text(xmlNode *node)
{
    xmlChar *content = xmlNodeGetContent(node);
    char *clean = text_clean(content ? (const char *)content : "", content ? strlen((const char *)content) : 0);
    xmlFree(content);
    return clean;
}
