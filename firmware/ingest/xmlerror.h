/* xmlerror: libxml2's complaint about a document, in words an operator can
 * act on.  Its limits (nesting depth, one huge text or name) name its own
 * option, XML_PARSE_HUGE, which means nothing to an operator and which this
 * program never sets: the limits are a defence against hostile documents.
 * Owns: that wording.  Never: parses, or decides what a failure means. */
#ifndef TICKER_XMLERROR_H
#define TICKER_XMLERROR_H

#include <libxml/xmlerror.h>
#include <stdbool.h>
#include <stddef.h>

/* out gets "elements nested deeper than 256 levels at line 12", "a text
 * over libxml2's limit of 10 MB at line 3" or, for any other error, "line
 * N: MESSAGE" (one line). error may be NULL ("unknown parser error").
 * Returns true when the error is one of libxml2's limits, not a syntax
 * error: the document is not one this kiosk can read, however repaired. */
bool xmlerror_describe(const xmlError *error, char *out, size_t size);

#endif
