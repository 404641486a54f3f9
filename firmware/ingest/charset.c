#define _GNU_SOURCE /* memmem, strcasestr */
#include "ingest/charset.h"

#include <ctype.h>
#include <iconv.h>
#include <libxml/encoding.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uchardet/uchardet.h>

#include "ingest/text.h"

/* How far into a document its declaration is looked for (the WHATWG
 * prescan reads 1024 bytes; servers' warnings before <?xml are longer). */
enum { PRESCAN_BYTES = 4096, CHUNK = 64 * 1024 };

void charset_text_free(struct charset_text *text)
{
    free(text->owned);
    text->owned = NULL;
}

/* A label as WHATWG Encoding reads it: latin-1 and ASCII labels mean windows-1252. */
static void normalise_label(const char *label, size_t len, char *out, size_t out_size)
{
    while (len && isspace((unsigned char)*label))
        label++, len--;
    while (len && (isspace((unsigned char)label[len - 1]) || label[len - 1] == '"' || label[len - 1] == '\''))
        len--;
    if (len >= out_size)
        len = out_size - 1;
    memcpy(out, label, len);
    out[len] = '\0';
    static const char *const as_1252[] = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
                                          "iso_8859-1", "cp819", "ibm819", "x-cp1252", "cp1252", NULL};
    for (const char *const *l = as_1252; *l; l++)
        if (!strcasecmp(out, *l))
            snprintf(out, out_size, "windows-1252");
    if (!strcasecmp(out, "utf8") || !strcasecmp(out, "unicode-1-1-utf-8"))
        snprintf(out, out_size, "UTF-8");
}

static bool copy_value(const char *value, const char *limit, char *out, size_t out_size)
{
    while (value < limit && (*value == ' ' || *value == '=' || *value == '"' || *value == '\''))
        value++;
    const char *end = value;
    while (end < limit && (isalnum((unsigned char)*end) || *end == '-' || *end == '_' || *end == '.' || *end == ':'))
        end++;
    if (end == value)
        return false;
    normalise_label(value, (size_t)(end - value), out, out_size);
    return true;
}

bool charset_from_content_type(const char *content_type, char *out, size_t out_size)
{
    if (!content_type)
        return false;
    const char *p = strcasestr(content_type, "charset");
    if (!p)
        return false;
    p += 7;
    while (*p == ' ')
        p++;
    if (*p != '=')
        return false;
    return copy_value(p, p + strlen(p), out, out_size);
}

/* encoding="..." inside the <?xml ... ?> that starts at decl; bounded by limit. */
static bool xml_declaration(const char *decl, const char *limit, char *out, size_t out_size)
{
    const char *close = memmem(decl, (size_t)(limit - decl), "?>", 2);
    if (close)
        limit = close;
    const char *enc = memmem(decl, (size_t)(limit - decl), "encoding", 8);
    return enc && copy_value(enc + 8, limit, out, out_size);
}

/* <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">. */
static bool html_meta(const char *data, const char *limit, char *out, size_t out_size)
{
    for (const char *p = data; p < limit;) {
        const char *meta = memmem(p, (size_t)(limit - p), "<meta", 5);
        if (!meta) {
            const char *upper = memmem(p, (size_t)(limit - p), "<META", 5);
            meta = upper;
        }
        if (!meta)
            return false;
        const char *close = memchr(meta, '>', (size_t)(limit - meta));
        const char *end = close ? close : limit;
        for (const char *q = meta; q + 7 <= end; q++) {
            if (strncasecmp(q, "charset", 7))
                continue;
            const char *v = q + 7;
            while (v < end && *v == ' ')
                v++;
            if (v < end && *v == '=' && copy_value(v, end, out, out_size))
                return true;
        }
        p = end;
    }
    return false;
}

bool charset_declared(const char *data, size_t size, char *out, size_t out_size)
{
    const char *limit = data + (size < PRESCAN_BYTES ? size : PRESCAN_BYTES);
    const char *decl = memmem(data, (size_t)(limit - data), "<?xml", 5);
    if (decl && xml_declaration(decl, limit, out, out_size))
        return true;
    return html_meta(data, limit, out, out_size);
}

static bool is_utf8_name(const char *name)
{
    return !strcasecmp(name, "UTF-8");
}

static bool is_utf16_name(const char *name)
{
    return !strncasecmp(name, "UTF-16", 6) || !strncasecmp(name, "UCS-2", 5);
}

/* Whether every byte is valid UTF-8 and at least one character is not ASCII. */
static bool valid_multibyte_utf8(const char *data, size_t size, bool *any_multibyte)
{
    const unsigned char *p = (const unsigned char *)data;
    *any_multibyte = false;
    for (size_t i = 0; i < size;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t len = text_utf8_length(p + i, size - i);
        if (!len)
            return false;
        *any_multibyte = true;
        i += len;
    }
    return true;
}

/* Whether some byte is no UTF-8 and no character is multi-byte UTF-8: a
 * Latin-1 or windows-1252 text labelled UTF-8 ("Caf\xE9"), where real UTF-8
 * with a stray byte has its letters' sequences too. */
static bool single_byte_under_utf8_label(const char *data, size_t size)
{
    const unsigned char *p = (const unsigned char *)data;
    bool invalid = false;
    for (size_t i = 0; i < size;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t len = text_utf8_length(p + i, size - i);
        if (len)
            return false;
        invalid = true;
        i++;
    }
    return invalid;
}

/* Binary data has control bytes text never has: no detector is asked about it. */
static bool looks_binary(const char *data, size_t size)
{
    size_t controls = 0, n = size < 65536 ? size : 65536;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)data[i];
        controls += c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
    }
    return controls * 100 > n;
}

static bool detect(const char *data, size_t size, char *out, size_t out_size)
{
    if (looks_binary(data, size))
        return false;
    uchardet_t detector = uchardet_new();
    if (!detector)
        return false;
    uchardet_handle_data(detector, data, size < 1024 * 1024 ? size : 1024 * 1024);
    uchardet_data_end(detector);
    const char *name = uchardet_get_charset(detector);
    bool found = name && *name && strcasecmp(name, "ASCII");
    if (found)
        normalise_label(name, strlen(name), out, out_size);
    uchardet_delete(detector);
    return found;
}

/* Converts the next piece with libxml2's handler into utf8 (appended); an
 * undecodable byte becomes U+FFFD. in holds what an earlier piece left
 * half-way (a character cut by the piece's end); last: nothing follows. */
static bool convert_piece(xmlCharEncodingHandler *handler, xmlBuffer *in, xmlBuffer *utf8, const char *data,
                          size_t size, bool last)
{
    bool ok = true;
    for (size_t pos = 0; ok && (pos < size || (last && xmlBufferLength(in) > 0));) {
        size_t take = size - pos < CHUNK ? size - pos : CHUNK;
        if (take && xmlBufferAdd(in, (const xmlChar *)data + pos, (int)take) != 0)
            return false;
        pos += take;
        bool end = last && pos >= size;
        int before = xmlBufferLength(in);
        int rc = xmlCharEncInFunc(handler, utf8, in);
        if (rc == -2 || (rc < 0 && end) || (end && xmlBufferLength(in) == before && before > 0)) {
            xmlBufferShrink(in, 1); /* the byte that does not decode */
            xmlBufferAdd(utf8, (const xmlChar *)"\xEF\xBF\xBD", 3);
        } else if (rc < 0)
            ok = false;
        if (!end && pos >= size)
            break; /* the rest of a cut character waits for the next piece */
    }
#ifdef LIBXML_ICONV_ENABLED
    /* glibc's converters for windows-1258 hold the last letter back to
     * compose it with a tone mark that may follow: flush it. */
    if (ok && last && handler->iconv_in) {
        char tail[16];
        char *tail_out = tail;
        size_t tail_left = sizeof tail;
        if (iconv(handler->iconv_in, NULL, NULL, &tail_out, &tail_left) != (size_t)-1)
            xmlBufferAdd(utf8, (const xmlChar *)tail, (int)(sizeof tail - tail_left));
    }
#endif
    return ok;
}

/* Converts a whole document with libxml2's handler. */
static bool convert(const char *data, size_t size, const char *encoding, struct charset_text *out)
{
    xmlCharEncodingHandler *handler = xmlFindCharEncodingHandler(encoding);
    if (!handler)
        return false;
    xmlBuffer *in = xmlBufferCreate(), *utf8 = xmlBufferCreateSize(size + size / 2 + 16);
    bool ok = in && utf8 && convert_piece(handler, in, utf8, data, size, true);
    xmlCharEncCloseFunc(handler);
    if (ok) {
        out->size = (size_t)xmlBufferLength(utf8);
        out->owned = (char *)xmlBufferDetach(utf8);
        out->data = out->owned;
        ok = out->owned != NULL;
    }
    xmlBufferFree(in);
    xmlBufferFree(utf8);
    return ok;
}

/* Decides the encoding of data as charset_decode does: out gets encoding,
 * origin and warning; *skip the bytes of a BOM. Returns whether the bytes
 * are to be converted from out->encoding (false: read as UTF-8). */
static bool choose(const char *data, size_t size, const char *http_charset, struct charset_text *out, size_t *skip)
{
    const unsigned char *u = (const unsigned char *)data;
    char name[48] = "";
    *skip = 0;
    if (size >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        out->origin = "BOM";
        *skip = 3;
        snprintf(out->encoding, sizeof out->encoding, "UTF-8");
        return false;
    }
    if (size >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        out->origin = "BOM";
        snprintf(name, sizeof name, u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE");
        *skip = 2;
        data += 2;
        size -= 2;
    } else if (http_charset && *http_charset) {
        out->origin = "HTTP";
        normalise_label(http_charset, strlen(http_charset), name, sizeof name);
    } else if (charset_declared(data, size, name, sizeof name)) {
        out->origin = "declaration";
    } else if (size >= 4 && ((u[0] == '<' && u[1] == 0) || (u[0] == 0 && u[1] == '<'))) {
        out->origin = "detected"; /* UTF-16 without a BOM: "<\0?\0x\0" */
        snprintf(name, sizeof name, u[1] == 0 ? "UTF-16LE" : "UTF-16BE");
    }
    bool multibyte = false;
    if (is_utf8_name(name) && single_byte_under_utf8_label(data, size)) {
        /* every letter would be U+FFFD ("Caf� latin1"): the bytes are the Web's default */
        snprintf(out->warning, sizeof out->warning,
                 "declared UTF-8 (%s) but no character is UTF-8: read as windows-1252", out->origin);
        snprintf(out->encoding, sizeof out->encoding, "windows-1252");
        return true;
    }
    if (is_utf8_name(name)) { /* declared UTF-8: repaired later, never second-guessed */
        snprintf(out->encoding, sizeof out->encoding, "UTF-8");
        return false;
    }
    bool valid = !is_utf16_name(name) && valid_multibyte_utf8(data, size, &multibyte);
    if (!*name) {
        if (!valid && detect(data, size, name, sizeof name) && !is_utf8_name(name))
            out->origin = "detected";
        else {
            if (!out->origin)
                out->origin = "default";
            snprintf(out->encoding, sizeof out->encoding, "UTF-8");
            return false;
        }
    } else if (valid && multibyte && !is_utf16_name(name)) {
        snprintf(out->warning, sizeof out->warning,
                 "declared %s (%s) but every byte is valid UTF-8: read as UTF-8", name, out->origin);
        snprintf(out->encoding, sizeof out->encoding, "UTF-8");
        return false;
    }
    snprintf(out->encoding, sizeof out->encoding, "%s", name);
    return true;
}

static void unknown_encoding(struct charset_text *out)
{
    snprintf(out->warning, sizeof out->warning, "unknown encoding \"%s\" (%s): read as UTF-8", out->encoding,
             out->origin);
    snprintf(out->encoding, sizeof out->encoding, "UTF-8");
}

bool charset_decode(const char *data, size_t size, const char *http_charset, struct charset_text *out)
{
    memset(out, 0, sizeof *out);
    size_t skip;
    bool converted = choose(data, size, http_charset, out, &skip);
    out->data = data + skip;
    out->size = size - skip;
    if (!converted || convert(data + skip, size - skip, out->encoding, out))
        return true;
    if (out->owned) /* OOM after a partial conversion */
        return false;
    /* An encoding libxml2 does not know: the bytes stay as they are (repaired later). */
    unknown_encoding(out);
    return true;
}

/* --- a stream --------------------------------------------------------------------- */

bool charset_stream_start(struct charset_stream *stream, const char *head, size_t size, const char *http_charset)
{
    memset(stream, 0, sizeof *stream);
    if (!choose(head, size, http_charset, &stream->text, &stream->skip))
        return true;
    stream->handler = xmlFindCharEncodingHandler(stream->text.encoding);
    if (!stream->handler) {
        unknown_encoding(&stream->text);
        return true;
    }
    stream->in = xmlBufferCreate();
    stream->out = xmlBufferCreateSize(2 * CHUNK);
    return stream->in && stream->out;
}

const char *charset_stream_push(struct charset_stream *stream, const char *data, size_t size, bool last,
                                size_t *out_size)
{
    size_t skip = stream->skip < size ? stream->skip : size;
    if (skip) { /* never NULL + 0 */
        stream->skip -= skip;
        data += skip;
        size -= skip;
    }
    if (!stream->handler) {
        *out_size = size;
        return data ? data : "";
    }
    xmlBufferEmpty(stream->out);
    if (!convert_piece(stream->handler, stream->in, stream->out, data, size, last))
        return NULL;
    *out_size = (size_t)xmlBufferLength(stream->out);
    return (const char *)xmlBufferContent(stream->out);
}

void charset_stream_end(struct charset_stream *stream)
{
    if (stream->handler)
        xmlCharEncCloseFunc(stream->handler);
    xmlBufferFree(stream->in);
    xmlBufferFree(stream->out);
    memset(stream, 0, sizeof *stream);
}
