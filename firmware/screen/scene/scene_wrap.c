/* Word wrap and ellipsis, measured by the caller's text_width (see scene_parts.h). */
#include <stdlib.h>
#include <string.h>

#include "screen/scene/scene_parts.h"

#include "base/array.h"

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
    if (!ARRAY_RESIZE(b->lines, b->count + 1))
        return false;
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

/* Back to the end of the word before pos (its spaces left out); 0 if none. */
static size_t previous_word_end(const char *text, size_t pos)
{
    while (pos > 0 && text[pos - 1] != ' ')
        pos--;
    while (pos > 0 && text[pos - 1] == ' ')
        pos--;
    return pos;
}

/* Longest prefix of text (ending at a space when possible) that fits.
 * Linear: each word is measured once and the widths added up (with the
 * font's space width), then the line found is measured once whole, as
 * shaping across words may differ from the sum by a pixel or two; only if
 * it is then too wide does it lose its last word. Measuring every longer
 * prefix from scratch made a paragraph quadratic (2-6 ms in one frame). */
static size_t fit_prefix(const struct scene *s, enum scene_font font, const char *text, int max_width,
                         const char *suffix, bool *broke_at_space)
{
    size_t best = 0, end = 0;
    *broke_at_space = false;
    int room = max_width - (suffix ? measure(s, font, suffix) : 0);
    int space = s->space_widths[font];
    int64_t sum = 0;
    while (text[end]) {
        size_t word = end;
        int spaces = 0;
        while (text[word] == ' ') {
            word++;
            spaces++;
        }
        size_t next = word;
        while (text[next] && text[next] != ' ')
            next++;
        if (next == word)
            break; /* trailing spaces */
        sum += (int64_t)spaces * space + measure_span(s, font, text + word, next - word, NULL);
        if (sum > room)
            break;
        best = end = next;
    }
    while (best > 0 && measure_span(s, font, text, best, suffix) > max_width)
        best = previous_word_end(text, best);
    if (best > 0 || !text[0]) {
        *broke_at_space = best > 0;
        return best;
    }
    /* A single word wider than the line: the longest run of characters
     * that fits, found by bisection over character boundaries. */
    size_t word_end = 0;
    while (text[word_end] == ' ')
        word_end++;
    while (text[word_end] && text[word_end] != ' ')
        word_end++;
    size_t lo = 0, hi = word_end; /* lo fits (or is 0), hi is the bound */
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        while (mid > lo && ((unsigned char)text[mid] & 0xC0) == 0x80)
            mid--; /* a character boundary */
        if (mid == lo) {
            size_t step = lo + utf8_char_len(text + lo);
            if (step > hi || measure_span(s, font, text, step, suffix) > max_width)
                break;
            lo = step;
            continue;
        }
        if (measure_span(s, font, text, mid, suffix) > max_width)
            hi = mid - 1;
        else
            lo = mid;
    }
    while (lo > 0 && ((unsigned char)text[lo] & 0xC0) == 0x80)
        lo--;
    return lo ? lo : utf8_char_len(text);
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
