#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/unicode.h"
#include "ingest/text.h"

static char *clean(const char *s)
{
    return text_clean(s, strlen(s));
}

static void nfd_becomes_nfc(void **state)
{
    (void)state;
    /* "Việt" spelled e + U+0323 (dot below) + U+0302 (circumflex) */
    char *out = clean("Vie\xCC\xA3\xCC\x82t Nam");
    assert_string_equal(out, "Việt Nam");
    assert_string_equal(out, "Vi\xE1\xBB\x87t Nam"); /* U+1EC7, precomposed */
    free(out);
}

static void whitespace_collapses_and_trims(void **state)
{
    (void)state;
    char *out = clean("  Hội\t\tđàm \n\r cấp\xC2\xA0\xC2\xA0" "cao\xE3\x80\x80 ");
    assert_string_equal(out, "Hội đàm cấp cao");
    free(out);
}

static void controls_bidi_and_zero_width_are_removed(void **state)
{
    (void)state;
    /* RLO ... PDF, LRI ... PDI, LRM, RLM, ZWSP, BOM, soft hyphen, BEL, C1 NEL-like 0x9B */
    char *out = clean("\xE2\x80\xAEHọp\xE2\x80\xAC \xE2\x81\xA6tham\xE2\x81\xA9 v\xE2\x80\x8B\xC2\xAD" "ấn"
                      "\xE2\x80\x8E\xE2\x80\x8F\xEF\xBB\xBF\x07 \xC2\x9Bxong");
    assert_string_equal(out, "Họp tham vấn xong");
    free(out);
    /* ZWJ stays: emoji sequences need it */
    out = clean("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB");
    assert_string_equal(out, "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB");
    free(out);
}

static void invalid_utf8_becomes_replacement_characters(void **state)
{
    (void)state;
    const char bad[] = "Hà \xFF" "Nội \xC3 xa \xE1\xBB" " \xED\xA0\x80 \xF8\x88\x80\x80\x80";
    assert_int_equal(text_invalid_utf8_bytes(bad, sizeof bad - 1), 1 + 1 + 2 + 3 + 5);
    char *out = clean(bad);
    /* each bad byte is one U+FFFD; the good characters around them survive */
    assert_string_equal(out, "Hà \xEF\xBF\xBDNội \xEF\xBF\xBD xa \xEF\xBF\xBD\xEF\xBF\xBD "
                             "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD "
                             "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    free(out);
    /* an embedded NUL is a control: dropped, and the text after it is kept */
    const char with_nul[] = {'a', 0, 'b'};
    out = text_clean(with_nul, 3);
    assert_string_equal(out, "ab");
    free(out);
}

static void html_entities_are_decoded(void **state)
{
    (void)state;
    const char *html = "Vi&#7879;t Nam &amp; Singapore &#x1EC7; &quot;h&#7897;i &#273;&agrave;m&quot;&nbsp;x";
    char *out = text_from_html(html, strlen(html), NULL, NULL);
    assert_string_equal(out, "Việt Nam & Singapore ệ \"hội đàm\" x");
    free(out);
}

static void vnexpress_description_becomes_its_text(void **state)
{
    (void)state;
    const char *html = "<a href=\"https://vnexpress.net/a-1.html\"><img width=130 height=100 "
                       "src=\"https://i1-vnexpress.vnecdn.net/x.jpg\" ></a></br>Bộ trưởng Quốc phòng hai nước "
                       "hội đàm tại Hà Nội.";
    char *out = text_from_html(html, strlen(html), NULL, NULL);
    assert_string_equal(out, "Bộ trưởng Quốc phòng hai nước hội đàm tại Hà Nội.");
    free(out);
}

static void script_and_style_are_dropped_and_blocks_separate_words(void **state)
{
    (void)state;
    const char *html = "<div><style>p{color:red}</style><p>Tham</p><p>vấn</p><script>alert('x')</script>"
                       "<noscript>bật JS</noscript>an<b>ninh</b><br>biển</div>";
    char *out = text_from_html(html, strlen(html), NULL, NULL);
    assert_string_equal(out, "Tham vấn anninh biển");
    free(out);
}

struct captions {
    char *items[4];
    int count;
};

static bool keep_caption(void *context, const char *caption)
{
    struct captions *c = context;
    if (c->count < 4)
        c->items[c->count++] = strdup(caption);
    return true;
}

static void figcaptions_go_to_the_callback_not_the_text(void **state)
{
    (void)state;
    const char *html = "<p>Đoàn đại biểu dự triển lãm.</p><figure><img src=a.jpg><figcaption>Khách "
                       "tham quan  <i>khu trưng bày</i>. (Ảnh: TTXVN)</figcaption></figure><p>Kết thúc.</p>";
    struct captions c = {0};
    char *out = text_from_html(html, strlen(html), keep_caption, &c);
    assert_string_equal(out, "Đoàn đại biểu dự triển lãm. Kết thúc.");
    assert_int_equal(c.count, 1);
    assert_string_equal(c.items[0], "Khách tham quan khu trưng bày. (Ảnh: TTXVN)");
    free(c.items[0]);
    free(out);
}

static void plain_text_with_angle_bracket_survives(void **state)
{
    (void)state;
    const char *text = "Lãi suất < 5% & lạm phát > 3%";
    char *out = text_from_html(text, strlen(text), NULL, NULL);
    assert_non_null(out);
    assert_non_null(strstr(out, "5%"));
    assert_non_null(strstr(out, "3%"));
    free(out);
}

static void casefold_and_whole_words(void **state)
{
    (void)state;
    char *title = text_casefold("HỌP báo về Hợp tác; Đối Thoại Shangri-La");
    char *hop = text_casefold("Họp");
    char *doi_thoai = text_casefold("đối thoại");
    assert_string_equal(hop, "họp");
    assert_true(text_contains_words(title, hop));
    assert_true(text_contains_words(title, doi_thoai));
    free(title);
    /* "họp" must not match inside "hợp" nor as part of a longer word */
    title = text_casefold("Hợp tác quốc phòng; cuộchọp");
    assert_false(text_contains_words(title, hop));
    free(title);
    /* NFD input folds to the same NFC form */
    title = text_casefold("Ho\xCC\xA3p tru\xCC\x9B\xCC\xA3\x63 tuyến");
    assert_true(text_contains_words(title, hop));
    free(title);
    free(hop);
    free(doi_thoai);
}

/* text_casefold folds the Latin-1 and Vietnamese letters without utf8proc's
 * table: each, alone and between words, folds as utf8proc's full folding does. */
static void casefold_of_every_latin1_and_vietnamese_letter_is_utf8procs(void **state)
{
    (void)state;
    const int32_t ranges[][2] = {{0xC0, 0x24F}, {0x1E00, 0x1EFF}};
    for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++)
        for (int32_t c = ranges[r][0]; c <= ranges[r][1]; c++) {
            char letter[5] = "", expected[UNICODE_FOLD_MAX + 1] = "";
            letter[unicode_encode(c, letter)] = '\0';
            expected[unicode_fold_char(c, expected)] = '\0';
            char text[32], want[64];
            snprintf(text, sizeof text, "Ab %s%scD", letter, letter);
            snprintf(want, sizeof want, "ab %s%scd", expected, expected);
            char *folded = text_casefold(text);
            if (!folded || strcmp(folded, want))
                fail_msg("U+%04X folded to \"%s\", utf8proc: \"%s\"", (unsigned)c, folded ? folded : "(null)", want);
            free(folded);
        }
}

static void truncate_cuts_at_a_word(void **state)
{
    (void)state;
    char text[] = "Hai bên thống nhất thời gian tới tập trung thúc đẩy hợp tác";
    text_truncate(text, 30);
    assert_true(strlen(text) <= 30);
    assert_string_equal(text, "Hai bên thống nhất…");
    assert_int_equal(text_word_count("a bb  c"), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nfd_becomes_nfc),
        cmocka_unit_test(whitespace_collapses_and_trims),
        cmocka_unit_test(controls_bidi_and_zero_width_are_removed),
        cmocka_unit_test(invalid_utf8_becomes_replacement_characters),
        cmocka_unit_test(html_entities_are_decoded),
        cmocka_unit_test(vnexpress_description_becomes_its_text),
        cmocka_unit_test(script_and_style_are_dropped_and_blocks_separate_words),
        cmocka_unit_test(figcaptions_go_to_the_callback_not_the_text),
        cmocka_unit_test(plain_text_with_angle_bracket_survives),
        cmocka_unit_test(casefold_and_whole_words),
        cmocka_unit_test(casefold_of_every_latin1_and_vietnamese_letter_is_utf8procs),
        cmocka_unit_test(truncate_cuts_at_a_word),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
