/* Every input fuzzing ever found a fault with, kept in tests/fuzz/regressions/
 * and run through the parsers it broke, in its exact bytes (no NUL after
 * them, so the sanitizer build sees any read past the end): never a crash,
 * and every item has a title, an id and valid UTF-8. The inputs:
 *   feed-15-byte-encoding-over-read.xml  the encoding repair read past the
 *       end looking for the name after "encoding=" (fixed in ingest/charset)
 *   feed-guid-thrice-null-title.rss  a guid given three times, twice to the
 *       same story: the dropped copy's NULL title reached strcmp (SIGSEGV)
 *   source-doctype-at-the-end-over-read.html  sniffing read the byte after
 *       a "<!DOCTYPE html" that ends the input (found by fuzz_cap)
 *   cap-doctype-after-junk-at-the-end-over-read.html  the same read, after
 *       junk ("<<o"), through alert_parse's sniffing (fuzz_cap's crash-8d44...
 *       file, committed at the top level by mistake; fixed by the same change)
 *   article-empty-title-header.txt  a text page whose "Title:" header is
 *       empty gave an item with an empty title (found by fuzz_jsonfeed;
 *       fixed in ingest/article)
 *   frontmatter-lists-at-the-start-under-read.md  a TOML front matter gave
 *       the title and the lists began at the text's first line: the line
 *       before it was read (lines[-1]; found by fuzz_jsonfeed, fixed in
 *       ingest/article). Every input also goes through the text reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "ingest/article.h"
#include "ingest/feed.h"
#include "ingest/source.h"
#include "ingest/text.h"
#include "testutil.h"

#define REGRESSIONS_DIR TICKER_SOURCE_DIR "/tests/fuzz/regressions"

static void check_items(const struct item_list *items)
{
    for (size_t i = 0; i < items->count; i++) {
        const struct item *it = &items->items[i];
        assert_true(it->title && it->title[0] && it->id && it->id[0]);
        assert_int_equal(text_invalid_utf8_bytes(it->title, strlen(it->title)), 0);
        assert_int_equal(text_invalid_utf8_bytes(it->summary, strlen(it->summary)), 0);
    }
}

static void run_one(const char *path, const struct kind_rules *rules)
{
    size_t size;
    char *read = testutil_read_file(path, &size);
    assert_non_null(read);
    char *exact = malloc(size ? size : 1);
    memcpy(exact, read, size);
    free(read);
    char err[1024], why[256];
    (void)source_sniff(exact, size, why, sizeof why);
    struct item_list *items = item_list_create();
    feed_parse("regression", exact, size, items, NULL, err, sizeof err);
    check_items(items);
    item_list_destroy(items);
    items = item_list_create();
    if (source_parse_buffer("regression", exact, size, rules, items, err, sizeof err))
        check_items(items);
    item_list_destroy(items);
    items = item_list_create();
    article_parse_html("regression", exact, size, items, err, sizeof err);
    check_items(items);
    item_list_destroy(items);
    items = item_list_create();
    article_parse_text("regression.md", exact, size, items, err, sizeof err);
    check_items(items);
    item_list_destroy(items);
    free(exact);
}

static void every_input_fuzzing_found_stays_fixed(void **state)
{
    (void)state;
    struct config *config = config_create();
    DIR *dir = opendir(REGRESSIONS_DIR);
    assert_non_null(dir);
    struct dirent *entry;
    int count = 0;
    while ((entry = readdir(dir))) {
        if (entry->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", REGRESSIONS_DIR, entry->d_name);
        print_message("%s\n", entry->d_name);
        run_one(path, &config->rules);
        count++;
    }
    closedir(dir);
    assert_true(count >= 2);
    config_destroy(config);
}

int main(void)
{
    source_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_input_fuzzing_found_stays_fixed),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    source_global_cleanup();
    return failed;
}
