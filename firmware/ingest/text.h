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

/* An HTML fragment or page to clean display text: tags stripped, entities
 * decoded, script/style/noscript/template dropped, block elements separate
 * words. <figcaption> texts go to on_caption (if not NULL) instead of into
 * the text. Input without '<' or '&' skips the parser. Caller frees. */
char *text_from_html(const char *html, size_t size, text_caption_fn on_caption, void *context);

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
