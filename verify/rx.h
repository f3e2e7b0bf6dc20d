/*
 * verify/rx.h -- the one wrapper around PCRE2 (8-bit).  No other file of
 * citecheck includes pcre2.h.
 *
 * Patterns are compiled with PCRE2_UTF | PCRE2_MATCH_INVALID_UTF |
 * PCRE2_UCP (so crawled text with broken UTF-8 is matched safely, never
 * trusted), JIT-compiled when the library supports it and interpreted
 * otherwise.  Every match runs under an explicit match limit, depth limit
 * and heap limit, with its own JIT stack; hitting any of them is reported
 * as CC_ELIMIT.  Write [0-9], not \d, in patterns: under UCP \d matches
 * every Unicode digit.
 *
 * Threads: a compiled struct rx is immutable and may be shared; each
 * thread needs its own struct rx_scratch (match data, match context and
 * JIT stack).
 */
#ifndef CC_VERIFY_RX_H
#define CC_VERIFY_RX_H

#include "common/cc.h"

#include <stdint.h>

enum {
    RX_CASELESS = 1u << 0, /* Unicode caseless matching */
    RX_NO_JIT = 1u << 1,   /* interpret even when JIT is available (tests) */
    RX_ANCHORED = 1u << 2  /* match only at the start offset given to
                              rx_find (compiled in, so JIT still runs) */
};

/* Limits applied to every match (see rx_find). */
#define RX_MATCH_LIMIT 10000000u
#define RX_DEPTH_LIMIT 10000u
#define RX_HEAP_LIMIT_KIB (16u * 1024u)
#define RX_JIT_STACK_START (32u * 1024u)
#define RX_JIT_STACK_MAX (1024u * 1024u)

struct rx;
struct rx_scratch;

/* Compile pattern (NUL-terminated, UTF-8) with the given RX_* flags.
 * On success *out is a new pattern; caller frees with rx_free().  Returns
 * CC_EPARSE with the PCRE2 message and offset in err on a bad pattern. */
cc_result rx_compile(const char *pattern, unsigned flags, struct rx **out,
                     char *err, size_t errlen);

/* Free a pattern and set *p to NULL (NULL and *p == NULL are fine). */
void rx_free(struct rx **p);

/* True when the pattern runs through the JIT compiler. */
bool rx_jit(const struct rx *rx);

/* Number of the named capture group, or -1 if the pattern has none. */
int rx_group_number(const struct rx *rx, const char *name);

/* Per-thread match state; never NULL (aborts on OOM).  Free with
 * rx_scratch_free(), which sets *p to NULL. */
struct rx_scratch *rx_scratch_new(void);
void rx_scratch_free(struct rx_scratch **p);

/* Find the first match that starts at or after byte `from` of
 * subj[0..len) (lookbehinds may look before `from`).  On CC_OK *found
 * tells whether there was one; its span is then [*start, *end) and its
 * groups and mark are readable through rx_group()/rx_mark() until the
 * next call with the same scratch.  Returns CC_ELIMIT when the match,
 * depth, heap or JIT-stack limit was hit, CC_EPARSE on any other PCRE2
 * error; err says which. */
cc_result rx_find(const struct rx *rx, struct rx_scratch *s,
                  const char *subj, size_t len, size_t from, bool *found,
                  size_t *start, size_t *end, char *err, size_t errlen);

/* Span of group n of the last match; false when the group did not take
 * part in it (or n is out of range). */
bool rx_group(const struct rx_scratch *s, int n, size_t *start, size_t *end);

/* Name of the last (*MARK:NAME) on the last match's path, or NULL.
 * Borrowed from the pattern; valid while the pattern lives. */
const char *rx_mark(const struct rx_scratch *s);

/* Where the next search should start after a match [start, end) of
 * subj[0..len): end, or, after an empty match, one UTF-8 character
 * further (one byte on an invalid sequence), so loops always advance. */
size_t rx_next_from(const char *subj, size_t len, size_t start, size_t end);

#endif
