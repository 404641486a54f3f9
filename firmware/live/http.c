#include "live/http.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HTTP_MAX_RETRY_AFTER_SECONDS 86400L

/* One easy handle and what one transfer on it collects. */
struct transfer {
    CURL *curl;
    struct curl_slist *headers;
    const struct http_client *client;
    char *body;
    size_t size, capacity;
    bool too_large;
    bool added;      /* on the multi handle until its transfer ends */
    bool done;
    CURLcode code;
    char curl_error[CURL_ERROR_SIZE];
};

struct http_client {
    CURLM *multi;
    struct transfer *transfers; /* grown to the largest batch, handles kept */
    size_t transfer_count;
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

/* The cap lives here because curl 7.88 ignores CURLOPT_MAXFILESIZE when the
 * server sends no Content-Length: a short count makes curl abort with
 * CURLE_WRITE_ERROR. Counted after decompression, so a gzip bomb stops too. */
static size_t on_body(char *data, size_t one, size_t count, void *user)
{
    struct transfer *t = user;
    size_t n = one * count;
    if (t->size + n > (size_t)t->client->settings.max_bytes) {
        t->too_large = true;
        return 0;
    }
    if (t->size + n + 1 > t->capacity) {
        size_t capacity = t->capacity ? t->capacity : 64 * 1024;
        while (capacity < t->size + n + 1)
            capacity *= 2;
        char *grown = realloc(t->body, capacity);
        if (!grown)
            return 0;
        t->body = grown;
        t->capacity = capacity;
    }
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

static bool set_fixed_options(struct transfer *t, const struct http_client *c)
{
    const struct fetch_config *s = &c->settings;
    CURL *h = t->curl;
    bool ok = true;
    ok &= curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) == CURLE_OK; /* we run in a thread */
    ok &= curl_easy_setopt(h, CURLOPT_PRIVATE, t) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_ERRORBUFFER, t->curl_error) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_WRITEDATA, t) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_XFERINFODATA, t) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_USERAGENT, c->user_agent) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "") == CURLE_OK; /* all curl decodes: gzip, deflate */
    ok &= curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)s->connect_timeout_seconds) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)s->total_timeout_seconds) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, (long)s->low_speed_bytes) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, (long)s->low_speed_seconds) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)s->max_bytes) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L) == CURLE_OK;
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
    c->user_agent = strdup(settings->user_agent ? settings->user_agent : "ticker");
    c->ca_file = strdup(settings->ca_file ? settings->ca_file : "");
    c->settings.user_agent = c->user_agent;
    c->settings.ca_file = c->ca_file;
    c->multi = curl_multi_init();
    if (!c->user_agent || !c->ca_file || !c->multi) {
        http_client_destroy(c);
        return NULL;
    }
    return c;
}

void http_client_wake(struct http_client *c)
{
    (void)curl_multi_wakeup(c->multi); /* thread-safe by curl's contract; a failure only delays the stop */
}

void http_client_destroy(struct http_client *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->transfer_count; i++) {
        struct transfer *t = &c->transfers[i];
        if (t->curl)
            curl_easy_cleanup(t->curl);
        curl_slist_free_all(t->headers);
        free(t->body);
    }
    free(c->transfers);
    if (c->multi)
        curl_multi_cleanup(c->multi);
    free(c->user_agent);
    free(c->ca_file);
    free(c);
}

void http_response_clear(struct http_response *r)
{
    free(r->body);
    free(r->etag);
    free(r->last_modified);
    free(r->content_type);
    memset(r, 0, sizeof *r);
}

/* Enough easy handles for count transfers; existing ones (and their
 * CURLOPT_PRIVATE pointers) are moved, so this runs only between calls. */
static bool reserve_transfers(struct http_client *c, size_t count)
{
    if (count <= c->transfer_count)
        return true;
    struct transfer *grown = realloc(c->transfers, count * sizeof *grown);
    if (!grown)
        return false;
    c->transfers = grown;
    for (size_t i = 0; i < c->transfer_count; i++) {
        curl_easy_setopt(grown[i].curl, CURLOPT_PRIVATE, &grown[i]);
        curl_easy_setopt(grown[i].curl, CURLOPT_ERRORBUFFER, grown[i].curl_error);
        curl_easy_setopt(grown[i].curl, CURLOPT_WRITEDATA, &grown[i]);
        curl_easy_setopt(grown[i].curl, CURLOPT_XFERINFODATA, &grown[i]);
    }
    for (size_t i = c->transfer_count; i < count; i++) {
        struct transfer *t = &grown[i];
        memset(t, 0, sizeof *t);
        t->client = c;
        t->curl = curl_easy_init();
        if (!t->curl || !set_fixed_options(t, c)) {
            if (t->curl)
                curl_easy_cleanup(t->curl);
            return false;
        }
        c->transfer_count = i + 1;
    }
    return true;
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

static bool prepare(struct transfer *t, const struct http_request *request)
{
    curl_slist_free_all(t->headers);
    t->headers = NULL;
    t->size = 0;
    t->too_large = false;
    t->done = false;
    t->code = CURLE_OK;
    t->curl_error[0] = '\0';
    return add_header(&t->headers, "If-None-Match", request->etag) &&
           add_header(&t->headers, "If-Modified-Since", request->last_modified) &&
           curl_easy_setopt(t->curl, CURLOPT_HTTPHEADER, t->headers) == CURLE_OK &&
           curl_easy_setopt(t->curl, CURLOPT_URL, request->url) == CURLE_OK;
}

/* The header of the last response in a redirect chain, or "". */
static char *copy_header(CURL *curl, const char *name)
{
    struct curl_header *header = NULL;
    if (curl_easy_header(curl, name, 0, CURLH_HEADER, -1, &header) == CURLHE_OK && header && header->value)
        return strdup(header->value);
    return strdup("");
}

static void describe_failure(const struct transfer *t, char *out, size_t size)
{
    CURLcode code = t->code;
    const char *detail = t->curl_error[0] ? t->curl_error : curl_easy_strerror(code);
    const struct fetch_config *s = &t->client->settings;
    switch (code) {
    case CURLE_WRITE_ERROR:
        if (t->too_large) {
            snprintf(out, size, "response larger than the cap of %ld bytes, aborted", s->max_bytes);
            return;
        }
        break;
    case CURLE_FILESIZE_EXCEEDED:
        snprintf(out, size, "response larger than the cap of %ld bytes (Content-Length), refused", s->max_bytes);
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
    curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &r->status);
    curl_off_t retry_after = 0;
    if (curl_easy_getinfo(t->curl, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0)
        r->retry_after_seconds = retry_after > HTTP_MAX_RETRY_AFTER_SECONDS ? HTTP_MAX_RETRY_AFTER_SECONDS : (long)retry_after;
    if (t->code != CURLE_OK) {
        r->over_cap = t->too_large || t->code == CURLE_FILESIZE_EXCEEDED;
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
        snprintf(r->error, sizeof r->error, "out of memory");
        return;
    }
    r->outcome = HTTP_BODY;
}

/* Removes an ended transfer from the multi handle and fills its response. */
static void end_transfer(struct http_client *c, struct transfer *t, struct http_response *r)
{
    curl_multi_remove_handle(c->multi, t->curl);
    t->added = false;
    if (!t->done) {
        t->code = CURLE_FAILED_INIT; /* the multi loop itself failed */
        snprintf(t->curl_error, sizeof t->curl_error, "the transfer loop ended early");
    }
    finish(t, r);
    r->stopped = t->code == CURLE_ABORTED_BY_CALLBACK && c->stop && atomic_load(c->stop);
}

/* Runs the added transfers until all are done, handing each batch that ends
 * together to on_batch at once; curl's own limits (and the stop flag,
 * through the progress callback) end every one of them. */
static void run_transfers(struct http_client *c, struct http_request *requests, size_t *done, http_batch_fn on_batch,
                          void *context)
{
    int running = 1;
    while (running) {
        if (curl_multi_perform(c->multi, &running) != CURLM_OK)
            break;
        size_t ended = 0;
        CURLMsg *message;
        int left;
        while ((message = curl_multi_info_read(c->multi, &left))) {
            if (message->msg != CURLMSG_DONE)
                continue;
            struct transfer *t = NULL;
            curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, (char **)&t);
            if (!t)
                continue;
            t->code = message->data.result;
            t->done = true;
            size_t index = (size_t)(t - c->transfers);
            end_transfer(c, t, &requests[index].response); /* message is not used after this */
            done[ended++] = index;
        }
        if (ended && on_batch)
            on_batch(context, requests, done, ended);
        if (running && curl_multi_poll(c->multi, NULL, 0, 1000, NULL) != CURLM_OK)
            break;
    }
}

static void each_out_of_memory(struct http_request *requests, size_t count, http_batch_fn on_batch, void *context)
{
    for (size_t i = 0; i < count; i++) {
        snprintf(requests[i].response.error, sizeof requests[i].response.error, "out of memory (curl handles)");
        if (on_batch)
            on_batch(context, requests, &i, 1);
    }
}

void http_get_each(struct http_client *c, struct http_request *requests, size_t count, http_batch_fn on_batch,
                   void *context)
{
    for (size_t i = 0; i < count; i++) {
        memset(&requests[i].response, 0, sizeof requests[i].response);
        requests[i].response.outcome = HTTP_FAILED;
    }
    if (!count)
        return;
    size_t *done = calloc(count, sizeof *done);
    if (!done || !reserve_transfers(c, count)) {
        free(done);
        each_out_of_memory(requests, count, on_batch, context);
        return;
    }
    size_t unsent = 0;
    for (size_t i = 0; i < count; i++) {
        struct transfer *t = &c->transfers[i];
        t->added = prepare(t, &requests[i]) && curl_multi_add_handle(c->multi, t->curl) == CURLM_OK;
        if (!t->added) {
            snprintf(requests[i].response.error, sizeof requests[i].response.error,
                     "cannot set up the request (out of memory or a bad URL)");
            done[unsent++] = i;
        }
    }
    if (unsent && on_batch)
        on_batch(context, requests, done, unsent);
    run_transfers(c, requests, done, on_batch, context);
    size_t cut = 0; /* still added only when the multi loop itself failed */
    for (size_t i = 0; i < count; i++) {
        if (c->transfers[i].added) {
            end_transfer(c, &c->transfers[i], &requests[i].response);
            done[cut++] = i;
        }
    }
    if (cut && on_batch)
        on_batch(context, requests, done, cut);
    free(done);
}

void http_get_all(struct http_client *c, struct http_request *requests, size_t count)
{
    http_get_each(c, requests, count, NULL, NULL);
}

bool http_get(struct http_client *c, const char *url, const char *etag, const char *last_modified,
              struct http_response *response)
{
    struct http_request request = {.url = url, .etag = etag, .last_modified = last_modified};
    http_get_all(c, &request, 1);
    *response = request.response;
    return response->outcome != HTTP_FAILED;
}
