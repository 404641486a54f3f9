#include "ingest/entity.h"

#include <libxml/encoding.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/entity_table.h" /* generated at build time: every HTML named reference */

_Static_assert(ENTITY_TABLE_WIDEST_TEXT < ENTITY_MAX_BYTES, "ENTITY_MAX_BYTES holds every reference's text");

size_t entity_utf8(uint32_t c, char *out)
{
    size_t n;
    if (c < 0x80) {
        out[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        out[0] = (char)(0xF0 | (c >> 18));
        out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    out[n] = '\0';
    return n;
}

static int compare_names(const void *key, const void *entry)
{
    return strcmp(key, ((const struct entity_name *)entry)->name);
}

bool entity_lookup(const char *name, size_t len, char out[ENTITY_MAX_BYTES])
{
    char key[ENTITY_TABLE_LONGEST_NAME + 1];
    if (len == 0 || len >= sizeof key)
        return false;
    memcpy(key, name, len);
    key[len] = '\0';
    const struct entity_name *found =
        bsearch(key, entity_names, sizeof entity_names / sizeof *entity_names, sizeof *entity_names, compare_names);
    if (!found)
        return false;
    snprintf(out, ENTITY_MAX_BYTES, "%s", found->utf8);
    return true;
}

/* One byte of windows-1252 through libxml2's converter (glibc iconv). */
static uint32_t windows_1252(unsigned char byte)
{
    xmlCharEncodingHandler *handler = xmlFindCharEncodingHandler("WINDOWS-1252");
    if (!handler)
        return 0xFFFD;
    xmlBuffer *in = xmlBufferCreate(), *out = xmlBufferCreate();
    uint32_t code = 0xFFFD;
    if (in && out) {
        xmlBufferAdd(in, &byte, 1);
        if (xmlCharEncInFunc(handler, out, in) > 0) {
            const unsigned char *p = xmlBufferContent(out);
            int len = xmlBufferLength(out);
            if (len == 2)
                code = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
            else if (len == 3)
                code = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
        }
    }
    xmlBufferFree(in);
    xmlBufferFree(out);
    xmlCharEncCloseFunc(handler);
    return code;
}

uint32_t entity_numeric(uint32_t value)
{
    if (value >= 0x80 && value <= 0x9F)
        return windows_1252((unsigned char)value);
    if (value == 0 || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF)
        return 0xFFFD;
    return value;
}
