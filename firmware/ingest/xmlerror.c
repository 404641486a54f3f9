#include "ingest/xmlerror.h"

#include <libxml/parserInternals.h>
#include <stdio.h>
#include <string.h>

bool xmlerror_describe(const xmlError *error, char *out, size_t size)
{
    if (!error || !error->message) {
        snprintf(out, size, "unknown parser error");
        return false;
    }
    /* The messages of libxml2 2.9 to 2.12 (they carry no code of their
     * own: XML_ERR_INTERNAL_ERROR for the depth). */
    const char *message = error->message;
    int depth = 0;
    bool limit = true;
    if (sscanf(message, "Excessive depth in document: %d", &depth) == 1)
        snprintf(out, size, "elements nested deeper than %d levels at line %d", depth, error->line);
    else if (strstr(message, "huge text node"))
        snprintf(out, size, "a text over libxml2's limit of %d MB at line %d", XML_MAX_TEXT_LENGTH / 1000000,
                 error->line);
    else if (strstr(message, "XML_PARSE_HUGE") || strstr(message, "Huge input lookup"))
        snprintf(out, size, "markup over libxml2's size limits at line %d", error->line);
    else {
        snprintf(out, size, "line %d: %s", error->line, message);
        limit = false;
    }
    size_t len = strlen(out);
    while (len && (out[len - 1] == '\n' || out[len - 1] == ' '))
        out[--len] = '\0';
    for (char *c = out; *c; c++)
        if (*c == '\n')
            *c = ' ';
    return limit;
}
