/* log: an allocation failure has one wording, and names its place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/log.h"

static void an_oom_reason_names_its_place_or_leaves_it_to_the_caller(void **state)
{
    (void)state;
    char reason[64];
    log_oom_reason(reason, sizeof reason, "picture %s", "https://a.vn/x.jpg");
    assert_string_equal(reason, "picture https://a.vn/x.jpg: out of memory");
    log_oom_reason(reason, sizeof reason, NULL);
    assert_string_equal(reason, "out of memory");
    char small[12];
    log_oom_reason(small, sizeof small, "%s", "/var/cache/ticker/items.db");
    assert_string_equal(small, "/var/cache/"); /* cut, still terminated */
    log_oom_reason(small, sizeof small, "cache");
    assert_string_equal(small, "cache: out ");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_oom_reason_names_its_place_or_leaves_it_to_the_caller),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
