/* A Markdown line's inline markup to its text (markdown_inline.h).
 * By hand: no CommonMark library (cmark, md4c) is in the Debian set we
 * build on, and a lead paragraph needs only the inline forms dropped, not
 * a rendering. */
#include "ingest/markdown_inline.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "ingest/text.h"

/* Marks that are text (escaped, or in a code span) go from read_spans to
 * drop_emphasis as these control bytes, which no clean text holds, so
 * they are never paired as emphasis; drop_emphasis puts them back. */
static const char literal_marks[] = "*_~";

static void add_literal(struct strbuf *out, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *mark = memchr(literal_marks, p[i], 3);
        strbuf_addc(out, mark ? (char)(1 + (mark - literal_marks)) : p[i]);
    }
}

/* "](url)" or "](url "title")" at p: the byte after its ')', or NULL. */
static const char *link_destination_end(const char *p, const char *end)
{
    if (end - p < 2 || p[0] != ']' || p[1] != '(')
        return NULL;
    int depth = 0; /* a URL's own parentheses: "(…/Hà_Nội_(tỉnh))" */
    for (const char *q = p + 2; q < end; q++) {
        if (*q == '(')
            depth++;
        else if (*q == ')' && depth-- == 0)
            return q + 1;
    }
    return NULL;
}

/* The ']' closing the label opened at open (after '['), nested brackets counted; NULL when none. */
static const char *label_end(const char *open, const char *end)
{
    int depth = 0;
    for (const char *q = open; q < end; q++) {
        if (*q == '\\' && q + 1 < end)
            q++;
        else if (*q == '[')
            depth++;
        else if (*q == ']' && depth-- == 0)
            return q;
    }
    return NULL;
}

/* Code spans, escapes, images and links of [p, end) to out. */
static void read_spans(const char *p, const char *end, struct strbuf *out)
{
    while (p < end) {
        if (*p == '\\' && end - p >= 2 && ispunct((unsigned char)p[1])) {
            add_literal(out, p + 1, 1);
            p += 2;
            continue;
        }
        if (*p == '`') {
            size_t run = strspn(p, "`");
            const char *q = p + run, *close = NULL;
            for (; q < end && !close; q++)
                if (*q == '`') {
                    size_t r = 0;
                    while (q + r < end && q[r] == '`')
                        r++;
                    if (r == run)
                        close = q;
                    q += r - 1;
                }
            if (close) {
                add_literal(out, p + run, (size_t)(close - p - run));
                p = close + run;
                continue;
            }
            strbuf_add(out, p, run);
            p += run;
            continue;
        }
        bool image = *p == '!' && end - p >= 2 && p[1] == '[';
        if (*p == '[' || image) {
            const char *open = p + (image ? 2 : 1), *close = label_end(open, end);
            const char *after = close ? link_destination_end(close, end) : NULL;
            if (after) {
                if (!image) /* an image is no text: its alt is a description for who cannot see it */
                    read_spans(open, close, out);
                else if (out->len && out->data[out->len - 1] == ' ' && (after == end || ispunct((unsigned char)*after)))
                    out->data[--out->len] = '\0'; /* "and ![img](p.jpg)." -> "and." */
                p = after;
                continue;
            }
        }
        strbuf_addc(out, *p++);
    }
}

static bool is_delimiter(char c)
{
    return c == '*' || c == '_' || c == '~';
}

/* A run of one delimiter at i, length n: whether it may open (followed by
 * no space) or close (preceded by none) emphasis; '_' inside a word
 * ("snake_case") does neither (CommonMark 6.2, without its punctuation rules). */
static void flanks(const char *s, size_t len, size_t i, size_t n, bool *opens, bool *closes)
{
    char before = i ? s[i - 1] : ' ', after = i + n < len ? s[i + n] : ' ';
    *opens = !isspace((unsigned char)after);
    *closes = !isspace((unsigned char)before);
    if (s[i] == '_') {
        *opens = *opens && !isalnum((unsigned char)before);
        *closes = *closes && !isalnum((unsigned char)after);
    }
    if (s[i] == '~' && n != 2) /* "~~strike~~"; one '~' is "about" */
        *opens = *closes = false;
}

/* Emphasis runs of s that pair with a later run of the same marks, dropped
 * in place: "**bold**" -> "bold"; "5 * 3" and "snake_case" stay. */
static void drop_emphasis(char *s)
{
    size_t len = strlen(s);
    bool *drop = calloc(len + 1, sizeof *drop); /* NULL (OOM): the marks stay, text still */
    for (size_t i = 0; drop && i < len;) {
        size_t n = 1;
        if (!is_delimiter(s[i]) || drop[i]) {
            i++;
            continue;
        }
        while (i + n < len && s[i + n] == s[i])
            n++;
        bool opens, closes;
        flanks(s, len, i, n, &opens, &closes);
        for (size_t j = i + n; opens && j < len; j++) {
            size_t m = 1;
            if (s[j] != s[i] || drop[j])
                continue;
            while (j + m < len && s[j + m] == s[i])
                m++;
            bool o2, c2;
            flanks(s, len, j, m, &o2, &c2);
            if (m == n && c2) {
                memset(drop + i, 1, n);
                memset(drop + j, 1, m);
                break;
            }
            j += m - 1;
        }
        i += n;
    }
    size_t w = 0;
    for (size_t i = 0; i < len; i++)
        if (!drop || !drop[i])
            s[w++] = s[i] >= 1 && s[i] <= 3 ? literal_marks[s[i] - 1] : s[i];
    s[w] = '\0';
    free(drop);
}

char *markdown_inline_text(const char *line, size_t len)
{
    struct strbuf b = STRBUF_INIT;
    read_spans(line, line + len, &b);
    char *spans = strbuf_finish(&b);
    if (!spans)
        return NULL;
    drop_emphasis(spans);
    size_t size = strlen(spans);
    /* raw HTML in Markdown is HTML ("<p>Raw <b>html</b></p>", CommonMark 6.6) */
    char *text = text_looks_like_markup(spans) ? text_from_html(spans, size, NULL, NULL) : text_clean(spans, size);
    free(spans);
    return text;
}
