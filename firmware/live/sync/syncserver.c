#include "live/sync/syncserver.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"

#define SYNCSERVER_CONNECTIONS 64 /* a hall's followers, and room for a stray scanner */
#define SYNCSERVER_TIMEOUT_S 5

struct syncserver {
    struct MHD_Daemon *daemon;
    unsigned char key[SYNCWIRE_KEY_BYTES];
    pthread_mutex_t lock;
    struct program *program; /* NULL until published */
    bool join;
    unsigned long answers, refusals;
};

static bool parse_bind(const char *bind, struct sockaddr_storage *addr, bool *v6)
{
    char host[64];
    const char *colon = strrchr(bind, ':');
    if (!colon || colon == bind || (size_t)(colon - bind) >= sizeof host)
        return false;
    int port = atoi(colon + 1);
    if (port < 1 || port > 65535)
        return false;
    memcpy(host, bind, (size_t)(colon - bind));
    host[colon - bind] = 0;
    memset(addr, 0, sizeof *addr);
    size_t len = strlen(host);
    if (host[0] == '[' && len > 2 && host[len - 1] == ']') {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)addr;
        host[len - 1] = 0;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        *v6 = true;
        return inet_pton(AF_INET6, host + 1, &a->sin6_addr) == 1;
    }
    struct sockaddr_in *a = (struct sockaddr_in *)addr;
    a->sin_family = AF_INET;
    a->sin_port = htons((uint16_t)port);
    *v6 = false;
    return inet_pton(AF_INET, host, &a->sin_addr) == 1;
}

static const char *arg(struct MHD_Connection *c, const char *name)
{
    const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
    return v ? v : "";
}

static bool good_nonce(const char *nonce)
{
    size_t n = strlen(nonce);
    return n >= 16 && n <= 64 && strspn(nonce, "0123456789abcdef") == n;
}

/* The follower's identity from the query; fonts copied at most 64. */
static void read_identity(struct MHD_Connection *c, struct program_identity *id)
{
    memset(id, 0, sizeof *id);
    id->width = atoi(arg(c, "w"));
    id->height = atoi(arg(c, "h"));
    id->rotate = atoi(arg(c, "rot"));
    id->refresh_hz = atof(arg(c, "hz"));
    id->columns = atoi(arg(c, "cols"));
    id->rows = atoi(arg(c, "rows"));
    id->bezel = atoi(arg(c, "bezel"));
    id->speed = atof(arg(c, "speed"));
    id->featured_seconds = atof(arg(c, "feat"));
    snprintf(id->fonts, sizeof id->fonts, "%s", arg(c, "fonts"));
}

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, char *body)
{
    const char *text = body ? body : LOG_OOM "\n";
    struct MHD_Response *r = MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_MUST_COPY);
    free(body);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    enum MHD_Result ok =
        MHD_queue_response(c, body || status != MHD_HTTP_OK ? status : MHD_HTTP_INTERNAL_SERVER_ERROR, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **state)
{
    (void)version, (void)upload, (void)state;
    struct syncserver *s = cls;
    if (strcmp(method, "GET"))
        return reply(c, MHD_HTTP_METHOD_NOT_ALLOWED, strdup("read-only: GET /program\n"));
    if (*upload_size)
        return MHD_NO;
    if (strcmp(url, "/program"))
        return reply(c, MHD_HTTP_NOT_FOUND, strdup("GET /program\n"));
    const char *nonce = arg(c, "nonce");
    if (!good_nonce(nonce))
        return reply(c, MHD_HTTP_BAD_REQUEST, strdup("nonce: 16 to 64 lower-case hex digits\n"));
    /* The leader's clock as late as possible before the answer leaves. */
    double now = groupclock_local_now();
    struct program_identity theirs;
    read_identity(c, &theirs);
    char why[256];
    char *body = NULL;
    pthread_mutex_lock(&s->lock);
    if (!strcmp(arg(c, "join"), "1"))
        s->join = true;
    if (!s->program) {
        pthread_mutex_unlock(&s->lock);
        return reply(c, MHD_HTTP_SERVICE_UNAVAILABLE, strdup("no program yet\n"));
    }
    bool refused = program_identity_mismatch(&s->program->identity, &theirs, why, sizeof why)[0];
    if (refused) {
        s->refusals++;
        body = syncwire_encode_refusal(why, now, nonce, s->key);
    } else {
        body = syncwire_encode(s->program, now, nonce, s->key);
    }
    s->answers++;
    pthread_mutex_unlock(&s->lock);
    return reply(c, MHD_HTTP_OK, body); /* a refusal too: its body is sealed and says why */
}

struct syncserver *syncserver_start(const char *bind, const unsigned char key[SYNCWIRE_KEY_BYTES], char *err,
                                    size_t err_size)
{
    struct sockaddr_storage addr;
    bool v6;
    if (!parse_bind(bind, &addr, &v6)) {
        snprintf(err, err_size,
                 "[sync] bind: want ADDRESS:PORT with a numeric address (\"192.168.1.20:7070\"), not \"%s\"", bind);
        return NULL;
    }
    struct syncserver *s = calloc(1, sizeof *s);
    if (!s) {
        log_oom_reason(err, err_size, NULL);
        return NULL;
    }
    memcpy(s->key, key, SYNCWIRE_KEY_BYTES);
    pthread_mutex_init(&s->lock, NULL);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
    s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, answer, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
                                 MHD_OPTION_CONNECTION_LIMIT, (unsigned)SYNCSERVER_CONNECTIONS,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SYNCSERVER_TIMEOUT_S, MHD_OPTION_END);
    if (!s->daemon) {
        snprintf(err, err_size, "[sync] bind %s: cannot serve there (address not on this machine, or port in use)",
                 bind);
        syncserver_stop(s);
        return NULL;
    }
    return s;
}

void syncserver_stop(struct syncserver *s)
{
    if (!s)
        return;
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    program_destroy(s->program);
    pthread_mutex_destroy(&s->lock);
    sodium_memzero(s->key, sizeof s->key);
    free(s);
}

void syncserver_publish(struct syncserver *s, const struct program *p)
{
    struct program *copy = program_clone(p);
    if (!copy)
        return;
    pthread_mutex_lock(&s->lock);
    struct program *old = s->program;
    s->program = copy;
    pthread_mutex_unlock(&s->lock);
    program_destroy(old);
}

bool syncserver_take_join(struct syncserver *s)
{
    pthread_mutex_lock(&s->lock);
    bool join = s->join;
    s->join = false;
    pthread_mutex_unlock(&s->lock);
    return join;
}

void syncserver_counts(struct syncserver *s, unsigned long *answers, unsigned long *refusals)
{
    pthread_mutex_lock(&s->lock);
    *answers = s->answers;
    *refusals = s->refusals;
    pthread_mutex_unlock(&s->lock);
}

bool syncserver_query(const char *nonce, const struct program_identity *id, bool join, char *out, size_t size)
{
    /* Every value is digits, a dot, a minus or hex: nothing to escape. */
    int n = snprintf(out, size,
                     "nonce=%s&w=%d&h=%d&rot=%d&hz=%.3f&cols=%d&rows=%d&bezel=%d&speed=%.17g&feat=%.17g&fonts=%s%s",
                     nonce, id->width, id->height, id->rotate, id->refresh_hz, id->columns, id->rows, id->bezel,
                     id->speed, id->featured_seconds, id->fonts, join ? "&join=1" : "");
    return n > 0 && (size_t)n < size;
}
