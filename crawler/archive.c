/*
 * crawler/archive.c -- Wayback availability queries.  See archive.h.
 * jansson reads the answer.
 */
#include "crawler/archive.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Percent-encode everything but RFC 3986 unreserved characters. */
static char *url_encode(const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(s);
    char *o = cc_malloc(3 * n + 1), *p = o;

    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
            c == '~') {
            *p++ = (char)c;
        } else {
            *p++ = '%';
            *p++ = hex[c >> 4];
            *p++ = hex[c & 15];
        }
    }
    *p = '\0';
    return o;
}

char *archive_query_url(const char *endpoint, const char *url,
                        struct cc_date date)
{
    char *enc = url_encode(url);
    const char *sep = strchr(endpoint, '?') ? "&" : "?";
    char *q;

    if (cc_date_set(date))
        q = cc_asprintf("%s%surl=%s&timestamp=%04d%02d%02d", endpoint, sep,
                        enc, date.y, date.m ? date.m : 7,
                        date.d ? date.d : (date.m ? 15 : 1));
    else
        q = cc_asprintf("%s%surl=%s", endpoint, sep, enc);
    free(enc);
    return q;
}

bool archive_parse_answer(const char *json, size_t len, char **snapshot,
                          char **timestamp, char *why, size_t whylen)
{
    json_error_t je;
    json_t *root = json_loadb(json, len, 0, &je);
    json_t *closest, *avail, *u, *ts;
    bool ok = false;

    *snapshot = *timestamp = NULL;
    if (!root) {
        cc_errf(why, whylen, "archive: answer is not JSON (%s)", je.text);
        return false;
    }
    closest = json_object_get(json_object_get(root, "archived_snapshots"),
                              "closest");
    avail = json_object_get(closest, "available");
    u = json_object_get(closest, "url");
    ts = json_object_get(closest, "timestamp");
    if (!closest) {
        cc_errf(why, whylen, "archive: no archived copy");
    } else if ((avail && !json_is_true(avail)) || !json_is_string(u) ||
               !*json_string_value(u)) {
        cc_errf(why, whylen, "archive: no usable archived copy");
    } else {
        *snapshot = cc_strdup(json_string_value(u));
        *timestamp = cc_strdup(json_is_string(ts) ? json_string_value(ts) : "");
        ok = true;
    }
    json_decref(root);
    return ok;
}
