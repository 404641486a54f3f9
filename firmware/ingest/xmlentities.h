/* xmlentities: the getEntity hook that hands libxml2 the HTML named
 * references an XML document uses without declaring them (feeds and CAP
 * alerts write "&nbsp;", "&rsquo;"), so their text is inlined.
 * Owns: the entities handed out for one parse, until xml_entities_free.
 * Never: expands the document's own entities (they stay references the
 * text walk does not follow: no entity bombs), loads a DTD.
 * Thread: the parsing thread's; one list per parse. */
#ifndef TICKER_XMLENTITIES_H
#define TICKER_XMLENTITIES_H

#include <libxml/entities.h>

struct xml_entity; /* one handed out, in a list the caller keeps (NULL: empty) */

/* For a SAX getEntity hook: the document's own entity (xmlSAX2GetEntity on
 * ctx), else one of XML's five, else name from the HTML table
 * (ingest/entity) as a predefined entity, kept in *list; a name no table
 * knows is its literal text ("&foo;"). NULL on OOM. */
xmlEntity *xml_entities_get(struct xml_entity **list, void *ctx, const xmlChar *name);
/* Frees what xml_entities_get kept in *list and empties it. */
void xml_entities_free(struct xml_entity **list);

#endif
