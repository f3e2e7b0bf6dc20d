/*
 * crawler/fetch_util.c -- address classification, URL credential
 * stripping and URL resolution for the fetcher.  See fetch_util.h for the contracts.
 */
#include "crawler/fetch_util.h"

#include "common/cc.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

/* a.b.c.d as a host-order integer is in net/prefix. */
static bool v4_in(uint32_t a, uint32_t net, int prefix)
{
    uint32_t mask = prefix == 0 ? 0 : 0xffffffffu << (32 - prefix);

    return (a & mask) == (net & mask);
}

#define V4(a, b, c, d) \
    (((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | ((uint32_t)(c) << 8) | \
     (uint32_t)(d))

static bool v4_private(const unsigned char *b)
{
    static const struct {
        uint32_t net;
        int prefix;
    } ranges[] = {
        {V4(0, 0, 0, 0), 8},        /* "this network" */
        {V4(10, 0, 0, 0), 8},       /* private */
        {V4(100, 64, 0, 0), 10},    /* carrier-grade NAT */
        {V4(127, 0, 0, 0), 8},      /* loopback */
        {V4(169, 254, 0, 0), 16},   /* link-local, cloud metadata */
        {V4(172, 16, 0, 0), 12},    /* private */
        {V4(192, 0, 0, 0), 24},     /* IETF protocol assignments */
        {V4(192, 168, 0, 0), 16},   /* private */
        {V4(198, 18, 0, 0), 15},    /* benchmarking */
        {V4(224, 0, 0, 0), 3},      /* multicast, reserved, broadcast */
    };
    uint32_t a = V4(b[0], b[1], b[2], b[3]);
    size_t i;

    for (i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (v4_in(a, ranges[i].net, ranges[i].prefix))
            return true;
    return false;
}

static bool v6_private(const unsigned char *b)
{
    static const unsigned char zero12[12] = {0};
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0,
                                             0, 0, 0xff, 0xff};
    static const unsigned char nat64[12] = {0, 0x64, 0xff, 0x9b};

    /* ::a.b.c.d (incl. :: and ::1), ::ffff:a.b.c.d, 64:ff9b::a.b.c.d */
    if (memcmp(b, zero12, 12) == 0 || memcmp(b, mapped, 12) == 0 ||
        memcmp(b, nat64, 12) == 0)
        return v4_private(b + 12);
    if (b[0] == 0x20 && b[1] == 0x02)       /* 6to4 2002:a.b.c.d::/48 */
        return v4_private(b + 2);
    if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b &&
        b[4] == 0x00 && b[5] == 0x01)       /* 64:ff9b:1::/48 local NAT64 */
        return true;
    if ((b[0] & 0xfe) == 0xfc)              /* fc00::/7 unique local */
        return true;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)   /* fe80::/10 link-local */
        return true;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)   /* fec0::/10 site-local */
        return true;
    if (b[0] == 0xff)                       /* ff00::/8 multicast */
        return true;
    return false;
}

bool fetch_addr_private(const struct sockaddr *sa, char *text, size_t n)
{
    char tmp[INET6_ADDRSTRLEN];
    bool priv = true;

    tmp[0] = '\0';
    if (sa && sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;

        priv = v4_private((const unsigned char *)&in->sin_addr);
        inet_ntop(AF_INET, &in->sin_addr, tmp, sizeof tmp);
    } else if (sa && sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;

        priv = v6_private(in6->sin6_addr.s6_addr);
        inet_ntop(AF_INET6, &in6->sin6_addr, tmp, sizeof tmp);
    } else {
        cc_errf(tmp, sizeof tmp, "family %d", sa ? (int)sa->sa_family : -1);
    }
    if (text && n)
        cc_errf(text, n, "%s", tmp);
    return priv;
}

bool fetch_addr_metadata(const struct sockaddr *sa)
{
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0,
                                             0, 0, 0xff, 0xff};
    static const unsigned char ec2[16] = {0xfd, 0, 0, 0xec, 0x02, 0, 0, 0,
                                          0, 0, 0, 0, 0, 0, 0x02, 0x54};
    const unsigned char *b;

    if (sa && sa->sa_family == AF_INET) {
        b = (const unsigned char *)&((const struct sockaddr_in *)sa)->sin_addr;
        return b[0] == 169 && b[1] == 254;
    }
    if (sa && sa->sa_family == AF_INET6) {
        b = ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr;
        if (memcmp(b, mapped, 12) == 0)
            return b[12] == 169 && b[13] == 254;
        return (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) ||
               memcmp(b, ec2, 16) == 0;
    }
    return false;
}

bool fetch_ip_private(const char *ip)
{
    struct sockaddr_in in;
    struct sockaddr_in6 in6;

    if (!ip)
        return false;
    memset(&in, 0, sizeof in);
    memset(&in6, 0, sizeof in6);
    if (inet_pton(AF_INET, ip, &in.sin_addr) == 1) {
        in.sin_family = AF_INET;
        return fetch_addr_private((const struct sockaddr *)&in, NULL, 0);
    }
    if (inet_pton(AF_INET6, ip, &in6.sin6_addr) == 1) {
        in6.sin6_family = AF_INET6;
        return fetch_addr_private((const struct sockaddr *)&in6, NULL, 0);
    }
    return false;
}

char *fetch_url_strip_userinfo(const char *url)
{
    const char *auth, *end, *at = NULL, *p;
    size_t head, tail;
    char *out;

    if (!url)
        return NULL;
    p = strstr(url, "://");
    if (!p)
        return cc_strdup(url);
    auth = p + 3;
    end = auth + strcspn(auth, "/?#");
    for (p = auth; p < end; p++)
        if (*p == '@')
            at = p;                 /* the last '@' ends the userinfo */
    if (!at)
        return cc_strdup(url);
    head = (size_t)(auth - url);
    tail = strlen(at + 1);
    out = cc_malloc(head + tail + 1);
    memcpy(out, url, head);
    memcpy(out + head, at + 1, tail + 1);
    return out;
}

char *fetch_url_resolve(const char *base, const char *ref)
{
    CURLU *u;
    char *out = NULL, *s;

    if (!base || !ref)
        return NULL;
    u = curl_url();
    if (!u)
        cc_oom();
    if (curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
        curl_url_set(u, CURLUPART_URL, ref, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_URL, &s, 0) == CURLUE_OK) {
        out = cc_strdup(s);
        curl_free(s);
    }
    curl_url_cleanup(u);
    return out;
}
