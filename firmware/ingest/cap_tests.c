/* The words of a test or a drill in an alert's text (see cap_tests.h). */
#include "ingest/cap_tests.h"

#include <stdlib.h>
#include <string.h>

#include "ingest/text.h"

/* What says a message is only a test or a drill, casefolded: the one table
 * of it. Agencies send Required Monthly Tests as status Actual with only
 * this to tell them ("THIS IS A TEST"). A SENTENCE is matched as whole
 * words anywhere in any of the message's texts; a LABEL only where it
 * labels the whole text: at its start and followed by nothing or by ':',
 * '-', a dash, '.', '!', ')' or ']' ("SIMULACRO: alerta sísmica", "Übung -
 * ..."), so that "Test sites closed", "COVID test sites closed" or
 * "Thử nghiệm vắc-xin tạm dừng" stay alerts. */
enum test_match { TEST_SENTENCE, TEST_LABEL };

static const struct {
    const char *words;
    enum test_match match;
} test_words[] = {
    /* English */
    {"this is a test", TEST_SENTENCE}, {"this is only a test", TEST_SENTENCE}, {"only a test", TEST_SENTENCE},
    {"this is a drill", TEST_SENTENCE}, {"only a drill", TEST_SENTENCE}, {"this is an exercise", TEST_SENTENCE},
    {"only an exercise", TEST_SENTENCE}, {"required monthly test", TEST_SENTENCE},
    {"required weekly test", TEST_SENTENCE}, {"test message", TEST_LABEL}, {"test", TEST_LABEL},
    {"drill", TEST_LABEL}, {"exercise", TEST_LABEL},
    /* Spanish */
    {"esto es una prueba", TEST_SENTENCE}, {"esta es una prueba", TEST_SENTENCE},
    {"es solo una prueba", TEST_SENTENCE}, {"es sólo una prueba", TEST_SENTENCE},
    {"mensaje de prueba", TEST_SENTENCE}, {"esto es un simulacro", TEST_SENTENCE},
    {"esto es un ejercicio", TEST_SENTENCE}, {"es un simulacro", TEST_SENTENCE}, {"prueba", TEST_LABEL},
    {"simulacro", TEST_LABEL}, {"ejercicio", TEST_LABEL},
    /* French */
    {"ceci est un test", TEST_SENTENCE}, {"ceci est un exercice", TEST_SENTENCE},
    {"message de test", TEST_SENTENCE}, {"il s'agit d'un exercice", TEST_SENTENCE}, {"exercice", TEST_LABEL},
    /* Portuguese */
    {"isto é um teste", TEST_SENTENCE}, {"este é um teste", TEST_SENTENCE}, {"mensagem de teste", TEST_SENTENCE},
    {"isto é um exercício", TEST_SENTENCE}, {"isto é um simulado", TEST_SENTENCE}, {"teste", TEST_LABEL},
    {"simulado", TEST_LABEL}, {"exercício", TEST_LABEL},
    /* German */
    {"dies ist ein test", TEST_SENTENCE}, {"dies ist nur ein test", TEST_SENTENCE},
    {"dies ist eine übung", TEST_SENTENCE}, {"nur eine übung", TEST_SENTENCE}, {"probewarnung", TEST_SENTENCE},
    {"übung", TEST_LABEL}, {"probealarm", TEST_LABEL},
    /* Vietnamese */
    {"tin thử nghiệm", TEST_SENTENCE}, {"tin diễn tập", TEST_SENTENCE}, {"tin nhắn thử nghiệm", TEST_SENTENCE},
    {"tin nhắn diễn tập", TEST_SENTENCE}, {"thông báo thử nghiệm", TEST_SENTENCE},
    {"thông báo diễn tập", TEST_SENTENCE}, {"đây là thử nghiệm", TEST_SENTENCE},
    {"đây là diễn tập", TEST_SENTENCE}, {"đây chỉ là thử nghiệm", TEST_SENTENCE},
    {"đây chỉ là diễn tập", TEST_SENTENCE}, {"đây là một cuộc diễn tập", TEST_SENTENCE},
    {"đây là một thử nghiệm", TEST_SENTENCE}, {"đây là tin kiểm tra", TEST_SENTENCE},
    {"tin nhắn kiểm tra", TEST_SENTENCE}, {"diễn tập", TEST_LABEL}, {"thử nghiệm", TEST_LABEL},
};

/* Whether folded begins with label and nothing but a separator follows it
 * (TEST_LABEL above). Brackets, '*' and blanks before it are skipped. */
static bool labelled(const char *folded, const char *label)
{
    folded += strspn(folded, " *[(");
    size_t len = strlen(label);
    if (strncmp(folded, label, len))
        return false;
    const char *after = folded + len;
    after += strspn(after, " ");
    static const char *const separators[] = {":", "-", "\xE2\x80\x93", "\xE2\x80\x94", ".", "!", ")", "]"};
    if (!*after)
        return true;
    for (size_t i = 0; i < sizeof separators / sizeof *separators; i++)
        if (!strncmp(after, separators[i], strlen(separators[i])))
            return true;
    return false;
}

bool cap_text_says_test(const char *text)
{
    if (!text || !text[0])
        return false;
    char *folded = text_casefold(text);
    bool hit = false;
    for (size_t i = 0; folded && !hit && i < sizeof test_words / sizeof *test_words; i++)
        hit = test_words[i].match == TEST_SENTENCE ? text_contains_words(folded, test_words[i].words)
                                                   : labelled(folded, test_words[i].words);
    free(folded);
    return hit;
}

