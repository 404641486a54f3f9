/* The files made from the tables (see commandtable.h): the example
 * ticker.ini, docs/configuration.md, ticker.ini(5), ticker(1) and bash
 * completion. Written by `ticker generate`, checked by
 * tests/cli/test_generated.sh. */
#include "cli/commandtable.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "base/settings.h"

/* Each section once, in the table's order. */
static bool first_of_section(size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (!strcmp(settings_table[j].section, settings_table[i].section))
            return false;
    return true;
}

static const char *section_title(const char *section)
{
    return !strcmp(section, SETTING_SOURCE_SECTION) ? "source NAME" : section;
}

/* "a whole number from 10 to 604800 (seconds); live; fleet file: yes". */
static void facts(const struct setting *s, char *out, size_t size)
{
    char wants[256];
    settings_wants(s, wants, sizeof wants);
    bool said = s->unit && strstr(wants, s->unit); /* "a duration of whole seconds ..." names its unit */
    const char *unit = s->unit && !said ? s->unit : NULL;
    snprintf(out, size, "%s%s%s%s; %s%s", wants, unit ? " (" : "", unit ? unit : "", unit ? ")" : "",
             s->live ? "applied live" : "needs a restart", s->fleet ? "" : "; not from a fleet file");
}

static void generate_ini(FILE *out)
{
    fputs("; ticker: configuration of the exhibition news kiosk (ticker.ini(5)).\n"
          "; Made by `ticker generate ini` from the table of settings: do not edit, edit\n"
          "; firmware/base/settings_table.c. Installed as /etc/ticker/ticker.ini.\n"
          "; Every setting is shown commented out, with its default. The order of keys and\n"
          "; of sections means nothing; a key set twice in a section is an error (a list\n"
          "; may repeat its key, each line adding to it). Command-line flags override the\n"
          "; file, and SOURCE arguments replace the [source NAME] sections.\n"
          "; `ticker config check` checks it; `ticker config show` prints what is in force.\n", out);
    for (size_t i = 0; i < settings_count; i++) {
        const struct setting *s = &settings_table[i];
        bool source = settings_is_source(s);
        if (first_of_section(i))
            fprintf(out, source ? "\n; One [source NAME] section per source; with none, the demo content is shown.\n"
                                  "; [source NAME]\n"
                                : "\n[%s]\n", s->section);
        char f[512];
        facts(s, f, sizeof f);
        fprintf(out, "; %s =%s%s\n;     %s\n;     (%s)\n", s->key, s->fallback && s->fallback[0] ? " " : "",
                s->fallback ? s->fallback : "", s->doc, f);
    }
}

static void md_cell(FILE *out, const char *text)
{
    for (; *text; text++)
        fputs(*text == '|' ? "\\|" : (char[2]){*text, 0}, out);
}

static void generate_reference(FILE *out)
{
    fputs("# Configuration reference\n\n"
          "Made by `ticker generate reference` from the table of settings\n"
          "(`firmware/base/settings_table.c`); a test fails when this file is out of date.\n\n"
          "The file is `/etc/ticker/ticker.ini` (or `-c FILE`, `$TICKER_CONFIG`; `-c /dev/null`: none).\n"
          "It is read whole, then section by section: the order of keys and of sections means nothing.\n"
          "A key set twice in a section is an error naming both lines (a list may repeat its key, each\n"
          "line adding to it); an unknown key is an error naming the closest known one.\n"
          "A section `[NAME @HOST]` applies on the kiosk whose hostname is HOST, over `[NAME]`.\n"
          "`ticker config check` checks a file; `ticker config show` prints the settings in force and\n"
          "where each came from. *Live*: a fleet file's change is applied without a restart.\n"
          "*Fleet*: a fleet file (`[remote] config_url`) may set it.\n", out);
    for (size_t i = 0; i < settings_count; i++) {
        const struct setting *s = &settings_table[i];
        if (first_of_section(i))
            fprintf(out, "\n## [%s]\n\n| key | default | value | unit | live | fleet | read by | what it does |\n"
                         "|---|---|---|---|---|---|---|---|\n", section_title(s->section));
        char wants[256];
        fprintf(out, "| `%s` | ", s->key);
        if (s->fallback && s->fallback[0]) {
            fputs("`", out);
            md_cell(out, s->fallback);
            fputs("`", out);
        }
        fputs(" | ", out);
        md_cell(out, settings_wants(s, wants, sizeof wants));
        fprintf(out, " | %s | %s | %s | %s | ", s->unit ? s->unit : "", s->live ? "live" : "restart",
                s->fleet ? "yes" : "no", s->stage);
        md_cell(out, s->doc);
        if (s->alias)
            fprintf(out, " (also written: %s)", s->alias);
        fputs(" |\n", out);
    }
}

/* A UTF-8 character as groff's \[uXXXX] (groff reads bytes, not UTF-8);
 * returns its last byte. The table's text is UTF-8 (the reader checks). */
static const char *roff_utf8(FILE *out, const char *text)
{
    const unsigned char *u = (const unsigned char *)text;
    int extra = u[0] >= 0xF0 ? 3 : u[0] >= 0xE0 ? 2 : u[0] >= 0xC0 ? 1 : 0;
    unsigned long code = u[0] & (0x3F >> extra);
    for (int i = 1; i <= extra && (u[i] & 0xC0) == 0x80; i++)
        code = code << 6 | (u[i] & 0x3F);
    fprintf(out, "\\[u%04lX]", code);
    while (extra-- > 0 && (u[1] & 0xC0) == 0x80)
        u++;
    return (const char *)u;
}

/* Text for roff: a backslash doubled, a minus that is one escaped, and no
 * line starting with a dot or a quote. */
static void roff(FILE *out, const char *text)
{
    if (*text == '.' || *text == '\'')
        fputs("\\&", out);
    for (; *text; text++) {
        if (*text == '\\')
            fputs("\\e", out);
        else if (*text == '-')
            fputs("\\-", out);
        else if ((unsigned char)*text >= 0x80)
            text = roff_utf8(out, text);
        else
            fputc(*text, out);
    }
}

static void generate_man5(FILE *out)
{
    fputs(".TH TICKER.INI 5 \"2026\" \"ticker " TICKER_VERSION "\" \"File Formats\"\n"
          ".\\\" Made by `ticker generate man5` from the table of settings: do not edit.\n"
          ".SH NAME\nticker.ini \\- configuration of the ticker news kiosk\n"
          ".SH SYNOPSIS\n.I /etc/ticker/ticker.ini\n"
          ".SH DESCRIPTION\nAn INI file of sections and\n.IB key \" = \" value\nlines; comments start with\n"
          ".B ;\nor\n.BR # .\nThe file is read whole, then section by section: the order of keys and of sections\n"
          "means nothing.\nA key set twice in a section is an error naming both lines (a list may repeat its\n"
          "key, each line adding to it); an unknown key is an error naming the closest known one.\n"
          "A section\n.BI [ NAME \" @\" HOST ]\napplies on the kiosk whose hostname is\n.IR HOST ,\nover\n"
          ".BI [ NAME ]\\fR.\n.PP\n.B ticker config check\nchecks a file and what a start needs;\n"
          ".B ticker config show\nprints the settings in force and where each came from.\n", out);
    for (size_t i = 0; i < settings_count; i++) {
        const struct setting *s = &settings_table[i];
        if (first_of_section(i)) {
            fputs(".SH \"[", out);
            roff(out, section_title(s->section));
            fputs("]\"\n", out);
        }
        char f[512];
        facts(s, f, sizeof f);
        fputs(".TP\n.B ", out);
        roff(out, s->key);
        fputs("\n", out);
        roff(out, s->doc);
        fputs(".\n.br\n", out);
        roff(out, f);
        if (s->fallback && s->fallback[0]) {
            fputs("; default: ", out);
            roff(out, s->fallback);
        }
        fputs(".\n", out);
    }
    fputs(".SH FILES\n.TP\n.I /etc/ticker/ticker.ini\nThe configuration, every setting commented with its default.\n"
          ".TP\n.I /var/lib/ticker/remote.ini\nThe last good copy of the fleet file.\n"
          ".SH \"SEE ALSO\"\n.BR ticker (1)\n", out);
}

/* getopt's words of the options that take a value, "-c|--config|...". */
static void options_with_values(FILE *out, bool with_value)
{
    bool first = true;
    for (size_t i = 0; i < cli_option_count; i++) {
        const struct option_spec *o = &cli_options_table[i];
        if ((o->has_arg == required_argument) != with_value || o->hidden)
            continue;
        if (o->id < 256)
            fprintf(out, "%s-%c", first ? "" : "|", o->id), first = false;
        fprintf(out, "%s--%s", first ? "" : "|", o->name);
        first = false;
    }
}

static void generate_completion(FILE *out)
{
    fputs("# bash completion for ticker(1). Made by `ticker generate completion` from the\n"
          "# table of commands: do not edit.\n_ticker()\n{\n    local cur prev words cword\n"
          "    _init_completion -s || return\n\n    case $prev in\n        -c|--config|-o|--output|--cache)\n"
          "            _filedir\n            return\n            ;;\n        --rotate)\n"
          "            COMPREPLY=($(compgen -W '0 90 180 270' -- \"$cur\"))\n            return\n            ;;\n"
          "        ", out);
    options_with_values(out, true);
    fputs(")\n            return\n            ;;\n    esac\n    $split && return\n\n"
          "    if [[ $cur == -* ]]; then\n        COMPREPLY=($(compgen -W '", out);
    for (size_t i = 0; i < cli_option_count; i++)
        if (!cli_options_table[i].hidden)
            fprintf(out, "%s--%s%s", i ? " " : "", cli_options_table[i].name,
                    cli_options_table[i].has_arg == required_argument ? "=" : "");
    fputs("' -- \"$cur\"))\n        [[ ${COMPREPLY-} == *= ]] && compopt -o nospace\n        return\n    fi\n\n"
          "    local i command=\n    for ((i = 1; i < cword; i++)); do\n        case ${words[i]} in\n            ",
          out);
    options_with_values(out, true);
    fputs(") ((i++)) ;;\n            -*) ;;\n            *) command=${words[i]}; break ;;\n        esac\n    done\n\n"
          "    case $command in\n        '')\n            COMPREPLY=($(compgen -W '", out);
    for (size_t i = 0, n = 0; i < cli_command_count; i++)
        if (!cli_commands[i].hidden)
            fprintf(out, "%s%s", n++ ? " " : "", cli_commands[i].name);
    fputs("' -- \"$cur\"))\n            _filedir\n            ;;\n", out);
    for (size_t i = 0; i < cli_command_count; i++) {
        const struct command_spec *c = &cli_commands[i];
        if (c->operands == OPERANDS_SOURCES || c->hidden)
            continue;
        fprintf(out, "        %s)\n", c->name);
        if (c->operands == OPERANDS_WORD) {
            fputs("            [[ $i -eq $((cword - 1)) ]] && COMPREPLY=($(compgen -W '", out);
            for (const char *w = c->words; *w; w++)
                fputc(*w == '|' ? ' ' : *w, out);
            fputs("' -- \"$cur\"))\n", out);
        }
        fputs("            ;;\n", out);
    }
    fputs("        *)\n            _filedir\n            ;;\n    esac\n} &&\n    complete -F _ticker ticker\n", out);
}

bool cli_generate_man1(FILE *template_in, FILE *out);

bool cli_generate(const char *what, FILE *out)
{
    if (!strcmp(what, "ini"))
        generate_ini(out);
    else if (!strcmp(what, "reference"))
        generate_reference(out);
    else if (!strcmp(what, "man5"))
        generate_man5(out);
    else if (!strcmp(what, "completion"))
        generate_completion(out);
    else if (!strcmp(what, "man1"))
        return cli_generate_man1(stdin, out);
    else
        return false;
    return true;
}

/* ticker(1): the template (packaging/ticker.1.in, on stdin) with its
 * @COMMANDS@ and @OPTIONS@ lines made from the tables. Without the template
 * `ticker generate man1` waited for the terminal, or printed nothing and
 * said it was done: both are said now, with the command that works. */
bool cli_generate_man1(FILE *template_in, FILE *out)
{
    static const char how[] = "ticker generate man1 <packaging/ticker.1.in";
    if (isatty(fileno(template_in))) {
        log_error("generate man1 fills in its template, read on standard input: %s", how);
        return false;
    }
    char line[4096];
    bool filled = false;
    while (fgets(line, sizeof line, template_in)) {
        if (!strcmp(line, "@COMMANDS@\n")) {
            filled = true;
            for (size_t i = 0; i < cli_command_count; i++) {
                const struct command_spec *c = &cli_commands[i];
                if (c->hidden)
                    continue;
                fprintf(out, ".TP\n.B %s%s%s\n", c->name, c->words ? " " : "", c->words ? c->words : "");
                roff(out, c->summary);
                fputs(".\n", out);
            }
        } else if (!strcmp(line, "@OPTIONS@\n")) {
            for (size_t i = 0; i < cli_option_count; i++) {
                const struct option_spec *o = &cli_options_table[i];
                if (o->hidden)
                    continue;
                fputs(".TP\n", out);
                if (o->id < 256)
                    fprintf(out, "\\fB\\-%c\\fR, ", o->id);
                fputs("\\fB\\-\\-", out);
                roff(out, o->name);
                fputs("\\fR", out);
                if (o->arg) {
                    fputs(o->has_arg == optional_argument ? "[=\\fI" : " \\fI", out);
                    roff(out, o->arg);
                    fputs(o->has_arg == optional_argument ? "\\fR]" : "\\fR", out);
                }
                fputs("\n", out);
                roff(out, o->help);
                fputs(".\n", out);
            }
        } else
            fputs(line, out);
    }
    if (!filled)
        log_error("generate man1: standard input held no @COMMANDS@ line, so it is not the template: %s", how);
    return filled;
}
