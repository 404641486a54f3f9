/* text: turns whatever a feed or a page holds into clean display text —
 * invalid UTF-8 repaired (each bad byte becomes U+FFFD), control, bidi and
 * zero-width format characters removed, whitespace collapsed, NFC — and
 * HTML fragments into plain text (libxml2's HTML parser decodes entities,
 * drops script and style).  Also case folding for keyword matching.
 * Never: knows what a feed, an article or an item is. */
#ifndef TICKER_TEXT_H
#define TICKER_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the well-formed UTF-8 sequence at p (Unicode table 3-7), or 0. */
size_t text_utf8_length(const unsigned char *p, size_t avail);

/* Number of bytes in data that are not part of a valid UTF-8 sequence. */
size_t text_invalid_utf8_bytes(const char *data, size_t size);

/* A copy of data with every byte that is not part of a valid UTF-8 sequence
 * replaced by U+FFFD (so nothing silently vanishes); NUL bytes dropped.
 * NUL-terminated; caller frees; NULL on OOM. */
char *text_repair_utf8(const char *data, size_t size);

/* Display text: repaired, controls / bidi / zero-width format characters
 * dropped (ZWJ and ZWNJ are kept: emoji and some scripts need them), every
 * run of whitespace one space, trimmed, NFC. Caller frees; NULL on OOM. */
char *text_clean(const char *data, size_t size);

/* Called with each <figcaption> text met while converting HTML. Return false to stop (OOM). */
typedef bool (*text_caption_fn)(void *context, const char *caption);
/* Called with each picture met while converting HTML: an <img> (caption
 * NULL), or a <figure>'s first <img> with its <figcaption> text. src is as
 * written (relative or not): the largest candidate of its <picture>'s
 * <source> or its own srcset, else its src or a lazy loader's data-src.
 * Return false to stop (OOM). */
typedef bool (*text_image_fn)(void *context, const char *src, const char *caption, int width, int height);

/* Whether a picture's declared size -- width and height attributes (NULL:
 * none), or its style's width, height or display:none -- is a few pixels at
 * most: a tracking pixel or a spacer, never the item's picture. */
bool text_tiny_picture(const char *width, const char *height, const char *style);
/* strtol(text, end, 10); up to nine plain digits ("1200", a picture's
 * size) read without it, a dozen times an item. */
long text_leading_long(const char *text, char **end);

/* The srcset picture of an <img> (libxml2's HTML tree), as a browser
 * picks it: its <picture>'s first <source> with a srcset, else its own
 * srcset or data-srcset; of a srcset the largest candidate, since the
 * kiosk's screen is wide. NULL when it has none; caller xmlFrees. Shared
 * by the HTML walk here and a page's teasers (article_teaser). */
struct _xmlNode;
unsigned char *text_html_srcset(struct _xmlNode *img);

struct text_html_sink {
    text_caption_fn on_caption; /* may be NULL: captions stay in the text */
    text_image_fn on_image;     /* may be NULL */
    void *context;
    struct text_html_parser *parser; /* reused for many fragments; NULL: one made per call */
};

/* A libxml2 HTML parser kept for many fragments (a feed's descriptions):
 * one context and its dictionary instead of one per fragment. */
struct text_html_parser *text_html_parser_create(void);
void text_html_parser_destroy(struct text_html_parser *parser);

/* An HTML fragment or page to clean display text: tags stripped, entities
 * decoded, script/style/noscript/template dropped, block elements separate
 * words. <figcaption> texts go to on_caption (if not NULL) instead of into
 * the text. Input without '<' or '&' skips the parser. Caller frees. */
char *text_from_html(const char *html, size_t size, text_caption_fn on_caption, void *context);
/* The same with pictures reported too (sink may be NULL). */
char *text_from_html_sink(const char *html, size_t size, const struct text_html_sink *sink);
/* html (taken over) with the named references libxml2's HTML 4 table
 * lacks ("&apos;", "&lbrace;", every name HTML5 added: ingest/entity) as
 * the characters they stand for, so its HTML parser does not leave them as
 * text; "&" and "<" become "&amp;" and "&lt;". Linear. NULL on OOM. */
char *text_html_references(char *html);

/* Decodes character references left in plain text after one decoding
 * ("&apos;" from a feed that escaped "&amp;apos;" twice): named (HTML) and
 * numeric, in place (the text only shrinks). Unknown names stay. False
 * when none was decoded: the text is as it was ("R&D"), and clean text
 * stays clean. */
bool text_decode_references(char *text);

/* Whether text holds an ASCII tag ("<b>", "</i", "<br/") or a character
 * reference ("&amp;", "&#7879;"): HTML to read as such; "<hợp tác>",
 * "< 40 km/h" or "AT&T" are text. */
bool text_looks_like_markup(const char *text);

/* Removes CDATA markers that arrived as text ("<![CDATA[" and "]]>", when a
 * feed escaped or nested its CDATA), in place; a "]]>" with no opener
 * before it is the publisher's text and stays. */
void text_strip_cdata_markers(char *text);

/* Cuts text in place to at most max_bytes at a UTF-8 character boundary,
 * without an ellipsis; returns whether it cut. */
bool text_cut_utf8(char *text, size_t max_bytes);

/* Case-folded NFC copy for comparisons ("Họp" → "họp", "Đ" → "đ"). Caller frees. */
char *text_casefold(const char *text);

/* Whether needle (already case-folded) occurs in haystack (case-folded) as
 * whole words: not glued to a letter, mark or digit on either side. */
bool text_contains_words(const char *haystack, const char *needle);

/* Cuts text (clean UTF-8) in place to at most max_bytes, at a word boundary
 * when one is near, appending "…". */
void text_truncate(char *text, size_t max_bytes);

/* Number of space-separated words in clean text. */
size_t text_word_count(const char *text);

#endif
