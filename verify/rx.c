/*
 * verify/rx.c -- PCRE2 behind rx.h: compile with UTF + MATCH_INVALID_UTF
 * + UCP, JIT with interpreter fallback, explicit limits, per-thread
 * scratch.  See rx.h for the contracts.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "verify/rx.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

struct rx {
    pcre2_code *code;
    uint32_t ngroups;   /* capture groups, not counting group 0 */
    bool jit;
};

struct rx_scratch {
    pcre2_match_data *md;
    uint32_t pairs;          /* ovector pairs md holds */
    pcre2_match_context *mctx;
    pcre2_jit_stack *js;
    const char *mark;
    int rc;                  /* last match: highest set pair + 1 */
};

static void *must(void *p)
{
    if (!p)
        cc_oom();
    return p;
}

cc_result rx_compile(const char *pattern, unsigned flags, struct rx **out,
                     char *err, size_t errlen)
{
    uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_UCP;
    int ecode = 0;
    PCRE2_SIZE eoff = 0;
    pcre2_code *code;
    struct rx *rx;

    *out = NULL;
    if (flags & RX_CASELESS)
        opts |= PCRE2_CASELESS;
    if (flags & RX_ANCHORED)
        opts |= PCRE2_ANCHORED;
    code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts,
                         &ecode, &eoff, NULL);
    if (!code) {
        PCRE2_UCHAR msg[256];

        if (ecode == PCRE2_ERROR_HEAPLIMIT || ecode == PCRE2_ERROR_NOMEMORY)
            cc_oom();
        if (pcre2_get_error_message(ecode, msg, sizeof msg) < 0)
            msg[0] = '\0';
        cc_errf(err, errlen, "regex: %s at offset %zu", (const char *)msg,
                (size_t)eoff);
        return CC_EPARSE;
    }
    rx = cc_calloc(1, sizeof *rx);
    rx->code = code;
    if (pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &rx->ngroups) != 0)
        rx->ngroups = 0;
    /* JIT is an optimisation: when it is unavailable (no JIT support in
     * this build or platform, or out of executable memory) pcre2_match
     * interprets the same code. */
    if (!(flags & RX_NO_JIT))
        rx->jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
    *out = rx;
    return CC_OK;
}

void rx_free(struct rx **p)
{
    if (!p || !*p)
        return;
    pcre2_code_free((*p)->code);
    free(*p);
    *p = NULL;
}

bool rx_jit(const struct rx *rx)
{
    return rx->jit;
}

int rx_group_number(const struct rx *rx, const char *name)
{
    int n = pcre2_substring_number_from_name(rx->code, (PCRE2_SPTR)name);

    return n > 0 ? n : -1;
}

struct rx_scratch *rx_scratch_new(void)
{
    struct rx_scratch *s = cc_calloc(1, sizeof *s);

    s->pairs = 16;
    s->md = must(pcre2_match_data_create(s->pairs, NULL));
    s->mctx = must(pcre2_match_context_create(NULL));
    s->js = must(pcre2_jit_stack_create(RX_JIT_STACK_START, RX_JIT_STACK_MAX,
                                        NULL));
    pcre2_jit_stack_assign(s->mctx, NULL, s->js);
    pcre2_set_match_limit(s->mctx, RX_MATCH_LIMIT);
    pcre2_set_depth_limit(s->mctx, RX_DEPTH_LIMIT);
    pcre2_set_heap_limit(s->mctx, RX_HEAP_LIMIT_KIB);
    return s;
}

void rx_scratch_free(struct rx_scratch **p)
{
    if (!p || !*p)
        return;
    pcre2_match_data_free((*p)->md);
    pcre2_match_context_free((*p)->mctx);
    pcre2_jit_stack_free((*p)->js);
    free(*p);
    *p = NULL;
}

static bool limit_error(int rc)
{
    return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
           rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
}

cc_result rx_find(const struct rx *rx, struct rx_scratch *s,
                  const char *subj, size_t len, size_t from, bool *found,
                  size_t *start, size_t *end, char *err, size_t errlen)
{
    PCRE2_SIZE *ov;
    int rc;

    *found = false;
    s->mark = NULL;
    s->rc = 0;
    if (from > len)
        return CC_OK;
    if (s->pairs < rx->ngroups + 1) {
        pcre2_match_data_free(s->md);
        s->pairs = rx->ngroups + 1;
        s->md = must(pcre2_match_data_create(s->pairs, NULL));
    }
    /* pcre2_jit_match skips pcre2_match's argument checks (those above
     * and a pattern lookup; no UTF check runs either way under
     * PCRE2_MATCH_INVALID_UTF): a tenth of the cost of a short anchored
     * try.  The match limit and the JIT stack come from the same match
     * context. */
    if (rx->jit)
        rc = pcre2_jit_match(rx->code, (PCRE2_SPTR)subj, len, from, 0, s->md,
                             s->mctx);
    else
        rc = pcre2_match(rx->code, (PCRE2_SPTR)subj, len, from, 0, s->md,
                         s->mctx);
    if (rc == PCRE2_ERROR_NOMATCH)
        return CC_OK;
    if (rc == PCRE2_ERROR_NOMEMORY)
        cc_oom();
    if (rc < 0) {
        PCRE2_UCHAR msg[256];

        if (pcre2_get_error_message(rc, msg, sizeof msg) < 0)
            msg[0] = '\0';
        cc_errf(err, errlen, "regex: %s (searching from byte %zu)",
                (const char *)msg, from);
        return limit_error(rc) ? CC_ELIMIT : CC_EPARSE;
    }
    ov = pcre2_get_ovector_pointer(s->md);
    s->rc = rc;
    *found = true;
    *start = ov[0];
    *end = ov[1] >= ov[0] ? ov[1] : ov[0];  /* \K in a lookahead */
    s->mark = (const char *)pcre2_get_mark(s->md);
    return CC_OK;
}

bool rx_group(const struct rx_scratch *s, int n, size_t *start, size_t *end)
{
    const PCRE2_SIZE *ov;

    if (n < 0 || n >= s->rc || (uint32_t)n >= s->pairs)
        return false;
    ov = pcre2_get_ovector_pointer(s->md);
    if (ov[2 * n] == PCRE2_UNSET || ov[2 * n + 1] < ov[2 * n])
        return false;
    *start = ov[2 * n];
    *end = ov[2 * n + 1];
    return true;
}

const char *rx_mark(const struct rx_scratch *s)
{
    return s->mark;
}

size_t rx_next_from(const char *subj, size_t len, size_t start, size_t end)
{
    unsigned char c;
    size_t n = 1;

    if (end > start || end >= len)
        return end > start ? end : end + 1;
    c = (unsigned char)subj[end];
    if (c >= 0xF0 && c < 0xF8)
        n = 4;
    else if (c >= 0xE0)
        n = c < 0xF0 ? 3 : 1;
    else if (c >= 0xC2)
        n = 2;
    /* only step over a whole character when its continuation bytes are
     * there; on an invalid sequence move one byte */
    for (size_t i = 1; i < n; i++)
        if (end + i >= len || ((unsigned char)subj[end + i] & 0xC0) != 0x80)
            return end + 1;
    return end + n;
}
