/* xmlrepair: the byte stream of a feed made into XML that libxml2 reads
 * whole, in one pass and in chunks (so a large feed is never copied): a
 * bare '&' ("R&D", "?id=12&cat=x") becomes "&amp;" and a bare '<' ("a < b")
 * "&lt;", numeric references take the HTML standard's reading (&#150; is
 * "–", &#0; U+FFFD), bytes that are not UTF-8 become U+FFFD and control
 * characters XML forbids are dropped.  CDATA sections, comments and
 * processing instructions pass unchanged apart from the byte repair.
 * Written by hand because libxml2 in recover mode drops what these fix
 * (the '&', the word after it, the rest of an item after a control byte)
 * and offers no hook before its tokenizer.  CDATA nested in CDATA is read
 * as one section however far apart its closers are (a "]]>" after an inner
 * "<![CDATA[" waits, in chunks, until the next "]]>" or "<![CDATA[" says
 * whose it is), and a stray "]]>" in text escaped.  Named references ("&nbsp;")
 * are left for the parser's getEntity hook (feed.c).
 * Never: parses elements or decides what the text means. */
#ifndef TICKER_XMLREPAIR_H
#define TICKER_XMLREPAIR_H

#include <stdbool.h>
#include <stddef.h>

/* What one step may look at past where it starts: a reference passed whole
 * (64 bytes), "<![CDATA[", a UTF-8 character, a numeric reference of up to
 * 250 digits. */
enum { XMLREPAIR_LOOKAHEAD = 256 };

struct xmlrepair {
    const unsigned char *data; /* UTF-8 input (read only, not owned) */
    size_t size, pos;
    bool more; /* more input follows data: stop XMLREPAIR_LOOKAHEAD bytes before its end */
    int state; /* where pos is: text/tags, CDATA, comment, processing instruction */
    int nested; /* "<![CDATA[" met inside the open CDATA section and not yet closed */
    size_t seek; /* a "]]>" at pos waiting (nested): how far past it the next closer or opener was looked for */
    size_t changes; /* how many repairs were made */
};

void xmlrepair_init(struct xmlrepair *repair, const char *data, size_t size);

/* The next piece of a stream (a file read in chunks): data continues the
 * bytes from repair->pos of the previous piece on (the caller keeps those
 * and puts them first); more says whether still more follows. The state
 * (inside a CDATA section, a comment) and the count carry over. */
void xmlrepair_feed(struct xmlrepair *repair, const char *data, size_t size, bool more);

/* Writes the next repaired bytes into out (cap >= 128), stopping before cap;
 * returns how many, 0 at the end of the input (or, with more, when fewer
 * than XMLREPAIR_LOOKAHEAD bytes are left, or at a "]]>" of a nested
 * CDATA section whose reading the input held does not settle yet:
 * repair->pos says how far it went, and every byte from there on is to be
 * kept for the next piece, however many). Linear in the input: a byte is
 * looked ahead at once at most, whatever the pieces; the repaired bytes
 * are the same whatever the pieces. */
size_t xmlrepair_next(struct xmlrepair *repair, char *out, size_t cap);

#endif
