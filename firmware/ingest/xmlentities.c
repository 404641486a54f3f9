/* The HTML references handed to libxml2 (see xmlentities.h). */
#include "ingest/xmlentities.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>

#include "ingest/entity.h"

struct xml_entity {
    xmlEntity entity;
    struct xml_entity *next;
};

xmlEntity *xml_entities_get(struct xml_entity **list, void *ctx, const xmlChar *name)
{
    xmlEntity *own = xmlSAX2GetEntity(ctx, name);
    if (own)
        return own;
    xmlEntity *predefined = xmlGetPredefinedEntity(name);
    if (predefined)
        return predefined;
    for (struct xml_entity *c = *list; c; c = c->next)
        if (xmlStrEqual(c->entity.name, name))
            return &c->entity;
    char utf8[ENTITY_MAX_BYTES];
    size_t len = strlen((const char *)name);
    char *literal = NULL;
    if (!entity_lookup((const char *)name, len, utf8)) {
        literal = malloc(len + 3); /* "&name;" shown as written */
        if (!literal)
            return NULL;
        snprintf(literal, len + 3, "&%s;", (const char *)name);
    }
    struct xml_entity *c = calloc(1, sizeof *c);
    xmlChar *content = literal ? xmlStrdup((const xmlChar *)literal) : xmlStrdup((const xmlChar *)utf8);
    xmlChar *name_copy = xmlStrdup(name);
    free(literal);
    if (!c || !content || !name_copy) {
        free(c);
        xmlFree(content);
        xmlFree(name_copy);
        return NULL;
    }
    c->entity.type = XML_ENTITY_DECL;
    c->entity.etype = XML_INTERNAL_PREDEFINED_ENTITY;
    c->entity.name = name_copy;
    c->entity.content = content;
    c->entity.length = xmlStrlen(content);
    c->next = *list;
    *list = c;
    return &c->entity;
}

void xml_entities_free(struct xml_entity **list)
{
    while (*list) {
        struct xml_entity *next = (*list)->next;
        xmlFree((xmlChar *)(*list)->entity.name);
        xmlFree((*list)->entity.content);
        free(*list);
        *list = next;
    }
}
