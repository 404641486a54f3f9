/* base/playreport: the proof of play's CSV rows (RFC 4180 quoting) and JSON
 * lines, byte for byte as `ticker played` printed them from cli/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/playreport.h"

static char *printed(void (*print)(FILE *, const struct play_event *), const struct play_event *e)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    print(out, e);
    fclose(out);
    return text;
}

static void csv_quotes_only_what_needs_it(void **state)
{
    (void)state;
    struct play_event e = {"crawl", "id-1", "Says \"no\", then", "a,b", 1765000000, 1765000012};
    char *row = printed(playreport_csv, &e);
    assert_string_equal(row, "2025-12-06T05:46:40Z,2025-12-06T05:46:52Z,crawl,id-1,\"Says \"\"no\"\", then\",\"a,b\"\n");
    free(row);
}

static void json_is_one_line_with_the_seconds(void **state)
{
    (void)state;
    struct play_event e = {"featured", "x", "Zürich/Bern", "s", 1765000000, 1765000012};
    char *line = printed(playreport_json, &e);
    assert_string_equal(line, "{\"started\":\"2025-12-06T05:46:40Z\",\"ended\":\"2025-12-06T05:46:52Z\","
                              "\"seconds\":12,\"kind\":\"featured\",\"id\":\"x\",\"title\":\"Zürich/Bern\","
                              "\"source\":\"s\"}\n");
    free(line);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_quotes_only_what_needs_it),
        cmocka_unit_test(json_is_one_line_with_the_seconds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
