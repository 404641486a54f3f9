/* Every parser on mangled real input: thousands of truncations, byte flips
 * and spliced-in markup from the fixtures and seeds. Nothing may crash (the
 * ASan build runs this too), and whatever comes out must be clean text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/log.h"
#include "ingest/source.h"
#include "testutil.h"
#include "ingest/text.h"

enum { MUTATIONS_PER_INPUT = 300 };

static uint32_t next_random(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u; /* deterministic: a failure can be replayed */
    return *state >> 8;
}

static const char *const splices[] = {"<![CDATA[", "]]>", "&#7879;", "&amp;", "&bogus;", "<item>", "</item>",
                                      "<title>", "</channel>", "\xE2\x80\xAE", "\xCC\xA3", "\xF0\x9F", "\n| x |\n",
                                      "![]() |\n", "<script>", "<!--", "\0", "[Video] ", "&#0;", "&#xD800;"};

static char *mutate(const char *data, size_t size, uint32_t *rng, size_t *out_size)
{
    char *copy = malloc(size + 64);
    memcpy(copy, data, size);
    size_t len = size;
    switch (next_random(rng) % 3) {
    case 0: /* truncate */
        len = size ? next_random(rng) % size : 0;
        break;
    case 1: /* flip a few bytes */
        for (int i = 0; i < 4 && size; i++)
            copy[next_random(rng) % size] = (char)(next_random(rng) & 0xFF);
        break;
    default: { /* splice markup in */
        const char *s = splices[next_random(rng) % (sizeof splices / sizeof *splices)];
        size_t s_len = s[0] ? strlen(s) : 1;
        size_t at = size ? next_random(rng) % size : 0;
        memmove(copy + at + s_len, copy + at, size - at);
        memcpy(copy + at, s, s_len);
        len = size + s_len;
    }
    }
    *out_size = len;
    return copy;
}

static void assert_clean(const char *text)
{
    assert_int_equal(text_invalid_utf8_bytes(text, strlen(text)), 0);
    char *again = text_clean(text, strlen(text));
    assert_string_equal(again, text); /* already clean: NFC, no controls, no double spaces */
    free(again);
}

static void check_input(const char *path, const struct kind_rules *rules, uint32_t seed)
{
    size_t size;
    char *data = testutil_read_file(path, &size);
    assert_non_null(data);
    uint32_t rng = seed;
    size_t parsed = 0;
    for (int m = 0; m < MUTATIONS_PER_INPUT; m++) {
        size_t len;
        char *mutated = mutate(data, size, &rng, &len);
        struct item_list *items = item_list_create();
        char err[1024];
        if (getenv("ROBUST_DUMP")) {
            FILE *f = fopen(getenv("ROBUST_DUMP"), "wb");
            fwrite(mutated, 1, len, f);
            fclose(f);
        }
        if (source_parse_buffer("mutated", mutated, len, rules, items, err, sizeof err)) {
            parsed++;
            for (size_t i = 0; i < items->count; i++) {
                struct item *it = &items->items[i];
                assert_true(it->title[0] && it->id[0]);
                assert_clean(it->title);
                assert_clean(it->summary);
                for (size_t c = 0; c < it->caption_count; c++)
                    assert_clean(it->captions[c]);
            }
        } else {
            assert_non_null(strstr(err, "mutated: "));
        }
        item_list_destroy(items);
        free(mutated);
    }
    assert_true(parsed > 0); /* most mutations still yield something */
    free(data);
}

static void mangled_inputs_never_crash_and_come_out_clean(void **state)
{
    (void)state;
    struct config *config = config_create();
    const char *inputs[] = {FIXTURES_DIR "/vnexpress.rss", FIXTURES_DIR "/tuoitre.rss", FIXTURES_DIR "/dantri.rss",
                            FIXTURES_DIR "/atom.xml",      FIXTURES_DIR "/rss1.rdf",    FIXTURES_DIR "/article.html",
                            SEEDS_DIR "/000_4898ecc7a27e8ad6.txt", SEEDS_DIR "/001_d6a304863a5f4f06.txt"};
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++)
        check_input(inputs[i], &config->rules, 12345u + (uint32_t)i);
    config_destroy(config);
}

int main(void)
{
    log_set_level(LOG_LEVEL_ERROR); /* thousands of "broken XML" warnings say nothing here */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mangled_inputs_never_crash_and_come_out_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
