/* CDATA nested inside CDATA however far its closers are apart: the byte
 * repair (ingest/xmlrepair) and the feed read whole and streamed. The
 * repair used to look for the outer "]]>" only 4 KB past the inner one, and
 * in a stream only as far as the piece held: a description longer than that
 * closed at the inner "]]>", its HTML read as the feed's elements and its
 * own "]]>" shown as text. A stream gives the repair its bytes in pieces,
 * so every case is repaired whole and in pieces of 1, 7 and 4096 bytes, and
 * the bytes out must be the same. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "ingest/feed.h"
#include "ingest/xmlrepair.h"

static const size_t pieces[] = {1, 7, 4096};

/* in repaired as feed.c repairs a stream: size bytes at a time (0: whole),
 * the bytes from repair.pos on kept and put before the next piece. */
static char *repaired(const char *in, size_t piece)
{
    size_t len = strlen(in);
    struct strbuf out = STRBUF_INIT;
    char *chunk = malloc(128); /* exactly the chunk: ASan sees a write past it */
    char *held = malloc(len + 1);
    assert_non_null(chunk);
    assert_non_null(held);
    struct xmlrepair r;
    xmlrepair_init(&r, in, len);
    size_t held_len = 0, from = 0;
    if (!piece)
        piece = len ? len : 1;
    do {
        size_t take = len - from < piece ? len - from : piece;
        memcpy(held + held_len, in + from, take);
        held_len += take;
        from += take;
        xmlrepair_feed(&r, held, held_len, from < len);
        size_t got;
        while ((got = xmlrepair_next(&r, chunk, 128)) > 0) {
            assert_true(got <= 128);
            strbuf_add(&out, chunk, got);
        }
        memmove(held, held + r.pos, held_len - r.pos);
        held_len -= r.pos;
    } while (from < len);
    assert_int_equal(held_len, 0); /* the last piece is repaired to its end */
    free(held);
    free(chunk);
    char *text = strbuf_finish(&out);
    assert_non_null(text);
    return text;
}

/* head, over 10 KB of a description's HTML (tags, a '<' and ']' of its
 * own; repaired: its '<' escaped, as in text outside a section; for a
 * feed, markup and no text: a summary holds 1200 bytes), last, tail. */
enum filler { HTML, HTML_REPAIRED, MARKUP_ONLY };
static char *joined(const char *head, const char *last, const char *tail, enum filler filler)
{
    static const char *const runs[] = {
        "<p>Hai bên nhất trí [thúc đẩy] hợp tác <b>gìn giữ</b> hòa bình, a < b.</p>",
        "<p>Hai bên nhất trí [thúc đẩy] hợp tác <b>gìn giữ</b> hòa bình, a &lt; b.</p>",
        "<span class=\"chu-thich\" data-id=\"[12345]\"></span><br>",
    };
    struct strbuf b = STRBUF_INIT;
    strbuf_adds(&b, head);
    size_t start = b.len;
    for (int i = 0; i < 220; i++) /* 220 runs of 50 bytes or more: past 10 KB */
        strbuf_adds(&b, runs[filler]);
    assert_true(b.len - start > 10 * 1024);
    strbuf_adds(&b, last);
    strbuf_adds(&b, tail);
    char *text = strbuf_finish(&b);
    assert_non_null(text);
    return text;
}

/* The repaired bytes of each case, whole and in every piece size: the
 * inner closer goes when the outer one comes 10 KB later, and a
 * "<![CDATA[" only mentioned ends its section where XML says, however far
 * the next section or the end of the input is. */
static void nested_cdata_10kb_apart_is_one_section_in_any_pieces(void **state)
{
    (void)state;
    struct {
        char *in, *want;
    } cases[] = {
        /* nested, the outer closer 10 KB after the inner: one section */
        {joined("<d><![CDATA[Trước <![CDATA[bên trong]]> sau: ", "hết", " cuối]]></d><l>https://x.vn/1</l>", HTML),
         joined("<d><![CDATA[Trước <![CDATA[bên trong sau: ", "hết", " cuối]]></d><l>https://x.vn/1</l>", HTML)},
        /* twice nested, each closer 10 KB after the one before */
        {joined("<d><![CDATA[a <![CDATA[b <![CDATA[c]]> ", "d]]>", " e]]></d>", HTML),
         joined("<d><![CDATA[a <![CDATA[b <![CDATA[c ", "d", " e]]></d>", HTML)},
        /* mentioned: the next section opens 10 KB on, before any "]]>" */
        {joined("<t><![CDATA[Cú pháp <![CDATA[ trong XML]]></t><d>", "&", "</d><u><![CDATA[x]]></u>", HTML),
         joined("<t><![CDATA[Cú pháp <![CDATA[ trong XML]]></t><d>", "&amp;", "</d><u><![CDATA[x]]></u>", HTML_REPAIRED)},
        /* mentioned: neither comes again before the end */
        {joined("<t><![CDATA[Cú pháp <![CDATA[ trong XML]]></t><d>", "R&D", "</d>", HTML),
         joined("<t><![CDATA[Cú pháp <![CDATA[ trong XML]]></t><d>", "R&amp;D", "</d>", HTML_REPAIRED)},
        /* "]]>" split across two sections, as XML writes it in CDATA, in a
         * nested section 10 KB long: passed as it is (the feed reader joins it) */
        {joined("<d><![CDATA[a <![CDATA[b]]> Dấu ]]]]><![CDATA[> giữa ", "c", "]]></d>", HTML),
         joined("<d><![CDATA[a <![CDATA[b Dấu ]]]]><![CDATA[> giữa ", "c", "]]></d>", HTML)},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        for (size_t k = 0; k <= sizeof pieces / sizeof *pieces; k++) {
            size_t piece = k ? pieces[k - 1] : 0;
            char *out = repaired(cases[i].in, piece);
            if (strcmp(out, cases[i].want)) {
                size_t at = 0;
                while (out[at] && out[at] == cases[i].want[at])
                    at++;
                fail_msg("case %zu in pieces of %zu: differs at byte %zu: \"%.60s\", wanted \"%.60s\"", i, piece, at,
                         out + at, cases[i].want + at);
            }
            free(out);
        }
        free(cases[i].in);
        free(cases[i].want);
    }
}

static bool collect(void *arg, struct item *item)
{
    return item_list_sink(arg, item);
}

/* The feed with such a description, read whole and streamed in pieces:
 * one item with all the text and none of its markup, and the items after
 * it whole (the description ended at the inner "]]>", and "]]>" showed). */
static void a_feed_with_a_10kb_nested_cdata_keeps_all_its_text(void **state)
{
    (void)state;
    char *feed = joined("<rss version=\"2.0\"><channel><title>T</title><item><title>Lồng nhau</title><description>"
                        "<![CDATA[<p>Trước <![CDATA[bên trong]]> sau đó</p>",
                        "<p>Đoạn cuối cùng.</p>",
                        "]]></description><link>https://x.vn/1</link></item><item><title>Sau cùng</title>"
                        "<description><![CDATA[vẫn còn]]></description><link>https://x.vn/2</link></item>"
                        "<item><title><![CDATA[Dấu ]]]]><![CDATA[> giữa tiêu đề]]></title>"
                        "<link>https://x.vn/3</link></item></channel></rss>",
                        MARKUP_ONLY);
    size_t len = strlen(feed);
    for (size_t k = 0; k <= sizeof pieces / sizeof *pieces; k++) {
        size_t piece = k ? pieces[k - 1] : 0;
        struct item_list *items = item_list_create();
        struct ingest_context context = {.name = "cdata.rss"};
        char err[256];
        bool ok;
        if (!piece)
            ok = feed_parse_in(&context, feed, len, items, NULL, err, sizeof err);
        else {
            struct feed_stream *s = feed_stream_create(&context, collect, items);
            assert_non_null(s);
            for (size_t at = 0; at < len; at += piece)
                assert_true(feed_stream_push(s, feed + at, len - at < piece ? len - at : piece));
            ok = feed_stream_finish(s, NULL, err, sizeof err);
            feed_stream_destroy(s);
        }
        if (!ok || items->count != 3)
            fail_msg("pieces of %zu: ok %d, %zu items, %s", piece, ok, items->count, err);
        const struct item *first = &items->items[0];
        if (strcmp(first->summary, "Trước bên trong sau đó Đoạn cuối cùng."))
            fail_msg("pieces of %zu: summary \"%s\"", piece, first->summary);
        assert_string_equal(first->link, "https://x.vn/1");
        assert_string_equal(items->items[1].title, "Sau cùng");
        assert_string_equal(items->items[1].summary, "vẫn còn");
        assert_string_equal(items->items[2].title, "Dấu ]]> giữa tiêu đề");
        item_list_destroy(items);
    }
    free(feed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nested_cdata_10kb_apart_is_one_section_in_any_pieces),
        cmocka_unit_test(a_feed_with_a_10kb_nested_cdata_keeps_all_its_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
