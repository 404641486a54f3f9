/* frontmatter: the block of metadata at the top of a Markdown page — YAML
 * between "---" lines (Jekyll, Hugo, Eleventy, Astro …) or TOML between
 * "+++" lines (Hugo) — read for the page's title, date and summary, and
 * where the text after it begins.
 * Owns: finding the block, the top-level keys it knows (title; published,
 * publishDate, pubDate, date …; description, summary, excerpt). YAML is
 * read by libyaml (nested mappings and lists skipped whole, block and
 * quoted scalars as YAML says); a block libyaml refuses, and TOML, by hand
 * (quoted strings with their escapes, plain and block scalars, bare values).
 * Never: a nested key (seo: title:) or a list item as the page's, cleaning
 * text (the caller's, ingest/text), or parsing the date (ingest/date).
 * Thread: any. */
#ifndef TICKER_FRONTMATTER_H
#define TICKER_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

struct front_matter {
    char *title; /* as written, escapes decoded; NULL when the block has none */
    char *date;  /* a publication key's value before "date:"'s; NULL when none */
    char *summary; /* description:, else summary:, else excerpt:; NULL when none */
    size_t body; /* offset in data of the first byte after the block; 0 when there is no block */
    bool unclosed; /* a "---" never closed: the block is its run of keys up to a blank line (say so) */
};

/* Reads the block at the top of data (after a BOM and blank lines). A
 * "---" with no closing line: its run of "key: value" lines up to the
 * first blank line, when they give a title, date or summary (unclosed
 * set). No block (lines that are no keys, as a page that opens with a
 * thematic break): *out stays empty. False on OOM. */
bool front_matter_read(const char *data, size_t size, struct front_matter *out);
void front_matter_clear(struct front_matter *fm);

#endif
