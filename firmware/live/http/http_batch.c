/* http_get_each, http_get_all and http_get (see http.h): several GETs or one,
 * start to end, on the transfer scheduler of http.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "live/http/http.h"

struct each_slot {
    struct http_request *requests;
    size_t index;
    size_t *done;
    size_t *done_count;
};

static void on_each_done(void *context, struct http_response *response)
{
    struct each_slot *slot = context;
    slot->requests[slot->index].response = *response; /* moved */
    slot->done[(*slot->done_count)++] = slot->index;
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
    size_t *done = calloc(count, sizeof *done), done_count = 0;
    struct each_slot *slots = calloc(count, sizeof *slots);
    for (size_t i = 0; done && slots && i < count; i++) {
        slots[i] = (struct each_slot){requests, i, done, &done_count};
        struct http_get get = {.url = requests[i].url, .etag = requests[i].etag,
                               .last_modified = requests[i].last_modified, .done = on_each_done, .context = &slots[i]};
        if (!http_submit(c, &get)) {
            log_oom_reason(requests[i].response.error, sizeof requests[i].response.error, NULL);
            done[done_count++] = i;
        }
    }
    if (!done || !slots) {
        for (size_t i = 0; i < count; i++)
            log_oom_reason(requests[i].response.error, sizeof requests[i].response.error, NULL);
        if (on_batch)
            for (size_t i = 0; i < count; i++)
                on_batch(context, requests, &i, 1);
        free(done);
        free(slots);
        return;
    }
    size_t reported = 0;
    while (true) {
        if (done_count > reported && on_batch)
            on_batch(context, requests, done + reported, done_count - reported);
        reported = done_count;
        if (reported == count)
            break;
        http_client_run(c, 1000);
    }
    free(done);
    free(slots);
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
