/* unicode: what the kiosk asks of Unicode — a code point read or written,
 * its class, a normal form, a case fold — the one user of utf8proc.
 * Owns: the choice of utf8proc's options for each form (NFC, NFC folded,
 * bare) and the grouping of its 30 general categories into the few
 * classes the callers tell apart.  Never: cleans or repairs text
 * (ingest/text does), or keeps state.
 * Thread: any. */
#ifndef TICKER_UNICODE_H
#define TICKER_UNICODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* For unicode_next's avail: read up to the string's NUL. */
#define UNICODE_TO_NUL ((size_t)-1)

/* The bytes of the well-formed UTF-8 sequence at s (at most avail of them),
 * its code point in *cp; 0 with *cp = -1 when it is not one. */
size_t unicode_next(const char *s, size_t avail, int32_t *cp);

/* cp as UTF-8 in out (no NUL): its length, 1 to 4. */
size_t unicode_encode(int32_t cp, char out[4]);

/* cp's full case folding ("ẞ" → "ss") as UTF-8 in out (no NUL): its
 * length; 0 when cp is not a code point. */
enum { UNICODE_FOLD_MAX = 16 };
size_t unicode_fold_char(int32_t cp, char out[UNICODE_FOLD_MAX]);

/* General categories, grouped as the callers ask: a capital opens a name,
 * a word is letters, marks and digits, a space or a control is not text
 * to keep. */
enum unicode_class {
    UNICODE_CAPITAL,   /* Lu */
    UNICODE_TITLECASE, /* Lt: "ǅ", a capital too */
    UNICODE_SMALL,     /* Ll */
    UNICODE_LETTER,    /* Lm, Lo: a letter without case (CJK, Thai, ...) */
    UNICODE_MARK,      /* Mn, Mc, Me: combining */
    UNICODE_NUMBER,    /* Nd, Nl, No */
    UNICODE_SPACE,     /* Zs, Zl, Zp */
    UNICODE_CONTROL,   /* Cc, Cf: controls and format characters (bidi, ZWSP, BOM, soft hyphen) */
    UNICODE_OTHER      /* punctuation, symbols, private use, unassigned */
};
enum unicode_class unicode_class(int32_t cp);

/* Lu or Lt: "Hà", "ǅ". */
bool unicode_is_capital(int32_t cp);
/* A letter, a combining mark or a number: what a word is made of. */
bool unicode_is_word(int32_t cp);

/* Each a new NUL-terminated UTF-8 string (caller frees), NULL on OOM or
 * when s is not UTF-8. */
/* NFC, with Unicode's versioning stability. */
char *unicode_nfc(const char *s);
/* NFC, then case-folded: what two texts are compared as, case aside. */
char *unicode_nfc_casefold(const char *s);
/* Case-folded, without diacritics or default-ignorable characters
 * ("Hội Đàm" → "hoi đam"; "đ" has no decomposition, its caller decides). */
char *unicode_bare(const char *s);

#endif
