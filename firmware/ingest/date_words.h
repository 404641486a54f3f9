/* date_words: the month and day names feeds in other languages print in
 * their dates — Portuguese, Spanish, French, German, Italian, Dutch and
 * Russian (full names, their genitives, the usual abbreviations), and the
 * small words between the parts ("24 de setembro de 2018", "24 сентября
 * 2018 г.", "um 10:00 Uhr").  Compared case-folded (utf8proc), with or
 * without a final dot.  Internal to ingest/date.
 * Owns: the tables.  Never: reads a whole date, or guesses a month from
 * a word it does not list.  Thread: any (the tables are constant). */
#ifndef TICKER_DATE_WORDS_H
#define TICKER_DATE_WORDS_H

#include <stdbool.h>
#include <stddef.h>

struct date_word {
    int month;   /* 1..12 when the word names a month, else 0 */
    bool day;    /* a day name ("lun.", "Seg", "Пн"): ignored in a date */
    bool filler; /* a word between the parts ("de", "à", "г.") */
};

/* What the word of len bytes at p means in a date; false when it is none
 * of these. A word may be both a month and a day ("mar": March, and
 * Tuesday in Spanish, French and Italian): the caller decides by what
 * follows. A month is a listed abbreviation, or three letters or more that
 * begin the names of only one month ("févr", "sept", "Dez"). months
 * false: the caller has the month already (an English one) and asks only
 * whether the word is also a day or a word between the parts. */
bool date_word_lookup(const char *p, size_t len, bool months, struct date_word *word);

#endif
