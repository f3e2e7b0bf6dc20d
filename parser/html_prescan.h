/*
 * parser/html_prescan.h -- a linear pass over UTF-8 HTML, before Gumbo,
 * that bounds the work Gumbo can be made to do.
 *
 * Gumbo 0.10 spends time proportional to the depth of the open-element
 * stack on most start tags, and re-opens every unclosed formatting element
 * (<b>, <font>, <a>, ...) for each new paragraph; 100,000 nested <div>s
 * take it tens of seconds.  This pass tracks an approximate stack of open
 * elements (void elements and elements whose end tag is optional are not
 * counted; end tags pop to their match like the tree builder does) and
 * deletes start tags that would open deeper than max_depth (and as many
 * following end tags), and formatting start tags while more than
 * HTML_PRESCAN_MAX_FORMATTING are left unclosed.  Past
 * HTML_PRESCAN_MAX_TAGS start tags every further tag is deleted, which
 * bounds Gumbo's memory (hundreds of bytes per node) on 20 MB pages made
 * of tags.  Comments are deleted too, and the bodies of <style> and of
 * <script> other than JSON-LD (never read; a third of a page's bytes on
 * average, which Gumbo would tokenize and copy).  Other text is never
 * removed, so only structure is lost.
 *
 * With a stash (html_prescan_stash), long runs of plain text are moved
 * out of the markup too: Gumbo handles text one character at a time
 * (about 22 MB/s) and a run of prose only becomes the characters of a
 * text node, so it is replaced by a short marker -- U+E000, the run's
 * number in decimal, U+E001 -- that the tree builder treats exactly as it
 * would the run (a non-whitespace character where the run starts with
 * one), and html_stash_expand() puts the run back when the tree is read.
 * A run is moved only when the tokenizer would read it as plain
 * characters: in data state (at the start or after a '>'), at least
 * HTML_STASH_MIN bytes between its first and last non-whitespace
 * character, without '&' (a character reference and its name stay), CR,
 * '>', control characters or non-characters (which the tokenizer changes).
 * Pages holding the marker characters, "<![CDATA[" or a <frameset> (where
 * non-whitespace characters are dropped one by one) keep all their text.
 */
#ifndef CC_PARSER_HTML_PRESCAN_H
#define CC_PARSER_HTML_PRESCAN_H

#include "common/cc.h"

#define HTML_PRESCAN_DEPTH 512
#define HTML_PRESCAN_MAX_FORMATTING 16
#define HTML_PRESCAN_MAX_TAGS 400000

struct html_prescan_stats {
    size_t deep;        /* tags removed for depth or unclosed formatting */
    size_t over_cap;    /* tags removed past HTML_PRESCAN_MAX_TAGS */
    size_t kept;        /* start tags kept */
    size_t unstashed;   /* the length returned had nothing been stashed */
};

#define HTML_STASH_MIN 64
#define HTML_STASH_OPEN "\xEE\x80\x80"     /* U+E000 */
#define HTML_STASH_CLOSE "\xEE\x80\x81"    /* U+E001 */

/* Text runs moved out of the markup, numbered from 0. */
struct html_stash {
    struct cc_buf text;     /* the runs, one after another */
    size_t *end;            /* run k ends at text.data + end[k] */
    size_t n, cap;
};

/* Rewrite buf[0..len) in place; returns the new length.  *st (may be
 * NULL) receives what was removed. */
size_t html_prescan_flatten(char *buf, size_t len, size_t max_depth,
                            struct html_prescan_stats *st);
/* The same, also moving long text runs into *stash (initialised here;
 * html_stash_free after the tree is read). */
size_t html_prescan_stash(char *buf, size_t len, size_t max_depth,
                          struct html_prescan_stats *st,
                          struct html_stash *stash);
/* Append s[0..len) to out with every marker replaced by its run (bytes
 * that are not a known marker are copied as they are). */
cc_result html_stash_expand(const struct html_stash *stash, const char *s,
                            size_t len, struct cc_buf *out);
void html_stash_free(struct html_stash *stash);

#endif
