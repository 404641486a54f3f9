/* main: the command line. Parses options into the config and cli_options,
 * then hands over to one command. Holds no logic of its own. */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "live/pictures/picture_child.h"
#include "cli/commandtable.h"
#include "live/pictures/picture_decode.h"
#include "base/config.h"
#include "base/log.h"
#include "base/settings.h"
#include "live/fetch/reader.h"
#include "cli/remotewire.h"
#include <errno.h>

__attribute__((format(printf, 1, 2))) static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "ticker: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'ticker --help'.\n");
    return 2;
}

static bool parse_size(const char *text, int *width, int *height)
{
    char tail;
    return sscanf(text, "%dx%d%c", width, height, &tail) == 2 && *width >= 16 && *height >= 16 &&
           *width <= 16384 && *height <= 16384;
}

static bool parse_clock(const char *text, struct tm *clock)
{
    memset(clock, 0, sizeof *clock);
    char tail;
    if (sscanf(text, "%d-%d-%d %d:%d%c", &clock->tm_year, &clock->tm_mon, &clock->tm_mday, &clock->tm_hour,
               &clock->tm_min, &tail) != 5)
        return false;
    clock->tm_year -= 1900;
    clock->tm_mon -= 1;
    clock->tm_isdst = -1;
    struct tm check = *clock;
    /* timegm normalises and fills tm_wday; a date that moves was out of range. */
    if (timegm(&check) == (time_t)-1 || check.tm_mday != clock->tm_mday || check.tm_mon != clock->tm_mon ||
        clock->tm_hour > 23 || clock->tm_min > 59)
        return false;
    *clock = check;
    return true;
}

/* The config file must be read before any flag overrides it, so it is found first. */
static int load_config(struct config *config, struct cli_options *options, int argc, char **argv)
{
    const char *explicit_path = getenv("TICKER_CONFIG");
    /* getopt_long itself, so every spelling counts (-cFILE, -vc FILE,
     * --config=FILE, --conf FILE); the others are parse_options' to judge.
     * It runs on a copy: getopt_long reorders what it reads, and an option
     * left without its value at the end would take the command for it. */
    char **copy = malloc(((size_t)argc + 1) * sizeof *copy);
    if (!copy)
        return 1;
    memcpy(copy, argv, ((size_t)argc + 1) * sizeof *copy);
    opterr = 0;
    for (int opt; (opt = getopt_long(argc, copy, ":c:o:vhV", cli_long_options(), NULL)) != -1;)
        if (opt == 'c')
            explicit_path = optarg;
    /* `ticker config check` reads a broken file itself, to say all that is wrong in it. */
    bool checking = optind < argc && !strcmp(copy[optind], "config");
    free(copy);
    opterr = 1;
    optind = 0; /* glibc: the next getopt_long starts again from scratch */
    char err[1024];
    if (explicit_path) {
        options->config_file = explicit_path;
        if (!config_load_file(config, explicit_path, err, sizeof err) && !checking) {
            log_error("config %s", err);
            return 2;
        }
        return 0;
    }
    char user_path[4096] = "";
    const char *home = getenv("HOME");
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && *xdg)
        snprintf(user_path, sizeof user_path, "%s/ticker/ticker.ini", xdg);
    else if (home && *home)
        snprintf(user_path, sizeof user_path, "%s/.config/ticker/ticker.ini", home);
    const char *candidates[] = {"/etc/ticker/ticker.ini", user_path};
    for (size_t i = 0; i < 2; i++) {
        if (!candidates[i][0] || access(candidates[i], R_OK) != 0)
            continue;
        /* A broken default file must not keep the kiosk's screen dark: say so and go on. */
        options->config_file = i == 0 ? candidates[0] : strdup(user_path); /* lives as long as the process */
        if (!config_load_file(config, candidates[i], err, sizeof err) && !checking)
            log_error("config %s (continuing with the settings read so far)", err);
        return 0;
    }
    return 0;
}

/* The option getopt_long stopped at, as it was written: "--cache" or "-c"
 * (from "-vc"). */
static const char *option_named(const char *word, int short_option)
{
    static char name[3];
    if (!strncmp(word, "--", 2) || !short_option)
        return word;
    name[0] = '-';
    name[1] = (char)short_option;
    return name;
}

/* "run, screenshot and bench": the commands of a bit set. */
static const char *command_names(unsigned commands, char *out, size_t size)
{
    size_t n = 0, count = 0;
    for (size_t i = 0; i < cli_command_count; i++)
        count += (commands & FOR(cli_commands[i].command)) != 0;
    out[0] = '\0';
    for (size_t i = 0; i < cli_command_count; i++)
        if (commands & FOR(cli_commands[i].command)) {
            size_t used = strlen(out);
            snprintf(out + used, size - used, "%s%s", !n ? "" : n + 1 == count ? " and " : ", ", cli_commands[i].name);
            n++;
        }
    return out;
}

/* An option the command does not read was silently ignored (`ticker dump
 * -o items.json` printed to the terminal): say so, and for which commands
 * it is (the option table says). */
static void warn_unused_options(enum command command, unsigned given)
{
    for (size_t i = 0; i < cli_option_count; i++) {
        const struct option_spec *o = &cli_options_table[i];
        char names[160], flag[40];
        if (o->id < 256)
            snprintf(flag, sizeof flag, "-%c", o->id);
        else
            snprintf(flag, sizeof flag, "--%s", o->name);
        if (o->given && (given & o->given) && !(o->commands & FOR(command)))
            log_warn("%s does nothing for %s (it is for %s); ignored", flag, cli_command_of(command)->name,
                     command_names(o->commands, names, sizeof names));
    }
}

/* The command and its operands, as the command table says: the first
 * operand is the command when it names one; a word that is neither a
 * command nor a source (no '/', no such file) is a mistyped command, not
 * a source; a command that takes no word refuses one. */
static int take_command(struct cli_options *options, int argc, char **argv)
{
    if (optind < argc) {
        const struct command_spec *named = cli_command_find(argv[optind]);
        if (named) {
            options->command = named->command;
            optind++;
        } else if (!strchr(argv[optind], '/') && !strchr(argv[optind], ':') && access(argv[optind], F_OK) != 0)
            return usage_error("unknown command '%s' (a source file of that name is given as ./%s)", argv[optind],
                               argv[optind]);
    }
    const struct command_spec *c = cli_command_of(options->command);
    int left = argc - optind;
    if (c->operands == OPERANDS_ONE && left != 1)
        return usage_error("%s: give one %s%s", c->name, c->words, left ? ", not several" : "");
    if (c->operands == OPERANDS_NONE && left > 0)
        return usage_error("%s takes no %s ('%s')", c->name, left > 1 ? "words" : "word", argv[optind]);
    if (c->operands == OPERANDS_WORD) {
        char words[96], word[100], say[160] = "";
        snprintf(words, sizeof words, "|%s|", c->words);
        snprintf(word, sizeof word, "|%s|", left == 1 ? argv[optind] : "");
        for (const char *w = c->words; *w;) { /* "on|standby": 'on' or 'standby' */
            size_t n = strcspn(w, "|"), used = strlen(say);
            snprintf(say + used, sizeof say - used, "%s'%.*s'", !used ? "" : w[n] ? ", " : " or ", (int)n, w);
            w += n + (w[n] == '|');
        }
        if (left != 1 || !strstr(words, word))
            return usage_error("%s: say %s%s%s%s", c->name, say, left ? ", not '" : "", left ? argv[optind] : "",
                               left ? "'" : "");
    }
    return 0;
}

/* A flag that sets a setting of the file: read and bounded by the table as
 * the file's line is (--refresh took 1 s where the file wanted 10), its
 * origin "command line (--refresh)". An empty value keeps what is there
 * (--size has set it) and only records the origin. */
static bool flag_sets(struct config *config, const char *flag, const char *section, const char *key,
                      const char *value)
{
    char why[512], origin[64], now[64];
    snprintf(origin, sizeof origin, "command line (%s)", flag);
    const struct setting *row = settings_find(section, key);
    if (!value[0])
        value = settings_format(row, config, now, sizeof now);
    if (config_set(config, section, key, value, origin, why, sizeof why))
        return true;
    usage_error("%s: %s", flag, why);
    return false;
}

static int parse_options(struct config *config, struct cli_options *options, unsigned *given, int argc,
                         char **argv)
{
    int opt;
    double number;
    /* The leading ':': a missing value is ':' and an unknown option '?',
     * and the message below says which, in one line. */
    while ((opt = getopt_long(argc, argv, ":c:o:vhV", cli_long_options(), NULL)) != -1) {
        switch (opt) {
        case 'c': break; /* already read by load_config */
        case 'o': options->output = optarg; *given |= GIVEN_OUTPUT; break;
        case 'v': if (!flag_sets(config, "-v", "ticker", "verbose", "true")) return 2; break;
        case 'h': cli_print_help(stdout); return -1;
        case 'V': printf("ticker %s\n", TICKER_VERSION); return -1;
        case OPT_WINDOW:
            *given |= GIVEN_WINDOW;
            config->display.window = true;
            if (optarg && !parse_size(optarg, &config->display.window_width, &config->display.window_height))
                return usage_error("--window wants WxH (each 16..16384), not '%s'", optarg);
            break;
        case OPT_SIZE:
            if (!parse_size(optarg, &config->display.width, &config->display.height))
                return usage_error("--size wants WxH (each 16..16384), not '%s'", optarg);
            if (!flag_sets(config, "--size", "display", "width", (char[16]){0}) ||
                !flag_sets(config, "--size", "display", "height", (char[16]){0}))
                return 2;
            break;
        case OPT_ROTATE: if (!flag_sets(config, "--rotate", "display", "rotate", optarg)) return 2; break;
        case OPT_SPEED: if (!flag_sets(config, "--speed", "display", "crawl_speed", optarg)) return 2; break;
        case OPT_MAXTEX:
            if (!flag_sets(config, "--max-texture-width", "display", "max_texture_width", optarg))
                return 2;
            break;
        case OPT_HEADLESS: options->headless = true; *given |= GIVEN_HEADLESS; break;
        case OPT_DURATION:
            *given |= GIVEN_DURATION;
            if (!config_parse_number(optarg, 0, 1e9, &options->duration_seconds))
                return usage_error("--duration wants seconds, not '%s'", optarg);
            break;
        case OPT_AT:
            *given |= GIVEN_AT;
            if (!config_parse_number(optarg, 0, 1e9, &options->at_seconds))
                return usage_error("--at wants seconds, not '%s'", optarg);
            break;
        case OPT_CLOCK:
            *given |= GIVEN_CLOCK;
            if (!parse_clock(optarg, &options->clock))
                return usage_error("--clock wants 'YYYY-MM-DD HH:MM', not '%s'", optarg);
            options->has_clock = true;
            break;
        case OPT_SECONDS:
            *given |= GIVEN_SECONDS;
            if (!config_parse_number(optarg, 0.1, 1e6, &options->bench_seconds))
                return usage_error("--seconds wants a positive number, not '%s'", optarg);
            break;
        case OPT_SINCE: options->since = optarg; *given |= GIVEN_SINCE; break;
        case OPT_FORMAT:
            *given |= GIVEN_FORMAT;
            if (strcmp(optarg, "csv") && strcmp(optarg, "json"))
                return usage_error("--format wants csv or json, not '%s'", optarg);
            options->format = optarg;
            break;
        case OPT_CACHE:
            if (!flag_sets(config, "--cache", "cache", "path", optarg))
                return 2;
            options->cache_given = true;
            break;
        case OPT_REFRESH: if (!flag_sets(config, "--refresh", "fetch", "refresh", optarg)) return 2; break;
        case OPT_SOURCES: options->list_sources = true; *given |= GIVEN_SOURCES; break;
        case OPT_SYNTHETIC:
            *given |= GIVEN_SYNTHETIC;
            if (!config_parse_number(optarg, 1, 1e6, &number) || number != (int)number)
                return usage_error("--synthetic wants 1..1000000 items, not '%s'", optarg);
            options->synthetic_items = (size_t)number;
            break;
        case OPT_CYCLES:
            *given |= GIVEN_CYCLES;
            if (!config_parse_number(optarg, 1, 1e9, &number))
                return usage_error("--cycles wants a positive count, not '%s'", optarg);
            options->fetch_cycles = (long)number;
            break;
        case OPT_GROUP_TIME:
            *given |= GIVEN_GROUP_TIME;
            if (!config_parse_number(optarg, 0, 1e10, &options->group_time))
                return usage_error("--group-time wants seconds, not '%s'", optarg);
            options->has_group_time = true;
            break;
        case OPT_WALL_POS:
            *given |= GIVEN_WALL_POS;
            if (sscanf(optarg, "%d,%d", &config->sync.column, &config->sync.row) != 2 || config->sync.column < 0 ||
                config->sync.row < 0 || config->sync.column > 15 || config->sync.row > 15)
                return usage_error("--wall-pos wants COLUMN,ROW (each 0..15), not '%s'", optarg);
            /* A place past the wall drew column 0: the wall's shape is the config's. */
            if (config->sync.column >= (config->sync.columns > 1 ? config->sync.columns : 1) ||
                config->sync.row >= (config->sync.rows > 1 ? config->sync.rows : 1))
                return usage_error("--wall-pos %s is outside the wall of %d x %d screens ([sync] columns and rows "
                                   "of the config): counted from 0,0", optarg, config->sync.columns,
                                   config->sync.rows);
            break;
        case OPT_FRAME_LOG: options->frame_log = optarg; *given |= GIVEN_FRAME_LOG; break;
        case ':': return usage_error("%s wants a value", option_named(argv[optind - 1], optopt));
        default: return usage_error("unknown option %s", option_named(argv[optind - 1], optopt));
        }
    }
    return 0;
}

bool cli_command_line(struct config *config, void *context)
{
    const struct cli_options *given = context;
    struct cli_options scratch = {.command = given->command};
    int saved_opterr = opterr;
    opterr = 0;
    optind = 0; /* glibc: a fresh scan (the first one already moved the operands to the end) */
    unsigned options_given = 0;
    bool ok = parse_options(config, &scratch, &options_given, given->argc, given->argv) == 0;
    opterr = saved_opterr;
    if (ok && given->source_count)
        ok = config_replace_sources(config, given->sources, given->source_count);
    if (given->no_pictures)
        config->display.pictures = false;
    return ok;
}

/* SIGHUP asks the remote configuration's thread to fetch the file now
 * (remotewire): blocked before any thread starts, so that every thread
 * inherits the mask and only that thread's sigtimedwait takes it. */
static void block_sighup(bool block)
{
    sigset_t hup;
    sigemptyset(&hup);
    sigaddset(&hup, SIGHUP);
    pthread_sigmask(block ? SIG_BLOCK : SIG_UNBLOCK, &hup, NULL);
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], PICTURE_CHILD_ARGUMENT) == 0) /* the kiosk's own decoder child */
        return picture_child_main(argv[0]);
    signal(SIGPIPE, SIG_IGN); /* libcurl in a thread: a dropped connection must not kill the kiosk */
    /* A file-size limit (ulimit -f, LimitFSIZE) is a full disk to the
     * program: the write fails with EFBIG and is reported and survived like
     * ENOSPC, instead of SIGXFSZ killing the kiosk without a word. */
    signal(SIGXFSZ, SIG_IGN);
    struct cli_options options = {.command = COMMAND_RUN, .bench_seconds = 10, .argc = argc, .argv = argv};
    struct config *config = config_create();
    if (!config) {
        log_oom("the settings");
        return 1;
    }
    unsigned given = 0;
    int status = load_config(config, &options, argc, argv);
    if (status == 0)
        remotewire_load_last_good(config); /* the fleet's file over the local one, before the flags */
    if (status == 0) {
        /* Options before or after the command alike (`ticker -c FILE dump`,
         * `ticker dump -c FILE`): getopt_long moves the operands to the end,
         * and the first of them is the command when it names one. A source
         * that is a file named like a command is given as ./NAME. */
        status = parse_options(config, &options, &given, argc, argv);
        if (status == 0)
            status = take_command(&options, argc, argv);
    }
    if (status == 0) {
        log_set_level(config->verbose ? LOG_LEVEL_DEBUG : LOG_LEVEL_INFO);
        warn_unused_options(options.command, given);
        options.sources = argv + optind;
        options.source_count = (size_t)(argc - optind);
        if (cli_command_of(options.command)->operands == OPERANDS_SOURCES && options.source_count &&
            !config_replace_sources(config, options.sources, options.source_count))
            status = 1;
    }
    bool hup_blocked = status == 0 && options.command == COMMAND_RUN && config->remote.config_url[0];
    if (hup_blocked)
        block_sighup(true);
    const struct command_spec *spec = cli_command_of(options.command);
    if (status == 0 && spec->setup == SETUP_NONE) { /* cec: the kiosk's child, libcec alone */
        status = spec->run(config, &options);
        config_destroy(config);
        return status;
    }
    /* Library set-up that is not thread-safe happens here, before any thread starts. */
    if (status == 0 && !reader_global_init()) {
        log_error("libcurl cannot start");
        status = 1;
    }
    /* Only the commands that draw decode pictures: starting libvips loads
     * its modules (dlopen), a tenth of what `dump` of a 2 MB feed cost. */
    bool draws = spec->setup == SETUP_PICTURES;
    char picture_err[512];
    bool pictures_started = status == 0 && draws && picture_decode_init(argv[0], picture_err, sizeof picture_err);
    if (status == 0 && draws && !pictures_started) {
        log_warn("%s: items are shown without their pictures", picture_err);
        config->display.pictures = false;
        options.no_pictures = true;
    }
    if (status == 0)
        status = spec->run(config, &options);
    if (pictures_started)
        picture_decode_shutdown();
    reader_global_cleanup();
    config_destroy(config);
    if (status == CLI_RESTART) { /* a clean restart: the new remote configuration is read from the start */
        log_info("restarting: %s", argv[0]);
        fflush(NULL);
        if (hup_blocked)
            block_sighup(false);
        execv("/proc/self/exe", argv);
        log_error("cannot run the program again (%s); exiting so the service manager restarts it", strerror(errno));
        return 1;
    }
    return status < 0 ? 0 : status;
}
