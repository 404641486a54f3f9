/* dateline: the place and agency a news lead opens with ("HÀ NỘI - ",
 * "Hà Nội – ", "TP.HCM (TTXVN) - ", "(Dân trí) - "), cut from a summary.
 * Owns: telling a dateline (a short place name in capitals or in title
 * case, an agency in brackets, then a dash) from a sentence that merely
 * has a dash in it.
 * Never: cuts more than the dateline, or anything but the summary's start.
 * Thread: the caller's (the fetch worker's parse). */
#ifndef TICKER_DATELINE_H
#define TICKER_DATELINE_H

/* Cuts the dateline at the start of summary, in place. title (or NULL) is
 * the article's headline: a "Việt Nam - Lào ..." that the headline also
 * opens with is the story's subject, not a dateline. */
void dateline_cut(char *summary, const char *title);

#endif
