/* Word wrap and ellipsis, measured by the caller's text_width (see scene_parts.h). */
#include <stdlib.h>
#include <string.h>

#include "screen/scene_parts.h"

void scene_block_clear(struct text_block *b)
{
    for (size_t i = 0; i < b->count; i++)
        free(b->lines[i]);
    free(b->lines);
    b->lines = NULL;
    b->count = 0;
}

static bool block_push(struct text_block *b, const char *start, size_t len)
{
    char **grown = realloc(b->lines, (b->count + 1) * sizeof *grown);
    if (!grown)
        return false;
    b->lines = grown;
    char *line = malloc(len + 1);
    if (!line)
        return false;
    memcpy(line, start, len);
    line[len] = '\0';
    b->lines[b->count++] = line;
    return true;
}

static size_t utf8_char_len(const char *p)
{
    unsigned char c = (unsigned char)*p;
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    for (size_t i = 1; i < n; i++)
        if (!p[i])
            return i;
    return n;
}

/* Width of text[0..len) (a temporary copy, as measure wants a string). */
static int measure_span(const struct scene *s, enum scene_font font, const char *text, size_t len, const char *suffix)
{
    size_t slen = suffix ? strlen(suffix) : 0;
    char stack[512];
    char *buf = len + slen < sizeof stack ? stack : malloc(len + slen + 1);
    if (!buf)
        return 1 << 30;
    memcpy(buf, text, len);
    if (slen)
        memcpy(buf + len, suffix, slen);
    buf[len + slen] = '\0';
    int w = measure(s, font, buf);
    if (buf != stack)
        free(buf);
    return w;
}

/* Longest prefix of text (ending at a space when possible) that fits. */
static size_t fit_prefix(const struct scene *s, enum scene_font font, const char *text, int max_width,
                         const char *suffix, bool *broke_at_space)
{
    size_t best = 0, end = 0;
    *broke_at_space = false;
    /* Word by word. */
    while (text[end]) {
        size_t next = end;
        while (text[next] == ' ')
            next++;
        while (text[next] && text[next] != ' ')
            next++;
        if (measure_span(s, font, text, next, suffix) > max_width)
            break;
        best = end = next;
        *broke_at_space = true;
    }
    if (best > 0 || !text[0])
        return best;
    /* A single word wider than the line: cut it between characters. */
    *broke_at_space = false;
    size_t pos = 0;
    while (text[pos]) {
        size_t next = pos + utf8_char_len(text + pos);
        if (measure_span(s, font, text, next, suffix) > max_width)
            break;
        pos = next;
    }
    return pos ? pos : utf8_char_len(text);
}

/* Greedy word wrap into at most max_lines; an ellipsis ends a cut text. */
bool scene_wrap_text(const struct scene *s, enum scene_font font, const char *text, int max_width, int max_lines,
                      struct text_block *out)
{
    scene_block_clear(out);
    const char *p = text;
    while (*p == ' ')
        p++;
    while (*p && (int)out->count < max_lines) {
        bool last = (int)out->count == max_lines - 1;
        bool at_space;
        size_t len = fit_prefix(s, font, p, max_width, NULL, &at_space);
        const char *rest = p + len;
        while (*rest == ' ')
            rest++;
        if (last && *rest) {
            len = fit_prefix(s, font, p, max_width, ELLIPSIS, &at_space);
            while (len > 0 && p[len - 1] == ' ')
                len--;
            char buf[1024];
            size_t n = len < sizeof buf - 4 ? len : sizeof buf - 4;
            memcpy(buf, p, n);
            memcpy(buf + n, ELLIPSIS, 4);
            return block_push(out, buf, n + 3);
        }
        size_t trimmed = len;
        while (trimmed > 0 && p[trimmed - 1] == ' ')
            trimmed--;
        if (!block_push(out, p, trimmed))
            return false;
        p = rest;
    }
    return true;
}

char *scene_ellipsize(const struct scene *s, enum scene_font font, const char *text, int max_width)
{
    struct text_block one = {0};
    char *result = NULL;
    if (scene_wrap_text(s, font, text, max_width, 1, &one) && one.count == 1) {
        result = one.lines[0];
        one.lines[0] = NULL;
    }
    scene_block_clear(&one);
    return result ? result : strdup("");
}
