#include "ingest/base64.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* 0..63 for a letter of either alphabet, -1 for anything else. */
static int sextet(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

char *base64_decode(const char *text, size_t *size)
{
    size_t len = strlen(text);
    char *out = malloc(len / 4 * 3 + 4);
    if (!out)
        return NULL;
    uint32_t bits = 0;
    int count = 0;
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)text;; p++) {
        int value = *p ? sextet(*p) : -1;
        if (value >= 0) {
            bits = bits << 6 | (uint32_t)value;
            if (++count == 4) {
                out[n++] = (char)(bits >> 16);
                out[n++] = (char)(bits >> 8);
                out[n++] = (char)bits;
                bits = 0;
                count = 0;
            }
            continue;
        }
        if (*p && *p != '=')
            continue; /* whitespace, line breaks */
        /* the end of a piece: its last, short group */
        if (count == 3) {
            out[n++] = (char)(bits >> 10);
            out[n++] = (char)(bits >> 2);
        } else if (count == 2)
            out[n++] = (char)(bits >> 4);
        bits = 0;
        count = 0;
        if (!*p)
            break;
    }
    out[n] = '\0';
    if (size)
        *size = n;
    return out;
}

bool base64_is_encoded(const char *text)
{
    bool letters = false;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (sextet(*p) >= 0)
            letters = true;
        else if (*p != '=' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            return false;
    }
    return letters;
}
