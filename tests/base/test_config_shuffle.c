/* The order of keys and of sections means nothing: every example config
 * (assets/ticker.ini, the fuzz corpus's, each INI block of the README and
 * docs/) read with its sections and keys shuffled gives the same settings
 * as read in order, for several shuffles. The lines of one list key keep
 * their order among themselves (they are one list, whose order can matter:
 * fallback fonts). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/config.h"
#include "base/inifile.h"
#include "base/settings.h"

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every setting in force, one "[section] key = value" line each, sorted:
 * sources by their name, so the order they were made in does not count. */
static char *dump(const struct config *c)
{
    size_t count = 0, cap = settings_count * (c->source_count + 1);
    char **lines = calloc(cap, sizeof *lines), value[4096], line[4400];
    for (size_t i = 0; i < settings_count; i++) {
        const struct setting *row = &settings_table[i];
        for (size_t s = 0; s < (settings_is_source(row) ? c->source_count : 1); s++) {
            const void *base = settings_is_source(row) ? (const void *)&c->sources[s] : (const void *)c;
            snprintf(line, sizeof line, "[%s %s] %s = %s", row->section,
                     settings_is_source(row) ? c->sources[s].name : "", row->key,
                     settings_format(row, base, value, sizeof value));
            lines[count++] = strdup(line);
        }
    }
    qsort(lines, count, sizeof *lines, by_text);
    size_t size = 1;
    for (size_t i = 0; i < count; i++)
        size += strlen(lines[i]) + 1;
    char *text = calloc(1, size);
    for (size_t i = 0; i < count; i++) {
        strcat(strcat(text, lines[i]), "\n");
        free(lines[i]);
    }
    free(lines);
    return text;
}

/* Loads path; the dump, or NULL with err. */
static char *read_dump(const char *path, char *err, size_t err_size)
{
    struct config *c = config_create();
    assert_non_null(c);
    char *text = config_load_file(c, path, err, err_size) ? dump(c) : NULL;
    config_destroy(c);
    return text;
}

static void swap(size_t *a, size_t *b)
{
    size_t t = *a;
    *a = *b;
    *b = t;
}

/* The file's entries written again: its sections in a shuffled order, and
 * in each, its keys in a shuffled order (a key's own lines in order). */
static void write_shuffled(const struct inifile *doc, const char *out_path, unsigned *seed)
{
    size_t n = doc->count, *order = malloc((n + 1) * sizeof *order), sections = 0;
    const char **names = malloc((n + 1) * sizeof *names);
    for (size_t i = 0; i < n; i++) {
        bool seen = false;
        for (size_t j = 0; j < sections && !seen; j++)
            seen = !strcmp(names[j], doc->entries[i].section);
        if (!seen)
            names[sections++] = doc->entries[i].section;
    }
    for (size_t i = sections; i > 1; i--) {
        size_t j = (size_t)rand_r(seed) % i;
        const char *t = names[i - 1];
        names[i - 1] = names[j];
        names[j] = t;
    }
    FILE *f = fopen(out_path, "w");
    assert_non_null(f);
    for (size_t s = 0; s < sections; s++) {
        fprintf(f, "[%s]\n", names[s]);
        size_t keys = 0; /* the first entry of each distinct key of the section */
        for (size_t i = 0; i < n; i++) {
            if (strcmp(doc->entries[i].section, names[s]))
                continue;
            bool first = true;
            for (size_t j = 0; j < i && first; j++)
                first = strcmp(doc->entries[j].section, names[s]) || strcmp(doc->entries[j].name, doc->entries[i].name);
            if (first)
                order[keys++] = i;
        }
        for (size_t i = keys; i > 1; i--)
            swap(&order[i - 1], &order[(size_t)rand_r(seed) % i]);
        for (size_t k = 0; k < keys; k++)
            for (size_t i = order[k]; i < n; i++)
                if (!strcmp(doc->entries[i].section, names[s]) && !strcmp(doc->entries[i].name, doc->entries[order[k]].name))
                    fprintf(f, "%s = %s\n", doc->entries[i].name, doc->entries[i].value);
    }
    fclose(f);
    free(order);
    free(names);
}

static size_t files_checked, settings_seen;

static void check_file(const char *path)
{
    char err[1024], err2[1024];
    struct inifile doc;
    if (!inifile_read(path, &doc, err, sizeof err))
        fail_msg("%s", err);
    char *want = read_dump(path, err, sizeof err);
    if (!want)
        fail_msg("an example does not load: %s", err);
    unsigned seed = 18;
    char out[64] = "/tmp/ticker-shuffle-XXXXXX";
    close(mkstemp(out));
    for (int round = 0; round < 8; round++) {
        write_shuffled(&doc, out, &seed);
        char *got = read_dump(out, err2, sizeof err2);
        if (!got)
            fail_msg("%s shuffled (round %d) does not load: %s", path, round, err2);
        if (strcmp(want, got))
            fail_msg("%s shuffled (round %d) reads differently", path, round);
        free(got);
    }
    settings_seen += doc.count;
    files_checked++;
    remove(out);
    free(want);
    inifile_clear(&doc);
}

/* The README's and docs' INI examples: indented blocks holding a [section]
 * other than systemd's. */
static void check_blocks_of(const char *markdown)
{
    FILE *in = fopen(markdown, "r");
    if (!in)
        return;
    char line[4096], block[64] = "/tmp/ticker-block-XXXXXX";
    close(mkstemp(block));
    FILE *out = NULL;
    bool ini = false;
    for (bool more = true; more;) {
        more = fgets(line, sizeof line, in) != NULL;
        bool indented = more && !strncmp(line, "    ", 4);
        if (indented && !out)
            out = fopen(block, "w"), ini = false;
        if (indented) {
            fputs(line + 4, out);
            ini |= line[4] == '[' && line[5] >= 'a' && line[5] <= 'z';
        } else if (out && (!more || line[0] != '\n')) {
            fclose(out);
            out = NULL;
            if (ini)
                check_file(block);
        }
    }
    fclose(in);
    remove(block);
}

static void every_example_reads_the_same_shuffled(void **state)
{
    (void)state;
    check_file(TICKER_SOURCE_DIR "/assets/ticker.ini");
    DIR *dir = opendir(TICKER_SOURCE_DIR "/tests/fuzz/corpus/config");
    assert_non_null(dir);
    for (struct dirent *e; (e = readdir(dir));) {
        char path[600];
        snprintf(path, sizeof path, "%s/tests/fuzz/corpus/config/%s", TICKER_SOURCE_DIR, e->d_name);
        if (strstr(e->d_name, ".ini"))
            check_file(path);
    }
    closedir(dir);
    size_t before = files_checked;
    check_blocks_of(TICKER_SOURCE_DIR "/README.md");
    dir = opendir(TICKER_SOURCE_DIR "/docs");
    assert_non_null(dir);
    for (struct dirent *e; (e = readdir(dir));) {
        char path[600];
        snprintf(path, sizeof path, "%s/docs/%s", TICKER_SOURCE_DIR, e->d_name);
        size_t n = strlen(e->d_name);
        if (n > 3 && !strcmp(e->d_name + n - 3, ".md"))
            check_blocks_of(path);
    }
    closedir(dir);
    print_message("%zu example files (%zu from the README and docs), %zu settings, 8 shuffles each\n", files_checked,
                  files_checked - before, settings_seen);
    assert_true(files_checked - before >= 3); /* the guides' examples were found */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_example_reads_the_same_shuffled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
