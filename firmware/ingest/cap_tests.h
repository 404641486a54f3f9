/* cap_tests: whether an alert's text says it is only a test or a drill,
 * in English, Spanish, French, Portuguese, German and Vietnamese.
 * Owns: the one table of those words.  Never: reads the CAP document (its
 * status and event codes are ingest/cap's).  Thread: any (pure). */
#ifndef TICKER_CAP_TESTS_H
#define TICKER_CAP_TESTS_H

#include <stdbool.h>

/* True when text (UTF-8, NULL or empty: false) says the message is a test
 * or a drill: a sentence of the table anywhere as whole words, or a label
 * ("TEST:", "SIMULACRO -") that labels the whole text. Agencies send
 * Required Monthly Tests as status Actual with only this to tell them. */
bool cap_text_says_test(const char *text);

#endif
