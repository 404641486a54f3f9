/* unicode: the one user of utf8proc; ingest's cleaning and folding, dedupe
 * and the typesetter read code points, classes and forms through it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/unicode.h"

static void next_reads_one_code_point_and_refuses_a_bad_or_cut_sequence(void **state)
{
    (void)state;
    int32_t cp;
    assert_int_equal(unicode_next("ệ!", UNICODE_TO_NUL, &cp), 3);
    assert_int_equal(cp, 0x1EC7);
    assert_int_equal(unicode_next("\xE1\xBB\x87", 2, &cp), 0); /* cut by avail */
    assert_int_equal(cp, -1);
    assert_int_equal(unicode_next("\xC0\xAF", UNICODE_TO_NUL, &cp), 0); /* overlong "/" */
    assert_int_equal(unicode_next("\xED\xA0\x80", UNICODE_TO_NUL, &cp), 0); /* a surrogate */
    char out[4];
    assert_int_equal(unicode_encode(0x20AB, out), 3);
    assert_memory_equal(out, "₫", 3);
}

static void classes_are_what_the_callers_tell_apart(void **state)
{
    (void)state;
    assert_int_equal(unicode_class(0x0110), UNICODE_CAPITAL);   /* Đ */
    assert_int_equal(unicode_class(0x01C5), UNICODE_TITLECASE); /* ǅ */
    assert_int_equal(unicode_class(0x0111), UNICODE_SMALL);     /* đ */
    assert_int_equal(unicode_class(0x4E2D), UNICODE_LETTER);    /* 中 */
    assert_int_equal(unicode_class(0x0301), UNICODE_MARK);      /* combining acute */
    assert_int_equal(unicode_class(0x0663), UNICODE_NUMBER);    /* Arabic-Indic 3 */
    assert_int_equal(unicode_class(0x3000), UNICODE_SPACE);     /* ideographic space */
    assert_int_equal(unicode_class(0x202E), UNICODE_CONTROL);   /* right-to-left override */
    assert_int_equal(unicode_class(0x00AD), UNICODE_CONTROL);   /* soft hyphen */
    assert_int_equal(unicode_class(0x201C), UNICODE_OTHER);     /* “ */
    assert_true(unicode_is_capital(0x01C5) && unicode_is_capital('H') && !unicode_is_capital('h'));
    assert_true(unicode_is_word(0x0301) && unicode_is_word(0x4E2D) && unicode_is_word('7'));
    assert_false(unicode_is_word('-') || unicode_is_word(' ') || unicode_is_word(0x200B));
}

static void forms_compose_fold_and_strip(void **state)
{
    (void)state;
    char *s = unicode_nfc("Vie\xCC\xA3\xCC\x82t"); /* e + dot below + circumflex */
    assert_string_equal(s, "Việt");
    free(s);
    s = unicode_nfc_casefold("HỘI ĐÀM Stra\xC3\x9F" "e");
    assert_string_equal(s, "hội đàm strasse");
    free(s);
    s = unicode_bare("Hội Đàm\xC2\xAD!"); /* a soft hyphen is ignorable */
    assert_string_equal(s, "hoi đam!");
    free(s);
    assert_null(unicode_nfc("\xFF"));
    char folded[UNICODE_FOLD_MAX];
    size_t n = unicode_fold_char(0x1E9E, folded); /* ẞ */
    assert_int_equal(n, 2);
    assert_memory_equal(folded, "ss", 2);
    n = unicode_fold_char(0x1EA0, folded); /* Ạ */
    assert_memory_equal(folded, "ạ", n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(next_reads_one_code_point_and_refuses_a_bad_or_cut_sequence),
        cmocka_unit_test(classes_are_what_the_callers_tell_apart),
        cmocka_unit_test(forms_compose_fold_and_strip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
