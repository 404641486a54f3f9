/* markdown_inline: one line of a Markdown page's body as display text —
 * its inline markup (emphasis, code spans, links, images, backslash
 * escapes) and raw HTML read as the text they show.
 * Owns: which marks are markup (CommonMark 6, a line's subset, by hand).
 * Never: block structure (headings, lists, rules: ingest/article), a
 * link's or an image's URL (dropped here, read by the caller from the
 * line as written). Thread: any. */
#ifndef TICKER_MARKDOWN_INLINE_H
#define TICKER_MARKDOWN_INLINE_H

#include <stddef.h>

/* "This has **bold**, a [link](u) and ![img](p.jpg)." -> "This has bold,
 * a link and." — clean (ingest/text), NUL-terminated; caller frees; NULL
 * on OOM. */
char *markdown_inline_text(const char *line, size_t len);

#endif
