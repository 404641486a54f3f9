/* live/sync/syncwire: a program sealed by the leader comes back whole, and what
 * is not the group's leader's answer to this request is refused; and
 * base/program's identity check names the difference. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/program.h"
#include "live/sync/syncwire.h"

static struct item_list *one_item(const char *title, const char *picture)
{
    struct item_list *list = item_list_create();
    struct item item;
    item_init(&item);
    assert_true(item_set(&item.id, "id-1") && item_set(&item.title, title) && item_set(&item.summary, "Tóm tắt"));
    assert_true(item_add_picture(&item, picture, "Chú thích", 800, 600));
    assert_true(item_list_push(list, &item));
    item_clear(&item);
    return list;
}

static struct program *sample_program(void)
{
    struct program *p = calloc(1, sizeof *p);
    p->identity = (struct program_identity){1920, 1080, 0, 60, 3, 1, 40, 120, 8, ""};
    memset(p->identity.fonts, 'a', 64);
    assert_true(program_push(p, 1796600000.25, 123456789012, false, one_item("Hội đàm cấp cao", "https://example.org/a.jpg")));
    assert_true(program_push(p, 1796600060.5, 123456799012, true, one_item("Tin thứ hai", "/etc/passwd")));
    return p;
}

/* A program sealed by the leader comes back whole; a wrong key, a tampered
 * byte, an answer to another request (replayed) are refused, and so is a
 * picture that names a local file. */
static void seal_holds(void **state)
{
    (void)state;
    unsigned char key[SYNCWIRE_KEY_BYTES], other[SYNCWIRE_KEY_BYTES];
    memset(key, 7, sizeof key);
    memset(other, 8, sizeof other);
    struct program *p = sample_program();
    char *body = syncwire_encode(p, 1796600001.125, "00112233445566778899aabbccddeeff", key);
    assert_non_null(body);
    struct program *got = NULL;
    double leader = 0;
    char why[256];
    assert_int_equal(syncwire_decode(body, strlen(body), "00112233445566778899aabbccddeeff", key, &got, &leader, why,
                                     sizeof why), SYNCWIRE_PROGRAM);
    assert_true(fabs(leader - 1796600001.125) < 1e-6);
    assert_int_equal(got->count, 2);
    assert_true(fabs(got->segments[1].epoch - 1796600060.5) < 1e-6);
    assert_int_equal(got->segments[0].crawl_start, 123456789012);
    assert_false(got->segments[0].exact);
    assert_true(got->segments[1].exact);
    assert_string_equal(got->segments[0].items->items[0].title, "Hội đàm cấp cao");
    assert_int_equal(got->segments[0].items->items[0].picture_count, 1);
    assert_int_equal(got->segments[1].items->items[0].picture_count, 0); /* a local path is no leader's to give */
    assert_int_equal(got->identity.columns, 3);
    assert_string_equal(program_identity_mismatch(&got->identity, &p->identity, why, sizeof why), "");
    program_destroy(got);
    assert_int_equal(syncwire_decode(body, strlen(body), "00112233445566778899aabbccddeeff", other, &got, &leader, why,
                                     sizeof why), SYNCWIRE_BAD);
    assert_non_null(strstr(why, "key"));
    assert_int_equal(syncwire_decode(body, strlen(body), "ffeeddccbbaa99887766554433221100", key, &got, &leader, why,
                                     sizeof why), SYNCWIRE_BAD);
    body[strlen(body) - 5] ^= 1;
    assert_int_equal(syncwire_decode(body, strlen(body), "00112233445566778899aabbccddeeff", key, &got, &leader, why,
                                     sizeof why), SYNCWIRE_BAD);
    free(body);
    body = syncwire_encode_refusal("screen size: 1280x720", 5, "00112233445566778899aabbccddeeff", key);
    assert_int_equal(syncwire_decode(body, strlen(body), "00112233445566778899aabbccddeeff", key, &got, &leader, why,
                                     sizeof why), SYNCWIRE_REFUSED);
    assert_string_equal(why, "screen size: 1280x720");
    free(body);
    struct program_identity small = p->identity;
    small.width = 1280;
    assert_non_null(strstr(program_identity_mismatch(&p->identity, &small, why, sizeof why), "screen size"));
    small = p->identity;
    small.fonts[3] = 'b';
    assert_non_null(strstr(program_identity_mismatch(&p->identity, &small, why, sizeof why), "fonts"));
    program_destroy(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seal_holds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
