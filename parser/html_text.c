/*
 * parser/html_text.c -- main-text extraction on the plain page tree.
 * See html_tree.h.
 *
 * The steps, in order:
 *   1. subtree statistics: characters, characters inside links;
 *   2. boilerplate: every candidate (nav, header, footer, aside, form,
 *      role=navigation..., class/id such as "related" or "cookie") is
 *      dropped, unless it is a wrapper of the article: it holds an
 *      <article>/<main>/articleBody with a quarter of the page's text and
 *      link density below one half, or it holds the headline <h1>, or
 *      (class/id matches other than comments only) it holds half of the
 *      page's non-link text with link density below 0.3;
 *   3. statistics again without the dropped parts, and each block's own
 *      inline text (text not inside a nested block);
 *   4. readability-style scores: every block with 25+ characters of its
 *      own non-link text scores 1 + commas + length/100 (at most 3) for
 *      its parent, half for the grandparent and a sixth for the next;
 *      candidates start from a tag bonus and the class/id weight, and are
 *      scaled by (1 - link density);
 *   5. the top candidate climbs to its parent while it holds less than
 *      half of the parent's paragraph text (an article split over several
 *      containers); the main content is then an itemprop=articleBody, the
 *      <article> with most text (the <main> around it when it holds less
 *      than half of that <main>: a page in chapters), or <main>/role=main,
 *      when it holds the top candidate or at least half its text; else the
 *      top candidate and those siblings that score at least a fifth of it
 *      (10 at least), are plain paragraphs, or are blocks made of
 *      paragraphs with few links; else (no paragraph anywhere) the whole
 *      body;
 *   6. text layout: blocks become paragraphs, simple table rows become
 *      one line each, link-dense blocks, captions (<figcaption>, short
 *      blocks whose class names a caption or credit) and the headline
 *      <h1> are skipped (the title is reported apart); when nothing comes
 *      out, the choice is laid out again with its link-dense blocks (a
 *      link roll); the lead (paragraphs or a sentence-long <h2> between
 *      the headline and the choice) goes in front.
 */
#include "parser/html_tree.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MIN_PARAGRAPH 25      /* characters of own text that make a paragraph */
#define TEXT_OF_MAX_NODES 20000  /* nodes ht_text_of() looks at */

bool ht_is_block(int tag)
{
    return tag >= HT_BLOCK;
}

void ht_init(struct ht_tree *t, size_t pool_max)
{
    memset(t, 0, sizeof *t);
    cc_buf_init(&t->pool, pool_max);
    t->headline = -1;
}

void ht_free(struct ht_tree *t)
{
    for (size_t i = 0; i < t->ndates; i++)
        free(t->dates[i].value);
    free(t->dates);
    free(t->n);
    cc_buf_free(&t->pool);
    memset(t, 0, sizeof *t);
    t->headline = -1;
}

/* Bytes of the whitespace character at s[0..n): ASCII space, tab, line
 * breaks, and U+00A0 (a no-break space in the source is still a space in
 * the text); 0 when s does not start with one. */
static size_t ws_len(const char *s, size_t n)
{
    if (n && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' ||
              s[0] == '\f'))
        return 1;
    return n >= 2 && s[0] == '\xC2' && s[1] == '\xA0' ? 2 : 0;
}

size_t ht_space_len(const char *s, size_t n)
{
    return ws_len(s, n);
}

/* Append s[0..n) to b with runs of whitespace collapsed to one space;
 * *space carries a pending space between calls.  Stops at max bytes. */
static void add_collapsed(struct cc_buf *b, const char *s, size_t n,
                          bool *space, size_t max)
{
    size_t i = 0;

    while (i < n && b->len < max) {
        size_t j = i, w = ws_len(s + i, n - i);

        if (w) {
            *space = true;
            i += w;
            continue;
        }
        while (j < n && !ws_len(s + j, n - j))
            j++;
        if (*space && b->len > 0)
            cc_buf_addc(b, ' ');
        *space = false;
        if (j - i > max - b->len)
            j = i + (max - b->len);
        /* never cut inside a UTF-8 sequence */
        while (j > i && j < n && ((unsigned char)s[j] & 0xC0) == 0x80)
            j--;
        if (j == i)
            break;
        cc_buf_add(b, s + i, j - i);
        i = j;
    }
}

void ht_text_of(const struct ht_tree *t, int32_t i, struct cc_buf *b,
                size_t max)
{
    bool space = false;
    size_t limit = b->len + max;

    if (i < 0 || (size_t)i >= t->count)
        return;
    for (int32_t k = i; k < t->n[i].end && b->len < limit &&
                        k - i < TEXT_OF_MAX_NODES;
         k++) {
        const struct ht_node *n = &t->n[k];

        if (n->tag == HT_TEXT)
            add_collapsed(b, t->pool.data + n->off, n->len, &space, limit);
        else if (n->tag == HT_BR || ht_is_block(n->tag))
            space = true;
    }
}

/* ---- statistics ----------------------------------------------------- */

/* Subtree characters and link characters; dead nodes count when
 * !effective.  Also sets HTF_HASBLOCK on the raw pass. */
static void stats(struct ht_tree *t, bool effective)
{
    for (size_t i = 0; i < t->count; i++) {
        struct ht_node *n = &t->n[i];

        if (n->tag == HT_TEXT) {
            n->text = n->chars;
            n->link = (n->flags & HTF_INLINK) ? n->chars : 0;
        } else {
            n->text = n->link = 0;
        }
    }
    for (size_t i = t->count; i-- > 0;) {
        struct ht_node *n = &t->n[i];
        struct ht_node *p;

        if (effective && (n->flags & HTF_DEAD))
            continue;
        if (n->tag == HT_A)
            n->link = n->text;
        if (n->parent < 0)
            continue;
        p = &t->n[n->parent];
        p->text += n->text;
        p->link += n->link;
        if (!effective &&
            ((ht_is_block(n->tag) && n->tag != HT_TD && n->tag != HT_TR &&
              n->tag != HT_TBODY) ||
             (n->flags & HTF_HASBLOCK)))
            p->flags |= HTF_HASBLOCK;
    }
}

static uint32_t content(const struct ht_node *n)
{
    return n->text > n->link ? n->text - n->link : 0;
}

static int32_t find_body(const struct ht_tree *t)
{
    for (size_t i = 0; i < t->count && i < 8; i++)
        if (t->n[i].tag == HT_BODY)
            return (int32_t)i;
    return t->count ? 0 : -1;
}

static bool protected_tag(int tag)
{
    return tag == HT_ARTICLE || tag == HT_MAIN || tag == HT_BODY ||
           tag == HT_HTML;
}

static bool structural(const struct ht_node *n)
{
    return n->tag == HT_ARTICLE || n->tag == HT_MAIN ||
           (n->flags & (HTF_ARTICLEBODY | HTF_MAINROLE));
}

/* Step 2: decide which boilerplate candidates die. */
static void mark_boilerplate(struct ht_tree *t, int32_t body)
{
    uint32_t total = body >= 0 ? t->n[body].text : 0;
    uint32_t content_total = body >= 0 ? content(&t->n[body]) : 0;
    int32_t big[16];
    size_t nbig = 0;

    /* readable structural elements holding a good share of the text */
    for (size_t i = 0; i < t->count && nbig < 16; i++) {
        const struct ht_node *n = &t->n[i];

        if (structural(n) && total > 0 && n->text * 4 >= total &&
            n->link * 2 < n->text)
            big[nbig++] = (int32_t)i;
    }
    for (size_t i = 0; i < t->count; i++) {
        struct ht_node *n = &t->n[i];
        bool rescue = false;

        if (n->parent >= 0 && (t->n[n->parent].flags & HTF_DEAD)) {
            n->flags |= HTF_DEAD;
            continue;
        }
        if (!(n->flags & HTF_BOILER) || protected_tag(n->tag) ||
            (n->flags & HTF_ARTICLEBODY))
            continue;
        /* a wrapper of the article, not furniture */
        for (size_t k = 0; k < nbig && !rescue; k++)
            if (ht_within(t, (int32_t)i, big[k]))
                rescue = true;
        /* it holds the headline: a page wrapper with an unlucky class
         * name, or an <aside>/<header> the article was put in */
        if (ht_within(t, (int32_t)i, t->headline))
            rescue = true;
        /* a class name used as a script hook on the article's wrapper */
        if (!(n->flags & (HTF_BOILER_TAG | HTF_BOILER_COMMENT)) &&
            content(n) * 2 >= content_total && n->link * 10 < n->text * 3)
            rescue = true;
        if (!rescue)
            n->flags |= HTF_DEAD;
    }
}

/* Step 3b: own inline text of each block. */
static void own_text(struct ht_tree *t)
{
    for (size_t i = 0; i < t->count; i++) {
        struct ht_node *n = &t->n[i];

        n->own = n->own_link = n->own_commas = 0;
    }
    for (size_t i = 0; i < t->count; i++) {
        struct ht_node *n = &t->n[i];
        struct ht_node *b;

        if (n->tag != HT_TEXT || (n->flags & HTF_DEAD) || n->blk < 0)
            continue;
        b = &t->n[n->blk];
        b->own += n->chars;
        b->own_commas += n->commas;
        if (n->flags & HTF_INLINK)
            b->own_link += n->chars;
    }
}

static float tag_bonus(int tag)
{
    switch (tag) {
    case HT_BLOCK:
        return 5;
    case HT_PRE:
    case HT_TD:
    case HT_BLOCKQUOTE:
        return 3;
    case HT_ADDRESS:
    case HT_OL:
    case HT_UL:
    case HT_DL:
    case HT_DD:
    case HT_DT:
    case HT_LI:
    case HT_FORM:
        return -3;
    case HT_H1:
    case HT_H2:
    case HT_H3:
    case HT_H4:
    case HT_H5:
    case HT_H6:
        return -5;
    default:
        return 0;
    }
}

static bool paragraph_tag(int tag)
{
    switch (tag) {
    case HT_P:
    case HT_PRE:
    case HT_BLOCKQUOTE:
    case HT_LI:
    case HT_DD:
    case HT_DT:
    case HT_TD:
    case HT_ADDRESS:
    case HT_FIGCAPTION:
    case HT_CAPTION:
        return true;
    default:
        return false;
    }
}

static bool heading(int tag)
{
    return tag >= HT_H1 && tag <= HT_H6;
}

/* Step 4: scores; returns the top candidate or -1. */
static int32_t score(struct ht_tree *t)
{
    int32_t top = -1;

    for (size_t i = 0; i < t->count; i++) {
        struct ht_node *n = &t->n[i];
        uint32_t own;
        float s;
        int32_t target;

        n->score = 0;
        n->ptext = 0;
        n->flags &= (uint16_t)~HTF_SCORED;
        if (n->tag == HT_TEXT || (n->flags & HTF_DEAD) ||
            !ht_is_block(n->tag) || heading(n->tag))
            continue;
        own = n->own > n->own_link ? n->own - n->own_link : 0;
        if (own < MIN_PARAGRAPH)
            continue;
        n->ptext = own;
        s = 1.0f + (float)n->own_commas +
            (own / 100 > 3 ? 3.0f : (float)(own / 100));
        target = paragraph_tag(n->tag) ? n->parent : (int32_t)i;
        for (int level = 0; level < 3 && target >= 0; level++) {
            struct ht_node *c = &t->n[target];

            if (!(c->flags & HTF_SCORED)) {
                /* ancestors precede i, so their score is not reset later */
                c->flags |= HTF_SCORED;
                c->score = tag_bonus(c->tag) + c->weight;
            }
            c->score += s / (level == 0 ? 1.0f : level == 1 ? 2.0f : 6.0f);
            target = c->parent;
        }
    }
    for (size_t i = t->count; i-- > 1;)
        if (t->n[i].parent >= 0 && !(t->n[i].flags & HTF_DEAD))
            t->n[t->n[i].parent].ptext += t->n[i].ptext;
    for (size_t i = 0; i < t->count; i++) {
        struct ht_node *n = &t->n[i];

        if (!(n->flags & HTF_SCORED) || (n->flags & HTF_DEAD))
            continue;
        if (n->text > 0)
            n->score *= 1.0f - (float)n->link / (float)n->text;
        if (top < 0 || n->score > t->n[top].score)
            top = (int32_t)i;
    }
    return top;
}

/* Step 5a: climb from the top candidate while it holds less than half of
 * its parent's paragraph text and the parent is not link-heavy: the
 * article's paragraphs were spread over several containers. */
static int32_t climb(const struct ht_tree *t, int32_t top)
{
    while (top >= 0) {
        int32_t a = t->n[top].parent;

        if (a < 0 || t->n[a].tag == HT_BODY || t->n[a].tag == HT_HTML ||
            t->n[a].parent < 0)
            break;
        if (t->n[a].ptext <= 2 * t->n[top].ptext ||
            t->n[a].link * 3 >= t->n[a].text)
            break;
        top = a;
    }
    return top;
}

/* Step 5b: the best structural element, or -1.  *anchor receives the
 * element the page's dates and headline are ranked by when it is not the
 * one returned (the biggest <article> of a <main> read whole), else -1. */
static int32_t structural_choice(const struct ht_tree *t, int32_t *anchor)
{
    int32_t best[3] = {-1, -1, -1};   /* articleBody, article, main */

    *anchor = -1;

    for (size_t i = 0; i < t->count; i++) {
        const struct ht_node *n = &t->n[i];
        int k;

        if ((n->flags & HTF_DEAD) || content(n) == 0)
            continue;
        if (n->flags & HTF_ARTICLEBODY)
            k = 0;
        else if (n->tag == HT_ARTICLE)
            k = 1;
        else if (n->tag == HT_MAIN || (n->flags & HTF_MAINROLE))
            k = 2;
        else
            continue;
        if (best[k] < 0 || content(n) > content(&t->n[best[k]]))
            best[k] = (int32_t)i;
    }
    /* the page's text split over several <article> sections of one
     * <main> (a feature in chapters): the <main> is the content when the
     * biggest article holds less than half of it and it is not a list of
     * links */
    if (best[0] < 0 && best[1] >= 0 && best[2] >= 0 &&
        ht_within(t, best[2], best[1]) &&
        content(&t->n[best[1]]) * 2 < content(&t->n[best[2]]) &&
        t->n[best[2]].link * 4 < t->n[best[2]].text) {
        *anchor = best[1];
        return best[2];
    }
    for (int k = 0; k < 3; k++)
        if (best[k] >= 0 && content(&t->n[best[k]]) >= MIN_PARAGRAPH)
            return best[k];
    return -1;
}

#define LEAD_MAX 8            /* lead paragraphs taken before the text */
#define LEAD_MIN_CHARS 60
#define FALLBACK_BELOW 500   /* bytes of main text that look like a miss */
#define FALLBACK_PAGE 1000   /* ... on a page with this much kept text */
#define CAPTION_MAX 400      /* a class-named caption longer is a wrapper */
#define CAPTION_PARAGRAPH 120  /* a <p> this long in it is not a caption */

/* ---- layout ----------------------------------------------------------- */

/* The current block's text, collapsed as it is appended (runs of
 * whitespace become one space, none at the start; a trailing one stays
 * pending in emit.blk_space).  raw_len counts the bytes appended before
 * collapsing, against raw_max, so a block is cut exactly where a buffer
 * of the raw text with that maximum would have refused more. */
struct blkbuf {
    char *data;            /* NUL-terminated when cap > 0 */
    size_t len, cap;
    size_t raw_len, raw_max;
};

struct emit {
    struct cc_buf *out;
    struct blkbuf blk;     /* current block, collapsed */
    bool blk_space;        /* a space is pending after blk */
    uint32_t blk_chars, blk_link;
    int cell_depth;        /* > 0 inside a cell of a simple row */
    bool row;              /* inside a simple table row */
    int cells;
    int brs;               /* consecutive <br> */
    bool last_row;         /* the last thing written was a row */
    bool heading;          /* the current block is a heading */
    struct cc_buf pending; /* a heading waiting for text to follow */
    bool lenient;          /* keep link-dense blocks (a second try) */
    cc_result result;
};

static void blk_init(struct blkbuf *b, size_t raw_max)
{
    memset(b, 0, sizeof *b);
    b->raw_max = raw_max;
}

static void blk_free(struct blkbuf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

static void blk_reset(struct emit *e)
{
    e->blk.len = e->blk.raw_len = 0;
    if (e->blk.data)
        e->blk.data[0] = '\0';
    e->blk_space = false;
}

/* Count n raw bytes against raw_max and make room for them collapsed
 * (at most n bytes and a pending space) and a NUL; false when a raw
 * buffer of raw_max would have refused them (nothing is added then). */
static bool blk_room(struct blkbuf *b, size_t n)
{
    if (n > b->raw_max || b->raw_len > b->raw_max - n)
        return false;
    b->raw_len += n;
    if (b->len + n + 2 > b->cap) {
        size_t ncap = b->cap ? b->cap : 256;

        while (ncap < b->len + n + 2)
            ncap *= 2;
        b->data = cc_realloc(b->data, ncap);
        b->cap = ncap;
    }
    return true;
}

/* 1: ASCII whitespace; 2: the lead byte of U+00A0 (C2 A0), see ws_len */
static const unsigned char ws_class[256] = {
    ['\t'] = 1, ['\n'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1, [0xC2] = 2,
};

/* Append s[0..n) to the current block with whitespace collapsed: the
 * same text add_collapsed() makes of the whole raw block at once (a
 * text node never ends inside a UTF-8 sequence, so no C2 A0 is split
 * between two appends). */
static void blk_add(struct emit *e, const char *s, size_t n)
{
    struct blkbuf *b = &e->blk;
    const unsigned char *p = (const unsigned char *)s;
    bool space = e->blk_space;
    char *d, *start;
    size_t i = 0;

    if (!blk_room(b, n))
        return;
    start = b->data;
    d = b->data + b->len;
    while (i < n) {
        unsigned char c = p[i];
        unsigned char w = ws_class[c];

        if (w == 1) {
            space = true;
            i++;
            continue;
        }
        if (w == 2 && i + 1 < n && p[i + 1] == 0xA0) {
            space = true;
            i += 2;
            continue;
        }
        if (space && d > start)
            *d++ = ' ';
        space = false;
        *d++ = (char)c;
        i++;
    }
    *d = '\0';
    b->len = (size_t)(d - start);
    e->blk_space = space;
}

/* blk_add() of a text node flagged HTF_CLEAN: nothing to collapse. */
static void blk_add_clean(struct emit *e, const char *s, size_t n)
{
    struct blkbuf *b = &e->blk;

    if (!blk_room(b, n))
        return;
    if (e->blk_space && b->len > 0)
        b->data[b->len++] = ' ';
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    e->blk_space = false;
}

static void put(struct emit *e, const char *s, size_t n, const char *sep)
{
    if (e->result == CC_OK && e->out->len > 0)
        e->result = cc_buf_addstr(e->out, sep);
    if (e->result == CC_OK)
        e->result = cc_buf_add(e->out, s, n);
}

/* Does s[0..n) start with label l (ASCII case folded)?  A label ending
 * in a letter must end a word there ("Kontakt" but not "Kontaktlinsen"). */
static bool starts_label(const char *s, size_t n, const char *l)
{
    size_t k = strlen(l);
    unsigned char c, last;

    if (n < k || strncasecmp(s, l, k) != 0)
        return false;
    last = (unsigned char)l[k - 1];
    if (n == k || !((last | 0x20) >= 'a' && (last | 0x20) <= 'z'))
        return true;
    c = (unsigned char)s[k];
    return !(((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80 ||
             (c >= '0' && c <= '9'));
}

/* Is s[0..n) a short picture credit ("Foto: dpa", "Bild: Stefan M.",
 * "© Reuters", "(Credit: X / Y)", "Name Getty Images")? */
static bool credit_line(const char *s, size_t n)
{
    static const char *const labels[] = {
        "foto:", "fotos:", "foto ", "bild:", "bilder:", "photo:", "photos:",
        "image:", "credit:", "credits:", "titelbild:", "bildquelle:",
        "fotoquelle:", "\xc2\xa9", "photograph by", "photo by",
        "cr\xc3\xa9" "dits photos", "cr\xc3\xa9" "dit photo", "(credit",
        "(cr\xc3\xa9" "dito", "(foto", "(photo", "(bild", "(quelle: foto",
        "beitragsbild", "symbolbild", "abbildung", "(c) ",
    };
    static const char *const tails[] = {
        "getty images", "wenn.com", "istock.com", "(symbolbild).",
        "(symbolbild)", "bild via", "shutterstock",
    };

    if (n > 200)
        return false;
    for (size_t k = 0; k < sizeof labels / sizeof *labels && n <= 100; k++)
        if (starts_label(s, n, labels[k]))
            return true;
    for (size_t k = 0; k < sizeof tails / sizeof *tails; k++) {
        size_t l = strlen(tails[k]);

        if (n >= l && strncasecmp(s + n - l, tails[k], l) == 0)
            return true;
    }
    /* a caption that carries a credit: "... © AFP / NAME",
     * "... (Foto: Getty)" */
    if (n <= 200) {
        static const char *const marks[] = {
            "\xc2\xa9", "(C) ", "(Foto:", "(Foto ", " Foto: ", " Bild: ",
            "(Bild:", "Getty Images", "/Reuters", "Reuters files", "iStock",
            " photo: ", "(Photo:", "(Credit:",
        };

        for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
            if (memmem(s, n, marks[k], strlen(marks[k])) != NULL)
                return true;
    }
    return false;
}

/* Is s[0..n) a short line of page furniture: a share, print, comment or
 * subscription prompt, a "related" or "contact" label, an advert marker,
 * a reading time? */
static bool furniture_line(const char *s, size_t n)
{
    static const char *const labels[] = {
        /* related reading, labels of dropped boxes */
        "mehr zum thema", "auch interessant", "das k\xc3\xb6nnte sie auch",
        "das k\xc3\xb6nnte dich auch", "das thema k\xc3\xb6nnte",
        "schon gelesen?", "zum weiterlesen", "lesen sie auch",
        "weitere artikel", "weitere beitr\xc3\xa4ge", "\xc3\xa4hnliche beitr",
        "verwandte themen", "kommentierte artikel", "related articles",
        "related posts", "related stories", "read more", "read also",
        "see also", "you may also like", "you might also like",
        "more from", "weitere informationen", "quellenangaben:",
        "quellen ausblenden", "originalartikel:", "zusatzinformationen:",
        "inhaltsverzeichnis", "table of contents", "erschienen in",
        "vorschau auf den n\xc3\xa4" "chsten", "permalien", "permalink",
        /* contact, author */
        "kontakt", "ansprechpartner", "pressesprecher", "pressekontakt",
        "\xc3\xbc" "ber den autor", "\xc3\x9c" "ber den autor",
        "fragen an den autor", "about the author", "verfasst von:",
        /* share, print, rate, comments */
        "jetzt teilen", "news teilen", "artikel teilen", "teilen:",
        "share this", "share:", "share on", "tweet", "drucken",
        "rezept drucken", "drukuj", "print this", "bild anzeigen",
        "m\xc3\xb6" "chten sie den artikel teilen",
        "war der artikel n\xc3\xbctzlich", "war dieser artikel",
        "hier k\xc3\xb6nnen sie den artikel bewerten",
        "(noch keine bewertungen)", "noch keine bewertungen",
        "kommentare schreiben", "keine kommentare", "kommentar schreiben",
        "leave a comment", "leave a reply", "no comments",
        "this entry was posted", "bookmark the permalink",
        "sie sind aktuell nicht eingeloggt", "mitglieder in diesem forum",
        "klicken sie auf den unteren button",
        /* subscription, newsletter, donations */
        "zum newsletter", "newsletter abonnieren", "newsletter anmelden",
        "jetzt newsletter", "subscribe", "sign up for", "sign up to",
        "get the latest news", "never miss", "we rely on your support",
        "help us continue", "unterst\xc3\xbctze ", "unterst\xc3\xbctzen sie",
        "jede kleine spende", "werden sie mitglied", "do you want to be",
        "zapraszamy te\xc5\xbc do subskrypcji",
        /* adverts, rights */
        "anzeige", "- anzeige", "*werbung", "werbung:", "advertisement",
        "materia\xc5\x82 chroniony prawem", "sofern nicht anders ausgewiesen",
        "alle angaben ohne gew\xc3\xa4hr", "(alle angaben ohne gew\xc3\xa4hr",
        "video verf\xc3\xbc" "gbar bis", "release date:",
        "dieser text wurde ver\xc3\xb6" "ffentlicht unter",
        "dieser beitrag gibt die meinung",
        "bei diesem beitrag handelt es sich", "suggested citation",
        /* more labels and prompts */
        "verwandte themenbereiche", "\xc3\xa4hnliche beitr\xc3\xa4ge",
        "\xc3\x84hnliche beitr\xc3\xa4ge", "ansprechpartnerin", "zum shop",
        "noch mehr infos", "weitere infos", "quelle:", "quellen:",
        "\xc5\xb9r\xc3\xb3" "d\xc5\x82o:", "darstellung:", "themen:",
        "kategorie:", "category:", "tags:", "schlagworte:", "news date",
        "submit your letter", "for the latest stories", "receive our",
        "if you enjoyed", "wenn ihnen unser artikel", "bei fragen und anregungen",
        "lust auf mehr?", "siguenos", "s\xc3\xadguenos", "nos siga",
        "\xc2\xa1mira", "to view the full story", "pour lire la suite",
        "if you\xe2\x80\x99re seeing this", "if you're seeing this",
        "vergr\xc3\xb6\xc3\x9f" "ern", "pubblicato il", "ultima modifica",
        "publi\xc3\xa9 le", "ver\xc3\xb6" "ffentlicht am", "aktualisiert am",
        "aktualisiert:", "publiziert:", "hazte miembro", "mit diesem button",
        "lesen sie das", "first-time subscribers", "czytasz w\xc5\x82" "a\xc5\x9bnie",
        "dieses skript als pdf", "als pdf herunterladen",
    };

    if (n > 200)
        return false;
    for (size_t k = 0; k < sizeof labels / sizeof *labels; k++)
        if (starts_label(s, n, labels[k]))
            return true;
    /* a reading time: "11 minut czytania", "5 min read" */
    if (n <= 30 && n > 0 && s[0] >= '0' && s[0] <= '9') {
        size_t i = 0;

        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i + 4 <= n && strncasecmp(s + i, " min", 4) == 0)
            return true;
    }
    return false;
}

/* Is the byte a letter of a word (ASCII letter or part of a UTF-8
 * sequence)? */
static bool word_byte(unsigned char c)
{
    return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
}

/* Is s[0..n) a short dateline alone ("23.10.2018", "Dienstag, 4. Juni
 * 2019, 15:54", "Aktualisiert: 11.04.2020, 10:27"): a year and at most
 * three words? */
static bool dateline(const char *s, size_t n)
{
    int words = 0;
    bool year = false;

    if (n > 50)
        return false;
    for (size_t i = 0; i < n;) {
        size_t j = i;

        if (word_byte((unsigned char)s[i])) {
            while (j < n && word_byte((unsigned char)s[j]))
                j++;
            words++;
        } else if (s[i] >= '0' && s[i] <= '9') {
            while (j < n && s[j] >= '0' && s[j] <= '9')
                j++;
            /* not the last group of a telephone number */
            if (j - i == 4 && (i == 0 || s[i - 1] != '-') &&
                (memcmp(s + i, "199", 3) == 0 || memcmp(s + i, "20", 2) == 0))
                year = true;
        } else {
            j++;
        }
        i = j;
    }
    return year && words <= 3;
}

/* End the current block.  A heading is held back until some text follows
 * it: the heading of a dropped list ("Related news", "Mehr zum Thema") or
 * a heading at the end goes with it. */
static void flush(struct emit *e, bool is_row)
{
    bool is_heading = e->heading;
    const char *s = e->blk.data;
    size_t len = e->blk.len;

    e->heading = false;
    if (len == 0 || e->blk_chars == 0 ||
        (!is_row && !e->lenient && e->blk_link * 2 > e->blk_chars)) {
        blk_reset(e);
        e->blk_chars = e->blk_link = 0;
        return;
    }
    if (!is_row && (credit_line(s, len) || furniture_line(s, len) ||
                    dateline(s, len)))
        len = 0;
    if (len > 0 && is_heading) {
        cc_buf_reset(&e->pending);
        cc_buf_add(&e->pending, s, len);
    } else if (len > 0) {
        if (e->pending.len > 0) {
            put(e, e->pending.data, e->pending.len, "\n\n");
            cc_buf_reset(&e->pending);
            e->last_row = false;
        }
        put(e, s, len, is_row && e->last_row ? "\n" : "\n\n");
        e->last_row = is_row;
    }
    blk_reset(e);
    e->blk_chars = e->blk_link = 0;
}

static void add_text(struct emit *e, const struct ht_tree *t,
                     const struct ht_node *n)
{
    if (n->flags & HTF_CLEAN)
        blk_add_clean(e, t->pool.data + n->off, n->len);
    else
        blk_add(e, t->pool.data + n->off, n->len);
    e->blk_chars += n->chars;
    if (n->flags & HTF_INLINK)
        e->blk_link += n->chars;
    if (n->chars)
        e->brs = 0;
}

/* Is node i a short block whose class names a caption or credit?  One
 * holding a real paragraph is the description panel of a video page or
 * a teaser. */
static bool class_caption(const struct ht_tree *t, int32_t i)
{
    if (!(t->n[i].flags & HTF_CAPTION) || t->n[i].text > CAPTION_MAX)
        return false;
    for (int32_t k = i + 1; k < t->n[i].end; k++)
        if (t->n[k].tag == HT_P && t->n[k].own >= CAPTION_PARAGRAPH)
            return false;
    return true;
}

/* Returns whether to descend into node i. */
static bool enter(struct emit *e, const struct ht_tree *t, int32_t root,
                  int32_t i)
{
    const struct ht_node *n = &t->n[i];

    if (n->tag == HT_TEXT) {
        add_text(e, t, n);
        return false;
    }
    /* captions and photo credits repeat or label the pictures */
    if ((n->flags & (HTF_DEAD | HTF_HEADLINE)) || n->tag == HT_IMG ||
        ((n->tag == HT_FIGCAPTION || class_caption(t, i)) && i != root))
        return false;
    if (i != root && ht_is_block(n->tag) && n->tag != HT_TD &&
        n->tag != HT_TR && n->tag != HT_TBODY && !e->lenient &&
        n->link * 2 > n->text)
        return false;
    if (n->tag == HT_BR) {
        blk_add(e, " ", 1);
        if (e->cell_depth == 0 && ++e->brs >= 2)
            flush(e, false);
        return false;
    }
    if (!ht_is_block(n->tag))
        return true;
    if (n->tag == HT_TR && !(n->flags & HTF_HASBLOCK) && e->cell_depth == 0) {
        flush(e, false);
        e->row = true;
        e->cells = 0;
        return true;
    }
    if (n->tag == HT_TD && e->row) {
        if (e->cells++ > 0)
            blk_add(e, " | ", 3);
        e->cell_depth++;
        return true;
    }
    if (e->cell_depth > 0)
        blk_add(e, " ", 1);
    else
        flush(e, false);
    return true;
}

static void leave(struct emit *e, const struct ht_tree *t, int32_t i)
{
    const struct ht_node *n = &t->n[i];

    if (!ht_is_block(n->tag))
        return;
    if (n->tag == HT_TR && e->row && e->cell_depth == 0) {
        flush(e, true);
        e->row = false;
        return;
    }
    if (n->tag == HT_TD && e->row && e->cell_depth > 0) {
        e->cell_depth--;
        return;
    }
    if (e->cell_depth > 0) {
        blk_add(e, " ", 1);
    } else {
        e->heading = heading(n->tag);
        flush(e, false);
    }
}

/* Lay out the subtree of root (iteratively). */
static void emit_subtree(struct emit *e, const struct ht_tree *t,
                         int32_t root)
{
    int32_t i = root;

    for (;;) {
        bool down = enter(e, t, root, i);

        if (down && t->n[i].first >= 0) {
            i = t->n[i].first;
            continue;
        }
        if (down)
            leave(e, t, i);
        while (i != root && t->n[i].next < 0) {
            i = t->n[i].parent;
            leave(e, t, i);
        }
        if (i == root)
            break;
        i = t->n[i].next;
    }
    flush(e, false);
    e->row = false;
    e->cell_depth = 0;
}

/* Should sibling s of the top candidate join the main content? */
static bool good_sibling(const struct ht_tree *t, int32_t top, int32_t s)
{
    const struct ht_node *n = &t->n[s];
    float threshold = t->n[top].score * 0.2f;

    if (s == top)
        return true;
    if (n->tag == HT_TEXT || (n->flags & HTF_DEAD) || n->text == 0)
        return false;
    if (threshold < 10)
        threshold = 10;
    if ((n->flags & HTF_SCORED) && n->score >= threshold)
        return true;
    if (n->tag == HT_P || n->tag == HT_BLOCKQUOTE) {
        uint32_t c = content(n);

        if (c >= 80 && n->link * 4 < n->text)
            return true;
        if (c >= MIN_PARAGRAPH && n->link == 0)
            return true;
    }
    /* a block made of paragraphs (the article continued in a sibling
     * container) */
    return ht_is_block(n->tag) && n->ptext >= MIN_PARAGRAPH &&
           n->ptext * 2 >= content(n) && n->link * 4 < n->text;
}

static bool dead_above(const struct ht_tree *t, int32_t i)
{
    for (int32_t k = i; k >= 0; k = t->n[k].parent)
        if (t->n[k].flags & HTF_DEAD)
            return true;
    return false;
}

/* The lead: paragraphs between the headline and the main content (a
 * "hero" or teaser block beside the share buttons) belong to the article.
 * Without a headline, the paragraphs before the main content inside its
 * grandparent (a news record's teaser above its body) are the lead.
 * They are put in front of out. */
static cc_result add_lead(const struct ht_tree *t, int32_t root,
                          struct cc_buf *out)
{
    struct cc_buf lead;
    struct emit e;
    int32_t h = t->headline, n = 0, from;
    cc_result result;

    if (h < 0) {
        int32_t gp = t->n[root].parent;

        gp = gp >= 0 ? t->n[gp].parent : -1;
        if (gp < 0 || t->n[gp].tag == HT_BODY || t->n[gp].tag == HT_HTML)
            return CC_OK;
        from = gp + 1;
    } else if (t->n[h].end > root || ht_within(t, root, h)) {
        return CC_OK;
    } else {
        from = t->n[h].end;
    }
    memset(&e, 0, sizeof e);
    cc_buf_init(&lead, out->max);
    e.out = &lead;
    blk_init(&e.blk, t->pool.len + 16);
    cc_buf_init(&e.pending, t->pool.len + 16);
    for (int32_t i = from; i < root && n < LEAD_MAX; i++) {
        const struct ht_node *p = &t->n[i];

        /* a sentence-long <h2> after the headline is its subheadline */
        if ((p->tag == HT_P || p->tag == HT_H2) &&
            content(p) >= LEAD_MIN_CHARS && p->link * 4 < p->text &&
            !dead_above(t, i)) {
            emit_subtree(&e, t, i);
            if (e.pending.len > 0) {
                put(&e, e.pending.data, e.pending.len, "\n\n");
                cc_buf_reset(&e.pending);
            }
            n++;
            i = p->end - 1;
        }
    }
    result = e.result;
    if (result == CC_OK && lead.len > 0) {
        if (out->len > 0)
            result = cc_buf_addstr(&lead, "\n\n");
        if (result == CC_OK)
            result = cc_buf_add(&lead, out->data, out->len);
        if (result == CC_OK) {
            cc_buf_reset(out);
            result = cc_buf_add(out, lead.data, lead.len);
        }
    }
    cc_buf_free(&lead);
    blk_free(&e.blk);
    cc_buf_free(&e.pending);
    return result;
}

cc_result ht_extract(struct ht_tree *t, struct cc_buf *out, int32_t *root)
{
    struct emit e;
    int32_t body, top, s, anchor;

    *root = -1;
    if (t->count == 0)
        return CC_OK;
    body = find_body(t);
    stats(t, false);
    mark_boilerplate(t, body);
    stats(t, true);
    own_text(t);
    top = climb(t, score(t));
    s = structural_choice(t, &anchor);
    memset(&e, 0, sizeof e);
    e.out = out;
    blk_init(&e.blk, t->pool.len + 3 * t->count + 16);
    cc_buf_init(&e.pending, t->pool.len + 16);
    if (s >= 0 && (top < 0 || ht_within(t, s, top) ||
                   content(&t->n[s]) * 2 >= content(&t->n[top]))) {
        *root = s;
        emit_subtree(&e, t, s);
    } else if (top >= 0 && t->n[top].parent >= 0 &&
               t->n[top].tag != HT_BODY && t->n[top].tag != HT_HTML) {
        *root = top;
        for (int32_t c = t->n[t->n[top].parent].first; c >= 0;
             c = t->n[c].next)
            if (good_sibling(t, top, c))
                emit_subtree(&e, t, c);
    } else if (top >= 0) {
        *root = top;
        emit_subtree(&e, t, top);
    } else if (body >= 0) {
        emit_subtree(&e, t, body);
    }
    /* a chosen block this small on a page with much more text was a
     * wrong pick (a teaser, a product box): the page's kept text is the
     * better answer */
    if (e.result == CC_OK && body >= 0 && *root != body &&
        out->len < FALLBACK_BELOW && content(&t->n[body]) >= FALLBACK_PAGE &&
        content(&t->n[body]) > 8 * out->len) {
        cc_buf_reset(out);
        cc_buf_reset(&e.pending);
        e.last_row = false;
        *root = body;
        emit_subtree(&e, t, body);
    }
    /* nothing came out of a chosen block with text: it is made of links
     * (a link roll, a list of sources) or wrapped in one link-dense
     * container; its text is still the page's best answer */
    if (e.result == CC_OK && out->len == 0 && body >= 0 &&
        content(&t->n[*root >= 0 ? *root : body]) >= MIN_PARAGRAPH) {
        cc_buf_reset(&e.pending);
        e.last_row = false;
        e.lenient = true;
        emit_subtree(&e, t, *root >= 0 ? *root : body);
    }
    if (e.result == CC_OK && *root >= 0)
        e.result = add_lead(t, *root, out);
    if (anchor >= 0 && *root == s)
        *root = anchor;
    blk_free(&e.blk);
    cc_buf_free(&e.pending);
    return e.result;
}
