/* feed: the real shapes of Vietnamese feeds and broken ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/feed.h"
#include "testutil.h"

struct parsed {
    struct item_list *items;
    struct feed_info info;
    bool ok;
    char err[512];
};

static struct parsed parse_fixture(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", FIXTURES_DIR, name);
    size_t size;
    char *data = testutil_read_file(path, &size);
    assert_non_null(data);
    struct parsed p = {.items = item_list_create()};
    p.ok = feed_parse(name, data, size, p.items, &p.info, p.err, sizeof p.err);
    free(data);
    return p;
}

static void vnexpress_cdata_description_and_plus0700(void **state)
{
    (void)state;
    struct parsed p = parse_fixture("vnexpress.rss");
    assert_true(p.ok);
    assert_int_equal(p.info.format, FEED_RSS2);
    assert_false(p.info.recovered);
    assert_int_equal(p.items->count, 3);
    struct item *first = &p.items->items[0];
    assert_string_equal(first->title, "Bộ trưởng Quốc phòng Việt Nam hội đàm với người đồng cấp Australia");
    /* <a><img></a></br> gone, &amp; decoded */
    assert_string_equal(first->summary, "Hai bộ trưởng nhất trí thúc đẩy hợp tác gìn giữ hòa bình, khắc phục hậu quả "
                                        "chiến tranh & đào tạo.");
    assert_string_equal(first->id, "https://vnexpress.net/bo-truong-quoc-phong-hoi-dam-4915001.html");
    assert_string_equal(first->link, first->id);
    assert_string_equal(first->source, "Thế giới - VnExpress RSS");
    assert_true(first->has_published);
    assert_int_equal(first->published, 1752633000); /* 09:30 +0700 */
    assert_int_equal(first->caption_count, 0);      /* an enclosure carries no caption text */
    assert_int_equal(p.info.ttl_minutes, 0);
    item_list_destroy(p.items);
}

static void tuoitre_gmt7_nfd_title_numeric_entities_ttl(void **state)
{
    (void)state;
    struct parsed p = parse_fixture("tuoitre.rss");
    assert_true(p.ok);
    assert_int_equal(p.items->count, 2);
    assert_int_equal(p.info.ttl_minutes, 15);
    struct item *first = &p.items->items[0];
    /* NFD in the file, NFC out */
    assert_string_equal(first->title, "Tham v\xE1\xBA\xA5n qu\xE1\xBB\x91" "c phòng Vi\xE1\xBB\x87t Nam - Nhật Bản");
    assert_string_equal(first->summary, "Phiên tham vấn lần thứ 10 diễn ra tại Hà Nội.");
    assert_int_equal(first->published, 1752633000); /* GMT+7 */
    assert_int_equal(first->category_count, 1);
    assert_string_equal(first->categories[0], "Thời sự");
    /* &#7879; in a title is ệ, &#x2013; an en dash */
    assert_string_equal(p.items->items[1].title, "Việt Nam – Lào ký kế hoạch hợp tác");
    item_list_destroy(p.items);
}

static void dantri_cdata_titles_links_and_dates(void **state)
{
    (void)state;
    struct parsed p = parse_fixture("dantri.rss");
    assert_true(p.ok);
    assert_int_equal(p.items->count, 2);
    assert_int_equal(p.info.ttl_minutes, 10);
    struct item *first = &p.items->items[0];
    assert_string_equal(first->source, "Dân trí - Xã hội");
    assert_string_equal(first->title, "Đoàn đại biểu Quân đội nhân dân Việt Nam đối thoại với Bộ Quốc phòng Pháp");
    assert_string_equal(first->link, "https://dantri.com.vn/xa-hoi/doan-dai-bieu-doi-thoai-20250716092512345.htm");
    assert_int_equal(first->published, 1752633000);
    assert_string_equal(first->summary, "(Dân trí) - Hai bên trao đổi về hợp tác đào tạo và quân y."); /* no script */
    /* no guid: the link is the id */
    assert_string_equal(p.items->items[1].id, p.items->items[1].link);
    item_list_destroy(p.items);
}

static void atom_html_xhtml_and_text_constructs(void **state)
{
    (void)state;
    struct parsed p = parse_fixture("atom.xml");
    assert_true(p.ok);
    assert_int_equal(p.info.format, FEED_ATOM);
    assert_int_equal(p.items->count, 3);
    struct item *html = &p.items->items[0];
    assert_string_equal(html->title, "Hội đàm cấp cao Việt Nam & Singapore");
    assert_string_equal(html->summary, "Hai bên trao đổi về tình hình khu vực.");
    assert_int_equal(html->caption_count, 1);
    assert_string_equal(html->captions[0], "Quang cảnh hội đàm.");
    assert_string_equal(html->id, "tag:qdnd.vn,2025:hoi-dam-1");
    assert_string_equal(html->link, "https://qdnd.vn/quoc-phong/hoi-dam-1"); /* not the enclosure link */
    assert_int_equal(html->published, 1752633000);                          /* published, not updated */
    assert_string_equal(html->categories[0], "Đối ngoại");                  /* label over term */
    struct item *xhtml = &p.items->items[1];
    assert_string_equal(xhtml->summary, "Các đơn vị ra quân huấn luyện."); /* no script text */
    assert_int_equal(xhtml->caption_count, 2);
    assert_string_equal(xhtml->captions[0], "Chiến sĩ mới tại thao trường.");
    assert_string_equal(xhtml->captions[1], "Đội hình xuất quân."); /* media:group/media:description */
    assert_int_equal(xhtml->published, 1752627600);                 /* updated when nothing else */
    assert_false(p.items->items[2].has_published);                  /* "not a date" stays unknown */
    item_list_destroy(p.items);
}

static void rss1_rdf(void **state)
{
    (void)state;
    struct parsed p = parse_fixture("rss1.rdf");
    assert_true(p.ok);
    assert_int_equal(p.info.format, FEED_RSS1);
    assert_int_equal(p.items->count, 2);
    assert_string_equal(p.items->items[0].id, "https://example.vn/a"); /* rdf:about */
    assert_string_equal(p.items->items[0].link, "https://example.vn/a?utm=rss");
    assert_string_equal(p.items->items[0].source, "Bản tin RDF");
    assert_int_equal(p.items->items[0].published, 1752633000);
    assert_string_equal(p.items->items[0].categories[0], "Quốc phòng");
    assert_string_equal(p.items->items[1].title, "Thời tiết Hà Nội nắng nóng");
    item_list_destroy(p.items);
}

static void truncated_xml_gives_what_came_before_the_cut(void **state)
{
    (void)state;
    struct parsed p = parse_fixture("truncated.rss");
    assert_true(p.ok);
    assert_true(p.info.recovered);
    assert_non_null(strstr(p.info.detail, "line"));
    assert_true(p.items->count >= 1);
    assert_string_equal(p.items->items[0].title, "Bộ trưởng Quốc phòng Việt Nam hội đàm với người đồng cấp Australia");
    assert_string_equal(p.items->items[0].summary, "Hai bộ trưởng nhất trí thúc đẩy hợp tác gìn giữ hòa bình, khắc "
                                                   "phục hậu quả chiến tranh & đào tạo.");
    item_list_destroy(p.items);
}

static void invalid_utf8_is_repaired_without_garbling_the_rest(void **state)
{
    (void)state;
    struct parsed p = parse_fixture("invalid-utf8.rss");
    assert_true(p.ok);
    assert_int_equal(p.items->count, 2);
    assert_string_equal(p.items->items[0].title, "Hà N\xEF\xBF\xBDi \xEF\xBF\xBD\xEF\xBF\xBD hôm nay");
    /* libxml2 alone would switch to Latin-1 here and garble this title */
    assert_string_equal(p.items->items[1].title, "Việt Nam đón khách");
    assert_string_equal(p.items->items[0].source, "Lỗi mã");
    item_list_destroy(p.items);
}

static void entities_are_never_expanded_or_loaded(void **state)
{
    (void)state;
    struct parsed p = parse_fixture("entity-bomb.xml");
    for (size_t i = 0; i < p.items->count; i++) {
        assert_true(strlen(p.items->items[i].title) < 100);  /* no billion laughs */
        assert_null(strstr(p.items->items[i].summary, "root:")); /* no /etc/passwd */
    }
    item_list_destroy(p.items);
}

static void not_a_feed_names_the_root(void **state)
{
    (void)state;
    struct item_list *items = item_list_create();
    char err[256];
    const char *xml = "<?xml version=\"1.0\"?><note><to>A</to></note>";
    assert_false(feed_parse("x.xml", xml, strlen(xml), items, NULL, err, sizeof err));
    assert_string_equal(err, "not a feed: root element <note>");
    const char *junk = "\x01\x02 not xml at all";
    assert_false(feed_parse("y", junk, strlen(junk), items, NULL, err, sizeof err));
    assert_non_null(strstr(err, "not XML"));
    assert_int_equal(items->count, 0);
    item_list_destroy(items);
}

/* RSS titles are plain text: double-escaped entities are decoded, and
 * escaped markup is text the publisher shows ("<b>" stays "<b>"). */
static void rss_titles_markup_only_when_it_is_markup(void **state)
{
    (void)state;
    const char *xml = "<rss version=\"2.0\"><channel><title>T</title>"
                      "<item><title>AT&amp;T và Viettel &lt;hợp tác&gt; 5G</title><link>https://x.vn/1</link></item>"
                      "<item><title>Giá &lt; 5% &amp; lạm phát</title><link>https://x.vn/2</link></item>"
                      "<item><title>&lt;b&gt;Nóng:&lt;/b&gt; Vi&amp;#7879;t Nam</title><link>https://x.vn/3</link></item>"
                      "</channel></rss>";
    struct item_list *items = item_list_create();
    char err[256];
    assert_true(feed_parse("t", xml, strlen(xml), items, NULL, err, sizeof err));
    assert_int_equal(items->count, 3);
    assert_string_equal(items->items[0].title, "AT&T và Viettel <hợp tác> 5G");
    assert_string_equal(items->items[1].title, "Giá < 5% & lạm phát");
    assert_string_equal(items->items[2].title, "<b>Nóng:</b> Việt Nam");
    item_list_destroy(items);
}

/* A title is shown as written: RSS titles are plain text, and so are Atom
 * titles of type "text" and XHTML's text, so escaped markup there is what
 * the publisher shows ("Use <b> for bold", "<script>...</script> in
 * titles"); only Atom type="html" is markup, read for its text. */
static void titles_are_shown_as_written(void **state)
{
    (void)state;
    const char *rss = "<rss version=\"2.0\"><channel><title>T</title>"
                      "<item><title>&lt;script&gt;alert(1)&lt;/script&gt; in titles</title><link>https://x.vn/1</link></item>"
                      "<item><title>Use &lt;b&gt; for bold</title><link>https://x.vn/2</link></item>"
                      "<item><title><![CDATA[Thẻ &lt;iframe&gt; và &lt;img onerror&gt; là gì]]></title><link>https://x.vn/3</link></item>"
                      "<item><title><![CDATA[Khi nào dùng <br> và </p>]]></title><link>https://x.vn/4</link></item>"
                      /* a CMS's HTML pasted into CDATA: its tags wrap words, and would be debris */
                      "<item><title><![CDATA[<b>Nóng:</b> bão số 3 đổ bộ]]></title><link>https://x.vn/5</link></item>"
                      "<item><title><![CDATA[Giá vàng <span style=\"color:red\">tăng</span> mạnh]]></title>"
                      "<link>https://x.vn/6</link></item>"
                      "<item><title><![CDATA[<STRONG>Trực tiếp</STRONG>: khai mạc &amp; diễu hành]]></title>"
                      "<link>https://x.vn/7</link></item>"
                      /* elements that show no words: a picture with its attributes, a script (they were shown) */
                      "<item><title><![CDATA[<img src=\"https://x.vn/a.jpg\" onerror=\"alert(1)\">Ảnh: lễ hội]]>"
                      "</title><link>https://x.vn/8</link></item>"
                      "<item><title><![CDATA[<script>alert(1)</script>Tin nóng]]></title><link>https://x.vn/9</link></item>"
                      "</channel></rss>";
    const char *want_rss[] = {"<script>alert(1)</script> in titles",
                              "Use <b> for bold",
                              "Thẻ <iframe> và <img onerror> là gì",
                              "Khi nào dùng <br> và </p>",
                              "Nóng: bão số 3 đổ bộ",
                              "Giá vàng tăng mạnh",
                              "Trực tiếp: khai mạc & diễu hành",
                              "Ảnh: lễ hội",
                              "Tin nóng"};
    struct item_list *items = item_list_create();
    char err[256];
    assert_true(feed_parse("t.rss", rss, strlen(rss), items, NULL, err, sizeof err));
    assert_int_equal(items->count, 9);
    for (size_t i = 0; i < 9; i++)
        assert_string_equal(items->items[i].title, want_rss[i]);
    item_list_destroy(items);

    const char *atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title>"
                       "<entry><title>Use &lt;b&gt; for bold</title><link href=\"https://x.vn/1\"/></entry>"
                       "<entry><title type=\"text\">&lt;script&gt;alert(1)&lt;/script&gt; in titles</title>"
                       "<link href=\"https://x.vn/2\"/></entry>"
                       "<entry><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">Dùng &lt;p&gt; "
                       "<b>đúng</b> cách</div></title><link href=\"https://x.vn/3\"/></entry>"
                       "<entry><title type=\"html\">&lt;b&gt;Nóng:&lt;/b&gt; bão số 3</title><link href=\"https://x.vn/4\"/></entry>"
                       "</feed>";
    const char *want_atom[] = {"Use <b> for bold", "<script>alert(1)</script> in titles", "Dùng <p> đúng cách",
                               "Nóng: bão số 3"};
    items = item_list_create();
    assert_true(feed_parse("t.atom", atom, strlen(atom), items, NULL, err, sizeof err));
    assert_int_equal(items->count, 4);
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(items->items[i].title, want_atom[i]);
    item_list_destroy(items);
}

/* CDATA nested inside CDATA (which XML forbids and feeds write), and "]]>"
 * written as XML writes it inside CDATA (the section split in two:
 * "<![CDATA[a]]]]><![CDATA[>b]]>"): no text of the title or description
 * is lost, nor any element after it; a "<![CDATA[" only mentioned in a
 * section ends where the section does. */
static void nested_and_split_cdata_keep_their_text(void **state)
{
    (void)state;
    const char *xml =
        "<rss version=\"2.0\"><channel><title>T</title>"
        "<item><title>Lồng nhau</title><description><![CDATA[<p>Trước <![CDATA[bên trong]]> sau đó</p>]]>"
        "</description><link>https://x.vn/1</link></item>"
        "<item><title><![CDATA[Tiêu đề <![CDATA[lồng]]> vẫn đủ]]></title><link>https://x.vn/2</link></item>"
        "<item><title><![CDATA[Dấu ]]]]><![CDATA[> giữa tiêu đề]]></title><description><![CDATA[a]]]]><![CDATA[>b]]>"
        "</description><link>https://x.vn/3</link></item>"
        "<item><title><![CDATA[Cú pháp <![CDATA[ trong XML]]></title><link>https://x.vn/4</link></item>"
        "<item><title>Sau cùng</title><description>vẫn còn</description><link>https://x.vn/5</link></item>"
        "</channel></rss>";
    struct item_list *items = item_list_create();
    char err[256];
    assert_true(feed_parse("cdata.rss", xml, strlen(xml), items, NULL, err, sizeof err));
    assert_int_equal(items->count, 5);
    assert_string_equal(items->items[0].summary, "Trước bên trong sau đó");
    assert_string_equal(items->items[0].link, "https://x.vn/1");
    assert_string_equal(items->items[1].title, "Tiêu đề lồng vẫn đủ");
    assert_string_equal(items->items[1].link, "https://x.vn/2");
    assert_string_equal(items->items[2].title, "Dấu ]]> giữa tiêu đề");
    assert_string_equal(items->items[2].summary, "a]]>b");
    assert_string_equal(items->items[3].title, "Cú pháp trong XML");
    assert_string_equal(items->items[3].link, "https://x.vn/4");
    assert_string_equal(items->items[4].summary, "vẫn còn");
    item_list_destroy(items);
}

static void declared_8bit_encoding_is_converted(void **state)
{
    (void)state;
    const char *xml = "<?xml version=\"1.0\" encoding=\"windows-1258\"?><rss version=\"2.0\"><channel><title>T</title>"
                      "<item><title>H\xF4\xF2i \xF0" "a\xCCm</title><link>https://x.vn/1</link></item></channel></rss>";
    struct item_list *items = item_list_create();
    char err[256];
    assert_true(feed_parse("t", xml, strlen(xml), items, NULL, err, sizeof err));
    assert_int_equal(items->count, 1);
    assert_string_equal(items->items[0].title, "Hội đàm"); /* ô + U+0323 (0xF2), đ, a + U+0300 (0xCC): NFC */
    item_list_destroy(items);
}

static void item_without_guid_or_link_gets_a_stable_hash_id(void **state)
{
    (void)state;
    const char *xml = "<rss version=\"2.0\"><channel><title>Nguồn</title><item><title>Chỉ có tiêu đề</title></item>"
                      "<item><description>Chỉ có mô tả, không tiêu đề.</description></item><item></item></channel></rss>";
    struct item_list *items = item_list_create();
    char err[256];
    assert_true(feed_parse("n", xml, strlen(xml), items, NULL, err, sizeof err));
    assert_int_equal(items->count, 2); /* the empty item is dropped */
    char id[19];
    item_make_id("Nguồn", "Chỉ có tiêu đề", id);
    assert_string_equal(items->items[0].id, id);
    assert_string_equal(items->items[1].title, "Chỉ có mô tả, không tiêu đề.");
    item_list_destroy(items);
}

/* Every named reference of the HTML Standard, not only HTML 4's: names
 * HTML5 added (two code points, digits in the name) decode in a title, in
 * escaped markup and in a CDATA description; an unknown one stays as written. */
static void html5_named_references_are_decoded(void **state)
{
    (void)state;
    const char *xml = "<rss version=\"2.0\"><channel><title>K</title><item>"
                      "<title>a &NotEqualTilde; b &lbrace;x&rbrace; &bigstar; &blk14; &fjlig;ord &nosuch;</title>"
                      "<link>https://x.vn/1</link>"
                      "<description><![CDATA[<p>&lbrace;m&rbrace; &Congruent; &emsp13;z</p>]]></description>"
                      "</item><item><title>&lt;b&gt;Tin&lt;/b&gt; &amp;lbrack;1&amp;rbrack;</title>"
                      "<link>https://x.vn/2</link></item></channel></rss>";
    struct item_list *items = item_list_create();
    char err[256];
    assert_true(feed_parse("html5.rss", xml, strlen(xml), items, NULL, err, sizeof err));
    assert_int_equal(items->count, 2);
    assert_string_equal(items->items[0].title, "a \xE2\x89\x82\xCC\xB8 b {x} \xE2\x98\x85 \xE2\x96\x91 fjord &nosuch;");
    assert_string_equal(items->items[0].summary, "{m} \xE2\x89\xA1 z");
    assert_string_equal(items->items[1].title, "<b>Tin</b> [1]"); /* an RSS title is plain text */
    item_list_destroy(items);
}

/* Relative links resolve against the nearest xml:base, which may sit on the
 * <link> itself, and else against the feed's own URL (rel="self"). */
static void link_base_on_the_link_and_the_feeds_own_url(void **state)
{
    (void)state;
    const char *x = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Tin</title>"
                    "<link rel=\"self\" href=\"https://example.vn/feeds/atom.xml\"/>"
                    "<entry><title>Bài hai</title><link xml:base=\"https://example.vn/a/b/\" href=\"c/bai-hai.html\"/>"
                    "<updated>2025-07-16T08:00:00+07:00</updated></entry>"
                    "<entry><title>Bài ba</title><link href=\"./bai-ba.html?x=1\"/>"
                    "<updated>2025-07-16T08:00:00+07:00</updated></entry></feed>";
    struct item_list *items = item_list_create();
    struct feed_info info;
    char err[256];
    assert_true(feed_parse("base", x, strlen(x), items, &info, err, sizeof err));
    assert_int_equal(items->count, 2);
    assert_string_equal(items->items[0].link, "https://example.vn/a/b/c/bai-hai.html");
    assert_string_equal(items->items[1].link, "https://example.vn/feeds/bai-ba.html?x=1");
    assert_string_equal(items->items[1].id, "https://example.vn/feeds/bai-ba.html?x=1"); /* never "./bai-ba…" */
    item_list_destroy(items);
}

/* HTML escaped twice in an RSS description and an Atom type="html"
 * summary: the markup goes, its text stays. */
static void html_escaped_twice_in_descriptions(void **state)
{
    (void)state;
    const char *feeds[] = {
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>K</title><item><title>T</title>"
        "<link>https://example.vn/1</link><description>&amp;lt;p&amp;gt;Giá&amp;amp;nbsp;vàng tăng&amp;lt;/p&amp;gt;"
        "</description></item></channel></rss>",
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>K</title><entry><title>T</title>"
        "<link href=\"https://example.vn/1\"/><summary type=\"html\">&amp;lt;p&amp;gt;Giá&amp;amp;nbsp;vàng "
        "tăng&amp;lt;/p&amp;gt;</summary></entry></feed>"};
    for (size_t i = 0; i < 2; i++) {
        struct item_list *items = item_list_create();
        struct feed_info info;
        char err[256];
        assert_true(feed_parse("twice", feeds[i], strlen(feeds[i]), items, &info, err, sizeof err));
        assert_int_equal(items->count, 1);
        assert_string_equal(items->items[0].summary, "Giá vàng tăng");
        item_list_destroy(items);
    }
}

/* What may stand before the root is no junk: comments (the first one was
 * taken to end at its "-->"'s first dash, so the rest of the prolog looked
 * like a server's message and was skipped with a warning), PIs, a doctype;
 * a server's text before it is. */
static void a_prolog_before_the_root_is_not_junk(void **state)
{
    (void)state;
    static const char *const clean[] = {
        "<!--\nDescription: entry title\n-->\n<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>",
        "<!-- a -->\n<!-- b - c -->\n<?xml-stylesheet href=\"s.xsl\"?>\n<rss version=\"2.0\"></rss>",
        "<!DOCTYPE rss>\n<!---->\n<rss version=\"2.0\"></rss>",
    };
    for (size_t i = 0; i < sizeof clean / sizeof *clean; i++)
        assert_int_equal(feed_start(clean[i], strlen(clean[i])), 0);
    const char *junk = "Warning: mysql_connect() failed\n<rss version=\"2.0\"></rss>";
    assert_int_equal(feed_start(junk, strlen(junk)), strlen("Warning: mysql_connect() failed\n"));
}

/* Feeds in other languages date their items in their own words: read.
 * A date no reader knows leaves its item undated (it counts from when it
 * was first fetched), said in one warning for the feed that names it and
 * the text, not one per item. */
static void localized_dates_read_and_the_unreadable_said_once(void **state)
{
    (void)state;
    struct parsed p = parse_fixture("dates-localized.rss");
    assert_true(p.ok);
    assert_int_equal(p.items->count, 9);
    const int64_t utc_10 = 1537783200; /* 2018-09-24T10:00:00Z */
    const int64_t want[] = {utc_10 + 3 * 3600, utc_10 - 2 * 3600, utc_10 - 2 * 3600, utc_10 - 2 * 3600,
                            utc_10 - 2 * 3600, utc_10 - 2 * 3600, utc_10 - 2 * 3600};
    for (size_t i = 0; i < 7; i++) {
        assert_true(p.items->items[i].has_published);
        assert_int_equal(p.items->items[i].published, want[i]);
    }
    assert_false(p.items->items[7].has_published);
    assert_false(p.items->items[8].has_published);
    item_list_destroy(p.items);
    int status;
    char *out = testutil_run(TICKER_BINARY " -c /dev/null dump " FIXTURES_DIR "/dates-localized.rss 2>&1 >/dev/null",
                             &status);
    assert_int_equal(status, 0);
    const char *warning = strstr(out, "dates-localized.rss: 2 dates could not be read (the first: \"hôm qua lúc 10 giờ\")");
    if (!warning)
        fail_msg("no warning naming the feed and the date in: %s", out);
    assert_null(strstr(strstr(out, "could not be read") + 1, "could not be read")); /* once for the feed */
    free(out);
}

/* A description that opens with an element: libxml2, parsing a fragment
 * with no implied <body>, made that element the root and put the rest of
 * the text inside it, so an opening <img> (a void element, whose inside the
 * walk never read) or <script>/<style>/<iframe> (skipped, inside and all)
 * took the whole text with it: "<img src=…/> I was nearly murdered…" read
 * as "". In an RSS description (escaped, CDATA, or written as XML
 * elements, whose pictures were lost), content:encoded and an Atom
 * type="html" summary. */
static void a_description_opening_with_an_element_keeps_its_text(void **state)
{
    (void)state;
    static const char *const bodies[] = {
        "<img src=\"https://blog.example.com/c.jpg\"/> I was nearly murdered by a coconut today.",
        "<img src=\"https://blog.example.com/c.jpg\"> I was nearly murdered by a coconut today.",
        "<IMG SRC=\"https://blog.example.com/c.jpg\" width=\"300\" height=\"200\" alt=\"a coconut\" "
        "class=\"alignleft\" />I was nearly murdered by a coconut today.",
        "<img src=\"https://blog.example.com/c.jpg\"></img>I was nearly murdered by a coconut today.",
        "<img src=\"https://blog.example.com/c.jpg\" /><br/>I was nearly murdered by a coconut today.",
        "<img src=\"https://blog.example.com/c.jpg\"><br>I was nearly <b>murdered</b> by a coconut today.",
        "<img src=\"https://blog.example.com/c.jpg\"/><p>I was nearly murdered by a coconut today.</p><p></p>",
        "  <img src=\"https://blog.example.com/c.jpg\"/>\n<p>I was nearly murdered</p> by a coconut today.",
        "<script>var x = 1;</script>I was nearly murdered by a coconut today.",
        "<style>p { color: red }</style><p>I was nearly murdered by a coconut today.</p>",
        "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>I was nearly murdered by a coconut today.",
    };
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++)
        for (int shape = 0; shape < 5; shape++) {
            /* shape 4: the markup written unescaped, XML elements in the description (the picture was lost) */
            bool well_formed = !strstr(bodies[i], "c.jpg\">") && !strstr(bodies[i], "<br>");
            if (shape == 4 && !well_formed)
                continue;
            char cdata[512], xml[2048];
            snprintf(cdata, sizeof cdata, "<![CDATA[%s]]>", bodies[i]);
            /* escaped: the same markup as entities */
            char escaped[1024] = "";
            for (const char *c = bodies[i]; *c; c++)
                strcat(escaped, *c == '<' ? "&lt;" : *c == '>' ? "&gt;" : *c == '&' ? "&amp;" : (char[]){*c, 0});
            const char *body = shape == 1 ? escaped : shape == 4 ? bodies[i] : cdata;
            if (shape < 2 || shape == 4)
                snprintf(xml, sizeof xml, "<rss version=\"2.0\"><channel><title>K</title><item><title>Coconut</title>"
                         "<link>https://blog.example.com/1</link><description>%s</description></item></channel></rss>",
                         body);
            else if (shape == 2)
                snprintf(xml, sizeof xml, "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/"
                         "content/\"><channel><title>K</title><item><title>Coconut</title><link>https://blog.example"
                         ".com/1</link><content:encoded>%s</content:encoded></item></channel></rss>", body);
            else
                snprintf(xml, sizeof xml, "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>K</title><entry>"
                         "<title>Coconut</title><link href=\"https://blog.example.com/1\"/><summary type=\"html\">"
                         "%s</summary></entry></feed>", escaped);
            struct item_list *items = item_list_create();
            char err[256];
            assert_true(feed_parse("coconut", xml, strlen(xml), items, NULL, err, sizeof err));
            assert_int_equal(items->count, 1);
            const struct item *item = &items->items[0];
            if (strcmp(item->summary, "I was nearly murdered by a coconut today."))
                fail_msg("body %zu, shape %d: summary \"%s\"\n%s", i, shape, item->summary, xml);
            if (strstr(bodies[i], "<img") || strstr(bodies[i], "<IMG")) {
                assert_int_equal(item->picture_count, 1);
                assert_string_equal(item->pictures[0].url, "https://blog.example.com/c.jpg");
            }
            item_list_destroy(items);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_prolog_before_the_root_is_not_junk),
        cmocka_unit_test(localized_dates_read_and_the_unreadable_said_once),
        cmocka_unit_test(vnexpress_cdata_description_and_plus0700),
        cmocka_unit_test(tuoitre_gmt7_nfd_title_numeric_entities_ttl),
        cmocka_unit_test(dantri_cdata_titles_links_and_dates),
        cmocka_unit_test(atom_html_xhtml_and_text_constructs),
        cmocka_unit_test(rss1_rdf),
        cmocka_unit_test(truncated_xml_gives_what_came_before_the_cut),
        cmocka_unit_test(invalid_utf8_is_repaired_without_garbling_the_rest),
        cmocka_unit_test(entities_are_never_expanded_or_loaded),
        cmocka_unit_test(not_a_feed_names_the_root),
        cmocka_unit_test(rss_titles_markup_only_when_it_is_markup),
        cmocka_unit_test(titles_are_shown_as_written),
        cmocka_unit_test(nested_and_split_cdata_keep_their_text),
        cmocka_unit_test(declared_8bit_encoding_is_converted),
        cmocka_unit_test(item_without_guid_or_link_gets_a_stable_hash_id),
        cmocka_unit_test(html5_named_references_are_decoded),
        cmocka_unit_test(link_base_on_the_link_and_the_feeds_own_url),
        cmocka_unit_test(html_escaped_twice_in_descriptions),
        cmocka_unit_test(a_description_opening_with_an_element_keeps_its_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
