/* entity: HTML named character references ("&nbsp;", "&rsquo;", "&apos;",
 * "&NotEqualTilde;") for text that no HTML parser reads: XML feeds, where
 * libxml2 knows only the five XML entities, and HTML fragments, where
 * libxml2's HTML 4 table lacks the 2,000 names HTML5 added.  The table is
 * every name of the HTML Standard, generated at build time
 * (toolchain/gen/gen-html-entities.py, from Python's html.entities.html5).
 * Owns the lookup and the numeric-reference rules of the HTML standard
 * (&#150; is "–", as browsers read it).
 * Never: parses markup around a reference. */
#ifndef TICKER_ENTITY_H
#define TICKER_ENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Room for the longest text of a named reference (two code points), NUL-terminated. */
#define ENTITY_MAX_BYTES 16

/* The UTF-8 text (NUL-terminated, one or two code points) of the named
 * reference name[0..len) without '&' and ';' (case-sensitive, as in HTML:
 * the HTML Standard's named character references, all 2,125 of them).
 * False when the name is unknown. */
bool entity_lookup(const char *name, size_t len, char out[ENTITY_MAX_BYTES]);

/* A numeric reference's code point as the HTML standard reads it: 0x80-0x9F
 * are windows-1252 (decoded by libxml2's converter, not a table of ours),
 * 0, surrogates and values over 0x10FFFF are U+FFFD. */
uint32_t entity_numeric(uint32_t value);

/* Writes c as UTF-8 into out (at least 5 bytes, NUL-terminated); returns its length. */
size_t entity_utf8(uint32_t c, char *out);

#endif
