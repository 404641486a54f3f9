#include "base/unicode.h"

#include <stdlib.h>
#include <utf8proc.h>

size_t unicode_next(const char *s, size_t avail, int32_t *cp)
{
    utf8proc_int32_t c = -1;
    /* SIZE_MAX becomes -1, utf8proc's "up to the NUL" */
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)avail, &c);
    *cp = n > 0 ? c : -1;
    return n > 0 ? (size_t)n : 0;
}

size_t unicode_encode(int32_t cp, char out[4])
{
    return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

size_t unicode_fold_char(int32_t cp, char out[UNICODE_FOLD_MAX])
{
    utf8proc_int32_t folded[4];
    int last;
    utf8proc_ssize_t count = utf8proc_decompose_char(cp, folded, 4, UTF8PROC_CASEFOLD, &last);
    size_t len = 0;
    for (utf8proc_ssize_t i = 0; count > 0 && count <= 4 && i < count; i++)
        len += (size_t)utf8proc_encode_char(folded[i], (utf8proc_uint8_t *)out + len);
    return len;
}

enum unicode_class unicode_class(int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: return UNICODE_CAPITAL;
    case UTF8PROC_CATEGORY_LT: return UNICODE_TITLECASE;
    case UTF8PROC_CATEGORY_LL: return UNICODE_SMALL;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: return UNICODE_LETTER;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: return UNICODE_MARK;
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: return UNICODE_NUMBER;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP: return UNICODE_SPACE;
    case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF: return UNICODE_CONTROL;
    default: return UNICODE_OTHER;
    }
}

bool unicode_is_capital(int32_t cp)
{
    enum unicode_class c = unicode_class(cp);
    return c == UNICODE_CAPITAL || c == UNICODE_TITLECASE;
}

bool unicode_is_word(int32_t cp)
{
    switch (unicode_class(cp)) {
    case UNICODE_SPACE: case UNICODE_CONTROL: case UNICODE_OTHER: return false;
    default: return true;
    }
}

static char *mapped(const char *s, utf8proc_option_t options)
{
    utf8proc_uint8_t *result = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &result, UTF8PROC_NULLTERM | options) < 0)
        return NULL;
    return (char *)result;
}

char *unicode_nfc(const char *s) { return mapped(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE); }

char *unicode_nfc_casefold(const char *s) { return mapped(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD); }

char *unicode_bare(const char *s)
{
    return mapped(s, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
}
