/* A source folder on a USB stick: its own files become items; a link out
 * of it (/etc/passwd, the kiosk's config with its credentials) is refused
 * with an error naming it, and the folder's other items are still read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/config.h"
#include "live/fetch/reader.h"

static const char feed[] = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Triển lãm</title>"
                           "<item><title>Khai mạc triển lãm ảnh</title><guid>a1</guid></item>"
                           "<item><title>Giờ mở cửa cuối tuần</title><guid>a2</guid></item></channel></rss>";

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static bool any_item_holds(const struct item_list *items, const char *text)
{
    for (size_t i = 0; i < items->count; i++)
        if (strstr(items->items[i].title, text) || strstr(items->items[i].summary, text))
            return true;
    return false;
}

static void links_out_of_a_source_folder_become_no_items(void **state)
{
    (void)state;
    char top[] = "/tmp/ticker-test-stick-XXXXXX";
    assert_non_null(mkdtemp(top));
    char stick[128], path[256];
    snprintf(stick, sizeof stick, "%s/usb", top);
    assert_int_equal(mkdir(stick, 0755), 0);
    snprintf(path, sizeof path, "%s/ticker.ini", top); /* the kiosk's own config, beside the stick */
    put(path, "[remote]\nconfig_url = https://fleet.example.vn/k.ini\npassword = mat-khau-bi-mat\n");
    snprintf(path, sizeof path, "%s/trien-lam.rss", stick);
    put(path, feed);
    const char *links[][2] = {{"passwd.txt", "/etc/passwd"}, {"cau-hinh.txt", "../ticker.ini"},
                              {"moi-nhat.rss", "trien-lam.rss"}}; /* the last stays inside: read */
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", stick, links[i][0]);
        assert_int_equal(symlink(links[i][1], path), 0);
    }
    struct config *config = config_create();
    struct item_list *items = item_list_create();
    char err[1024] = "";
    assert_true(reader_load(stick, config, items, err, sizeof err));
    assert_false(any_item_holds(items, "root:"));
    assert_false(any_item_holds(items, "mat-khau-bi-mat"));
    assert_false(any_item_holds(items, "config_url"));
    assert_int_equal(items->count, 4); /* the feed, and the link to it inside the stick */
    assert_true(any_item_holds(items, "Khai mạc triển lãm ảnh"));

    /* A file source that is itself such a link is refused, naming why. */
    snprintf(path, sizeof path, "%s/passwd.txt", stick);
    item_list_destroy(items);
    items = item_list_create();
    assert_false(reader_load(path, config, items, err, sizeof err));
    assert_non_null(strstr(err, "passwd.txt: a symbolic link leading out of its folder"));
    assert_int_equal(items->count, 0);
    item_list_destroy(items);
    config_destroy(config);
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", top);
    assert_int_equal(system(command), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(links_out_of_a_source_folder_become_no_items),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
