/* wordmatch: whole-word matching of a list of words and phrases on NFC,
 * case-folded text — the one matcher of the [kinds] dialogue keywords and
 * the [editorial] include and exclude rules, so "họp" never matches "hợp"
 * or "cuộc họp" inside "hợp tác" anywhere.
 * Owns: the phrases, folded once when the set is made.
 * Never: folds the text it is given (callers fold once, match many) or
 * knows what an item is.  Thread: a set is read-only once made, so any
 * thread may match with it. */
#ifndef TICKER_WORDMATCH_H
#define TICKER_WORDMATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "base/config.h"

struct wordmatch;

/* A set of the phrases of list (each NFC-normalised and case-folded; empty
 * ones are never matched). NULL on OOM; a NULL list gives an empty set. */
struct wordmatch *wordmatch_create(const struct string_list *list);
void wordmatch_destroy(struct wordmatch *set);
size_t wordmatch_count(const struct wordmatch *set);
/* The folded form of phrase i (as matched), for logs. */
const char *wordmatch_phrase(const struct wordmatch *set, size_t i);

/* The index of the first phrase that occurs in folded_text (a text
 * already through text_casefold) as whole words — not glued to a letter,
 * mark or digit on either side — or -1 when none does. */
long wordmatch_find(const struct wordmatch *set, const char *folded_text);

#endif
