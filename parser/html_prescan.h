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
};

/* Rewrite buf[0..len) in place; returns the new length.  *st (may be
 * NULL) receives what was removed. */
size_t html_prescan_flatten(char *buf, size_t len, size_t max_depth,
                            struct html_prescan_stats *st);

#endif
