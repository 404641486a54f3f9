/* The YAML or TOML block at the top of a Markdown page (frontmatter.h).
 * YAML by libyaml: by hand, each of YAML's ways of writing a value (folded
 * and literal block scalars with their chomping, multi-line quoted strings,
 * flow and block collections under any key, anchors, tags) was one more
 * case to get wrong, and a nested "title:" or a list item could pass for
 * the page's; libyaml is the parser PyYAML and Ruby's Psych (so Jekyll)
 * stand on, in Debian, and fuzzed upstream. The hand reader stays for TOML
 * (no TOML library in Debian's set we build on) and for the blocks libyaml
 * refuses that a person still reads: "title: Hà Nội: mưa lớn" (a colon in
 * a plain scalar) is an error to YAML, a title to the kiosk. */
#include "ingest/frontmatter.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "base/strbuf.h"
#include "ingest/entity.h"

enum { MAX_VALUE_BYTES = 4096 };    /* a title or a date; more is no title */
enum { MAX_SUMMARY_BYTES = 16384 }; /* a description of a few paragraphs */
/* libyaml checks every open flow collection at each token ("[[[[…" is
 * quadratic) and every open indentation at each line: a block past these
 * is no page's metadata, and the linear hand reader takes it. */
enum { YAML_MAX_BYTES = 64 * 1024, YAML_MAX_FLOW_DEPTH = 32 };

/* Keys whose value is the page's date, the publication first (Hugo's
 * publishDate beats its date, which may be when the draft was begun). */
static const char *const published_keys[] = {"published", "publishDate", "publish_date", "pubDate", "published_at",
                                             "date_published", "datePublished", NULL};

struct cursor {
    const char *p, *end; /* the rest of the block */
};

/* The line at c (without its '\n'), c moved past it; false at the end. */
static bool next_line(struct cursor *c, const char **line, size_t *len)
{
    if (c->p >= c->end)
        return false;
    const char *eol = memchr(c->p, '\n', (size_t)(c->end - c->p));
    *line = c->p;
    *len = (size_t)((eol ? eol : c->end) - c->p);
    c->p = eol ? eol + 1 : c->end;
    return true;
}

static size_t trim_right(const char *p, size_t len)
{
    while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
        len--;
    return len;
}

static bool is_blank(const char *p, size_t len)
{
    return trim_right(p, len) == 0;
}

static bool is_fence(const char *p, size_t len, const char *fence)
{
    return trim_right(p, len) == strlen(fence) && !memcmp(p, fence, strlen(fence));
}

static unsigned hex_value(const char *p, int digits, bool *ok)
{
    unsigned v = 0;
    for (int i = 0; i < digits; i++) {
        char ch = p[i];
        int d = isdigit((unsigned char)ch) ? ch - '0' : isxdigit((unsigned char)ch) ? tolower(ch) - 'a' + 10 : -1;
        if (d < 0) {
            *ok = false;
            return 0;
        }
        v = v * 16 + (unsigned)d;
    }
    *ok = true;
    return v;
}

static void add_codepoint(struct strbuf *out, uint32_t c)
{
    if (c == 0 || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
        c = 0xFFFD;
    char utf8[8];
    strbuf_add(out, utf8, entity_utf8(c, utf8));
}

/* One escape of a YAML double-quoted or a TOML basic string at p (after
 * the backslash); returns the bytes it took. */
static size_t read_escape(const char *p, const char *end, struct strbuf *out)
{
    if (p >= end)
        return 0;
    switch (*p) {
    case 'n': case 'N': case 'L': case 'P': strbuf_addc(out, '\n'); return 1; /* line and paragraph breaks */
    case 't': case '\t': strbuf_addc(out, '\t'); return 1;
    case 'r': strbuf_addc(out, '\r'); return 1;
    case 'b': case 'f': case ' ': strbuf_addc(out, ' '); return 1;
    case '0': case 'a': case 'v': case 'e': return 1; /* control characters: nothing to show */
    case '_': strbuf_adds(out, "\xC2\xA0"); return 1; /* YAML's no-break space */
    case '/': case '\\': case '"': case '\'': strbuf_addc(out, *p); return 1;
    default: break;
    }
    if (*p == '\n' || *p == '\r') { /* a line folded without a space */
        const char *q = p;
        while (q < end && isspace((unsigned char)*q))
            q++;
        return (size_t)(q - p);
    }
    int digits = *p == 'x' ? 2 : *p == 'u' ? 4 : *p == 'U' ? 8 : 0;
    bool ok = false;
    uint32_t c = digits && end - p > digits ? hex_value(p + 1, digits, &ok) : 0;
    if (!ok) {
        strbuf_addc(out, '\\'); /* unknown: kept as written */
        return 0;
    }
    size_t used = 1 + (size_t)digits;
    if (c >= 0xD800 && c < 0xDC00 && end - p >= 12 && p[5] == '\\' && p[6] == 'u') { /* a JSON-style pair */
        uint32_t low = hex_value(p + 7, 4, &ok);
        if (ok && low >= 0xDC00 && low <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
            used += 6;
        }
    }
    add_codepoint(out, c);
    return used;
}

/* A quoted string from p (after the opening quote) to its closing quote,
 * over lines if need be; *next: the line after the closing one. */
static void read_quoted(const char *p, const char *end, char quote, bool escapes, bool triple, struct strbuf *out,
                        const char **next)
{
    while (p < end) {
        if (*p == quote && (!triple || (end - p >= 3 && p[1] == quote && p[2] == quote))) {
            if (!escapes && !triple && end - p >= 2 && p[1] == quote) { /* YAML's '' in '…' */
                strbuf_addc(out, quote);
                p += 2;
                continue;
            }
            break;
        }
        if (*p == '\\' && escapes) {
            p += 1 + read_escape(p + 1, end, out);
            continue;
        }
        strbuf_addc(out, *p == '\n' || *p == '\r' ? ' ' : *p);
        p++;
    }
    const char *eol = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
    *next = eol ? eol + 1 : end;
}

/* The lines after a YAML key whose value goes on: more indented ones. */
static const char *read_indented(const char *p, const char *end, struct strbuf *out)
{
    struct cursor c = {p, end};
    const char *line;
    size_t len;
    const char *before = c.p;
    while (next_line(&c, &line, &len)) {
        if (!is_blank(line, len) && line[0] != ' ' && line[0] != '\t')
            return before;
        strbuf_addc(out, ' ');
        strbuf_add(out, line, trim_right(line, len));
        before = c.p;
    }
    return c.p;
}

/* A YAML value from v (after "key:") to out; returns where the next key may start. */
static const char *yaml_value(const char *v, const char *end, struct strbuf *out)
{
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    const char *eol = v < end ? memchr(v, '\n', (size_t)(end - v)) : NULL;
    const char *line_end = eol ? eol : end, *next = eol ? eol + 1 : end;
    if (v < end && (*v == '"' || *v == '\'')) {
        read_quoted(v + 1, end, *v, *v == '"', false, out, &next);
        return next;
    }
    if (v < end && (*v == '|' || *v == '>')) /* a block scalar: its lines below */
        return read_indented(next, end, out);
    const char *comment = v;
    while (comment < line_end && !(*comment == '#' && (comment == v || isspace((unsigned char)comment[-1]))))
        comment++;
    size_t len = trim_right(v, (size_t)(comment - v));
    if (!len) /* a nested mapping or list follows: not ours */
        return next;
    strbuf_add(out, v, len);
    return read_indented(next, end, out); /* a plain scalar folded over lines */
}

/* A TOML value from v (after "key ="). */
static const char *toml_value(const char *v, const char *end, struct strbuf *out)
{
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    const char *eol = v < end ? memchr(v, '\n', (size_t)(end - v)) : NULL;
    const char *next = eol ? eol + 1 : end;
    if (v < end && (*v == '"' || *v == '\'')) {
        bool triple = end - v >= 3 && v[1] == *v && v[2] == *v;
        read_quoted(v + (triple ? 3 : 1), end, *v, *v == '"', triple, out, &next);
        return next;
    }
    const char *stop = v;
    while (stop < end && *stop != '\n' && *stop != '#')
        stop++;
    strbuf_add(out, v, trim_right(v, (size_t)(stop - v))); /* a bare date: 2018-09-24T10:00:00+07:00 */
    return next;
}

/* "key:" (YAML) or "key =" (TOML) at the start of a line: the key's
 * length, *value after the separator; 0 when the line is no such key. */
static size_t key_of(const char *line, const char *end, bool toml, const char **key, const char **value)
{
    const char *p = line;
    bool quoted = p < end && (*p == '"' || *p == '\'');
    p += quoted;
    *key = p;
    while (p < end && (isalnum((unsigned char)*p) || *p == '_' || *p == '-' || (toml && *p == '.')))
        p++;
    size_t len = (size_t)(p - *key);
    if (quoted && (p >= end || *p++ != line[0]))
        return 0;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (!len || p >= end || *p != (toml ? '=' : ':'))
        return 0;
    if (!toml && p + 1 < end && !isspace((unsigned char)p[1]))
        return 0; /* "http://…" is no key */
    *value = p + 1;
    return len;
}

static bool key_is(const char *key, size_t len, const char *want)
{
    return strlen(want) == len && !strncasecmp(key, want, len);
}

enum field { FIELD_NONE, FIELD_TITLE, FIELD_DATE, FIELD_SUMMARY };

/* Which field a top-level key gives, and its rank there (1 beats 2). */
static enum field field_of(const char *key, size_t len, int *rank)
{
    static const char *const summary_keys[] = {"description", "summary", "excerpt", NULL};
    *rank = 1;
    if (key_is(key, len, "title"))
        return FIELD_TITLE;
    for (int i = 0; published_keys[i]; i++)
        if (key_is(key, len, published_keys[i]))
            return *rank = i + 1, FIELD_DATE;
    if (key_is(key, len, "date"))
        return *rank = 100, FIELD_DATE;
    for (int i = 0; summary_keys[i]; i++)
        if (key_is(key, len, summary_keys[i]))
            return *rank = i + 1, FIELD_SUMMARY;
    return FIELD_NONE;
}

struct picks {
    int rank[4]; /* by field: the rank of the value kept, 0 while none */
};

/* Whether a value of field at rank would replace what is kept: the first
 * title, the best-ranked date and summary. */
static bool wanted(const struct picks *k, enum field field, int rank)
{
    return field != FIELD_NONE && (!k->rank[field] || rank < k->rank[field]);
}

static size_t value_cap(enum field field)
{
    return field == FIELD_SUMMARY ? MAX_SUMMARY_BYTES : MAX_VALUE_BYTES;
}

/* Keeps text (owned) as field's value; an empty or null value is none. */
static void keep(struct front_matter *out, struct picks *k, enum field field, int rank, char *text)
{
    if (!text || !*text || !strcmp(text, "~") || !strcasecmp(text, "null")) {
        free(text);
        return;
    }
    char **slot = field == FIELD_TITLE ? &out->title : field == FIELD_DATE ? &out->date : &out->summary;
    free(*slot);
    *slot = text;
    k->rank[field] = rank;
}

/* The top-level keys of the block [p, end), by hand. */
static void read_keys(const char *p, const char *end, bool toml, struct front_matter *out)
{
    struct picks picks = {{0}};
    bool in_table = false; /* TOML: after a [table] header, keys are the table's */
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *next = eol ? eol + 1 : end, *key, *value;
        if (toml && *p == '[')
            in_table = true;
        size_t len = in_table ? 0 : key_of(p, eol ? eol : end, toml, &key, &value);
        int rank = 0;
        enum field field = len ? field_of(key, len, &rank) : FIELD_NONE;
        if (wanted(&picks, field, rank)) {
            struct strbuf b = STRBUF_INIT;
            b.max = value_cap(field);
            next = toml ? toml_value(value, end, &b) : yaml_value(value, end, &b);
            keep(out, &picks, field, rank, strbuf_finish(&b)); /* NULL over the cap or on OOM: none */
        }
        p = next;
    }
}

/* The deepest nesting of flow collections, counted over the bytes (quotes
 * not minded: it only chooses the reader). */
static int flow_depth(const char *p, const char *end)
{
    int depth = 0, deepest = 0;
    for (; p < end; p++) {
        if (*p == '[' || *p == '{')
            deepest = ++depth > deepest ? depth : deepest;
        else if ((*p == ']' || *p == '}') && depth > 0)
            depth--;
    }
    return deepest;
}

enum yaml_result { YAML_READ, YAML_REFUSED, YAML_OOM };

/* The top-level keys of the block [p, end) by libyaml: the values of the
 * root mapping's scalar keys; a nested node, under any key, is skipped
 * whole. Refused (the hand reader's turn) when libyaml finds an error. */
static enum yaml_result yaml_keys(const char *p, const char *end, struct front_matter *out)
{
    if (end - p > YAML_MAX_BYTES || flow_depth(p, end) > YAML_MAX_FLOW_DEPTH)
        return YAML_REFUSED;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return YAML_OOM;
    yaml_parser_set_input_string(&parser, (const unsigned char *)p, (size_t)(end - p));
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    struct picks picks = {{0}};
    enum yaml_result result = YAML_READ;
    int depth = 0;                  /* collections open */
    bool root_mapping = false, at_key = true;
    enum field field = FIELD_NONE; /* the key just read, when it is ours */
    int rank = 0;
    for (bool done = false; !done;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            result = parser.error == YAML_MEMORY_ERROR ? YAML_OOM : YAML_REFUSED;
            break;
        }
        yaml_event_type_t type = event.type;
        bool node = type == YAML_SCALAR_EVENT || type == YAML_ALIAS_EVENT || type == YAML_MAPPING_START_EVENT ||
                    type == YAML_SEQUENCE_START_EVENT;
        if (node && depth == 1 && root_mapping) { /* a key of the root mapping, or its value */
            if (at_key) {
                field = type == YAML_SCALAR_EVENT
                            ? field_of((const char *)event.data.scalar.value, event.data.scalar.length, &rank)
                            : FIELD_NONE;
            } else if (type == YAML_SCALAR_EVENT && wanted(&picks, field, rank) &&
                       event.data.scalar.length <= value_cap(field)) {
                char *text = malloc(event.data.scalar.length + 1);
                if (!text)
                    result = YAML_OOM, done = true;
                else {
                    memcpy(text, event.data.scalar.value, event.data.scalar.length);
                    text[event.data.scalar.length] = '\0';
                    keep(out, &picks, field, rank, text);
                }
            }
            at_key = !at_key;
        }
        if (type == YAML_MAPPING_START_EVENT || type == YAML_SEQUENCE_START_EVENT) {
            if (depth++ == 0)
                root_mapping = type == YAML_MAPPING_START_EVENT;
        } else if (type == YAML_MAPPING_END_EVENT || type == YAML_SEQUENCE_END_EVENT)
            depth--;
        else if (type == YAML_DOCUMENT_END_EVENT || type == YAML_STREAM_END_EVENT)
            done = true;
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    return result;
}

/* Whether the block's first line that says anything is a key: else the
 * "---" lines were thematic breaks around text. */
static bool starts_with_key(const char *p, const char *end, bool toml)
{
    struct cursor c = {p, end};
    const char *line, *key, *value;
    size_t len;
    while (next_line(&c, &line, &len))
        if (!is_blank(line, len) && line[0] != '#')
            return (toml && line[0] == '[') || key_of(line, line + len, toml, &key, &value) > 0;
    return false;
}

/* The keys of the block [block, end); body: where the text after it
 * begins. False on OOM. */
static bool read_block(const char *block, const char *end, size_t body, bool toml, struct front_matter *out)
{
    out->body = body;
    enum yaml_result by_yaml = toml ? YAML_REFUSED : yaml_keys(block, end, out);
    if (by_yaml == YAML_OOM) {
        front_matter_clear(out);
        return false;
    }
    if (by_yaml == YAML_REFUSED) { /* what libyaml read before its error goes: one reading, not two */
        front_matter_clear(out);
        out->body = body;
        read_keys(block, end, toml, out);
    }
    return true;
}

/* A "---" never closed: the run of "key: value" lines (and their indented
 * continuations) right after it, up to the first blank line or the first
 * line that is no key, is the block when it gives a title, date or
 * summary; else the "---" was a thematic break and the lines are text. */
static bool read_unclosed(const char *data, const char *block, const char *end, struct front_matter *out)
{
    struct cursor c = {block, end};
    const char *line, *key, *value, *run_end = block;
    size_t len;
    bool keys = false;
    while (next_line(&c, &line, &len)) {
        if (is_blank(line, len))
            break;
        bool more = line[0] == ' ' || line[0] == '\t' || line[0] == '#';
        if (!(keys && more) && !key_of(line, line + len, false, &key, &value))
            break;
        keys = true;
        run_end = c.p;
    }
    if (!keys)
        return true;
    if (!read_block(block, run_end, (size_t)(run_end - data), false, out))
        return false;
    if (!out->title && !out->date && !out->summary) {
        *out = (struct front_matter){0};
        return true;
    }
    out->unclosed = true;
    return true;
}

bool front_matter_read(const char *data, size_t size, struct front_matter *out)
{
    *out = (struct front_matter){0};
    struct cursor c = {data, data + size};
    if (size >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        c.p += 3;
    const char *line;
    size_t len;
    do
        if (!next_line(&c, &line, &len))
            return true;
    while (is_blank(line, len));
    bool toml = is_fence(line, len, "+++");
    if (!toml && !is_fence(line, len, "---"))
        return true;
    const char *block = c.p;
    while (next_line(&c, &line, &len)) {
        if (!(is_fence(line, len, toml ? "+++" : "---") || (!toml && is_fence(line, len, "..."))))
            continue;
        if (!starts_with_key(block, line, toml))
            return true;
        return read_block(block, line, (size_t)(c.p - data), toml, out);
    }
    return toml || read_unclosed(data, block, data + size, out);
}

void front_matter_clear(struct front_matter *fm)
{
    free(fm->title);
    free(fm->date);
    free(fm->summary);
    *fm = (struct front_matter){0};
}
