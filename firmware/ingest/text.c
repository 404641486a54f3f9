#include "ingest/text.h"

#include "base/strbuf.h"
#include "ingest/entity.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/unicode.h"


/* --- UTF-8 ----------------------------------------------------------------- */

/* Length of the well-formed UTF-8 sequence at p (Unicode table 3-7), or 0.
 * Written out because utf8proc only reports that a string is bad, not where
 * to resume, and repair must keep every good character. */
size_t text_utf8_length(const unsigned char *p, size_t avail)
{
    unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (avail < len || p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    return len;
}

size_t text_invalid_utf8_bytes(const char *data, size_t size)
{
    const unsigned char *p = (const unsigned char *)data;
    size_t bad = 0;
    for (size_t i = 0; i < size;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t len = text_utf8_length(p + i, size - i);
        if (len == 0) {
            bad++;
            len = 1;
        }
        i += len;
    }
    return bad;
}

char *text_repair_utf8(const char *data, size_t size)
{
    struct strbuf out = STRBUF_INIT;
    const unsigned char *p = (const unsigned char *)data;
    size_t run = 0; /* start of the current run of good bytes */
    for (size_t i = 0; i < size;) {
        while (i < size && p[i] && p[i] < 0x80) /* ASCII: no call per byte */
            i++;
        if (i == size)
            break;
        size_t len = text_utf8_length(p + i, size - i);
        if (len && p[i]) {
            i += len;
            continue;
        }
        strbuf_add(&out, data + run, i - run);
        if (p[i]) /* a NUL is valid UTF-8 but would end the C string: dropped */
            strbuf_add(&out, "\xEF\xBF\xBD", 3);
        run = ++i;
    }
    strbuf_add(&out, data + run, size - run);
    return strbuf_finish(&out);
}

/* --- cleaning -------------------------------------------------------------- */

static bool is_space_codepoint(int32_t c)
{
    if (c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x85)
        return true;
    return unicode_class(c) == UNICODE_SPACE;
}

/* Controls (Cc) and format characters (Cf: bidi embeddings, overrides and
 * isolates U+202A-202E / U+2066-2069, marks U+200E/F U+061C, ZWSP U+200B,
 * word joiner, BOM U+FEFF, soft hyphen U+00AD ...) only disturb a crawl.
 * ZWNJ/ZWJ stay: emoji sequences and Indic scripts need them. */
static bool is_dropped_codepoint(int32_t c)
{
    if (c == 0x200C || c == 0x200D)
        return false;
    if (c == 0xFFFC) /* object replacement: a hole where an image was */
        return true;
    return unicode_class(c) == UNICODE_CONTROL;
}

/* Code points that are NFC whatever surrounds them (Unicode NFC_QC=Yes,
 * never the second of a composition): a text of only these needs no
 * normalisation pass. Below U+0300 (ASCII, Latin-1, Latin Extended A/B),
 * Latin Extended Additional (every precomposed Vietnamese letter),
 * punctuation from U+2010, the currency signs (₫). A combining mark is
 * none of these, so text that has one is normalised. */
static bool is_stable_for_nfc(int32_t c)
{
    return c < 0x300 || (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x2010 && c <= 0x2027) ||
           (c >= 0x2030 && c <= 0x205E) || (c >= 0x20A0 && c <= 0x20C0);
}

/* The code point of a well-formed sequence of len bytes. */
static int32_t decode(const unsigned char *p, size_t len)
{
    switch (len) {
    case 2: return (p[0] & 0x1F) << 6 | (p[1] & 0x3F);
    case 3: return (p[0] & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F);
    default: return (p[0] & 0x07) << 18 | (p[1] & 0x3F) << 12 | (p[2] & 0x3F) << 6 | (p[3] & 0x3F);
    }
}

enum char_fate { KEEP, SPACE, DROP, REPLACE };

static enum char_fate fate_of(const unsigned char *p, const unsigned char *end, size_t *len, bool *needs_nfc)
{
    unsigned char b = *p;
    *len = 1;
    if (b < 0x80) {
        if (b > ' ' && b < 0x7F)
            return KEEP;
        return b == ' ' || (b >= '\t' && b <= '\r') ? SPACE : DROP;
    }
    *len = text_utf8_length(p, (size_t)(end - p));
    if (!*len) {
        *len = 1;
        return REPLACE;
    }
    int32_t c = decode(p, *len);
    if ((c >= 0xC0 && c <= 0x24F) || (c >= 0x1E00 && c <= 0x1EFF)) /* Latin letters, Vietnamese: no look-up */
        return KEEP;
    if (is_space_codepoint(c))
        return SPACE;
    if (is_dropped_codepoint(c))
        return DROP;
    *needs_nfc |= !is_stable_for_nfc(c);
    return KEEP;
}

/* One pass: bad bytes become U+FFFD, NULs go, controls and format
 * characters go, each run of whitespace becomes one space, trimmed. Runs of
 * characters that stay are copied at once, Latin and Vietnamese letters
 * without a table look-up. *needs_nfc says whether the result may not be NFC. */
static char *filter_codepoints(const char *data, size_t size, bool *needs_nfc)
{
    struct strbuf out = STRBUF_INIT;
    const unsigned char *p = (const unsigned char *)data, *end = p + size, *run = p;
    bool pending_space = false;
    *needs_nfc = false;
    while (p < end) {
        /* Fast paths, the bulk of any text: printable ASCII, and one ASCII
         * space between two characters that stay, kept within the run. */
        if (*p > ' ' && *p < 0x7F && !pending_space) {
            p++;
            continue;
        }
        /* Latin letters U+00C0-U+023F and Latin Extended Additional (every
         * precomposed Vietnamese letter): kept as fate_of keeps them, without
         * decoding. */
        if (!pending_space && *p >= 0xC3 && *p <= 0xC8 && p + 1 < end && (p[1] & 0xC0) == 0x80) {
            p += 2;
            continue;
        }
        if (!pending_space && *p == 0xE1 && p + 2 < end && p[1] >= 0xB8 && p[1] <= 0xBB && (p[2] & 0xC0) == 0x80) {
            p += 3;
            continue;
        }
        if (*p == ' ' && !pending_space && p > run && p + 1 < end) {
            size_t next_len;
            bool ignored = false;
            if ((p[1] > ' ' && p[1] < 0x7F) || (p[1] >= 0x80 && fate_of(p + 1, end, &next_len, &ignored) == KEEP)) {
                p++;
                continue;
            }
        }
        size_t len;
        enum char_fate fate = fate_of(p, end, &len, needs_nfc);
        if (fate == KEEP) {
            if (pending_space) {
                strbuf_add(&out, " ", 1);
                pending_space = false;
            }
            p += len;
            continue;
        }
        strbuf_add(&out, (const char *)run, (size_t)(p - run));
        if (fate == SPACE)
            pending_space = out.len > 0;
        else if (fate == REPLACE) {
            if (pending_space)
                strbuf_add(&out, " ", 1);
            pending_space = false;
            strbuf_add(&out, "\xEF\xBF\xBD", 3);
        }
        p += len;
        run = p;
    }
    strbuf_add(&out, (const char *)run, (size_t)(p - run));
    return strbuf_finish(&out);
}

char *text_clean(const char *data, size_t size)
{
    bool needs_nfc;
    char *filtered = filter_codepoints(data, size, &needs_nfc);
    if (!filtered || !needs_nfc)
        return filtered;
    char *nfc = unicode_nfc(filtered);
    free(filtered);
    return nfc;
}

/* The full case folding of the letters most Vietnamese and Latin text is
 * made of, without the table: Latin-1's (U+00C0-U+00FF but the multiplication sign
 * and the sharp s, which folds to "ss") and U+1EA0-U+1EFF, where a
 * capital is even and its small letter follows it. False for any other. */
static bool fold_letter(const unsigned char *p, char folded[UNICODE_FOLD_MAX], size_t *len, size_t *folded_len)
{
    if (p[0] == 0xC3 && (p[1] & 0xC0) == 0x80 && p[1] != 0x97 && p[1] != 0x9F) { /* U+00D7, U+00DF */
        folded[0] = (char)p[0];
        folded[1] = (char)(p[1] < 0xA0 ? p[1] + 0x20 : p[1]);
        *len = *folded_len = 2;
        return true;
    }
    if (p[0] == 0xE1 && ((p[1] == 0xBA && p[2] >= 0xA0) || p[1] == 0xBB) && (p[2] & 0xC0) == 0x80) {
        folded[0] = (char)p[0];
        folded[1] = (char)p[1];
        folded[2] = (char)(p[2] | 1);
        *len = *folded_len = 3;
        return true;
    }
    return false;
}

/* Case folding of clean NFC text whose code points are all NFC-stable
 * (is_stable_for_nfc): each folds alone to an NFC-stable one in these
 * ranges, so a per-code-point fold is enough, without the
 * decompose-recompose pass. */
static char *fold_stable(const char *clean)
{
    struct strbuf out = STRBUF_INIT;
    /* run: the bytes before p that fold to themselves, copied at once (most
     * letters of a text are lower case already) */
    const unsigned char *p = (const unsigned char *)clean, *run = p;
    while (*p) {
        if (*p < 0x80) {
            if (*p >= 'A' && *p <= 'Z') {
                char lower = (char)(*p + 32);
                strbuf_add(&out, (const char *)run, (size_t)(p - run));
                strbuf_add(&out, &lower, 1);
                run = p + 1;
            }
            p++;
            continue;
        }
        char folded[UNICODE_FOLD_MAX];
        size_t n, folded_len;
        if (!fold_letter(p, folded, &n, &folded_len)) {
            int32_t c;
            n = unicode_next((const char *)p, UNICODE_TO_NUL, &c);
            if (!n)
                break;
            folded_len = unicode_fold_char(c, folded);
        }
        if (folded_len != n || memcmp(folded, p, n)) {
            strbuf_add(&out, (const char *)run, (size_t)(p - run));
            strbuf_add(&out, folded, folded_len);
            run = p + n;
        }
        p += n;
    }
    strbuf_add(&out, (const char *)run, (size_t)(p - run));
    return strbuf_finish(&out);
}

char *text_casefold(const char *text)
{
    bool needs_nfc;
    char *clean = filter_codepoints(text, strlen(text), &needs_nfc);
    if (!clean)
        return NULL;
    char *folded = needs_nfc ? unicode_nfc_casefold(clean) : fold_stable(clean);
    free(clean);
    return folded;
}

/* The code point that ends just before p (p > start). */
static int32_t codepoint_before(const char *start, const char *p)
{
    const char *q = p - 1;
    while (q > start && ((unsigned char)*q & 0xC0) == 0x80)
        q--;
    int32_t c;
    unicode_next(q, (size_t)(p - q), &c);
    return c;
}

bool text_contains_words(const char *haystack, const char *needle)
{
    size_t needle_len = strlen(needle);
    if (needle_len == 0)
        return false;
    for (const char *hit = strstr(haystack, needle); hit; hit = strstr(hit + 1, needle)) {
        if (hit > haystack && unicode_is_word(codepoint_before(haystack, hit)))
            continue;
        const char *end = hit + needle_len;
        int32_t next;
        if (*end && unicode_next(end, UNICODE_TO_NUL, &next) && unicode_is_word(next))
            continue;
        return true;
    }
    return false;
}

void text_truncate(char *text, size_t max_bytes)
{
    static const char ellipsis[] = "\xE2\x80\xA6";
    size_t len = strlen(text);
    if (len <= max_bytes || max_bytes < sizeof ellipsis + 8)
        return;
    size_t cut = max_bytes - (sizeof ellipsis - 1);
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--;
    size_t word_cut = cut;
    while (word_cut > cut / 2 && text[word_cut] != ' ')
        word_cut--;
    if (text[word_cut] == ' ')
        cut = word_cut;
    while (cut > 0 && (text[cut - 1] == ' ' || text[cut - 1] == ',' || text[cut - 1] == ';'))
        cut--;
    memcpy(text + cut, ellipsis, sizeof ellipsis);
}

size_t text_word_count(const char *text)
{
    size_t words = 0;
    bool in_word = false;
    for (const char *p = text; *p; p++) {
        bool space = *p == ' ';
        if (!space && !in_word)
            words++;
        in_word = !space;
    }
    return words;
}

/* An ASCII tag ("<b>", "</i", "<br/") or an entity ("&amp;", "&#7879;")
 * somewhere in text; "<hợp tác>" or "AT&T" are text. */
bool text_looks_like_markup(const char *text)
{
    for (const char *p = strpbrk(text, "<&"); p; p = strpbrk(p + 1, "<&")) {
        const char *q = p + 1;
        if (*p == '<') {
            q += *q == '/' || *q == '!';
            if (!isalpha((unsigned char)*q))
                continue;
            while (isalnum((unsigned char)*q))
                q++;
            if (*q == '>' || *q == ' ' || *q == '/')
                return true;
        } else {
            q += *q == '#';
            size_t n = 0;
            while (isalnum((unsigned char)q[n]))
                n++;
            if (n && q[n] == ';')
                return true;
        }
    }
    return false;
}

void text_strip_cdata_markers(char *text)
{
    /* markers escaped once more ("&lt;![CDATA[", "]]&gt;") arrive from feeds
     * escaped twice or put CDATA inside CDATA; they would show after the
     * HTML entities are decoded */
    if (!strstr(text, "![CDATA[") && !strstr(text, "]]>") && !strstr(text, "]]&gt;"))
        return;
    /* a closer goes with the opener before it: one with none is the
     * publisher's "]]>" (written in CDATA as "]]]]><![CDATA[>") */
    char *w = text;
    size_t open = 0;
    for (const char *r = text; *r;) {
        if (!strncmp(r, "<![CDATA[", 9)) {
            r += 9;
            open++;
        } else if (!strncmp(r, "&lt;![CDATA[", 12)) {
            r += 12;
            open++;
        } else if (open && !strncmp(r, "]]>", 3)) {
            r += 3;
            open--;
        } else if (open && !strncmp(r, "]]&gt;", 6)) {
            r += 6;
            open--;
        } else
            *w++ = *r++;
    }
    *w = '\0';
}

bool text_cut_utf8(char *text, size_t max_bytes)
{
    size_t len = strlen(text);
    if (len <= max_bytes)
        return false;
    size_t cut = max_bytes;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--;
    text[cut] = '\0';
    return true;
}

bool text_decode_references(char *text)
{
    char *w = strchr(text, '&'); /* what comes before the first stays where it is */
    if (!w)
        return false;
    bool decoded = false;
    for (const char *r = w; *r;) {
        if (*r != '&') {
            *w++ = *r++;
            continue;
        }
        const char *semi = r + 1;
        while (semi - r < 34 && ((*semi >= 'a' && *semi <= 'z') || (*semi >= 'A' && *semi <= 'Z') ||
                                 (*semi >= '0' && *semi <= '9') || *semi == '#'))
            semi++;
        char utf8[ENTITY_MAX_BYTES] = "";
        if (*semi == ';' && r[1] == '#') {
            bool hex = r[2] == 'x' || r[2] == 'X';
            char *end;
            unsigned long value = strtoul(r + 2 + hex, &end, hex ? 16 : 10);
            if (end == semi && end > r + 2 + hex && value <= 0x10FFFF)
                entity_utf8(entity_numeric((uint32_t)value), utf8);
        } else if (*semi == ';')
            entity_lookup(r + 1, (size_t)(semi - r - 1), utf8);
        size_t n = strlen(utf8);
        if (n && n <= (size_t)(semi + 1 - r)) {
            memcpy(w, utf8, n);
            w += n;
            r = semi + 1;
            decoded = true;
        } else
            *w++ = *r++;
    }
    *w = '\0';
    return decoded;
}
