#include "ingest/xmlrepair.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ingest/entity.h"
#include "ingest/text.h"

enum { IN_TEXT, IN_CDATA, IN_COMMENT, IN_PI };

/* The longest thing one step writes: a reference passed through whole. */
enum { STEP_MAX = 80 };

void xmlrepair_init(struct xmlrepair *repair, const char *data, size_t size)
{
    memset(repair, 0, sizeof *repair);
    repair->data = (const unsigned char *)data;
    repair->size = size;
}

void xmlrepair_feed(struct xmlrepair *repair, const char *data, size_t size, bool more)
{
    repair->data = (const unsigned char *)data;
    repair->size = size;
    repair->pos = 0;
    repair->more = more;
}

static bool starts(const struct xmlrepair *r, const char *text)
{
    size_t n = strlen(text);
    return r->size - r->pos >= n && !memcmp(r->data + r->pos, text, n);
}

static bool is_name_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.' || c == ':' || c >= 0x80;
}

/* "&#8211;", "&#x2013;" (the ';' may be missing, as HTML allows): the
 * reference rewritten with the HTML reading of its value. */
static size_t numeric_reference(struct xmlrepair *r, char *out)
{
    const unsigned char *p = r->data + r->pos + 2, *end = r->data + r->size;
    bool hex = p < end && (*p == 'x' || *p == 'X');
    p += hex;
    uint32_t value = 0;
    size_t digits = 0;
    for (; p < end; p++, digits++) {
        int d = *p >= '0' && *p <= '9' ? *p - '0'
                : hex && (*p | 0x20) >= 'a' && (*p | 0x20) <= 'f' ? (*p | 0x20) - 'a' + 10
                                                                  : -1;
        if (d < 0)
            break;
        if (value <= 0x10FFFF)
            value = value * (hex ? 16 : 10) + (uint32_t)d;
    }
    if (!digits)
        return 0;
    if (p < end && *p == ';')
        p++;
    uint32_t code = entity_numeric(value);
    if (code < 0x20 && code != 0x09 && code != 0x0A && code != 0x0D)
        code = 0xFFFD; /* a control XML forbids even as a reference */
    if (code != value || p[-1] != ';')
        r->changes++;
    r->pos = (size_t)(p - r->data);
    return (size_t)snprintf(out, STEP_MAX, "&#%u;", (unsigned)code);
}

/* At '&': a reference passes, anything else is a literal ampersand. */
static size_t ampersand(struct xmlrepair *r, char *out)
{
    const unsigned char *p = r->data + r->pos + 1, *end = r->data + r->size;
    if (p < end && *p == '#') {
        size_t n = numeric_reference(r, out);
        if (n)
            return n;
    } else {
        const unsigned char *q = p;
        while (q < end && q - p < 64 && is_name_byte(*q))
            q++;
        if (q > p && q < end && *q == ';' && !(*p >= '0' && *p <= '9')) {
            size_t n = (size_t)(q + 1 - (p - 1));
            memcpy(out, p - 1, n);
            r->pos += n;
            return n;
        }
    }
    r->pos++;
    r->changes++;
    memcpy(out, "&amp;", 5);
    return 5;
}

/* At '<': markup opens, or it is a literal less-than sign. */
static size_t less_than(struct xmlrepair *r, char *out)
{
    size_t n = 1;
    if (starts(r, "<![CDATA[")) {
        r->state = IN_CDATA;
        n = 9;
    } else if (starts(r, "<!--")) {
        r->state = IN_COMMENT;
        n = 4;
    } else if (starts(r, "<?")) {
        r->state = IN_PI;
        n = 2;
    } else if (r->pos + 1 < r->size) {
        unsigned char next = r->data[r->pos + 1];
        if (!(next == '/' || next == '!' || next == '_' || next == ':' || next >= 0x80 ||
              ((next | 0x20) >= 'a' && (next | 0x20) <= 'z'))) {
            r->pos++;
            r->changes++;
            memcpy(out, "&lt;", 4);
            return 4;
        }
    }
    memcpy(out, r->data + r->pos, n);
    r->pos += n;
    return n;
}

enum verdict { CLOSES_OUTER, CLOSES_INNER, NOT_YET };

/* At a "]]>" inside a CDATA section that holds an unclosed "<![CDATA[":
 * whether another "]]>" follows before any new section opens, so that this
 * one closes the inner section and that one the outer. A "<![CDATA[" only
 * mentioned in the text has no second closer, and the section ends here as
 * XML says. No window: the look goes on to the end of the input, across
 * pieces, resumed from r->seek so that no byte is looked at twice (a fixed
 * window of 4 KB read a description longer than that the wrong way, and
 * one as long as the input would be quadratic). */
static enum verdict closer_kind(struct xmlrepair *r)
{
    const unsigned char *d = r->data;
    size_t i = r->pos + 3 + r->seek;
    /* with more to come, a "<![CDATA[" may begin in the last 8 bytes and end in the next piece */
    size_t stop = !r->more ? r->size : r->size >= 8 ? r->size - 8 : 0;
    for (; i < stop; i++) {
        if (d[i] != ']' && d[i] != '<')
            continue;
        if (d[i] == ']' && r->size - i >= 3 && !memcmp(d + i, "]]>", 3)) {
            r->seek = 0;
            return CLOSES_INNER;
        }
        if (d[i] == '<' && r->size - i >= 9 && !memcmp(d + i, "<![CDATA[", 9)) {
            r->seek = 0;
            return CLOSES_OUTER;
        }
    }
    if (!r->more) {
        r->seek = 0;
        return CLOSES_OUTER;
    }
    r->seek = stop > r->pos + 3 ? stop - r->pos - 3 : 0;
    return NOT_YET;
}

/* One character (repaired), or the end of a CDATA section, comment or PI.
 * CDATA nested inside CDATA ("<![CDATA[a <![CDATA[b]]> c]]>", which XML
 * does not allow and feeds write) is one section: the inner closer goes,
 * the inner opener stays as text (the feed reader removes it). */
static size_t character(struct xmlrepair *r, char *out)
{
    static const char *const closers[] = {NULL, "]]>", "-->", "?>"};
    const char *closer = closers[r->state];
    if (r->state == IN_CDATA && starts(r, "<![CDATA[")) {
        r->nested++;
        memcpy(out, "<![CDATA[", 9);
        r->pos += 9;
        return 9;
    }
    if (closer && starts(r, closer)) {
        size_t n = strlen(closer);
        memcpy(out, closer, n);
        r->pos += n;
        r->state = IN_TEXT;
        r->nested = 0;
        return n;
    }
    const unsigned char *p = r->data + r->pos;
    size_t len = text_utf8_length(p, r->size - r->pos);
    if (len == 0) {
        r->pos++;
        r->changes++;
        memcpy(out, "\xEF\xBF\xBD", 3);
        return 3;
    }
    bool forbidden = (p[0] < 0x20 && p[0] != '\t' && p[0] != '\n' && p[0] != '\r') ||
                     (len == 3 && p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF));
    r->pos += len;
    if (forbidden) {
        r->changes++;
        return 0;
    }
    memcpy(out, p, len);
    return len;
}

size_t xmlrepair_next(struct xmlrepair *r, char *out, size_t cap)
{
    size_t written = 0;
    while (r->pos < r->size && written + STEP_MAX <= cap && (!r->more || r->size - r->pos >= XMLREPAIR_LOOKAHEAD)) {
        unsigned char c = r->data[r->pos];
        if (c == ']' && r->state == IN_CDATA && r->nested && starts(r, "]]>")) {
            enum verdict v = closer_kind(r);
            if (v == NOT_YET)
                break; /* pos stays at the closer: the caller keeps the bytes from here on */
            if (v == CLOSES_INNER) {
                r->nested--;
                r->pos += 3;
                r->changes++;
                continue;
            }
        }
        if (r->state == IN_TEXT && c == '&')
            written += ampersand(r, out + written);
        else if (r->state == IN_TEXT && c == '<')
            written += less_than(r, out + written);
        else if (r->state == IN_TEXT && c == ']' && starts(r, "]]>")) {
            /* a CDATA closer with no section open (XML forbids "]]>" in
             * text, and libxml2 would stop there): text */
            memcpy(out + written, "]]&gt;", 6);
            written += 6;
            r->pos += 3;
            r->changes++;
        }
        else if (c >= 0x20 && c != ']' && c != '-' && c != '?') {
            /* fast path: a run of text that needs nothing: ASCII and well-formed UTF-8 */
            size_t run = 0, room = cap - STEP_MAX - written;
            const unsigned char *p = r->data + r->pos;
            size_t avail = r->size - r->pos;
            /* with more input to come, a run stops where a step could need what has not come yet */
            size_t scan = r->more ? avail - XMLREPAIR_LOOKAHEAD + 1 : avail;
            while (run < scan && run < room) {
                unsigned char b = p[run];
                if (b < 0x80) {
                    if (b < 0x20 || b == '&' || b == '<' || b == ']' || b == '-' || b == '?')
                        break;
                    run++;
                    continue;
                }
                if (b >= 0xC2 && b <= 0xDF && run + 1 < avail && (p[run + 1] & 0xC0) == 0x80 && run + 2 <= room) {
                    run += 2; /* a two-byte character (Latin, Vietnamese), checked in line */
                    continue;
                }
                if (b >= 0xE1 && b <= 0xEC && run + 2 < avail && (p[run + 1] & 0xC0) == 0x80 &&
                    (p[run + 2] & 0xC0) == 0x80 && run + 3 <= room) {
                    run += 3; /* a three-byte one without the lead bytes' special cases (E0, ED, EF) */
                    continue;
                }
                size_t len = text_utf8_length(p + run, avail - run);
                if (!len || run + len > room || (b == 0xEF && p[run + 1] == 0xBF && p[run + 2] >= 0xBE))
                    break;
                run += len;
            }
            if (run == 0) { /* a byte to repair, markup inside a CDATA section, or no room left */
                written += character(r, out + written);
                continue;
            }
            memcpy(out + written, p, run);
            r->pos += run;
            written += run;
        } else
            written += character(r, out + written);
    }
    return written;
}
