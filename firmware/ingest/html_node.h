/* html_node: small questions about a node of a libxml2 HTML tree — its
 * name, its marks (class, id, data-*, role), its clean text — asked by
 * the article page walk and its teaser reader.
 * Never: walks a tree or keeps state. Thread: the caller's. */
#ifndef TICKER_HTML_NODE_H
#define TICKER_HTML_NODE_H

#include <libxml/tree.h>
#include <stdbool.h>

/* An element of that name (case-insensitive). */
bool html_is_named(const xmlNode *node, const char *name);

/* h2 to h5: the headings of boxes and teasers (h1 is the page's). */
bool html_is_heading(const xmlNode *node);

/* Whether any attribute that names the block (class, id, data-*, role)
 * holds one of marks (NULL-terminated): sites mark their boxes in all of
 * them. */
bool html_marked(xmlNode *node, const char *const *marks);

/* Clean text of a subtree (text_clean); NULL when out of memory. */
char *html_node_text(xmlNode *node);

#endif
