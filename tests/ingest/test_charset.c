/* charset and xmlrepair: which encoding bytes are in (BOM, HTTP, the
 * declaration, detection), and the byte repair before the XML parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/charset.h"
#include "ingest/entity.h"
#include "ingest/feed.h"
#include "ingest/xmlrepair.h"

static char *decoded(const char *data, size_t size, const char *http, struct charset_text *text)
{
    assert_true(charset_decode(data, size, http, text));
    char *copy = strndup(text->data, text->size);
    charset_text_free(text);
    return copy;
}

static void the_order_is_bom_http_declaration_detection(void **state)
{
    (void)state;
    struct charset_text t;
    /* a BOM beats the HTTP charset and the declaration */
    const char *bom = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>\xC3\xA9</a>";
    char *s = decoded(bom, strlen(bom), "iso-8859-1", &t);
    assert_string_equal(t.origin, "BOM");
    assert_non_null(strstr(s, "<a>\xC3\xA9</a>"));
    free(s);
    /* HTTP beats the declaration */
    const char *cp1252 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>caf\xE9 \x93x\x94</a>";
    s = decoded(cp1252, strlen(cp1252), "windows-1252", &t);
    assert_string_equal(t.origin, "HTTP");
    assert_non_null(strstr(s, "café “x”"));
    free(s);
    /* the declaration, then an HTML meta charset (WHATWG: latin1 is windows-1252) */
    const char *meta = "<html><head><meta charset=\"latin1\"></head><body>\x93" "Bi\xEA" "n\x94</body></html>";
    s = decoded(meta, strlen(meta), NULL, &t);
    assert_string_equal(t.origin, "declaration");
    assert_string_equal(t.encoding, "windows-1252");
    assert_non_null(strstr(s, "“Biên”"));
    free(s);
    const char *equiv = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">H\xF4\xF2i";
    s = decoded(equiv, strlen(equiv), NULL, &t);
    assert_string_equal(t.encoding, "windows-1258");
    assert_non_null(strstr(s, "Hội")); /* ô + U+0323: glibc's converter composes it */
    free(s);
    /* nothing declared, not UTF-8: the detector decides */
    const char *french = "<p>Le mus\xE9" "e est ferm\xE9 pour la journ\xE9" "e, les \xE9l\xE8ves reviendront \xE0 "
                         "la rentr\xE9" "e pour d\xE9" "couvrir l'exposition \x93" "d\xE9j\xE0 vue\x94.</p>";
    s = decoded(french, strlen(french), NULL, &t);
    assert_string_equal(t.origin, "detected");
    assert_non_null(strstr(s, "musée"));
    free(s);
    /* UTF-16 without a BOM, by its first bytes */
    s = decoded("<\0a\0>\0\xE9\0<\0/\0a\0>\0", 16, NULL, &t);
    assert_string_equal(s, "<a>é</a>");
    free(s);
}

static void a_declared_8bit_charset_that_is_utf8_is_utf8(void **state)
{
    (void)state;
    struct charset_text t;
    const char *xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>Hội đàm</a>";
    char *s = decoded(xml, strlen(xml), NULL, &t);
    assert_string_equal(t.encoding, "UTF-8");
    assert_non_null(strstr(t.warning, "valid UTF-8"));
    assert_non_null(strstr(s, "Hội đàm"));
    free(s);
    /* pure ASCII declared 8-bit is converted (nothing changes), no warning */
    s = decoded("<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>x</a>", 51, NULL, &t);
    assert_string_equal(t.warning, "");
    free(s);
}

/* The other way round: declared UTF-8 (or said so by HTTP), and not one
 * character is UTF-8 ("Caf\xE9", "Ti\xEAng"): windows-1252, with a warning;
 * every letter was U+FFFD. UTF-8 with one stray byte stays UTF-8. */
static void a_declared_utf8_text_with_no_utf8_is_windows_1252(void **state)
{
    (void)state;
    struct charset_text t;
    const char *xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>Caf\xE9 \x93x\x94 Ti\xEAng</a>";
    char *s = decoded(xml, strlen(xml), NULL, &t);
    assert_string_equal(t.encoding, "windows-1252");
    assert_non_null(strstr(t.warning, "no character is UTF-8"));
    assert_non_null(strstr(s, "Café “x” Tiêng"));
    free(s);
    s = decoded(xml, strlen(xml), "utf-8", &t);
    assert_string_equal(t.origin, "HTTP");
    assert_non_null(strstr(s, "Café"));
    free(s);
    const char *stray = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>Hội đàm \xE9</a>";
    s = decoded(stray, strlen(stray), NULL, &t);
    assert_string_equal(t.encoding, "UTF-8");
    assert_string_equal(t.warning, "");
    free(s);
}

static void content_type_charset(void **state)
{
    (void)state;
    char out[48];
    assert_true(charset_from_content_type("application/rss+xml; charset=windows-1258", out, sizeof out));
    assert_string_equal(out, "windows-1258");
    assert_true(charset_from_content_type("text/xml;Charset=\"UTF-8\"", out, sizeof out));
    assert_string_equal(out, "UTF-8");
    assert_false(charset_from_content_type("text/html", out, sizeof out));
    assert_false(charset_from_content_type(NULL, out, sizeof out));
}

static char *repaired(const char *in)
{
    struct xmlrepair r;
    xmlrepair_init(&r, in, strlen(in));
    size_t cap = strlen(in) * 10 + 256; /* a byte becomes at most "&#65533;" */
    char *out = malloc(cap + 1);
    char *chunk = malloc(128); /* exactly the chunk: ASan sees a write past it */
    size_t n = 0, got;
    while ((got = xmlrepair_next(&r, chunk, 128)) > 0) {
        assert_true(got <= 128);
        memcpy(out + n, chunk, got);
        n += got;
    }
    out[n] = '\0';
    free(chunk);
    return out;
}

static void the_byte_repair(void **state)
{
    (void)state;
    struct { const char *in, *out; } cases[] = {
        {"<t>R&D: a & b &amp; c &nbsp;</t>", "<t>R&amp;D: a &amp; b &amp; c &nbsp;</t>"},
        {"<l>?id=12&cat=x</l>", "<l>?id=12&amp;cat=x</l>"},
        {"<t>a < b</t>", "<t>a &lt; b</t>"},
        {"<t>&#150;&#128;&#x97;&#8211;&#0;</t>", "<t>&#8211;&#8364;&#8212;&#8211;&#65533;</t>"},
        {"<t>&#8217 x</t>", "<t>&#8217; x</t>"},
        {"<t><![CDATA[a & b < c]]></t>", "<t><![CDATA[a & b < c]]></t>"},
        {"<!-- a & b --><?pi a & b?>", "<!-- a & b --><?pi a & b?>"},
        {"<t>x\x01y\xFFz</t>", "<t>xy\xEF\xBF\xBDz</t>"},
        {"<t>\xE1\xBB</t>", "<t>\xEF\xBF\xBD\xEF\xBF\xBD</t>"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *out = repaired(cases[i].in);
        assert_string_equal(out, cases[i].out);
        free(out);
    }
    /* a long reference name passes whole, within the chunk (fuzz_charset found a write past it) */
    char name_ref[80] = "<t>&";
    memset(name_ref + 4, 'a', 62);
    strcpy(name_ref + 66, ";</t>");
    char *long_name = repaired(name_ref);
    assert_string_equal(long_name, name_ref);
    free(long_name);
    /* multi-byte characters across every chunk boundary, in text and in CDATA, pass whole */
    char long_text[3 * 700 + 64];
    for (int shift = 0; shift < 3; shift++) {
        size_t n = 0;
        long_text[n++] = '<';
        long_text[n++] = 't';
        long_text[n++] = '>';
        for (int k = 0; k < shift; k++)
            long_text[n++] = 'a';
        memcpy(long_text + n, "<![CDATA[", 9);
        n += 9;
        for (int i = 0; i < 300; i++, n += 3)
            memcpy(long_text + n, "\xE1\xBB\x87", 3);
        memcpy(long_text + n, "]]>", 3);
        n += 3;
        for (int i = 0; i < 300; i++, n += 3)
            memcpy(long_text + n, "\xE1\xBB\x87", 3);
        long_text[n] = '\0';
        char *out = repaired(long_text);
        assert_string_equal(out, long_text);
        free(out);
    }
    assert_int_equal(entity_numeric(150), 0x2013);
    assert_int_equal(entity_numeric(128), 0x20AC);
    char utf8[ENTITY_MAX_BYTES];
    assert_true(entity_lookup("apos", 4, utf8));
    assert_string_equal(utf8, "'");
    assert_true(entity_lookup("eacute", 6, utf8));
    assert_string_equal(utf8, "é");
    assert_false(entity_lookup("nosuch", 6, utf8));
}

/* The 15-byte feed fuzzing found: the old encoding repair read past the
 * end looking for the declared name after "encoding=". */
static void the_fifteen_byte_feed_is_read_within_bounds(void **state)
{
    (void)state;
    const char input[15] = {'<', '?', 'x', 'm', 'l', ' ', 'e', 'n', 'c', 'o', 'd', 'i', 'n', 'g', '='};
    char *exact = malloc(sizeof input); /* no NUL after it: ASan sees any over-read */
    memcpy(exact, input, sizeof input);
    struct item_list *items = item_list_create();
    char err[256];
    assert_false(feed_parse("fifteen", exact, sizeof input, items, NULL, err, sizeof err));
    assert_int_equal(items->count, 0);
    char name[48];
    assert_false(charset_declared(exact, sizeof input, name, sizeof name));
    item_list_destroy(items);
    free(exact);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_order_is_bom_http_declaration_detection),
        cmocka_unit_test(a_declared_8bit_charset_that_is_utf8_is_utf8),
        cmocka_unit_test(a_declared_utf8_text_with_no_utf8_is_windows_1252),
        cmocka_unit_test(content_type_charset),
        cmocka_unit_test(the_byte_repair),
        cmocka_unit_test(the_fifteen_byte_feed_is_read_within_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
