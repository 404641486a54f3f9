/* dateline: see dateline.h. */
#define _GNU_SOURCE /* strndup */
#include "ingest/dateline.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/unicode.h"
#include "ingest/text.h"

enum {
    DATELINE_MAX_BYTES = 60, /* where the dash may be */
    PLACE_MAX_BYTES = 40,
    PLACE_MAX_WORDS = 4,     /* "Thành phố Hồ Chí Minh" is five: its datelines say "TP.HCM" */
    DAY_MAX_BYTES = 24,      /* ", 7 de diciembre " between an agency's city and its name */
};

/* Places whose name holds a spaced dash, which would end a dateline there. */
static const char *const dashed_places[] = {"Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu", "Thừa Thiên - Huế", NULL};

static bool is_upper_or_punct(const char *p, const char *end)
{
    bool letter = false;
    for (; p < end; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 'a' && c <= 'z')
            return false;
        letter |= (c >= 'A' && c <= 'Z') || c >= 0x80;
    }
    return letter;
}

/* A place in capitals ("HẢI PHÒNG", "TP.HCM"): no small letter, which for
 * accented letters only case folding tells. */
static bool is_upper_place(const char *p, const char *end)
{
    if (!is_upper_or_punct(p, end))
        return false;
    char *head = strndup(p, (size_t)(end - p));
    char *folded = head ? text_casefold(head) : NULL;
    bool upper = head && folded && strcmp(head, folded);
    free(head);
    free(folded);
    return upper;
}

static bool is_capital_at(const char *p, const char *end)
{
    int32_t c;
    return unicode_next(p, (size_t)(end - p), &c) && unicode_is_capital(c);
}

/* A place in title case ("Hà Nội", "Đà Nẵng", "Bà Rịa-Vũng Tàu", "TP. Hồ
 * Chí Minh"): one to four words, each capitalised, of letters and the
 * dots and hyphens of names — no digit, comma or small-letter word, which
 * a sentence has. */
static bool is_title_case_place(const char *p, const char *end)
{
    if (end <= p || (size_t)(end - p) > PLACE_MAX_BYTES)
        return false;
    size_t words = 0;
    for (const char *word = p; word < end;) {
        const char *stop = memchr(word, ' ', (size_t)(end - word));
        if (!stop)
            stop = end;
        if (stop == word || !is_capital_at(word, stop) || ++words > PLACE_MAX_WORDS)
            return false;
        for (const char *c = word; c < stop; c++)
            if ((*c >= '0' && *c <= '9') || strchr(",;:!?\"()[]/&", *c))
                return false;
        word = stop + 1;
    }
    return words >= 1;
}

/* Whether the headline opens with the same words and a dash: "Việt Nam -
 * Lào ký kết ..." in both is a pair of names, not a dateline. */
static bool title_opens_with(const char *title, const char *head, size_t len)
{
    if (!title)
        return false;
    char *a = strndup(head, len), *fa = a ? text_casefold(a) : NULL, *ft = text_casefold(title);
    bool same = fa && ft && !strncmp(ft, fa, strlen(fa)) && ft[strlen(fa)] == ' ';
    free(a);
    free(fa);
    free(ft);
    return same;
}

/* Whether text opens a sentence: a capital, a digit, a quote or bracket. */
static bool opens_sentence(const char *text)
{
    return is_capital_at(text, text + strlen(text)) || (*text >= '0' && *text <= '9') || strchr("\"'(", *text) ||
           !strncmp(text, "\xE2\x80\x9C", 3); /* “ */
}

/* The dateline before the dash at end, if summary[0..end) is one. */
static bool is_dateline(const char *summary, const char *end, const char *after, const char *title)
{
    if (summary[0] == '(' && end[-1] == ')' && !memchr(summary + 1, '(', (size_t)(end - summary - 1)))
        return true; /* "(Báo X)" */
    /* a city, maybe followed by its agency: "TP.HCM (TTXVN)" */
    const char *paren = memchr(summary, '(', (size_t)(end - summary));
    if (paren && end[-1] != ')')
        return false;
    const char *place_end = paren ? paren : end;
    /* an agency's city and day: "Madrid, 7 dic (EFE)", "Buenos Aires, 7 de diciembre (AFP)" */
    const char *comma = paren ? memchr(summary, ',', (size_t)(paren - summary)) : NULL;
    if (comma && paren - comma <= DAY_MAX_BYTES)
        place_end = comma;
    while (place_end > summary && place_end[-1] == ' ')
        place_end--;
    if (is_upper_place(summary, paren ? paren : end))
        return true;
    return is_title_case_place(summary, place_end) && opens_sentence(after) &&
           !title_opens_with(title, summary, (size_t)(place_end - summary));
}

/* "Bà Rịa - Vũng Tàu – Sáng 7/12": the whole name is the dateline; true
 * when summary opens with such a name (then no dash inside it is one). */
static bool cut_dashed_place(char *summary, const char *title, const char *const *dashes)
{
    for (const char *const *place = dashed_places; *place; place++) {
        size_t n = strlen(*place);
        if (strncmp(summary, *place, n))
            continue;
        for (const char *const *dash = dashes; *dash; dash++) {
            size_t cut = n + strlen(*dash);
            if (strncmp(summary + n, *dash, strlen(*dash)))
                continue;
            while (summary[cut] == ' ')
                cut++;
            if (summary[cut] && opens_sentence(summary + cut) && !title_opens_with(title, summary, n))
                memmove(summary, summary + cut, strlen(summary + cut) + 1);
            break;
        }
        return true;
    }
    return false;
}

void dateline_cut(char *summary, const char *title)
{
    /* the space after the dash is often left out: "(PLVN) -Chiều"; an
     * agency's ").-" ("Madrid, 7 dic (EFE).- El precio") has none before */
    static const char *const dashes[] = {" -", " –", " —", ").-", NULL};
    if (cut_dashed_place(summary, title, dashes))
        return;
    for (const char *const *dash = dashes; *dash; dash++) {
        const char *hit = strstr(summary, *dash);
        if (hit && **dash == ')')
            hit++; /* the bracket is the agency's */
        if (!hit || hit - summary > DATELINE_MAX_BYTES || hit == summary)
            continue;
        size_t cut = (size_t)(hit - summary) + strlen(*dash) - (**dash == ')');
        while (summary[cut] == ' ')
            cut++;
        if (is_dateline(summary, hit, summary + cut, title)) {
            memmove(summary, summary + cut, strlen(summary + cut) + 1);
            return;
        }
    }
}
