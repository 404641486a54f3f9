/* page_title: the trail a site adds to a headline, cut on its own
 * (ingest/page_title): a one-word section between the headline and the
 * site's name in the languages read here ("O preço do ouro sobe | Economia
 * | G1" kept "| Economia"), and a site named by its host's initials ("Báo
 * Sài Gòn Giải Phóng" for sggp.org.vn was kept); a headline's own last
 * word ("Việt Nam - Singapore") and a part that names no site stay. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/page_title.h"

struct title_case {
    const char *title, *site_name, *host, *want;
};

static void cut_each(const struct title_case *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        char *title = strdup(cases[i].title);
        assert_non_null(title);
        struct page_site site = {.name = cases[i].site_name, .host = cases[i].host};
        page_title_cut(title, &site);
        if (strcmp(title, cases[i].want))
            fail_msg("case %zu: \"%s\" cut to \"%s\", not \"%s\"", i, cases[i].title, title, cases[i].want);
        free(title);
    }
}

static void one_word_sections_of_many_languages(void **state)
{
    (void)state;
    static const struct title_case cases[] = {
        {"O preço do ouro sobe | Economia | G1", "G1", "g1.globo.com", "O preço do ouro sobe"},
        {"El precio del oro sube | Economía | EL PAÍS", "EL PAÍS", "elpais.com", "El precio del oro sube"},
        {"Lula visita Paris | Mundo | G1", "G1", "g1.globo.com", "Lula visita Paris"},
        {"Le prix de l'or grimpe - Économie - Le Monde", "Le Monde", "www.lemonde.fr", "Le prix de l'or grimpe"},
        {"Goldpreis steigt - Wirtschaft - DER SPIEGEL", "DER SPIEGEL", "www.spiegel.de", "Goldpreis steigt"},
        {"Harga emas naik | Ekonomi | Kompas", "Kompas", "www.kompas.com", "Harga emas naik"},
        /* the headline's own last part, and a trail of no site of this page's, stay */
        {"Đối thoại quốc phòng Việt Nam - Singapore - VnExpress", NULL, "vnexpress.net",
         "Đối thoại quốc phòng Việt Nam - Singapore"},
        {"O preço do ouro sobe | Economia | Folha", "G1", "g1.globo.com", "O preço do ouro sobe | Economia | Folha"},
    };
    cut_each(cases, sizeof cases / sizeof *cases);
}

static void a_site_named_by_its_hosts_initials(void **state)
{
    (void)state;
    static const struct title_case cases[] = {
        {"Giá vàng tăng mạnh | Báo Sài Gòn Giải Phóng", NULL, "www.sggp.org.vn", "Giá vàng tăng mạnh"},
        {"Giá vàng tăng mạnh - Người Lao Động", NULL, "nld.com.vn", "Giá vàng tăng mạnh"},
        {"Giá vàng tăng mạnh | Thời sự | Báo Quân đội nhân dân", NULL, "www.qdnd.vn", "Giá vàng tăng mạnh"},
        {"Giá vàng tăng mạnh - Công an nhân dân", NULL, "cand.com.vn", "Giá vàng tăng mạnh"},
        /* initials of another site's name, and two words, stay */
        {"Giá vàng tăng mạnh - Người Lao Động", NULL, "sggp.org.vn", "Giá vàng tăng mạnh - Người Lao Động"},
        {"Giá vàng tăng mạnh - Tiền Phong", NULL, "tp.example.vn", "Giá vàng tăng mạnh - Tiền Phong"},
    };
    cut_each(cases, sizeof cases / sizeof *cases);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_word_sections_of_many_languages),
        cmocka_unit_test(a_site_named_by_its_hosts_initials),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
