#include "live/http/http.h"

#include <curl/curl.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "base/array.h"
#include "base/log.h"

#define HTTP_MAX_RETRY_AFTER_SECONDS 86400L

/* One submitted GET: queued until a slot is free, then on the multi handle
 * with an easy handle of its own until it ends. */
struct transfer {
    CURL *curl;                 /* NULL while queued */
    struct curl_slist *headers;
    const struct http_client *client;
    char *url, *etag, *last_modified;
    long max_bytes;
    http_done_fn done;
    void *context;
    char *body;
    size_t size, capacity;
    bool too_large;
    CURLcode code;
    long os_errno;
    char curl_error[CURL_ERROR_SIZE];
    struct transfer *next;      /* in the queue, or among the running */
};

struct http_client {
    CURLM *multi;
    struct transfer *queue, *queue_tail; /* waiting for a slot, first come first served */
    struct transfer *running;
    size_t queued_count, running_count;
    size_t slots;                /* at most this many transfers at once */
    CURL **idle;                 /* easy handles of ended transfers, reused */
    size_t idle_count;
    struct fetch_config settings; /* the strings below are our copies */
    char *user_agent;
    char *ca_file;
    const atomic_bool *stop;
};

bool http_global_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

void http_global_cleanup(void)
{
    curl_global_cleanup();
}

long http_raise_fd_limit(void)
{
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    if (limit.rlim_cur < limit.rlim_max) {
        rlim_t was = limit.rlim_cur;
        limit.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0)
            limit.rlim_cur = was;
    }
    return limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur > (rlim_t)LONG_MAX ? LONG_MAX : (long)limit.rlim_cur;
}

size_t http_slots_for_fd_limit(long fd_limit, size_t wanted)
{
    if (fd_limit < 0 || fd_limit == LONG_MAX)
        return wanted;
    long spare = fd_limit - HTTP_FDS_RESERVED;
    size_t fit = spare > HTTP_FDS_PER_TRANSFER ? (size_t)(spare / HTTP_FDS_PER_TRANSFER) : 1;
    return fit < wanted ? fit : wanted;
}

/* The cap lives here because curl 7.88 ignores CURLOPT_MAXFILESIZE when the
 * server sends no Content-Length: a short count makes curl abort with
 * CURLE_WRITE_ERROR. Counted after decompression, so a gzip bomb stops too. */
static size_t on_body(char *data, size_t one, size_t count, void *user)
{
    struct transfer *t = user;
    size_t n = one * count;
    if (t->size + n > (size_t)t->max_bytes) {
        t->too_large = true;
        return 0;
    }
    if (!ARRAY_GROW(t->body, t->capacity, t->size + n + 1, 64 * 1024))
        return 0;
    memcpy(t->body + t->size, data, n);
    t->size += n;
    t->body[t->size] = '\0';
    return n;
}

static int on_progress(void *user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    const struct transfer *t = user;
    return t->client->stop && atomic_load(t->client->stop) ? 1 : 0;
}

/* The options every transfer shares; set once per easy handle. */
static bool set_fixed_options(CURL *h, const struct http_client *c)
{
    const struct fetch_config *s = &c->settings;
    bool ok = true;
    ok &= curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) == CURLE_OK; /* we run in a thread */
    ok &= curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_USERAGENT, c->user_agent) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "") == CURLE_OK; /* all curl decodes: gzip, deflate */
    ok &= curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)s->connect_timeout_seconds) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)s->total_timeout_seconds) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, (long)s->low_speed_bytes) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, (long)s->low_speed_seconds) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L) == CURLE_OK;
    /* A cookie wall (a redirect that sets a cookie and sends the client back
     * to the same URL) needs the cookie for the next request of the same
     * fetch: "" enables libcurl's cookie engine in memory, reading no file;
     * no CURLOPT_COOKIEJAR, so nothing is written to disk, and
     * release_handle forgets the cookies before the handle serves another
     * fetch. */
    ok &= curl_easy_setopt(h, CURLOPT_COOKIEFILE, "") == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_MAXREDIRS, (long)s->max_redirects) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK;
    if (c->ca_file[0])
        ok &= curl_easy_setopt(h, CURLOPT_CAINFO, c->ca_file) == CURLE_OK;
    return ok;
}

struct http_client *http_client_create(const struct fetch_config *settings, const atomic_bool *stop)
{
    struct http_client *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->settings = *settings;
    c->stop = stop;
    c->slots = settings->max_transfers > 0 ? (size_t)settings->max_transfers : 1;
    c->user_agent = strdup(settings->user_agent ? settings->user_agent : "ticker");
    c->ca_file = strdup(settings->ca_file ? settings->ca_file : "");
    c->settings.user_agent = c->user_agent;
    c->settings.ca_file = c->ca_file;
    c->multi = curl_multi_init();
    c->idle = calloc(c->slots, sizeof *c->idle);
    if (!c->user_agent || !c->ca_file || !c->multi || !c->idle) {
        http_client_destroy(c);
        return NULL;
    }
    return c;
}

void http_client_set_slots(struct http_client *c, size_t slots)
{
    if (slots < 1 || slots > c->slots)
        return; /* the idle pool was sized for the first count: only fewer */
    c->slots = slots;
}

size_t http_client_slots(const struct http_client *c)
{
    return c->slots;
}

void http_client_wake(struct http_client *c)
{
    (void)curl_multi_wakeup(c->multi); /* thread-safe by curl's contract; a failure only delays the stop */
}

static void transfer_free(struct transfer *t)
{
    curl_slist_free_all(t->headers);
    free(t->url);
    free(t->etag);
    free(t->last_modified);
    free(t->body);
    free(t);
}

void http_response_clear(struct http_response *r)
{
    free(r->body);
    free(r->etag);
    free(r->last_modified);
    free(r->content_type);
    memset(r, 0, sizeof *r);
}

static bool add_header(struct curl_slist **headers, const char *name, const char *value)
{
    if (!value || !value[0])
        return true;
    char line[1024];
    snprintf(line, sizeof line, "%s: %s", name, value);
    struct curl_slist *grown = curl_slist_append(*headers, line);
    if (!grown)
        return false;
    *headers = grown;
    return true;
}

/* The per-transfer options, on an easy handle from the pool or a new one. */
static bool prepare(struct http_client *c, struct transfer *t)
{
    bool pooled = c->idle_count > 0; /* a pooled handle has its fixed options set */
    CURL *h = pooled ? c->idle[--c->idle_count] : curl_easy_init();
    if (!h)
        return false;
    t->curl = h;
    t->curl_error[0] = '\0';
    return (pooled || set_fixed_options(h, c)) && add_header(&t->headers, "If-None-Match", t->etag) &&
           add_header(&t->headers, "If-Modified-Since", t->last_modified) &&
           curl_easy_setopt(h, CURLOPT_PRIVATE, t) == CURLE_OK &&
           curl_easy_setopt(h, CURLOPT_ERRORBUFFER, t->curl_error) == CURLE_OK &&
           curl_easy_setopt(h, CURLOPT_WRITEDATA, t) == CURLE_OK &&
           curl_easy_setopt(h, CURLOPT_XFERINFODATA, t) == CURLE_OK &&
           curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)t->max_bytes) == CURLE_OK &&
           curl_easy_setopt(h, CURLOPT_HTTPHEADER, t->headers) == CURLE_OK &&
           curl_easy_setopt(h, CURLOPT_URL, t->url) == CURLE_OK;
}

/* Gives an ended transfer's easy handle back to the pool (or frees it). */
static void release_handle(struct http_client *c, struct transfer *t)
{
    if (!t->curl)
        return;
    curl_easy_setopt(t->curl, CURLOPT_HTTPHEADER, NULL); /* the list is freed with the transfer */
    curl_easy_setopt(t->curl, CURLOPT_COOKIELIST, "ALL"); /* one fetch's cookies are no other's */
    if (c->idle_count < c->slots)
        c->idle[c->idle_count++] = t->curl;
    else
        curl_easy_cleanup(t->curl);
    t->curl = NULL;
}

void http_client_destroy(struct http_client *c)
{
    if (!c)
        return;
    for (int list = 0; list < 2; list++) {
        struct transfer *t = list ? c->queue : c->running;
        while (t) {
            struct transfer *next = t->next;
            if (t->curl) {
                curl_multi_remove_handle(c->multi, t->curl);
                curl_easy_cleanup(t->curl);
            }
            transfer_free(t); /* never started or cut off: no callback after destroy */
            t = next;
        }
    }
    for (size_t i = 0; i < c->idle_count; i++)
        curl_easy_cleanup(c->idle[i]);
    free(c->idle);
    if (c->multi)
        curl_multi_cleanup(c->multi);
    free(c->user_agent);
    free(c->ca_file);
    free(c);
}

bool http_submit(struct http_client *c, const struct http_get *get)
{
    struct transfer *t = calloc(1, sizeof *t);
    if (!t)
        return false;
    t->client = c;
    t->url = strdup(get->url);
    t->etag = strdup(get->etag ? get->etag : "");
    t->last_modified = strdup(get->last_modified ? get->last_modified : "");
    t->max_bytes = get->max_bytes > 0 ? get->max_bytes : c->settings.max_bytes;
    t->done = get->done;
    t->context = get->context;
    if (!t->url || !t->etag || !t->last_modified) {
        transfer_free(t);
        return false;
    }
    if (c->queue_tail)
        c->queue_tail->next = t;
    else
        c->queue = t;
    c->queue_tail = t;
    c->queued_count++;
    return true;
}

size_t http_client_pending(const struct http_client *c)
{
    return c->queued_count + c->running_count;
}

/* The header of the last response in a redirect chain, or "". */
static char *copy_header(CURL *curl, const char *name)
{
    struct curl_header *header = NULL;
    if (curl_easy_header(curl, name, 0, CURLH_HEADER, -1, &header) == CURLHE_OK && header && header->value)
        return strdup(header->value);
    return strdup("");
}

static bool out_of_descriptors(long os_errno)
{
    return os_errno == EMFILE || os_errno == ENFILE;
}

static void describe_failure(const struct transfer *t, char *out, size_t size)
{
    CURLcode code = t->code;
    const char *detail = t->curl_error[0] ? t->curl_error : curl_easy_strerror(code);
    const struct fetch_config *s = &t->client->settings;
    /* A socket that could not be made is this process's shortage, not the
     * server's fault: curl reports it as "Couldn't connect to server". */
    if (out_of_descriptors(t->os_errno)) {
        struct rlimit limit;
        long soft = getrlimit(RLIMIT_NOFILE, &limit) == 0 ? (long)limit.rlim_cur : -1;
        snprintf(out, size, "this program ran out of file descriptors (limit %ld; raise LimitNOFILE or lower [fetch] "
                 "max_transfers), not the server's fault (%s)", soft, detail);
        return;
    }
    switch (code) {
    case CURLE_WRITE_ERROR:
        if (t->too_large) {
            snprintf(out, size, "response larger than the cap of %ld bytes, aborted", t->max_bytes);
            return;
        }
        break;
    case CURLE_FILESIZE_EXCEEDED:
        snprintf(out, size, "response larger than the cap of %ld bytes (Content-Length), refused", t->max_bytes);
        return;
    case CURLE_COULDNT_RESOLVE_HOST:
        snprintf(out, size, "cannot resolve the host (%s)", detail);
        return;
    case CURLE_COULDNT_CONNECT:
        snprintf(out, size, "cannot connect (%s)", detail);
        return;
    case CURLE_OPERATION_TIMEDOUT:
        snprintf(out, size, "timed out (%s)", detail);
        return;
    case CURLE_PARTIAL_FILE:
        snprintf(out, size, "truncated body: the connection closed early (%s)", detail);
        return;
    case CURLE_UNSUPPORTED_PROTOCOL:
        snprintf(out, size, "refused: only http and https are allowed, also in redirects (%s)", detail);
        return;
    case CURLE_TOO_MANY_REDIRECTS:
        snprintf(out, size, "more than %d redirects (%s)", s->max_redirects, detail);
        return;
    case CURLE_ABORTED_BY_CALLBACK:
        snprintf(out, size, "stopped (the program is shutting down)");
        return;
    default:
        break;
    }
    snprintf(out, size, "%s (%s)", curl_easy_strerror(code), detail);
}

/* A failed transfer's bytes are never kept: a 20 MB partial must not stay
 * resident until the next cycle. */
static void drop_body(struct transfer *t)
{
    free(t->body);
    t->body = NULL;
    t->size = t->capacity = 0;
}

static void take_body(struct transfer *t, struct http_response *r)
{
    r->body = t->body ? t->body : strdup("");
    r->size = t->body ? t->size : 0;
    t->body = NULL;
    t->size = t->capacity = 0;
}

static void finish(struct transfer *t, struct http_response *r)
{
    if (t->curl) {
        curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &r->status);
        curl_easy_getinfo(t->curl, CURLINFO_OS_ERRNO, &t->os_errno);
        curl_off_t retry_after = 0;
        if (curl_easy_getinfo(t->curl, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0)
            r->retry_after_seconds =
                retry_after > HTTP_MAX_RETRY_AFTER_SECONDS ? HTTP_MAX_RETRY_AFTER_SECONDS : (long)retry_after;
    }
    if (t->code != CURLE_OK) {
        r->over_cap = t->too_large || t->code == CURLE_FILESIZE_EXCEEDED;
        r->fd_shortage = out_of_descriptors(t->os_errno);
        describe_failure(t, r->error, sizeof r->error);
        drop_body(t);
        return;
    }
    if (r->status == 304) {
        drop_body(t);
        r->outcome = HTTP_NOT_MODIFIED;
        return;
    }
    if (r->status < 200 || r->status > 299) {
        drop_body(t);
        r->refused_status = true;
        if (r->retry_after_seconds)
            snprintf(r->error, sizeof r->error, "HTTP %ld (server asks to retry after %ld s)", r->status,
                     r->retry_after_seconds);
        else
            snprintf(r->error, sizeof r->error, "HTTP %ld", r->status);
        return;
    }
    r->etag = copy_header(t->curl, "ETag");
    r->last_modified = copy_header(t->curl, "Last-Modified");
    r->content_type = copy_header(t->curl, "Content-Type");
    take_body(t, r);
    if (!r->etag || !r->last_modified || !r->content_type || !r->body) {
        http_response_clear(r);
        log_oom_reason(r->error, sizeof r->error, NULL);
        return;
    }
    r->outcome = HTTP_BODY;
}

/* Fills the response of an ended (or never started) transfer, hands it to
 * its callback and frees the transfer. */
static void complete(struct http_client *c, struct transfer *t)
{
    struct http_response response = {.outcome = HTTP_FAILED};
    finish(t, &response);
    response.stopped = t->code == CURLE_ABORTED_BY_CALLBACK && c->stop && atomic_load(c->stop);
    release_handle(c, t);
    http_done_fn done = t->done;
    void *context = t->context;
    transfer_free(t);
    if (done)
        done(context, &response);
    else
        http_response_clear(&response);
}

static void unlink_running(struct http_client *c, struct transfer *t)
{
    for (struct transfer **p = &c->running; *p; p = &(*p)->next) {
        if (*p == t) {
            *p = t->next;
            c->running_count--;
            return;
        }
    }
}

/* Moves queued transfers onto the multi handle while slots are free; after
 * a stop, ends them unstarted instead. Returns how many ended at once. */
static size_t start_queued(struct http_client *c)
{
    size_t ended = 0;
    bool stopping = c->stop && atomic_load(c->stop);
    while (c->queue && (stopping || c->running_count < c->slots)) {
        struct transfer *t = c->queue;
        c->queue = t->next;
        if (!c->queue)
            c->queue_tail = NULL;
        c->queued_count--;
        t->next = NULL;
        if (stopping) {
            t->code = CURLE_ABORTED_BY_CALLBACK;
        } else if (!prepare(c, t) || curl_multi_add_handle(c->multi, t->curl) != CURLM_OK) {
            t->code = CURLE_FAILED_INIT;
            snprintf(t->curl_error, sizeof t->curl_error, "cannot set up the request (" LOG_OOM " or a bad URL)");
        } else {
            t->next = c->running;
            c->running = t;
            c->running_count++;
            continue;
        }
        complete(c, t);
        ended++;
    }
    return ended;
}

/* Every running transfer, ended by the multi loop itself failing. */
static size_t end_all_running(struct http_client *c, const char *why)
{
    size_t ended = 0;
    while (c->running) {
        struct transfer *t = c->running;
        curl_multi_remove_handle(c->multi, t->curl);
        unlink_running(c, t);
        t->code = CURLE_FAILED_INIT;
        snprintf(t->curl_error, sizeof t->curl_error, "%s", why);
        complete(c, t);
        ended++;
    }
    return ended;
}

/* One pass of the multi handle: ended transfers are completed. */
static size_t perform(struct http_client *c)
{
    int running = 0;
    if (curl_multi_perform(c->multi, &running) != CURLM_OK)
        return end_all_running(c, "the transfer loop failed");
    size_t ended = 0;
    CURLMsg *message;
    int left;
    while ((message = curl_multi_info_read(c->multi, &left))) {
        if (message->msg != CURLMSG_DONE)
            continue;
        struct transfer *t = NULL;
        CURL *easy = message->easy_handle;
        CURLcode code = message->data.result; /* message is not used after remove_handle */
        curl_easy_getinfo(easy, CURLINFO_PRIVATE, (char **)&t);
        curl_multi_remove_handle(c->multi, easy);
        if (!t)
            continue;
        unlink_running(c, t);
        t->code = code;
        complete(c, t);
        ended++;
    }
    return ended;
}

size_t http_client_run(struct http_client *c, int timeout_ms)
{
    size_t ended = start_queued(c);
    ended += perform(c);
    ended += start_queued(c);
    if (ended || !c->running_count)
        return ended;
    if (curl_multi_poll(c->multi, NULL, 0, timeout_ms > 0 ? timeout_ms : 0, NULL) != CURLM_OK)
        return end_all_running(c, "the transfer loop failed");
    ended += perform(c);
    ended += start_queued(c);
    return ended;
}
